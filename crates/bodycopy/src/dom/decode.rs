//! Bytes to text: BOM, HTTP charset, `<meta>` prescan, then detection.
//!
//! The order follows the WHATWG HTML encoding sniffing algorithm:
//!
//! 1. a byte order mark (UTF-8, UTF-16LE, UTF-16BE) is authoritative;
//! 2. the `charset` parameter of the HTTP `Content-Type` header;
//! 3. the prescan of the document's first bytes for `<meta charset>` or
//!    `<meta http-equiv="content-type" content="…; charset=…">`;
//! 4. detection (chardetng) when nothing usable is declared.
//!
//! Unlike a browser, an extractor has no reason to honour a declaration the
//! bytes contradict, so declarations are checked against the bytes:
//!
//! - a legacy declaration (windows-1252, ISO-8859-x, Shift_JIS…) over bytes
//!   that are valid UTF-8 with non-ASCII content gives UTF-8 (for multi-byte
//!   legacy encodings only when the declared decoder finds errors);
//! - a UTF-8 (or multi-byte legacy) declaration over bytes that are mostly
//!   malformed in that encoding gives chardetng's guess;
//! - ASCII-heavy UTF-16 without a BOM is recognised by its NUL-byte pattern,
//!   whatever is declared.
//!
//! The prescan is the standard's algorithm, run over the first
//! [`PRESCAN_LIMIT`] bytes rather than 1024: a browser that misses a late
//! `<meta>` in its 1024-byte prescan still switches to it when its tokenizer
//! reaches the element, and scanning further gets the same answer here.

use std::borrow::Cow;

use encoding_rs::Encoding;

/// Where the encoding decision came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EncodingSource {
    /// A byte order mark.
    Bom,
    /// The HTTP `Content-Type` charset.
    Header,
    /// A `<meta charset>` or `http-equiv` declaration.
    Meta,
    /// Statistical detection (nothing usable was declared).
    Detected,
    /// An encoding was declared but the bytes contradict it; the encoding
    /// was detected instead (see [`Decoded::declared`]).
    Corrected,
}

/// Decoded text and how it was decoded.
#[derive(Clone, Debug)]
pub struct Decoded<'a> {
    /// The document as UTF-8: borrowed from the input when it already is
    /// (valid UTF-8, or ASCII under an ASCII-compatible encoding).
    pub text: Cow<'a, str>,
    /// The encoding used.
    pub encoding: &'static Encoding,
    /// Why that encoding.
    pub source: EncodingSource,
    /// The encoding the header or the `<meta>` prescan declared, if any and
    /// if the label was known (also set when the declaration was overridden).
    pub declared: Option<&'static Encoding>,
}

/// How far the `<meta>` prescan looks (the standard suggests 1024 bytes for
/// the prescan proper; see the module documentation).
pub const PRESCAN_LIMIT: usize = 64 * 1024;

/// How many bytes [`sniff_utf16`] looks at.
const UTF16_SNIFF_LIMIT: usize = 4096;

/// Non-ASCII characters of valid UTF-8 that outweigh a multi-byte legacy
/// declaration (see `decode_declared`).
const UTF8_EVIDENCE_CHARS: usize = 4;

/// How many bytes chardetng is fed at most.
const DETECT_LIMIT: usize = 1024 * 1024;

/// Decode a page's bytes. `content_type` is the HTTP `Content-Type` header
/// value, if known. Never panics, whatever the bytes.
pub fn decode<'a>(bytes: &'a [u8], content_type: Option<&str>) -> Decoded<'a> {
    let mut decoded = decode_bytes(bytes, content_type);
    if let Some(repaired) = repair_double_encoding(&decoded.text) {
        decoded.text = Cow::Owned(repaired);
    }
    decoded
}

/// Choose the encoding and decode (see [`decode`]).
fn decode_bytes<'a>(bytes: &'a [u8], content_type: Option<&str>) -> Decoded<'a> {
    // 1. Byte order mark.
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let text = decode_with(enc, bytes.get(bom_len..).unwrap_or_default()).0;
        return Decoded {
            text,
            encoding: enc,
            source: EncodingSource::Bom,
            declared: None,
        };
    }

    let utf16 = sniff_utf16(bytes);

    // 2. HTTP charset.
    let header = content_type
        .and_then(charset_from_content_type)
        .and_then(resolve_declared);
    if let Some(declared) = header {
        if declared == encoding_rs::UTF_16LE || declared == encoding_rs::UTF_16BE {
            // Honoured only if the bytes look like UTF-16; otherwise the
            // declaration is plainly wrong and is ignored.
            if let Some(enc) = utf16 {
                let source = if enc == declared {
                    EncodingSource::Header
                } else {
                    EncodingSource::Corrected
                };
                return utf16_result(bytes, enc, source, Some(declared));
            }
        } else if let Some(enc) = utf16 {
            return utf16_result(bytes, enc, EncodingSource::Corrected, Some(declared));
        } else {
            return decode_declared(bytes, declared, EncodingSource::Header);
        }
    }

    // BOM-less UTF-16 (a `<meta>` in it would be invisible to the prescan).
    if let Some(enc) = utf16 {
        return utf16_result(bytes, enc, EncodingSource::Detected, None);
    }

    // 3. `<meta>` prescan.
    if let Some(declared) = prescan(bytes.get(..PRESCAN_LIMIT).unwrap_or(bytes)) {
        return decode_declared(bytes, declared, EncodingSource::Meta);
    }

    // 4. Detection.
    match whole_utf8(bytes) {
        Some(s) => {
            // Pure ASCII reads the same in every ASCII-compatible encoding;
            // report the standard's default, as chardetng would.
            let encoding = if s.is_ascii() {
                encoding_rs::WINDOWS_1252
            } else {
                encoding_rs::UTF_8
            };
            Decoded {
                text: Cow::Borrowed(s),
                encoding,
                source: EncodingSource::Detected,
                declared: None,
            }
        }
        None => {
            let enc = detect(bytes);
            let text = decode_with(enc, bytes).0;
            Decoded {
                text,
                encoding: enc,
                source: EncodingSource::Detected,
                declared: None,
            }
        }
    }
}

/// A whole page as `&str` when it is valid UTF-8. Every page goes through this
/// check once; simdutf8's vector check runs several times faster than the
/// standard library's on markup, with the same answer.
fn whole_utf8(bytes: &[u8]) -> Option<&str> {
    simdutf8::basic::from_utf8(bytes).ok()
}

/// Recognise UTF-16 without a byte order mark from the NUL-byte pattern of
/// ASCII-heavy text (markup): in UTF-16LE every ASCII character is followed
/// by a NUL byte, in UTF-16BE preceded by one. Returns `UTF_16LE`,
/// `UTF_16BE` or `None`. Looks at the first 4 KiB only, and returns at once
/// when they contain no NUL byte.
pub fn sniff_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes.get(..UTF16_SNIFF_LIMIT).unwrap_or(bytes);
    memchr::memchr(0, head)?;
    let units = head.len() / 2;
    if units < 2 {
        return None;
    }
    let is_text = |b: u8| matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x20..=0x7e);
    let (mut le, mut be) = (0usize, 0usize);
    for pair in head.chunks_exact(2) {
        let &[first, second] = pair else { continue };
        if second == 0 && is_text(first) {
            le += 1;
        } else if first == 0 && is_text(second) {
            be += 1;
        }
    }
    // At least half of the code units are ASCII text in one byte order, and
    // that order beats the other by far (UTF-16 text whose non-ASCII
    // characters happen to have a zero byte is rare).
    if le * 2 >= units && be * 10 < le {
        Some(encoding_rs::UTF_16LE)
    } else if be * 2 >= units && le * 10 < be {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// The `charset` parameter of a `Content-Type` header value (`text/html;
/// charset="utf-8"`), unquoted, or `None`.
pub fn charset_from_content_type(value: &str) -> Option<&str> {
    let bytes = value.as_bytes();
    // Skip the MIME type.
    let mut pos = memchr::memchr(b';', bytes)? + 1;
    while pos < bytes.len() {
        // Parameter name.
        while bytes
            .get(pos)
            .is_some_and(|b| matches!(b, b' ' | b'\t' | b';'))
        {
            pos += 1;
        }
        let name_start = pos;
        while bytes.get(pos).is_some_and(|b| !matches!(b, b'=' | b';')) {
            pos += 1;
        }
        let name = value
            .get(name_start..pos)
            .unwrap_or_default()
            .trim_matches([' ', '\t']);
        if bytes.get(pos).is_none_or(|&b| b == b';') {
            continue; // a parameter without a value
        }
        pos += 1; // '='
        while bytes.get(pos).is_some_and(|b| matches!(b, b' ' | b'\t')) {
            pos += 1;
        }
        let param_value;
        if bytes.get(pos) == Some(&b'"') {
            // Quoted string; a backslash escapes the next character (labels
            // never need one, so escapes are only skipped over).
            pos += 1;
            let start = pos;
            while let Some(&b) = bytes.get(pos).filter(|&&b| b != b'"') {
                pos += if b == b'\\' { 2 } else { 1 };
            }
            let end = pos.min(bytes.len());
            param_value = value.get(start..end).unwrap_or_default();
            // Skip the rest, up to the next ';'.
            pos = memchr::memchr(b';', bytes.get(end..).unwrap_or_default())
                .map_or(bytes.len(), |i| end + i);
        } else {
            let start = pos;
            pos = memchr::memchr(b';', bytes.get(start..).unwrap_or_default())
                .map_or(bytes.len(), |i| start + i);
            param_value = value
                .get(start..pos)
                .unwrap_or_default()
                .trim_matches([' ', '\t']);
        }
        if name.eq_ignore_ascii_case("charset") {
            return Some(param_value).filter(|v| !v.is_empty());
        }
    }
    None
}

/// Map a label to an encoding as a declaration is used here: unknown labels
/// and the `replacement` encoding (which would turn the page into a single
/// U+FFFD) are ignored, `x-user-defined` is read as windows-1252.
fn resolve_declared(label: impl AsRef<[u8]>) -> Option<&'static Encoding> {
    let enc = Encoding::for_label(label.as_ref())?;
    if enc == encoding_rs::REPLACEMENT {
        None
    } else if enc == encoding_rs::X_USER_DEFINED {
        Some(encoding_rs::WINDOWS_1252)
    } else {
        Some(enc)
    }
}

/// Decode without BOM sniffing; returns the text and whether there were
/// malformed sequences. Valid UTF-8 is copied once.
fn decode_with<'a>(enc: &'static Encoding, bytes: &'a [u8]) -> (Cow<'a, str>, bool) {
    enc.decode_without_bom_handling(bytes)
}

fn utf16_result<'a>(
    bytes: &'a [u8],
    enc: &'static Encoding,
    source: EncodingSource,
    declared: Option<&'static Encoding>,
) -> Decoded<'a> {
    Decoded {
        text: decode_with(enc, bytes).0,
        encoding: enc,
        source,
        declared,
    }
}

/// Decode with a declared (ASCII-compatible or ISO-2022-JP) encoding, unless
/// the bytes contradict it.
fn decode_declared<'a>(
    bytes: &'a [u8],
    declared: &'static Encoding,
    source: EncodingSource,
) -> Decoded<'a> {
    let ok = |text, encoding| Decoded {
        text,
        encoding,
        source,
        declared: Some(declared),
    };
    let corrected = |text, encoding| Decoded {
        text,
        encoding,
        source: EncodingSource::Corrected,
        declared: Some(declared),
    };
    let utf8 = whole_utf8(bytes);

    if declared == encoding_rs::UTF_8 {
        if let Some(s) = utf8 {
            return ok(Cow::Borrowed(s), declared);
        }
        let (text, _) = decode_with(encoding_rs::UTF_8, bytes);
        if !mostly_malformed(&text) {
            return ok(text, declared);
        }
        let guess = detect(bytes);
        return corrected(decode_with(guess, bytes).0, guess);
    }

    if let Some(s) = utf8 {
        if declared.is_ascii_compatible() && s.is_ascii() {
            // Same text in the declared encoding; no decoder needed.
            return ok(Cow::Borrowed(s), declared);
        }
        if s.is_ascii() {
            // ISO-2022-JP: 7-bit, must go through its decoder.
            return ok(decode_with(declared, bytes).0, declared);
        }
        // Valid UTF-8 with non-ASCII content under a legacy declaration.
        if declared.is_single_byte() {
            return corrected(Cow::Borrowed(s), encoding_rs::UTF_8);
        }
        // Multi-byte legacy: text in Shift_JIS, EUC or GBK almost never forms
        // valid UTF-8 once it has a few non-ASCII characters, so a page that
        // does is UTF-8 under a wrong declaration. With only a handful, keep the
        // declaration unless its decoder finds errors.
        if s.chars()
            .filter(|c| !c.is_ascii())
            .take(UTF8_EVIDENCE_CHARS)
            .count()
            >= UTF8_EVIDENCE_CHARS
        {
            return corrected(Cow::Borrowed(s), encoding_rs::UTF_8);
        }
        return match declared.decode_without_bom_handling_and_without_replacement(bytes) {
            Some(text) => ok(text, declared),
            None => corrected(Cow::Borrowed(s), encoding_rs::UTF_8),
        };
    }

    let (text, had_errors) = decode_with(declared, bytes);
    if !had_errors || !mostly_malformed(&text) {
        return ok(text, declared);
    }
    // The declared multi-byte encoding fails on much of the page: take the
    // detector's guess if it does better.
    let guess = detect(bytes);
    if guess != declared {
        let (guessed, _) = decode_with(guess, bytes);
        if count_replacements(&guessed) < count_replacements(&text) {
            return corrected(guessed, guess);
        }
    }
    ok(text, declared)
}

/// Number of U+FFFD REPLACEMENT CHARACTERs in a decoded text.
fn count_replacements(text: &str) -> usize {
    memchr::memmem::find_iter(text.as_bytes(), "\u{FFFD}".as_bytes()).count()
}

/// Whether more than a quarter of the non-ASCII characters of a decoded text
/// are replacement characters (malformed input). A quarter rather than less:
/// a UTF-8 page with a pasted legacy snippet keeps more text as UTF-8.
fn mostly_malformed(text: &str) -> bool {
    let replacements = count_replacements(text);
    if replacements == 0 {
        return false;
    }
    // Leading bytes of multi-byte characters = non-ASCII characters.
    let non_ascii = text.bytes().filter(|&b| b >= 0xC0).count();
    replacements * 4 > non_ascii
}

/// chardetng's guess (no TLD, UTF-8 allowed, ISO-2022-JP denied).
fn detect(bytes: &[u8]) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    let last = bytes.len() <= DETECT_LIMIT;
    detector.feed(bytes.get(..DETECT_LIMIT).unwrap_or(bytes), last);
    detector.guess(None, chardetng::Utf8Detection::Allow)
}

// ---------------------------------------------------------------------------
// WHATWG "prescan a byte stream to determine its encoding"
// ---------------------------------------------------------------------------

/// Whitespace as the prescan defines it (TAB, LF, FF, CR, SPACE).
fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0c | b'\r' | b' ')
}

/// The prescan ran off the end of its input: no answer.
struct EndOfInput;

/// The standard's prescan over `bytes` (the caller chooses how many bytes
/// to give it). Returns the declared encoding, with the standard's
/// adjustments (UTF-16 becomes UTF-8, x-user-defined becomes windows-1252;
/// unknown labels and `replacement` are skipped), or `None`.
pub fn prescan(bytes: &[u8]) -> Option<&'static Encoding> {
    prescan_inner(bytes).ok().flatten()
}

fn prescan_inner(bytes: &[u8]) -> Result<Option<&'static Encoding>, EndOfInput> {
    let mut pos = 0;
    loop {
        // Only '<' starts anything; jump to the next one.
        pos += memchr::memchr(b'<', bytes.get(pos..).ok_or(EndOfInput)?).ok_or(EndOfInput)?;
        let rest = bytes.get(pos..).ok_or(EndOfInput)?;
        let at = |i: usize| rest.get(i).copied();
        if rest.starts_with(b"<!--") {
            // To the '>' of the first "-->" after "<!" ("<!-->" closes).
            let after_bang = rest.get(2..).unwrap_or_default();
            let found = memchr::memmem::find(after_bang, b"-->").ok_or(EndOfInput)?;
            pos += 2 + found + 2;
        } else if rest
            .get(1..5)
            .is_some_and(|n| n.eq_ignore_ascii_case(b"meta"))
            && at(5).is_some_and(|b| is_space(b) || b == b'/')
        {
            pos += 5;
            if let Some(enc) = prescan_meta(bytes, &mut pos)? {
                return Ok(Some(enc));
            }
        } else if at(1).is_some_and(|b| b.is_ascii_alphabetic())
            || (at(1) == Some(b'/') && at(2).is_some_and(|b| b.is_ascii_alphabetic()))
        {
            // Some other tag: skip its name, then its attributes.
            pos += rest
                .iter()
                .position(|&b| is_space(b) || b == b'>')
                .ok_or(EndOfInput)?;
            while get_attribute(bytes, &mut pos)?.is_some() {}
        } else if let Some(tail) = rest
            .get(1..)
            .filter(|t| matches!(t.first(), Some(b'!' | b'/' | b'?')))
        {
            pos += memchr::memchr(b'>', tail).ok_or(EndOfInput)? + 1;
        }
        // "Next byte".
        pos += 1;
    }
}

/// The `<meta` branch of the prescan; `pos` is at the space or '/' after
/// the tag name. Returns the encoding if this element declares a usable one.
fn prescan_meta(bytes: &[u8], pos: &mut usize) -> Result<Option<&'static Encoding>, EndOfInput> {
    // Only three attribute names matter, so the "attribute list" of names
    // already seen reduces to three flags.
    let (mut seen_http_equiv, mut seen_content, mut seen_charset) = (false, false, false);
    let mut got_pragma = false;
    let mut need_pragma: Option<bool> = None;
    // None: null; Some(None): failure; Some(Some(enc)): an encoding.
    let mut charset: Option<Option<&'static Encoding>> = None;

    while let Some((name, value)) = get_attribute(bytes, pos)? {
        if name.eq_ignore_ascii_case(b"http-equiv") {
            if !std::mem::replace(&mut seen_http_equiv, true)
                && value.eq_ignore_ascii_case(b"content-type")
            {
                got_pragma = true;
            }
        } else if name.eq_ignore_ascii_case(b"content") {
            if !std::mem::replace(&mut seen_content, true) && charset.is_none() {
                if let Some(enc) = extract_from_content(value) {
                    charset = Some(Some(enc));
                    need_pragma = Some(true);
                }
            }
        } else if name.eq_ignore_ascii_case(b"charset")
            && !std::mem::replace(&mut seen_charset, true)
        {
            charset = Some(resolve_label(value));
            need_pragma = Some(false);
        }
    }

    // "Processing": no declaration, or a `content` one without the pragma,
    // or a failed label, gives nothing.
    let declares = match need_pragma {
        None => false,
        Some(need) => got_pragma || !need,
    };
    Ok(match charset {
        Some(Some(enc)) if declares => Some(adjust_meta_encoding(enc)),
        _ => None,
    })
}

/// "Getting an encoding" from a label, with unknown labels and the
/// `replacement` encoding as failure.
fn resolve_label(label: &[u8]) -> Option<&'static Encoding> {
    Encoding::for_label(label).filter(|&e| e != encoding_rs::REPLACEMENT)
}

/// The prescan's final adjustments of a `<meta>` encoding.
fn adjust_meta_encoding(enc: &'static Encoding) -> &'static Encoding {
    if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
        encoding_rs::UTF_8
    } else if enc == encoding_rs::X_USER_DEFINED {
        encoding_rs::WINDOWS_1252
    } else {
        enc
    }
}

/// An attribute's raw name and value.
type Attribute<'a> = (&'a [u8], &'a [u8]);

/// The standard's "get an attribute": returns the raw name and value slices
/// (the standard lower-cases both; every comparison made with them here is
/// ASCII case-insensitive, which is equivalent) or `None` at '>'. `pos` is
/// left on the byte that ended the attribute.
fn get_attribute<'a>(
    bytes: &'a [u8],
    pos: &mut usize,
) -> Result<Option<Attribute<'a>>, EndOfInput> {
    let at = |p: usize| bytes.get(p).copied().ok_or(EndOfInput);
    let mut p = *pos;
    while is_space(at(p)?) || at(p)? == b'/' {
        p += 1;
    }
    if at(p)? == b'>' {
        *pos = p;
        return Ok(None);
    }
    // Name: up to '=' (not as its first byte), space, '/' or '>'.
    let name_start = p;
    loop {
        let b = at(p)?;
        if (b == b'=' && p > name_start) || is_space(b) || b == b'/' || b == b'>' {
            break;
        }
        p += 1;
    }
    let name = bytes.get(name_start..p).ok_or(EndOfInput)?;
    if at(p)? != b'=' {
        // Spaces, then maybe '='.
        while is_space(at(p)?) {
            p += 1;
        }
        if at(p)? != b'=' {
            *pos = p;
            return Ok(Some((name, &[])));
        }
    }
    p += 1; // '='
    while is_space(at(p)?) {
        p += 1;
    }
    let b = at(p)?;
    if b == b'"' || b == b'\'' {
        let start = p + 1;
        let quoted = bytes.get(start..).ok_or(EndOfInput)?;
        let len = memchr::memchr(b, quoted).ok_or(EndOfInput)?;
        *pos = start + len + 1;
        return Ok(Some((name, quoted.get(..len).ok_or(EndOfInput)?)));
    }
    if b == b'>' {
        *pos = p;
        return Ok(Some((name, &[])));
    }
    let start = p;
    p += 1;
    while !(is_space(at(p)?) || at(p)? == b'>') {
        p += 1;
    }
    *pos = p;
    Ok(Some((name, bytes.get(start..p).ok_or(EndOfInput)?)))
}

/// The standard's "extract a character encoding from a meta element", on the
/// `content` attribute's value.
fn extract_from_content(s: &[u8]) -> Option<&'static Encoding> {
    let mut pos = 0;
    loop {
        // The next "charset", case-insensitively.
        let found = s
            .get(pos..)?
            .windows(7)
            .position(|w| w.eq_ignore_ascii_case(b"charset"))?;
        pos += found + 7;
        while s.get(pos).is_some_and(|&b| is_space(b)) {
            pos += 1;
        }
        if s.get(pos) != Some(&b'=') {
            continue;
        }
        pos += 1;
        while s.get(pos).is_some_and(|&b| is_space(b)) {
            pos += 1;
        }
        let b = *s.get(pos)?;
        if b == b'"' || b == b'\'' {
            let quoted = s.get(pos + 1..)?;
            let len = memchr::memchr(b, quoted)?;
            return resolve_label(quoted.get(..len)?);
        }
        let rest = s.get(pos..)?;
        let len = rest
            .iter()
            .position(|&c| is_space(c) || c == b';')
            .unwrap_or(rest.len());
        return resolve_label(rest.get(..len)?);
    }
}

/// Fewest double-encoded sequences that make a page a case for repair.
const MIN_MOJIBAKE_SEQUENCES: usize = 3;

/// The byte a character stands for when UTF-8 bytes were read as windows-1252
/// or Latin-1 (only bytes 0x80–0xFF matter here).
fn mojibake_byte(c: char) -> Option<u8> {
    let cp = c as u32;
    if (0x80..=0xFF).contains(&cp) {
        return Some(cp as u8);
    }
    Some(match c {
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8A,
        '‹' => 0x8B,
        'Œ' => 0x8C,
        'Ž' => 0x8E,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9A,
        '›' => 0x9B,
        'œ' => 0x9C,
        'ž' => 0x9E,
        'Ÿ' => 0x9F,
        _ => return None,
    })
}

/// Repair text that was UTF-8-encoded twice ("Investorâ€™s" for "Investor’s"):
/// runs that read as the windows-1252/Latin-1 spelling of a UTF-8 sequence are
/// turned back into the character. Applied only when the page shows several
/// such runs and few lone lead characters, so genuine "Ã" or "â" is left alone.
/// Returns `None` when nothing is to be repaired.
pub fn repair_double_encoding(text: &str) -> Option<String> {
    // Count first, building nothing: every lead character (U+00C2..=U+00F4) is
    // encoded with the byte 0xC3, so only those places are looked at, and pages
    // that need no repair (nearly all) cost one memchr pass.
    let (mut repaired, mut lone) = (0usize, 0usize);
    for at in memchr::memchr_iter(0xC3, text.as_bytes()) {
        match mojibake_at(&text[at..]) {
            Mojibake::Sequence(..) => repaired += 1,
            Mojibake::LoneLead => lone += 1,
            Mojibake::NotALead => {}
        }
    }
    if repaired < MIN_MOJIBAKE_SEQUENCES || repaired < 2 * lone {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = memchr::memchr(0xC3, rest.as_bytes()) {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        match mojibake_at(rest) {
            Mojibake::Sequence(bytes, len, consumed) => {
                // mojibake_at checked that the bytes are one valid UTF-8 character
                let character = bytes.get(..len).and_then(|b| std::str::from_utf8(b).ok());
                out.push_str(character.unwrap_or_default());
                rest = &rest[consumed..];
            }
            _ => {
                let lead_len = rest.chars().next().map_or(1, char::len_utf8);
                out.push_str(&rest[..lead_len]);
                rest = &rest[lead_len..];
            }
        }
    }
    out.push_str(rest);
    Some(out)
}

/// What the text at a 0xC3 byte holds.
enum Mojibake {
    /// A character outside U+00C2..=U+00F4: no sequence can start here.
    NotALead,
    /// A lead character not followed by the continuation characters it needs.
    LoneLead,
    /// The UTF-8 bytes spelled (buffer, length) and the text bytes they replace.
    Sequence([u8; 4], usize, usize),
}

/// Read a double-encoded UTF-8 sequence at the start of `text`, if there is one.
fn mojibake_at(text: &str) -> Mojibake {
    let mut chars = text.chars();
    let Some(lead) = chars.next() else {
        return Mojibake::NotALead;
    };
    let need = match lead as u32 {
        0xC2..=0xDF => 1,
        0xE0..=0xEF => 2,
        0xF0..=0xF4 => 3,
        _ => return Mojibake::NotALead,
    };
    let mut buf = [lead as u8, 0, 0, 0];
    let mut consumed = lead.len_utf8();
    for slot in buf.iter_mut().skip(1).take(need) {
        let Some(c) = chars.next() else {
            return Mojibake::LoneLead;
        };
        match mojibake_byte(c) {
            Some(b) if (0x80..=0xBF).contains(&b) => *slot = b,
            _ => return Mojibake::LoneLead,
        }
        consumed += c.len_utf8();
    }
    if buf
        .get(..=need)
        .and_then(|b| std::str::from_utf8(b).ok())
        .is_none()
    {
        return Mojibake::LoneLead;
    }
    Mojibake::Sequence(buf, need + 1, consumed)
}

#[cfg(test)]
mod mojibake_tests {
    use super::repair_double_encoding;

    #[test]
    fn repairs_windows_1252_and_c1_spellings() {
        let page = "Investorâ€™s guide â€” cafÃ© â€¦ and more: itâ€™s done";
        assert_eq!(
            repair_double_encoding(page).as_deref(),
            Some("Investor’s guide — café … and more: it’s done")
        );
        let c1 = "a\u{e2}\u{80}\u{99}b \u{e2}\u{80}\u{99} \u{c3}\u{a9}\u{c3}\u{a9}";
        assert_eq!(repair_double_encoding(c1).as_deref(), Some("a’b ’ éé"));
    }

    #[test]
    fn leaves_ordinary_text_alone() {
        assert_eq!(repair_double_encoding("plain ASCII text"), None);
        assert_eq!(
            repair_double_encoding("Ça va? Été à Zürich, déjà vu."),
            None
        );
        assert_eq!(repair_double_encoding("Привет, 世界, Ã once"), None);
    }
}
