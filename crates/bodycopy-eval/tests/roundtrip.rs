//! Markdown round trip: on every page of the three dev sets, the Markdown output,
//! read back by a CommonMark + GFM tables parser (pulldown-cmark), gives the same
//! sequence of block kinds and texts as bodycopy's own document; and no line of
//! it outside code blocks ends in white space.
//!
//! Run with the default settings and with links and images kept (the richest
//! Markdown). The benchmark folder comes from `BODYCOPY_BENCH` (default:
//! `<repo>/../shared/bench`); when it is absent the test is skipped. Run it with
//! `cargo test --release`.

use std::path::Path;

use bodycopy::{Config, Extractor, PageInfo};
use bodycopy_eval::dataset::bench_dir_or_skip;
use bodycopy_eval::structure::{document_blocks, first_difference, markdown_blocks};
use bodycopy_eval::Dataset;
use rayon::prelude::*;

const SETS: [&str; 3] = ["scrapinghub", "readability", "wcxb-dev"];

/// Lines outside fenced code that end in white space.
fn trailing_space_line(md: &str) -> Option<usize> {
    let mut fence: Option<String> = None;
    for (i, line) in md.lines().enumerate() {
        let t = line.trim_start();
        match &fence {
            Some(f) if t.trim_end() == f => fence = None,
            Some(_) => continue,
            None if t.starts_with("```") => {
                fence = Some(t.chars().take_while(|&c| c == '`').collect());
            }
            None => {}
        }
        if fence.is_none() && line.ends_with(char::is_whitespace) {
            return Some(i + 1);
        }
    }
    None
}

#[test]
fn markdown_reads_back_as_the_document() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let Some(bench) = bench_dir_or_skip(&root, "round trip") else {
        return;
    };
    let rich = Config {
        include_links: true,
        include_images: true,
        ..Config::default()
    };
    let extractors = [
        ("default", Extractor::new(Config::default())),
        ("links+images", Extractor::new(rich)),
    ];
    let mut failures = Vec::new();
    let mut checked = 0usize;
    for set in SETS {
        let ds = Dataset::load(&bench.join(set)).unwrap_or_else(|e| panic!("{set}: {e}"));
        for (name, extractor) in &extractors {
            let results: Vec<Option<String>> = ds
                .pages
                .par_iter()
                .map(|p| {
                    let info = PageInfo {
                        url: p.url.as_deref(),
                        content_type: None,
                    };
                    let doc = extractor.extract(&p.html, &info).ok()?;
                    let md = doc.markdown();
                    let want = document_blocks(&doc.body);
                    let got = markdown_blocks(&md);
                    if let Some(d) = first_difference(&want, &got) {
                        return Some(format!("{set}/{} ({name}): {d}", p.id));
                    }
                    trailing_space_line(&md)
                        .map(|l| format!("{set}/{} ({name}): line {l} ends in white space", p.id))
                })
                .collect();
            checked += results.len();
            failures.extend(results.into_iter().flatten());
        }
    }
    println!(
        "round trip: {checked} Markdown outputs checked, {} failures",
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {checked} pages differ:\n{}",
        failures.len(),
        failures
            .iter()
            .take(30)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}
