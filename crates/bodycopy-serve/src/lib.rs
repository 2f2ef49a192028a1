//! The bodycopy HTTP service and its playground.
//!
//! [`router`] builds the axum application from a [`ServeConfig`]; [`serve`] runs
//! it on a listener until a shutdown future resolves, finishing the requests in
//! flight. Handlers only translate: requests into a [`bodycopy::Config`] and a page
//! (inline HTML, or a URL fetched through [`bodycopy_fetch`] under the
//! configured [`AddressPolicy`]), results into responses. Extraction and fetching
//! run on tokio's blocking pool, never on the async workers, at most
//! [`ServeConfig::max_concurrency`] at a time, each within
//! [`ServeConfig::request_timeout`].
//!
//! ```no_run
//! # async fn run() -> std::io::Result<()> {
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await?;
//! bodycopy_serve::serve(listener, bodycopy_serve::ServeConfig::default(), bodycopy_serve::shutdown_signal()).await
//! # }
//! ```

mod api;
pub mod error;
pub mod input;
pub mod metrics;

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::DefaultBodyLimit;
use axum::http::Method;
use axum::routing::{get, MethodRouter};
use axum::Router;
use bodycopy::Limits;
pub use bodycopy_fetch::{AddressPolicy, FetchOptions};
use tokio::sync::Semaphore;

/// The OpenAPI 3 document served at `/openapi.json` (hand-written; a test checks it
/// against [`routes`]).
pub const OPENAPI: &str = include_str!("openapi.json");

/// The playground page served at `/` (inline CSS and JS, no external assets).
pub const PLAYGROUND: &str = include_str!("playground.html");

/// Service settings. Every field documents its default.
#[derive(Clone, Debug)]
pub struct ServeConfig {
    /// Largest request body, in bytes; more is a 413. Default: 10 MiB.
    pub max_body_bytes: usize,
    /// Extractions (fetch included) running at once; one more is a 503. Default: 2 × the CPUs.
    pub max_concurrency: usize,
    /// Time budget of one extraction request, fetch included; over it is a 504. Default: 20 s.
    pub request_timeout: Duration,
    /// Fetch settings for `url` requests. Default: 10 s timeout, 10 MiB, 5 redirects.
    pub fetch: FetchOptions,
    /// Which addresses URL fetches may connect to. Default: public addresses only.
    pub address_policy: AddressPolicy,
}

impl Default for ServeConfig {
    fn default() -> Self {
        let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
        ServeConfig {
            max_body_bytes: 10 * 1024 * 1024,
            max_concurrency: 2 * cpus,
            request_timeout: Duration::from_secs(20),
            fetch: FetchOptions {
                timeout: Duration::from_secs(10),
                max_bytes: 10 * 1024 * 1024,
                max_redirects: 5,
            },
            address_policy: AddressPolicy::public_only(),
        }
    }
}

impl ServeConfig {
    /// The library's limits for one page: the larger of the body and fetch caps,
    /// and the request's time budget.
    fn limits(&self) -> Limits {
        Limits {
            max_input_bytes: self.max_body_bytes.max(self.fetch.max_bytes),
            time_budget: self.request_timeout,
            ..Limits::default()
        }
    }
}

/// State shared by the handlers.
#[derive(Debug)]
struct Shared {
    config: ServeConfig,
    limits: Limits,
    slots: Arc<Semaphore>,
    metrics: metrics::Metrics,
}

type App = Arc<Shared>;

/// Every route: method, path and handler. The router is built from this table and
/// [`routes`] lists it, so the OpenAPI test sees exactly what is served.
fn route_table() -> Vec<(Method, &'static str, MethodRouter<App>)> {
    use axum::routing::post;
    vec![
        (Method::GET, "/", get(api::playground)),
        (Method::GET, "/healthz", get(api::healthz)),
        (Method::GET, "/metrics", get(api::metrics)),
        (Method::GET, "/openapi.json", get(api::openapi)),
        (Method::GET, "/v1/extract", get(api::extract_get)),
        (Method::POST, "/v1/extract", post(api::extract_post)),
        (Method::POST, "/v1/explain", post(api::explain_post)),
    ]
}

/// The (method, path) of every route served.
pub fn routes() -> Vec<(Method, &'static str)> {
    route_table()
        .into_iter()
        .map(|(method, path, _)| (method, path))
        .collect()
}

/// The application: every route, the metrics and security headers, the body limit.
pub fn router(config: ServeConfig) -> Router {
    let app: App = Arc::new(Shared {
        limits: config.limits(),
        slots: Arc::new(Semaphore::new(config.max_concurrency.max(1))),
        metrics: metrics::Metrics::default(),
        config,
    });
    let mut router = Router::new();
    for (_, path, handler) in route_table() {
        router = router.route(path, handler);
    }
    router
        .fallback(api::not_found)
        .layer(DefaultBodyLimit::max(app.config.max_body_bytes))
        .layer(axum::middleware::from_fn_with_state(
            app.clone(),
            api::track,
        ))
        .with_state(app)
}

/// Serve `config`'s application on `listener` until `shutdown` resolves, then stop
/// accepting and return once the requests in flight are answered.
pub async fn serve(
    listener: tokio::net::TcpListener,
    config: ServeConfig,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(config))
        .with_graceful_shutdown(shutdown)
        .await
}

/// Resolves on Ctrl-C (SIGINT) or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
