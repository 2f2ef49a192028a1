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
    // the end (in document order) of the last comment section found: nodes before it
    // are inside it, since sections are found in order and never nest
    let mut inside_until = 0u32;
    let mut buf = String::new();
    // what each class or id value says, remembered: pages repeat their class lists
    let mut memo: classes::StrMap<&str, bool> = classes::StrMap::default();
    for &id in &stats.order {
        if stats.pos[id] < inside_until || !dom.is_element(id) {
            continue;
        }
        let mut named = false;
        for a in dom.attrs(id) {
            if &*a.name == "class" || &*a.name == "id" {
                named |= *memo.entry(&a.value).or_insert_with(|| {
                    let mut hit = false;
                    classes::for_each_word(&a.value, &mut buf, |w| {
                        hit |= COMMENT_WORDS.contains(&w);
                    });
                    hit
                });
            }
        }
        if named && stats.text_len[id] > 0 {
            roots.push(id);
            inside_until = stats.end[id];
        }
    }
    collect_plain(dom, stats, &roots, config, base)
}
