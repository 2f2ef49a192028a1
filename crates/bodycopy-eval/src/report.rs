//! The report of a dataset run: figures, a readable table, JSON and per-page JSONL.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::metric::{self, BowSummary, Summary};
use crate::run::Run;

/// One row of the per-page-type table.
#[derive(Clone, Debug, Serialize)]
pub struct TypeRow {
    /// The truth page type.
    pub page_type: String,
    /// Pages of that type.
    pub n: usize,
    /// Shingle figures over those pages.
    pub shingle: Summary,
    /// Bag-of-words figures over those pages.
    pub bow: BowSummary,
    /// Share of those pages whose predicted page type matches (None when the extractor
    /// predicted no page type at all).
    pub type_accuracy: Option<f64>,
}

/// A page whose extraction failed.
#[derive(Clone, Debug, Serialize)]
pub struct PageError {
    /// Page id.
    pub id: String,
    /// The message.
    pub error: String,
}

/// The figures of one dataset run.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    /// Dataset name.
    pub dataset: String,
    /// Pages.
    pub pages: usize,
    /// Pages whose extraction failed (counted as empty output).
    pub errors: Vec<PageError>,
    /// Shingle figures (the benchmark metric).
    pub shingle: Summary,
    /// Bag-of-words figures (the WCXB view).
    pub bow: BowSummary,
    /// Per truth page type, when the dataset has page types.
    pub by_page_type: Vec<TypeRow>,
    /// Share of pages whose predicted page type equals the truth's (when the truth has types
    /// and the extractor predicted any).
    pub page_type_accuracy: Option<f64>,
    /// Total extraction time, seconds (sum over pages).
    pub extract_seconds: f64,
    /// Total HTML bytes.
    pub html_bytes: u64,
    /// Pages per second of extraction time.
    pub pages_per_sec: f64,
    /// MB (10^6 bytes) of HTML per second of extraction time.
    pub mb_per_sec: f64,
    /// Worker threads used.
    pub threads: usize,
}

impl Report {
    /// Compute the report of a run.
    pub fn from_run(run: &Run) -> Report {
        let shingle = metric::summarize(&run.pages.iter().map(|p| p.shingle).collect::<Vec<_>>());
        let bow = metric::summarize_bow(&run.pages.iter().map(|p| p.bow).collect::<Vec<_>>());
        let errors = run
            .pages
            .iter()
            .filter_map(|p| {
                p.error.as_ref().map(|e| PageError {
                    id: p.id.clone(),
                    error: e.clone(),
                })
            })
            .collect();
        let mut groups: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, p) in run.pages.iter().enumerate() {
            if let Some(t) = &p.page_type {
                groups.entry(t.as_str()).or_default().push(i);
            }
        }
        let predicts = run.pages.iter().any(|p| p.predicted_page_type.is_some());
        let matches = |idx: &[usize]| -> Option<f64> {
            if !predicts {
                return None;
            }
            let hit = idx
                .iter()
                .filter(|&&i| run.pages[i].predicted_page_type == run.pages[i].page_type)
                .count();
            Some(hit as f64 / idx.len().max(1) as f64)
        };
        let mut by_page_type: Vec<TypeRow> = groups
            .iter()
            .map(|(t, idx)| TypeRow {
                page_type: t.to_string(),
                n: idx.len(),
                shingle: metric::summarize(
                    &idx.iter()
                        .map(|&i| run.pages[i].shingle)
                        .collect::<Vec<_>>(),
                ),
                bow: metric::summarize_bow(
                    &idx.iter().map(|&i| run.pages[i].bow).collect::<Vec<_>>(),
                ),
                type_accuracy: matches(idx),
            })
            .collect();
        by_page_type.sort_by(|a, b| b.n.cmp(&a.n).then(a.page_type.cmp(&b.page_type)));
        let page_type_accuracy = if groups.is_empty() {
            None
        } else {
            let typed: Vec<usize> = groups.values().flatten().copied().collect();
            matches(&typed)
        };
        let secs = run.extract_seconds.max(1e-9);
        Report {
            dataset: run.dataset.clone(),
            pages: run.pages.len(),
            errors,
            shingle,
            bow,
            by_page_type,
            page_type_accuracy,
            extract_seconds: run.extract_seconds,
            html_bytes: run.html_bytes,
            pages_per_sec: run.pages.len() as f64 / secs,
            mb_per_sec: run.html_bytes as f64 / 1e6 / secs,
            threads: run.threads,
        }
    }

    /// A readable table: one summary line, errors, and the per-page-type table.
    pub fn table(&self) -> String {
        let s = &self.shingle;
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{:<12}  pages {:>4}  F1 {:.3} ±{:.3}  P {:.3}  R {:.3}  acc {:.3}  \
             BoW F1 {:.3} (P {:.3} R {:.3})  pages/s {:.1}  MB/s {:.2}",
            self.dataset,
            self.pages,
            s.f1,
            s.f1_std,
            s.precision,
            s.recall,
            s.accuracy,
            self.bow.f1,
            self.bow.precision,
            self.bow.recall,
            self.pages_per_sec,
            self.mb_per_sec,
        );
        if !self.errors.is_empty() {
            let _ = writeln!(out, "  errors: {}", self.errors.len());
            for e in &self.errors {
                let _ = writeln!(out, "    {}: {}", e.id, e.error);
            }
        }
        if !self.by_page_type.is_empty() {
            let _ = writeln!(
                out,
                "  {:<14} {:>5}  {:>6} {:>6}  {:>6} {:>6}  {:>6}  {:>8}",
                "page_type", "n", "F1", "±", "P", "R", "BoW F1", "type acc"
            );
            for r in &self.by_page_type {
                let acc = r
                    .type_accuracy
                    .map_or("-".to_string(), |a| format!("{a:.3}"));
                let _ = writeln!(
                    out,
                    "  {:<14} {:>5}  {:>6.3} {:>6.3}  {:>6.3} {:>6.3}  {:>6.3}  {:>8}",
                    r.page_type,
                    r.n,
                    r.shingle.f1,
                    r.shingle.f1_std,
                    r.shingle.precision,
                    r.shingle.recall,
                    r.bow.f1,
                    acc,
                );
            }
            if let Some(a) = self.page_type_accuracy {
                let _ = writeln!(out, "  page type accuracy {a:.3}");
            }
        }
        out
    }
}

/// One line of the per-page JSONL file.
#[derive(Serialize)]
struct PageLine<'a> {
    id: &'a str,
    url: Option<&'a str>,
    page_type: Option<&'a str>,
    predicted_page_type: Option<&'a str>,
    precision: f64,
    recall: f64,
    f1: f64,
    tp: f64,
    fp: f64,
    #[serde(rename = "fn")]
    fn_: f64,
    exact: bool,
    bow_precision: f64,
    bow_recall: f64,
    bow_f1: f64,
    output_chars: usize,
    truth_chars: usize,
    html_bytes: usize,
    seconds: f64,
    error: Option<&'a str>,
}

/// Write `DIR/<dataset>.jsonl` (one line per page) and, when `save_text`, every output text as
/// `DIR/<dataset>/<id>.txt`. Returns the JSONL path.
pub fn write_pages(run: &Run, dir: &Path, save_text: bool) -> io::Result<PathBuf> {
    fs::create_dir_all(dir)?;
    let path = dir.join(format!("{}.jsonl", run.dataset));
    let mut w = BufWriter::new(fs::File::create(&path)?);
    for p in &run.pages {
        let line = PageLine {
            id: &p.id,
            url: p.url.as_deref(),
            page_type: p.page_type.as_deref(),
            predicted_page_type: p.predicted_page_type.as_deref(),
            precision: p.shingle.precision,
            recall: p.shingle.recall,
            f1: p.shingle.f1(),
            tp: p.shingle.tp,
            fp: p.shingle.fp,
            fn_: p.shingle.fn_,
            exact: p.shingle.exact,
            bow_precision: p.bow.precision,
            bow_recall: p.bow.recall,
            bow_f1: p.bow.f1,
            output_chars: p.output_chars,
            truth_chars: p.truth_chars,
            html_bytes: p.html_bytes,
            seconds: p.seconds,
            error: p.error.as_deref(),
        };
        serde_json::to_writer(&mut w, &line)?;
        w.write_all(b"\n")?;
    }
    w.flush()?;
    if save_text {
        let tdir = dir.join(&run.dataset);
        fs::create_dir_all(&tdir)?;
        for p in &run.pages {
            fs::write(tdir.join(format!("{}.txt", p.id)), &p.output)?;
        }
    }
    Ok(path)
}
