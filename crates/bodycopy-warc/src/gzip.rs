//! The byte source under the record parser: plain bytes, or gzip members decoded one
//! after the other (one member per record as Common Crawl publishes, or one for the
//! whole file). A corrupt member is reported once as an error, then decoding resumes at
//! the next gzip header found in the raw bytes.

use std::io::{self, BufRead, Read};

use flate2::bufread::GzDecoder;

/// The gzip magic and the deflate method byte that open every member.
const MEMBER_MAGIC: [u8; 3] = [0x1f, 0x8b, 0x08];

/// Size of the decompressed-bytes buffer.
const BUF_SIZE: usize = 64 * 1024;

/// `Read::read` for a type whose reading is done by its `BufRead` side.
fn read_through_buffer<B: BufRead>(b: &mut B, out: &mut [u8]) -> io::Result<usize> {
    let n = {
        let buf = b.fill_buf()?;
        let n = buf.len().min(out.len());
        out[..n].copy_from_slice(&buf[..n]);
        n
    };
    b.consume(n);
    Ok(n)
}

/// Most raw bytes of one member kept for a rescan after damage (a Common Crawl member is
/// one record; a whole-file member longer than this is rescanned from the damage instead).
const JOURNAL_MAX: usize = 16 * 1024 * 1024;

/// Capacity the journal keeps between members.
const JOURNAL_KEEP: usize = 1024 * 1024;

/// A [`BufRead`] that counts the raw bytes consumed and, while a member is decoded, keeps
/// them, so that after damage the scan for the next member can start right after the
/// damaged member's header whatever the decoder had already read (the records found must
/// not depend on read sizes).
pub(crate) struct Counted<R> {
    inner: R,
    consumed: u64,
    /// Bytes consumed since the current member began, while `recording`.
    journal: Vec<u8>,
    /// The journal holds every byte of the current member so far.
    recording: bool,
    /// Bytes given back, served before `inner`.
    replay: Vec<u8>,
    replay_pos: usize,
}

impl<R: BufRead> Counted<R> {
    pub(crate) fn new(inner: R) -> Self {
        Counted {
            inner,
            consumed: 0,
            journal: Vec::new(),
            recording: false,
            replay: Vec::new(),
            replay_pos: 0,
        }
    }

    pub(crate) fn consumed(&self) -> u64 {
        self.consumed
    }

    /// Start keeping the bytes consumed from here (a member begins).
    fn start_journal(&mut self) {
        self.journal.clear();
        self.recording = true;
    }

    /// Stop keeping bytes (the member ended well).
    fn stop_journal(&mut self) {
        self.recording = false;
        self.journal.clear();
        self.journal.shrink_to(JOURNAL_KEEP);
    }

    /// After damage: give back every byte of the member after its first, so the scan for
    /// the next header starts there. Returns false when the bytes were not all kept.
    fn rewind_member(&mut self) -> bool {
        let recorded = std::mem::replace(&mut self.recording, false);
        let journal = std::mem::take(&mut self.journal);
        let rest = match journal.get(1..) {
            Some(rest) if recorded => rest,
            _ => return false,
        };
        let pending = self.replay.get(self.replay_pos..).unwrap_or_default();
        let mut replay = Vec::with_capacity(rest.len() + pending.len());
        replay.extend_from_slice(rest);
        replay.extend_from_slice(pending);
        self.consumed -= rest.len() as u64;
        self.replay = replay;
        self.replay_pos = 0;
        true
    }
}

impl<R: BufRead> Read for Counted<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        read_through_buffer(self, out)
    }
}

impl<R: BufRead> BufRead for Counted<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.replay_pos < self.replay.len() {
            return Ok(self.replay.get(self.replay_pos..).unwrap_or_default());
        }
        self.inner.fill_buf()
    }

    fn consume(&mut self, amt: usize) {
        self.consumed += amt as u64;
        let replaying = self.replay_pos < self.replay.len();
        if self.recording {
            // the bytes being consumed are the front of what `fill_buf` last returned
            let front = if replaying {
                self.replay.get(self.replay_pos..).unwrap_or_default()
            } else {
                self.inner.fill_buf().unwrap_or_default()
            };
            self.journal
                .extend_from_slice(front.get(..amt).unwrap_or(front));
            if self.journal.len() > JOURNAL_MAX {
                self.recording = false;
                self.journal = Vec::new();
            }
        }
        if replaying {
            self.replay_pos += amt;
            if self.replay_pos >= self.replay.len() {
                self.replay.clear();
                self.replay_pos = 0;
            }
        } else {
            self.inner.consume(amt);
        }
    }
}

/// Where the member decoder stands.
enum State<R: BufRead> {
    /// Inside a member.
    Member(Box<GzDecoder<R>>),
    /// Between members (or before the first).
    Between(R),
    /// Only while switching states.
    Empty,
}

/// Concatenated gzip members, decoded as one stream, resynchronising after damage.
pub(crate) struct Members<R: BufRead> {
    state: State<Counted<R>>,
    buf: Box<[u8]>,
    pos: usize,
    len: usize,
    /// Raw offset where the current member started.
    member_start: u64,
    /// Raw bytes consumed when the current member was left (for `raw_consumed`).
    raw_consumed: u64,
    done: bool,
    /// The current member has produced bytes.
    member_out: bool,
    /// Scanning for a member after damage: candidates that fail at once are not reported.
    resyncing: bool,
}

impl<R: BufRead> Members<R> {
    pub(crate) fn new(inner: R) -> Self {
        Members {
            state: State::Between(Counted::new(inner)),
            buf: vec![0; BUF_SIZE].into_boxed_slice(),
            pos: 0,
            len: 0,
            member_start: 0,
            raw_consumed: 0,
            done: false,
            member_out: false,
            resyncing: false,
        }
    }

    /// Raw (compressed) bytes consumed so far.
    pub(crate) fn raw_consumed(&self) -> u64 {
        match &self.state {
            State::Member(d) => d.get_ref().consumed(),
            State::Between(r) => r.consumed(),
            State::Empty => self.raw_consumed,
        }
    }

    /// Decode more bytes into the buffer; `Ok(0)` at the end of the input.
    fn refill(&mut self) -> io::Result<usize> {
        loop {
            if self.done {
                return Ok(0);
            }
            match std::mem::replace(&mut self.state, State::Empty) {
                State::Between(mut raw) => {
                    let at_end = match raw.fill_buf() {
                        Ok(b) => b.is_empty(),
                        Err(e) => {
                            self.done = true;
                            return Err(e);
                        }
                    };
                    if at_end {
                        self.raw_consumed = raw.consumed();
                        self.state = State::Between(raw);
                        self.done = true;
                        return Ok(0);
                    }
                    self.member_start = raw.consumed();
                    self.member_out = false;
                    raw.start_journal();
                    self.state = State::Member(Box::new(GzDecoder::new(raw)));
                }
                State::Member(mut dec) => match dec.read(&mut self.buf) {
                    Ok(0) => {
                        let mut raw = dec.into_inner();
                        raw.stop_journal();
                        self.state = State::Between(raw);
                    }
                    Ok(n) => {
                        self.state = State::Member(dec);
                        self.member_out = true;
                        self.resyncing = false;
                        return Ok(n);
                    }
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {
                        self.state = State::Member(dec)
                    }
                    Err(e) => {
                        let mut raw = dec.into_inner();
                        let start = self.member_start;
                        // rescan from just after the failed member's first byte (always
                        // moving past a header that failed)
                        if !raw.rewind_member() && raw.consumed() == start {
                            raw.consume(1);
                        }
                        let report = !self.resyncing || self.member_out;
                        self.resyncing = true;
                        match skip_to_member(&mut raw) {
                            Ok(()) => self.state = State::Between(raw),
                            Err(_) => {
                                self.raw_consumed = raw.consumed();
                                self.done = true;
                            }
                        }
                        if report {
                            return Err(io::Error::new(
                                io::ErrorKind::InvalidData,
                                GzipDamage(format!("member at byte {start}: {e}")),
                            ));
                        }
                    }
                },
                State::Empty => unreachable!("state restored before returning"),
            }
        }
    }
}

/// The payload of the error returned for a corrupt member.
#[derive(Debug)]
pub(crate) struct GzipDamage(pub(crate) String);

impl std::fmt::Display for GzipDamage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for GzipDamage {}

/// Consume raw bytes up to the next gzip member header (or the end). A header prefix cut
/// by the buffer's end counts as a candidate: if it is not one, decoding fails at once and
/// the scan goes on silently.
fn skip_to_member<R: BufRead>(raw: &mut R) -> io::Result<()> {
    loop {
        let buf = raw.fill_buf()?;
        if buf.is_empty() {
            return Ok(());
        }
        let mut from = 0;
        while let Some(i) = memchr::memchr(MEMBER_MAGIC[0], &buf[from..]) {
            let at = from + i;
            let m = (buf.len() - at).min(MEMBER_MAGIC.len());
            if buf[at..at + m] == MEMBER_MAGIC[..m] {
                raw.consume(at);
                return Ok(());
            }
            from = at + 1;
        }
        let n = buf.len();
        raw.consume(n);
    }
}

impl<R: BufRead> Read for Members<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        read_through_buffer(self, out)
    }
}

impl<R: BufRead> BufRead for Members<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.pos >= self.len {
            self.pos = 0;
            self.len = 0; // nothing of the old buffer is served again after an error
            self.len = self.refill()?;
        }
        Ok(&self.buf[self.pos..self.len])
    }

    fn consume(&mut self, amt: usize) {
        self.pos = (self.pos + amt).min(self.len);
    }
}
