//! The extractors' side: one [`Work`] item in, one [`Outcome`] out (a row, a skip, or a
//! marker passed through). HTTP parsing, filtering, extraction and hashing happen here,
//! on the worker threads.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

use bodycopy::{Document, Extractor, PageInfo};
use bodycopy_warc::http::{self, is_html_mime, looks_like_html, mime_of};
use bodycopy_warc::Record;
use serde::Serialize;

use super::dedup;

/// Where an item came from.
#[derive(Clone, Debug)]
pub struct Origin {
    /// The input file (or the HTML file itself).
    pub source: Arc<str>,
    /// The page's URL when known.
    pub url: Option<String>,
    /// `WARC-Record-ID` for WARC records.
    pub record_id: Option<String>,
    /// `WARC-Date` for WARC records.
    pub warc_date: Option<String>,
}

impl Origin {
    /// An origin that is just a file.
    pub fn file(source: Arc<str>) -> Self {
        Origin {
            source,
            url: None,
            record_id: None,
            warc_date: None,
        }
    }
}

/// Why an item gives no row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Skip {
    /// A WARC record that is not a `response` (request, metadata, warcinfo, revisit...).
    NotResponse,
    /// An HTTP status other than 200.
    Status,
    /// Not HTML by its Content-Type, nor by sniffing when the type says nothing.
    NotHtml,
    /// Over the size cap (`--max-bytes`).
    TooLarge,
}

impl Skip {
    /// The reason's name in the summary.
    pub fn as_str(self) -> &'static str {
        match self {
            Skip::NotResponse => "not_response",
            Skip::Status => "status",
            Skip::NotHtml => "not_html",
            Skip::TooLarge => "too_large",
        }
    }
}

/// One item read from an input.
pub enum Work {
    /// A WARC record to filter and extract.
    Record(Origin, Record),
    /// One JSON line (`number` from 1) to parse and extract.
    Json(Origin, u64, Vec<u8>),
    /// An HTML file's bytes.
    Html(Origin, Vec<u8>),
    /// Read but damaged: an error row.
    Failed(Origin, String),
    /// Read and filtered out.
    Skipped(Skip),
    /// Every item of input unit `index` has been sent.
    InputDone(usize),
}

impl Work {
    /// Classify a record as read (the cheap checks stay on the reader thread).
    pub fn from_record(source: Arc<str>, record: Record) -> Work {
        if !record
            .warc_type()
            .is_some_and(|t| t.eq_ignore_ascii_case("response"))
        {
            return Work::Skipped(Skip::NotResponse);
        }
        if record.is_oversize() {
            return Work::Skipped(Skip::TooLarge);
        }
        let origin = Origin {
            source,
            url: record.target_uri().map(str::to_string),
            record_id: record.record_id().map(str::to_string),
            warc_date: record.date().map(str::to_string),
        };
        Work::Record(origin, record)
    }
}

/// One output row (JSON Lines object or Parquet row).
#[derive(Clone, Debug, Default, Serialize)]
pub struct Row {
    /// The input file (or HTML file) it came from.
    pub source: String,
    /// The page's URL (WARC-Target-URI or the JSON `url`).
    pub url: Option<String>,
    /// WARC-Record-ID.
    pub record_id: Option<String>,
    /// WARC-Date.
    pub warc_date: Option<String>,
    /// Title.
    pub title: Option<String>,
    /// The article text (blocks separated by blank lines).
    pub text: Option<String>,
    /// The article as Markdown (with `--markdown`).
    pub markdown: Option<String>,
    /// Authors.
    pub authors: Vec<String>,
    /// Publication date.
    pub date: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Site name.
    pub sitename: Option<String>,
    /// Canonical URL found in the page.
    pub canonical_url: Option<String>,
    /// Categories.
    pub categories: Vec<String>,
    /// Tags.
    pub tags: Vec<String>,
    /// Main image.
    pub image: Option<String>,
    /// Language (BCP 47 tag).
    pub language: Option<String>,
    /// Page type (article, forum, service, ...).
    pub page_type: Option<String>,
    /// XXH3-128 of the text (exact duplicates).
    pub content_hash: Option<String>,
    /// SimHash of the text (near duplicates).
    pub simhash: Option<u64>,
    /// Size of the HTML in bytes.
    pub html_bytes: u64,
    /// Why the row has no text, `null` on success.
    pub error: Option<String>,
}

impl Row {
    fn from_origin(origin: Origin) -> Row {
        Row {
            source: origin.source.to_string(),
            url: origin.url,
            record_id: origin.record_id,
            warc_date: origin.warc_date,
            ..Row::default()
        }
    }

    /// An error row.
    pub fn failed(origin: Origin, error: String) -> Row {
        Row {
            error: Some(error),
            ..Row::from_origin(origin)
        }
    }
}

/// What a worker made of an item.
pub enum Outcome {
    /// A row (maybe an error row).
    Row(Box<Row>),
    /// No row, for this reason.
    Skipped(Skip),
    /// Passed through: input unit `index` is complete.
    InputDone(usize),
}

fn row_outcome(row: Row) -> Outcome {
    Outcome::Row(Box::new(row))
}

/// Settings the workers share.
pub struct Context {
    /// The configured extractor.
    pub extractor: Extractor,
    /// Largest HTML body kept.
    pub max_bytes: usize,
    /// Fill the `markdown` column.
    pub markdown: bool,
}

/// The input's JSON line.
#[derive(serde::Deserialize)]
struct JsonPage {
    url: Option<String>,
    html: String,
    content_type: Option<String>,
}

/// Turn one item into its outcome.
pub fn process(ctx: &Context, work: Work) -> Outcome {
    match work {
        Work::Record(origin, record) => from_record(ctx, origin, &record),
        Work::Json(mut origin, number, line) => match serde_json::from_slice::<JsonPage>(&line) {
            Ok(page) => {
                origin.url = page.url;
                if page.html.len() > ctx.max_bytes {
                    return Outcome::Skipped(Skip::TooLarge);
                }
                let ct = page.content_type;
                row_outcome(extract(ctx, origin, page.html.as_bytes(), ct.as_deref()))
            }
            Err(e) => row_outcome(Row::failed(origin, format!("bad_json: line {number}: {e}"))),
        },
        Work::Html(origin, html) => row_outcome(extract(ctx, origin, &html, None)),
        Work::Failed(origin, error) => row_outcome(Row::failed(origin, error)),
        Work::Skipped(reason) => Outcome::Skipped(reason),
        Work::InputDone(i) => Outcome::InputDone(i),
    }
}

/// Media types that say nothing about the content, so the body is sniffed.
fn is_vague_mime(mime: &str) -> bool {
    matches!(
        mime,
        "" | "application/octet-stream" | "binary/octet-stream" | "unknown/unknown"
    )
}

fn from_record(ctx: &Context, origin: Origin, record: &Record) -> Outcome {
    let response = match http::parse_response(&record.block, ctx.max_bytes) {
        Ok(r) => r,
        Err(bodycopy_warc::HttpError::BodyTooLarge) => return Outcome::Skipped(Skip::TooLarge),
        Err(e) => return row_outcome(Row::failed(origin, format!("http_{}: {e}", e.as_str()))),
    };
    if response.status != 200 {
        return Outcome::Skipped(Skip::Status);
    }
    let mime = response.content_type().map(mime_of).unwrap_or_default();
    let html = if is_vague_mime(&mime) {
        looks_like_html(&response.body)
    } else {
        is_html_mime(&mime)
    };
    if !html {
        return Outcome::Skipped(Skip::NotHtml);
    }
    row_outcome(extract(
        ctx,
        origin,
        &response.body,
        response.content_type(),
    ))
}

/// Extract one page into a row; an error (or a panic) becomes an error row.
fn extract(ctx: &Context, origin: Origin, html: &[u8], content_type: Option<&str>) -> Row {
    let page = PageInfo {
        url: origin.url.as_deref(),
        content_type,
    };
    let result = catch_unwind(AssertUnwindSafe(|| ctx.extractor.extract(html, &page)));
    let mut row = Row::from_origin(origin);
    row.html_bytes = html.len() as u64;
    match result {
        Ok(Ok(doc)) => fill(&mut row, doc, ctx.markdown),
        Ok(Err(e)) => row.error = Some(format!("extract_{}: {e}", e.kind().as_str())),
        Err(_) => row.error = Some("extract_panic: the extractor panicked".to_string()),
    }
    row
}

fn fill(row: &mut Row, doc: Document, markdown: bool) {
    let text = doc.text();
    row.content_hash = Some(dedup::content_hash(&text));
    row.simhash = Some(dedup::simhash(&text));
    if markdown {
        row.markdown = Some(doc.markdown());
    }
    row.text = Some(text);
    let m = doc.metadata;
    row.title = m.title;
    row.authors = m.authors;
    row.date = m.date;
    row.description = m.description;
    row.sitename = m.sitename;
    row.canonical_url = m.url;
    row.categories = m.categories;
    row.tags = m.tags;
    row.image = m.image;
    row.language = m.language;
    row.page_type = m.page_type.map(|p| p.as_str().to_string());
}
