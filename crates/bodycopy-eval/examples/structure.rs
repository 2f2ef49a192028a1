//! Structure measure: on a dataset whose truth JSON has `body_html` (the
//! readability set), the share of the expected headings, list items, table cells
//! and `<pre>` blocks that appear as such in bodycopy's Markdown, and in the
//! Markdown of peers whose outputs were written to folders (`<id>.md`).
//!
//! "Appears as such": an expected item (the normalised text of an `<h1>`–`<h6>`,
//! of an `<li>` without its nested lists, of a cell of an innermost `<table>`, of
//! a `<pre>`) is matched by an item of the same kind in the Markdown, as a
//! CommonMark + GFM tables parser reads it, with the same normalised text
//! (lower-cased letters and digits, punctuation and white space ignored); each Markdown item matches at most one
//! expected item. A page without output counts every expected item as missed.
//! See `bodycopy_eval::structure` for the exact rules.
//!
//! ```sh
//! cargo run --release -p bodycopy-eval --example structure -- \
//!     ../shared/bench/readability [--peer trafilatura=/tmp/trafilatura-md]
//! ```
//! `scripts/peers/structure.py` writes trafilatura's Markdown and runs this.
//! `--misses` also prints every expected item bodycopy's Markdown lacks.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use bodycopy::{Config, Extractor, PageInfo};
use bodycopy_eval::structure::{html_items, item_key, markdown_items, match_items, ItemKind};
use bodycopy_eval::Dataset;

type Counts = HashMap<ItemKind, (usize, usize)>;

fn add(total: &mut Counts, page: &Counts) {
    for (k, (e, m)) in page {
        let t = total.entry(*k).or_default();
        t.0 += e;
        t.1 += m;
    }
}

/// Print the expected items that bodycopy's Markdown lacks (`--misses`).
fn print_misses(id: &str, expected: &[(ItemKind, String)], got: &[(ItemKind, String)], text: &str) {
    let mut pool: Vec<Option<&(ItemKind, String)>> = got.iter().map(Some).collect();
    for e in expected {
        match pool.iter_mut().find(|g| g.is_some_and(|g| g == e)) {
            Some(slot) => *slot = None,
            None => println!(
                "miss {id} {} ({}): {}",
                e.0.name(),
                if text.contains(e.1.as_str()) {
                    "text present"
                } else {
                    "text absent"
                },
                e.1.chars().take(120).collect::<String>()
            ),
        }
    }
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(dataset) = args.next() else {
        eprintln!("usage: structure <dataset folder> [--peer NAME=FOLDER]...");
        return ExitCode::from(2);
    };
    let mut peers: Vec<(String, PathBuf)> = Vec::new();
    let mut show_misses = false;
    while let Some(a) = args.next() {
        if a == "--misses" {
            show_misses = true;
            continue;
        }
        let spec = if a == "--peer" { args.next() } else { None };
        match spec.as_deref().and_then(|s| s.split_once('=')) {
            Some((name, dir)) => peers.push((name.to_string(), PathBuf::from(dir))),
            None => {
                eprintln!("structure: unexpected argument {a:?} (want --peer NAME=FOLDER)");
                return ExitCode::from(2);
            }
        }
    }
    let ds = match Dataset::load(Path::new(&dataset)) {
        Ok(ds) => ds,
        Err(e) => {
            eprintln!("structure: {e}");
            return ExitCode::from(2);
        }
    };
    let extractor = Extractor::new(Config::default());
    let mut totals: Vec<(String, Counts)> = vec![("bodycopy".to_string(), Counts::new())];
    totals.extend(peers.iter().map(|(n, _)| (n.clone(), Counts::new())));
    let mut pages = 0usize;
    for page in &ds.pages {
        let truth_path = ds.path.join("truth").join(format!("{}.json", page.id));
        let truth: serde_json::Value = match std::fs::read(&truth_path)
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
        {
            Some(v) => v,
            None => continue,
        };
        let Some(body_html) = truth.get("body_html").and_then(|v| v.as_str()) else {
            continue;
        };
        let expected = html_items(body_html);
        pages += 1;
        let info = PageInfo {
            url: page.url.as_deref(),
            content_type: None,
        };
        let ours = extractor
            .extract(&page.html, &info)
            .map(|d| d.markdown())
            .unwrap_or_default();
        let got = markdown_items(&ours);
        if show_misses {
            print_misses(&page.id, &expected, &got, &item_key(&ours));
        }
        add(&mut totals[0].1, &match_items(&expected, &got));
        for (i, (_, dir)) in peers.iter().enumerate() {
            let md =
                std::fs::read_to_string(dir.join(format!("{}.md", page.id))).unwrap_or_default();
            add(
                &mut totals[i + 1].1,
                &match_items(&expected, &markdown_items(&md)),
            );
        }
    }
    println!("{} pages with body_html in {}", pages, ds.name);
    print!("{:<14}", "kind");
    println!(
        "{:>9}{}",
        "expected",
        totals
            .iter()
            .map(|(n, _)| format!("{n:>14}"))
            .collect::<String>()
    );
    for kind in ItemKind::ALL {
        let expected = totals[0].1.get(&kind).map_or(0, |c| c.0);
        print!("{:<14}{expected:>9}", kind.name());
        for (_, counts) in &totals {
            let matched = counts.get(&kind).map_or(0, |c| c.1);
            let share = if expected == 0 {
                0.0
            } else {
                matched as f64 / expected as f64
            };
            print!("{:>14}", format!("{share:.3} ({matched})"));
        }
        println!();
    }
    ExitCode::SUCCESS
}
