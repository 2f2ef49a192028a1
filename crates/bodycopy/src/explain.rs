//! Why each block of a page was kept or dropped ([`Extractor::explain`]).
//!
//! Explaining runs the same pipeline as [`Extractor::extract`], with a trace
//! switched on: the pruning mask, the chosen roots with their scores, what the
//! collect stage made of every text node and which blocks the clean stage
//! dropped are kept instead of thrown away. Nothing is recorded when not
//! explaining. The trace is then read per *candidate block*: every element that
//! owns visible text directly (the nearest block-level element around a text
//! node: a `<p>`, an `<li>`, a `<div>` holding loose text, or the nearest
//! element the prune stage marked chrome, inline or not).

mod annotate;
mod rules;

use serde::Serialize;

use crate::document::Document;
use crate::dom::{Dom, NodeId};
use crate::error::Error;
use crate::extractor::{Extractor, PageInfo};
use crate::rules::tags;
use crate::stages::clean::CleanRule;
use crate::stages::collect::{CollectRule, CollectTrace, Outcome};
use crate::stages::prune::Pruned;
use crate::stages::select::Main;
use crate::stages::stats::Stats;
use crate::timing::StageTimes;

/// What happened to one candidate block of the page.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ExplainedBlock {
    /// Stable id in document order; also written as `data-bc-id` on the annotated HTML.
    pub id: u32,
    /// The element's tag name: `"p"`, `"div"`, `"h2"`, …
    pub tag: String,
    /// A short CSS-like path, e.g. `div#main>article>p:nth-of-type(3)`.
    pub path: String,
    /// Kept in the document or dropped.
    pub decision: Decision,
    /// The named rule or score that decided, e.g. `boilerplate-class: sidebar`,
    /// `outside-main-content`, `link-dense (0.82)`, `kept: in main content div#story (score 41)`.
    pub rule: String,
    /// The first 80 characters of the block's own text, white space collapsed.
    pub text_start: String,
    /// Characters of the block's own text, white space collapsed.
    pub text_chars: usize,
}

/// Whether a block's text is in the extracted document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Decision {
    /// In the document.
    Kept,
    /// Left out.
    Dropped,
}

/// The result of [`Extractor::explain`].
#[derive(Clone, Debug)]
pub struct Explanation {
    /// Exactly what [`Extractor::extract`] returns for the same input.
    pub document: Document,
    /// Every candidate block, in document order.
    pub blocks: Vec<ExplainedBlock>,
    /// The page re-serialised as safe HTML (no scripts, event handlers, frames,
    /// objects, form actions or meta refreshes; only images and styles are
    /// fetched, as a Content-Security-Policy in its head also says), each
    /// explained element carrying `data-bc-id`, `data-bc-decision="kept|dropped"`
    /// and `data-bc-rule` (and a `title` with the rule, for a hover without scripts).
    pub annotated_html: String,
}

impl Extractor {
    /// Extract one page and explain every decision: which blocks were kept or
    /// dropped, and by which rule or score. The document is the one
    /// [`Extractor::extract`] returns; the errors are the same.
    pub fn explain(&self, bytes: &[u8], page: &PageInfo<'_>) -> Result<Explanation, Error> {
        let mut trace = Trace::default();
        let config = self.config();
        let mut times = StageTimes::default();
        let document = crate::pipeline::run(config, bytes, page, &mut times, Some(&mut trace))?;
        // the pipeline keeps a trace whenever it returns a document
        let (blocks, annotated_html) = match &trace.kept {
            Some(kept) => {
                let (blocks, nodes) = explain_blocks(kept);
                let base = page.url.or(document.metadata.url.as_deref());
                let html = annotate::annotate(kept, &blocks, &nodes, base);
                (blocks, html)
            }
            None => (Vec::new(), String::new()),
        };
        Ok(Explanation {
            document,
            blocks,
            annotated_html,
        })
    }
}

/// Where the pipeline leaves what explaining needs (see `pipeline::run`).
#[derive(Default)]
pub(crate) struct Trace {
    kept: Option<Kept>,
}

impl Trace {
    /// Keep the tree, its measures and the trace of the content pass that won.
    pub(crate) fn keep(&mut self, dom: Dom, stats: Stats, why: ContentTrace) {
        self.kept = Some(Kept { dom, stats, why });
    }
}

/// How one content pass chose its blocks.
pub(crate) struct ContentTrace {
    pruned: Pruned,
    main: Main,
    collected: CollectTrace,
    /// Blocks the clean stage dropped: index among the collected blocks, rule.
    pub(crate) cleaned: Vec<(usize, CleanRule)>,
}

impl ContentTrace {
    pub(crate) fn new(pruned: Pruned, main: Main, collected: CollectTrace) -> Self {
        ContentTrace {
            pruned,
            main,
            collected,
            cleaned: Vec::new(),
        }
    }
}

struct Kept {
    dom: Dom,
    stats: Stats,
    why: ContentTrace,
}

/// Longest [`ExplainedBlock::text_start`], in characters.
const TEXT_START_CHARS: usize = 80;

/// The final fate of one piece of text.
#[derive(Clone, Copy)]
enum Fate {
    Kept,
    Collect(CollectRule),
    Clean(CleanRule),
}

/// What the ancestors of a node say about it, filled in document order.
#[derive(Clone, Copy, Default)]
struct Context {
    /// The candidate block owning the node's text (nearest block-level element).
    owner: Option<NodeId>,
    /// The outermost element marked chrome by the prune stage.
    chrome: Option<NodeId>,
    /// The innermost subtree read as one block, and its fate.
    whole: Option<Fate>,
    /// The content root holding the node.
    root: Option<NodeId>,
}

/// One candidate block being gathered.
struct Candidate {
    el: NodeId,
    text: String,
    /// The fate of its own text: kept when any of it was kept.
    fate: Option<Fate>,
    /// The first fate of its text other than kept (a run of it dropped).
    dropped: Option<Fate>,
}

/// Every candidate block with its decision, and the element of each.
fn explain_blocks(k: &Kept) -> (Vec<ExplainedBlock>, Vec<NodeId>) {
    let (dom, stats, why) = (&k.dom, &k.stats, &k.why);
    let n = dom.len();
    let fates = text_fates(n, why);
    let wholes = subtree_fates(n, why);
    let mut is_root = vec![false; n];
    for r in &why.main.roots {
        is_root[r.index()] = true;
    }
    let mut ctx = vec![Context::default(); n];
    let mut slot = vec![u32::MAX; n];
    let mut found: Vec<Candidate> = Vec::new();
    for &id in &stats.order {
        let ix = id.index();
        let mut c = dom.parent(id).map(|p| ctx[p.index()]).unwrap_or_default();
        if dom.tag(id).is_some_and(tags::is_block) {
            c.owner = Some(id);
        }
        if c.chrome.is_none() && why.pruned.is_dropped(id) && dom.is_element(id) {
            // an element marked chrome is a block of its own, inline or not
            // (`<span class="offscreen">` inside a kept paragraph)
            c.chrome = Some(id);
            c.owner = Some(id);
        }
        c.whole = wholes[ix].or(c.whole);
        if is_root[ix] {
            c.root = Some(id);
        }
        ctx[ix] = c;
        let (Some(t), Some(o)) = (dom.text(id), c.owner) else {
            continue;
        };
        if t.trim().is_empty() {
            continue;
        }
        if slot[o.index()] == u32::MAX {
            slot[o.index()] = found.len() as u32;
            found.push(Candidate {
                el: o,
                text: String::new(),
                fate: None,
                dropped: None,
            });
        }
        let cand = &mut found[slot[o.index()] as usize];
        for w in t.split_whitespace() {
            if !cand.text.is_empty() {
                cand.text.push(' ');
            }
            cand.text.push_str(w);
        }
        if let Some(f) = fates[ix] {
            if matches!(f, Fate::Kept) || cand.fate.is_none() {
                cand.fate = Some(f);
            }
            if !matches!(f, Fate::Kept) && cand.dropped.is_none() {
                cand.dropped = Some(f);
            }
        }
    }
    found.sort_by_key(|c| stats.pos[c.el]);
    let paths = rules::Paths::new(dom);
    let mut blocks = Vec::with_capacity(found.len());
    let mut nodes = Vec::with_capacity(found.len());
    for (i, cand) in found.into_iter().enumerate() {
        let (decision, mut rule) = decide(k, &ctx[cand.el.index()], cand.fate, &cand.text);
        // a block kept in part: say what the rest was dropped by
        if let (Decision::Kept, Some(f)) = (decision, cand.dropped) {
            rule.push_str("; part dropped: ");
            rule.push_str(&fate_rule(f, &cand.text));
        }
        blocks.push(ExplainedBlock {
            id: i as u32,
            tag: dom.tag_name(cand.el).to_string(),
            path: paths.path(dom, cand.el),
            decision,
            rule,
            text_start: cand.text.chars().take(TEXT_START_CHARS).collect(),
            text_chars: cand.text.chars().count(),
        });
        nodes.push(cand.el);
    }
    (blocks, nodes)
}

/// What became of each text node the collect stage read.
fn text_fates(n: usize, why: &ContentTrace) -> Vec<Option<Fate>> {
    let mut fates = vec![None; n];
    let cleaned = cleaned_rules(why);
    for &(node, event) in &why.collected.texts {
        if let Some(&outcome) = why.collected.events.get(event as usize) {
            fates[node.index()] = Some(fate(outcome, &cleaned));
        }
    }
    fates
}

/// What became of each subtree read as one block (tables, code, link lists).
fn subtree_fates(n: usize, why: &ContentTrace) -> Vec<Option<Fate>> {
    let mut fates = vec![None; n];
    let cleaned = cleaned_rules(why);
    for &(node, outcome) in &why.collected.subtrees {
        fates[node.index()] = Some(fate(outcome, &cleaned));
    }
    fates
}

/// The clean stage's rule per collected block (`None` where kept).
fn cleaned_rules(why: &ContentTrace) -> Vec<Option<CleanRule>> {
    let len = why.cleaned.iter().map(|&(i, _)| i + 1).max().unwrap_or(0);
    let mut rules = vec![None; len];
    for &(i, rule) in &why.cleaned {
        rules[i] = Some(rule);
    }
    rules
}

fn fate(outcome: Outcome, cleaned: &[Option<CleanRule>]) -> Fate {
    match outcome {
        Ok(i) => match cleaned.get(i).copied().flatten() {
            Some(rule) => Fate::Clean(rule),
            None => Fate::Kept,
        },
        Err(rule) => Fate::Collect(rule),
    }
}

/// The decision on one candidate block and the rule behind it.
fn decide(k: &Kept, c: &Context, own: Option<Fate>, text: &str) -> (Decision, String) {
    let (dom, stats, why) = (&k.dom, &k.stats, &k.why);
    if let Some(chrome) = c.chrome {
        let rule = why.pruned.rule(dom, stats, chrome);
        return (Decision::Dropped, rules::prune_rule(dom, chrome, rule));
    }
    match own.or(c.whole) {
        Some(Fate::Kept) => (Decision::Kept, kept_rule(k, c.root)),
        Some(f) => (Decision::Dropped, fate_rule(f, text)),
        None if c.root.is_some() => (Decision::Dropped, "not-collected".to_string()),
        None => (Decision::Dropped, "outside-main-content".to_string()),
    }
}

/// The rule of a collect or clean decision.
fn fate_rule(f: Fate, text: &str) -> String {
    match f {
        Fate::Kept => "kept".to_string(),
        Fate::Collect(rule) => rules::collect_rule(rule, text),
        Fate::Clean(rule) => rules::clean_rule(rule).to_string(),
    }
}

/// "kept: in main content div#story (score 41)".
fn kept_rule(k: &Kept, root: Option<NodeId>) -> String {
    let (dom, main) = (&k.dom, &k.why.main);
    let Some(root) = root else {
        return "kept".to_string();
    };
    let name = rules::label(dom, root);
    if main.region {
        return format!("kept: in main region {name} (the page is not one article)");
    }
    let score = main.scores[root];
    let what = if main.records {
        "record list"
    } else {
        "main content"
    };
    if score > 0.0 {
        format!("kept: in {what} {name} (score {score:.0})")
    } else {
        format!("kept: in {what} {name} (sibling paragraph)")
    }
}
