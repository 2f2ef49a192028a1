//! One pass over the tree measuring what later stages need: text and link-text
//! lengths per subtree, document order, depth, and which subtrees can never be content.

use crate::dom::{Dom, NodeId, NodeKind, NodeMap, Tag};
use crate::limits::Limits;
use crate::rules::classes::StrMap;
use crate::rules::tags;
use crate::stages::prune::{self, ClassWords, Hints};

/// Per-node measurements, indexed by [`NodeId`].
#[derive(Debug)]
pub struct Stats {
    /// Attached, visible nodes in document order (pre-order).
    pub order: Vec<NodeId>,
    /// Position of each node in `order` (`u32::MAX` when not listed).
    pub pos: NodeMap<u32>,
    /// End (exclusive) of each node's subtree in `order`.
    pub end: NodeMap<u32>,
    /// Non-space characters of visible text in the subtree.
    pub text_len: NodeMap<u32>,
    /// Of those, characters inside links.
    pub link_len: NodeMap<u32>,
    /// Depth below the document node.
    pub depth: NodeMap<u16>,
    /// What each visible element's class, id and role words say (see
    /// [`prune::hints`]): the same for every pruning pass, so read once per page.
    pub hints: NodeMap<Hints>,
    /// The `<body>` element (or the root when there is none).
    pub body: NodeId,
}

impl Stats {
    /// Is the node part of the visible tree?
    pub fn visible(&self, id: NodeId) -> bool {
        self.pos[id] != u32::MAX
    }

    /// Share of the subtree's text that sits inside links (0 when there is no text).
    pub fn link_density(&self, id: NodeId) -> f32 {
        let t = self.text_len[id];
        if t == 0 {
            0.0
        } else {
            self.link_len[id] as f32 / t as f32
        }
    }
}

/// Class names that frameworks use to hide an element from every reader
/// (whole class names, not words: `hidden-xs` hides only on small screens).
const HIDDEN_CLASSES: &[&str] = &[
    "hidden",
    "hide",
    "d-none",
    "invisible",
    "sr-only",
    "visually-hidden",
    "visuallyhidden",
    "screen-reader-text",
    "screen-reader-only",
    "is-hidden",
    "aok-hidden",
    "u-hidden",
    "display-none",
    "displaynone",
    "offscreen",
    "element-invisible",
];

/// Is the element hidden from readers by markup? With `reveal_hidden`, the
/// `hidden` attribute alone does not count (streamed server rendering parks
/// the whole page in `<div hidden>` until a script moves it into place).
/// A folded panel (a closed tab or accordion answer) is not hidden, whichever
/// way it is folded. `aria-hidden` hides from screen readers what the eye still
/// sees: it counts, except on a link (a card's second link to the same
/// page, with its summary, is hidden only to spare a screen reader the repeat).
/// An element with the `popover` attribute is hidden until opened, revealed or not.
pub fn hidden(dom: &Dom, id: NodeId, reveal_hidden: bool) -> bool {
    hidden_given(dom, id, reveal_hidden, has_hiding_class)
}

/// [`hidden`], told by `class_hides` whether a class value holds a hiding class.
fn hidden_given(
    dom: &Dom,
    id: NodeId,
    reveal_hidden: bool,
    class_hides: impl Fn(&str) -> bool,
) -> bool {
    for a in dom.attrs(id) {
        match &*a.name {
            "hidden" if !reveal_hidden && !folded(dom, id) => return true,
            "aria-modal" if a.value.trim().eq_ignore_ascii_case("true") => return true,
            // a popover (a menu, a card or a prompt laid over the page) is not
            // shown until something opens it, and no page parks its text there
            "popover" => return true,
            "aria-hidden"
                if a.value.trim().eq_ignore_ascii_case("true")
                    && !folded(dom, id)
                    && dom.tag(id) != Some(Tag::A) =>
            {
                return true
            }
            "class" if class_hides(&a.value) => return true,
            "style" if style_hides(&a.value) && !folded(dom, id) => return true,
            _ => {}
        }
    }
    false
}

/// Does a class value hold a class name of [`HIDDEN_CLASSES`]?
fn has_hiding_class(value: &str) -> bool {
    value.split_ascii_whitespace().any(hiding_class)
}

/// Is this one class name in [`HIDDEN_CLASSES`] (ASCII case aside)? Most class names
/// are ruled out by their length or first letter before any comparison.
fn hiding_class(c: &str) -> bool {
    const SHORTEST: usize = 4;
    const LONGEST: usize = 19;
    if !(SHORTEST..=LONGEST).contains(&c.len())
        || !matches!(
            c.as_bytes().first().map(u8::to_ascii_lowercase),
            Some(b'a' | b'd' | b'e' | b'h' | b'i' | b'o' | b's' | b'u' | b'v')
        )
    {
        return false;
    }
    HIDDEN_CLASSES
        .iter()
        .any(|h| h.len() == c.len() && c.eq_ignore_ascii_case(h))
}

/// Words in a `class`, `id` or `role` that name a folded panel (an accordion's
/// answer, a closed tab): its text is the page's, one click away, and scripts
/// hide it (`hidden`, `aria-hidden`, `display: none`) only while it is folded.
const FOLDED_PANEL_WORDS: &[&str] = &["accordion", "collaps", "tabpanel", "tab-pane", "expand"];

/// Is this hidden element a folded panel: named as one (see [`FOLDED_PANEL_WORDS`]),
/// or marked up as the ARIA accordion pattern marks a panel, a `role="region"`
/// labelled by its header (`aria-labelledby`)?
fn folded(dom: &Dom, id: NodeId) -> bool {
    let attrs = dom.attrs(id);
    let region = attrs
        .iter()
        .any(|a| &*a.name == "role" && a.value.trim().eq_ignore_ascii_case("region"));
    if region && attrs.iter().any(|a| &*a.name == "aria-labelledby") {
        return true;
    }
    attrs.iter().any(|a| {
        matches!(&*a.name, "class" | "id" | "role")
            && FOLDED_PANEL_WORDS.iter().any(|w| {
                a.value
                    .as_bytes()
                    .windows(w.len())
                    .any(|part| part.eq_ignore_ascii_case(w.as_bytes()))
            })
    })
}

/// Does a `style` value hold `display:none` or `visibility:hidden` (white space
/// and ASCII case aside)? Matched while reading, without a copy: each pattern's
/// first letter occurs nowhere else in it, so a mismatch restarts at that letter.
fn style_hides(value: &str) -> bool {
    const PATTERNS: [&[u8]; 2] = [b"display:none", b"visibility:hidden"];
    let mut at = [0usize; 2];
    for c in value.chars().filter(|c| !c.is_whitespace()) {
        // a non-ASCII character matches no pattern byte
        let b = if c.is_ascii() {
            c.to_ascii_lowercase() as u8
        } else {
            0xff
        };
        for (p, n) in PATTERNS.iter().zip(at.iter_mut()) {
            if p.get(*n) == Some(&b) {
                *n += 1;
                if *n == p.len() {
                    return true;
                }
            } else {
                *n = usize::from(p.first() == Some(&b));
            }
        }
    }
    false
}

/// Share of the page's text above which a hidden element is a loading shield:
/// pages that hide everything until a script or stylesheet has run
/// (`<div style="visibility:hidden">` around the whole layout) are read as shown
/// when hidden content is revealed (the fallback when nothing visible was found).
const SHIELD_TEXT_SHARE: f32 = 0.6;

/// Is this hidden element a loading shield, holding most of the page's text?
fn is_loading_shield(dom: &Dom, id: NodeId, page_text: u32) -> bool {
    page_text > 0 && raw_text_len(dom, id) as f32 >= SHIELD_TEXT_SHARE * page_text as f32
}

/// Non-space characters of the text under `id`, hidden or not (scripts, styles
/// and other never-content elements excluded).
fn raw_text_len(dom: &Dom, id: NodeId) -> u32 {
    let mut total = 0u32;
    let mut stack = vec![id];
    while let Some(n) = stack.pop() {
        match &dom.node(n).kind {
            NodeKind::Text(t) => total = total.saturating_add(non_space_chars(t)),
            NodeKind::Element { tag, .. } if tags::never_content(*tag) => {}
            _ => stack.extend(dom.children(n)),
        }
    }
    total
}

/// Characters of `t` that are not white space (`char::is_whitespace`), counted
/// over bytes: every byte that starts a character and is not ASCII white space,
/// less the few non-ASCII white space characters. The characters are never
/// decoded, and the bytes are counted in runs the compiler turns into vector code.
fn non_space_chars(t: &str) -> u32 {
    let bytes = t.as_bytes();
    // a run's count fits a byte
    let starts: usize = bytes
        .chunks(255)
        .map(|run| {
            let n = run
                .iter()
                .fold(0u8, |n, &b| n.wrapping_add(u8::from(starts_non_space(b))));
            usize::from(n)
        })
        .sum();
    let spaces = if t.is_ascii() {
        0
    } else {
        unicode_spaces(bytes)
    };
    (starts - spaces) as u32
}

/// Does this byte start a character (it is no UTF-8 continuation byte, `10xx_xxxx`)
/// other than ASCII white space (tab to carriage return, space)? Written without
/// branches, so that a loop over bytes is vectorised.
#[inline]
fn starts_non_space(b: u8) -> bool {
    ((b as i8) >= -0x40) & (b.wrapping_sub(0x09) > 0x0d - 0x09) & (b != b' ')
}

/// Non-ASCII white space characters in UTF-8 text: U+0085 and U+00A0 (`C2 85`,
/// `C2 A0`), U+1680 (`E1 9A 80`), U+2000 to U+200A, U+2028, U+2029, U+202F,
/// U+205F (`E2 80 ..`, `E2 81 9F`) and U+3000 (`E3 80 80`), found by their lead bytes.
fn unicode_spaces(bytes: &[u8]) -> usize {
    let at = |i: usize| bytes.get(i..).unwrap_or_default();
    let common = memchr::memchr3_iter(0xc2, 0xe2, 0xe3, bytes)
        .filter(|&i| {
            matches!(
                at(i),
                [0xc2, 0x85 | 0xa0, ..]
                    | [0xe2, 0x80, 0x80..=0x8a | 0xa8 | 0xa9 | 0xaf, ..]
                    | [0xe2, 0x81, 0x9f, ..]
                    | [0xe3, 0x80, 0x80, ..]
            )
        })
        .count();
    let ogham = memchr::memchr_iter(0xe1, bytes)
        .filter(|&i| at(i).starts_with(&[0xe1, 0x9a, 0x80]))
        .count();
    common + ogham
}

/// What one class value says: read once per distinct value and page, for
/// [`hidden`] and for [`prune::hints`] (its words only once an element that
/// carries it is found visible).
#[derive(Clone, Copy)]
struct ClassReading {
    hides: bool,
    words: Option<ClassWords>,
}

/// Measure the tree.
pub fn compute(dom: &Dom, limits: &Limits, reveal_hidden: bool) -> Stats {
    let n = dom.len();
    let mut s = Stats {
        order: Vec::with_capacity(n),
        pos: NodeMap::new(dom, u32::MAX),
        end: NodeMap::new(dom, 0),
        text_len: NodeMap::new(dom, 0),
        link_len: NodeMap::new(dom, 0),
        depth: NodeMap::new(dom, 0),
        hints: NodeMap::new(dom, Hints::default()),
        body: NodeId::ROOT,
    };
    let mut classes: StrMap<&str, ClassReading> = StrMap::default();
    // pre-order walk with an explicit stack: (node, depth, in_link)
    let mut stack: Vec<(NodeId, u16, bool)> = vec![(NodeId::ROOT, 0, false)];
    let mut page_text: Option<u32> = None;
    while let Some((id, depth, in_link)) = stack.pop() {
        if let NodeKind::Element { tag, .. } = &dom.node(id).kind {
            if tags::never_content(*tag) {
                continue;
            }
            let class = dom.attr(id, "class").map(|v| {
                let read = classes.entry(v).or_insert_with(|| ClassReading {
                    hides: has_hiding_class(v),
                    words: None,
                });
                (v, read)
            });
            let class_hides = class.as_ref().is_some_and(|(_, c)| c.hides);
            if hidden_given(dom, id, reveal_hidden, |_| class_hides) {
                // revealing also lifts a loading shield over the whole layout
                let shield = reveal_hidden && {
                    let total = *page_text.get_or_insert_with(|| raw_text_len(dom, NodeId::ROOT));
                    is_loading_shield(dom, id, total)
                };
                if !shield {
                    continue;
                }
            }
            if *tag == Tag::Body && s.body == NodeId::ROOT {
                s.body = id;
            }
            s.hints[id] = match class {
                Some((value, c)) => {
                    let words = *c.words.get_or_insert_with(|| prune::class_words(value));
                    prune::hints_with_class(dom, id, (value, words))
                }
                None => prune::hints(dom, id),
            };
        }
        s.pos[id] = s.order.len() as u32;
        s.order.push(id);
        s.depth[id] = depth;
        if let Some(t) = dom.text(id) {
            let c = non_space_chars(t);
            s.text_len[id] = c;
            if in_link {
                s.link_len[id] = c;
            }
        }
        if depth as usize >= limits.max_depth {
            continue;
        }
        let link = in_link || dom.tag(id) == Some(Tag::A);
        // children pushed last to first, so they pop in document order
        let mut c = dom.node(id).last_child;
        while c != NodeId::NONE {
            stack.push((NodeId(c), depth + 1, link));
            c = dom.node(NodeId(c)).prev_sibling;
        }
    }
    // text sums and subtree ends, children before parents (a subtree ends
    // where its last node does, the furthest end of any child)
    for (i, &id) in s.order.iter().enumerate().rev() {
        let end = s.end[id].max(i as u32 + 1);
        s.end[id] = end;
        if let Some(p) = dom.parent(id) {
            s.text_len[p] += s.text_len[id];
            s.link_len[p] += s.link_len[id];
            s.end[p] = s.end[p].max(end);
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hiding_class_knows_every_listed_class() {
        // the length and first-letter filter lets every listed class through
        for h in HIDDEN_CLASSES {
            assert!(hiding_class(h), "{h}");
            assert!(hiding_class(&h.to_ascii_uppercase()), "{h}");
        }
        for c in [
            "hidden-xs",
            "d-block",
            "hid",
            "show",
            "visually-hidden-focusable",
        ] {
            assert!(!hiding_class(c), "{c}");
        }
    }

    /// Subtree ends and text sums equal what walking each subtree gives.
    #[test]
    fn ends_and_sums_match_each_subtree() {
        let html = r#"<body><div><p>one <a href="x">two <b>three</b></a></p>
            <div hidden><p>gone</p></div><ul><li>a</li><li><span></span></li></ul>
            <script>no</script><p style="display:none">hid</p><p>last <i>word</i></p></div>
            <footer><a>link</a></footer></body>"#;
        let limits = Limits::default();
        let dom = crate::dom::parse::parse_html(html, &limits, std::time::Instant::now()).unwrap();
        let s = compute(&dom, &limits, false);
        for &id in &s.order {
            let visible: Vec<NodeId> = dom.descendants(id).filter(|&d| s.visible(d)).collect();
            let last = visible.iter().map(|&d| s.pos[d]).max().unwrap_or(s.pos[id]);
            assert_eq!(s.end[id], last.max(s.pos[id]) + 1);
            let text: u32 = std::iter::once(id)
                .chain(visible.iter().copied())
                .filter_map(|d| dom.text(d))
                .map(non_space_chars)
                .sum();
            assert_eq!(s.text_len[id], text);
        }
        assert_eq!(s.text_len[s.body], "onetwothreealastwordlink".len() as u32);
        assert_eq!(s.link_len[s.body], "twothreelink".len() as u32);
    }

    #[test]
    fn styles_that_hide() {
        assert!(style_hides("display:none"));
        assert!(style_hides("color: red; DISPLAY : None !important"));
        assert!(style_hides("visibility:\n hidden"));
        assert!(style_hides("ddisplay:none"));
        assert!(!style_hides("display: block; visibility: visible"));
        assert!(!style_hides("display:nonè"));
        assert!(!style_hides("display:no-ne"));
        assert!(!style_hides(""));
    }

    /// The byte count gives what counting `char`s does, on every kind of white space.
    #[test]
    fn non_space_chars_equal_a_char_count() {
        let samples = [
            "plain ASCII text\twith\r\nbreaks",
            "caf\u{e9} \u{2019}quoted\u{2019} \u{201c}text\u{201d} \u{2014} dash",
            "\u{85}\u{a0}\u{1680}\u{2000}\u{2005}\u{200a}\u{200b}\u{2028}\u{2029}\u{202f}\u{205f}\u{3000}",
            "\u{1681}\u{2010}\u{2030}\u{20ac}\u{3001}\u{c2}\u{e9}",
            "日本語のテキスト\u{3000}です",
            "",
        ];
        for s in samples {
            let chars = s.chars().filter(|c| !c.is_whitespace()).count() as u32;
            assert_eq!(non_space_chars(s), chars, "{s:?}");
        }
    }

    /// Every character, alone and between others, counts as `char::is_whitespace` says.
    #[test]
    fn non_space_chars_agree_on_every_char() {
        let mut text = String::new();
        for c in (0..=0x10ffffu32).filter_map(char::from_u32) {
            let expected = u32::from(!c.is_whitespace());
            text.clear();
            text.push(c);
            assert_eq!(non_space_chars(&text), expected, "{c:?}");
            text.insert(0, 'a');
            text.push('\u{e9}');
            assert_eq!(non_space_chars(&text), expected + 2, "{c:?}");
        }
    }

    #[test]
    fn non_space_chars_count_unicode_white_space_too() {
        assert_eq!(non_space_chars(" a\tb\u{b}c\r\n"), 3);
        assert_eq!(non_space_chars("a\u{a0}b\u{2003}é"), 3);
        assert_eq!(non_space_chars(""), 0);
    }
}
