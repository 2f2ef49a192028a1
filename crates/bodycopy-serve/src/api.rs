//! The handlers: each turns a request into a [`Job`], runs it on the blocking
//! pool under the concurrency limit and the time budget, and turns the result
//! into a response.

use std::sync::Arc;
use std::time::Instant;

use axum::body::{Bytes, HttpBody};
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, MatchedPath, Query, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use bodycopy::{Extractor, PageInfo};

use crate::error::{ApiError, ErrorCode};
use crate::input::{self, Job, QueryParams, Source};
use crate::metrics::Observation;
use crate::App;

/// The playground's Content-Security-Policy: its own inline script and styles, calls
/// to this origin only; the page shown in the iframe may load images and styles.
const PLAYGROUND_CSP: &str = "default-src 'none'; script-src 'unsafe-inline'; \
     style-src 'unsafe-inline' http: https:; img-src http: https: data:; font-src http: https: data:; \
     connect-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'none'";

/// `GET /`: the playground.
pub async fn playground() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CONTENT_SECURITY_POLICY, PLAYGROUND_CSP),
        ],
        crate::PLAYGROUND,
    )
        .into_response()
}

/// `GET /healthz`.
pub async fn healthz() -> Response {
    Json(serde_json::json!({"status": "ok", "version": env!("CARGO_PKG_VERSION")})).into_response()
}

/// `GET /metrics`: Prometheus text.
pub async fn metrics(State(app): State<App>) -> Response {
    let slots = app.config.max_concurrency.max(1);
    let in_use = slots.saturating_sub(app.slots.available_permits());
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        app.metrics.render(in_use, slots),
    )
        .into_response()
}

/// `GET /openapi.json`.
pub async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], crate::OPENAPI).into_response()
}

/// Any other path: a JSON 404.
pub async fn not_found() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "not_found",
        "no such route; see /openapi.json",
    )
}

/// `GET /v1/extract?url=...&format=...`: fetch and extract.
pub async fn extract_get(
    State(app): State<App>,
    query: Result<Query<QueryParams>, QueryRejection>,
) -> Result<Response, ApiError> {
    let job = input::job_from_query(query_params(query)?)?;
    extract(&app, job).await
}

/// `POST /v1/extract`: a JSON request or a raw HTML body.
pub async fn extract_post(
    State(app): State<App>,
    PostedJob(job): PostedJob,
) -> Result<Response, ApiError> {
    extract(&app, job).await
}

/// `POST /v1/explain`: every candidate block with its decision and rule, the
/// page annotated with them, and the document.
pub async fn explain_post(
    State(app): State<App>,
    PostedJob(job): PostedJob,
) -> Result<Response, ApiError> {
    let (format, render) = (job.format, job.options.render());
    let explanation = run(&app, job, |extractor, bytes, info| {
        extractor.explain(bytes, info)
    })
    .await?;
    let doc = &explanation.document;
    Ok(Json(serde_json::json!({
        "format": format.name(),
        "output": doc.render(format.library(), &render),
        "document": doc.json(),
        "blocks": explanation.blocks,
        "annotated_html": explanation.annotated_html,
    }))
    .into_response())
}

/// A `POST` request's query string and body read into a [`Job`], every failure
/// answered as an [`ApiError`].
pub struct PostedJob(pub Job);

impl<S: Send + Sync> FromRequest<S> for PostedJob {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
        let (mut parts, body) = request.into_parts();
        let query = Query::<QueryParams>::from_request_parts(&mut parts, state).await;
        let headers = parts.headers.clone();
        let body = Bytes::from_request(Request::from_parts(parts, body), state).await;
        let job = input::job_from_body(&headers, query_params(query)?, body_bytes(body)?)?;
        Ok(PostedJob(job))
    }
}

async fn extract(app: &App, job: Job) -> Result<Response, ApiError> {
    let (format, render) = (job.format, job.options.render());
    let doc = run(app, job, |extractor, bytes, info| {
        extractor.extract(bytes, info)
    })
    .await?;
    Ok((
        [(header::CONTENT_TYPE, format.content_type())],
        doc.render(format.library(), &render),
    )
        .into_response())
}

fn query_params(
    query: Result<Query<QueryParams>, QueryRejection>,
) -> Result<QueryParams, ApiError> {
    query
        .map(|Query(q)| q)
        .map_err(|e| ApiError::bad_request("bad_query", e.body_text()))
}

fn body_bytes(body: Result<Bytes, BytesRejection>) -> Result<Bytes, ApiError> {
    body.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "body_too_large",
                "the request body is larger than the server's limit (--max-body-bytes)",
            )
        } else {
            ApiError::bad_request("bad_body", e.body_text())
        }
    })
}

/// Run `work` on the job's page: take an extraction slot (503 when none is free),
/// fetch the page if it is a URL, then extract, both on the blocking pool, all
/// within the request's time budget (504). A slot is held until the blocking
/// work ends, even when the budget ran out first.
async fn run<T, F>(app: &App, job: Job, work: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&Extractor, &[u8], &PageInfo<'_>) -> Result<T, bodycopy::Error> + Send + 'static,
{
    let permit = app
        .slots
        .clone()
        .try_acquire_owned()
        .map_err(|_| ApiError::overloaded(app.config.max_concurrency.max(1)))?;
    let permit = Arc::new(permit);
    let budget = app.config.request_timeout;
    let extractor = Extractor::new(job.options.config(&app.limits));
    let work_app = app.clone();
    let work = async move {
        let (bytes, url, content_type) = match job.source {
            Source::Html {
                bytes,
                content_type,
            } => (bytes, job.page_url, content_type),
            Source::Url(url) => {
                let mut opts = work_app.config.fetch.clone();
                opts.timeout = opts.timeout.min(budget);
                let policy = work_app.config.address_policy.clone();
                let slot = permit.clone();
                let fetched = blocking(move || {
                    let _slot = slot;
                    bodycopy_fetch::fetch_with_policy(&url, &opts, &policy)
                })
                .await??;
                (
                    Bytes::from(fetched.body),
                    Some(fetched.final_url),
                    fetched.content_type,
                )
            }
        };
        blocking(move || {
            let _slot = permit;
            let info = PageInfo {
                url: url.as_deref(),
                content_type: content_type.as_deref(),
            };
            work(&extractor, &bytes, &info)
        })
        .await?
        .map_err(ApiError::from)
    };
    tokio::time::timeout(budget, work)
        .await
        .map_err(|_| ApiError::timeout(budget))?
}

/// Run `f` on tokio's blocking pool.
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> T + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(f).await.map_err(|e| {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            format!("the extraction task failed: {e}"),
        )
    })
}

/// Middleware on every route: metrics and `X-Content-Type-Options: nosniff`.
pub async fn track(State(app): State<App>, request: Request, next: Next) -> Response {
    let start = Instant::now();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_string(), |p| p.as_str().to_string());
    let method = request.method().as_str().to_string();
    let bytes_in = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let mut response = next.run(request).await;
    response.headers_mut().insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    app.metrics.record(&Observation {
        route: &route,
        method: &method,
        status: response.status().as_u16(),
        elapsed: start.elapsed(),
        bytes_in,
        bytes_out: response.body().size_hint().exact().unwrap_or(0),
        error: response.extensions().get::<ErrorCode>().map(|c| c.0),
    });
    response
}
