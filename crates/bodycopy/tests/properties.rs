//! Properties that hold for every page (proptest, bounded case counts):
//! extraction is deterministic; every word of the output appears in the page's
//! text (nothing is invented); extracting bodycopy's own HTML output again gives
//! the same text.

use std::time::{Duration, SystemTime};

use bodycopy::dom::{decode, parse, Dom, NodeId};
use bodycopy::{Config, Document, Extractor, Limits, PageInfo};
use proptest::prelude::*;

/// Words the generated pages are written in: common words, words with accents
/// and other scripts, numbers, and words holding characters HTML escapes.
const VOCABULARY: &[&str] = &[
    "the",
    "ferry",
    "will",
    "leave",
    "earlier",
    "on",
    "weekdays",
    "from",
    "next",
    "month",
    "commuters",
    "reach",
    "station",
    "before",
    "service",
    "weekend",
    "sailings",
    "are",
    "unchanged",
    "operator",
    "review",
    "times",
    "after",
    "summer",
    "season",
    "passengers",
    "café",
    "naïve",
    "Zürich",
    "東京",
    "Москва",
    "2023",
    "10:30",
    "R&D",
    "a<b",
    "\"quoted\"",
    "it's",
    "—",
    "(see",
    "below)",
    "50%",
    "e-mail",
];

fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::sample::select(VOCABULARY).prop_map(str::to_string),
        1 => "[a-zA-Z0-9]{1,12}",
    ]
}

fn sentence() -> impl Strategy<Value = String> {
    proptest::collection::vec(word(), 6..20).prop_map(|w| format!("{}.", w.join(" ")))
}

/// Text as it goes into markup: `&`, `<` and `>` escaped.
fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Some words of a sentence wrapped in inline markup (bold, emphasis, links, code).
fn inline(text: &str, marks: u64) -> String {
    text.split(' ')
        .enumerate()
        .map(|(i, w)| match (marks >> (i % 64)) & 0b111 {
            0 => format!("<b>{}</b>", esc(w)),
            1 => format!("<em>{}</em>", esc(w)),
            2 => format!("<a href=\"/w/{i}\">{}</a>", esc(w)),
            3 => format!("<code>{}</code>", esc(w)),
            _ => esc(w),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// One block of an article body, as markup.
fn block() -> impl Strategy<Value = String> {
    prop_oneof![
        5 => (proptest::collection::vec(sentence(), 1..4), any::<u64>())
            .prop_map(|(s, m)| format!("<p>{}</p>", inline(&s.join(" "), m))),
        1 => proptest::collection::vec(word(), 2..6)
            .prop_map(|w| format!("<h2>{}</h2>", esc(&w.join(" ")))),
        1 => (proptest::collection::vec(sentence(), 2..5), any::<bool>()).prop_map(|(items, ordered)| {
            let tag = if ordered { "ol" } else { "ul" };
            let items: String = items.iter().map(|i| format!("<li>{}</li>", esc(i))).collect();
            format!("<{tag}>{items}</{tag}>")
        }),
        1 => sentence().prop_map(|s| format!("<blockquote><p>{}</p></blockquote>", esc(&s))),
        1 => proptest::collection::vec(proptest::collection::vec(word(), 2..4), 2..5).prop_map(|rows| {
            let rows: String = rows
                .iter()
                .map(|r| format!("<tr>{}</tr>", r.iter().map(|c| format!("<td>{}</td>", esc(c))).collect::<String>()))
                .collect();
            format!("<table>{rows}</table>")
        }),
        1 => sentence().prop_map(|s| format!("<pre><code>{}</code></pre>", esc(&s))),
    ]
}

/// A news-like page: navigation, a headline, an article body, a sidebar and a footer.
fn article_page() -> impl Strategy<Value = String> {
    (
        proptest::collection::vec(word(), 3..8),
        proptest::collection::vec(block(), 3..12),
        proptest::collection::vec(word(), 2..6),
        0..3usize,
    )
        .prop_map(|(title, blocks, nav, wrapper)| {
            let title = esc(&title.join(" "));
            let nav: String = nav.iter().map(|w| format!("<a href=\"/{0}\">{0}</a> ", esc(w))).collect();
            let (open, close) = [
                ("<article>", "</article>"),
                ("<div class=\"entry-content\">", "</div>"),
                ("<main><div>", "</div></main>"),
            ][wrapper];
            format!(
                "<!doctype html><html><head><title>{title} - The Daily</title></head><body>\
                 <nav>{nav}</nav>{open}<h1>{title}</h1>{}{close}\
                 <aside class=\"sidebar\"><h3>Trending</h3><ul><li><a href=\"/t\">{nav}</a></li></ul></aside>\
                 <footer>Copyright 2024 The Daily</footer></body></html>",
                blocks.concat()
            )
        })
}

/// Tags for shapeless pages, block and inline, including ones that change how
/// the parser reads what follows.
const TAGS: &[&str] = &[
    "div",
    "p",
    "span",
    "a",
    "b",
    "i",
    "li",
    "ul",
    "ol",
    "section",
    "article",
    "nav",
    "aside",
    "footer",
    "header",
    "h2",
    "table",
    "tr",
    "td",
    "blockquote",
    "pre",
    "code",
    "em",
    "main",
    "form",
    "label",
    "noscript",
    "figure",
    "figcaption",
];

/// Class names that the pruning reads.
const CLASSES: &[&str] = &[
    "",
    "content",
    "sidebar",
    "share",
    "ad",
    "article-body",
    "comments",
    "menu",
    "hidden",
];

/// A shapeless page: a random tree of elements with random classes and text.
/// Siblings are separated by white space: where markup glues two texts to an
/// element between them (`a.<b class="ad">x</b>b`), dropping that element joins
/// them ("a.b"), which is what the source says, not an invented word.
fn shapeless_page() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        3 => sentence().prop_map(|s| esc(&s)),
        1 => word().prop_map(|w| esc(&w)),
    ];
    leaf.prop_recursive(6, 96, 8, |inner| {
        (
            proptest::sample::select(TAGS),
            proptest::sample::select(CLASSES),
            proptest::collection::vec(inner, 0..8),
        )
            .prop_map(|(tag, class, kids)| {
                let attr = if class.is_empty() {
                    String::new()
                } else {
                    format!(" class=\"{class}\"")
                };
                format!("<{tag}{attr}>{}</{tag}>", kids.join(" "))
            })
    })
    .prop_map(|body| format!("<html><body>{body}</body></html>"))
}

fn extractor() -> Extractor {
    Extractor::new(Config {
        // a fixed crawl time: no dependence on the clock
        now: Some(SystemTime::UNIX_EPOCH + Duration::from_secs(1_704_067_200)),
        ..Config::default()
    })
}

fn extract(html: &str) -> Option<Document> {
    extractor()
        .extract(html.as_bytes(), &PageInfo::default())
        .ok()
}

/// All the text of the parsed page, text nodes joined as they stand.
fn page_text(html: &str) -> String {
    let decoded = decode::decode(html.as_bytes(), None);
    let dom: Dom = parse::parse_html(&decoded.text, &Limits::default(), std::time::Instant::now())
        .expect("the generated page parses");
    dom.descendants(NodeId::ROOT)
        .filter_map(|n| dom.text(n))
        .collect()
}

/// Every word of the document's blocks and table cells.
fn output_words(doc: &Document) -> Vec<String> {
    let mut words = Vec::new();
    for b in &doc.body {
        words.extend(b.text.split_whitespace().map(str::to_string));
        for cell in b.rows.iter().flatten() {
            words.extend(cell.text.split_whitespace().map(str::to_string));
        }
    }
    words
}

fn check_nothing_invented(html: &str) -> Result<(), TestCaseError> {
    let Some(doc) = extract(html) else {
        return Ok(());
    };
    let text = page_text(html);
    for w in output_words(&doc) {
        prop_assert!(
            text.contains(&w),
            "{w:?} is not in the page's text\npage: {html}"
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn extraction_is_deterministic(html in prop_oneof![article_page(), shapeless_page()]) {
        let first = extractor().extract(html.as_bytes(), &PageInfo::default());
        let second = extractor().extract(html.as_bytes(), &PageInfo::default());
        match (first, second) {
            (Ok(a), Ok(b)) => {
                prop_assert_eq!(&a, &b);
                prop_assert_eq!(a.json(), b.json());
            }
            (Err(a), Err(b)) => prop_assert_eq!(a.kind(), b.kind()),
            (a, b) => prop_assert!(false, "one run failed: {:?} / {:?}", a.err(), b.err()),
        }
    }

    #[test]
    fn every_output_word_is_in_an_article_page(html in article_page()) {
        check_nothing_invented(&html)?;
    }

    #[test]
    fn every_output_word_is_in_a_shapeless_page(html in shapeless_page()) {
        check_nothing_invented(&html)?;
    }

    #[test]
    fn own_html_output_extracts_to_the_same_text(html in article_page()) {
        let doc = extract(&html).expect("an article page has content");
        prop_assume!(!doc.is_empty());
        let again_html = format!("<!doctype html><html><body><article>{}</article></body></html>", doc.html());
        let again = extract(&again_html).expect("bodycopy's own output has content");
        prop_assert_eq!(again.text(), doc.text(), "\nfirst pass html: {}", again_html);
    }
}
