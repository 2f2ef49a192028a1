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
    /// Resident set size after the first extraction pass, MB (Linux only).
    pub rss_after_first_pass_mb: Option<f64>,
    /// Resident set size after the last extraction pass, MB (Linux only); with many passes,
    /// growth over the first pass's figure would be a leak.
    pub rss_after_last_pass_mb: Option<f64>,
}

/// Time `passes` extraction passes and `passes` parse-only passes over `dataset` on this thread.
pub fn bench(dataset: &Dataset, extractor: &Extractor, passes: usize) -> BenchReport {
    let passes = passes.max(1);
    warm_up(dataset, extractor);
    let mut times = StageTimes::default();
    let mut serialise = Duration::ZERO;
    let mut errors = 0;
    let mut rss_after_pass = Vec::with_capacity(passes);
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
        rss_after_pass.push(rss_mb());
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
        rss_after_first_pass_mb: rss_after_pass.first().copied().flatten(),
        rss_after_last_pass_mb: rss_after_pass.last().copied().flatten(),
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
            out.push_str(&format!("  peak RSS {rss:.1} MB"));
            if let (Some(first), Some(last)) =
                (self.rss_after_first_pass_mb, self.rss_after_last_pass_mb)
            {
                out.push_str(&format!(
                    "; RSS after pass 1 {first:.1} MB, after pass {} {last:.1} MB",
                    self.passes
                ));
            }
            out.push('\n');
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

/// One size of the scaling run: a page built from `factor` copies of a page's body.
#[derive(Clone, Debug, Serialize)]
pub struct ScalePoint {
    /// Copies of the body.
    pub factor: usize,
    /// Bytes of the built page.
    pub bytes: usize,
    /// Best extraction time over the repetitions, seconds.
    pub seconds: f64,
    /// MB (10^6 bytes) per second.
    pub mb_per_sec: f64,
    /// Time per byte relative to the smallest factor's (1.0 is perfectly linear).
    pub relative_cost: f64,
    /// The extraction error, if the page was refused (a limit).
    pub error: Option<String>,
}

/// Build pages of `factor` copies of `html`'s body (the markup between `<body …>` and
/// `</body>`, or the whole input when it has none) and time extracting each; the best of
/// a few runs counts, fewer for bigger pages.
pub fn scaling(html: &[u8], factors: &[usize], extractor: &Extractor) -> Vec<ScalePoint> {
    let (head, body, tail) = split_body(html);
    let mut points: Vec<ScalePoint> = Vec::new();
    for &factor in factors {
        let mut page = Vec::with_capacity(head.len() + body.len() * factor + tail.len());
        page.extend_from_slice(head);
        for _ in 0..factor {
            page.extend_from_slice(body);
        }
        page.extend_from_slice(tail);
        let runs = (50 / factor.max(1)).clamp(3, 10);
        let mut best = f64::INFINITY;
        let mut error = None;
        for _ in 0..runs {
            let started = Instant::now();
            let result = extractor.extract(&page, &PageInfo::default());
            best = best.min(started.elapsed().as_secs_f64());
            error = result.err().map(|e| e.to_string());
            std::hint::black_box(());
        }
        let per_byte = best / page.len().max(1) as f64;
        let base = points
            .first()
            .map_or(per_byte, |p| p.seconds / p.bytes.max(1) as f64);
        points.push(ScalePoint {
            factor,
            bytes: page.len(),
            seconds: best,
            mb_per_sec: page.len() as f64 / 1e6 / best.max(1e-9),
            relative_cost: per_byte / base.max(1e-15),
            error,
        });
    }
    points
}

/// Split a page into the part up to and including `<body …>`, the body's inner markup,
/// and the rest from `</body>` on (ASCII case-insensitive; the whole page is the body
/// when either tag is missing).
fn split_body(html: &[u8]) -> (&[u8], &[u8], &[u8]) {
    let lower: Vec<u8> = html.to_ascii_lowercase();
    let open = memfind(&lower, b"<body").and_then(|at| {
        lower[at..]
            .iter()
            .position(|&b| b == b'>')
            .map(|gt| at + gt + 1)
    });
    let close = lower.windows(7).rposition(|w| w == b"</body>");
    match (open, close) {
        (Some(start), Some(end)) if start <= end => {
            (&html[..start], &html[start..end], &html[end..])
        }
        _ => (&[], html, &[]),
    }
}

fn memfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod scaling_tests {
    use super::*;
    use bodycopy::Config;

    #[test]
    fn body_is_repeated_inside_the_page() {
        let html = b"<html><HEAD></HEAD><Body class=x><p>One two three four five six seven eight nine ten.</p></BODY></html>";
        let (head, body, tail) = split_body(html);
        assert_eq!(head, b"<html><HEAD></HEAD><Body class=x>");
        assert_eq!(
            body,
            b"<p>One two three four five six seven eight nine ten.</p>"
        );
        assert_eq!(tail, b"</BODY></html>");
        assert_eq!(split_body(b"<p>no body</p>").1, b"<p>no body</p>");
        let points = scaling(html, &[1, 4], &Extractor::new(Config::default()));
        assert_eq!(points.len(), 2);
        assert_eq!(points[1].bytes, html.len() + 3 * body.len());
        assert!((points[0].relative_cost - 1.0).abs() < 1e-9);
    }
}
