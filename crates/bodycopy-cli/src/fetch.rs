//! Fetching a page over HTTP(S): the shared `bodycopy-fetch` crate (timeouts, size cap,
//! redirect limit; the command fetches from any address its user names), and the
//! command-line options for it.

use std::time::Duration;

pub use bodycopy_fetch::{fetch, is_http_url, FetchOptions};

/// The command-line options behind [`FetchOptions`], shared by the subcommands
/// that read one page.
#[derive(clap::Args, Clone, Debug)]
pub struct FetchArgs {
    /// Network timeout in seconds: for connecting and for each read (a whole fetch
    /// is capped at 4× this).
    #[arg(long, value_name = "SECONDS", default_value_t = 30,
          value_parser = clap::value_parser!(u64).range(1..))]
    pub timeout: u64,
    /// Largest input accepted, in bytes (download, decompressed file or stdin);
    /// default: the library's limit, 64 MiB.
    #[arg(long, value_name = "BYTES")]
    pub max_bytes: Option<usize>,
    /// Most HTTP redirects followed.
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub max_redirects: u32,
}

impl FetchArgs {
    /// The options, the size cap defaulting to the library's input limit.
    pub fn options(&self) -> FetchOptions {
        FetchOptions {
            timeout: Duration::from_secs(self.timeout),
            max_bytes: self
                .max_bytes
                .unwrap_or_else(|| bodycopy::Limits::default().max_input_bytes),
            max_redirects: self.max_redirects,
        }
    }
}
