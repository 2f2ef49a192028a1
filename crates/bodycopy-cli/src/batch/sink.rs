//! Where rows go: JSON Lines (plain, gzip or zstd) or Parquet, and the resume state that
//! records which input units are completely written.
//!
//! Resume works by cutting the output back to the end of the last finished unit:
//! - JSON Lines: each finished unit closes a gzip member / zstd frame (concatenated
//!   members and frames are valid files), and the state records the file's length then;
//!   a resumed run truncates the file to that length and appends.
//! - Parquet cannot be appended to, so with `--resume` the output path is a folder of
//!   parts, one `part-NNNNNN.parquet` per input unit, written as `.tmp` and renamed
//!   when the unit is complete (`pyarrow.parquet.read_table(folder)` and DuckDB's
//!   `read_parquet('folder/*.parquet')` read it as one table).

use std::collections::HashSet;
use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{bail, Context as _, Result};
use arrow_array::builder::{ListBuilder, StringBuilder, UInt64Builder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::properties::WriterProperties;

use super::work::Row;

/// Output buffer size.
const WRITE_BUF: usize = 1 << 20;
/// Rows gathered before they become one Arrow record batch.
const BATCH_ROWS: usize = 1024;
/// Parquet row-group bounds: rows, and bytes held in memory before a group is written.
const GROUP_ROWS: usize = 16 * 1024;
const GROUP_BYTES: usize = 64 << 20;
/// The Parquet part (with `--resume`) of rows from inputs that were not read to the end.
const UNFINISHED_PART: &str = "part-unfinished.parquet";
/// zstd level for JSON Lines and Parquet pages.
const ZSTD_LEVEL: i32 = 3;

/// The output format, from the output file's name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// `.jsonl` (or anything else).
    Jsonl,
    /// `.jsonl.gz`.
    JsonlGz,
    /// `.jsonl.zst`.
    JsonlZst,
    /// `.parquet`.
    Parquet,
}

impl Format {
    /// The format named by a path's extension.
    pub fn of(path: &Path) -> Format {
        let name = path.to_string_lossy().to_ascii_lowercase();
        if name.ends_with(".parquet") {
            Format::Parquet
        } else if name.ends_with(".gz") {
            Format::JsonlGz
        } else if name.ends_with(".zst") || name.ends_with(".zstd") {
            Format::JsonlZst
        } else {
            Format::Jsonl
        }
    }
}

/// The finished input units of an earlier run, from the state file.
pub struct State {
    path: PathBuf,
    /// Names of finished units.
    pub done: HashSet<String>,
    /// Output length after the last finished unit (JSON Lines).
    pub output_len: u64,
}

impl State {
    /// The state file kept beside `output`.
    pub fn path_for(output: &Path) -> PathBuf {
        let mut name = output.as_os_str().to_os_string();
        name.push(".state");
        PathBuf::from(name)
    }

    /// Load the state (empty when absent or when not resuming, which also deletes it).
    pub fn load(output: &Path, resume: bool) -> Result<State> {
        let path = State::path_for(output);
        let mut state = State {
            path: path.clone(),
            done: HashSet::new(),
            output_len: 0,
        };
        if !resume {
            if path.exists() {
                fs::remove_file(&path).with_context(|| format!("remove {}", path.display()))?;
            }
            return Ok(state);
        }
        let text = match fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(state),
            Err(e) => return Err(e).with_context(|| format!("read {}", path.display())),
        };
        for line in text.lines() {
            // a line cut by a crash has no tab-separated offset and name: ignored
            let Some((len, name)) = line.split_once('\t') else {
                continue;
            };
            let Ok(len) = len.parse::<u64>() else {
                continue;
            };
            state.output_len = len;
            state.done.insert(name.to_string());
        }
        Ok(state)
    }

    fn record(&self, output_len: u64, name: &str) -> Result<()> {
        let mut f = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.path)
            .with_context(|| format!("open {}", self.path.display()))?;
        writeln!(f, "{output_len}\t{name}")?;
        f.sync_data()?;
        Ok(())
    }
}

/// A row destination.
pub struct Sink {
    out: Out,
    state: State,
}

enum Out {
    Jsonl(Box<JsonlOut>),
    Parquet(Box<ParquetOut>),
}

impl Sink {
    /// Open the output for a fresh run, or for a resumed one (cut back to the state).
    pub fn open(path: &Path, resume: bool) -> Result<Sink> {
        let state = State::load(path, resume)?;
        let out = match Format::of(path) {
            Format::Parquet => Out::Parquet(Box::new(ParquetOut::open(path, resume)?)),
            format => Out::Jsonl(Box::new(JsonlOut::open(
                path,
                format,
                resume,
                state.output_len,
            )?)),
        };
        Ok(Sink { out, state })
    }

    /// The finished units of the earlier run.
    pub fn finished(&self) -> &HashSet<String> {
        &self.state.done
    }

    /// Write one row.
    pub fn write(&mut self, row: Row) -> Result<()> {
        match &mut self.out {
            Out::Jsonl(o) => o.write(&row),
            Out::Parquet(o) => o.write(row),
        }
    }

    /// Input unit `index` (named `name`) is completely written: make it durable and
    /// record it in the state.
    pub fn input_done(&mut self, index: usize, name: &str) -> Result<()> {
        let len = match &mut self.out {
            Out::Jsonl(o) => o.checkpoint()?,
            // a single Parquet file is only readable once closed: nothing to resume from
            Out::Parquet(o) if !o.parts => return Ok(()),
            Out::Parquet(o) => o.checkpoint(index)?,
        };
        self.state.record(len, name)
    }

    /// Flush what is buffered (used before an abrupt stop in tests).
    pub fn flush(&mut self) -> Result<()> {
        match &mut self.out {
            Out::Jsonl(o) => o.flush(),
            Out::Parquet(_) => Ok(()),
        }
    }

    /// Finish the output.
    pub fn close(self) -> Result<()> {
        match self.out {
            Out::Jsonl(mut o) => {
                o.checkpoint()?;
                Ok(())
            }
            Out::Parquet(o) => o.close(),
        }
    }
}

// ---- JSON Lines ----

enum Encoder {
    Plain(BufWriter<File>),
    Gz(flate2::write::GzEncoder<BufWriter<File>>),
    Zst(zstd::Encoder<'static, BufWriter<File>>),
    /// Between members/frames.
    Idle(BufWriter<File>),
    /// Only while switching.
    Gone,
}

struct JsonlOut {
    enc: Encoder,
    format: Format,
    line: Vec<u8>,
}

impl JsonlOut {
    fn open(path: &Path, format: Format, resume: bool, len: u64) -> Result<JsonlOut> {
        let mut file = if resume && path.exists() {
            let mut f = OpenOptions::new().write(true).open(path)?;
            f.set_len(len)?;
            f.seek(SeekFrom::End(0))?;
            f
        } else {
            File::create(path).with_context(|| format!("create {}", path.display()))?
        };
        file.flush()?;
        let w = BufWriter::with_capacity(WRITE_BUF, file);
        let enc = if format == Format::Jsonl {
            Encoder::Plain(w)
        } else {
            Encoder::Idle(w)
        };
        Ok(JsonlOut {
            enc,
            format,
            line: Vec::new(),
        })
    }

    fn writer(&mut self) -> Result<&mut dyn Write> {
        if let Encoder::Idle(_) = self.enc {
            let Encoder::Idle(w) = std::mem::replace(&mut self.enc, Encoder::Gone) else {
                unreachable!()
            };
            self.enc = match self.format {
                Format::JsonlGz => Encoder::Gz(flate2::write::GzEncoder::new(
                    w,
                    flate2::Compression::new(6),
                )),
                _ => Encoder::Zst(zstd::Encoder::new(w, ZSTD_LEVEL)?),
            };
        }
        Ok(match &mut self.enc {
            Encoder::Plain(w) => w,
            Encoder::Gz(w) => w,
            Encoder::Zst(w) => w,
            Encoder::Idle(_) | Encoder::Gone => bail!("output writer in a bad state"),
        })
    }

    fn write(&mut self, row: &Row) -> Result<()> {
        self.line.clear();
        serde_json::to_writer(&mut self.line, row)?;
        self.line.push(b'\n');
        let line = std::mem::take(&mut self.line);
        let result = self.writer()?.write_all(&line);
        self.line = line;
        result?;
        Ok(())
    }

    fn flush(&mut self) -> Result<()> {
        self.writer()?.flush()?;
        Ok(())
    }

    /// Close the member/frame, flush, and return the file's length.
    fn checkpoint(&mut self) -> Result<u64> {
        let mut w = match std::mem::replace(&mut self.enc, Encoder::Gone) {
            Encoder::Plain(w) => w,
            Encoder::Gz(e) => e.finish()?,
            Encoder::Zst(e) => e.finish()?,
            Encoder::Idle(w) => w,
            Encoder::Gone => bail!("output writer in a bad state"),
        };
        w.flush()?;
        let len = w.get_mut().stream_position()?;
        self.enc = if self.format == Format::Jsonl {
            Encoder::Plain(w)
        } else {
            Encoder::Idle(w)
        };
        Ok(len)
    }
}

// ---- Parquet ----

/// The documented Parquet schema (one column per [`Row`] field, in order).
pub fn schema() -> SchemaRef {
    let text = |name: &str, nullable: bool| Field::new(name, DataType::Utf8, nullable);
    let list = |name: &str| {
        Field::new(
            name,
            DataType::List(Arc::new(Field::new("item", DataType::Utf8, true))),
            false,
        )
    };
    Arc::new(Schema::new(vec![
        text("source", false),
        text("url", true),
        text("record_id", true),
        text("warc_date", true),
        text("title", true),
        text("text", true),
        text("markdown", true),
        list("authors"),
        text("date", true),
        text("description", true),
        text("sitename", true),
        text("canonical_url", true),
        list("categories"),
        list("tags"),
        text("image", true),
        text("language", true),
        text("page_type", true),
        text("content_hash", true),
        Field::new("simhash", DataType::UInt64, true),
        Field::new("html_bytes", DataType::UInt64, false),
        text("error", true),
    ]))
}

struct ParquetOut {
    path: PathBuf,
    /// `--resume`: one part per input unit inside the folder `path`.
    parts: bool,
    writer: Option<(ArrowWriter<File>, PathBuf)>,
    rows: Vec<Row>,
    schema: SchemaRef,
}

impl ParquetOut {
    fn open(path: &Path, parts: bool) -> Result<ParquetOut> {
        if parts {
            fs::create_dir_all(path).with_context(|| format!("create {}", path.display()))?;
            for entry in fs::read_dir(path)? {
                let p = entry?.path();
                let unfinished = p.file_name().is_some_and(|n| n == UNFINISHED_PART);
                if unfinished || p.extension().is_some_and(|e| e == "tmp") {
                    fs::remove_file(&p)?;
                }
            }
        } else if path.is_dir() {
            bail!(
                "{} is a folder (written by a --resume run): resume it with --resume, or choose another output",
                path.display()
            );
        }
        Ok(ParquetOut {
            path: path.to_path_buf(),
            parts,
            writer: None,
            rows: Vec::with_capacity(BATCH_ROWS),
            schema: schema(),
        })
    }

    fn write(&mut self, row: Row) -> Result<()> {
        self.rows.push(row);
        if self.rows.len() >= BATCH_ROWS {
            self.write_batch()?;
        }
        Ok(())
    }

    fn open_writer(&self) -> Result<(ArrowWriter<File>, PathBuf)> {
        let target = if self.parts {
            self.path.join("part-current.parquet.tmp")
        } else {
            self.path.clone()
        };
        let file = File::create(&target).with_context(|| format!("create {}", target.display()))?;
        let props = WriterProperties::builder()
            .set_compression(Compression::ZSTD(ZstdLevel::try_new(ZSTD_LEVEL)?))
            .set_max_row_group_row_count(Some(GROUP_ROWS))
            .set_max_row_group_bytes(Some(GROUP_BYTES))
            .build();
        let writer = ArrowWriter::try_new(file, self.schema.clone(), Some(props))?;
        Ok((writer, target))
    }

    /// Write the gathered rows.
    fn write_batch(&mut self) -> Result<()> {
        if self.rows.is_empty() {
            return Ok(());
        }
        if self.writer.is_none() {
            self.writer = Some(self.open_writer()?);
        }
        let batch = to_batch(&self.schema, &self.rows)?;
        self.rows.clear();
        let (writer, _) = self.writer.as_mut().expect("opened above");
        writer.write(&batch)?;
        Ok(())
    }

    fn checkpoint(&mut self, index: usize) -> Result<u64> {
        self.write_batch()?;
        if let Some((writer, tmp)) = self.writer.take() {
            writer.close()?;
            fs::rename(&tmp, self.path.join(format!("part-{index:06}.parquet")))?;
        }
        Ok(0)
    }

    fn close(mut self) -> Result<()> {
        if self.parts {
            // every input ends with a checkpoint, so no row should be left; if one is (a
            // bug), it is kept apart rather than lost, and replaced by the next run
            self.write_batch()?;
            if let Some((writer, tmp)) = self.writer.take() {
                writer.close()?;
                fs::rename(&tmp, self.path.join(UNFINISHED_PART))?;
            }
            return Ok(());
        }
        self.write_batch()?;
        let writer = match self.writer.take() {
            Some((w, _)) => w,
            None => self.open_writer()?.0, // no row at all: an empty file with the schema
        };
        writer.close()?;
        Ok(())
    }
}

fn opt_strings<'a>(rows: &'a [Row], f: impl Fn(&'a Row) -> Option<&'a str>) -> ArrayRef {
    let mut b = StringBuilder::new();
    for r in rows {
        b.append_option(f(r));
    }
    Arc::new(b.finish())
}

fn lists<'a>(rows: &'a [Row], f: impl Fn(&'a Row) -> &'a [String]) -> ArrayRef {
    let mut b = ListBuilder::new(StringBuilder::new());
    for r in rows {
        for v in f(r) {
            b.values().append_value(v);
        }
        b.append(true);
    }
    Arc::new(b.finish())
}

fn to_batch(schema: &SchemaRef, rows: &[Row]) -> Result<RecordBatch> {
    let mut simhash = UInt64Builder::new();
    let mut html_bytes = UInt64Builder::new();
    for r in rows {
        simhash.append_option(r.simhash);
        html_bytes.append_value(r.html_bytes);
    }
    let columns: Vec<ArrayRef> = vec![
        opt_strings(rows, |r| Some(r.source.as_str())),
        opt_strings(rows, |r| r.url.as_deref()),
        opt_strings(rows, |r| r.record_id.as_deref()),
        opt_strings(rows, |r| r.warc_date.as_deref()),
        opt_strings(rows, |r| r.title.as_deref()),
        opt_strings(rows, |r| r.text.as_deref()),
        opt_strings(rows, |r| r.markdown.as_deref()),
        lists(rows, |r| &r.authors),
        opt_strings(rows, |r| r.date.as_deref()),
        opt_strings(rows, |r| r.description.as_deref()),
        opt_strings(rows, |r| r.sitename.as_deref()),
        opt_strings(rows, |r| r.canonical_url.as_deref()),
        lists(rows, |r| &r.categories),
        lists(rows, |r| &r.tags),
        opt_strings(rows, |r| r.image.as_deref()),
        opt_strings(rows, |r| r.language.as_deref()),
        opt_strings(rows, |r| r.page_type.as_deref()),
        opt_strings(rows, |r| r.content_hash.as_deref()),
        Arc::new(simhash.finish()),
        Arc::new(html_bytes.finish()),
        opt_strings(rows, |r| r.error.as_deref()),
    ];
    Ok(RecordBatch::try_new(schema.clone(), columns)?)
}
