//! The fuzz harness: one function per target, each taking the fuzzer's bytes (or
//! structured input) and driving one part of bodycopy with options derived from
//! those bytes, so that every crash reproduces from its input file alone.
//!
//! The targets in `fuzz_targets/` are one-line wrappers over these functions.
//! Besides "no panic, no hang", each checks a few properties that must hold
//! whatever the input (JSON output parses, HTML output carries no script, a
//! parsed date has the `YYYY-MM-DD` shape).

use std::io::{BufReader, Write};
use std::time::{Duration, SystemTime};

use arbitrary::Arbitrary;
use bodycopy::document::{Block, BlockKind, Cell, Span};
use bodycopy::dom::decode;
use bodycopy::metadata::{dates, jsonld};
use bodycopy::output::{self, Format, RenderOptions};
use bodycopy::{Config, Extractor, Favor, Limits, PageInfo};

/// A fixed crawl time (2024-01-01), so that date checks do not depend on the clock.
fn crawl_time() -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(1_704_067_200)
}

/// Content-Type headers chosen by the input: none, honest, lying, unknown.
const CONTENT_TYPES: [Option<&str>; 8] = [
    None,
    Some("text/html; charset=utf-8"),
    Some("text/html; charset=windows-1252"),
    Some("text/html; charset=utf-16le"),
    Some("text/html; charset=\"shift_jis\""),
    Some("text/html; charset=x-no-such-encoding"),
    Some("application/xhtml+xml"),
    Some("text/plain; charset=utf-16be"),
];

/// Extraction settings from two input bytes: favour, comments, tables, images,
/// links, text only or not (bit 4 of the limits byte), and either the default
/// limits or tight ones (so the limit paths run).
fn config_from(flags: u8, limits: u8) -> Config {
    let tight = limits & 1 != 0;
    Config {
        favor: match flags % 3 {
            0 => Favor::Balanced,
            1 => Favor::Precision,
            _ => Favor::Recall,
        },
        include_comments: flags & 4 != 0,
        include_tables: flags & 8 == 0,
        include_images: flags & 16 != 0,
        include_links: flags & 32 != 0,
        with_metadata: limits & 16 == 0,
        limits: Limits {
            max_nodes: if tight { 200 } else { 2_000_000 },
            max_depth: if tight {
                usize::from((limits >> 1) & 7) * 4 + 1
            } else {
                512
            },
            max_attributes: if tight { 4 } else { 1024 },
            max_json_ld_bytes: if tight { 256 } else { 1 << 20 },
            // no wall-clock limit: a slow input is reported by the fuzzer's own timeout
            time_budget: Duration::from_secs(3600),
            ..Limits::default()
        },
        now: Some(crawl_time()),
    }
}

/// Extraction on arbitrary bytes. Byte 0 chooses the settings and the URL,
/// byte 1 the limits and the Content-Type; the rest is the page. Every output
/// format is rendered.
pub fn extract(data: &[u8]) {
    let [flags, limits, page @ ..] = data else {
        return;
    };
    let extractor = Extractor::new(config_from(*flags, *limits));
    let info = PageInfo {
        url: (flags & 64 != 0).then_some("https://news.example/2024/01/02/a-story.html?x=1#top"),
        content_type: CONTENT_TYPES[usize::from(limits >> 5)],
    };
    let doc = match extractor.extract(page, &info) {
        Ok(doc) => doc,
        Err(e) => {
            assert!(!e.to_string().is_empty(), "an error says what went wrong");
            return;
        }
    };
    let options = RenderOptions {
        title: flags & 128 != 0,
        comments: flags & 4 != 0,
    };
    for format in [Format::Txt, Format::Markdown, Format::Html, Format::Json] {
        let out = output::render(&doc, format, &options);
        check_rendered(format, &out);
    }
}

/// Properties every rendering has, whatever the page.
fn check_rendered(format: Format, out: &str) {
    match format {
        Format::Json => {
            if let Err(e) = serde_json::from_str::<serde_json::Value>(out) {
                panic!("JSON output does not parse: {e}\n{out}");
            }
        }
        Format::Html => {
            // text is escaped (`<` and `"` never appear raw), so these can only be markup
            let lower = out.to_ascii_lowercase();
            assert!(!lower.contains("<script"), "script in HTML output: {out}");
            assert!(
                !lower.contains("=\"javascript:"),
                "javascript URL in HTML output: {out}"
            );
        }
        _ => {}
    }
}

/// Decoding: the input's first byte picks a Content-Type header (or, when its
/// top bit is set, the next bytes up to a NUL are the header, as written).
pub fn decode(data: &[u8]) {
    let [pick, rest @ ..] = data else {
        return;
    };
    let (header, bytes): (Option<String>, &[u8]) = if pick & 0x80 != 0 {
        let end = rest.iter().position(|&b| b == 0).unwrap_or(rest.len());
        let (h, tail) = rest.split_at(end);
        (Some(String::from_utf8_lossy(h).into_owned()), tail)
    } else {
        (
            CONTENT_TYPES[usize::from(pick & 7)].map(str::to_string),
            rest,
        )
    };
    if let Some(h) = &header {
        let _ = decode::charset_from_content_type(h);
    }
    let _ = decode::prescan(bytes);
    let _ = decode::sniff_utf16(bytes);
    let decoded = decode::decode(bytes, header.as_deref());
    // the repair is idempotent once applied
    if let Some(repaired) = decode::repair_double_encoding(&decoded.text) {
        let _ = decode::repair_double_encoding(&repaired);
    }
}

/// The WARC reader over arbitrary bytes: plain, or gzipped first (byte 0, bit 0),
/// through a read buffer of 1 to 64 bytes (bits 1–6) so that records straddle
/// buffer refills, with small block and header caps (bit 7). Every record's block
/// is also read as an HTTP response.
pub fn warc(data: &[u8]) {
    let [mode, rest @ ..] = data else {
        return;
    };
    let input: Vec<u8> = if mode & 1 != 0 {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        if gz.write_all(rest).is_err() {
            return;
        }
        match gz.finish() {
            Ok(v) => v,
            Err(_) => return,
        }
    } else {
        rest.to_vec()
    };
    let capacity = usize::from((mode >> 1) & 63) + 1;
    let config = if mode & 0x80 != 0 {
        bodycopy_warc::ReaderConfig {
            max_block: 64,
            max_header: 128,
        }
    } else {
        bodycopy_warc::ReaderConfig::default()
    };
    let reader = BufReader::with_capacity(capacity, &input[..]);
    // every record or error consumes input: far fewer items than bytes
    let bound = input.len() + rest.len() + 2;
    for (n, item) in bodycopy_warc::Reader::with_config(reader, config).enumerate() {
        assert!(n <= bound, "the reader does not stop");
        if let Ok(record) = item {
            let _ = record.warc_type();
            let _ = bodycopy_warc::http::parse_response(&record.block, 1 << 16);
        }
    }
    // the records read do not depend on the read buffer's size (on damaged gzip,
    // how many errors are reported may: where a corrupt member is noticed depends
    // on how far its decoder had read)
    let records = |items: Vec<Result<bodycopy_warc::Record, bodycopy_warc::Error>>| {
        items
            .into_iter()
            .filter_map(Result::ok)
            .map(|r| r.block)
            .collect::<Vec<_>>()
    };
    let whole = records(bodycopy_warc::read_all(&input));
    let streamed = records(
        bodycopy_warc::Reader::new(BufReader::with_capacity(capacity, &input[..])).collect(),
    );
    assert_eq!(whole, streamed, "buffer size changed the records read");
    let _ = bodycopy_warc::http::parse_response(rest, 1 << 16);
    let _ = bodycopy_warc::http::looks_like_html(rest);
}

/// One inline run, as the fuzzer builds it.
#[derive(Arbitrary, Debug)]
pub struct FuzzSpan {
    text: String,
    strong: bool,
    emphasis: bool,
    code: bool,
    link: Option<String>,
    line_break: bool,
}

/// One block, as the fuzzer builds it: its kind from `kind`, nested lists from
/// `depth`, a table from `rows`.
#[derive(Arbitrary, Debug)]
pub struct FuzzBlock {
    kind: u8,
    level: u8,
    depth: u8,
    number: u32,
    flags: u8,
    text: String,
    lang: Option<String>,
    spans: Vec<FuzzSpan>,
    rows: Vec<Vec<(String, bool)>>,
    src: Option<String>,
}

impl FuzzBlock {
    fn block(&self) -> Block {
        let kind = match self.kind % 8 {
            0 => BlockKind::Heading {
                level: self.level % 8,
            },
            1 => BlockKind::ListItem {
                ordered: self.flags & 1 != 0,
                depth: self.depth,
                number: self.number,
                continued: self.flags & 2 != 0,
            },
            2 => BlockKind::Quote,
            3 => BlockKind::Code {
                lang: self.lang.clone(),
            },
            4 => BlockKind::Table,
            5 => BlockKind::Caption,
            6 => BlockKind::Image,
            _ => BlockKind::Paragraph,
        };
        let mut b = Block::new(kind, self.text.clone());
        b.spans = self
            .spans
            .iter()
            .map(|s| Span {
                text: s.text.clone(),
                strong: s.strong,
                emphasis: s.emphasis,
                code: s.code,
                link: s.link.clone(),
                line_break: s.line_break,
            })
            .collect();
        b.rows = self
            .rows
            .iter()
            .map(|r| r.iter().map(|(t, h)| Cell::new(t.as_str(), *h)).collect())
            .collect();
        b.src = self.src.clone();
        b
    }
}

/// The Markdown writer (and the HTML and text writers) over arbitrary blocks,
/// including shapes extraction never makes (heading level 0, lists that jump
/// depths, empty tables, links in code).
pub fn markdown(blocks: &[FuzzBlock]) {
    let blocks: Vec<Block> = blocks.iter().map(FuzzBlock::block).collect();
    let _ = output::markdown::render(&blocks);
    // URLs are checked while collecting, not here; markup must still be escaped
    let html = output::html::render(&blocks);
    assert!(
        !html.contains("<script"),
        "unescaped markup in HTML output: {html}"
    );
    let _ = output::text::render(&blocks);
}

/// The date parser on arbitrary text (and as a URL path).
pub fn date(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    for found in [dates::parse(&text), dates::from_url(&text)]
        .into_iter()
        .flatten()
    {
        let b = found.as_bytes();
        assert!(
            b.len() == 10
                && b[4] == b'-'
                && b[7] == b'-'
                && b.iter()
                    .enumerate()
                    .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit()),
            "not YYYY-MM-DD: {found:?} from {text:?}"
        );
    }
}

/// JSON-LD parsing: the input is split into scripts at NUL bytes.
pub fn json_ld(data: &[u8]) {
    let scripts: Vec<String> = data
        .split(|&b| b == 0)
        .map(|s| String::from_utf8_lossy(s).into_owned())
        .collect();
    let ld = jsonld::extract(&scripts);
    for d in ld.published.iter().chain(&ld.modified) {
        let _ = dates::parse(d);
    }
}
