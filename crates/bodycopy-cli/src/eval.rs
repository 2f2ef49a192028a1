//! `bodycopy eval`: score a dataset folder.

use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `bodycopy eval`.
#[derive(clap::Args)]
pub struct Args {
    /// Dataset folder (with `html/` and `truth/`).
    pub dataset: PathBuf,
}

/// Run the subcommand.
pub fn run(_args: Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("eval is not built yet")
}
