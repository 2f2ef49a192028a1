//! Turn the chosen subtrees into typed blocks in reading order, dropping
//! blocks that are chrome by their text (ad markers, promos, link lists).

use url::Url;

use crate::document::{Block, BlockKind, Cell, Span};
use crate::dom::{Dom, NodeId, Tag};
use crate::extractor::{Config, Favor};
use crate::rules::{phrases, tags};
use crate::stages::prune::{Mode, Pruned};
use crate::stages::select::Main;
use crate::stages::stats::Stats;

/// Longest block that can still be dropped as a promo ("ALSO READ: …").
const PROMO_MAX_CHARS: usize = 200;
/// Fewest characters (white space aside) of a block that is too long to be a
/// cookie or "enable JavaScript" notice.
const NOTICE_MAX_CHARS: usize = 400;
// a block that long is not judged by its link density either (see `chrome_text`)
const _: () = assert!(NOTICE_MAX_CHARS >= LINK_BLOCK_MAX_CHARS);
/// Text (bytes, headings aside) that must come before a heading for it to open a
/// closing chrome section ("Related articles" after the story).
const SECTION_MIN_STORY_CHARS: usize = 200;
/// How many wrappers holding only a section's heading (title bars) to climb to
/// find the element the section lives in.
const SECTION_TITLE_BAR_LEVELS: usize = 3;
/// Headings left at the end in a run at least this long, all of one level, are
/// a list of titles (a shop's product cards whose prices load later), not
/// headings that introduce nothing.
const TITLE_LIST_MIN_HEADINGS: usize = 3;
/// Share of link text above which a short block is a link list, not prose. A
/// sentence around one long link ("Read our full <a>… review</a>.") stays below it.
const LINK_BLOCK_DENSITY: f32 = 0.8;
/// Blocks at least this long are kept whatever their link density.
const LINK_BLOCK_MAX_CHARS: usize = 400;
/// Widest `colspan` honoured (wider ones are page-layout tricks).
const MAX_COLSPAN: usize = 64;
/// Tallest `rowspan` honoured.
const MAX_ROWSPAN: usize = 256;
/// Widest grid that spans are expanded into (rows of many wide `colspan` or tall
/// `rowspan` cells would otherwise multiply into millions of empty cells).
const MAX_GRID_COLUMNS: usize = 512;
/// Fewest visible characters of an inline element whose words stand apart from its
/// neighbour's (one-letter elements are letters set apart for animation or initials).
const WORD_ELEMENT_MIN_CHARS: u32 = 2;

/// Collect the blocks of the main content; with `trace`, also record what
/// became of every text node read (for `explain`).
pub fn collect(
    dom: &Dom,
    stats: &Stats,
    pruned: &Pruned,
    main: &Main,
    config: &Config,
    base: Option<&str>,
    trace: bool,
) -> (Vec<Block>, Option<CollectTrace>) {
    let mut w = Walker::new(dom, stats, Some(pruned), config, base);
    w.region = main.region;
    w.thread = pruned.mode() == Mode::Thread;
    w.trace = trace.then(CollectTrace::default);
    for &r in &main.roots {
        w.block_boundary();
        w.walk(r, 0);
        w.block_boundary();
    }
    let blocks = w.finish();
    (blocks, w.trace)
}

/// Why the collect stage left out a block of the chosen content.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum CollectRule {
    /// The whole text is a chrome phrase ("Advertisement", "Share this").
    ChromePhrase,
    /// Serialised data (a JSON object) shown as text.
    Data,
    /// A short block opening with a promo phrase ("ALSO READ: …").
    Promo,
    /// A cookie or consent notice.
    Consent,
    /// A "please enable JavaScript" notice.
    ScriptNotice,
    /// No letters or digits.
    Wordless,
    /// A short paragraph or item that is mostly link text (its link density).
    LinkDense(f32),
    /// A list of links among prose (navigation, "related" links).
    LinkList,
    /// A heading opening a closing section ("Related articles").
    SectionHeading,
    /// A block inside such a section.
    InSection,
    /// A heading left at the end, introducing nothing.
    TrailingHeading,
    /// A figure or table caption, read only with images.
    Caption,
}

/// What became of one block the collect stage ended: its index in the
/// collected blocks, or the rule that left it out.
pub type Outcome = Result<usize, CollectRule>;

/// What became of the text read by [`collect`], when traced.
#[derive(Debug, Default)]
pub struct CollectTrace {
    /// Each text node read, with the index in `events` of the block it went into.
    pub texts: Vec<(NodeId, u32)>,
    /// One per run of inline text the walker ended, in order.
    pub events: Vec<Outcome>,
    /// Subtrees read as one block (tables, code) or left out whole (link lists).
    pub subtrees: Vec<(NodeId, Outcome)>,
}

/// Collect blocks of arbitrary subtrees without chrome pruning (used for comments).
pub fn collect_plain(
    dom: &Dom,
    stats: &Stats,
    roots: &[NodeId],
    config: &Config,
    base: Option<&str>,
) -> Vec<Block> {
    let mut w = Walker::new(dom, stats, None, config, base);
    for &r in roots {
        w.block_boundary();
        w.walk(r, 0);
        w.block_boundary();
    }
    w.finish()
}

#[derive(Clone, Copy, Default)]
struct Style {
    strong: bool,
    emphasis: bool,
    code: bool,
}

struct ListCtx {
    ordered: bool,
    next: u32,
    /// The item being collected: its kind, and whether a block of it was emitted.
    item: Option<(BlockKind, bool)>,
}

struct Walker<'a> {
    dom: &'a Dom,
    stats: &'a Stats,
    pruned: Option<&'a Pruned>,
    config: &'a Config,
    base: Option<Url>,
    blocks: Vec<Block>,
    spans: Vec<Span>,
    /// Characters of `spans`, white space aside, kept as the spans grow.
    span_chars: usize,
    link_chars: usize,
    style: Style,
    link: Option<String>,
    lists: Vec<ListCtx>,
    /// Kind of block the current inline buffer will become.
    pending: Option<BlockKind>,
    quote: u32,
    /// Region mode: link lists are content (see [`Main::region`]).
    region: bool,
    /// A forum thread read with its replies ([`Mode::Thread`]): a "Comments"
    /// heading opens them.
    thread: bool,
    /// Inside a chrome section opened by a heading of this level ("Related
    /// articles") in this container: blocks are dropped until a heading of this
    /// level or higher, or the end of the container.
    skip_section: Option<(u8, NodeId)>,
    /// Parent of the heading being collected.
    heading_parent: Option<NodeId>,
    /// Text (bytes) of the blocks emitted so far, headings aside.
    story_chars: usize,
    /// What became of each text node, when explaining.
    trace: Option<CollectTrace>,
    /// Number of blocks when the last content image was met (kept or not):
    /// a heading before it introduces the image, it does not trail.
    image_at: Option<usize>,
    /// Depth of links around the walk: a linked image is a teaser, not content.
    in_link: u32,
}

impl<'a> Walker<'a> {
    fn new(
        dom: &'a Dom,
        stats: &'a Stats,
        pruned: Option<&'a Pruned>,
        config: &'a Config,
        base: Option<&str>,
    ) -> Self {
        Walker {
            dom,
            stats,
            pruned,
            config,
            base: base.and_then(|b| Url::parse(b).ok()),
            blocks: Vec::new(),
            spans: Vec::new(),
            span_chars: 0,
            link_chars: 0,
            style: Style::default(),
            link: None,
            lists: Vec::new(),
            pending: None,
            quote: 0,
            region: false,
            thread: false,
            skip_section: None,
            heading_parent: None,
            story_chars: 0,
            trace: None,
            image_at: None,
            in_link: 0,
        }
    }

    fn skip(&self, id: NodeId) -> bool {
        !self.stats.visible(id) || self.pruned.is_some_and(|p| p.is_dropped(id))
    }

    fn walk(&mut self, id: NodeId, depth: usize) {
        if self.skip(id) || depth > self.config.limits.max_depth {
            return;
        }
        if let Some(t) = self.dom.text(id) {
            if let Some(trace) = &mut self.trace {
                trace.texts.push((id, trace.events.len() as u32));
            }
            self.push_text(t);
            return;
        }
        let Some(tag) = self.dom.tag(id) else {
            // the document node or a detached fragment: walk through
            for c in self.dom.children(id) {
                self.walk(c, depth + 1);
            }
            return;
        };
        if let Some(level) = tags::heading_level(tag) {
            self.block_boundary();
            self.pending = Some(BlockKind::Heading { level });
            self.heading_parent = self.section_container(id);
            self.walk_children(id, depth);
            self.block_boundary();
            self.heading_parent = None;
            return;
        }
        match tag {
            Tag::Br => {
                // white space between two breaks (`<br> <br>`) is not a line
                if self.spans.len() > 1
                    && self.spans.last().is_some_and(|s| s.text.trim().is_empty())
                    && self.spans.iter().nth_back(1).is_some_and(|s| s.line_break)
                {
                    self.spans.pop();
                }
                if let Some(last) = self.spans.last_mut() {
                    if last.line_break {
                        // two breaks in a row end the paragraph
                        last.line_break = false;
                        self.block_boundary();
                    } else {
                        last.line_break = true;
                    }
                }
            }
            Tag::Hr => self.block_boundary(),
            Tag::P => {
                self.block_boundary();
                self.walk_children(id, depth);
                self.block_boundary();
            }
            Tag::Pre => self.code_block(id),
            Tag::Ul | Tag::Ol | Tag::Menu => self.list(id, tag, depth),
            Tag::Li => {
                self.block_boundary();
                if self.lists.is_empty() {
                    // an <li> outside any list: a list of its own
                    self.lists.push(ListCtx {
                        ordered: false,
                        next: 1,
                        item: None,
                    });
                    self.list_item(id, depth);
                    self.lists.pop();
                } else {
                    self.list_item(id, depth);
                }
            }
            Tag::Table => self.table(id, depth),
            Tag::Blockquote => {
                self.block_boundary();
                self.quote += 1;
                self.walk_children(id, depth);
                self.block_boundary();
                self.quote -= 1;
            }
            Tag::Figcaption | Tag::Caption if !self.config.include_images => {
                self.block_boundary();
                self.trace_subtree(id, Err(CollectRule::Caption));
            }
            Tag::Figcaption | Tag::Caption => {
                self.block_boundary();
                self.pending = Some(BlockKind::Caption);
                self.walk_children(id, depth);
                self.block_boundary();
            }
            Tag::Img => {
                let in_heading = matches!(self.pending, Some(BlockKind::Heading { .. }));
                if self.in_link == 0 && !in_heading && has_image_source(self.dom, id) {
                    // after the blocks so far and the run being read
                    self.image_at = Some(self.blocks.len() + usize::from(!self.spans.is_empty()));
                }
                if self.config.include_images {
                    if let Some(src) = self.dom.attr(id, "src").and_then(|s| self.resolve(s)) {
                        self.block_boundary();
                        let mut b = Block::new(
                            BlockKind::Image,
                            self.dom.attr(id, "alt").unwrap_or("").trim(),
                        );
                        b.src = Some(src);
                        let _ = self.emit(b);
                    }
                }
            }
            Tag::A if is_permalink_mark(self.dom, id) => {}
            Tag::A => {
                let saved = self.link.take();
                if self.config.include_links {
                    self.link = self.dom.attr(id, "href").and_then(|h| self.resolve(h));
                }
                let before = self.text_chars();
                self.in_link += 1;
                self.walk_children(id, depth);
                self.in_link -= 1;
                if !is_in_page_anchor(self.dom, id) {
                    // a block inside the link flushes the spans counted in `before`
                    self.link_chars += self.text_chars().saturating_sub(before);
                }
                self.link = saved;
            }
            Tag::Strong | Tag::B => self.styled(id, depth, |s| s.strong = true),
            Tag::Em | Tag::I => self.styled(id, depth, |s| s.emphasis = true),
            Tag::Code | Tag::Kbd | Tag::Samp | Tag::Tt => self.styled(id, depth, |s| s.code = true),
            t if tags::is_block(t) => {
                self.block_boundary();
                self.walk_children(id, depth);
                self.block_boundary();
            }
            _ => self.walk_children(id, depth),
        }
    }

    fn walk_children(&mut self, id: NodeId, depth: usize) {
        let dom = self.dom;
        let mut word_before: Option<NodeId> = None;
        for c in dom.children(id) {
            if let Some(before) = word_before {
                if self.word_element(c)
                    && !same_run(self.dom, before, c)
                    && self.starts_with_word(c)
                {
                    self.separate_words();
                }
            }
            if self.dropped_block(c) {
                // a block left out still broke the line between its neighbours
                self.separate_runs();
            }
            self.walk(c, depth + 1);
            word_before = self.word_element(c).then_some(c);
        }
        if self
            .skip_section
            .is_some_and(|(_, container)| container == id)
        {
            self.block_boundary();
            self.skip_section = None;
        }
    }

    /// An inline element holding a word: two inline elements side by side with no
    /// white space between them (`<span>HOKA</span><span>Clifton</span>`) are laid
    /// apart by the page's style sheet, so their words are separate words. Letters
    /// set one per element, superscripts and code are not.
    fn word_element(&self, id: NodeId) -> bool {
        self.dom.tag(id).is_some_and(|t| {
            !tags::is_block(t)
                && !matches!(
                    t,
                    Tag::Br
                        | Tag::Wbr
                        | Tag::Img
                        | Tag::Sup
                        | Tag::Sub
                        | Tag::Code
                        | Tag::Kbd
                        | Tag::Samp
                        | Tag::Tt
                )
        }) && !self.style.code
            && self.stats.text_len[id] >= WORD_ELEMENT_MIN_CHARS
    }

    /// Does the element's visible text start with a letter or digit of a script
    /// that spaces its words?
    fn starts_with_word(&self, id: NodeId) -> bool {
        self.dom
            .descendants(id)
            .filter(|&d| self.stats.visible(d))
            .find_map(|d| self.dom.text(d)?.trim_start().chars().next())
            .is_some_and(spaced_word_char)
    }

    /// A shown block element marked chrome: on the page it stands on lines of its
    /// own, between the text before and after it.
    fn dropped_block(&self, id: NodeId) -> bool {
        self.dom.tag(id).is_some_and(tags::is_block)
            && self.stats.visible(id)
            && self.pruned.is_some_and(|p| p.is_dropped(id))
    }

    /// End the run with a space, unless it already ends with white space or a
    /// line break (the text on either side of a block left out is not one word:
    /// `end.</span><nav>…</nav><span>Next` reads `end. Next`).
    fn separate_runs(&mut self) {
        if let Some(last) = self.spans.last_mut() {
            if !last.line_break && !last.text.ends_with(char::is_whitespace) {
                last.text.push(' ');
            }
        }
    }

    /// End the run's last word with a space (see [`Walker::word_element`]).
    fn separate_words(&mut self) {
        if let Some(last) = self.spans.last_mut() {
            if !last.line_break && last.text.chars().last().is_some_and(spaced_word_char) {
                last.text.push(' ');
            }
        }
    }

    /// One `<li>`: its first block is the item, later blocks continue it.
    fn list_item(&mut self, id: NodeId, depth: usize) {
        let depth_now = self.lists.len().saturating_sub(1) as u8;
        if let Some(l) = self.lists.last_mut() {
            let number = l.next;
            l.next += 1;
            let kind = BlockKind::ListItem {
                ordered: l.ordered,
                depth: depth_now,
                number,
                continued: false,
            };
            l.item = Some((kind, false));
        }
        self.walk_children(id, depth);
        self.block_boundary();
        if let Some(l) = self.lists.last_mut() {
            l.item = None;
        }
    }

    /// The kind of a block that starts inside the current list item, if any
    /// (the item itself, or a continuation once the item has a block).
    fn item_kind(&mut self) -> Option<BlockKind> {
        let (kind, emitted) = self.lists.last_mut()?.item.as_mut()?;
        let mut k = kind.clone();
        if *emitted {
            if let BlockKind::ListItem { continued, .. } = &mut k {
                *continued = true;
            }
        }
        *emitted = true;
        Some(k)
    }

    fn styled(&mut self, id: NodeId, depth: usize, f: impl Fn(&mut Style)) {
        let saved = self.style;
        f(&mut self.style);
        self.walk_children(id, depth);
        self.style = saved;
    }

    fn resolve(&self, href: &str) -> Option<String> {
        let href = href.trim();
        if href.is_empty() || href.starts_with("javascript:") || href.starts_with('#') {
            return None;
        }
        match &self.base {
            Some(b) => b.join(href).ok().map(|u| u.to_string()),
            None => Url::parse(href).ok().map(|u| u.to_string()),
        }
    }

    /// Characters of the inline run so far, white space aside.
    fn text_chars(&self) -> usize {
        self.span_chars
    }

    fn push_text(&mut self, t: &str) {
        let (collapsed, chars) = collapse_white_space(t);
        if collapsed.is_empty() {
            return;
        }
        if collapsed == " " && self.spans.is_empty() {
            return;
        }
        self.span_chars += chars;
        let link = self.link.clone();
        if let Some(last) = self.spans.last_mut() {
            if last.strong == self.style.strong
                && last.emphasis == self.style.emphasis
                && last.code == self.style.code
                && last.link == link
                && !last.line_break
            {
                if last.text.ends_with(' ') && collapsed.starts_with(' ') {
                    last.text.push_str(&collapsed[1..]);
                } else {
                    last.text.push_str(&collapsed);
                }
                return;
            }
        }
        self.spans.push(Span {
            text: collapsed,
            strong: self.style.strong,
            emphasis: self.style.emphasis,
            code: self.style.code,
            link,
            line_break: false,
        });
    }

    /// End the current inline run: turn it into a block if it is worth keeping.
    fn block_boundary(&mut self) {
        let pending = self.pending.take();
        if self.spans.is_empty() {
            return;
        }
        let outcome = self.end_run(pending);
        if let Some(trace) = &mut self.trace {
            trace.events.push(outcome);
        }
    }

    /// Make a block of the current inline run, or say why not.
    fn end_run(&mut self, pending: Option<BlockKind>) -> Outcome {
        let spans = std::mem::take(&mut self.spans);
        let chars = std::mem::replace(&mut self.span_chars, 0);
        let link_chars = std::mem::replace(&mut self.link_chars, 0);
        let text = spans_text(&spans);
        if text.is_empty() {
            return Err(CollectRule::Wordless);
        }
        let kind = match pending {
            Some(k) => k,
            None => match self.item_kind() {
                Some(k) => k,
                None if self.quote > 0 => BlockKind::Quote,
                None => BlockKind::Paragraph,
            },
        };
        let link_chars = if self.region { 0 } else { link_chars };
        if let (Some(_), BlockKind::Heading { level }) = (self.pruned, &kind) {
            if self.skip_section.is_some_and(|(l, _)| *level <= l) {
                self.skip_section = None;
            }
            if let Some(container) = self.heading_parent {
                let key = chrome_key(&text);
                if self.skip_section.is_none()
                    && phrases::ends_section(&key)
                    && !(self.thread && phrases::THREAD_HEADINGS.contains(&key.as_str()))
                    && self.has_story()
                {
                    self.skip_section = Some((*level, container));
                    return Err(CollectRule::SectionHeading);
                }
            }
        }
        if self.pruned.is_some() {
            if let Some(rule) = chrome_text(&text, chars, link_chars, &kind, self.config) {
                return Err(rule);
            }
        }
        let mut b = Block::new(kind, text);
        b.spans = spans;
        self.emit(b)
    }

    /// The element a heading's section lives in: its parent, or, when the parent
    /// holds nothing but the heading (a title bar: `<div><h2>Similar items</h2></div>`
    /// with the items in the next element), the nearest ancestor holding more.
    fn section_container(&self, heading: NodeId) -> Option<NodeId> {
        let mut container = self.dom.parent(heading)?;
        let Some(pruned) = self.pruned else {
            return Some(container);
        };
        let own = pruned.kept_text[heading];
        for _ in 0..SECTION_TITLE_BAR_LEVELS {
            if pruned.kept_text[container] > own {
                break;
            }
            match self.dom.parent(container) {
                Some(p) if self.dom.is_element(p) => container = p,
                _ => break,
            }
        }
        Some(container)
    }

    /// Has prose come before? A "Latest news" heading ends a story; above the
    /// first paragraph it names the page itself (a topic page's list of news).
    fn has_story(&self) -> bool {
        self.story_chars >= SECTION_MIN_STORY_CHARS
    }

    /// Add a block unless it sits in a chrome section.
    fn emit(&mut self, b: Block) -> Outcome {
        if self.skip_section.is_some() {
            return Err(CollectRule::InSection);
        }
        if !matches!(b.kind, BlockKind::Heading { .. }) {
            self.story_chars += b.text.len();
        }
        self.blocks.push(b);
        Ok(self.blocks.len() - 1)
    }

    /// Record what became of a subtree read as one block, when explaining.
    fn trace_subtree(&mut self, id: NodeId, outcome: Outcome) {
        if let Some(trace) = &mut self.trace {
            trace.subtrees.push((id, outcome));
        }
    }

    fn code_block(&mut self, id: NodeId) {
        self.block_boundary();
        let mut text = String::new();
        raw_text(self.dom, self.stats, id, &mut text);
        let text = text.trim_matches('\n').to_string();
        if text.trim().is_empty() {
            return;
        }
        let lang = code_lang(self.dom, id);
        let outcome = self.emit(Block::new(BlockKind::Code { lang }, text));
        self.trace_subtree(id, outcome);
    }

    /// Share of the subtree's text inside links that lead off the page (links
    /// to `#` anchors on it, as in a table of contents, do not count).
    fn off_page_link_density(&self, id: NodeId) -> f32 {
        let text = self.stats.text_len[id];
        if text == 0 {
            return 0.0;
        }
        let anchors: u32 = self
            .dom
            .find_all(id, Tag::A)
            .filter(|&a| is_in_page_anchor(self.dom, a))
            .map(|a| self.stats.text_len[a])
            .sum();
        self.stats.link_len[id].saturating_sub(anchors) as f32 / text as f32
    }

    /// Does the block just collected introduce what follows (a paragraph
    /// ending in a colon)?
    fn introduced(&self) -> bool {
        self.blocks.last().is_some_and(|b| {
            matches!(b.kind, BlockKind::Paragraph) && b.text.trim_end().ends_with(':')
        })
    }

    fn list(&mut self, id: NodeId, tag: Tag, depth: usize) {
        self.block_boundary();
        // a list that is mostly links and sits among prose is navigation or "related"
        // links, unless the prose introduces it ("… on their own pages:")
        if self.pruned.is_some()
            && !self.region
            && self.config.favor != Favor::Recall
            && !self.introduced()
            && self.stats.link_density(id) > 0.8
            && self.off_page_link_density(id) > 0.8
            && self.stats.text_len[id] < 2000
        {
            self.trace_subtree(id, Err(CollectRule::LinkList));
            return;
        }
        let start = self
            .dom
            .attr(id, "start")
            .and_then(|s| s.trim().parse::<u32>().ok())
            .unwrap_or(1);
        self.block_boundary();
        self.lists.push(ListCtx {
            ordered: tag == Tag::Ol,
            next: start,
            item: None,
        });
        self.walk_children(id, depth);
        self.block_boundary();
        self.lists.pop();
    }

    fn table(&mut self, id: NodeId, depth: usize) {
        self.block_boundary();
        if !self.config.include_tables {
            return;
        }
        if is_layout_table(self.dom, self.stats, id) {
            self.walk_children(id, depth);
            self.block_boundary();
            return;
        }
        let mut rows = Vec::new();
        let mut caption = None;
        // rows still covered by a `rowspan` cell above, per column
        let mut spans_below: Vec<usize> = Vec::new();
        for d in self.dom.descendants(id) {
            if self.skip(d) {
                continue;
            }
            match self.dom.tag(d) {
                Some(Tag::Caption) => caption = Some(normalize(&self.dom.text_content(d))),
                Some(Tag::Tr) => {
                    let in_head = self
                        .dom
                        .parent(d)
                        .is_some_and(|p| self.dom.tag(p) == Some(Tag::Thead));
                    let row = self.table_row(d, in_head, depth, &mut spans_below);
                    if row.iter().any(|c| !c.text.is_empty()) {
                        rows.push(row);
                    }
                }
                _ => {}
            }
        }
        let mut outcome = Err(CollectRule::Wordless);
        if let Some(c) = caption.filter(|c| !c.is_empty()) {
            outcome = self.emit(Block::new(BlockKind::Caption, c));
        }
        if !rows.is_empty() {
            let text = rows
                .iter()
                .map(|r| {
                    r.iter()
                        .map(|c| c.text.as_str())
                        .filter(|t| !t.is_empty())
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .collect::<Vec<_>>()
                .join("\n");
            let mut b = Block::new(BlockKind::Table, text);
            b.rows = rows;
            outcome = self.emit(b);
        }
        self.trace_subtree(id, outcome);
    }

    /// The cells of one `<tr>`: a `colspan`/`rowspan` cell fills the first of its
    /// grid positions, the others are empty cells, so columns stay aligned.
    fn table_row(
        &mut self,
        tr: NodeId,
        in_head: bool,
        depth: usize,
        spans_below: &mut Vec<usize>,
    ) -> Vec<Cell> {
        let mut row: Vec<Cell> = Vec::new();
        let fill = |row: &mut Vec<Cell>, spans_below: &mut Vec<usize>| {
            while let Some(n) = spans_below.get_mut(row.len()).filter(|n| **n > 0) {
                *n -= 1;
                row.push(Cell::new("", false));
            }
        };
        let kids: Vec<NodeId> = self.dom.children(tr).collect();
        for c in kids {
            if self.skip(c) {
                continue;
            }
            let header = match self.dom.tag(c) {
                Some(Tag::Th) => true,
                Some(Tag::Td) => in_head,
                _ => continue,
            };
            fill(&mut row, spans_below);
            let span_attr = |name: &str, max: usize| {
                self.dom
                    .attr(c, name)
                    .and_then(|v| v.trim().parse::<usize>().ok())
                    .unwrap_or(1)
                    .clamp(1, max)
            };
            let colspan = span_attr("colspan", MAX_COLSPAN);
            let rowspan = span_attr("rowspan", MAX_ROWSPAN);
            let mut sub = Walker::new(self.dom, self.stats, None, self.config, None);
            sub.base = self.base.clone();
            sub.walk_children(c, depth + 1);
            let blocks = sub.finish();
            // an image's alt text is not the cell's text
            let text = normalize(
                &blocks
                    .iter()
                    .filter(|b| b.kind != BlockKind::Image)
                    .map(|b| b.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
            );
            for k in 0..colspan {
                let col = row.len();
                if k > 0 && col >= MAX_GRID_COLUMNS {
                    break;
                }
                if col < MAX_GRID_COLUMNS {
                    if spans_below.len() <= col {
                        spans_below.resize(col + 1, 0);
                    }
                    if let Some(below) = spans_below.get_mut(col) {
                        *below = rowspan - 1;
                    }
                }
                if k == 0 {
                    row.push(Cell {
                        text: text.clone(),
                        header,
                        blocks: blocks.clone(),
                    });
                } else {
                    row.push(Cell::new("", header));
                }
            }
        }
        fill(&mut row, spans_below);
        // columns covered from above after this row's last cell
        while spans_below
            .get(row.len()..)
            .is_some_and(|rest| rest.iter().any(|&n| n > 0))
        {
            if let Some(n) = spans_below.get_mut(row.len()) {
                *n = n.saturating_sub(1);
            }
            row.push(Cell::new("", false));
        }
        row
    }

    fn finish(&mut self) -> Vec<Block> {
        self.block_boundary();
        nest_list_items(&mut self.blocks);
        // headings left at the end introduce nothing ("Related articles"),
        // unless an image follows them or they are a list of titles
        while self
            .blocks
            .last()
            .is_some_and(|b| matches!(b.kind, BlockKind::Heading { .. }))
            && self.pruned.is_some()
            && !ends_with_title_list(&self.blocks)
            && self.image_at.is_none_or(|at| self.blocks.len() > at)
        {
            self.blocks.pop();
        }
        if let Some(trace) = &mut self.trace {
            let kept = self.blocks.len();
            let outcomes = trace.events.iter_mut();
            for o in outcomes.chain(trace.subtrees.iter_mut().map(|(_, o)| o)) {
                if o.is_ok_and(|i| i >= kept) {
                    *o = Err(CollectRule::TrailingHeading);
                }
            }
        }
        std::mem::take(&mut self.blocks)
    }
}

/// Do the blocks end in a run of [`TITLE_LIST_MIN_HEADINGS`] or more headings
/// of one level (the titles of cards whose other text is not in the page)?
fn ends_with_title_list(blocks: &[Block]) -> bool {
    let level_of = |b: &Block| match b.kind {
        BlockKind::Heading { level } => Some(level),
        _ => None,
    };
    let Some(last) = blocks.last().and_then(level_of) else {
        return false;
    };
    let run = blocks
        .iter()
        .rev()
        .take_while(|b| level_of(b) == Some(last))
        .count();
    run >= TITLE_LIST_MIN_HEADINGS
}

/// Make list depths and continuations consistent with what comes before them:
/// an item is nested one level below the open item it belongs to, whatever
/// levels lie between them in the markup (a nested list in an item with no text
/// of its own, or whose text was dropped, would otherwise leave a gap that no
/// list syntax can express), and a continuation follows an item of its level.
pub(crate) fn nest_list_items(blocks: &mut [Block]) {
    // the open items of the current run of items: (depth in the markup, depth given)
    let mut open: Vec<(u8, u8)> = Vec::new();
    for b in blocks.iter_mut() {
        let BlockKind::ListItem {
            depth, continued, ..
        } = &mut b.kind
        else {
            open.clear();
            continue;
        };
        let markup = *depth;
        if *continued {
            if let Some(pos) = open.iter().position(|&(m, _)| m == markup) {
                open.truncate(pos + 1);
                *depth = open.last().map_or(*depth, |&(_, given)| given);
                continue;
            }
            *continued = false;
        }
        while open.last().is_some_and(|&(m, _)| m >= markup) {
            open.pop();
        }
        *depth = open.len() as u8;
        open.push((markup, *depth));
    }
}

fn spans_text(spans: &[Span]) -> String {
    let mut t = String::new();
    for s in spans {
        t.push_str(&s.text);
        if s.line_break {
            t.push('\n');
        }
    }
    t.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The text with each run of white space made one space, and its characters
/// other than white space. Runs of other characters are copied whole.
fn collapse_white_space(t: &str) -> (String, usize) {
    let mut collapsed = String::with_capacity(t.len());
    let mut rest = t;
    if rest.starts_with(char::is_whitespace) {
        collapsed.push(' ');
        rest = skip_white_space(rest);
    }
    while !rest.is_empty() {
        let (word, after) = rest
            .split_at_checked(white_space_start(rest))
            .unwrap_or((rest, ""));
        collapsed.push_str(word);
        if after.is_empty() {
            break;
        }
        collapsed.push(' ');
        rest = skip_white_space(after);
    }
    // the only white space left is the spaces written; a character is counted
    // by its first byte (UTF-8 continuation bytes are 10xxxxxx)
    let chars = collapsed
        .bytes()
        .filter(|&b| b != b' ' && b & 0xC0 != 0x80)
        .count();
    (collapsed, chars)
}

/// Byte offset of the first white space character in `s` (its length if none).
/// ASCII letters, digits and punctuation are passed over a byte at a time; only
/// control bytes, spaces and non-ASCII characters are looked at as characters.
fn white_space_start(s: &str) -> usize {
    let bytes = s.as_bytes();
    let mut at = 0;
    while let Some(found) = bytes
        .get(at..)
        .and_then(|r| r.iter().position(|&b| b <= b' ' || !b.is_ascii()))
    {
        let i = at + found;
        match s.get(i..).and_then(|r| r.chars().next()) {
            Some(c) if c.is_whitespace() => return i,
            Some(c) => at = i + c.len_utf8(),
            None => break,
        }
    }
    s.len()
}

/// `s` without its leading white space (most often a single ASCII space).
fn skip_white_space(s: &str) -> &str {
    match s.as_bytes().first() {
        Some(b) if (b'!'..0x80).contains(b) => s,
        _ => s.trim_start(),
    }
}

fn normalize(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text of a code block, white space as written. Highlighters that give
/// each line its own element (`<span class="line">`, `<div>` per line) and no
/// newline between them get one.
fn raw_text(dom: &Dom, stats: &Stats, id: NodeId, out: &mut String) {
    for d in dom.descendants(id) {
        if let Some(t) = dom.text(d) {
            if stats.visible(d) {
                out.push_str(t);
            }
        } else if dom.tag(d) == Some(Tag::Br)
            || d != id && starts_code_line(dom, d) && !out.is_empty() && !out.ends_with('\n')
        {
            out.push('\n');
        }
    }
}

/// Does this element inside a code block start a line of its own: a block
/// element, or an element whose class names a line (`line`, `code-line`)?
fn starts_code_line(dom: &Dom, id: NodeId) -> bool {
    let Some(tag) = dom.tag(id) else {
        return false;
    };
    tags::is_block(tag)
        || dom.attr(id, "class").is_some_and(|c| {
            c.split_ascii_whitespace().any(|t| {
                t.eq_ignore_ascii_case("line")
                    || t.len() > 5
                        && t.get(t.len() - 5..)
                            .is_some_and(|end| end.eq_ignore_ascii_case("-line"))
            })
        })
}

/// The language a code block's markup names: `class="language-x"` (also `lang-`,
/// `highlight-source-`, `brush: x`) on the `<pre>`, its `<code>` or the `<pre>`'s
/// parent, or a `data-lang`/`data-language` attribute.
fn code_lang(dom: &Dom, pre: NodeId) -> Option<String> {
    let mut nodes = vec![pre];
    nodes.extend(dom.find(pre, Tag::Code));
    nodes.extend(dom.parent(pre));
    for n in nodes {
        for attr in ["data-lang", "data-language"] {
            if let Some(l) = dom.attr(n, attr).and_then(lang_name) {
                return Some(l);
            }
        }
        let Some(class) = dom.attr(n, "class") else {
            continue;
        };
        let mut words = class.split_whitespace();
        while let Some(w) = words.next() {
            if w == "brush:" {
                return words.next().and_then(lang_name);
            }
            for prefix in ["language-", "lang-", "highlight-source-", "brush:"] {
                if let Some(l) = w.strip_prefix(prefix).and_then(lang_name) {
                    return Some(l);
                }
            }
        }
    }
    None
}

/// A language name as an info string can hold it (letters, digits, `+-_.#`).
fn lang_name(raw: &str) -> Option<String> {
    let name: String = raw
        .trim()
        .trim_end_matches(';')
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, '+' | '-' | '_' | '.' | '#'))
        .collect();
    (!name.is_empty() && name.len() <= 32).then_some(name)
}

/// A table used for page layout rather than data: it nests tables or holds long prose.
fn is_layout_table(dom: &Dom, stats: &Stats, id: NodeId) -> bool {
    let mut cells = 0usize;
    let mut rows = 0usize;
    for d in dom.descendants(id) {
        if !stats.visible(d) {
            continue;
        }
        match dom.tag(d) {
            Some(Tag::Table) => return true,
            Some(Tag::Tr) => rows += 1,
            Some(Tag::Td | Tag::Th) => cells += 1,
            Some(Tag::P | Tag::Div | Tag::Ul | Tag::Ol | Tag::H1 | Tag::H2 | Tag::H3)
                if stats.text_len[d] > 200 =>
            {
                return true;
            }
            _ => {}
        }
    }
    rows <= 1 || cells <= rows
}

/// Serialized data shown as text (a JSON object left in the markup).
fn looks_like_data(text: &str) -> bool {
    let t = text.trim();
    (t.starts_with('{') || t.starts_with('[')) && t.matches("\":").count() >= 3
}

/// An image that shows something: it has a source, loaded now or lazily.
fn has_image_source(dom: &Dom, id: NodeId) -> bool {
    ["src", "data-src", "srcset", "data-srcset"]
        .iter()
        .any(|a| dom.attr(id, a).is_some_and(|v| !v.trim().is_empty()))
}

/// A link to a place on the same page (`href="#…"`): a heading that links to
/// itself or to the table of contents, a footnote mark; not a way off the page,
/// so its text does not count as link text.
fn is_in_page_anchor(dom: &Dom, id: NodeId) -> bool {
    dom.attr(id, "href")
        .is_some_and(|h| h.trim_start().starts_with('#'))
}

/// A heading's permalink anchor (`<a href="#sec">¶</a>`): a symbol, not text.
fn is_permalink_mark(dom: &Dom, id: NodeId) -> bool {
    let href = dom.attr(id, "href").unwrap_or("");
    if !href.starts_with('#') {
        return false;
    }
    let text = dom.text_content(id);
    matches!(text.trim(), "¶" | "#" | "§" | "🔗" | "⚓")
}

/// Lower-cased text without surrounding punctuation, as the phrase tables hold it.
fn chrome_key(text: &str) -> String {
    crate::lowercase::lowercase(text)
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_string()
}

/// Is this block chrome by its text, and by which rule?
fn chrome_text(
    text: &str,
    chars: usize,
    link_chars: usize,
    kind: &BlockKind,
    config: &Config,
) -> Option<CollectRule> {
    if matches!(kind, BlockKind::Code { .. } | BlockKind::Table) {
        return None;
    }
    // prose too long for a notice, a promo or a link-dense block, and no chrome
    // phrase by its words, is not lower-cased for them (most of a story's text)
    if chars >= NOTICE_MAX_CHARS && !phrases::may_be_phrase(text) {
        return looks_like_data(text).then_some(CollectRule::Data);
    }
    let lower = crate::lowercase::lowercase(text);
    let key = lower.trim_matches(|c: char| !c.is_alphanumeric());
    if key.is_empty() {
        let wordless = !text.chars().any(|c| c.is_alphanumeric());
        return wordless.then_some(CollectRule::Wordless);
    }
    if phrases::is_chrome_block(key)
        || phrases::is_counter(key)
        || phrases::is_reading_time(key)
        || phrases::is_member_stat(key)
        || phrases::is_skip_links(key)
        || phrases::is_frame_position(key)
    {
        return Some(CollectRule::ChromePhrase);
    }
    if looks_like_data(text) {
        return Some(CollectRule::Data);
    }
    if text.len() <= PROMO_MAX_CHARS && phrases::PROMO_PREFIXES.iter().any(|p| key.starts_with(p)) {
        return Some(CollectRule::Promo);
    }
    if chars < NOTICE_MAX_CHARS {
        if phrases::is_consent_notice(key) {
            return Some(CollectRule::Consent);
        }
        if phrases::is_script_notice(key) {
            return Some(CollectRule::ScriptNotice);
        }
    }
    let density = if chars == 0 {
        0.0
    } else {
        link_chars as f32 / chars as f32
    };
    let limit = match config.favor {
        Favor::Precision => 0.4,
        Favor::Balanced => LINK_BLOCK_DENSITY,
        Favor::Recall => 0.95,
    };
    // a list item is judged with its list (see `Walker::list`): one item of
    // a list of sources or changes is often all link; favouring precision,
    // such items go too
    let judged_alone = match kind {
        BlockKind::Paragraph => true,
        BlockKind::ListItem { .. } => config.favor == Favor::Precision,
        _ => false,
    };
    let dense = judged_alone && text.len() < LINK_BLOCK_MAX_CHARS && density > limit;
    dense.then_some(CollectRule::LinkDense(density))
}

/// Are two sibling elements pieces of one text run, split by an editor's styling
/// (`<span class="TextRun">child</span><span class="TextRun">ren</span><span
/// class="TextRun">, you</span>`)? Such pieces share tag and class, and some of
/// them carry the run's spaces at their edges; items of a list of labels (tags,
/// a film's year and running time) share tag and class too but carry no spaces,
/// and links to different places are different items.
fn same_run(dom: &Dom, a: NodeId, b: NodeId) -> bool {
    let alike = |x: NodeId| {
        dom.tag(x) == dom.tag(a)
            && dom.attr(x, "class") == dom.attr(a, "class")
            && (dom.tag(x) != Some(Tag::A) || dom.attr(x, "href") == dom.attr(a, "href"))
    };
    alike(b)
        && dom.parent(a).is_some_and(|p| {
            dom.children(p)
                .take(RUN_MAX_PIECES)
                .any(|c| dom.is_element(c) && alike(c) && spaced_edge(dom, c))
        })
}

/// Most sibling pieces read when telling a text run from a list of items.
const RUN_MAX_PIECES: usize = 64;

/// Does the element's text start or end with white space?
fn spaced_edge(dom: &Dom, id: NodeId) -> bool {
    let mut texts = dom
        .descendants(id)
        .filter_map(|d| dom.text(d))
        .filter(|t| !t.is_empty());
    let first = texts.next();
    let last = texts.last().or(first);
    first.is_some_and(|t| t.starts_with(char::is_whitespace))
        || last.is_some_and(|t| t.ends_with(char::is_whitespace))
}

/// A letter or digit of a script that writes spaces between words (not Chinese,
/// Japanese, Korean, Thai, Lao, Khmer or Burmese, whose words run together).
fn spaced_word_char(c: char) -> bool {
    c.is_alphanumeric()
        && !matches!(c as u32, 0x0E00..=0x0EFF | 0x1000..=0x109F | 0x1780..=0x17FF | 0x2E80..)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `collapse_white_space` must give, one character at a time.
    fn slow_collapse(t: &str) -> (String, usize) {
        let mut out = String::new();
        let (mut space, mut chars) = (false, 0);
        for c in t.chars() {
            if c.is_whitespace() {
                space = true;
            } else {
                if space {
                    out.push(' ');
                    space = false;
                }
                out.push(c);
                chars += 1;
            }
        }
        if space {
            out.push(' ');
        }
        (out, chars)
    }

    #[test]
    fn white_space_runs_become_one_space() {
        assert_eq!(collapse_white_space(" a \u{a0}\n b "), (" a b ".into(), 2));
        assert_eq!(collapse_white_space("\t\n"), (" ".into(), 0));
        assert_eq!(collapse_white_space(""), (String::new(), 0));
    }

    proptest::proptest! {
        #[test]
        fn collapsing_agrees_with_the_slow_form(t in "[a-z, \t\n\r\x0b\x0c\x01\u{85}\u{a0}\u{2003}é日]{0,40}") {
            proptest::prop_assert_eq!(collapse_white_space(&t), slow_collapse(&t));
        }
    }
}
