//! JSON: flat keys close to trafilatura's, plus the typed `blocks`.

use serde_json::{json, Value};

use crate::document::Document;

/// Render a document as a JSON object.
pub fn render(doc: &Document) -> Value {
    let m = &doc.metadata;
    json!({
        "title": m.title,
        "author": if m.authors.is_empty() { None } else { Some(m.authors.join("; ")) },
        "authors": m.authors,
        "date": m.date,
        "date_modified": m.date_modified,
        "description": m.description,
        "sitename": m.sitename,
        "language": m.language,
        "url": m.url,
        "categories": m.categories,
        "tags": m.tags,
        "image": m.image,
        "page_type": m.page_type.map(|p| p.as_str()),
        "text": doc.text(),
        "comments": if doc.comments.is_empty() { None } else { Some(doc.comments_text()) },
        "blocks": doc.body,
    })
}
