//! Streaming WARC reading and writing for bodycopy's batch runs.
//!
//! [`Reader`] pulls records from any [`std::io::BufRead`]: WARC/1.0 and WARC/1.1,
//! framed by `Content-Length`, plain or gzip (one member per record as Common Crawl
//! publishes them, or one member for the whole file). A damaged record (cut short, a
//! lying `Content-Length`, a corrupt gzip member, garbage) is returned as a typed
//! [`Error`] and reading goes on at the next record. [`http::parse_response`] reads the
//! HTTP response inside a `response` record; [`Writer`] writes records.
//!
//! ```
//! use bodycopy_warc::{http, Reader, Writer};
//!
//! let page = http::parse_response(b"HTTP/1.1 200 OK\r\n\r\n<p>hi</p>", 1 << 20).unwrap();
//! let block = bodycopy_warc::http_response(200, &[("Content-Type", "text/html")], &page.body);
//! let mut w = Writer::new(Vec::new(), true);
//! w.write_response("https://example.com/", "2024-01-01T00:00:00Z", &block).unwrap();
//! let warc = w.finish().unwrap();
//!
//! for record in Reader::new(&warc[..]) {
//!     let record = record.unwrap();
//!     assert_eq!(record.warc_type(), Some("response"));
//!     let response = http::parse_response(&record.block, 1 << 20).unwrap();
//!     assert_eq!(response.status, 200);
//!     assert_eq!(&response.body[..], b"<p>hi</p>");
//! }
//! ```

mod error;
mod gzip;
mod headers;
pub mod http;
mod reader;
mod record;
mod writer;

pub use error::{Error, ErrorKind, HttpError};
pub use headers::Headers;
pub use reader::{read_all, Reader, ReaderConfig};
pub use record::{Record, Version};
pub use writer::{http_response, record_id, Writer};

#[cfg(test)]
mod tests;
