//! Decode + parse throughput of bodycopy's own parser and of html5ever, one core.
//!
//! `cargo run --release --example parse_bench -- ../shared/bench/scrapinghub [passes] [bodycopy|html5ever]`
//! Pages are loaded (and un-gzipped) into memory first; each parser then
//! decodes and parses every page `passes` times (default 5); the best pass counts.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use bodycopy::dom::{decode, html, parse, Dom};
use bodycopy::{Error, Limits};

#[path = "../tests/common/bench_pages.rs"]
mod bench_pages;

type ParseFn = fn(&str, &Limits, Instant) -> Result<Dom, Error>;

fn load(dir: &Path) -> Vec<Vec<u8>> {
    bench_pages::page_files(dir)
        .iter()
        .map(|f| bench_pages::read_page(f))
        .collect()
}

fn run(pages: &[Vec<u8>], parse: ParseFn, passes: usize) -> (Duration, Duration) {
    let limits = Limits::default();
    let mut best = Duration::MAX;
    let mut best_parse = Duration::MAX;
    for _ in 0..passes {
        let start = Instant::now();
        let mut parse_time = Duration::ZERO;
        for p in pages {
            let text = decode::decode(p, None).text;
            let t = Instant::now();
            let dom = parse(&text, &limits, t).expect("page parses");
            parse_time += t.elapsed();
            std::hint::black_box(dom);
        }
        best = best.min(start.elapsed());
        best_parse = best_parse.min(parse_time);
    }
    (best, best_parse)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(
        args.next()
            .expect("usage: parse_bench <dataset-dir> [passes]"),
    );
    let passes: usize = args.next().map_or(5, |p| p.parse().expect("passes"));
    // optional: only this parser (for profiling)
    let only = args.next();
    let pages = load(&dir);
    let bytes: usize = pages.iter().map(Vec::len).sum();
    let mb = bytes as f64 / 1e6;
    println!(
        "{}: {} pages, {mb:.1} MB, best of {passes} passes",
        dir.display(),
        pages.len()
    );
    let parsers: [(&str, ParseFn); 2] = [
        ("bodycopy", html::parse_html),
        ("html5ever", parse::parse_html_html5ever),
    ];
    let mut totals = Vec::new();
    for (name, f) in parsers {
        if only.as_deref().is_some_and(|o| o != name) {
            continue;
        }
        let (total, parse_only) = run(&pages, f, passes);
        let rate = mb / total.as_secs_f64();
        println!(
            "{name:>10}: decode+parse {rate:7.1} MB/s ({:.0} ms), parse alone {:7.1} MB/s",
            total.as_secs_f64() * 1e3,
            mb / parse_only.as_secs_f64()
        );
        totals.push(rate);
    }
    if let [ours, reference] = totals[..] {
        println!("speed-up (decode+parse): {:.2}x", ours / reference);
    }
}
