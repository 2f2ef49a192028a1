//! Fetching a page over HTTP(S): the shared `bodycopy-fetch` crate (timeouts, size cap,
//! redirect limit; the command fetches from any address its user names).

pub use bodycopy_fetch::{fetch, is_http_url, FetchOptions};
