//! Running the extractor over a loaded dataset and scoring every page.
//!
//! Only extraction is timed (`Extractor::extract` plus rendering the body text); reading files
//! and scoring are not. A page whose extraction returns an error or panics counts as empty
//! output and is listed as an error.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Instant;

use bodycopy::{Config, Extractor, PageInfo};
use serde::Serialize;

use crate::dataset::{Dataset, Page};
use crate::metric::{self, BowScore, PageScore};

/// The outcome of one page.
#[derive(Clone, Debug, Serialize)]
pub struct PageResult {
    /// Page id.
    pub id: String,
    /// Page URL from the truth.
    pub url: Option<String>,
    /// Truth page type.
    pub page_type: Option<String>,
    /// Page type the extractor assigned.
    pub predicted_page_type: Option<String>,
    /// Shingle score.
    pub shingle: PageScore,
    /// Bag-of-words score.
    pub bow: BowScore,
    /// Characters of output text.
    pub output_chars: usize,
    /// Characters of truth text.
    pub truth_chars: usize,
    /// HTML bytes of the page.
    pub html_bytes: usize,
    /// Seconds spent extracting.
    pub seconds: f64,
    /// The error (or panic) message when extraction failed.
    pub error: Option<String>,
    /// The output text.
    #[serde(skip)]
    pub output: String,
}

/// The results of one dataset run.
#[derive(Clone, Debug)]
pub struct Run {
    /// Dataset name.
    pub dataset: String,
    /// Per-page results, in dataset order.
    pub pages: Vec<PageResult>,
    /// Sum of per-page extraction times, seconds.
    pub extract_seconds: f64,
    /// Total HTML bytes.
    pub html_bytes: u64,
    /// Worker threads used.
    pub threads: usize,
}

/// What extracting one page gave, before scoring.
#[derive(Clone, Debug, Default)]
struct Extracted {
    text: String,
    page_type: Option<String>,
    error: Option<String>,
    seconds: f64,
}

/// Extract one page, catching errors and panics.
fn extract_one(ex: &Extractor, page: &Page) -> Extracted {
    let info = PageInfo {
        url: page.url.as_deref(),
        content_type: None,
    };
    let start = Instant::now();
    let result = catch_unwind(AssertUnwindSafe(|| {
        ex.extract(&page.html, &info).map(|doc| {
            let text = doc.text();
            (text, doc.metadata.page_type.map(|t| t.as_str().to_string()))
        })
    }));
    let seconds = start.elapsed().as_secs_f64();
    let (text, page_type, error) = match result {
        Ok(Ok((text, pt))) => (text, pt, None),
        Ok(Err(e)) => (
            String::new(),
            None,
            Some(format!("{}: {e}", e.kind().as_str())),
        ),
        Err(panic) => {
            let msg = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_string());
            (String::new(), None, Some(format!("panic: {msg}")))
        }
    };
    Extracted {
        text,
        page_type,
        error,
        seconds,
    }
}

fn score_one(page: &Page, x: Extracted) -> PageResult {
    PageResult {
        id: page.id.clone(),
        url: page.url.clone(),
        page_type: page.page_type.clone(),
        predicted_page_type: x.page_type,
        shingle: metric::score_page(&page.truth, &x.text),
        bow: metric::bow_score(&page.truth, &x.text),
        output_chars: x.text.chars().count(),
        truth_chars: page.truth.chars().count(),
        html_bytes: page.html.len(),
        seconds: x.seconds,
        error: x.error,
        output: x.text,
    }
}

/// Run the extractor with `config` over every page of `ds` on one thread.
pub fn run_dataset(ds: &Dataset, config: &Config) -> Run {
    run_dataset_threads(ds, config, 1)
}

/// Run over every page with `threads` worker threads (pages are handed out one at a time).
///
/// Speed figures sum per-page times, so they stay per-core figures; with more threads than
/// free cores they become pessimistic. Scoring happens outside the timed section.
pub fn run_dataset_threads(ds: &Dataset, config: &Config, threads: usize) -> Run {
    let threads = threads.clamp(1, ds.pages.len().max(1));
    let ex = Extractor::new(config.clone());
    let raw = par_map(ds.pages.len(), threads, |i| extract_one(&ex, &ds.pages[i]));
    let pages: Vec<PageResult> = ds
        .pages
        .iter()
        .zip(raw)
        .map(|(page, r)| score_one(page, r))
        .collect();
    Run {
        dataset: ds.name.clone(),
        extract_seconds: pages.iter().map(|p| p.seconds).sum(),
        html_bytes: ds.html_bytes(),
        threads,
        pages,
    }
}

/// `f(0..n)` on `threads` worker threads (items handed out one at a time), in index order.
pub(crate) fn par_map<T: Send>(n: usize, threads: usize, f: impl Fn(usize) -> T + Sync) -> Vec<T> {
    let threads = threads.clamp(1, n.max(1));
    if threads == 1 {
        return (0..n).map(f).collect();
    }
    let mut raw: Vec<Option<T>> = (0..n).map(|_| None).collect();
    let next = AtomicUsize::new(0);
    let slots = Mutex::new(&mut raw);
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= n {
                    break;
                }
                let r = f(i);
                slots.lock().unwrap_or_else(|e| e.into_inner())[i] = Some(r);
            });
        }
    });
    raw.into_iter()
        .map(|r| r.expect("every item was computed"))
        .collect()
}
