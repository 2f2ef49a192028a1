//! The HTML tokenizer (WHATWG § 13.2.5), over a preprocessed `&str`.
//!
//! Text runs are found with `memchr` and handed to the sink as slices of the
//! input whenever no character reference or NUL forces a copy. States that
//! only matter for error reporting are folded into the scanning loops.

use compact_str::CompactString;
use memchr::{memchr, memchr3, memmem};

use super::entities;
use crate::dom::tree::{intern_attr_name, Attr};

/// The tokenizer states a tree builder (or a test) can switch to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum State {
    /// Normal markup.
    Data,
    /// Text with character references, up to the matching end tag (`title`, `textarea`).
    Rcdata,
    /// Raw text up to the matching end tag (`style`, `xmp`, `iframe`, ...).
    Rawtext,
    /// Script text, with its escaped states.
    ScriptData,
    /// Everything up to the end of input is text.
    Plaintext,
    /// A CDATA section (used by tests only; in pages CDATA starts from `<![CDATA[`).
    #[cfg_attr(not(test), allow(dead_code))]
    CdataSection,
}

/// A start tag as handed to the sink.
pub(crate) struct StartTag<'t> {
    /// Lower-case tag name.
    pub name: &'t str,
    /// Attributes in source order, duplicates dropped, names lower-cased: the
    /// tokenizer's buffer, which the sink may take (or swap for an empty one).
    pub attrs: &'t mut Vec<Attr>,
    /// Written as `<name ... />`.
    pub self_closing: bool,
}

/// A DOCTYPE token.
#[derive(Debug, Default)]
pub(crate) struct Doctype {
    /// Lower-cased name, if any.
    pub name: Option<String>,
    /// Public identifier, if any.
    pub public_id: Option<String>,
    /// System identifier, if any.
    pub system_id: Option<String>,
    /// The force-quirks flag.
    pub force_quirks: bool,
}

/// Receiver of tokens.
pub(crate) trait TokenSink {
    /// A run of characters (never empty).
    fn characters(&mut self, text: &str);
    /// A U+0000 in the data state (reported apart, as the tree builder treats it apart).
    fn null_character(&mut self);
    /// A start tag; returns the state the tokenizer continues in.
    fn start_tag(&mut self, tag: StartTag<'_>) -> State;
    /// An end tag (attributes are dropped).
    fn end_tag(&mut self, name: &str);
    /// A comment.
    fn comment(&mut self, text: &str);
    /// A DOCTYPE.
    fn doctype(&mut self, doctype: Doctype);
    /// End of input.
    fn eof(&mut self);
    /// True when `<![CDATA[` opens a CDATA section (the adjusted current node is foreign).
    fn cdata_allowed(&self) -> bool;
    /// True when the sink wants tokenizing to stop (a limit was hit).
    fn stopped(&self) -> bool;
}

/// The tokenizer over one document.
pub(crate) struct Tokenizer<'a> {
    input: &'a str,
    pos: usize,
    state: State,
    last_start_tag: String,
    name_buf: String,
    attrs: Vec<Attr>,
    /// Pending text: a span of the input, or an owned copy once it had to be rewritten.
    span: (usize, usize),
    owned: String,
    is_owned: bool,
    /// Most attributes (duplicates included) one tag may carry before `too_many_attributes` is set.
    attr_cap: usize,
    /// Set when a tag carried more than `attr_cap` attributes.
    pub too_many_attributes: bool,
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0c)
}

/// True when a tag or attribute name holds an ASCII capital or a NUL, which
/// [`push_name`] rewrites.
#[inline]
fn needs_name_fold(s: &str) -> bool {
    s.bytes().any(|c| c.is_ascii_uppercase() || c == 0)
}

/// [`NAME_CLASS`] bit: the byte ends a tag name (white space, `/`, `>`).
const ENDS_TAG_NAME: u8 = 1;
/// [`NAME_CLASS`] bit: the byte ends an attribute name (those and `=`).
const ENDS_ATTR_NAME: u8 = 2;
/// [`NAME_CLASS`] bit: [`push_name`] rewrites the byte (ASCII capital, NUL).
const FOLDED: u8 = 4;

/// How each byte reads in a tag or attribute name: one table lookup per byte
/// finds both the name's end and whether it needs folding.
#[allow(clippy::indexing_slicing)] // evaluated at compile time: a bad index fails the build
static NAME_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let c = i as u8;
        t[i] = if matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0c | b'/' | b'>') {
            ENDS_TAG_NAME | ENDS_ATTR_NAME
        } else if c == b'=' {
            ENDS_ATTR_NAME
        } else if c.is_ascii_uppercase() || c == 0 {
            FOLDED
        } else {
            0
        };
        i += 1;
    }
    t
};

#[inline]
fn name_class(c: u8) -> u8 {
    NAME_CLASS.get(usize::from(c)).copied().unwrap_or(0)
}

/// Length of the name at the start of `bytes`, up to the first byte whose class
/// has a bit of `end`, and whether the name holds bytes [`push_name`] rewrites.
#[inline]
fn scan_name(bytes: &[u8], end: u8) -> (usize, bool) {
    let mut folded = false;
    for (i, &c) in bytes.iter().enumerate() {
        let class = name_class(c);
        if class != 0 {
            if class & end != 0 {
                return (i, folded);
            }
            folded |= class & FOLDED != 0;
        }
    }
    (bytes.len(), folded)
}

/// Copy `s` lower-casing ASCII letters and replacing NUL with U+FFFD, when needed.
fn push_name(out: &mut String, s: &str) {
    if needs_name_fold(s) {
        for ch in s.chars() {
            out.push(match ch {
                '\0' => '\u{FFFD}',
                c => c.to_ascii_lowercase(),
            });
        }
    } else {
        out.push_str(s);
    }
}

/// The bytes of `b` from `i` on (empty when `i` is past the end).
#[inline]
fn tail(b: &[u8], i: usize) -> &[u8] {
    b.get(i..).unwrap_or_default()
}

/// Bytes looked at one by one before [`find_data_stop`] calls `memchr3`.
const SHORT_TEXT: usize = 8;

/// Position of the first `<`, `&` or NUL: where text in the data state stops.
/// Most runs between tags are short (none, or a line break and indentation),
/// and a few byte compares find their end for less than `memchr3`'s set-up.
#[inline]
fn find_data_stop(b: &[u8]) -> Option<usize> {
    let head = b.get(..SHORT_TEXT).unwrap_or(b);
    if let Some(i) = head.iter().position(|&c| matches!(c, b'<' | b'&' | 0)) {
        return Some(i);
    }
    memchr3(b'<', b'&', 0, b.get(head.len()..)?).map(|i| i + head.len())
}

/// Replace every NUL in `s` by U+FFFD.
fn push_nul_replaced(out: &mut String, s: &str) {
    let mut rest = s;
    while let Some(i) = memchr(0, rest.as_bytes()) {
        out.push_str(&rest[..i]);
        out.push('\u{FFFD}');
        rest = &rest[i + 1..];
    }
    out.push_str(rest);
}

/// Decode character references (and NULs) of an attribute value or RCDATA text.
fn decode_text(out: &mut String, s: &str, in_attr: bool) {
    let b = s.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while let Some(off) = memchr::memchr2(b'&', 0, tail(b, i)) {
        let at = i + off;
        out.push_str(&s[start..at]);
        if b.get(at) == Some(&0) {
            out.push('\u{FFFD}');
            i = at + 1;
            start = i;
            continue;
        }
        match entities::char_ref(s, at, in_attr) {
            Some((end, c1, c2)) => {
                out.push(c1);
                if let Some(c2) = c2 {
                    out.push(c2);
                }
                i = end;
                start = end;
            }
            None => {
                i = at + 1;
                start = at;
            }
        }
    }
    out.push_str(&s[start..]);
}

impl<'a> Tokenizer<'a> {
    /// A tokenizer over `input` (already preprocessed: no CR), starting in `state`.
    pub fn new(input: &'a str, state: State, attr_cap: usize) -> Self {
        Tokenizer {
            input,
            pos: 0,
            state,
            last_start_tag: String::new(),
            name_buf: String::new(),
            attrs: Vec::new(),
            span: (0, 0),
            owned: String::new(),
            is_owned: false,
            attr_cap,
            too_many_attributes: false,
        }
    }

    /// Set the name of the last start tag (tests start in raw-text states with one).
    #[cfg_attr(not(test), allow(dead_code))]
    pub fn set_last_start_tag(&mut self, name: &str) {
        self.last_start_tag.clear();
        self.last_start_tag.push_str(name);
    }

    // ---- pending text ----

    fn text_span(&mut self, a: usize, b: usize) {
        if a == b {
            return;
        }
        if self.is_owned {
            self.owned.push_str(&self.input[a..b]);
        } else if self.span.0 == self.span.1 {
            self.span = (a, b);
        } else if self.span.1 == a {
            self.span.1 = b;
        } else {
            self.make_text_owned();
            self.owned.push_str(&self.input[a..b]);
        }
    }

    fn make_text_owned(&mut self) {
        if !self.is_owned {
            self.owned.clear();
            self.owned.push_str(&self.input[self.span.0..self.span.1]);
            self.span = (0, 0);
            self.is_owned = true;
        }
    }

    fn text_chars(&mut self, c1: char, c2: Option<char>) {
        self.make_text_owned();
        self.owned.push(c1);
        if let Some(c2) = c2 {
            self.owned.push(c2);
        }
    }

    /// Text that may hold NULs, which become U+FFFD.
    fn text_nul_replaced(&mut self, a: usize, b: usize) {
        if memchr(0, self.input.as_bytes().get(a..b).unwrap_or_default()).is_none() {
            self.text_span(a, b);
        } else {
            self.make_text_owned();
            push_nul_replaced(&mut self.owned, &self.input[a..b]);
        }
    }

    fn flush<S: TokenSink>(&mut self, sink: &mut S) {
        if self.is_owned {
            if !self.owned.is_empty() {
                sink.characters(&self.owned);
            }
            self.owned.clear();
            self.is_owned = false;
        } else if self.span.0 != self.span.1 {
            sink.characters(&self.input[self.span.0..self.span.1]);
            self.span = (0, 0);
        }
    }

    // ---- driver ----

    /// Tokenize the whole input into `sink`.
    pub fn run<S: TokenSink>(&mut self, sink: &mut S) {
        while self.pos < self.input.len() && !sink.stopped() && !self.too_many_attributes {
            match self.state {
                State::Data => self.data(sink),
                State::Rcdata | State::Rawtext | State::ScriptData => self.raw(sink),
                State::Plaintext => {
                    self.text_nul_replaced(self.pos, self.input.len());
                    self.pos = self.input.len();
                }
                State::CdataSection => {
                    self.cdata(sink, self.pos);
                    self.state = State::Data;
                }
            }
        }
        if sink.stopped() || self.too_many_attributes {
            return;
        }
        self.flush(sink);
        sink.eof();
    }

    fn data<S: TokenSink>(&mut self, sink: &mut S) {
        let input = self.input;
        let b = input.as_bytes();
        while self.state == State::Data {
            let Some(off) = find_data_stop(tail(b, self.pos)) else {
                self.text_span(self.pos, b.len());
                self.pos = b.len();
                return;
            };
            let i = self.pos + off;
            self.text_span(self.pos, i);
            self.pos = i;
            match b.get(i) {
                Some(b'<') => {
                    self.tag_open(sink);
                    if sink.stopped() {
                        return;
                    }
                }
                Some(b'&') => match entities::char_ref(input, i, false) {
                    Some((end, c1, c2)) => {
                        self.text_chars(c1, c2);
                        self.pos = end;
                    }
                    None => {
                        self.text_span(i, i + 1);
                        self.pos = i + 1;
                    }
                },
                _ => {
                    self.flush(sink);
                    sink.null_character();
                    self.pos = i + 1;
                }
            }
            if self.pos >= b.len() {
                return;
            }
        }
    }

    /// At `<` in the data state.
    fn tag_open<S: TokenSink>(&mut self, sink: &mut S) {
        let b = self.input.as_bytes();
        let i = self.pos;
        match b.get(i + 1) {
            Some(c) if c.is_ascii_alphabetic() => self.tag(sink, i + 1, false),
            Some(b'/') => match b.get(i + 2) {
                Some(c) if c.is_ascii_alphabetic() => self.tag(sink, i + 2, true),
                Some(b'>') => self.pos = i + 3,
                None => {
                    self.text_span(i, i + 2);
                    self.pos = i + 2;
                }
                Some(_) => self.bogus_comment(sink, i + 2),
            },
            Some(b'!') => self.markup_declaration(sink, i + 2),
            Some(b'?') => self.bogus_comment(sink, i + 1),
            _ => {
                self.text_span(i, i + 1);
                self.pos = i + 1;
            }
        }
    }

    /// A tag whose name starts at `start`.
    fn tag<S: TokenSink>(&mut self, sink: &mut S, start: usize, end_tag: bool) {
        let input = self.input;
        let b = input.as_bytes();
        let (name_len, folded) = scan_name(tail(b, start), ENDS_TAG_NAME);
        let name_end = start + name_len;
        self.attrs.clear();
        let Some((after, self_closing)) = self.attributes(name_end) else {
            // EOF in tag: the tag is dropped.
            self.pos = b.len();
            return;
        };
        self.pos = after;
        self.flush(sink);
        // most names are already lower case: hand the input's own slice over
        // rather than copying it
        let raw = &input[start..name_end];
        let name: &str = if folded {
            self.name_buf.clear();
            push_name(&mut self.name_buf, raw);
            &self.name_buf
        } else {
            raw
        };
        if end_tag {
            self.attrs.clear();
            sink.end_tag(name);
        } else {
            let tag = StartTag {
                name,
                attrs: &mut self.attrs,
                self_closing,
            };
            self.state = sink.start_tag(tag);
            // only the raw-text states read the last start tag's name, and the
            // tokenizer enters them only from the start tag that asked for them
            if self.state != State::Data {
                self.last_start_tag.clear();
                self.last_start_tag.push_str(name);
            }
        }
    }

    /// Parse attributes from `i` (just after the tag name) up to and including `>`.
    /// Returns the position after `>` and the self-closing flag, or `None` at EOF.
    fn attributes(&mut self, mut i: usize) -> Option<(usize, bool)> {
        let input = self.input;
        let b = input.as_bytes();
        let mut count = 0usize;
        loop {
            while b.get(i).copied().is_some_and(is_space) {
                i += 1;
            }
            match *b.get(i)? {
                b'>' => return Some((i + 1, false)),
                b'/' => {
                    i += 1;
                    match *b.get(i)? {
                        b'>' => return Some((i + 1, true)),
                        _ => continue,
                    }
                }
                _ => {}
            }
            // attribute name; its first character may be '='
            let name_start = i;
            let first_folded = b.get(i).is_some_and(|&c| name_class(c) & FOLDED != 0);
            let (name_len, folded) = scan_name(tail(b, i + 1), ENDS_ATTR_NAME);
            let folded = folded || first_folded;
            i += 1 + name_len;
            let name_end = i;
            while b.get(i).copied().is_some_and(is_space) {
                i += 1;
            }
            let mut value = CompactString::default();
            if b.get(i) == Some(&b'=') {
                i += 1;
                while b.get(i).copied().is_some_and(is_space) {
                    i += 1;
                }
                match *b.get(i)? {
                    q @ (b'"' | b'\'') => {
                        let vs = i + 1;
                        // one scan finds the closing quote and, in most values,
                        // shows there is nothing to decode before it
                        let hit = vs + memchr3(q, b'&', 0, b.get(vs..)?)?;
                        if b.get(hit) == Some(&q) {
                            value = input[vs..hit].into();
                            i = hit + 1;
                        } else {
                            let ve = hit + memchr(q, b.get(hit..)?)?;
                            value = self.value(&input[vs..ve]);
                            i = ve + 1;
                        }
                    }
                    b'>' => {}
                    _ => {
                        let vs = i;
                        while b.get(i).is_some_and(|&c| !is_space(c) && c != b'>') {
                            i += 1;
                        }
                        if i >= b.len() {
                            return None;
                        }
                        value = self.value(&input[vs..i]);
                    }
                }
            }
            count += 1;
            if count > self.attr_cap {
                // the document is rejected: stop here rather than keep
                // checking duplicates among ever more attributes
                self.too_many_attributes = true;
                return None;
            }
            let raw = &input[name_start..name_end];
            let name = if folded {
                let mut name = String::with_capacity(raw.len());
                push_name(&mut name, raw);
                intern_attr_name(&name)
            } else {
                intern_attr_name(raw)
            };
            if !self.attrs.iter().any(|a| a.name == name) {
                self.attrs.push(Attr { name, value });
            }
        }
    }

    fn value(&self, raw: &str) -> CompactString {
        if memchr::memchr2(b'&', 0, raw.as_bytes()).is_none() {
            raw.into()
        } else {
            let mut s = String::with_capacity(raw.len());
            decode_text(&mut s, raw, true);
            s.into()
        }
    }

    /// A bogus comment whose data starts at `start`, up to the next `>`.
    fn bogus_comment<S: TokenSink>(&mut self, sink: &mut S, start: usize) {
        let b = self.input.as_bytes();
        let (end, next) = match memchr(b'>', tail(b, start)) {
            Some(off) => (start + off, start + off + 1),
            None => (b.len(), b.len()),
        };
        self.flush(sink);
        self.emit_comment(sink, start, end);
        self.pos = next;
    }

    fn emit_comment<S: TokenSink>(&mut self, sink: &mut S, a: usize, b: usize) {
        let text = &self.input[a..b];
        if memchr(0, text.as_bytes()).is_some() {
            let mut s = String::new();
            push_nul_replaced(&mut s, text);
            sink.comment(&s);
        } else {
            sink.comment(text);
        }
    }

    /// After `<!`.
    fn markup_declaration<S: TokenSink>(&mut self, sink: &mut S, at: usize) {
        let b = self.input.as_bytes();
        let rest = tail(b, at);
        if rest.starts_with(b"--") {
            self.comment(sink, at + 2);
        } else if rest
            .get(..7)
            .is_some_and(|w| w.eq_ignore_ascii_case(b"doctype"))
        {
            self.flush(sink);
            self.doctype(sink, at + 7);
        } else if rest.starts_with(b"[CDATA[") && sink.cdata_allowed() {
            self.cdata(sink, at + 7);
        } else {
            self.bogus_comment(sink, at);
        }
    }

    /// A comment whose data starts at `start` (after `<!--`).
    fn comment<S: TokenSink>(&mut self, sink: &mut S, start: usize) {
        let b = self.input.as_bytes();
        self.flush(sink);
        let rest = tail(b, start);
        if rest.starts_with(b">") {
            sink.comment("");
            self.pos = start + 1;
            return;
        }
        if rest.starts_with(b"->") {
            sink.comment("");
            self.pos = start + 2;
            return;
        }
        let mut from = start;
        loop {
            match memmem::find(tail(b, from), b"--") {
                Some(off) => {
                    let d = from + off;
                    match b.get(d + 2) {
                        Some(b'>') => {
                            self.emit_comment(sink, start, d);
                            self.pos = d + 3;
                            return;
                        }
                        Some(b'!') if b.get(d + 3) == Some(&b'>') => {
                            self.emit_comment(sink, start, d);
                            self.pos = d + 4;
                            return;
                        }
                        _ => from = d + 1,
                    }
                }
                None => {
                    // EOF in comment: trailing "-", "--" or "--!" are not data.
                    let mut end = b.len();
                    let data = tail(b, start);
                    if data.ends_with(b"--!") {
                        end -= 3;
                    } else if data.ends_with(b"--") {
                        end -= 2;
                    } else if data.ends_with(b"-") {
                        end -= 1;
                    }
                    self.emit_comment(sink, start, end.max(start));
                    self.pos = b.len();
                    return;
                }
            }
        }
    }

    /// A CDATA section whose data starts at `start`.
    fn cdata<S: TokenSink>(&mut self, _sink: &mut S, start: usize) {
        let b = self.input.as_bytes();
        match memmem::find(tail(b, start), b"]]>") {
            Some(off) => {
                self.text_span(start, start + off);
                self.pos = start + off + 3;
            }
            None => {
                self.text_span(start, b.len());
                self.pos = b.len();
            }
        }
    }

    /// The DOCTYPE states, from just after `<!DOCTYPE`.
    fn doctype<S: TokenSink>(&mut self, sink: &mut S, start: usize) {
        let mut d = Doctype::default();
        self.pos = self.doctype_fields(&mut d, start);
        sink.doctype(d);
    }

    /// Read a DOCTYPE's fields from `i` into `d`; returns the position after it.
    fn doctype_fields(&self, d: &mut Doctype, mut i: usize) -> usize {
        let input = self.input;
        let b = input.as_bytes();
        let n = b.len();
        let skip_ws = |mut i: usize| {
            while b.get(i).copied().is_some_and(is_space) {
                i += 1;
            }
            i
        };
        // the bogus DOCTYPE state: everything up to '>' is ignored
        let bogus = |i: usize| memchr(b'>', tail(b, i)).map_or(n, |o| i + o + 1);
        i = skip_ws(i);
        match b.get(i) {
            None => {
                d.force_quirks = true;
                return n;
            }
            Some(b'>') => {
                d.force_quirks = true;
                return i + 1;
            }
            _ => {}
        }
        let name_start = i;
        while b.get(i).is_some_and(|&c| !is_space(c) && c != b'>') {
            i += 1;
        }
        let mut name = String::new();
        push_name(&mut name, &input[name_start..i]);
        d.name = Some(name);
        i = skip_ws(i);
        match b.get(i) {
            None => {
                d.force_quirks = true;
                return n;
            }
            Some(b'>') => return i + 1,
            _ => {}
        }
        let keyword = b.get(i..n.min(i + 6)).unwrap_or_default();
        let mut want_public = keyword.eq_ignore_ascii_case(b"public");
        if !want_public && !keyword.eq_ignore_ascii_case(b"system") {
            d.force_quirks = true;
            return bogus(i);
        }
        i += 6;
        // the identifiers: the public one (after PUBLIC), then the system one
        loop {
            i = skip_ws(i);
            let Some(&q @ (b'"' | b'\'')) = b.get(i) else {
                // a missing identifier, or something else where one is due
                d.force_quirks = true;
                return match b.get(i) {
                    None => n,
                    Some(b'>') => i + 1,
                    Some(_) => bogus(i),
                };
            };
            let mut j = i + 1;
            while b.get(j).is_some_and(|&c| c != q && c != b'>') {
                j += 1;
            }
            let mut value = String::new();
            push_nul_replaced(&mut value, &input[i + 1..j]);
            let after_public = want_public;
            if want_public {
                d.public_id = Some(value);
                want_public = false;
            } else {
                d.system_id = Some(value);
            }
            if b.get(j) != Some(&q) {
                d.force_quirks = true;
                return (j + 1).min(n);
            }
            i = skip_ws(j + 1);
            match b.get(i) {
                None => {
                    d.force_quirks = true;
                    return n;
                }
                Some(b'>') => return i + 1,
                Some(b'"' | b'\'') if after_public => continue,
                Some(_) => {
                    d.force_quirks |= after_public;
                    return bogus(i);
                }
            }
        }
    }

    // ---- raw text states ----

    /// True when an appropriate end tag name starts at `k` (just after `</`)
    /// and is followed by whitespace, `/` or `>`.
    fn appropriate_end(&self, k: usize) -> bool {
        let b = self.input.as_bytes();
        let n = self.last_start_tag.len();
        n > 0
            && b.get(k..k + n)
                .is_some_and(|name| name.eq_ignore_ascii_case(self.last_start_tag.as_bytes()))
            && matches!(
                b.get(k + n),
                Some(b' ' | b'\t' | b'\n' | b'\r' | 0x0c | b'/' | b'>')
            )
    }

    /// RCDATA, RAWTEXT or script data: text up to the appropriate end tag.
    fn raw<S: TokenSink>(&mut self, sink: &mut S) {
        let b = self.input.as_bytes();
        let end = if self.state == State::ScriptData {
            self.script_end()
        } else {
            let mut from = self.pos;
            loop {
                match memmem::find(tail(b, from), b"</") {
                    Some(off) => {
                        let at = from + off;
                        if self.appropriate_end(at + 2) {
                            break Some(at);
                        }
                        from = at + 2;
                    }
                    None => break None,
                }
            }
        };
        let text_end = end.unwrap_or(b.len());
        if self.state == State::Rcdata {
            let raw = &self.input[self.pos..text_end];
            if memchr::memchr2(b'&', 0, raw.as_bytes()).is_some() {
                self.make_text_owned();
                decode_text(&mut self.owned, raw, false);
            } else {
                self.text_span(self.pos, text_end);
            }
        } else {
            self.text_nul_replaced(self.pos, text_end);
        }
        self.state = State::Data;
        match end {
            None => self.pos = b.len(),
            Some(at) => {
                let after_name = at + 2 + self.last_start_tag.len();
                self.attrs.clear();
                match self.attributes(after_name) {
                    None => self.pos = b.len(),
                    Some((after, _)) => {
                        self.attrs.clear();
                        self.pos = after;
                        self.flush(sink);
                        let name = std::mem::take(&mut self.last_start_tag);
                        sink.end_tag(&name);
                        self.last_start_tag = name;
                    }
                }
            }
        }
    }

    /// Position of the `</script` that ends script data, following the escape states.
    fn script_end(&self) -> Option<usize> {
        #[derive(Clone, Copy, PartialEq)]
        enum S {
            Data,
            Esc,
            EscDash,
            EscDashDash,
            Dbl,
            DblDash,
            DblDashDash,
        }
        let b = self.input.as_bytes();
        let mut s = S::Data;
        let mut i = self.pos;
        // reads letters from `j`; returns (end, letters spell "script")
        let word = |j: usize| {
            let mut k = j;
            while b.get(k).is_some_and(u8::is_ascii_alphabetic) {
                k += 1;
            }
            let letters = b.get(j..k).unwrap_or_default();
            (k, letters.eq_ignore_ascii_case(b"script"))
        };
        loop {
            if s == S::Data {
                let off = memchr(b'<', b.get(i..)?)?;
                i += off;
                if b.get(i + 1) == Some(&b'/') && self.appropriate_end(i + 2) {
                    return Some(i);
                }
                if tail(b, i + 1).starts_with(b"!--") {
                    s = S::EscDashDash;
                    i += 4;
                } else {
                    i += 1;
                }
                continue;
            }
            let c = *b.get(i)?;
            match s {
                S::Esc | S::EscDash | S::EscDashDash => match c {
                    b'-' => {
                        s = match s {
                            S::Esc => S::EscDash,
                            _ => S::EscDashDash,
                        };
                        i += 1;
                    }
                    b'<' => {
                        match b.get(i + 1) {
                            Some(b'/') if self.appropriate_end(i + 2) => return Some(i),
                            Some(c) if c.is_ascii_alphabetic() => {
                                let (k, is_script) = word(i + 1);
                                match b.get(k) {
                                    Some(&c) if is_space(c) || c == b'/' || c == b'>' => {
                                        s = if is_script { S::Dbl } else { S::Esc };
                                        i = k + 1;
                                    }
                                    _ => {
                                        s = S::Esc;
                                        i = k;
                                    }
                                }
                                continue;
                            }
                            _ => {}
                        }
                        s = S::Esc;
                        i += 1;
                    }
                    b'>' if s == S::EscDashDash => {
                        s = S::Data;
                        i += 1;
                    }
                    _ => {
                        s = S::Esc;
                        i += 1;
                    }
                },
                S::Dbl | S::DblDash | S::DblDashDash => match c {
                    b'-' => {
                        s = match s {
                            S::Dbl => S::DblDash,
                            _ => S::DblDashDash,
                        };
                        i += 1;
                    }
                    b'<' => {
                        s = S::Dbl;
                        i += 1;
                        if b.get(i) == Some(&b'/') {
                            let (k, is_script) = word(i + 1);
                            match b.get(k) {
                                Some(&c) if is_space(c) || c == b'/' || c == b'>' => {
                                    s = if is_script { S::Esc } else { S::Dbl };
                                    i = k + 1;
                                }
                                _ => i = k,
                            }
                        }
                    }
                    b'>' if s == S::DblDashDash => {
                        s = S::Data;
                        i += 1;
                    }
                    _ => {
                        s = S::Dbl;
                        i += 1;
                    }
                },
                S::Data => unreachable!(),
            }
        }
    }
}
