//! `bodycopy serve`: the HTTP service and playground (`bodycopy-serve`), on a tokio
//! runtime, until Ctrl-C or SIGTERM (requests in flight are finished first).

use std::io::Write;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context;
use bodycopy_serve::{AddressPolicy, FetchOptions, ServeConfig};

/// Arguments of `bodycopy serve`.
#[derive(clap::Args)]
pub struct Args {
    /// Address to listen on (port 0 picks a free port; the address is printed).
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Largest request body in bytes (413 above it).
    #[arg(long, value_name = "BYTES", default_value_t = 10 * 1024 * 1024)]
    pub max_body_bytes: usize,
    /// Extractions running at once (503 when all are busy); default: 2 × the CPUs.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub max_concurrency: Option<u32>,
    /// Time budget of one request in seconds, fetch included (504 above it).
    #[arg(long, value_name = "SECONDS", default_value_t = 20.0)]
    pub timeout: f64,
    /// Fetch timeout in seconds (connect, and each read).
    #[arg(long, value_name = "SECONDS", default_value_t = 10,
          value_parser = clap::value_parser!(u64).range(1..))]
    pub fetch_timeout: u64,
    /// Largest fetched page in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 10 * 1024 * 1024)]
    pub max_fetch_bytes: usize,
    /// Most redirects followed by a fetch.
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub max_redirects: u32,
    /// Let fetches reach loopback, private, link-local and other non-public
    /// addresses (local use and tests only).
    #[arg(long)]
    pub allow_private_addresses: bool,
    /// Async worker threads (default: the CPUs); extraction runs on a separate blocking pool.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub workers: Option<u32>,
}

/// Run the subcommand.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if !(args.timeout.is_finite() && args.timeout > 0.0) {
        anyhow::bail!("--timeout must be a positive number of seconds");
    }
    let defaults = ServeConfig::default();
    let config = ServeConfig {
        max_body_bytes: args.max_body_bytes,
        max_concurrency: args
            .max_concurrency
            .map_or(defaults.max_concurrency, |n| n as usize),
        request_timeout: Duration::from_secs_f64(args.timeout),
        fetch: FetchOptions {
            timeout: Duration::from_secs(args.fetch_timeout),
            max_bytes: args.max_fetch_bytes,
            max_redirects: args.max_redirects,
        },
        address_policy: if args.allow_private_addresses {
            AddressPolicy::allow_all()
        } else {
            AddressPolicy::public_only()
        },
    };
    let mut runtime = tokio::runtime::Builder::new_multi_thread();
    runtime
        .enable_all()
        // fetches and extractions hold a slot each; a few more for the runtime's own use
        .max_blocking_threads(config.max_concurrency + 4);
    if let Some(n) = args.workers {
        runtime.worker_threads(n as usize);
    }
    let runtime = runtime.build().context("cannot start the runtime")?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(args.addr)
            .await
            .with_context(|| format!("cannot listen on {}", args.addr))?;
        let addr = listener.local_addr()?;
        println!("bodycopy: listening on http://{addr}");
        std::io::stdout().flush()?;
        bodycopy_serve::serve(listener, config, bodycopy_serve::shutdown_signal())
            .await
            .context("server error")?;
        eprintln!("bodycopy: shut down");
        anyhow::Ok(())
    })?;
    Ok(ExitCode::SUCCESS)
}
