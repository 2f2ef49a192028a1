//! `bodycopy bench`: single-thread throughput over whole datasets, per stage.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use bodycopy::{Config, Extractor};
use bodycopy_eval::bench::{peak_rss_mb, scaling};
use bodycopy_eval::{bench, Dataset};

/// Arguments of `bodycopy bench`.
#[derive(clap::Args)]
pub struct Args {
    /// Dataset folders (each with `html/` and `truth/`, as for `bodycopy eval`).
    #[arg(required_unless_present = "scaling", num_args = 1..)]
    pub datasets: Vec<PathBuf>,
    /// Instead of datasets: time pages built from copies of this page's body (cost per byte
    /// should stay flat as the page grows), then report the process's peak RSS.
    #[arg(long, value_name = "PAGE", conflicts_with = "datasets")]
    pub scaling: Option<PathBuf>,
    /// With `--scaling`: the numbers of body copies.
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "1,10,100",
        requires = "scaling"
    )]
    pub factors: Vec<usize>,
    /// Timed passes over each dataset (the figures are over all passes).
    #[arg(long, default_value_t = 1)]
    pub passes: usize,
    /// Bench all the datasets' pages as one set, in one run (with `--passes`, RSS after
    /// the last pass against after the first shows whether memory grows with use).
    #[arg(long)]
    pub together: bool,
    /// Print the reports as JSON (an array, one object per dataset).
    #[arg(long)]
    pub json: bool,
    /// Time text-only extraction (no dates, authors, language, tags...: the job of
    /// `trafilatura.extract` and resiliparse's `extract_plain_text`); the text is the same.
    #[arg(long)]
    pub text_only: bool,
}

/// Run the subcommand on the calling thread (one core).
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let extractor = Extractor::new(Config {
        with_metadata: !args.text_only,
        ..Config::default()
    });
    if let Some(page) = &args.scaling {
        return run_scaling(page, &args, &extractor);
    }
    let mut datasets = Vec::new();
    for path in &args.datasets {
        datasets.push(Dataset::load(path).with_context(|| format!("loading {}", path.display()))?);
    }
    if args.together {
        datasets = vec![concatenate(datasets)];
    }
    let mut reports = Vec::new();
    for dataset in &datasets {
        let report = bench(dataset, &extractor, args.passes);
        if !args.json {
            print!("{}", report.to_text());
            std::io::stdout().flush()?;
        }
        reports.push(report);
    }
    if args.json {
        println!("{}", serde_json::to_string_pretty(&reports)?);
    }
    Ok(ExitCode::SUCCESS)
}

/// One dataset holding every page of `datasets`, named after all of them.
fn concatenate(datasets: Vec<Dataset>) -> Dataset {
    let name = datasets
        .iter()
        .map(|d| d.name.as_str())
        .collect::<Vec<_>>()
        .join("+");
    let path = datasets.first().map(|d| d.path.clone()).unwrap_or_default();
    let pages = datasets.into_iter().flat_map(|d| d.pages).collect();
    Dataset { name, path, pages }
}

fn run_scaling(page: &PathBuf, args: &Args, extractor: &Extractor) -> anyhow::Result<ExitCode> {
    let html = std::fs::read(page).with_context(|| format!("reading {}", page.display()))?;
    let points = scaling(&html, &args.factors, extractor);
    let peak = peak_rss_mb();
    if args.json {
        let report = serde_json::json!({ "page": page, "points": points, "peak_rss_mb": peak });
        println!("{}", serde_json::to_string_pretty(&report)?);
        return Ok(ExitCode::SUCCESS);
    }
    println!("{}: body repeated, one thread", page.display());
    for p in &points {
        print!(
            "  x{:<5} {:>11} bytes {:9.4} s {:8.1} MB/s  cost per byte x{:.2}",
            p.factor, p.bytes, p.seconds, p.mb_per_sec, p.relative_cost
        );
        match &p.error {
            Some(e) => println!("  (error: {e})"),
            None => println!(),
        }
    }
    if let Some(rss) = peak {
        println!("  peak RSS {rss:.1} MB");
    }
    Ok(ExitCode::SUCCESS)
}
