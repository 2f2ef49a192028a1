//! `bodycopy clean`: clean text that was extracted badly (whole pages' text, chrome
//! and all): plain text files, folders of them, standard input, or JSONL records;
//! also the evaluation of the cleaner on benchmark datasets (`--eval`).

use std::fs;
use std::io::{self, BufRead, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context};
use bodycopy::textclean::{clean_text_in_site, site_of, CleanedText, SiteLines, TemplateIndex};
use bodycopy_eval::textclean::{throughput, CleanReport, TextCorpus};
use bodycopy_eval::Dataset;
use serde_json::Value;

use crate::extract::{EXIT_BAD_INPUT, EXIT_OK};

/// Arguments of `bodycopy clean`.
#[derive(clap::Args)]
pub struct Args {
    /// Text files, folders of text files (read in name order), or `-` for standard input.
    #[arg(required_unless_present = "eval", num_args = 1..)]
    pub inputs: Vec<PathBuf>,
    /// Inputs are JSON lines: clean one string field of each record and print the record.
    #[arg(long)]
    pub jsonl: bool,
    /// With `--jsonl`: the field holding the text.
    #[arg(long, default_value = "text", value_name = "NAME")]
    pub field: String,
    /// With `--jsonl`: the field holding the page URL; with `--batch`, records are grouped
    /// by the URL's site (host without `www.`).
    #[arg(long, value_name = "NAME")]
    pub url_field: Option<String>,
    /// Cross-document mode: first count every line over all inputs of the same site, then
    /// drop the lines seen on many of them (template). Plain text inputs form one site.
    #[arg(long)]
    pub batch: bool,
    /// Print every line with its decision (keep/drop) and the reason, instead of the text.
    #[arg(long)]
    pub explain: bool,
    /// Evaluate on benchmark dataset folders (`html/`, `truth/`): whole-page text, unclean
    /// vs clean vs batch shingle F1, then the throughput of clean on one core.
    #[arg(long, value_name = "DATASET", num_args = 1.., conflicts_with_all = ["inputs", "jsonl", "explain"])]
    pub eval: Vec<PathBuf>,
    /// With `--eval`: seconds to spend measuring throughput per dataset (0 skips it).
    #[arg(long, default_value_t = 3.0, value_name = "SECONDS")]
    pub bench_seconds: f64,
    /// With `--eval`: write each page's text to `DIR/<dataset>/<id>.txt`, its cleaned text to
    /// `<id>.clean.txt` and its explanation to `<id>.explain.txt`.
    #[arg(long, value_name = "DIR", requires = "eval")]
    pub save: Option<PathBuf>,
}

/// Run the subcommand.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if !args.eval.is_empty() {
        return eval(&args);
    }
    let mut texts = Vec::new();
    for input in &args.inputs {
        match read_input(input) {
            Ok(mut t) => texts.append(&mut t),
            Err(e) => {
                eprintln!("bodycopy: {e:#}");
                return Ok(ExitCode::from(EXIT_BAD_INPUT));
            }
        }
    }
    let mut out = io::stdout().lock();
    let result = if args.jsonl {
        clean_jsonl(&args, &texts, &mut out)
    } else {
        clean_plain(&args, &texts, &mut out)
    };
    match result {
        Ok(()) => {
            out.flush()?;
            Ok(ExitCode::from(EXIT_OK))
        }
        Err(e) if e.downcast_ref::<BadInput>().is_some() => {
            eprintln!("bodycopy: {e:#}");
            Ok(ExitCode::from(EXIT_BAD_INPUT))
        }
        Err(e) => Err(e),
    }
}

/// An input that is not what the options say it is (exit status 2).
#[derive(Debug)]
struct BadInput(String);

impl std::fmt::Display for BadInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BadInput {}

/// One input's name and UTF-8 content.
struct Input {
    name: String,
    text: String,
}

fn read_input(path: &Path) -> anyhow::Result<Vec<Input>> {
    if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        io::stdin().lock().read_to_end(&mut bytes)?;
        return Ok(vec![utf8("-", bytes)?]);
    }
    if path.is_dir() {
        let mut files: Vec<PathBuf> = fs::read_dir(path)
            .with_context(|| format!("reading {}", path.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file())
            .collect();
        files.sort();
        return files
            .iter()
            .map(|f| {
                let bytes = fs::read(f).with_context(|| format!("reading {}", f.display()))?;
                utf8(&f.display().to_string(), bytes)
            })
            .collect();
    }
    let bytes = fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    Ok(vec![utf8(&path.display().to_string(), bytes)?])
}

fn utf8(name: &str, bytes: Vec<u8>) -> anyhow::Result<Input> {
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Input {
            name: name.to_string(),
            text,
        }),
        Err(_) => bail!("{name}: not UTF-8 text"),
    }
}

fn write_cleaned(
    out: &mut impl Write,
    args: &Args,
    text: &str,
    cleaned: &CleanedText,
) -> io::Result<()> {
    if args.explain {
        out.write_all(cleaned.explain(text).as_bytes())
    } else {
        out.write_all(cleaned.text.as_bytes())?;
        if !cleaned.text.is_empty() {
            out.write_all(b"\n")?;
        }
        Ok(())
    }
}

fn clean_plain(args: &Args, inputs: &[Input], out: &mut impl Write) -> anyhow::Result<()> {
    let mut site = SiteLines::default();
    if args.batch {
        for i in inputs {
            site.add(&i.text);
        }
    }
    let many = inputs.len() > 1;
    for i in inputs {
        if many {
            writeln!(out, "==> {} <==", i.name)?;
        }
        let cleaned = clean_text_in_site(&i.text, args.batch.then_some(&site));
        write_cleaned(out, args, &i.text, &cleaned)?;
    }
    Ok(())
}

/// A parsed JSONL record with its text and site.
struct Record {
    value: Value,
    text: String,
    site: Option<String>,
}

fn clean_jsonl(args: &Args, inputs: &[Input], out: &mut impl Write) -> anyhow::Result<()> {
    let mut records = Vec::new();
    for i in inputs {
        for (n, line) in i.text.as_bytes().lines().enumerate() {
            let line = line?;
            if line.trim().is_empty() {
                continue;
            }
            let value: Value = serde_json::from_str(&line)
                .map_err(|e| BadInput(format!("{}:{}: not a JSON line: {e}", i.name, n + 1)))?;
            let text = match value.get(&args.field) {
                Some(Value::String(s)) => s.clone(),
                Some(Value::Null) | None => String::new(),
                Some(_) => {
                    return Err(BadInput(format!(
                        "{}:{}: field {:?} is not a string",
                        i.name,
                        n + 1,
                        args.field
                    ))
                    .into())
                }
            };
            let site = args
                .url_field
                .as_ref()
                .and_then(|f| value.get(f))
                .and_then(Value::as_str)
                .and_then(site_of);
            records.push(Record { value, text, site });
        }
    }
    let mut index = TemplateIndex::new();
    if args.batch {
        for r in &records {
            index.add(r.site.as_deref().unwrap_or(""), &r.text);
        }
    }
    for mut r in records {
        let site = args
            .batch
            .then(|| index.site(r.site.as_deref().unwrap_or("")))
            .flatten();
        let cleaned = clean_text_in_site(&r.text, site);
        if args.explain {
            writeln!(out, "# {}", r.site.as_deref().unwrap_or("(no site)"))?;
            write_cleaned(out, args, &r.text, &cleaned)?;
            continue;
        }
        if let Some(obj) = r.value.as_object_mut() {
            obj.insert(args.field.clone(), Value::String(cleaned.text));
        }
        serde_json::to_writer(&mut *out, &r.value)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

fn eval(args: &Args) -> anyhow::Result<ExitCode> {
    let mut out = io::stdout().lock();
    for path in &args.eval {
        let ds = Dataset::load(path).with_context(|| format!("loading {}", path.display()))?;
        let corpus = TextCorpus::from_dataset(&ds);
        drop(ds);
        if let Some(dir) = &args.save {
            save_corpus(&corpus, &dir.join(&corpus.name))?;
        }
        let report = CleanReport::run(&corpus);
        out.write_all(report.table().as_bytes())?;
        if args.bench_seconds > 0.0 {
            let t = throughput(&corpus, args.bench_seconds);
            let cpu = t
                .mb_per_cpu_s()
                .map(|v| format!("{v:.1} MB/s per CPU-second, "))
                .unwrap_or_default();
            writeln!(
                out,
                "{:<13} clean throughput, one thread: {cpu}{:.1} MB/s wall ({:.1} MB of text in {:.2} s)",
                corpus.name,
                t.mb_per_s(),
                t.bytes as f64 / 1e6,
                t.seconds
            )?;
        }
        out.flush()?;
    }
    Ok(ExitCode::from(EXIT_OK))
}

fn save_corpus(corpus: &TextCorpus, dir: &Path) -> anyhow::Result<()> {
    fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    for d in &corpus.docs {
        let cleaned = bodycopy::clean_text(&d.text);
        fs::write(dir.join(format!("{}.txt", d.id)), &d.text)?;
        fs::write(dir.join(format!("{}.clean.txt", d.id)), &cleaned.text)?;
        fs::write(
            dir.join(format!("{}.explain.txt", d.id)),
            cleaned.explain(&d.text),
        )?;
    }
    Ok(())
}
