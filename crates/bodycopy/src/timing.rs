//! Time spent in each stage of one extraction, for `bodycopy bench` and profiling.

use std::time::{Duration, Instant};

/// Wall time per pipeline stage of one extraction ([`crate::Extractor::extract_timed`]).
///
/// Rendering the result (text, Markdown, JSON) happens after extraction and is
/// timed by the caller.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct StageTimes {
    /// Input checks and byte → text decoding.
    pub decode: Duration,
    /// HTML parsing into the arena tree.
    pub parse: Duration,
    /// Metadata from `<head>`, JSON-LD and markup.
    pub metadata: Duration,
    /// Node statistics, pruning, main-content selection, block collection, cleaning.
    pub content: Duration,
    /// Metadata that depends on the extracted body (language, page type).
    pub finish: Duration,
}

impl StageTimes {
    /// Sum of every stage.
    pub fn total(&self) -> Duration {
        self.decode + self.parse + self.metadata + self.content + self.finish
    }

    /// Add another extraction's times to these.
    pub fn add(&mut self, other: &StageTimes) {
        self.decode += other.decode;
        self.parse += other.parse;
        self.metadata += other.metadata;
        self.content += other.content;
        self.finish += other.finish;
    }
}

/// A stopwatch that returns the time since its previous lap.
pub(crate) struct Laps {
    last: Instant,
}

impl Laps {
    pub(crate) fn starting_at(at: Instant) -> Self {
        Laps { last: at }
    }

    /// Time since the previous call (or the start).
    pub(crate) fn lap(&mut self) -> Duration {
        let now = Instant::now();
        let d = now.duration_since(self.last);
        self.last = now;
        d
    }
}
