//! The `bodycopy` command.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod batch;
mod bench;
mod clean;
mod eval;
mod explain;
mod extract;
mod fetch;
mod serve;

/// mimalloc: the pipeline allocates many small strings per page, and glibc's allocator
/// spent about a tenth of the extraction's instructions on them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Turn web pages into their articles: body copy and metadata, without the chrome.
#[derive(Parser)]
#[command(name = "bodycopy", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract the main content of a page (file, folder, URL or `-` for stdin).
    Extract(extract::Args),
    /// Show why each block of a page was kept or dropped (file, URL or `-`).
    Explain(explain::Args),
    /// Score extraction on a benchmark dataset folder.
    Eval(eval::Args),
    /// Measure single-thread throughput over benchmark dataset folders, per stage.
    Bench(bench::Args),
    /// Clean text that was extracted with its chrome (file, folder, `-`, or JSONL).
    Clean(clean::Args),
    /// Extract WARC files, JSON Lines or HTML folders into one JSONL or Parquet corpus.
    Batch(batch::Args),
    /// Serve extraction over HTTP, with a playground page at `/`.
    Serve(serve::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(a) => extract::run(a),
        Command::Explain(a) => explain::run(a),
        Command::Eval(a) => eval::run(a),
        Command::Bench(a) => bench::run(a),
        Command::Clean(a) => clean::run(a),
        Command::Batch(a) => batch::run(a),
        Command::Serve(a) => serve::run(a),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            if is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            eprintln!("bodycopy: {e:#}");
            ExitCode::from(extract::EXIT_INTERNAL)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
