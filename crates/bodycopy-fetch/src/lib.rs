//! Fetching a page over HTTP(S) for `bodycopy extract <URL>` and the service: a
//! blocking `ureq` client with timeouts, a body size cap, a redirect limit, and an
//! [`AddressPolicy`] checked on the resolved addresses of the first request and of
//! every redirect, so a fetch cannot be turned against the host's own network.
//!
//! The check sits in the client's resolver: the addresses it approves are the ones
//! the connection is made to (a second DNS answer cannot swap them), IP-literal
//! hosts go through it too, and no proxy is used.
//!
//! ```
//! use bodycopy_fetch::{fetch_with_policy, AddressPolicy, FetchError, FetchOptions};
//!
//! let opts = FetchOptions::default();
//! let err = fetch_with_policy("http://127.0.0.1:9/", &opts, &AddressPolicy::public_only())
//!     .unwrap_err();
//! assert!(matches!(err, FetchError::Refused { .. }));
//! ```

mod address;
#[cfg(feature = "test-server")]
pub mod test_server;

use std::fmt;
use std::io;
use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

use ureq::unversioned::resolver::{DefaultResolver, ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::{DefaultConnector, NextTimeout};
use ureq::ResponseExt;

pub use address::{blocked_range, AddressPolicy};

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

impl Default for FetchOptions {
    /// 30 s timeout, 64 MiB, 10 redirects (the command's defaults).
    fn default() -> Self {
        FetchOptions {
            timeout: Duration::from_secs(30),
            max_bytes: 64 * 1024 * 1024,
            max_redirects: 10,
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
    /// The host resolved to an address the [`AddressPolicy`] refuses (first request
    /// or a redirect).
    Refused {
        /// The host name or IP literal of the refused request.
        host: String,
        /// The refused address.
        ip: IpAddr,
        /// The range it falls in, e.g. `loopback (127.0.0.0/8)`.
        range: &'static str,
    },
    /// A timeout: connecting, waiting for the response, reading, or the whole fetch.
    Timeout(String),
    /// Anything else on the way: DNS, connection, TLS, redirects, protocol.
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
            FetchError::Refused { host, ip, range } => write!(
                f,
                "refused to fetch {host}: it resolves to {ip}, a {range} address \
                 (only public addresses are fetched)"
            ),
            FetchError::Timeout(t) => write!(f, "fetch failed: timed out ({t})"),
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

/// Fetch `url` with a GET request, from any address (for a local command).
pub fn fetch(url: &str, opts: &FetchOptions) -> Result<Fetched, FetchError> {
    fetch_with_policy(url, opts, &AddressPolicy::allow_all())
}

/// Fetch `url` with a GET request, connecting only to addresses `policy` allows,
/// for the first request and every redirect.
pub fn fetch_with_policy(
    url: &str,
    opts: &FetchOptions,
    policy: &AddressPolicy,
) -> Result<Fetched, FetchError> {
    let parsed = url::Url::parse(url).map_err(|e| FetchError::BadUrl(e.to_string()))?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
        return Err(FetchError::BadUrl(format!("not an http(s) URL: {url}")));
    }
    let config = ureq::Agent::config_builder()
        .proxy(None)
        .http_status_as_error(false)
        .max_redirects(opts.max_redirects)
        .max_redirects_will_error(true)
        .user_agent(USER_AGENT)
        .timeout_resolve(Some(opts.timeout))
        .timeout_connect(Some(opts.timeout))
        .timeout_per_read(Some(opts.timeout))
        .timeout_recv_response(Some(opts.timeout))
        .timeout_global(Some(opts.timeout.saturating_mul(TOTAL_TIMEOUT_FACTOR)))
        .build();
    let resolver = CheckedResolver {
        policy: policy.clone(),
        inner: DefaultResolver::default(),
    };
    let agent = ureq::Agent::with_parts(config, DefaultConnector::default(), resolver);
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

/// The refusal carried from the resolver to [`transport_error`] inside an `io::Error`.
#[derive(Debug)]
struct Refusal {
    host: String,
    ip: IpAddr,
    range: &'static str,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} resolves to {} ({})", self.host, self.ip, self.range)
    }
}

impl std::error::Error for Refusal {}

/// The system resolver, then the [`AddressPolicy`] on every address it returns:
/// one refused address refuses the request.
#[derive(Debug)]
struct CheckedResolver {
    policy: AddressPolicy,
    inner: DefaultResolver,
}

impl Resolver for CheckedResolver {
    fn resolve(
        &self,
        uri: &ureq::http::Uri,
        config: &ureq::config::Config,
        timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        let addrs = self.inner.resolve(uri, config, timeout)?;
        let refused = addrs
            .iter()
            .find_map(|a: &SocketAddr| self.policy.check(*a).err().map(|r| (a.ip(), r)));
        match refused {
            None => Ok(addrs),
            Some((ip, range)) => Err(ureq::Error::Io(io::Error::new(
                io::ErrorKind::PermissionDenied,
                Refusal {
                    host: uri.host().unwrap_or_default().to_string(),
                    ip,
                    range,
                },
            ))),
        }
    }
}

fn transport_error(e: ureq::Error) -> FetchError {
    match e {
        ureq::Error::BadUri(m) => FetchError::BadUrl(m),
        ureq::Error::TooManyRedirects => FetchError::Transport("too many redirects".to_string()),
        ureq::Error::Timeout(t) => FetchError::Timeout(t.to_string()),
        ureq::Error::Io(io) => match io.get_ref().and_then(|e| e.downcast_ref::<Refusal>()) {
            Some(r) => FetchError::Refused {
                host: r.host.clone(),
                ip: r.ip,
                range: r.range,
            },
            None => FetchError::Transport(io.to_string()),
        },
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
