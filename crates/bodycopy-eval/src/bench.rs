//! Whole-dataset throughput on the calling thread, with a per-stage breakdown.
//!
//! Pages are preloaded in memory ([`Dataset::load`]); only extraction and rendering the text
//! are timed. A second, separate pass times decoding + parsing alone, the floor that the
//! rest of the pipeline is measured against.

use std::time::{Duration, Instant};

use bodycopy::dom::{decode, parse};
use bodycopy::{Extractor, PageInfo, StageTimes};
use serde::Serialize;

use crate::dataset::Dataset;

/// Pages, bytes and seconds of one timed pass, as rates.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct Throughput {
    /// Seconds summed over the timed pages.
    pub seconds: f64,
    /// Pages per second.
    pub pages_per_sec: f64,
    /// MB (10^6 bytes) of HTML per second.
    pub mb_per_sec: f64,
}

impl Throughput {
    fn new(pages: usize, bytes: u64, seconds: f64) -> Throughput {
        let secs = seconds.max(1e-9);
        Throughput {
            seconds,
            pages_per_sec: pages as f64 / secs,
            mb_per_sec: bytes as f64 / 1e6 / secs,
        }
    }
}

/// Seconds spent per stage over a whole run.
#[derive(Clone, Copy, Debug, Default, Serialize)]
pub struct StageSeconds {
    /// Input checks and decoding.
    pub decode: f64,
    /// HTML parsing.
    pub parse: f64,
    /// Metadata extraction.
    pub metadata: f64,
    /// Statistics, pruning, selection, collection, cleaning.
    pub content: f64,
    /// Body-dependent metadata (language, page type).
    pub finish: f64,
    /// Rendering the plain text.
    pub serialise: f64,
}

/// The figures of one `bench` run over a dataset.
#[derive(Clone, Debug, Serialize)]
pub struct BenchReport {
    /// Dataset name.
    pub dataset: String,
    /// Pages in the dataset.
    pub pages: usize,
    /// HTML bytes in the dataset.
    pub bytes: u64,
    /// Timed passes over the dataset.
    pub passes: usize,
    /// Full extraction plus text rendering.
    pub extract: Throughput,
    /// Decoding and parsing alone.
    pub parse_only: Throughput,
    /// `extract` throughput as a share of `parse_only` throughput.
    pub extract_vs_parse: f64,
    /// Per-stage seconds of the extraction passes.
    pub stages: StageSeconds,
    /// Pages whose extraction returned an error (counted in the timing).
    pub errors: usize,
    /// Peak resident set size of the process so far, MB (Linux only).
    pub peak_rss_mb: Option<f64>,
}

/// Time `passes` extraction passes and `passes` parse-only passes over `dataset` on this thread.
pub fn bench(dataset: &Dataset, extractor: &Extractor, passes: usize) -> BenchReport {
    let passes = passes.max(1);
    warm_up(dataset, extractor);
    let mut times = StageTimes::default();
    let mut serialise = Duration::ZERO;
    let mut errors = 0;
    for _ in 0..passes {
        for page in &dataset.pages {
            let info = PageInfo {
                url: page.url.as_deref(),
                content_type: None,
            };
            let (result, t) = extractor.extract_timed(&page.html, &info);
            times.add(&t);
            match result {
                Ok(doc) => {
                    let started = Instant::now();
                    std::hint::black_box(doc.text());
                    serialise += started.elapsed();
                }
                Err(_) => errors += 1,
            }
        }
    }
    let parse_seconds = parse_only(dataset, extractor, passes);
    let pages = dataset.pages.len() * passes;
    let bytes = dataset.html_bytes() * passes as u64;
    let extract = Throughput::new(pages, bytes, (times.total() + serialise).as_secs_f64());
    let parse_only = Throughput::new(pages, bytes, parse_seconds);
    BenchReport {
        dataset: dataset.name.clone(),
        pages: dataset.pages.len(),
        bytes: dataset.html_bytes(),
        passes,
        extract_vs_parse: extract.pages_per_sec / parse_only.pages_per_sec.max(1e-9),
        extract,
        parse_only,
        stages: StageSeconds {
            decode: times.decode.as_secs_f64(),
            parse: times.parse.as_secs_f64(),
            metadata: times.metadata.as_secs_f64(),
            content: times.content.as_secs_f64(),
            finish: times.finish.as_secs_f64(),
            serialise: serialise.as_secs_f64(),
        },
        errors: errors / passes,
        peak_rss_mb: peak_rss_mb(),
    }
}

/// A few untimed extractions so that the allocator and caches are in their steady state.
fn warm_up(dataset: &Dataset, extractor: &Extractor) {
    for page in dataset.pages.iter().take(20) {
        let _ = std::hint::black_box(extractor.extract(&page.html, &PageInfo::default()));
    }
}

/// Seconds to decode and parse every page `passes` times.
fn parse_only(dataset: &Dataset, extractor: &Extractor, passes: usize) -> f64 {
    let limits = &extractor.config().limits;
    let mut total = Duration::ZERO;
    for _ in 0..passes {
        for page in &dataset.pages {
            let started = Instant::now();
            let decoded = decode::decode(&page.html, None);
            let _ = std::hint::black_box(parse::parse_html(&decoded.text, limits, started));
            total += started.elapsed();
        }
    }
    total.as_secs_f64()
}

/// The process's peak resident set size in MB, from `/proc/self/status` (`VmHWM`).
pub fn peak_rss_mb() -> Option<f64> {
    proc_status_kb("VmHWM:").map(|kb| kb as f64 / 1024.0)
}

/// The process's current resident set size in MB, from `/proc/self/status` (`VmRSS`).
pub fn rss_mb() -> Option<f64> {
    proc_status_kb("VmRSS:").map(|kb| kb as f64 / 1024.0)
}

fn proc_status_kb(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line[field.len()..]
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()
}

impl BenchReport {
    /// A human-readable block of lines.
    pub fn to_text(&self) -> String {
        let s = &self.stages;
        let total = s.decode + s.parse + s.metadata + s.content + s.finish + s.serialise;
        let share = |x: f64| 100.0 * x / total.max(1e-12);
        let mut out = format!(
            "{}: {} pages, {:.1} MB, {} pass(es), one thread\n  extract     {:8.1} pages/s {:7.1} MB/s\n  parse only  {:8.1} pages/s {:7.1} MB/s\n  extract / parse-only throughput: {:.2}\n",
            self.dataset,
            self.pages,
            self.bytes as f64 / 1e6,
            self.passes,
            self.extract.pages_per_sec,
            self.extract.mb_per_sec,
            self.parse_only.pages_per_sec,
            self.parse_only.mb_per_sec,
            self.extract_vs_parse,
        );
        out.push_str(&format!(
            "  stages: decode {:.1}%  parse {:.1}%  metadata {:.1}%  content {:.1}%  finish {:.1}%  serialise {:.1}%\n",
            share(s.decode),
            share(s.parse),
            share(s.metadata),
            share(s.content),
            share(s.finish),
            share(s.serialise)
        ));
        if self.errors > 0 {
            out.push_str(&format!("  errors: {} page(s)\n", self.errors));
        }
        if let Some(rss) = self.peak_rss_mb {
            out.push_str(&format!("  peak RSS {rss:.1} MB\n"));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::Page;
    use bodycopy::Config;

    #[test]
    fn bench_counts_pages_bytes_and_errors() {
        let page = |id: &str, html: &str| Page {
            id: id.into(),
            url: None,
            page_type: None,
            truth: String::new(),
            html: html.as_bytes().to_vec(),
        };
        let dataset = Dataset {
            name: "tiny".into(),
            path: ".".into(),
            pages: vec![
                page("a", "<html><body><article><p>One paragraph of text that is long enough to be kept as the article body.</p></article></body></html>"),
                page("b", "   "),
            ],
        };
        let report = bench(&dataset, &Extractor::new(Config::default()), 2);
        assert_eq!(report.pages, 2);
        assert_eq!(report.passes, 2);
        assert_eq!(report.bytes, dataset.html_bytes());
        assert_eq!(
            report.errors, 1,
            "the blank page is an error, once per pass"
        );
        assert!(report.extract.pages_per_sec > 0.0);
        assert!(report.parse_only.pages_per_sec > 0.0);
        assert!(report.to_text().contains("tiny: 2 pages"));
    }
}
