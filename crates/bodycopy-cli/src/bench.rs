//! `bodycopy bench`: single-thread throughput over whole datasets, per stage.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use bodycopy::{Config, Extractor};
use bodycopy_eval::{bench, Dataset};

/// Arguments of `bodycopy bench`.
#[derive(clap::Args)]
pub struct Args {
    /// Dataset folders (each with `html/` and `truth/`, as for `bodycopy eval`).
    #[arg(required = true, num_args = 1..)]
    pub datasets: Vec<PathBuf>,
    /// Timed passes over each dataset (the figures are over all passes).
    #[arg(long, default_value_t = 1)]
    pub passes: usize,
    /// Print the reports as JSON (an array, one object per dataset).
    #[arg(long)]
    pub json: bool,
}

/// Run the subcommand on the calling thread (one core).
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let extractor = Extractor::new(Config::default());
    let mut reports = Vec::new();
    for path in &args.datasets {
        let dataset = Dataset::load(path).with_context(|| format!("loading {}", path.display()))?;
        let report = bench(&dataset, &extractor, args.passes);
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
