//! Scoring, dataset loading and side-by-side runs for bodycopy.
//!
//! The scorer implements the article-extraction-benchmark metric
//! (see `METRIC.md` in the benchmark folder): [`metric`]. [`dataset`] loads a benchmark
//! folder into memory, [`run`] extracts and scores every page, [`report`] turns a run into
//! figures, a table, JSON and per-page JSONL; [`metadata`] scores titles, authors, dates and
//! page types; [`bench`] times one thread over a whole dataset.

pub mod bench;
pub mod dataset;
pub mod metadata;
pub mod metric;
pub mod report;
pub mod run;
pub mod structure;
pub mod textclean;

pub use bench::{bench, BenchReport};
pub use dataset::{Dataset, Page};
pub use report::Report;
pub use run::{run_dataset, run_dataset_threads, Run};
