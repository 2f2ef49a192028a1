//! Reader comments, on request: the subtrees named as comment sections.

use crate::document::Block;
use crate::dom::{Dom, NodeId};
use crate::extractor::Config;
use crate::rules::classes;
use crate::stages::collect::collect_plain;
use crate::stages::stats::Stats;

/// Words that name a comment section.
const COMMENT_WORDS: &[&str] = &["comment", "comments", "commentlist", "disqus", "replies"];

/// Collect the text of comment sections (outermost ones only).
pub fn collect(dom: &Dom, stats: &Stats, config: &Config, base: Option<&str>) -> Vec<Block> {
    let mut roots: Vec<NodeId> = Vec::new();
    let mut words = Vec::new();
    for &id in &stats.order {
        if !dom.is_element(id) || roots.iter().any(|&r| dom.is_ancestor_or_self(r, id)) {
            continue;
        }
        words.clear();
        for a in dom.attrs(id) {
            if &*a.name == "class" || &*a.name == "id" {
                classes::words(&a.value, &mut words);
            }
        }
        if words.iter().any(|w| COMMENT_WORDS.contains(&w.as_str())) && stats.text_len[id] > 0 {
            roots.push(id);
        }
    }
    collect_plain(dom, stats, &roots, config, base)
}
