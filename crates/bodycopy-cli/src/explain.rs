//! `bodycopy explain`: every candidate block of one page with its decision
//! (kept or dropped), the rule or score behind it, where it is and how it starts.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use bodycopy::{Config, Decision, ExplainedBlock, Explanation, Extractor, Limits, PageInfo};
use serde_json::json;

use crate::extract::{self, Failure, FavorArg, EXIT_BAD_INPUT, EXIT_OK};
use crate::fetch::FetchArgs;

const AFTER_HELP: &str = "\
Each row is one candidate block: an element holding text of its own (a <p>,
an <li>, a <div> with loose text) or an element the chrome rules marked. The
columns are its id, the decision, the rule or score behind it, a short CSS
path and the start of its text. A block kept in part says which rule dropped
the rest (`; part dropped: ...`).

--json prints {\"blocks\": [...], \"kept\": N, \"dropped\": N, \"document\": {...}}
with the blocks' id, tag, path, decision, rule, text_start and text_chars, and
the document as `bodycopy extract -f json` gives it.
--annotated FILE writes the page as safe HTML (no scripts, frames or event
handlers), each block's element carrying data-bc-id, data-bc-decision and
data-bc-rule.

Exit codes: as for `bodycopy extract` (0, 1 internal or limit, 2 bad input,
3 no main content: the blocks are still printed).";

/// When to colour the decisions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorArg {
    /// When standard output is a terminal and `NO_COLOR` is not set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// Arguments of `bodycopy explain`.
#[derive(clap::Args)]
#[command(after_long_help = AFTER_HELP)]
pub struct Args {
    /// A file, an http(s) URL, or `-` for standard input.
    pub input: String,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Write the annotated page (safe HTML with the decisions) to FILE.
    #[arg(long, value_name = "FILE")]
    pub annotated: Option<PathBuf>,
    /// Colour the decisions.
    #[arg(long, value_enum, default_value = "auto")]
    pub color: ColorArg,
    /// Lean towards precision or recall for uncertain blocks.
    #[arg(long, value_enum, default_value = "balanced")]
    pub favor: FavorArg,
    /// The page's URL (default for a URL input: its final URL).
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
    /// The page's HTTP Content-Type (default for a URL input: the response's).
    #[arg(long, value_name = "TYPE")]
    pub content_type: Option<String>,
    /// Reading and fetching limits.
    #[command(flatten)]
    pub fetch: FetchArgs,
}

/// Run the subcommand.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let input = args.input.as_str();
    let fetch = args.fetch.options();
    if let Some(Err(e)) = args.url.as_deref().map(url::Url::parse) {
        Failure::bad_input(format!("bad --url: {e}")).report(input);
        return Ok(ExitCode::from(EXIT_BAD_INPUT));
    }
    let page = match extract::read_input(input, &fetch) {
        Ok(p) => p,
        Err(failure) => {
            failure.report(input);
            return Ok(ExitCode::from(failure.code));
        }
    };
    let config = Config {
        favor: args.favor.into(),
        limits: Limits {
            max_input_bytes: fetch.max_bytes,
            ..Limits::default()
        },
        ..Config::default()
    };
    let info = PageInfo {
        url: args.url.as_deref().or(page.url.as_deref()),
        content_type: args
            .content_type
            .as_deref()
            .or(page.content_type.as_deref()),
    };
    let ex = match Extractor::new(config).explain(&page.bytes, &info) {
        Ok(ex) => ex,
        Err(e) => {
            let failure = Failure::from(e);
            failure.report(input);
            return Ok(ExitCode::from(failure.code));
        }
    };
    if let Some(path) = &args.annotated {
        std::fs::write(path, &ex.annotated_html)
            .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
    }
    let mut out = io::stdout().lock();
    if args.json {
        writeln!(out, "{}", serde_json::to_string_pretty(&to_json(&ex))?)?;
    } else {
        let color = match args.color {
            ColorArg::Always => true,
            ColorArg::Never => false,
            ColorArg::Auto => io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
        };
        write_table(&mut out, &ex.blocks, color)?;
    }
    out.flush()?;
    if ex.document.text().trim().is_empty() {
        let failure = Failure::no_content();
        failure.report(input);
        return Ok(ExitCode::from(failure.code));
    }
    Ok(ExitCode::from(EXIT_OK))
}

fn to_json(ex: &Explanation) -> serde_json::Value {
    let kept = count(&ex.blocks, Decision::Kept);
    json!({
        "blocks": ex.blocks,
        "kept": kept,
        "dropped": ex.blocks.len() - kept,
        "document": ex.document.json(),
    })
}

fn count(blocks: &[ExplainedBlock], decision: Decision) -> usize {
    blocks.iter().filter(|b| b.decision == decision).count()
}

/// Widest rule column, in characters.
const RULE_WIDTH: usize = 48;
/// Widest path column (the end of a longer path is kept: its most specific part).
const PATH_WIDTH: usize = 40;
/// Widest text column.
const TEXT_WIDTH: usize = 60;

/// One row per block, then a count.
fn write_table(out: &mut impl Write, blocks: &[ExplainedBlock], color: bool) -> io::Result<()> {
    writeln!(
        out,
        "{:>4}  {:<8}  {:<RULE_WIDTH$}  {:<PATH_WIDTH$}  TEXT",
        "ID", "DECISION", "RULE", "PATH"
    )?;
    for b in blocks {
        let (word, paint) = match b.decision {
            Decision::Kept => ("kept", "\x1b[32m"),
            Decision::Dropped => ("dropped", "\x1b[31m"),
        };
        let decision = if color {
            format!("{paint}{word:<8}\x1b[0m")
        } else {
            format!("{word:<8}")
        };
        writeln!(
            out,
            "{:>4}  {decision}  {:<RULE_WIDTH$}  {:<PATH_WIDTH$}  {}",
            b.id,
            head(&b.rule, RULE_WIDTH),
            tail(&b.path, PATH_WIDTH),
            head(&b.text_start, TEXT_WIDTH),
        )?;
    }
    let kept = count(blocks, Decision::Kept);
    writeln!(
        out,
        "{} blocks: {kept} kept, {} dropped",
        blocks.len(),
        blocks.len() - kept
    )
}

/// The first `width` characters, `…` marking a cut.
fn head(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        return s.to_string();
    }
    let mut cut: String = s.chars().take(width - 1).collect();
    cut.push('…');
    cut
}

/// The last `width` characters, `…` marking a cut.
fn tail(s: &str, width: usize) -> String {
    let n = s.chars().count();
    if n <= width {
        return s.to_string();
    }
    let mut cut = String::from("…");
    cut.extend(s.chars().skip(n - (width - 1)));
    cut
}
