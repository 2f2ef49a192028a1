//! Scoring, dataset loading and side-by-side runs for bodycopy.
//!
//! The scorer implements the article-extraction-benchmark metric
//! (see `METRIC.md` in the benchmark folder).

pub mod metric;
