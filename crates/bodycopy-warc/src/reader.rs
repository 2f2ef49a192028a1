//! The streaming record reader: WARC/1.0 and WARC/1.1 records framed by `Content-Length`,
//! over plain or gzipped input. Damage becomes a typed [`Error`] for that record; the
//! reader then looks for the next record and goes on.

use std::io::{self, BufRead};

use crate::error::{Error, ErrorKind};
use crate::gzip::{Counted, GzipDamage, Members};
use crate::headers::{split_field, trim_line_end, Headers};
use crate::record::{Record, Version};

/// Reader settings. Every field documents its default.
#[derive(Clone, Debug)]
pub struct ReaderConfig {
    /// Blocks longer than this are skipped without being held in memory: the record is
    /// returned with an empty `block` (see [`Record::is_oversize`]). Default: 64 MiB.
    pub max_block: u64,
    /// Longest WARC header block accepted. Default: 256 KiB.
    pub max_header: usize,
}

impl Default for ReaderConfig {
    fn default() -> Self {
        ReaderConfig {
            max_block: 64 << 20,
            max_header: 256 << 10,
        }
    }
}

/// Longest line kept while scanning for the next record (longer lines are skipped).
const SCAN_LINE: usize = 64;

/// The input with its first bytes, read to look for the gzip magic, put back in front.
type Peeked<R> = io::Chain<io::Cursor<Vec<u8>>, R>;

/// Read up to `n` bytes from the start of `input`, across short reads (a pipe may
/// hand out one byte at a time), and return them with the rest of the input behind.
/// A read error ends the look early; reading the stream meets it again.
fn peek<R: BufRead>(mut input: R, n: usize) -> (Vec<u8>, Peeked<R>) {
    let mut head = Vec::with_capacity(n);
    while head.len() < n {
        let taken = match input.fill_buf() {
            Ok(b) if !b.is_empty() => {
                let k = b.len().min(n - head.len());
                head.extend_from_slice(b.get(..k).unwrap_or_default());
                k
            }
            _ => break,
        };
        input.consume(taken);
    }
    (head.clone(), io::Read::chain(io::Cursor::new(head), input))
}

/// The decompressed stream, plain or gzip.
enum Source<R: BufRead> {
    Plain(Counted<R>),
    Gzip(Box<Members<R>>),
}

impl<R: BufRead> Source<R> {
    fn buf(&mut self) -> io::Result<&[u8]> {
        match self {
            Source::Plain(r) => r.fill_buf(),
            Source::Gzip(r) => r.fill_buf(),
        }
    }

    fn consume(&mut self, n: usize) {
        match self {
            Source::Plain(r) => r.consume(n),
            Source::Gzip(r) => r.consume(n),
        }
    }
}

/// A pull reader of WARC records over any [`BufRead`]; gzip is detected from the first
/// bytes. Iterate it: each item is a [`Record`] or the [`Error`] of one damaged record.
///
/// ```
/// use bodycopy_warc::{Reader, Writer};
///
/// let mut w = Writer::new(Vec::new(), true);
/// w.write_record(&[("WARC-Type", "resource")], b"hello").unwrap();
/// let bytes = w.finish().unwrap();
/// let records: Vec<_> = Reader::new(&bytes[..]).collect::<Result<_, _>>().unwrap();
/// assert_eq!(records[0].block, b"hello");
/// ```
pub struct Reader<R: BufRead> {
    src: Source<Peeked<R>>,
    config: ReaderConfig,
    /// Bytes given back to the stream, read before `src`.
    pending: Vec<u8>,
    pending_pos: usize,
    /// Decompressed bytes consumed (offset of the next byte).
    offset: u64,
    /// After damage: the next call scans for a version line first.
    resync: bool,
    done: bool,
}

impl<R: BufRead> Reader<R> {
    /// A reader with the default settings.
    pub fn new(input: R) -> Self {
        Reader::with_config(input, ReaderConfig::default())
    }

    /// A reader with the given settings.
    pub fn with_config(input: R, config: ReaderConfig) -> Self {
        let (head, input) = peek(input, 2);
        let gzip = head == [0x1f, 0x8b];
        let src = if gzip {
            Source::Gzip(Box::new(Members::new(input)))
        } else {
            Source::Plain(Counted::new(input))
        };
        Reader {
            src,
            config,
            pending: Vec::new(),
            pending_pos: 0,
            offset: 0,
            resync: false,
            done: false,
        }
    }

    /// Raw input bytes consumed so far (compressed bytes for gzip input): for progress.
    pub fn raw_position(&self) -> u64 {
        match &self.src {
            Source::Plain(r) => r.consumed(),
            Source::Gzip(r) => r.raw_consumed(),
        }
    }

    /// True when the input is gzip.
    pub fn is_gzip(&self) -> bool {
        matches!(self.src, Source::Gzip(_))
    }

    // ---- the byte stream: pending bytes first, then the source ----

    fn buf(&mut self) -> io::Result<&[u8]> {
        if self.pending_pos < self.pending.len() {
            return Ok(&self.pending[self.pending_pos..]);
        }
        self.src.buf()
    }

    fn consume(&mut self, n: usize) {
        self.offset += n as u64;
        if self.pending_pos < self.pending.len() {
            self.pending_pos += n;
            if self.pending_pos >= self.pending.len() {
                self.pending.clear();
                self.pending_pos = 0;
            }
        } else {
            self.src.consume(n);
        }
    }

    /// Give bytes back: they are read again before anything else.
    fn unread(&mut self, bytes: &[u8]) {
        let mut v = Vec::with_capacity(bytes.len() + self.pending.len() - self.pending_pos);
        v.extend_from_slice(bytes);
        v.extend_from_slice(&self.pending[self.pending_pos..]);
        self.pending = v;
        self.pending_pos = 0;
        self.offset -= bytes.len() as u64;
    }

    /// Read one line (with its `\n`), keeping at most `cap` bytes of it in `out`.
    /// Returns the line's full length (0 at the end of the input).
    fn read_line(&mut self, out: &mut Vec<u8>, cap: usize) -> io::Result<usize> {
        out.clear();
        let mut total = 0;
        loop {
            let (n, found) = {
                let buf = self.buf()?;
                if buf.is_empty() {
                    return Ok(total);
                }
                match memchr::memchr(b'\n', buf) {
                    Some(i) => (i + 1, true),
                    None => (buf.len(), false),
                }
            };
            let room = cap.saturating_sub(out.len()).min(n);
            if room > 0 {
                let buf = self.buf()?;
                out.extend_from_slice(&buf[..room]);
            }
            self.consume(n);
            total += n;
            if found {
                return Ok(total);
            }
        }
    }

    /// Read up to `n` bytes into `out`; fewer only at the end of the input.
    fn read_block(&mut self, out: &mut Vec<u8>, n: u64) -> io::Result<()> {
        let mut left = n;
        while left > 0 {
            let take = {
                let buf = self.buf()?;
                if buf.is_empty() {
                    return Ok(());
                }
                let take = (buf.len() as u64).min(left) as usize;
                out.extend_from_slice(&buf[..take]);
                take
            };
            self.consume(take);
            left -= take as u64;
        }
        Ok(())
    }

    /// Skip up to `n` bytes; returns how many were skipped.
    fn skip(&mut self, n: u64) -> io::Result<u64> {
        let mut left = n;
        while left > 0 {
            let take = {
                let buf = self.buf()?;
                if buf.is_empty() {
                    break;
                }
                (buf.len() as u64).min(left) as usize
            };
            self.consume(take);
            left -= take as u64;
        }
        Ok(n - left)
    }

    /// Skip lines up to the next one that starts with `WARC/` and give it back.
    fn scan_to_record(&mut self) -> io::Result<()> {
        let mut line = Vec::new();
        loop {
            let n = self.read_line(&mut line, SCAN_LINE)?;
            if n == 0 {
                return Ok(());
            }
            if n <= SCAN_LINE && line.starts_with(b"WARC/") {
                self.unread(&line);
                return Ok(());
            }
        }
    }

    fn io_error(&self, e: io::Error, at: u64) -> Error {
        let kind = match e
            .get_ref()
            .and_then(|inner| inner.downcast_ref::<GzipDamage>())
        {
            Some(d) => ErrorKind::Gzip(d.0.clone()),
            None => ErrorKind::Io(e.to_string()),
        };
        Error::new(kind, at)
    }

    /// Read the next record, or `None` at the end of the input.
    pub fn next_record(&mut self) -> Option<Result<Record, Error>> {
        if self.done {
            return None;
        }
        if self.resync {
            self.resync = false;
            if let Err(e) = self.scan_to_record() {
                return Some(Err(self.fail(e)));
            }
        }
        match self.parse_record() {
            Ok(Some(r)) => Some(Ok(r)),
            Ok(None) => {
                self.done = true;
                None
            }
            Err(e) => {
                self.resync = true;
                Some(Err(e))
            }
        }
    }

    /// An I/O error outside a record: gzip damage is reported and passed, anything else ends
    /// the reading.
    fn fail(&mut self, e: io::Error) -> Error {
        let err = self.io_error(e, self.offset);
        if !matches!(err.kind, ErrorKind::Gzip(_)) {
            self.done = true;
        }
        self.resync = true;
        err
    }

    fn parse_record(&mut self) -> Result<Option<Record>, Error> {
        let mut line = Vec::new();
        // blank lines between records are tolerated
        let start = loop {
            let at = self.offset;
            let n = self
                .read_line(&mut line, SCAN_LINE)
                .map_err(|e| self.fail(e))?;
            if n == 0 {
                return Ok(None);
            }
            if !trim_line_end(&line).is_empty() {
                break at;
            }
        };
        let version = match trim_line_end(&line) {
            b"WARC/1.0" => Version::V1_0,
            b"WARC/1.1" => Version::V1_1,
            other => {
                let shown = String::from_utf8_lossy(&other[..other.len().min(32)]).into_owned();
                return Err(Error::new(ErrorKind::BadVersion(shown), start));
            }
        };
        let headers = self.read_headers(start)?;
        let with_ids = |mut e: Error| {
            e.record_id = headers.get("WARC-Record-ID").map(str::to_string);
            e.target_uri = headers.get("WARC-Target-URI").map(str::to_string);
            e
        };
        let length = match headers.get("Content-Length") {
            None => return Err(with_ids(Error::new(ErrorKind::MissingContentLength, start))),
            Some(v) => v.trim().parse::<u64>().map_err(|_| {
                with_ids(Error::new(
                    ErrorKind::BadContentLength(v.to_string()),
                    start,
                ))
            })?,
        };
        let mut block = Vec::new();
        if length > self.config.max_block {
            let got = self
                .skip(length)
                .map_err(|e| with_ids(self.io_error(e, start)))?;
            if got < length {
                return Err(with_ids(Error::new(ErrorKind::Truncated, start)));
            }
        } else {
            block.reserve(length as usize);
            if let Err(e) = self.read_block(&mut block, length) {
                self.recover_from_block(&block);
                return Err(with_ids(self.io_error(e, start)));
            }
            if (block.len() as u64) < length {
                self.recover_from_block(&block);
                return Err(with_ids(Error::new(ErrorKind::Truncated, start)));
            }
        }
        self.check_trailer(&block)
            .map_err(|kind| with_ids(Error::new(kind, start)))?;
        Ok(Some(Record {
            version,
            headers,
            block,
            block_len: length,
            offset: start,
        }))
    }

    /// Header lines up to the blank line.
    fn read_headers(&mut self, start: u64) -> Result<Headers, Error> {
        let mut headers = Headers::new();
        let mut line = Vec::new();
        let mut size = 0;
        loop {
            let cap = self.config.max_header.saturating_sub(size) + 1;
            let n = self
                .read_line(&mut line, cap)
                .map_err(|e| self.io_error(e, start))?;
            if n == 0 {
                return Err(Error::new(ErrorKind::Truncated, start));
            }
            size += n;
            if size > self.config.max_header {
                let msg = format!("header block over {} bytes", self.config.max_header);
                return Err(Error::new(ErrorKind::BadHeader(msg), start));
            }
            let text = trim_line_end(&line);
            if text.is_empty() {
                return Ok(headers);
            }
            let text = String::from_utf8_lossy(text);
            if text.starts_with([' ', '\t']) && headers.continue_last(&text) {
                continue;
            }
            match split_field(&text) {
                Some((name, value)) => headers.push(name, value),
                None => {
                    let shown: String = text.chars().take(40).collect();
                    let msg = format!("not a header field: {shown:?}");
                    return Err(Error::new(ErrorKind::BadHeader(msg), start));
                }
            }
        }
    }

    /// After the block: `\r\n\r\n` (or bare `\n\n`); the end of the input is tolerated.
    fn check_trailer(&mut self, block: &[u8]) -> Result<(), ErrorKind> {
        let mut line = Vec::new();
        for _ in 0..2 {
            let n = self
                .read_line(&mut line, SCAN_LINE)
                .map_err(|e| self.io_error(e, self.offset).kind)?;
            if n == 0 {
                return Ok(());
            }
            if !trim_line_end(&line).is_empty() {
                // the length lies: a next record may hide inside the block or this line
                if n <= SCAN_LINE {
                    self.unread(&line);
                }
                self.recover_from_block(block);
                return Err(ErrorKind::LengthMismatch);
            }
        }
        Ok(())
    }

    /// When a block ran past its record's end, give back what follows the first record
    /// separator found inside it, so the next record is not lost.
    fn recover_from_block(&mut self, block: &[u8]) {
        const SEP: &[u8] = b"\r\n\r\nWARC/1.";
        if let Some(i) = memchr::memmem::find(block, SEP) {
            self.unread(&block[i + 4..]);
        }
    }
}

impl<R: BufRead> Iterator for Reader<R> {
    type Item = Result<Record, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_record()
    }
}

/// Read every record of an in-memory WARC (plain or gzip).
pub fn read_all(bytes: &[u8]) -> Vec<Result<Record, Error>> {
    Reader::new(bytes).collect()
}
