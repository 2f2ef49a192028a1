//! HTTP responses as stored in `response` records: the status line, the header fields, and
//! the body with chunked transfer-encoding and gzip/deflate content-encoding undone when
//! the headers say so (crawlers that stored the decoded body rename those headers, so
//! only the ones still present are acted on).

use std::borrow::Cow;
use std::io::Read;

use crate::error::HttpError;
use crate::headers::{split_field, trim_line_end, Headers};

/// A parsed HTTP response.
#[derive(Clone, Debug)]
pub struct Response<'a> {
    /// The status code, e.g. 200.
    pub status: u16,
    /// The header fields.
    pub headers: Headers,
    /// The body, decoded from its transfer- and content-encodings.
    pub body: Cow<'a, [u8]>,
}

impl Response<'_> {
    /// The `Content-Type` header.
    pub fn content_type(&self) -> Option<&str> {
        self.headers.get("Content-Type")
    }

    /// The media type of `Content-Type`, lower-cased, without parameters.
    pub fn mime(&self) -> Option<String> {
        self.content_type().map(mime_of)
    }

    /// The `charset` parameter of `Content-Type`, if any.
    pub fn charset(&self) -> Option<&str> {
        self.content_type().and_then(charset_of)
    }
}

/// The media type of a `Content-Type` value, lower-cased, without parameters.
pub fn mime_of(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// The `charset` parameter of a `Content-Type` value (quotes removed).
pub fn charset_of(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        if name.trim().eq_ignore_ascii_case("charset") {
            let v = value.trim().trim_matches(|c| c == '"' || c == '\'');
            (!v.is_empty()).then_some(v)
        } else {
            None
        }
    })
}

/// True when a media type names HTML (`text/html`, `application/xhtml+xml`).
pub fn is_html_mime(mime: &str) -> bool {
    matches!(mime, "text/html" | "application/xhtml+xml")
}

/// Sniff whether bytes look like HTML: after an optional BOM and white space, a doctype,
/// `<html`, `<head`, `<body`, or a comment followed by one of those within the first KiB.
pub fn looks_like_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(head.len());
    let lower: Vec<u8> = head[start..].to_ascii_lowercase();
    const OPENINGS: [&[u8]; 6] = [
        b"<!doctype html",
        b"<html",
        b"<head",
        b"<body",
        b"<meta",
        b"<title",
    ];
    if OPENINGS.iter().any(|o| lower.starts_with(o)) {
        return true;
    }
    // a leading comment or XML prolog: look for an opening a little further on
    (lower.starts_with(b"<!--") || lower.starts_with(b"<?xml"))
        && OPENINGS
            .iter()
            .any(|o| memchr::memmem::find(&lower, o).is_some())
}

/// Parse an HTTP response block; the decoded body may be at most `max_body` bytes.
pub fn parse_response(block: &[u8], max_body: usize) -> Result<Response<'_>, HttpError> {
    let (head_end, body_start) = find_head_end(block).ok_or(HttpError::BadHeaders)?;
    let head = &block[..head_end];
    let mut lines = head.split(|&b| b == b'\n').map(trim_line_end);
    let status_line = lines.next().unwrap_or_default();
    let status = parse_status_line(status_line)?;
    let mut headers = Headers::new();
    for line in lines {
        let text = String::from_utf8_lossy(line);
        if text.starts_with([' ', '\t']) && headers.continue_last(&text) {
            continue;
        }
        match split_field(&text) {
            Some((name, value)) => headers.push(name, value),
            None => continue, // tolerated: servers send odd lines
        }
    }
    let raw = &block[body_start..];
    let mut body = Cow::Borrowed(raw);
    if has_token(headers.get("Transfer-Encoding"), "chunked") {
        body = Cow::Owned(dechunk(raw, max_body)?);
    }
    if let Some(enc) = headers.get("Content-Encoding") {
        body = decode_content(body, enc, max_body)?;
    }
    if body.len() > max_body {
        return Err(HttpError::BodyTooLarge);
    }
    Ok(Response {
        status,
        headers,
        body,
    })
}

/// The end of the header block and the start of the body (`\r\n\r\n` or `\n\n`).
fn find_head_end(block: &[u8]) -> Option<(usize, usize)> {
    let crlf = memchr::memmem::find(block, b"\r\n\r\n").map(|i| (i, i + 4));
    let lf = memchr::memmem::find(block, b"\n\n").map(|i| (i, i + 2));
    match (crlf, lf) {
        (Some(a), Some(b)) => Some(if a.0 <= b.0 { a } else { b }),
        (a, b) => a.or(b),
    }
}

fn parse_status_line(line: &[u8]) -> Result<u16, HttpError> {
    let bad =
        || HttpError::BadStatusLine(String::from_utf8_lossy(&line[..line.len().min(40)]).into());
    let text = std::str::from_utf8(line).map_err(|_| bad())?;
    let mut parts = text.split_ascii_whitespace();
    let version = parts.next().ok_or_else(bad)?;
    if !version.starts_with("HTTP/") {
        return Err(bad());
    }
    let code = parts.next().ok_or_else(bad)?;
    if code.len() != 3 {
        return Err(bad());
    }
    code.parse::<u16>().map_err(|_| bad())
}

fn has_token(value: Option<&str>, token: &str) -> bool {
    value.is_some_and(|v| v.split(',').any(|t| t.trim().eq_ignore_ascii_case(token)))
}

/// Undo chunked transfer-encoding. A missing last chunk (a body cut short) is tolerated.
fn dechunk(mut raw: &[u8], max_body: usize) -> Result<Vec<u8>, HttpError> {
    let mut out = Vec::with_capacity(raw.len());
    loop {
        let Some(eol) = memchr::memchr(b'\n', raw) else {
            return if raw.iter().all(u8::is_ascii_whitespace) {
                Ok(out)
            } else {
                Err(HttpError::BadChunked)
            };
        };
        let line = trim_line_end(&raw[..=eol]);
        let size_text = line.split(|&b| b == b';').next().unwrap_or_default();
        let size_text = std::str::from_utf8(size_text)
            .map_err(|_| HttpError::BadChunked)?
            .trim();
        let size = usize::from_str_radix(size_text, 16).map_err(|_| HttpError::BadChunked)?;
        raw = &raw[eol + 1..];
        if size == 0 {
            return Ok(out);
        }
        if out.len() + size > max_body {
            return Err(HttpError::BodyTooLarge);
        }
        if size >= raw.len() {
            out.extend_from_slice(raw); // cut short
            return Ok(out);
        }
        out.extend_from_slice(&raw[..size]);
        raw = &raw[size..];
        raw = raw
            .strip_prefix(b"\r\n")
            .or_else(|| raw.strip_prefix(b"\n"))
            .unwrap_or(raw);
    }
}

fn decode_content<'a>(
    body: Cow<'a, [u8]>,
    encoding: &str,
    max_body: usize,
) -> Result<Cow<'a, [u8]>, HttpError> {
    let enc = encoding.trim().to_ascii_lowercase();
    let cap = max_body as u64 + 1;
    let mut out = Vec::new();
    let result = match enc.as_str() {
        "" | "identity" | "none" => return Ok(body),
        "gzip" | "x-gzip" => flate2::read::MultiGzDecoder::new(&body[..])
            .take(cap)
            .read_to_end(&mut out),
        "deflate" => {
            // the standard says zlib-wrapped; many servers send raw deflate
            let zlib = flate2::read::ZlibDecoder::new(&body[..])
                .take(cap)
                .read_to_end(&mut out);
            if zlib.is_err() {
                out.clear();
                flate2::read::DeflateDecoder::new(&body[..])
                    .take(cap)
                    .read_to_end(&mut out)
            } else {
                zlib
            }
        }
        _ => return Err(HttpError::UnsupportedEncoding(enc)),
    };
    result.map_err(|e| HttpError::BadEncoding(format!("{enc}: {e}")))?;
    if out.len() > max_body {
        return Err(HttpError::BodyTooLarge);
    }
    Ok(Cow::Owned(out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    const CAP: usize = 1 << 20;

    #[test]
    fn status_headers_and_body() {
        let block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=\"ISO-8859-1\"\r\nX-A: 1\r\n\r\n<html>hi";
        let r = parse_response(block, CAP).unwrap();
        assert_eq!(r.status, 200);
        assert_eq!(r.mime().as_deref(), Some("text/html"));
        assert_eq!(r.charset(), Some("ISO-8859-1"));
        assert_eq!(&r.body[..], b"<html>hi");
    }

    #[test]
    fn bare_newlines_and_http2_status_lines() {
        let r = parse_response(b"HTTP/2 404\nA: b\n\nbody", CAP).unwrap();
        assert_eq!(r.status, 404);
        assert_eq!(&r.body[..], b"body");
    }

    #[test]
    fn bad_status_lines_and_unterminated_heads_are_errors() {
        assert!(matches!(
            parse_response(b"HTTP/1.1 abc OK\r\n\r\n", CAP),
            Err(HttpError::BadStatusLine(_))
        ));
        assert!(matches!(
            parse_response(b"\x00\x01garbage\r\n\r\n", CAP),
            Err(HttpError::BadStatusLine(_))
        ));
        assert_eq!(
            parse_response(b"HTTP/1.1 200 OK\r\nA: b", CAP).unwrap_err(),
            HttpError::BadHeaders
        );
    }

    #[test]
    fn chunked_bodies_are_joined() {
        let block = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6;x=y\r\n world\r\n0\r\n\r\n";
        assert_eq!(
            &parse_response(block, CAP).unwrap().body[..],
            b"hello world"
        );
        let bad = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n";
        assert_eq!(parse_response(bad, CAP).unwrap_err(), HttpError::BadChunked);
        let cut = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nhello";
        assert_eq!(&parse_response(cut, CAP).unwrap().body[..], b"hello");
    }

    #[test]
    fn gzip_and_deflate_bodies_are_decoded() {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(b"<p>zipped</p>").unwrap();
        let mut block = b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
        block.extend(gz.finish().unwrap());
        assert_eq!(
            &parse_response(&block, CAP).unwrap().body[..],
            b"<p>zipped</p>"
        );

        let mut raw = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
        raw.write_all(b"raw deflate").unwrap();
        let mut block = b"HTTP/1.1 200 OK\r\nContent-Encoding: deflate\r\n\r\n".to_vec();
        block.extend(raw.finish().unwrap());
        assert_eq!(
            &parse_response(&block, CAP).unwrap().body[..],
            b"raw deflate"
        );

        let bad = b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\nnot gzip at all";
        assert!(matches!(
            parse_response(bad, CAP),
            Err(HttpError::BadEncoding(_))
        ));
        let br = b"HTTP/1.1 200 OK\r\nContent-Encoding: br\r\n\r\nxx";
        assert!(matches!(
            parse_response(br, CAP),
            Err(HttpError::UnsupportedEncoding(_))
        ));
    }

    #[test]
    fn a_decoded_body_over_the_cap_is_an_error() {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(&vec![b'a'; 10_000]).unwrap();
        let mut block = b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
        block.extend(gz.finish().unwrap());
        assert_eq!(
            parse_response(&block, 100).unwrap_err(),
            HttpError::BodyTooLarge
        );
    }

    #[test]
    fn sniffing_and_content_type_helpers() {
        assert!(looks_like_html(b"\xEF\xBB\xBF  <!DOCTYPE html><p>"));
        assert!(looks_like_html(b"<!-- x --><html>"));
        assert!(looks_like_html(b"<HTML>"));
        assert!(!looks_like_html(b"{\"a\": 1}"));
        assert!(!looks_like_html(b"\x89PNG\r\n"));
        assert_eq!(charset_of("text/html;charset=utf-8"), Some("utf-8"));
        assert_eq!(charset_of("text/html"), None);
        assert!(is_html_mime(&mime_of("Text/HTML; charset=x")));
        assert!(!is_html_mime("image/png"));
    }
}
