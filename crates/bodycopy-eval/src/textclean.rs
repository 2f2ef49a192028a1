//! Evaluating the text cleaner ([`bodycopy::textclean`]) on a benchmark dataset.
//!
//! Each page is turned into its whole visible text, nothing removed
//! ([`bodycopy::visible_text`], one block per line): the text a web-text corpus
//! stores when a page was not extracted. That text is scored against the page's
//! truth as it is ("unclean"), cleaned page by page ("clean"), and cleaned with the
//! lines counted over all pages of the same site (the site is the truth URL's host:
//! "batch").

use std::time::Instant;

use bodycopy::textclean::{clean_text, clean_text_in_site, site_of, TemplateIndex};
use serde::Serialize;

use crate::dataset::Dataset;
use crate::metric::{score_page, summarize, PageScore, Summary};

/// One page as text.
#[derive(Clone, Debug)]
pub struct TextDoc {
    /// Page id.
    pub id: String,
    /// Site (host without `www.`) of the truth URL.
    pub site: Option<String>,
    /// The page's whole visible text (empty when the page could not be parsed).
    pub text: String,
    /// The expected main text.
    pub truth: String,
}

/// A dataset turned into text.
#[derive(Clone, Debug)]
pub struct TextCorpus {
    /// Dataset name.
    pub name: String,
    /// Pages in dataset order.
    pub docs: Vec<TextDoc>,
}

impl TextCorpus {
    /// Turn every page of `ds` into its whole visible text.
    pub fn from_dataset(ds: &Dataset) -> TextCorpus {
        let docs = ds
            .pages
            .iter()
            .map(|p| TextDoc {
                id: p.id.clone(),
                site: p.url.as_deref().and_then(site_of),
                text: bodycopy::visible_text(&p.html).unwrap_or_default(),
                truth: p.truth.clone(),
            })
            .collect();
        TextCorpus {
            name: ds.name.clone(),
            docs,
        }
    }

    /// Total bytes of text.
    pub fn text_bytes(&self) -> usize {
        self.docs.iter().map(|d| d.text.len()).sum()
    }

    /// A [`TemplateIndex`] over every page that has a site.
    pub fn template_index(&self) -> TemplateIndex {
        let mut index = TemplateIndex::new();
        for d in &self.docs {
            if let Some(site) = &d.site {
                index.add(site, &d.text);
            }
        }
        index
    }

    /// Each page cleaned on its own.
    pub fn clean_single(&self) -> Vec<String> {
        self.docs.iter().map(|d| clean_text(&d.text).text).collect()
    }

    /// Each page cleaned with its site's line counts.
    pub fn clean_batch(&self) -> Vec<String> {
        let index = self.template_index();
        self.docs
            .iter()
            .map(|d| {
                let site = d.site.as_deref().and_then(|s| index.site(s));
                clean_text_in_site(&d.text, site).text
            })
            .collect()
    }

    /// Score outputs (one per page, in order) against the truths.
    pub fn score(&self, outputs: &[String]) -> Vec<PageScore> {
        self.docs
            .iter()
            .zip(outputs)
            .map(|(d, o)| score_page(&d.truth, o))
            .collect()
    }
}

/// The figures of one dataset.
#[derive(Clone, Debug, Serialize)]
pub struct CleanReport {
    /// Dataset name.
    pub dataset: String,
    /// Pages.
    pub pages: usize,
    /// Sites among the pages (the batch mode's groups).
    pub sites: usize,
    /// The whole visible text as it is.
    pub unclean: Summary,
    /// Cleaned page by page.
    pub clean: Summary,
    /// Cleaned with cross-document line counts per site.
    pub batch: Summary,
}

impl CleanReport {
    /// Score a corpus in the three ways.
    pub fn run(corpus: &TextCorpus) -> CleanReport {
        let unclean: Vec<String> = corpus.docs.iter().map(|d| d.text.clone()).collect();
        let sites: std::collections::HashSet<&str> = corpus
            .docs
            .iter()
            .filter_map(|d| d.site.as_deref())
            .collect();
        CleanReport {
            dataset: corpus.name.clone(),
            pages: corpus.docs.len(),
            sites: sites.len(),
            unclean: summarize(&corpus.score(&unclean)),
            clean: summarize(&corpus.score(&corpus.clean_single())),
            batch: summarize(&corpus.score(&corpus.clean_batch())),
        }
    }

    /// One line per mode.
    pub fn table(&self) -> String {
        let row = |mode: &str, s: &Summary| {
            format!(
                "{:<13} {:<8} pages {:>5}  F1 {:.3} ±{:.3}  P {:.3}  R {:.3}\n",
                self.dataset, mode, self.pages, s.f1, s.f1_std, s.precision, s.recall
            )
        };
        let mut out = row("unclean", &self.unclean);
        out.push_str(&row("clean", &self.clean));
        out.push_str(&row("batch", &self.batch));
        out
    }
}

/// Throughput of [`clean_text`] on one thread.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct Throughput {
    /// Bytes of text cleaned.
    pub bytes: u64,
    /// Seconds of wall-clock time spent.
    pub seconds: f64,
    /// Seconds the thread spent on a CPU (from `/proc/thread-self/schedstat`, Linux),
    /// which does not count time waiting for a core on a loaded machine.
    pub cpu_seconds: Option<f64>,
}

impl Throughput {
    /// Megabytes (10^6 bytes) per second of wall-clock time.
    pub fn mb_per_s(&self) -> f64 {
        per_second(self.bytes, self.seconds)
    }

    /// Megabytes per second of CPU time (per core), when the platform reports it.
    pub fn mb_per_cpu_s(&self) -> Option<f64> {
        self.cpu_seconds.map(|s| per_second(self.bytes, s))
    }
}

fn per_second(bytes: u64, seconds: f64) -> f64 {
    if seconds > 0.0 {
        bytes as f64 / 1e6 / seconds
    } else {
        0.0
    }
}

/// Nanoseconds the calling thread has spent on a CPU, where Linux reports it.
fn thread_cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

/// Clean every text of `corpus` again and again on the calling thread until at
/// least `min_seconds` have passed (at least once), and measure.
pub fn throughput(corpus: &TextCorpus, min_seconds: f64) -> Throughput {
    let started = Instant::now();
    let cpu_started = thread_cpu_ns();
    let mut bytes = 0u64;
    let mut kept = 0usize;
    loop {
        for d in &corpus.docs {
            kept += clean_text(&d.text).text.len();
            bytes += d.text.len() as u64;
        }
        if started.elapsed().as_secs_f64() >= min_seconds {
            break;
        }
    }
    std::hint::black_box(kept);
    let seconds = started.elapsed().as_secs_f64();
    let cpu_seconds = match (cpu_started, thread_cpu_ns()) {
        (Some(a), Some(b)) if b > a => Some((b - a) as f64 / 1e9),
        _ => None,
    };
    Throughput {
        bytes,
        seconds,
        cpu_seconds,
    }
}
