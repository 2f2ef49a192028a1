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
    pub max_depth: usize,
    /// Most attributes kept per element; more is an error. Default: 1,024.
    pub max_attributes: usize,
    /// Largest JSON-LD script parsed for metadata, in bytes; larger ones are skipped. Default: 1 MiB.
    pub max_json_ld_bytes: usize,
    /// Wall-clock budget for one document, checked between stages and parser chunks. Default: 10 s.
    pub time_budget: Duration,
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
