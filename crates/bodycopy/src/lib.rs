//! bodycopy turns a web page into its article: the body copy, clean, with its
//! metadata, and nothing of the page's chrome.
//!
//! Build an [`Extractor`] once from a [`Config`] and reuse it for every page;
//! it is immutable and `Send + Sync`.
//!
//! ```
//! use bodycopy::{Config, Extractor, PageInfo};
//!
//! let html = r#"<html><head><title>Rain due - The Daily</title></head><body>
//!   <nav><a href="/">Home</a> <a href="/world">World</a></nav>
//!   <article><h1>Rain due</h1>
//!   <p>Heavy rain is expected across the region on Thursday, the weather service said.</p>
//!   <p>Residents were advised to avoid low-lying roads until the evening.</p></article>
//!   <footer>Copyright 2024 The Daily</footer></body></html>"#;
//! let extractor = Extractor::new(Config::default());
//! let doc = extractor.extract(html.as_bytes(), &PageInfo::default()).unwrap();
//! assert!(doc.text().contains("Heavy rain is expected"));
//! assert!(!doc.text().contains("Copyright"));
//! assert_eq!(doc.metadata.title.as_deref(), Some("Rain due"));
//! ```

// No panics on input-derived data: indexing, `unwrap` and `expect` are denied in
// the library (unit tests may use them); the few justified exceptions carry a
// local `#[allow]` saying why they cannot panic.
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)
)]

pub mod document;
pub mod dom;
pub mod error;
pub mod explain;
pub mod extractor;
pub mod limits;
mod lowercase;
pub mod metadata;
pub mod output;
mod pipeline;
pub mod rules;
pub mod stages;
pub mod textclean;
pub mod timing;
mod visible_text;

pub use document::{Block, BlockKind, Cell, Document, Metadata, PageType, Span};
pub use error::{Error, ErrorKind};
pub use explain::{Decision, ExplainedBlock, Explanation};
pub use extractor::{Config, Extractor, Favor, PageInfo};
pub use limits::Limits;
pub use textclean::{clean_text, CleanedText};
pub use timing::StageTimes;
pub use visible_text::visible_text;
