//! The result of extraction: metadata plus the main content as typed blocks.
//!
//! Every output format (text, Markdown, HTML, JSON) is rendered from this one type.

use serde::Serialize;

/// One run of inline text with its formatting.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Span {
    /// The text, white space collapsed (kept verbatim inside code).
    pub text: String,
    /// `<strong>`/`<b>`.
    #[serde(skip_serializing_if = "is_false")]
    pub strong: bool,
    /// `<em>`/`<i>`.
    #[serde(skip_serializing_if = "is_false")]
    pub emphasis: bool,
    /// Inline `<code>`.
    #[serde(skip_serializing_if = "is_false")]
    pub code: bool,
    /// Absolute link target, when the span is inside `<a href>`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    /// A forced line break (`<br>`) after this span.
    #[serde(skip_serializing_if = "is_false")]
    pub line_break: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// What kind of block a [`Block`] is.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum BlockKind {
    /// `<h1>`–`<h6>`.
    Heading {
        /// 1 to 6.
        level: u8,
    },
    /// A paragraph (also loose text in a container).
    Paragraph,
    /// One list item.
    ListItem {
        /// Inside `<ol>`.
        ordered: bool,
        /// Nesting depth, 0 for a top-level list.
        depth: u8,
        /// Position in an ordered list, from its `start`.
        number: u32,
        /// A further paragraph of the item before it (`<li><p>…</p><p>…</p></li>`),
        /// not a new item.
        #[serde(skip_serializing_if = "is_false")]
        continued: bool,
    },
    /// A block quotation paragraph.
    Quote,
    /// Preformatted code or text.
    Code {
        /// Language named by the page (`class="language-x"`), if any.
        #[serde(skip_serializing_if = "Option::is_none")]
        lang: Option<String>,
    },
    /// A table; cells are in [`Block::rows`].
    Table,
    /// A figure or table caption.
    Caption,
    /// An image (alt text in `text`, source in [`Block::src`]).
    Image,
}

/// One table cell.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Cell {
    /// Cell text.
    pub text: String,
    /// `<th>` or a cell in `<thead>`.
    #[serde(skip_serializing_if = "is_false")]
    pub header: bool,
    /// The cell's content as blocks (paragraphs, list items, code), with inline
    /// formatting; empty for cells built by hand and for the empty cells that
    /// stand for a `colspan`/`rowspan`.
    #[serde(skip)]
    pub blocks: Vec<Block>,
}

impl Cell {
    /// A cell holding plain text.
    pub fn new(text: impl Into<String>, header: bool) -> Self {
        Cell {
            text: text.into(),
            header,
            blocks: Vec::new(),
        }
    }
}

/// A block of the main content, in reading order.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Block {
    /// What the block is.
    #[serde(flatten)]
    pub kind: BlockKind,
    /// Plain text of the block (white space collapsed, except in code).
    pub text: String,
    /// Inline runs with formatting, for Markdown and HTML.
    #[serde(skip)]
    pub spans: Vec<Span>,
    /// Table rows (only for [`BlockKind::Table`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rows: Vec<Vec<Cell>>,
    /// Image source (only for [`BlockKind::Image`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub src: Option<String>,
}

impl Block {
    /// A block with text and no spans.
    pub fn new(kind: BlockKind, text: impl Into<String>) -> Self {
        Block {
            kind,
            text: text.into(),
            spans: Vec::new(),
            rows: Vec::new(),
            src: None,
        }
    }
}

/// The kind of page, from schema.org types and page structure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PageType {
    /// A news story, blog post or essay.
    Article,
    /// A discussion thread.
    Forum,
    /// A product page.
    Product,
    /// Technical documentation.
    Documentation,
    /// A list of items linking elsewhere.
    Listing,
    /// A collection (gallery, recipe box, ...).
    Collection,
    /// A service or company page.
    Service,
    /// None of the above.
    Other,
}

impl PageType {
    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            PageType::Article => "article",
            PageType::Forum => "forum",
            PageType::Product => "product",
            PageType::Documentation => "documentation",
            PageType::Listing => "listing",
            PageType::Collection => "collection",
            PageType::Service => "service",
            PageType::Other => "other",
        }
    }

    /// The type a snake_case name spells ([`PageType::as_str`] backwards).
    pub fn parse(name: &str) -> Option<PageType> {
        [
            PageType::Article,
            PageType::Forum,
            PageType::Product,
            PageType::Documentation,
            PageType::Listing,
            PageType::Collection,
            PageType::Service,
            PageType::Other,
        ]
        .into_iter()
        .find(|t| t.as_str() == name)
    }
}

/// Facts about the page.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Metadata {
    /// The article's headline (not the `<title>` with a site suffix).
    pub title: Option<String>,
    /// Author names.
    pub authors: Vec<String>,
    /// Publication date, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Last modification date, `YYYY-MM-DD`.
    pub date_modified: Option<String>,
    /// Summary from the page's description meta.
    pub description: Option<String>,
    /// The site's name.
    pub sitename: Option<String>,
    /// Language (BCP 47 primary subtag, e.g. `en`).
    pub language: Option<String>,
    /// Canonical URL (else the URL given by the caller).
    pub url: Option<String>,
    /// Section or category names.
    pub categories: Vec<String>,
    /// Tags / keywords.
    pub tags: Vec<String>,
    /// Lead image URL.
    pub image: Option<String>,
    /// Page type.
    pub page_type: Option<PageType>,
    /// The named signals the page-type classifier read (for training and explaining it;
    /// not serialised).
    #[serde(skip)]
    pub page_type_features: Vec<(&'static str, f32)>,
}

/// An extracted document.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Document {
    /// Metadata about the page.
    pub metadata: Metadata,
    /// The main content, in reading order.
    pub body: Vec<Block>,
    /// Reader comments (empty unless [`crate::Config::include_comments`] is set).
    pub comments: Vec<Block>,
}

impl Document {
    /// Plain text of the body: one block per line group, blocks separated by blank lines.
    pub fn text(&self) -> String {
        crate::output::text::render(&self.body)
    }

    /// Plain text of the comments.
    pub fn comments_text(&self) -> String {
        crate::output::text::render(&self.comments)
    }

    /// The body as Markdown (CommonMark + GFM tables).
    pub fn markdown(&self) -> String {
        crate::output::markdown::render(&self.body)
    }

    /// The body as clean HTML: a safe subset of tags, absolute URLs, no scripts
    /// or event handlers.
    pub fn html(&self) -> String {
        crate::output::html::render(&self.body)
    }

    /// The document in one of the output formats (see [`crate::output::Format`]).
    pub fn render(
        &self,
        format: crate::output::Format,
        options: &crate::output::RenderOptions,
    ) -> String {
        crate::output::render(self, format, options)
    }

    /// Metadata, text and comments as a flat JSON object (trafilatura-like keys).
    pub fn json(&self) -> serde_json::Value {
        crate::output::json::render(self)
    }

    /// True when nothing was extracted.
    pub fn is_empty(&self) -> bool {
        self.body
            .iter()
            .all(|b| b.text.trim().is_empty() && b.rows.is_empty())
    }
}
