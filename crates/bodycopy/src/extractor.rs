//! `Config` → `Extractor`: the immutable, reusable entry point.

use crate::document::Document;
use crate::error::Error;
use crate::limits::Limits;
use crate::timing::StageTimes;

/// Which way to lean when a block is uncertain.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Favor {
    /// The default balance.
    #[default]
    Balanced,
    /// Drop uncertain blocks (less chrome, may lose some text).
    Precision,
    /// Keep uncertain blocks (more text, may keep some chrome).
    Recall,
}

/// Extraction settings. Every field documents its default.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// Precision/recall preference. Default: [`Favor::Balanced`].
    pub favor: Favor,
    /// Extract reader comments into [`Document::comments`]. Default: `false`.
    pub include_comments: bool,
    /// Keep tables in the body. Default: `true`.
    pub include_tables: bool,
    /// Keep images as blocks. Default: `false`.
    pub include_images: bool,
    /// Keep link targets on spans (Markdown links). Default: `false`.
    pub include_links: bool,
    /// Resource limits. Default: [`Limits::default`].
    pub limits: Limits,
    /// The crawl time: publication dates after its day are rejected as impossible.
    /// Default: `None`, the system clock at extraction.
    pub now: Option<std::time::SystemTime>,
    /// Collect the full metadata: dates, authors, description, language, categories,
    /// tags, image and the final page type. When `false` (text only, as
    /// `trafilatura.extract` and resiliparse work by default), only what the extraction
    /// itself reads is collected (title, site name, canonical URL, the declared or
    /// predicted page type) and the body is the same as with it. Default: `true`.
    pub with_metadata: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            favor: Favor::Balanced,
            include_comments: false,
            include_tables: true,
            include_images: false,
            include_links: false,
            limits: Limits::default(),
            now: None,
            with_metadata: true,
        }
    }
}

/// Per-call facts about the input that are not in its bytes.
#[derive(Clone, Copy, Debug, Default)]
pub struct PageInfo<'a> {
    /// The page's URL (resolves relative links, fills `url` metadata).
    pub url: Option<&'a str>,
    /// The HTTP `Content-Type` header (its charset is trusted first).
    pub content_type: Option<&'a str>,
}

/// A configured extractor. Immutable and `Send + Sync`: build once, share across threads.
#[derive(Clone, Debug, Default)]
pub struct Extractor {
    config: Config,
}

impl Extractor {
    /// An extractor with the given settings.
    pub fn new(config: Config) -> Self {
        Extractor { config }
    }

    /// The settings in force.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Extract the main content and metadata of one page.
    pub fn extract(&self, bytes: &[u8], page: &PageInfo<'_>) -> Result<Document, Error> {
        crate::pipeline::run(&self.config, bytes, page, &mut StageTimes::default(), None)
    }

    /// Extract from already-decoded HTML.
    pub fn extract_str(&self, html: &str, page: &PageInfo<'_>) -> Result<Document, Error> {
        self.extract(html.as_bytes(), page)
    }

    /// [`Extractor::extract`], also returning the time spent in each stage
    /// (the stages that ran, when extraction stops with an error).
    pub fn extract_timed(
        &self,
        bytes: &[u8],
        page: &PageInfo<'_>,
    ) -> (Result<Document, Error>, StageTimes) {
        let mut times = StageTimes::default();
        let result = crate::pipeline::run(&self.config, bytes, page, &mut times, None);
        (result, times)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    fn assert_send_sync<T: Send + Sync>() {}
    #[test]
    fn extractor_is_send_sync() {
        assert_send_sync::<Extractor>();
    }
}
