//! `bodycopy eval`: score one or more benchmark dataset folders.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use bodycopy::{Config, Favor};
use bodycopy_eval::metadata::{self, MetaReport};
use bodycopy_eval::{report, run_dataset_threads, Dataset, Report};

/// Which way the extractor leans (maps to `bodycopy::Favor`).
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum FavorArg {
    /// Less chrome, may lose some text.
    Precision,
    /// More text, may keep some chrome.
    Recall,
    /// The default balance.
    Balanced,
}

impl From<FavorArg> for Favor {
    fn from(f: FavorArg) -> Favor {
        match f {
            FavorArg::Precision => Favor::Precision,
            FavorArg::Recall => Favor::Recall,
            FavorArg::Balanced => Favor::Balanced,
        }
    }
}

/// Arguments of `bodycopy eval`.
#[derive(clap::Args)]
pub struct Args {
    /// Dataset folders (each with `html/` and `truth/`).
    #[arg(required = true, num_args = 1..)]
    pub datasets: Vec<PathBuf>,
    /// Precision/recall preference of the extractor.
    #[arg(long, value_enum, default_value = "balanced")]
    pub favor: FavorArg,
    /// Print the reports as JSON (an array, one object per dataset).
    #[arg(long)]
    pub json: bool,
    /// Write per-page results to `DIR/<dataset>.jsonl`.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// With `--out`, also write each output text to `DIR/<dataset>/<id>.txt`.
    #[arg(long, requires = "out")]
    pub save_text: bool,
    /// Worker threads (speed figures are per-core sums of page times; 1 gives the cleanest
    /// timing).
    #[arg(long, short = 'j', default_value_t = 1)]
    pub jobs: usize,
    /// Score metadata instead of body text: exact-match rates of title, author, date (day),
    /// site name and language, and page-type accuracy with a confusion table (definitions in
    /// `bodycopy_eval::metadata`). With `--out`, writes `DIR/<dataset>.metadata.jsonl`.
    #[arg(long, conflicts_with = "save_text")]
    pub metadata: bool,
}

/// Run the subcommand. Exits with status 1 when any page failed to extract (the failures
/// are listed and scored as empty output).
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let config = Config {
        favor: args.favor.into(),
        ..Config::default()
    };
    if args.metadata {
        return over_datasets(&args, |ds| {
            let pages = metadata::run_metadata(ds, &config, args.jobs)
                .with_context(|| format!("reading the truth of {}", ds.path.display()))?;
            let written = match &args.out {
                Some(dir) => Some(metadata::write_pages(&ds.name, &pages, dir)?),
                None => None,
            };
            let rep = MetaReport::from_pages(&ds.name, &pages);
            Ok(Scored {
                table: rep.table(),
                failed: rep.errors > 0,
                report: serde_json::to_value(&rep)?,
                written,
            })
        });
    }
    over_datasets(&args, |ds| {
        let run = run_dataset_threads(ds, &config, args.jobs);
        let written = match &args.out {
            Some(dir) => Some(report::write_pages(&run, dir, args.save_text)?),
            None => None,
        };
        let rep = Report::from_run(&run);
        Ok(Scored {
            table: rep.table(),
            failed: !rep.errors.is_empty(),
            report: serde_json::to_value(&rep)?,
            written,
        })
    })
}

/// What scoring one dataset gave.
struct Scored {
    /// The report, as JSON.
    report: serde_json::Value,
    table: String,
    /// Some page failed to extract.
    failed: bool,
    /// The per-page file written under `--out`.
    written: Option<PathBuf>,
}

/// Load and score every dataset, print the tables (or the reports as one JSON array) and
/// return the exit status.
fn over_datasets(
    args: &Args,
    mut score: impl FnMut(&Dataset) -> anyhow::Result<Scored>,
) -> anyhow::Result<ExitCode> {
    let mut reports = Vec::new();
    let mut any_error = false;
    for path in &args.datasets {
        let ds = Dataset::load(path).with_context(|| format!("loading {}", path.display()))?;
        let scored = score(&ds).with_context(|| format!("scoring {}", path.display()))?;
        drop(ds);
        any_error |= scored.failed;
        if !args.json {
            if let Some(file) = &scored.written {
                eprintln!("wrote {}", file.display());
            }
            let mut out = std::io::stdout().lock();
            out.write_all(scored.table.as_bytes())?;
            out.flush()?;
        }
        reports.push(scored.report);
    }
    if args.json {
        let mut out = std::io::stdout().lock();
        writeln!(out, "{}", serde_json::to_string_pretty(&reports)?)?;
    }
    Ok(if any_error {
        ExitCode::from(crate::extract::EXIT_INTERNAL)
    } else {
        ExitCode::SUCCESS
    })
}
