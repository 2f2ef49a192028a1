//! `bodycopy eval`: score one or more benchmark dataset folders.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use bodycopy::{Config, Favor};
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
}

/// Run the subcommand. Exits with status 1 when any page failed to extract (the failures
/// are listed and scored as empty output).
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let config = Config {
        favor: args.favor.into(),
        ..Config::default()
    };
    let mut reports = Vec::new();
    let mut any_error = false;
    for path in &args.datasets {
        let ds = Dataset::load(path).with_context(|| format!("loading {}", path.display()))?;
        let run = run_dataset_threads(&ds, &config, args.jobs);
        drop(ds);
        let rep = Report::from_run(&run);
        any_error |= !rep.errors.is_empty();
        if let Some(dir) = &args.out {
            let file = report::write_pages(&run, dir, args.save_text)
                .with_context(|| format!("writing results under {}", dir.display()))?;
            if !args.json {
                eprintln!("wrote {}", file.display());
            }
        }
        if !args.json {
            let mut out = std::io::stdout().lock();
            out.write_all(rep.table().as_bytes())?;
            out.flush()?;
        }
        reports.push(rep);
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
