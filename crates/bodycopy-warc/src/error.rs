//! Typed errors of the WARC reader ([`Error`]) and of the HTTP parser ([`HttpError`]).

use std::fmt;

/// What went wrong while reading a WARC record.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The underlying reader failed (the message is the I/O error's).
    Io(String),
    /// A gzip member is corrupt or cut short; reading resumes at the next member.
    Gzip(String),
    /// The record does not start with a `WARC/1.0` or `WARC/1.1` line
    /// (the text found is kept, shortened).
    BadVersion(String),
    /// A header line is malformed or the header block is too long.
    BadHeader(String),
    /// The record has no `Content-Length` header.
    MissingContentLength,
    /// The `Content-Length` value is not a number.
    BadContentLength(String),
    /// The input ends inside the record.
    Truncated,
    /// The block is not followed by the `\r\n\r\n` separator: `Content-Length` lies.
    LengthMismatch,
}

impl ErrorKind {
    /// A short, stable name for the kind (used in error rows and summaries).
    pub fn as_str(&self) -> &'static str {
        match self {
            ErrorKind::Io(_) => "io",
            ErrorKind::Gzip(_) => "gzip",
            ErrorKind::BadVersion(_) => "bad_version",
            ErrorKind::BadHeader(_) => "bad_header",
            ErrorKind::MissingContentLength => "missing_content_length",
            ErrorKind::BadContentLength(_) => "bad_content_length",
            ErrorKind::Truncated => "truncated",
            ErrorKind::LengthMismatch => "length_mismatch",
        }
    }
}

/// An error reading one record. Reading goes on after it: the reader skips to the next
/// record it can find.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    /// What went wrong.
    pub kind: ErrorKind,
    /// Offset of the record (or of the damage) in the decompressed stream.
    pub offset: u64,
    /// The record's `WARC-Record-ID`, when its header was read.
    pub record_id: Option<String>,
    /// The record's `WARC-Target-URI`, when its header was read.
    pub target_uri: Option<String>,
}

impl Error {
    pub(crate) fn new(kind: ErrorKind, offset: u64) -> Self {
        Error {
            kind,
            offset,
            record_id: None,
            target_uri: None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ErrorKind::Io(m) => write!(f, "read error: {m}")?,
            ErrorKind::Gzip(m) => write!(f, "corrupt gzip member: {m}")?,
            ErrorKind::BadVersion(s) => write!(f, "not a WARC/1.0 or WARC/1.1 record: {s:?}")?,
            ErrorKind::BadHeader(m) => write!(f, "bad WARC header: {m}")?,
            ErrorKind::MissingContentLength => write!(f, "record without Content-Length")?,
            ErrorKind::BadContentLength(v) => write!(f, "bad Content-Length {v:?}")?,
            ErrorKind::Truncated => write!(f, "the input ends inside the record")?,
            ErrorKind::LengthMismatch => {
                write!(f, "Content-Length does not match the record's end")?
            }
        }
        write!(f, " (at byte {} of the WARC stream)", self.offset)
    }
}

impl std::error::Error for Error {}

/// What went wrong while parsing an HTTP response block.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum HttpError {
    /// The first line is not `HTTP/<version> <status> ...`.
    BadStatusLine(String),
    /// The header block has no end (no blank line) or is too long.
    BadHeaders,
    /// The chunked transfer-encoding framing is broken.
    BadChunked,
    /// The content is flagged as compressed but does not decompress.
    BadEncoding(String),
    /// A content-encoding this reader does not decode (e.g. `br`).
    UnsupportedEncoding(String),
    /// The decoded body is larger than the cap given to the parser.
    BodyTooLarge,
}

impl HttpError {
    /// A short, stable name for the kind.
    pub fn as_str(&self) -> &'static str {
        match self {
            HttpError::BadStatusLine(_) => "bad_status_line",
            HttpError::BadHeaders => "bad_http_headers",
            HttpError::BadChunked => "bad_chunked",
            HttpError::BadEncoding(_) => "bad_content_encoding",
            HttpError::UnsupportedEncoding(_) => "unsupported_content_encoding",
            HttpError::BodyTooLarge => "body_too_large",
        }
    }
}

impl fmt::Display for HttpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HttpError::BadStatusLine(s) => write!(f, "bad HTTP status line {s:?}"),
            HttpError::BadHeaders => write!(f, "HTTP header block without an end"),
            HttpError::BadChunked => write!(f, "broken chunked transfer-encoding"),
            HttpError::BadEncoding(e) => write!(f, "content-encoding {e} does not decode"),
            HttpError::UnsupportedEncoding(e) => write!(f, "unsupported content-encoding {e}"),
            HttpError::BodyTooLarge => write!(f, "decoded HTTP body over the size cap"),
        }
    }
}

impl std::error::Error for HttpError {}
