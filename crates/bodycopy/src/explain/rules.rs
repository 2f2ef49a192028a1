//! Naming decisions for people: rule names, element labels and paths.

use std::collections::HashMap;

use crate::dom::{Dom, NodeId, NodeMap, Tag};
use crate::stages::clean::CleanRule;
use crate::stages::collect::CollectRule;
use crate::stages::prune::{self, PruneRule};

/// Families of chrome words, so a rule says what the element is (an ad slot,
/// a share bar) and not only which word named it. Words not listed here are
/// reported as `boilerplate-<attr>`.
#[rustfmt::skip]
const WORD_FAMILIES: &[(&str, &[&str])] = &[
    ("ad-marker", &[
        "ad", "ads", "adv", "advert", "adverts", "advertisement", "advertising", "adslot",
        "adunit", "affiliate", "sponsor", "sponsored", "outbrain", "taboola", "skyscraper",
    ]),
    ("share-bar", &[
        "share", "sharing", "social", "socials", "tweet", "twitter", "facebook", "whatsapp",
        "pinterest", "linkedin", "print",
    ]),
    ("related-box", &[
        "related", "recommend", "recommended", "recommendations", "popular", "mostread",
        "trending", "readmore", "teaser", "teasers",
    ]),
    ("navigation", &[
        "nav", "navbar", "navigation", "menu", "breadcrumb", "breadcrumbs", "crumbs",
        "pagination", "pager", "jump", "toolbar", "topbar", "dropdown",
    ]),
    ("comments", &[
        "comment", "comments", "commentlist", "disqus", "reply", "replies", "remark",
        "community", "shoutbox",
    ]),
    ("notice", &[
        "consent", "cookie", "gdpr", "modal", "popup", "newsletter", "signup", "subscribe",
        "subscription", "login",
    ]),
];

/// The rule of an element the prune stage marked chrome.
pub(super) fn prune_rule(dom: &Dom, el: NodeId, rule: Option<PruneRule>) -> String {
    match rule {
        Some(PruneRule::Noscript) => "noscript".to_string(),
        Some(PruneRule::Repeat) => format!("repeat of the block before ({})", label(dom, el)),
        Some(PruneRule::Initials) => format!("avatar initials ({})", label(dom, el)),
        Some(PruneRule::VoteTally) => format!("vote tally ({})", label(dom, el)),
        Some(PruneRule::ChromeTag | PruneRule::SectionTag) => {
            format!("chrome-tag: {} ({})", dom.tag_name(el), label(dom, el))
        }
        Some(PruneRule::Named) => {
            let names = prune::chrome_names(dom, el);
            let Some(first) = names.first() else {
                return format!("boilerplate ({})", label(dom, el));
            };
            let (attr, word) = first.split_once(": ").unwrap_or(("class", first));
            if attr == "role" {
                return format!("role: {word} ({})", label(dom, el));
            }
            let family = WORD_FAMILIES
                .iter()
                .find(|(_, words)| words.contains(&word))
                .map(|(f, _)| *f);
            match family {
                Some(f) => format!("{f} ({attr} word \"{word}\", {})", label(dom, el)),
                None => format!("boilerplate-{attr}: {word} ({})", label(dom, el)),
            }
        }
        None => format!("chrome ({})", label(dom, el)),
    }
}

/// Longest piece of a block's text quoted in a rule.
const QUOTE_CHARS: usize = 40;

/// The rule of a block the collect stage left out.
pub(super) fn collect_rule(rule: CollectRule, text: &str) -> String {
    let quote = || {
        let q: String = text.chars().take(QUOTE_CHARS).collect();
        if q.len() < text.len() {
            format!("\"{q}…\"")
        } else {
            format!("\"{q}\"")
        }
    };
    match rule {
        CollectRule::ChromePhrase => {
            let lower = text.to_lowercase();
            let ad = [
                "advert",
                "sponsor",
                "anzeige",
                "werbung",
                "publicit",
                "реклама",
            ]
            .iter()
            .any(|m| lower.contains(m));
            if ad {
                format!("ad-marker: {}", quote())
            } else {
                format!("chrome-phrase: {}", quote())
            }
        }
        CollectRule::Data => "serialised-data".to_string(),
        CollectRule::Promo => format!("promo: {}", quote()),
        CollectRule::Consent => "consent-notice".to_string(),
        CollectRule::ScriptNotice => "script-notice".to_string(),
        CollectRule::Wordless => "no-words".to_string(),
        CollectRule::LinkDense(d) => format!("link-dense ({d:.2})"),
        CollectRule::LinkList => "link-list".to_string(),
        CollectRule::SectionHeading => format!("related-section heading: {}", quote()),
        CollectRule::InSection => "in-related-section".to_string(),
        CollectRule::TrailingHeading => "trailing-heading".to_string(),
        CollectRule::Caption => "caption (images off)".to_string(),
    }
}

/// The rule of a block the clean stage dropped.
pub(super) fn clean_rule(rule: CleanRule) -> &'static str {
    match rule {
        CleanRule::Wordless => "no-words",
        CleanRule::Headline => "headline (in metadata)",
        CleanRule::MetaLine => "dateline-or-byline",
        CleanRule::Repeat => "repeated-block",
    }
}

/// A CSS identifier safe to print in a selector without escaping.
fn simple_ident(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        && s.len() <= 64
}

/// `tag#id`, else `tag.first-class`, else `tag`.
pub(super) fn label(dom: &Dom, el: NodeId) -> String {
    let tag = dom.tag_name(el);
    if let Some(id) = dom
        .attr(el, "id")
        .map(str::trim)
        .filter(|i| simple_ident(i))
    {
        return format!("{tag}#{id}");
    }
    let class = dom
        .attr(el, "class")
        .and_then(|c| c.split_ascii_whitespace().find(|w| simple_ident(w)));
    match class {
        Some(c) => format!("{tag}.{c}"),
        None => tag.to_string(),
    }
}

/// Most elements a path names, counted from the block up.
const PATH_LEVELS: usize = 6;

/// Position of each element among its same-tag siblings, for `:nth-of-type`.
pub(super) struct Paths {
    /// 1-based position among siblings of the same tag.
    nth: NodeMap<u32>,
    /// How many siblings (itself included) share its tag.
    of: NodeMap<u32>,
}

impl Paths {
    /// Count sibling positions over the whole tree (linear in its size).
    pub(super) fn new(dom: &Dom) -> Self {
        let n = dom.len();
        let mut nth = NodeMap::new(dom, 0u32);
        let mut of = NodeMap::new(dom, 0u32);
        let mut counts: HashMap<&str, u32> = HashMap::new();
        for i in 0..n {
            let p = NodeId(i as u32);
            if dom.first_child(p).is_none() {
                continue;
            }
            counts.clear();
            for c in dom.children(p).filter(|&c| dom.is_element(c)) {
                let k = counts.entry(dom.tag_name(c)).or_insert(0);
                *k += 1;
                nth[c] = *k;
            }
            for c in dom.children(p).filter(|&c| dom.is_element(c)) {
                of[c] = counts.get(dom.tag_name(c)).copied().unwrap_or(1);
            }
        }
        Paths { nth, of }
    }

    /// A short CSS-like path: up to [`PATH_LEVELS`] elements, starting at the
    /// nearest ancestor with an id, or at `body`.
    pub(super) fn path(&self, dom: &Dom, el: NodeId) -> String {
        let mut parts: Vec<String> = Vec::new();
        let mut cur = Some(el);
        while let Some(c) = cur {
            if !dom.is_element(c) || parts.len() == PATH_LEVELS {
                break;
            }
            if matches!(dom.tag(c), Some(Tag::Body | Tag::Html)) {
                parts.push(dom.tag_name(c).to_string());
                break;
            }
            let mut part = label(dom, c);
            let with_id = part.contains('#');
            if !with_id && self.of[c] > 1 {
                part.push_str(&format!(":nth-of-type({})", self.nth[c]));
            }
            parts.push(part);
            if with_id {
                break;
            }
            cur = dom.parent(c);
        }
        parts.reverse();
        parts.join(">")
    }
}
