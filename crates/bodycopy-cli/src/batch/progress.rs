//! Counting, progress (an indicatif bar on a terminal, periodic log lines otherwise) and
//! the closing summary.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::IsTerminal;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::work::{Outcome, Skip};

/// What a run has seen so far.
#[derive(Debug, Default)]
pub struct Stats {
    /// Items read (WARC records, JSON lines, HTML files), damaged ones included.
    pub read: u64,
    /// Rows with extracted content.
    pub kept: u64,
    /// Of `kept`: rows whose text is empty (no main content found).
    pub empty: u64,
    /// Error rows.
    pub failed: u64,
    /// Items without a row, by reason.
    pub skipped: BTreeMap<Skip, u64>,
    /// HTML bytes of the rows.
    pub html_bytes: u64,
}

impl Stats {
    /// Count one outcome.
    pub fn count(&mut self, outcome: &Outcome) {
        match outcome {
            Outcome::Row(row) => {
                self.read += 1;
                self.html_bytes += row.html_bytes;
                if row.error.is_some() {
                    self.failed += 1;
                } else {
                    self.kept += 1;
                    if row.text.as_deref().is_none_or(str::is_empty) {
                        self.empty += 1;
                    }
                }
            }
            Outcome::Skipped(reason) => {
                self.read += 1;
                *self.skipped.entry(*reason).or_default() += 1;
            }
            Outcome::InputDone(_) => {}
        }
    }

    fn skipped_total(&self) -> u64 {
        self.skipped.values().sum()
    }
}

/// Progress reporting.
pub struct Progress {
    bar: Option<ProgressBar>,
    start: Instant,
    last_log: Instant,
    every: Duration,
    total_bytes: u64,
}

impl Progress {
    /// A bar when stderr is a terminal, log lines every `every` otherwise.
    pub fn new(total_bytes: u64, every: Duration) -> Progress {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = ProgressBar::with_draw_target(Some(total_bytes), ProgressDrawTarget::stderr());
            let style = ProgressStyle::with_template(
                "{elapsed_precise} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec} ETA {eta} {msg}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> ");
            bar.set_style(style);
            bar
        });
        let now = Instant::now();
        Progress {
            bar,
            start: now,
            last_log: now,
            every,
            total_bytes,
        }
    }

    /// Report the position: `raw` input bytes consumed.
    pub fn update(&mut self, stats: &Stats, raw: u64) {
        let secs = self.start.elapsed().as_secs_f64().max(1e-9);
        let rate = stats.read as f64 / secs;
        if let Some(bar) = &self.bar {
            bar.set_position(raw);
            bar.set_message(format!("{} records {rate:.0}/s", stats.read));
            return;
        }
        if self.last_log.elapsed() < self.every {
            return;
        }
        self.last_log = Instant::now();
        let mbs = raw as f64 / 1e6 / secs;
        let pct = 100.0 * raw as f64 / self.total_bytes.max(1) as f64;
        let eta = if raw > 0 {
            format!(
                "{:.0}s",
                (self.total_bytes.saturating_sub(raw)) as f64 / (raw as f64 / secs)
            )
        } else {
            "?".to_string()
        };
        eprintln!(
            "bodycopy batch: {:.1}/{:.1} MB ({pct:.0}%), {} records, {rate:.1} records/s, {mbs:.2} MB/s, ETA {eta}",
            raw as f64 / 1e6,
            self.total_bytes as f64 / 1e6,
            stats.read
        );
    }

    /// Clear the bar and print the summary.
    pub fn finish(&self, stats: &Stats, raw: u64, threads: usize) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
        eprint!("{}", summary(stats, raw, self.start.elapsed(), threads));
    }
}

/// The closing summary.
pub fn summary(stats: &Stats, raw: u64, elapsed: Duration, threads: usize) -> String {
    let secs = elapsed.as_secs_f64().max(1e-9);
    let mut s = String::new();
    let _ = writeln!(
        s,
        "bodycopy batch: {} records read in {secs:.2} s with {threads} extraction thread(s)",
        stats.read
    );
    let mut reasons: Vec<String> = stats
        .skipped
        .iter()
        .map(|(k, v)| format!("{} {v}", k.as_str()))
        .collect();
    if reasons.is_empty() {
        reasons.push("none".to_string());
    }
    let _ = writeln!(
        s,
        "  kept {} ({} without text), failed {}, skipped {} ({})",
        stats.kept,
        stats.empty,
        stats.failed,
        stats.skipped_total(),
        reasons.join(", ")
    );
    let _ = writeln!(
        s,
        "  pages/s {:.1}  records/s {:.1}  input MB/s {:.2}  HTML MB/s {:.2}",
        (stats.kept + stats.failed) as f64 / secs,
        stats.read as f64 / secs,
        raw as f64 / 1e6 / secs,
        stats.html_bytes as f64 / 1e6 / secs
    );
    s
}
