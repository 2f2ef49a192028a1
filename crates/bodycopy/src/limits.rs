//! Size, node, depth and time budgets. Exceeding one is a typed [`crate::Error`],
//! never a panic or a hang.

use std::time::Duration;

/// Resource limits applied to every document. Each default is stated on its field.
#[derive(Clone, Debug, PartialEq)]
pub struct Limits {
    /// Largest input accepted, in bytes. Default: 64 MiB.
    pub max_input_bytes: usize,
    /// Most nodes (elements, text, comments) the parsed tree may hold. Default: 2,000,000.
    pub max_nodes: usize,
    /// Deepest element nesting the stages descend into; content below is ignored. Default: 512.
    ///
    /// The parser also enforces a hard cap of [`Limits::PARSE_DEPTH_FACTOR`] × this
    /// value (2,048 by default): a document nesting elements deeper than that is
    /// rejected with [`crate::ErrorKind::TooDeep`] (it is not truncated), because
    /// the HTML tree builder's work per tag grows with the depth of open elements.
    pub max_depth: usize,
    /// Most attributes kept per element; more is an error. Default: 1,024.
    ///
    /// A tag with more than [`Limits::PARSE_ATTRIBUTES_FACTOR`] × this value of
    /// attributes (duplicates included) is rejected before parsing, because the
    /// tokenizer's duplicate check is quadratic in the count.
    pub max_attributes: usize,
    /// Largest JSON-LD script parsed for metadata, in bytes; larger ones are skipped. Default: 1 MiB.
    pub max_json_ld_bytes: usize,
    /// Wall-clock budget for one document, checked between stages and parser chunks. Default: 10 s.
    pub time_budget: Duration,
}

impl Limits {
    /// The parser rejects nesting deeper than this many times [`Limits::max_depth`].
    pub const PARSE_DEPTH_FACTOR: usize = 4;
    /// A tag with more than this many times [`Limits::max_attributes`] attributes
    /// (counted before duplicates are dropped) is rejected before parsing.
    pub const PARSE_ATTRIBUTES_FACTOR: usize = 4;

    /// The parser's hard nesting cap: `PARSE_DEPTH_FACTOR × max_depth`.
    pub fn parse_depth_cap(&self) -> usize {
        self.max_depth.saturating_mul(Self::PARSE_DEPTH_FACTOR)
    }
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_input_bytes: 64 * 1024 * 1024,
            max_nodes: 2_000_000,
            max_depth: 512,
            max_attributes: 1024,
            max_json_ld_bytes: 1024 * 1024,
            time_budget: Duration::from_secs(10),
        }
    }
}
