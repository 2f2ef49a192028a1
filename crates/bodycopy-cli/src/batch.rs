//! `bodycopy batch`: WARC files, JSON Lines and HTML folders in, one row per page out
//! (JSON Lines, optionally gzip or zstd, or Parquet).
//!
//! The pipeline: one reader thread (decompression and WARC framing) → N extractor
//! threads (HTTP parsing, filtering, extraction, hashing) → the writer on the calling
//! thread, which puts rows back in input order. Queues are bounded and the reader holds a
//! credit per item in flight, so at most `window` items are in memory whatever the input
//! size. With one extraction thread (`-j 1`) there is no pipeline: the calling thread
//! reads, extracts and writes each item in turn, and the run keeps one core busy.

mod dedup;
mod inputs;
mod progress;
mod sink;
mod work;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use anyhow::{Context as _, Result};
use bodycopy::{Config, Extractor, Limits};
use crossbeam_channel::{bounded, Receiver, Sender};

use crate::extract::{FavorArg, EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_OK};
use inputs::{Caps, Input};
use progress::{Progress, Stats};
use sink::Sink;
use work::{Context, Outcome, Work};

const AFTER_HELP: &str = "\
Inputs (files or folders, walked recursively in sorted order):
  *.warc, *.warc.gz    WARC/1.0 or 1.1; gzip per record (as Common Crawl) or whole file
  *.jsonl[.gz]         one JSON object per line: {\"url\": ..., \"html\": ..., \"content_type\": ...}
  *.html[.gz], *.htm   HTML files; those of one folder form one input unit
  any other file named on the command line is read as WARC

Kept: WARC `response` records with HTTP status 200 whose Content-Type is HTML (sniffed
when absent or application/octet-stream), at most --max-bytes; HTTP chunked and
gzip/deflate content-encoding are undone, the charset goes to the decoder.

Output (by the name of -o): .jsonl, .jsonl.gz, .jsonl.zst, or .parquet. One row per
page, in input order: source, url, record_id, warc_date, title, text, markdown (with
--markdown), authors, date, description, sitename, canonical_url, categories, tags,
image, language, page_type, content_hash (XXH3-128 hex of the text), simhash (64-bit
SimHash of the text's word 3-shingles), html_bytes, error (null, or why the row has no
text). A damaged record or a failed extraction is an error row, never the end of the run.

--resume: finished input units are listed in OUTPUT.state; a resumed run cuts the output
back to the last finished unit and goes on. With Parquet and --resume, OUTPUT is a folder
of part-NNNNNN.parquet files, one per input unit. An input that cannot be read to the end
gives an error row and counts as done.

A summary goes to stderr at the end: records read, kept, failed, skipped by reason,
pages/s, MB/s. Exit codes: 0 done (error rows included); 1 an output error;
2 bad input (no input found, unreadable path).";

/// Arguments of `bodycopy batch`.
#[derive(clap::Args)]
#[command(after_long_help = AFTER_HELP)]
pub struct Args {
    /// WARC, JSON Lines or HTML files, or folders of them.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// The output file: .jsonl, .jsonl.gz, .jsonl.zst or .parquet.
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
    /// Extraction threads (default: one per core). With 1, reading, extraction and
    /// writing share one thread (one core busy); with more, a reader thread and the
    /// writer run beside them.
    #[arg(short = 'j', long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,
    /// Continue an interrupted run: skip the input units it finished.
    #[arg(long)]
    pub resume: bool,
    /// Also fill the markdown column.
    #[arg(long)]
    pub markdown: bool,
    /// Text only, for a corpus that needs no more: the description, categories, tags,
    /// image and language columns stay empty, the date and authors are filled only from
    /// the page's head, JSON-LD and microdata; the text is the same. Faster.
    #[arg(long)]
    pub text_only: bool,
    /// Lean towards precision or recall for uncertain blocks.
    #[arg(long, value_enum, default_value = "balanced")]
    pub favor: FavorArg,
    /// Largest HTML page kept, in bytes (larger ones are skipped as too_large).
    #[arg(long, value_name = "BYTES", default_value_t = 8 << 20)]
    pub max_bytes: usize,
    /// Seconds between progress lines when stderr is not a terminal.
    #[arg(long, value_name = "SECONDS", default_value_t = 10)]
    pub log_every: u64,
    /// Testing aid: stop abruptly (exit 1) after writing N rows, as a crash would.
    #[arg(long, value_name = "N", hide = true)]
    pub abort_after: Option<u64>,
}

/// Run the subcommand.
pub fn run(args: Args) -> Result<ExitCode> {
    let mut all = match inputs::collect(&args.inputs) {
        Ok(all) => all,
        Err(e) => {
            eprintln!("bodycopy: {e}");
            return Ok(ExitCode::from(EXIT_BAD_INPUT));
        }
    };
    // an earlier output inside an input folder is not an input
    let output = std::fs::canonicalize(&args.output).ok();
    all.retain(|input| output.is_none() || std::fs::canonicalize(&input.path).ok() != output);
    if all.is_empty() {
        eprintln!("bodycopy: no WARC, JSON Lines or HTML input found");
        return Ok(ExitCode::from(EXIT_BAD_INPUT));
    }
    let mut sink = Sink::open(&args.output, args.resume)?;
    let todo: Vec<(usize, Input)> = all
        .into_iter()
        .enumerate()
        .filter(|(_, input)| !sink.finished().contains(&input.name()))
        .collect();
    if args.resume && !sink.finished().is_empty() {
        eprintln!(
            "bodycopy batch: resuming: {} input(s) already done, {} to go",
            sink.finished().len(),
            todo.len()
        );
    }
    let threads = args
        .threads
        .map(usize::from)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let ctx = Context {
        extractor: Extractor::new(Config {
            favor: args.favor.into(),
            limits: Limits {
                max_input_bytes: args.max_bytes,
                ..Limits::default()
            },
            with_metadata: !args.text_only,
            ..Config::default()
        }),
        max_bytes: args.max_bytes,
        markdown: args.markdown,
    };
    let caps = Caps {
        max_bytes: args.max_bytes,
    };
    let total: u64 = todo.iter().map(|(_, i)| i.size).sum();
    let mut progress = Progress::new(total, Duration::from_secs(args.log_every.max(1)));
    let mut stats = Stats::default();
    let raw = AtomicU64::new(0);
    let names: BTreeMap<usize, String> = todo.iter().map(|(i, input)| (*i, input.name())).collect();
    let mut write = |outcome: Outcome| -> Result<()> {
        stats.count(&outcome);
        match outcome {
            Outcome::Row(row) => {
                sink.write(*row)?;
                if args
                    .abort_after
                    .is_some_and(|n| stats.kept + stats.failed >= n)
                {
                    sink.flush()?;
                    eprintln!("bodycopy batch: stopping abruptly (--abort-after)");
                    std::process::exit(i32::from(EXIT_INTERNAL));
                }
            }
            Outcome::InputDone(i) => sink.input_done(i, &names[&i])?,
            Outcome::Skipped(_) => {}
        }
        progress.update(&stats, raw.load(Ordering::Relaxed));
        Ok(())
    };
    if threads == 1 {
        run_in_turn(&todo, caps, &raw, &ctx, &mut write)?;
    } else {
        run_pipelined(&todo, caps, &raw, &ctx, threads, &mut write)?;
    }
    sink.close().context("finishing the output")?;
    progress.finish(&stats, raw.load(Ordering::Relaxed), threads);
    Ok(ExitCode::from(EXIT_OK))
}

/// One thread: each item is read, extracted and written before the next is read, on
/// the calling thread. `-j 1` keeps one core busy and no more, for runs of one process
/// per core (a cluster's executors, `xargs -P`).
fn run_in_turn(
    todo: &[(usize, Input)],
    caps: Caps,
    raw: &AtomicU64,
    ctx: &Context,
    write: &mut dyn FnMut(Outcome) -> Result<()>,
) -> Result<()> {
    let mut failure = None;
    let mut handle = |work: Work| -> bool {
        match write(work::process(ctx, work)) {
            Ok(()) => true,
            Err(e) => {
                failure = Some(e);
                false
            }
        }
    };
    read_all(todo, caps, raw, &mut handle);
    failure.map_or(Ok(()), Err)
}

/// N extraction threads between a reader thread and the writer (this thread), which
/// puts the outcomes back in input order.
fn run_pipelined(
    todo: &[(usize, Input)],
    caps: Caps,
    raw: &AtomicU64,
    ctx: &Context,
    threads: usize,
    write: &mut dyn FnMut(Outcome) -> Result<()>,
) -> Result<()> {
    let window = 16 + 8 * threads;
    let (work_tx, work_rx) = bounded::<(u64, Work)>(window);
    let (out_tx, out_rx) = bounded::<(u64, Outcome)>(window);
    let (credit_tx, credit_rx) = bounded::<()>(window);
    for _ in 0..window {
        credit_tx.send(()).expect("the receiver is alive");
    }
    std::thread::scope(|s| {
        s.spawn(move || {
            // one credit per item in flight, each item numbered for the writer
            let mut seq = 0u64;
            let mut send = |work: Work| -> bool {
                if credit_rx.recv().is_err() {
                    return false;
                }
                let ok = work_tx.send((seq, work)).is_ok();
                seq += 1;
                ok
            };
            read_all(todo, caps, raw, &mut send);
        });
        for _ in 0..threads {
            let (rx, tx) = (work_rx.clone(), out_tx.clone());
            s.spawn(move || {
                for (seq, item) in rx.iter() {
                    if tx.send((seq, work::process(ctx, item))).is_err() {
                        break;
                    }
                }
            });
        }
        drop((work_rx, out_tx));
        let result = write_in_order(&out_rx, credit_tx, write);
        drop(out_rx); // on an error: the workers and then the reader stop
        result
    })
}

/// The writer's loop: outcomes back in sequence order, one credit returned per item.
fn write_in_order(
    out_rx: &Receiver<(u64, Outcome)>,
    credit_tx: Sender<()>,
    write: &mut dyn FnMut(Outcome) -> Result<()>,
) -> Result<()> {
    let mut pending = BTreeMap::new();
    let mut next = 0u64;
    for (seq, outcome) in out_rx.iter() {
        pending.insert(seq, outcome);
        while let Some(outcome) = pending.remove(&next) {
            write(outcome)?;
            next += 1;
            let _ = credit_tx.send(());
        }
    }
    Ok(())
}

/// Every input unit in order, each item handed to `send` (false: stop reading).
fn read_all(
    todo: &[(usize, Input)],
    caps: Caps,
    raw: &AtomicU64,
    send: &mut dyn FnMut(Work) -> bool,
) {
    let mut base = 0u64;
    for (index, input) in todo {
        let mut emit = |work: Work, pos: u64| {
            raw.store(base + pos, Ordering::Relaxed);
            send(work)
        };
        match inputs::read(input, caps, &mut emit) {
            Ok(true) => {}
            Ok(false) => return, // the writer stopped
            Err(e) => {
                // an error row, and the input counts as done: its rows so far stay, and a
                // resumed run does not repeat them
                let origin = work::Origin::file(input.name().into());
                if !emit(Work::Failed(origin, format!("read: {e}")), 0) {
                    return;
                }
            }
        }
        base += input.size;
        raw.store(base, Ordering::Relaxed);
        if !send(Work::InputDone(*index)) {
            return;
        }
    }
}
