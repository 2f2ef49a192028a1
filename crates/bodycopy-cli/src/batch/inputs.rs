//! Inputs: WARC files, JSON Lines files of `{url, html}`, and folders of HTML files,
//! each read into a stream of [`Work`] items for the extractors.

use std::cell::Cell;
use std::fs;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::rc::Rc;

use bodycopy_warc::{Reader, ReaderConfig};

use super::work::{Origin, Work};

/// Read buffer for input files.
const READ_BUF: usize = 256 * 1024;

/// What an input unit holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A WARC file, plain or gzip.
    Warc,
    /// JSON Lines of `{"url": ..., "html": ...}`, plain or gzip.
    Jsonl,
    /// The HTML files (plain or `.gz`) directly inside one folder.
    HtmlFolder,
}

/// One input unit: finished or not as a whole (the grain of `--resume`).
#[derive(Clone, Debug)]
pub struct Input {
    /// The file, or the folder for [`Kind::HtmlFolder`].
    pub path: PathBuf,
    /// What it holds.
    pub kind: Kind,
    /// Its HTML files, sorted (for [`Kind::HtmlFolder`] only).
    pub files: Vec<PathBuf>,
    /// Bytes on disk (for progress).
    pub size: u64,
}

impl Input {
    /// The unit's name in rows, logs and the resume state.
    pub fn name(&self) -> String {
        self.path.display().to_string()
    }
}

fn strip_gz(name: &str) -> &str {
    name.strip_suffix(".gz").unwrap_or(name)
}

fn kind_of(path: &Path) -> Option<Kind> {
    let name = path.file_name()?.to_str()?.to_ascii_lowercase();
    let base = strip_gz(&name);
    if base.ends_with(".warc") {
        Some(Kind::Warc)
    } else if base.ends_with(".jsonl") || base.ends_with(".ndjson") {
        Some(Kind::Jsonl)
    } else if base.ends_with(".html") || base.ends_with(".htm") {
        Some(Kind::HtmlFolder)
    } else {
        None
    }
}

/// The input units named by the command line, in order: a file given by name is taken
/// as WARC unless its name says JSON Lines or HTML; a folder is walked (sorted) for
/// WARC, JSON Lines and HTML files, HTML files grouped by their folder.
pub fn collect(args: &[PathBuf]) -> io::Result<Vec<Input>> {
    let mut out = Vec::new();
    for arg in args {
        let meta = fs::metadata(arg)
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", arg.display())))?;
        if meta.is_dir() {
            walk(arg, &mut out)?;
        } else {
            let kind = kind_of(arg).unwrap_or(Kind::Warc);
            let files = if kind == Kind::HtmlFolder {
                vec![arg.clone()]
            } else {
                Vec::new()
            };
            out.push(Input {
                path: arg.clone(),
                kind,
                files,
                size: meta.len(),
            });
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<Input>) -> io::Result<()> {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<io::Result<_>>()?;
    entries.sort();
    let mut html = Vec::new();
    let mut html_size = 0;
    let mut subdirs = Vec::new();
    for path in entries {
        let meta = fs::metadata(&path)?;
        if meta.is_dir() {
            subdirs.push(path);
            continue;
        }
        match kind_of(&path) {
            Some(Kind::HtmlFolder) => {
                html_size += meta.len();
                html.push(path);
            }
            Some(kind) => out.push(Input {
                path,
                kind,
                files: Vec::new(),
                size: meta.len(),
            }),
            None => {}
        }
    }
    if !html.is_empty() {
        out.push(Input {
            path: dir.to_path_buf(),
            kind: Kind::HtmlFolder,
            files: html,
            size: html_size,
        });
    }
    for sub in subdirs {
        walk(&sub, out)?;
    }
    Ok(())
}

/// Limits on what one item may hold.
#[derive(Clone, Copy, Debug)]
pub struct Caps {
    /// Largest HTML body kept, in bytes.
    pub max_bytes: usize,
}

impl Caps {
    /// Largest WARC block or JSON line held in memory (the body plus room for headers
    /// and JSON escapes); anything larger is skipped unread.
    fn max_block(self) -> u64 {
        self.max_bytes as u64 * 2 + (64 << 10)
    }
}

/// Read one input unit, handing each item to `emit` with the raw bytes consumed so far.
/// Stops early (returning `Ok(false)`) when `emit` returns false.
pub fn read(
    input: &Input,
    caps: Caps,
    emit: &mut dyn FnMut(Work, u64) -> bool,
) -> io::Result<bool> {
    let name: std::sync::Arc<str> = input.name().into();
    match input.kind {
        Kind::Warc => {
            let file = BufReader::with_capacity(READ_BUF, fs::File::open(&input.path)?);
            let config = ReaderConfig {
                max_block: caps.max_block(),
                ..ReaderConfig::default()
            };
            let mut reader = Reader::with_config(file, config);
            while let Some(item) = reader.next_record() {
                let work = match item {
                    Ok(record) => Work::from_record(name.clone(), record),
                    Err(e) => Work::Failed(
                        Origin {
                            source: name.clone(),
                            url: e.target_uri.clone(),
                            record_id: e.record_id.clone(),
                            warc_date: None,
                        },
                        format!("warc_{}: {e}", e.kind.as_str()),
                    ),
                };
                if !emit(work, reader.raw_position()) {
                    return Ok(false);
                }
            }
        }
        Kind::Jsonl => {
            let raw = Rc::new(Cell::new(0));
            let mut lines = open_counted(&input.path, raw.clone())?;
            let mut line = Vec::new();
            let mut number = 0u64;
            loop {
                line.clear();
                let (n, kept) = read_line_capped(&mut lines, &mut line, caps.max_block())?;
                if n == 0 {
                    break;
                }
                number += 1;
                let origin = Origin::file(name.clone());
                let work = if !kept {
                    Work::Skipped(super::work::Skip::TooLarge)
                } else if line.iter().all(u8::is_ascii_whitespace) {
                    continue;
                } else {
                    Work::Json(origin, number, std::mem::take(&mut line))
                };
                if !emit(work, raw.get()) {
                    return Ok(false);
                }
            }
        }
        Kind::HtmlFolder => {
            let mut done = 0u64;
            for file in &input.files {
                let origin = Origin::file(file.display().to_string().into());
                let work = match read_capped(file, caps.max_bytes) {
                    Ok(Some(html)) => Work::Html(origin, html),
                    Ok(None) => Work::Skipped(super::work::Skip::TooLarge),
                    Err(e) => Work::Failed(origin, format!("read: {e}")),
                };
                done += fs::metadata(file).map(|m| m.len()).unwrap_or(0);
                if !emit(work, done) {
                    return Ok(false);
                }
            }
        }
    }
    Ok(true)
}

/// A reader that counts the bytes read through it (raw progress under gzip).
struct CountRead<R> {
    inner: R,
    count: Rc<Cell<u64>>,
}

impl<R: Read> Read for CountRead<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.set(self.count.get() + n as u64);
        Ok(n)
    }
}

/// Open a file, decompressing `.gz` names; the counter follows the raw bytes read.
fn open_counted(path: &Path, count: Rc<Cell<u64>>) -> io::Result<Box<dyn BufRead>> {
    let file = CountRead {
        inner: fs::File::open(path)?,
        count,
    };
    Ok(if is_gz(path) {
        let raw = BufReader::with_capacity(READ_BUF, file);
        Box::new(BufReader::new(flate2::bufread::MultiGzDecoder::new(raw)))
    } else {
        Box::new(BufReader::with_capacity(READ_BUF, file))
    })
}

fn is_gz(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("gz"))
}

/// Read one line, keeping it only when it is at most `cap` bytes; returns the line's
/// length (0 at the end) and whether it was kept.
fn read_line_capped(r: &mut dyn BufRead, out: &mut Vec<u8>, cap: u64) -> io::Result<(usize, bool)> {
    let mut total = 0usize;
    let mut kept = true;
    loop {
        let (n, done) = {
            let buf = r.fill_buf()?;
            if buf.is_empty() {
                return Ok((total, kept));
            }
            let (n, done) = match memchr::memchr(b'\n', buf) {
                Some(i) => (i + 1, true),
                None => (buf.len(), false),
            };
            if kept && (total + n) as u64 <= cap {
                out.extend_from_slice(&buf[..n]);
            } else {
                kept = false;
                out.clear();
            }
            (n, done)
        };
        r.consume(n);
        total += n;
        if done {
            return Ok((total, kept));
        }
    }
}

/// Read a whole (possibly gzipped) file if it holds at most `max` bytes.
fn read_capped(path: &Path, max: usize) -> io::Result<Option<Vec<u8>>> {
    let mut bytes = Vec::new();
    open_counted(path, Rc::default())?
        .take(max as u64 + 1)
        .read_to_end(&mut bytes)?;
    Ok((bytes.len() <= max).then_some(bytes))
}
