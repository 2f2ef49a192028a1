//! JSON-LD (`<script type="application/ld+json">`): `@graph`, arrays, `@id`
//! references, nested authors and publishers. Malformed scripts are skipped.

use std::collections::HashMap;

use serde_json::Value;

/// What the page's JSON-LD says.
#[derive(Debug, Default, Clone)]
pub struct JsonLd {
    /// Every `@type` seen, main node first (without the schema.org prefix).
    pub types: Vec<String>,
    /// The main node's types.
    pub main_types: Vec<String>,
    /// Headline (or the name of an article-like node).
    pub headline: Option<String>,
    /// Author names as written.
    pub authors: Vec<String>,
    /// `datePublished` / `dateCreated` / `uploadDate`.
    pub published: Option<String>,
    /// `dateModified`.
    pub modified: Option<String>,
    /// `description`.
    pub description: Option<String>,
    /// Publisher name, else the `WebSite` node's name.
    pub publisher: Option<String>,
    /// `articleSection` values.
    pub sections: Vec<String>,
    /// `keywords` values.
    pub keywords: Vec<String>,
    /// First image URL.
    pub image: Option<String>,
    /// `inLanguage`.
    pub language: Option<String>,
    /// `url` / `mainEntityOfPage` of the main node.
    pub url: Option<String>,
}

/// Types of nodes that describe the page's main content.
const CONTENT_TYPES: &[&str] = &[
    "Article",
    "NewsArticle",
    "BlogPosting",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "ReviewNewsArticle",
    "LiveBlogPosting",
    "TechArticle",
    "APIReference",
    "ScholarlyArticle",
    "SocialMediaPosting",
    "DiscussionForumPosting",
    "Report",
    "Review",
    "Recipe",
    "HowTo",
    "Question",
    "Product",
    "VideoObject",
    "Event",
    "Course",
];

/// Page-level types, used when no content node exists.
const PAGE_TYPES: &[&str] = &[
    "WebPage",
    "ItemPage",
    "AboutPage",
    "ContactPage",
    "CollectionPage",
    "QAPage",
    "FAQPage",
    "ProfilePage",
    "SearchResultsPage",
    "MedicalWebPage",
];

fn short_type(t: &str) -> &str {
    let t = t.trim();
    t.rsplit(['/', '#', ':']).next().unwrap_or(t)
}

/// The `@type`s of a node.
fn types(v: &Value) -> Vec<String> {
    match v.get("@type") {
        Some(Value::String(s)) => vec![short_type(s).to_string()],
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(Value::as_str)
            .map(|s| short_type(s).to_string())
            .collect(),
        _ => Vec::new(),
    }
}

/// A string or number as text, trimmed; `None` when empty.
fn text(v: &Value) -> Option<String> {
    let s = match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        _ => return None,
    };
    let s = super::normalize(&super::decode_entities(&s));
    (!s.is_empty()).then_some(s)
}

/// Parse a script body; tolerate comment wrappers and raw control characters.
fn parse_script(raw: &str) -> Option<Value> {
    let mut s = raw.trim();
    for (open, close) in [
        ("<!--", "-->"),
        ("<![CDATA[", "]]>"),
        ("//<![CDATA[", "//]]>"),
    ] {
        if let Some(r) = s.strip_prefix(open) {
            s = r.trim();
            if let Some(r) = s.strip_suffix(close) {
                s = r.trim();
            }
        }
    }
    let s = s.trim_end_matches(';').trim();
    if let Ok(v) = serde_json::from_str::<Value>(s) {
        return Some(v);
    }
    // common faults: raw newlines or tabs inside strings, trailing commas, several objects
    // one after another; a value cut short keeps the complete ones before it
    let fixed = drop_trailing_commas(
        &s.chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect::<String>(),
    );
    let mut values: Vec<Value> = Vec::new();
    for v in serde_json::Deserializer::from_str(&fixed).into_iter::<Value>() {
        match v {
            Ok(v) if values.len() < 64 => values.push(v),
            _ => break,
        }
    }
    match values.len() {
        0 => None,
        1 => values.pop(),
        _ => Some(Value::Array(values)),
    }
}

/// Remove commas that close an object or array (`{"a": 1,}`), outside strings.
fn drop_trailing_commas(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_string = false;
    let mut escaped = false;
    let mut pending_comma = false;
    for c in s.chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        if c.is_whitespace() {
            if !pending_comma {
                out.push(c);
            }
            continue;
        }
        if pending_comma && c != '}' && c != ']' {
            out.push(',');
        }
        pending_comma = false;
        match c {
            ',' => pending_comma = true,
            '"' => {
                in_string = true;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// Collect typed nodes: top-level values, `@graph` members and `mainEntity`.
fn collect<'a>(v: &'a Value, out: &mut Vec<&'a Value>, depth: usize) {
    if depth > 8 || out.len() > 500 {
        return;
    }
    match v {
        Value::Array(a) => {
            for x in a {
                collect(x, out, depth + 1);
            }
        }
        Value::Object(o) => {
            if o.contains_key("@type") {
                out.push(v);
            }
            if let Some(g) = o.get("@graph") {
                collect(g, out, depth + 1);
            }
            for k in ["mainEntity", "mainEntityOfPage", "itemReviewed"] {
                if let Some(m @ Value::Object(_)) = o.get(k) {
                    collect(m, out, depth + 1);
                }
            }
        }
        _ => {}
    }
}

struct Graph<'a> {
    nodes: Vec<&'a Value>,
    by_id: HashMap<&'a str, &'a Value>,
}

impl<'a> Graph<'a> {
    /// Follow an `{"@id": ...}` reference to its full node.
    fn resolve(&self, v: &'a Value) -> &'a Value {
        if let Value::Object(o) = v {
            if o.get("name").is_none() {
                if let Some(id) = o.get("@id").and_then(Value::as_str) {
                    if let Some(n) = self.by_id.get(id) {
                        return n;
                    }
                }
            }
        }
        v
    }

    /// Names from a person/organization value: string, object or array.
    fn names(&self, v: &'a Value, out: &mut Vec<String>, depth: usize) {
        if depth > 4 || out.len() > 20 {
            return;
        }
        match self.resolve(v) {
            Value::Array(a) => {
                for x in a {
                    self.names(x, out, depth + 1);
                }
            }
            Value::Object(o) => {
                let name = o.get("name").and_then(text).or_else(|| {
                    let given = o.get("givenName").and_then(text);
                    let family = o.get("familyName").and_then(text);
                    match (given, family) {
                        (Some(g), Some(f)) => Some(format!("{g} {f}")),
                        (g, f) => g.or(f),
                    }
                });
                if let Some(n) = name {
                    out.push(n);
                }
            }
            other => {
                if let Some(s) = text(other) {
                    if !s.starts_with("http") {
                        out.push(s);
                    }
                }
            }
        }
    }

    fn name_of(&self, v: &'a Value) -> Option<String> {
        let mut n = Vec::new();
        self.names(v, &mut n, 0);
        n.into_iter().next()
    }
}

/// Strings from a string, an array of strings, or a comma-separated string.
fn list(v: &Value, split_commas: bool, out: &mut Vec<String>) {
    match v {
        Value::Array(a) => {
            for x in a.iter().take(100) {
                list(x, split_commas, out);
            }
        }
        Value::Object(o) => {
            if let Some(n) = o.get("name").and_then(text) {
                out.push(n);
            }
        }
        other => {
            if let Some(s) = text(other) {
                if split_commas {
                    out.extend(
                        s.split([',', ';'])
                            .map(str::trim)
                            .filter(|x| !x.is_empty())
                            .map(str::to_string),
                    );
                } else {
                    out.push(s);
                }
            }
        }
    }
}

fn image_url(v: &Value, depth: usize) -> Option<String> {
    if depth > 4 {
        return None;
    }
    match v {
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Array(a) => a.iter().find_map(|x| image_url(x, depth + 1)),
        Value::Object(o) => o
            .get("url")
            .or_else(|| o.get("contentUrl"))
            .and_then(|x| image_url(x, depth + 1)),
        _ => None,
    }
}

fn has_type(node: &Value, set: &[&str]) -> bool {
    types(node).iter().any(|t| set.contains(&t.as_str()))
}

/// Parse every JSON-LD script (already size-checked) into one summary.
pub fn extract(scripts: &[String]) -> JsonLd {
    let values: Vec<Value> = scripts.iter().filter_map(|s| parse_script(s)).collect();
    let mut nodes = Vec::new();
    for v in &values {
        collect(v, &mut nodes, 0);
    }
    let mut by_id = HashMap::new();
    for n in &nodes {
        if let Some(id) = n.get("@id").and_then(Value::as_str) {
            by_id.entry(id).or_insert(*n);
        }
    }
    let g = Graph { nodes, by_id };
    let mut out = JsonLd::default();
    for n in &g.nodes {
        for t in types(n) {
            if !out.types.contains(&t) {
                out.types.push(t);
            }
        }
    }
    let main = g
        .nodes
        .iter()
        .find(|n| has_type(n, CONTENT_TYPES) && n.get("headline").is_some())
        .or_else(|| g.nodes.iter().find(|n| has_type(n, CONTENT_TYPES)))
        .or_else(|| g.nodes.iter().find(|n| has_type(n, PAGE_TYPES)))
        .copied();
    if let Some(m) = main {
        out.main_types = types(m);
        out.headline = m.get("headline").and_then(text).or_else(|| {
            has_type(m, CONTENT_TYPES)
                .then(|| m.get("name").and_then(text))
                .flatten()
        });
        if let Some(a) = m.get("author").or_else(|| m.get("creator")) {
            g.names(a, &mut out.authors, 0);
        }
        out.published = ["datePublished", "dateCreated", "uploadDate"]
            .iter()
            .find_map(|k| m.get(*k).and_then(text));
        out.modified = m.get("dateModified").and_then(text);
        out.description = m.get("description").and_then(text);
        if let Some(s) = m.get("articleSection") {
            list(s, false, &mut out.sections);
        }
        if let Some(k) = m.get("keywords") {
            list(k, true, &mut out.keywords);
        }
        out.image = m
            .get("image")
            .or_else(|| m.get("thumbnailUrl"))
            .and_then(|v| image_url(g.resolve(v), 0));
        out.url = m.get("url").and_then(text);
        if let Some(p) = m.get("publisher") {
            out.publisher = g.name_of(p);
        }
    }
    // fill what the main node lacks from the other nodes
    for n in &g.nodes {
        if out.language.is_none() {
            out.language = n.get("inLanguage").and_then(|l| match l {
                Value::Object(o) => o
                    .get("alternateName")
                    .or_else(|| o.get("name"))
                    .and_then(text),
                other => text(other),
            });
        }
        if out.published.is_none() && (has_type(n, CONTENT_TYPES) || has_type(n, PAGE_TYPES)) {
            out.published = n.get("datePublished").and_then(text);
        }
        if out.authors.is_empty() && has_type(n, CONTENT_TYPES) {
            if let Some(a) = n.get("author") {
                g.names(a, &mut out.authors, 0);
            }
        }
        if out.publisher.is_none() {
            if let Some(p) = n.get("publisher") {
                out.publisher = g.name_of(p);
            }
        }
    }
    if out.publisher.is_none() {
        out.publisher = g
            .nodes
            .iter()
            .find(|n| has_type(n, &["WebSite"]))
            .and_then(|n| n.get("name").and_then(text));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(s: &str) -> JsonLd {
        extract(&[s.to_string()])
    }

    #[test]
    fn graph_with_references() {
        let j = one(r##"{"@context":"https://schema.org","@graph":[
            {"@type":"WebSite","@id":"#site","name":"The Daily"},
            {"@type":"Person","@id":"#jane","name":"Jane Doe"},
            {"@type":["NewsArticle"],"headline":"Rain &amp; wind","author":{"@id":"#jane"},
             "datePublished":"2022-07-21T09:00:00Z","dateModified":"2022-07-22",
             "articleSection":["Weather","Local"],"keywords":"rain, wind",
             "image":{"@type":"ImageObject","url":"https://x.example/a.jpg"},
             "inLanguage":"en-GB","publisher":{"@id":"#site"}}]}"##);
        assert_eq!(j.headline.as_deref(), Some("Rain & wind"));
        assert_eq!(j.authors, vec!["Jane Doe"]);
        assert_eq!(j.published.as_deref(), Some("2022-07-21T09:00:00Z"));
        assert_eq!(j.modified.as_deref(), Some("2022-07-22"));
        assert_eq!(j.sections, vec!["Weather", "Local"]);
        assert_eq!(j.keywords, vec!["rain", "wind"]);
        assert_eq!(j.image.as_deref(), Some("https://x.example/a.jpg"));
        assert_eq!(j.language.as_deref(), Some("en-GB"));
        assert_eq!(j.publisher.as_deref(), Some("The Daily"));
        assert_eq!(j.main_types, vec!["NewsArticle"]);
    }

    #[test]
    fn top_level_array_and_author_forms() {
        let j = one(
            r#"[{"@type":"BreadcrumbList"},{"@type":"http://schema.org/BlogPosting","name":"Post",
             "author":["Ann A",{"@type":"Person","name":"Bob B"}],"keywords":["x","y"],
             "image":["https://x.example/1.jpg","https://x.example/2.jpg"],
             "publisher":"Blog Inc"}]"#,
        );
        assert_eq!(j.headline.as_deref(), Some("Post"));
        assert_eq!(j.authors, vec!["Ann A", "Bob B"]);
        assert_eq!(j.keywords, vec!["x", "y"]);
        assert_eq!(j.image.as_deref(), Some("https://x.example/1.jpg"));
        assert_eq!(j.publisher.as_deref(), Some("Blog Inc"));
        assert!(j.types.contains(&"BlogPosting".to_string()));
    }

    #[test]
    fn lenient_parsing() {
        let j = one(
            "{\"@type\": \"Organization\", \"name\": \"X\",}\n{\"@type\": \"NewsArticle\", \"headline\": \"A\nB\", \"datePublished\": \"2021-08-19\", \"author\": [{\"name\": \"Tom &amp; Ann\",},],}",
        );
        assert_eq!(j.headline.as_deref(), Some("A B"));
        assert_eq!(j.published.as_deref(), Some("2021-08-19"));
        assert_eq!(j.authors, vec!["Tom & Ann".to_string()]);
        assert_eq!(drop_trailing_commas("[1, \"a,]\", ]"), "[1,\"a,]\"]");
    }

    #[test]
    fn malformed_is_skipped() {
        let j = extract(&[
            "{not json".to_string(),
            "".to_string(),
            "[[[[[[[[[[[[[[[[[[[[".to_string(),
            "<!-- {\"@type\":\"Article\",\"headline\":\"Wrapped\"} -->".to_string(),
        ]);
        assert_eq!(j.headline.as_deref(), Some("Wrapped"));
        let j = one("{\"@type\":\"Article\",\"headline\":\"Line\nbreak\"}");
        assert_eq!(j.headline.as_deref(), Some("Line break"));
        let deep = "[".repeat(5000) + &"]".repeat(5000);
        let j = one(&deep);
        assert!(j.headline.is_none());
    }
}
