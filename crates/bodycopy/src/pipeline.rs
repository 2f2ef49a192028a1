//! The stage order, on one screen.

use std::time::Instant;

use crate::document::{Block, Document, PageType};
use crate::dom::Dom;
use crate::dom::{decode, parse};
use crate::error::{Error, ErrorKind};
use crate::explain::{ContentTrace, Trace};
use crate::extractor::{Config, PageInfo};
use crate::stages::prune::Mode;
use crate::stages::signal::Declared;
use crate::stages::stats::Stats;
use crate::timing::{Laps, StageTimes};
use crate::{metadata, stages};

pub(crate) fn run(
    config: &Config,
    bytes: &[u8],
    page: &PageInfo<'_>,
    times: &mut StageTimes,
    explain: Option<&mut Trace>,
) -> Result<Document, Error> {
    let started = Instant::now();
    let mut laps = Laps::starting_at(started);
    let limits = &config.limits;
    check_input(bytes, config)?;
    let decoded = decode::decode(bytes, page.content_type);
    times.decode = laps.lap();
    let dom = parse::parse_html(&decoded.text, limits, started)?;
    times.parse = laps.lap();
    // the page-type model that steers the extraction reads facts that a text-only
    // reading finds too, so the body does not depend on `with_metadata`
    let (mut metadata, facts) =
        metadata::extract_with(&dom, page.url, limits, config.now, config.with_metadata);
    let base = metadata
        .url
        .clone()
        .or_else(|| page.url.map(str::to_string));
    let declared = match (metadata.page_type, stages::signal::declared(&dom)) {
        (Some(crate::document::PageType::Article), _) => Declared::Article,
        (Some(_), _) => Declared::Other,
        (None, d) => d,
    };
    times.metadata = laps.lap();
    let mut stats = stages::stats::compute(&dom, limits, false);
    check_time(started, config)?;
    let tracing = explain.is_some();
    let pass = |stats: &Stats, mode: Mode, declared: Declared| {
        content(
            &dom,
            stats,
            config,
            base.as_deref(),
            mode,
            declared,
            tracing,
        )
    };
    // the pruning mode of the pass that won
    let mut mode = Mode::Strict;
    let mut body = pass(&stats, Mode::Strict, declared);
    if text_chars(&body) < FALLBACK_MIN_CHARS {
        // fallback: trust class names less
        let relaxed = pass(&stats, Mode::Relaxed, declared);
        if text_chars(&relaxed) > text_chars(&body) {
            body = relaxed;
            mode = Mode::Relaxed;
        }
    }
    if text_chars(&body) < REVEAL_MIN_CHARS {
        // fallback: read `hidden` blocks too, when they hold most of the page
        let revealed = stages::stats::compute(&dom, limits, true);
        if revealed.text_len[revealed.body] > 2 * stats.text_len[stats.body] {
            let strict = pass(&revealed, Mode::Strict, declared);
            if text_chars(&strict) > text_chars(&body) {
                body = strict;
                stats = revealed;
                mode = Mode::Strict;
            }
        }
    }
    let page_title = dom
        .find(crate::dom::NodeId::ROOT, crate::dom::Tag::Title)
        .map(|t| dom.text_content(t));
    // a page of several parts (declared or read as a product, listing, collection
    // or service page) read whole keeps its headline as its first heading; a
    // shop's or a list's page, read whole or not, drops its copies
    let clean = |body: &mut Content, several_parts: bool, page_type: Option<PageType>| {
        let cleaned = body.why.as_mut().map(|w| &mut w.cleaned);
        let keep_headline = body.region && several_parts;
        let repeats = page_type.is_some_and(repeats_copies);
        stages::clean::clean(
            &mut body.blocks,
            &metadata,
            page_title.as_deref(),
            keep_headline,
            repeats,
            cleaned,
        );
    };
    clean(&mut body, declared == Declared::Other, metadata.page_type);
    // the page type the body points to, when the body is final
    let mut typed = None;
    if declared != Declared::Other && !body.named_body && !body.region && mode == Mode::Strict {
        let predicted = metadata::predict_from_facts(&facts, &dom, &body.blocks);
        if several_parts(predicted.0) {
            let page_type = predicted.0;
            // a product, listing, collection or service page that does not declare
            // itself one: read it again as such (its whole main region); the
            // first reading is let go first, so a huge page is held once
            drop(body);
            body = pass(&stats, Mode::Strict, Declared::Other);
            if text_chars(&body) < FALLBACK_MIN_CHARS {
                drop(body);
                body = pass(&stats, Mode::Strict, declared);
                typed = Some(predicted);
            }
            clean(&mut body, true, Some(page_type));
        } else {
            typed = Some(predicted);
        }
    }
    // a forum or Q&A thread: its replies are the content, not reader comments
    if mode == Mode::Strict && typed.as_ref().is_none_or(|t| t.0 == PageType::Forum) {
        let predicted =
            typed.get_or_insert_with(|| metadata::predict_from_facts(&facts, &dom, &body.blocks));
        if predicted.0 == PageType::Forum {
            let mut thread = pass(&stats, Mode::Thread, declared);
            clean(&mut thread, false, None);
            if text_chars(&thread) > text_chars(&body) {
                body = thread;
            }
        }
    }
    check_time(started, config)?;
    let comments = if config.include_comments {
        stages::comments::collect(&dom, &stats, config, base.as_deref())
    } else {
        Vec::new()
    };
    times.content = laps.lap();
    match typed {
        Some((mut page_type, mut features)) => {
            if config.with_metadata {
                metadata::finish_language(&mut metadata, &body.blocks);
                // the page type recorded weighs every date and byline found
                let finished = facts.finished(&metadata);
                if finished != facts {
                    (page_type, features) =
                        metadata::predict_from_facts(&finished, &dom, &body.blocks);
                }
            }
            metadata.page_type = Some(page_type);
            metadata.page_type_features = features;
        }
        None if config.with_metadata => {
            metadata::finish_language(&mut metadata, &body.blocks);
            // the final type weighs declarations and structure together
            let finished = facts.finished(&metadata);
            let (page_type, features) = metadata::predict_from_facts(&finished, &dom, &body.blocks);
            metadata.page_type = Some(page_type);
            metadata.page_type_features = features;
        }
        // text only: the language and the final page type are not asked for
        None => {}
    }
    times.finish = laps.lap();
    if let (Some(trace), Some(why)) = (explain, body.why) {
        trace.keep(dom, stats, why);
    }
    Ok(Document {
        metadata,
        body: body.blocks,
        comments,
    })
}

/// Below this many characters of body text, strict pruning is assumed to have
/// removed the content and the relaxed pass is tried.
const FALLBACK_MIN_CHARS: usize = 200;

/// Below this many characters of body text, the page is read again with its
/// `hidden` blocks when they hold most of its text (streamed server rendering
/// parks the content there and shows placeholders until a script moves it).
const REVEAL_MIN_CHARS: usize = 1000;

/// The blocks of one content pass, and how they were chosen when explaining.
struct Content {
    blocks: Vec<Block>,
    /// The content was picked inside an element named the article body.
    named_body: bool,
    /// The whole main region was taken (the page already reads as several parts).
    region: bool,
    why: Option<ContentTrace>,
}

/// Prune, select and collect with one pruning mode (recording why, when tracing).
fn content(
    dom: &Dom,
    stats: &Stats,
    config: &Config,
    base: Option<&str>,
    mode: Mode,
    declared: Declared,
    tracing: bool,
) -> Content {
    let pruned = stages::prune::prune(dom, stats, mode);
    let main = stages::select::select(dom, stats, &pruned, config, declared);
    let (blocks, collected) =
        stages::collect::collect(dom, stats, &pruned, &main, config, base, tracing);
    let named_body = main.named_body;
    let region = main.region;
    let why = collected.map(|c| ContentTrace::new(pruned, main, c));
    Content {
        blocks,
        named_body,
        region,
        why,
    }
}

/// Is a page of this type made of several parts (a product, listing, collection
/// or service page) rather than one article, thread or manual page?
fn several_parts(page_type: PageType) -> bool {
    matches!(
        page_type,
        PageType::Product | PageType::Listing | PageType::Collection | PageType::Service
    )
}

/// Does a page of this type copy its parts' text (a product's description again
/// in a tab, a quick view or a teaser; a listed item's summary in a preview)?
/// Then a paragraph or a run of blocks that repeats an earlier one is dropped,
/// whatever its length, whether the page was read whole or as one part of it.
fn repeats_copies(page_type: PageType) -> bool {
    matches!(
        page_type,
        PageType::Product | PageType::Listing | PageType::Collection
    )
}

fn text_chars(content: &Content) -> usize {
    content.blocks.iter().map(|b| b.text.len()).sum()
}

fn check_input(bytes: &[u8], config: &Config) -> Result<(), Error> {
    if bytes.len() > config.limits.max_input_bytes {
        return Err(Error::new(ErrorKind::InputTooLarge));
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Error::new(ErrorKind::EmptyInput));
    }
    if looks_binary(bytes) {
        return Err(Error::new(ErrorKind::NotHtml));
    }
    Ok(())
}

/// Binary data: many NUL or control bytes in the first kilobytes (UTF-16 text,
/// with a BOM or ASCII-heavy without one, is text, and is decoded as such).
fn looks_binary(bytes: &[u8]) -> bool {
    if encoding_rs::Encoding::for_bom(bytes).is_some() || decode::sniff_utf16(bytes).is_some() {
        return false;
    }
    let head = bytes.get(..4096).unwrap_or(bytes);
    let control = head
        .iter()
        .filter(|&&b| b == 0 || (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)))
        .count();
    control * 10 > head.len()
}

fn check_time(started: Instant, config: &Config) -> Result<(), Error> {
    if started.elapsed() > config.limits.time_budget {
        Err(Error::new(ErrorKind::TimeBudgetExceeded))
    } else {
        Ok(())
    }
}
