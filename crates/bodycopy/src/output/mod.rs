//! Renderers over [`crate::Document`]: plain text, Markdown, HTML, JSON.
//!
//! [`render`] picks one by [`Format`]; each module also renders bare blocks.

pub mod html;
pub mod json;
pub mod markdown;
pub mod text;

use crate::document::Document;

/// An output format.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Format {
    /// Plain text: one block per line group, blocks separated by blank lines.
    #[default]
    Txt,
    /// Markdown: CommonMark with GFM tables.
    Markdown,
    /// Clean HTML: a safe subset of tags, absolute URLs.
    Html,
    /// JSON: metadata, text and the typed `blocks`.
    Json,
}

impl Format {
    /// The usual file extension (`txt`, `md`, `html`, `json`).
    pub fn extension(self) -> &'static str {
        match self {
            Format::Txt => "txt",
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Json => "json",
        }
    }
}

/// What to add around the body when rendering a [`Document`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RenderOptions {
    /// Start with the title (`# Title` in Markdown, `<h1>` in HTML, a first line
    /// in text). Default: `false`. JSON always carries the title.
    pub title: bool,
    /// Append the comments when there are any (after a `--- comments ---` line in
    /// text, a `---` rule and `## Comments` in Markdown, a `<section>` in HTML;
    /// JSON always carries them). Default: `false`.
    pub comments: bool,
}

/// Render a document in `format`.
pub fn render(doc: &Document, format: Format, options: &RenderOptions) -> String {
    let title = doc
        .metadata
        .title
        .as_deref()
        .filter(|t| options.title && !t.trim().is_empty());
    let comments = options.comments && !doc.comments.is_empty();
    match format {
        Format::Txt => {
            let mut out = String::new();
            if let Some(t) = title {
                out.push_str(t.trim());
                out.push_str("\n\n");
            }
            out.push_str(&doc.text());
            if comments {
                out.push_str("\n\n--- comments ---\n\n");
                out.push_str(&doc.comments_text());
            }
            out
        }
        Format::Markdown => {
            let mut out = String::new();
            if let Some(t) = title {
                out.push_str(&markdown::heading(1, &markdown::escape(t.trim())));
                out.push_str("\n\n");
            }
            out.push_str(&doc.markdown());
            if comments {
                out.push_str("\n\n---\n\n## Comments\n\n");
                out.push_str(&markdown::render(&doc.comments));
            }
            out
        }
        Format::Html => {
            let mut out = String::new();
            if let Some(t) = title {
                out.push_str(&format!("<h1>{}</h1>\n", html::escape(t.trim())));
            }
            out.push_str(&doc.html());
            if comments {
                out.push_str("\n<section class=\"comments\">\n<h2>Comments</h2>\n");
                out.push_str(&html::render(&doc.comments));
                out.push_str("\n</section>");
            }
            out
        }
        Format::Json => {
            // a `Value`'s alternate Display is `to_string_pretty` without its error case
            format!("{:#}", doc.json())
        }
    }
}
