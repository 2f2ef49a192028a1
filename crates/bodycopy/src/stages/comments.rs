//! Reader comments, on request: the subtrees named as comment sections.

use crate::document::Block;
use crate::dom::{Dom, NodeId};
use crate::extractor::Config;
use crate::rules::classes;
use crate::stages::collect::collect_plain;
use crate::stages::stats::Stats;

/// Words that name a comment section.
const COMMENT_WORDS: &[&str] = &["comment", "comments", "commentlist", "disqus", "replies"];

/// Could a class or id value give one of [`COMMENT_WORDS`]? Its words are pieces of it,
/// lower-cased, and every one of those words holds one of these (no other character
/// lower-cases to their ASCII letters), so a value without them is passed over at the
/// cost of one scan, not a hash lookup.
fn may_name_comments(value: &str) -> bool {
    static AUTOMATON: std::sync::OnceLock<Option<aho_corasick::AhoCorasick>> =
        std::sync::OnceLock::new();
    let automaton = AUTOMATON.get_or_init(|| {
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(["comment", "disqus", "replies"])
            .ok()
    });
    automaton.as_ref().is_none_or(|a| a.is_match(value))
}

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
            if (&*a.name == "class" || &*a.name == "id") && may_name_comments(&a.value) {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Does the value give a comment word, read the slow way (every word)?
    fn names_comments(value: &str) -> bool {
        let mut hit = false;
        classes::for_each_word(value, &mut String::new(), |w| {
            hit |= COMMENT_WORDS.contains(&w)
        });
        hit
    }

    #[test]
    fn the_prefilter_passes_every_comment_name() {
        for value in [
            "comments",
            "userComments",
            "COMMENT-LIST",
            "disqus_thread",
            "Replies",
            "post commentlist",
        ] {
            assert!(names_comments(value), "{value}");
            assert!(may_name_comments(value), "{value}");
        }
        for value in ["sidebar main", "commen t", "reply", "no-comments"] {
            assert!(!names_comments(value), "{value}");
        }
        assert!(!may_name_comments("sidebar main"));
    }

    proptest::proptest! {
        #[test]
        fn the_prefilter_never_hides_a_comment_name(
            s in "[cCoOmMeEnNtTdDiIsSqQuUrRpPlL_ \\-:İK\u{212a}é]{0,24}"
        ) {
            proptest::prop_assert!(may_name_comments(&s) || !names_comments(&s), "{}", s);
        }
    }
}
