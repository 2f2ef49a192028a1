//! What the page says it is: an article (OpenGraph `og:type=article`, a
//! schema.org Article type) or some other kind of page (a website, product,
//! organisation, listing). Selection leans on it to decide between one
//! article block and the whole main region.

use crate::dom::{Dom, NodeId, Tag};

/// The page's declared kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Declared {
    /// Declares itself an article.
    Article,
    /// Declares itself a non-article page.
    Other,
    /// Declares nothing useful.
    Unknown,
}

/// schema.org types that make a page an article.
const ARTICLE_TYPES: &[&str] = &[
    "article",
    "newsarticle",
    "blogposting",
    "reportagenewsarticle",
    "techarticle",
    "scholarlyarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "backgroundnewsarticle",
    "reviewnewsarticle",
    "liveblogposting",
    "socialmediaposting",
    "report",
];

/// schema.org types (and `og:type` values) of non-article pages.
const OTHER_TYPES: &[&str] = &[
    "website",
    "product",
    "organization",
    "webpage",
    "itemlist",
    "collectionpage",
    "service",
    "localbusiness",
    "qapage",
    "discussionforumposting",
    "faqpage",
    "softwareapplication",
    "profile",
    "og:product",
    "profilepage",
    "searchresultspage",
    "store",
    "event",
];

/// Read the page's declared kind from `og:type` and JSON-LD `@type` values.
pub fn declared(dom: &Dom) -> Declared {
    let mut other = false;
    for id in dom.descendants(NodeId::ROOT) {
        match dom.tag(id) {
            Some(Tag::Meta) => {
                let prop = dom.attr(id, "property").or_else(|| dom.attr(id, "name"));
                if prop.is_some_and(|p| p.eq_ignore_ascii_case("og:type")) {
                    let v = dom
                        .attr(id, "content")
                        .unwrap_or("")
                        .trim()
                        .to_ascii_lowercase();
                    if v == "article" {
                        return Declared::Article;
                    }
                    if OTHER_TYPES.contains(&v.as_str()) {
                        other = true;
                    }
                }
            }
            Some(Tag::Script) => {
                let is_ld = dom
                    .attr(id, "type")
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"));
                if !is_ld {
                    continue;
                }
                for c in dom.children(id) {
                    if let Some(text) = dom.text(c) {
                        for t in ld_types(text) {
                            let t = t.to_ascii_lowercase();
                            if ARTICLE_TYPES.contains(&t.as_str()) {
                                return Declared::Article;
                            }
                            if OTHER_TYPES.contains(&t.as_str()) {
                                other = true;
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
    if other {
        Declared::Other
    } else {
        Declared::Unknown
    }
}

/// The string values of `"@type"` keys in a JSON-LD text (a light scan that
/// tolerates malformed JSON; arrays of types are read too).
fn ld_types(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find("\"@type\"") {
        rest = &rest[i + 7..];
        let after = rest.trim_start();
        let Some(after) = after.strip_prefix(':') else {
            continue;
        };
        let after = after.trim_start();
        if let Some(list) = after.strip_prefix('[') {
            let end = list.find(']').unwrap_or(list.len());
            for part in list[..end].split(',') {
                let t = part.trim().trim_matches('"');
                if !t.is_empty() {
                    out.push(t);
                }
            }
        } else if let Some(v) = after.strip_prefix('"') {
            if let Some(end) = v.find('"') {
                out.push(&v[..end]);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_types() {
        assert_eq!(
            ld_types(r#"{"@type": "NewsArticle", "x": {"@type":["WebPage","Thing"]}}"#),
            vec!["NewsArticle", "WebPage", "Thing"]
        );
        assert!(ld_types(r#"{"@type": "#).is_empty());
    }
}
