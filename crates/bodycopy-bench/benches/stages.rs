//! Per-stage throughput (bytes of HTML per second) on the pinned pages:
//! decoding, decoding + parsing, full extraction, and rendering the text and Markdown.
#![allow(missing_docs)] // criterion's macros generate undocumented items

use std::hint::black_box;
use std::time::{Duration, Instant};

use bodycopy::dom::{decode, parse};
use bodycopy::{Config, Extractor, PageInfo};
use bodycopy_bench::pinned_pages;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn stages(c: &mut Criterion) {
    let pages = pinned_pages().expect("reading the pinned pages");
    let extractor = Extractor::new(Config::default());
    let limits = extractor.config().limits.clone();
    for page in &pages {
        let mut group = c.benchmark_group(page.name.as_str());
        group.throughput(Throughput::Bytes(page.html.len() as u64));
        group.bench_function("decode", |b| {
            b.iter(|| decode::decode(black_box(&page.html), None))
        });
        let decoded = decode::decode(&page.html, None);
        group.bench_function("parse", |b| {
            b.iter(|| parse::parse_html(black_box(&decoded.text), &limits, Instant::now()))
        });
        group.bench_function("extract", |b| {
            b.iter(|| extractor.extract(black_box(&page.html), &PageInfo::default()))
        });
        let doc = extractor
            .extract(&page.html, &PageInfo::default())
            .expect("pinned pages extract");
        group.bench_function("render_text", |b| b.iter(|| black_box(&doc).text()));
        group.bench_function("render_markdown", |b| b.iter(|| black_box(&doc).markdown()));
        group.finish();
    }
}

fn config() -> Criterion {
    Criterion::default()
        .sample_size(30)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
}

criterion_group! {
    name = benches;
    config = config();
    targets = stages
}
criterion_main!(benches);
