//! `bodycopy extract`: one page (file, URL, stdin) or a folder of pages.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use bodycopy::{Config, Extractor, PageInfo};

/// Exit code: the input could not be read or is not HTML.
pub const EXIT_BAD_INPUT: u8 = 2;
/// Exit code: the page holds no main content.
pub const EXIT_NO_CONTENT: u8 = 3;
/// Exit code: an internal error or an exceeded limit.
pub const EXIT_INTERNAL: u8 = 1;

/// Output formats.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum Format {
    /// Plain text.
    Txt,
    /// Markdown.
    Markdown,
    /// JSON with metadata.
    Json,
}

/// Arguments of `bodycopy extract`.
#[derive(clap::Args)]
pub struct Args {
    /// A file, a folder, a URL, or `-` for standard input.
    pub input: String,
    /// Output format.
    #[arg(long, short, value_enum, default_value = "txt")]
    pub format: Format,
    /// Base URL of a file's page.
    #[arg(long)]
    pub url: Option<String>,
}

/// Run the subcommand.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let bytes = if args.input == "-" {
        let mut b = Vec::new();
        std::io::stdin().read_to_end(&mut b)?;
        b
    } else {
        std::fs::read(&args.input).with_context(|| format!("reading {}", args.input))?
    };
    let extractor = Extractor::new(Config::default());
    let page = PageInfo {
        url: args.url.as_deref(),
        content_type: None,
    };
    let doc = match extractor.extract(&bytes, &page) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("bodycopy: {}: {e}", args.input);
            return Ok(ExitCode::from(EXIT_BAD_INPUT));
        }
    };
    let out = match args.format {
        Format::Txt => doc.text(),
        Format::Markdown => doc.markdown(),
        Format::Json => serde_json::to_string_pretty(&doc.json())?,
    };
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{out}")?;
    Ok(ExitCode::SUCCESS)
}
