//! Fetching a page over HTTP(S) for `bodycopy extract <URL>`: a blocking `ureq`
//! client with timeouts, a body size cap and a redirect limit.

use std::fmt;
use std::time::Duration;

use ureq::ResponseExt;

/// How to fetch.
#[derive(Clone, Debug)]
pub struct FetchOptions {
    /// Connect timeout, and the longest wait for any single read (headers or body).
    /// The whole fetch, redirects included, is capped at [`TOTAL_TIMEOUT_FACTOR`] × this.
    pub timeout: Duration,
    /// Largest body accepted, in bytes (after `Content-Encoding` decoding).
    pub max_bytes: usize,
    /// Most redirects followed; one more is an error.
    pub max_redirects: u32,
}

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

/// The whole fetch may take this many times [`FetchOptions::timeout`].
pub const TOTAL_TIMEOUT_FACTOR: u32 = 4;

/// The `User-Agent` header sent with every request.
pub const USER_AGENT: &str = concat!("bodycopy/", env!("CARGO_PKG_VERSION"));

/// A fetched page.
#[derive(Clone, Debug)]
pub struct Fetched {
    /// The body, decoded from any `Content-Encoding`.
    pub body: Vec<u8>,
    /// The response's `Content-Type` header.
    pub content_type: Option<String>,
    /// The URL after redirects.
    pub final_url: String,
}

/// Why a fetch failed.
#[derive(Debug)]
pub enum FetchError {
    /// The URL is malformed or not http(s).
    BadUrl(String),
    /// The server answered with a non-2xx status (after redirects).
    Status(u16, String),
    /// The body is larger than [`FetchOptions::max_bytes`].
    TooLarge(usize),
    /// Anything on the way: DNS, connection, TLS, timeout, redirects, protocol.
    Transport(String),
}

impl FetchError {
    /// True when the failure is an exceeded limit of ours (not the server's or the network's).
    pub fn is_limit(&self) -> bool {
        matches!(self, FetchError::TooLarge(_))
    }
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FetchError::BadUrl(m) => write!(f, "bad URL: {m}"),
            FetchError::Status(code, reason) if reason.is_empty() => {
                write!(f, "HTTP status {code}")
            }
            FetchError::Status(code, reason) => write!(f, "HTTP status {code} {reason}"),
            FetchError::TooLarge(max) => {
                write!(
                    f,
                    "the response body is larger than {max} bytes (--max-bytes)"
                )
            }
            FetchError::Transport(m) => write!(f, "fetch failed: {m}"),
        }
    }
}

impl std::error::Error for FetchError {}

/// True when `input` names an http:// or https:// URL (scheme case-insensitive).
pub fn is_http_url(input: &str) -> bool {
    let lower = input.get(..8).unwrap_or(input).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// Fetch `url` with a GET request.
pub fn fetch(url: &str, opts: &FetchOptions) -> Result<Fetched, FetchError> {
    let parsed = url::Url::parse(url).map_err(|e| FetchError::BadUrl(e.to_string()))?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
        return Err(FetchError::BadUrl(format!("not an http(s) URL: {url}")));
    }
    let agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(opts.max_redirects)
        .max_redirects_will_error(true)
        .user_agent(USER_AGENT)
        .timeout_connect(Some(opts.timeout))
        .timeout_per_read(Some(opts.timeout))
        .timeout_recv_response(Some(opts.timeout))
        .timeout_global(Some(opts.timeout.saturating_mul(TOTAL_TIMEOUT_FACTOR)))
        .build()
        .new_agent();
    let mut response = agent
        .get(parsed.as_str())
        .header(
            "Accept",
            "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,*/*;q=0.5",
        )
        .call()
        .map_err(transport_error)?;
    let status = response.status();
    if !status.is_success() {
        return Err(FetchError::Status(
            status.as_u16(),
            status.canonical_reason().unwrap_or("").to_string(),
        ));
    }
    let final_url = response.get_uri().to_string();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let body = response
        .body_mut()
        .with_config()
        .limit(opts.max_bytes as u64)
        .read_to_vec()
        .map_err(|e| match e {
            ureq::Error::BodyExceedsLimit(_) => FetchError::TooLarge(opts.max_bytes),
            other => transport_error(other),
        })?;
    Ok(Fetched {
        body,
        content_type,
        final_url,
    })
}

fn transport_error(e: ureq::Error) -> FetchError {
    match e {
        ureq::Error::BadUri(m) => FetchError::BadUrl(m),
        ureq::Error::TooManyRedirects => FetchError::Transport("too many redirects".to_string()),
        ureq::Error::Timeout(t) => FetchError::Transport(format!("timed out ({t})")),
        other => FetchError::Transport(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_http_urls() {
        assert!(is_http_url("http://example.com/"));
        assert!(is_http_url("HTTPS://example.com/"));
        assert!(!is_http_url("ftp://example.com/"));
        assert!(!is_http_url("page.html"));
        assert!(!is_http_url("-"));
    }

    #[test]
    fn rejects_bad_urls_without_network() {
        let opts = FetchOptions {
            timeout: Duration::from_secs(1),
            max_bytes: 1024,
            max_redirects: 1,
        };
        assert!(matches!(
            fetch("http://", &opts),
            Err(FetchError::BadUrl(_))
        ));
        assert!(matches!(
            fetch("ftp://x/", &opts),
            Err(FetchError::BadUrl(_))
        ));
    }
}
