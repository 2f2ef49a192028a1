//! Text-only extraction (`Config::with_metadata = false`) skips most of the metadata
//! work but must give the same body as the full extraction: on every fixture (text and
//! Markdown with links) and on every page of the dev sets in `$BODYCOPY_BENCH` (default
//! `../shared/bench`, skipped when absent).

use std::path::Path;

use bodycopy::output::{Format, RenderOptions};
use bodycopy::{Config, Extractor, PageInfo};

mod common {
    pub mod bench_pages;
}
use common::bench_pages::{bench_dir, page_files, read_page};

fn extractors(links: bool) -> (Extractor, Extractor) {
    let full = Config {
        include_links: links,
        ..Config::default()
    };
    let text_only = Config {
        with_metadata: false,
        ..full.clone()
    };
    (Extractor::new(full), Extractor::new(text_only))
}

/// The difference between the two extractions of one page, if any.
fn differs(
    full: &Extractor,
    text_only: &Extractor,
    html: &[u8],
    url: Option<&str>,
) -> Option<String> {
    let info = PageInfo {
        url,
        content_type: None,
    };
    let options = RenderOptions {
        title: true,
        comments: false,
    };
    match (full.extract(html, &info), text_only.extract(html, &info)) {
        (Ok(a), Ok(b)) => {
            for format in [Format::Txt, Format::Markdown, Format::Html] {
                let (x, y) = (a.render(format, &options), b.render(format, &options));
                if x != y {
                    return Some(format!("{format:?} differs:\n{x}\n---\n{y}"));
                }
            }
            None
        }
        (Err(a), Err(b)) if a.kind() == b.kind() => None,
        (a, b) => Some(format!("{:?} vs {:?}", a.err(), b.err())),
    }
}

#[test]
fn text_only_gives_the_same_body_on_every_fixture() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let (full, text_only) = extractors(true);
    let mut checked = 0;
    for entry in std::fs::read_dir(&root).unwrap() {
        let dir = entry.unwrap().path();
        let Ok(html) = std::fs::read(dir.join("source.html")) else {
            continue;
        };
        let expected: serde_json::Value = std::fs::read_to_string(dir.join("expected.json"))
            .ok()
            .and_then(|s| serde_json::from_str(&s).ok())
            .unwrap_or_default();
        let url = expected.get("url").and_then(|u| u.as_str());
        if let Some(d) = differs(&full, &text_only, &html, url) {
            panic!("{}: {d}", dir.display());
        }
        checked += 1;
    }
    assert!(checked > 50, "only {checked} fixtures found");
}

#[test]
fn text_only_leaves_out_what_it_does_not_read() {
    let html = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/seed-page/source.html"),
    )
    .unwrap();
    let (full, text_only) = extractors(false);
    let a = full.extract(&html, &PageInfo::default()).unwrap();
    let b = text_only.extract(&html, &PageInfo::default()).unwrap();
    assert!(a.metadata.language.is_some() && a.metadata.description.is_some());
    assert_eq!(b.metadata.language, None);
    assert_eq!(b.metadata.description, None);
    assert!(b.metadata.tags.is_empty() && b.metadata.image.is_none());
    // what the extraction reads is there
    assert_eq!(a.metadata.title, b.metadata.title);
    assert_eq!(a.text(), b.text());
}

#[test]
fn text_only_gives_the_same_body_on_dev_pages() {
    let bench = bench_dir();
    if !bench.is_dir() {
        println!(
            "note: {} absent, text-only comparison on dev pages skipped",
            bench.display()
        );
        return;
    }
    let (full, text_only) = extractors(false);
    let mut failures = Vec::new();
    let mut pages = 0;
    for ds in ["scrapinghub", "readability", "wcxb-dev"] {
        let dir = bench.join(ds);
        if !dir.is_dir() {
            continue;
        }
        for file in page_files(&dir) {
            let html = read_page(&file);
            pages += 1;
            if let Some(d) = differs(&full, &text_only, &html, None) {
                failures.push(format!("{}: {}", file.display(), &d[..d.len().min(300)]));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} pages differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
    println!("text-only extraction same as full on {pages} dev pages");
}
