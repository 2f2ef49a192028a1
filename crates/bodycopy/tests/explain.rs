//! `Extractor::explain`: the document is exactly the one `extract` returns, every
//! candidate block has a decision and a rule, kept blocks are in the document,
//! and the annotated HTML is safe and carries the decisions. The seed page's
//! expectations are hand-made, in `tests/fixtures/seed-page/explain.json`.

use std::path::{Path, PathBuf};
use std::time::Instant;

use bodycopy::dom::{parse, Dom, NodeId};
use bodycopy::{Config, Decision, Explanation, Extractor, Limits, PageInfo};
use serde_json::Value;

mod common {
    pub mod bench_pages;
}
use common::bench_pages::{page_files, read_page};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn bench_dir() -> PathBuf {
    match std::env::var("BODYCOPY_BENCH") {
        Ok(d) => repo().join(d),
        Err(_) => repo().join("../shared/bench"),
    }
}

/// Check the explanation of one page against its extraction; returns failures.
fn check_page(extractor: &Extractor, path: &Path, html: &[u8], url: Option<&str>) -> Vec<String> {
    let name = path.display();
    let page = PageInfo {
        url,
        content_type: None,
    };
    let mut failures = Vec::new();
    let extracted = extractor.extract(html, &page);
    let explained = extractor.explain(html, &page);
    let (doc, ex) = match (extracted, explained) {
        (Ok(doc), Ok(ex)) => (doc, ex),
        (Err(a), Err(b)) if a.kind() == b.kind() => return failures,
        (a, b) => {
            failures.push(format!(
                "{name}: extract {:?}, explain {:?}",
                a.err(),
                b.err()
            ));
            return failures;
        }
    };
    if ex.document != doc {
        failures.push(format!("{name}: explain's document differs from extract's"));
    }
    let text = doc.text();
    for (i, b) in ex.blocks.iter().enumerate() {
        if b.id as usize != i || b.rule.is_empty() || b.tag.is_empty() || b.path.is_empty() {
            failures.push(format!("{name}: block {i} incomplete: {b:?}"));
        }
        // a kept block's text is in the document: some of it (marks such as
        // a heading's "¶" are not, and a run of it may have been dropped)
        let mut words = b
            .text_start
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty());
        let any = b.text_start.chars().any(char::is_alphanumeric);
        if b.decision == Decision::Kept && any && !words.any(|w| text.contains(w)) {
            failures.push(format!("{name}: kept block {i} not in the text: {b:?}"));
        }
    }
    let kept = ex.blocks.iter().any(|b| b.decision == Decision::Kept);
    if kept == doc.body.is_empty() {
        failures.push(format!(
            "{name}: kept blocks {kept}, body blocks {}",
            doc.body.len()
        ));
    }
    let marks = ex.annotated_html.matches("data-bc-decision=").count();
    if marks != ex.blocks.len() {
        failures.push(format!(
            "{name}: {marks} annotated elements, {} blocks",
            ex.blocks.len()
        ));
    }
    failures
}

#[test]
fn explain_matches_extract_on_fixtures() {
    let extractor = Extractor::new(Config::default());
    let mut failures = Vec::new();
    let mut pages = 0;
    let root = repo().join("tests/fixtures");
    let mut dirs: Vec<PathBuf> = Vec::new();
    for entry in std::fs::read_dir(&root).unwrap() {
        let dir = entry.unwrap().path();
        dirs.push(dir.clone());
        if dir.ends_with("structure") {
            dirs.extend(std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()));
        }
    }
    for dir in dirs {
        let Ok(html) = std::fs::read(dir.join("source.html")) else {
            continue;
        };
        let expected: Option<Value> = std::fs::read_to_string(dir.join("expected.json"))
            .ok()
            .and_then(|s| serde_json::from_str(&s).ok());
        let url = expected
            .as_ref()
            .and_then(|e| e.get("url"))
            .and_then(Value::as_str);
        failures.extend(check_page(&extractor, &dir, &html, url));
        pages += 1;
    }
    assert!(pages >= 20, "only {pages} fixtures found");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn explain_matches_extract_on_dev_pages() {
    let dir = bench_dir();
    if !dir.is_dir() {
        println!("skipped: no benchmark data at {}", dir.display());
        return;
    }
    let extractor = Extractor::new(Config::default());
    let started = Instant::now();
    let mut failures = Vec::new();
    let mut pages = 0;
    // every page of the two small sets, every 8th of the large one
    for (set, step) in [("scrapinghub", 1), ("readability", 1), ("wcxb-dev", 8)] {
        let set_dir = dir.join(set);
        if !set_dir.is_dir() {
            continue;
        }
        for path in page_files(&set_dir).into_iter().step_by(step) {
            let html = read_page(&path);
            failures.extend(check_page(&extractor, &path, &html, None));
            pages += 1;
        }
    }
    println!("explain: {pages} dev pages in {:.1?}", started.elapsed());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The decisions on the annotated elements whose own text (the text nodes
/// they are the nearest annotated element around) holds `phrase`.
fn decisions_around(dom: &Dom, phrase: &str) -> Vec<String> {
    let mut own: Vec<(NodeId, String)> = Vec::new();
    for id in dom.descendants(NodeId::ROOT) {
        let Some(t) = dom.text(id) else { continue };
        let mut cur = dom.parent(id);
        while let Some(c) = cur {
            if dom.attr(c, "data-bc-decision").is_some() {
                break;
            }
            cur = dom.parent(c);
        }
        let Some(el) = cur else { continue };
        match own.iter_mut().find(|(e, _)| *e == el) {
            Some((_, s)) => s.push_str(t),
            None => own.push((el, t.to_string())),
        }
    }
    own.iter()
        .filter(|(_, t)| {
            t.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .contains(phrase)
        })
        .map(|(el, _)| dom.attr(*el, "data-bc-decision").unwrap_or("").to_string())
        .collect()
}

fn reparse(html: &str) -> Dom {
    parse::parse_html(html, &Limits::default(), Instant::now()).expect("annotated HTML parses")
}

fn seed() -> (Explanation, Value) {
    let dir = repo().join("tests/fixtures/seed-page");
    let html = std::fs::read(dir.join("source.html")).unwrap();
    let expect: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("explain.json")).unwrap()).unwrap();
    let ex = Extractor::default()
        .explain(&html, &PageInfo::default())
        .unwrap();
    (ex, expect)
}

#[test]
fn seed_page_story_kept_and_chrome_dropped() {
    let (ex, expect) = seed();
    let dom = reparse(&ex.annotated_html);
    let mut failures = Vec::new();
    for (key, want) in [("kept", Decision::Kept), ("dropped", Decision::Dropped)] {
        for phrase in expect[key]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(Value::as_str)
        {
            let blocks: Vec<_> = ex
                .blocks
                .iter()
                .filter(|b| b.text_start.contains(phrase))
                .collect();
            if blocks.is_empty() {
                failures.push(format!("no block holds {phrase:?}"));
            }
            for b in blocks {
                if b.decision != want || b.rule.is_empty() {
                    failures.push(format!("{phrase:?}: want {want:?}, got {b:?}"));
                }
            }
            let around = decisions_around(&dom, phrase);
            let word = if want == Decision::Kept {
                "kept"
            } else {
                "dropped"
            };
            if around.is_empty() || around.iter().any(|d| d != word) {
                failures.push(format!("{phrase:?} in the annotated HTML: {around:?}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn seed_page_rules_name_the_reason() {
    let (ex, _) = seed();
    let rule_of = |phrase: &str| {
        ex.blocks
            .iter()
            .find(|b| b.text_start.contains(phrase))
            .map(|b| b.rule.clone())
            .unwrap_or_default()
    };
    assert!(
        rule_of("ALSO READ").starts_with("promo"),
        "{}",
        rule_of("ALSO READ")
    );
    assert!(
        rule_of("Must read").starts_with("related-box"),
        "{}",
        rule_of("Must read")
    );
    let ad = ex
        .blocks
        .iter()
        .filter(|b| b.text_start == "- Advertisement -")
        .filter(|b| b.rule.starts_with("ad-marker"))
        .count();
    assert!(ad >= 5, "{ad} advertisement slots named ad-marker");
    let kept = rule_of("CHINA: According");
    assert!(
        kept.starts_with("kept: in main content") && kept.contains("score"),
        "{kept}"
    );
}

#[test]
fn annotated_html_is_inert() {
    let html = r#"<html><head><meta http-equiv="refresh" content="0;url=https://evil.example/">
      <base href="https://evil.example/"><script>alert(1)</script>
      <link rel="preload" href="https://evil.example/x.js"><link rel="stylesheet" href="/site.css">
      <style>p { color: red } </style></head>
      <body onload="alert(2)"><article><h1>Title</h1>
      <p onclick="alert(3)" data-bc-decision="kept">A long enough paragraph of story text, with commas, to be kept by the extractor here.</p>
      <p>Another paragraph of the story, also long enough, with commas, so that it is read as prose.</p>
      <a href=" java&#x09;script:alert(4)">link</a><a href="data:text/html,<script>alert(5)</script>">d</a>
      <img src="data:image/png;base64,AAAA" onerror="alert(6)"><img src="/photo.jpg">
      <iframe srcdoc="<script>alert(7)</script>"></iframe><object data="x.swf"></object><embed src="y">
      <svg><script>alert(8)</script><a xlink:href="javascript:alert(9)">s</a></svg>
      <form action="https://evil.example/post"><button formaction="https://evil.example/">b</button></form>
      <noscript><img src="https://tracker.example/pixel"></noscript>
      <xmp></xmp><script>alert(10)</script></xmp>
      <style>x{}</style><p>Tail paragraph of the story that is long enough to count as prose, with commas.</p>
      <template><script>alert(11)</script></template><video src="v.mp4"></video>
      </article></body></html>"#;
    let ex = Extractor::default()
        .explain(html.as_bytes(), &PageInfo::default())
        .unwrap();
    let out = ex.annotated_html.to_ascii_lowercase();
    for bad in [
        "<script",
        "onclick",
        "onload",
        "onerror",
        "alert(",
        "javascript",
        "evil.example",
        "data:text",
        "<iframe",
        "<object",
        "<embed",
        "<svg",
        "<video",
        "refresh",
        "formaction",
        "preload",
    ] {
        assert!(!out.contains(bad), "annotated HTML holds {bad:?}:\n{out}");
    }
    assert!(out.contains("content-security-policy"));
    assert!(out.contains("script-src 'none'"));
    assert!(out.contains("/site.css") && out.contains("/photo.jpg"));
    assert!(out.contains("data:image/png"));
    // the page's own data-bc-decision is not written: only ours
    let dom = reparse(&ex.annotated_html);
    let first = decisions_around(&dom, "A long enough paragraph");
    assert_eq!(first, vec!["kept".to_string()]);
    assert_eq!(
        ex.annotated_html.matches("data-bc-decision").count(),
        ex.blocks.len()
    );
}

#[test]
fn explain_reports_the_same_errors_as_extract() {
    let extractor = Extractor::default();
    for input in [&b""[..], b"   ", b"\x00\x01\x02\x03\x00\x00\x00\x00binary"] {
        let a = extractor.extract(input, &PageInfo::default()).unwrap_err();
        let b = extractor.explain(input, &PageInfo::default()).unwrap_err();
        assert_eq!(a.kind(), b.kind());
    }
}
