//! `bodycopy extract`: one page (file, URL, stdin) or a folder of pages.

use std::fs;
use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use bodycopy::{Config, Document, Extractor, Favor, Limits, PageInfo};
use rayon::prelude::*;
use serde_json::Value;

use crate::fetch::{self, FetchArgs, FetchOptions};

/// Exit code: success (for a folder: at least one page extracted and no internal error).
pub const EXIT_OK: u8 = 0;
/// Exit code: an internal error or an exceeded limit (input over `--max-bytes`,
/// too many nodes or attributes, nesting too deep, time budget).
pub const EXIT_INTERNAL: u8 = 1;
/// Exit code: bad input: unreadable or missing file, empty input, binary data,
/// bad URL, failed fetch, HTTP error status.
pub const EXIT_BAD_INPUT: u8 = 2;
/// Exit code: the page was read but holds no main content (empty text).
pub const EXIT_NO_CONTENT: u8 = 3;

/// Pages handed to the thread pool at a time in folder mode (bounds memory while
/// keeping the output in sorted order).
const BATCH: usize = 256;

const AFTER_HELP: &str = "\
Inputs:
  FILE      an HTML file; `.gz` files are decompressed
  FOLDER    every *.html, *.htm, *.html.gz and *.htm.gz below it (recursively,
            sorted by path), extracted in parallel; output is JSON Lines on stdout
            in path order, one object per page: {\"path\", the --format json fields,
            \"error\": null or a message}; --format is ignored unless --output-dir
            is given, which writes one file per page instead (sub-folders mirrored,
            `a/page.html` -> `DIR/a/page.txt|.md|.html|.json`)
  URL       an http:// or https:// URL, fetched (redirects followed, User-Agent
            bodycopy/<version>); its Content-Type and final URL are used unless
            --content-type / --url are given
  -         standard input

Comments (--comments): in txt output they follow the body after a line
`--- comments ---`; in markdown after a `---` rule and a `## Comments` heading;
in html in a final <section class=\"comments\">; in json they are the
\"comments\" field.

Exit codes:
  0  success; for a folder: at least one page extracted and no internal error
  1  internal error or a limit exceeded (input over --max-bytes, too many nodes
     or attributes, nesting too deep, time budget); for a folder: any page did
  2  bad input: unreadable file, empty input, not HTML, bad URL, fetch failure,
     HTTP error status; for a folder: no page extracted and at least one was bad
  3  no main content extracted (json output still prints the metadata); for a
     folder: every page was empty
Each failure is reported on stderr as one line: `bodycopy: <input>: <message>`.";

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Plain text.
    Txt,
    /// Markdown (CommonMark + GFM tables).
    Markdown,
    /// Clean HTML (a safe subset of tags, absolute URLs).
    Html,
    /// JSON with metadata and typed blocks.
    Json,
}

impl From<Format> for bodycopy::output::Format {
    fn from(f: Format) -> Self {
        match f {
            Format::Txt => bodycopy::output::Format::Txt,
            Format::Markdown => bodycopy::output::Format::Markdown,
            Format::Html => bodycopy::output::Format::Html,
            Format::Json => bodycopy::output::Format::Json,
        }
    }
}

impl Format {
    fn extension(self) -> &'static str {
        bodycopy::output::Format::from(self).extension()
    }
}

/// Precision/recall preference.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum FavorArg {
    /// The default balance.
    Balanced,
    /// Drop uncertain blocks (less boilerplate, may lose some text).
    Precision,
    /// Keep uncertain blocks (more text, may keep some boilerplate).
    Recall,
}

impl From<FavorArg> for Favor {
    fn from(f: FavorArg) -> Favor {
        match f {
            FavorArg::Balanced => Favor::Balanced,
            FavorArg::Precision => Favor::Precision,
            FavorArg::Recall => Favor::Recall,
        }
    }
}

/// Arguments of `bodycopy extract`.
#[derive(clap::Args)]
#[command(after_long_help = AFTER_HELP)]
pub struct Args {
    /// A file, a folder, an http(s) URL, or `-` for standard input.
    pub input: String,
    /// Output format.
    #[arg(long, short, value_enum, default_value = "txt")]
    pub format: Format,
    /// Lean towards precision or recall for uncertain blocks.
    #[arg(long, value_enum, default_value = "balanced")]
    pub favor: FavorArg,
    /// Also extract reader comments (see below for where they go).
    #[arg(long)]
    pub comments: bool,
    /// Start the output with the title (`# Title` in Markdown, `<h1>` in HTML).
    #[arg(long)]
    pub title: bool,
    /// Keep link targets (Markdown links).
    #[arg(long)]
    pub links: bool,
    /// Keep images.
    #[arg(long)]
    pub images: bool,
    /// Drop tables.
    #[arg(long)]
    pub no_tables: bool,
    /// The page's URL, used to resolve relative links (default for a URL input: its final URL).
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
    /// The page's HTTP Content-Type, whose charset is trusted first
    /// (default for a URL input: the response's).
    #[arg(long, value_name = "TYPE")]
    pub content_type: Option<String>,
    /// With a folder input: write one output file per page into DIR instead of JSON Lines.
    #[arg(long, short, value_name = "DIR")]
    pub output_dir: Option<PathBuf>,
    /// Reading and fetching limits.
    #[command(flatten)]
    pub fetch: FetchArgs,
}

/// A failed page: an exit code and a one-line message.
#[derive(Clone, Debug)]
pub(crate) struct Failure {
    pub(crate) code: u8,
    message: String,
}

impl Failure {
    pub(crate) fn bad_input(message: impl Into<String>) -> Self {
        Failure {
            code: EXIT_BAD_INPUT,
            message: message.into(),
        }
    }

    fn internal(message: impl Into<String>) -> Self {
        Failure {
            code: EXIT_INTERNAL,
            message: message.into(),
        }
    }

    pub(crate) fn no_content() -> Self {
        Failure {
            code: EXIT_NO_CONTENT,
            message: "no main content found".to_string(),
        }
    }

    fn too_large(max: usize) -> Self {
        Failure::internal(format!(
            "the input is larger than {max} bytes (--max-bytes)"
        ))
    }

    pub(crate) fn report(&self, input: &str) {
        eprintln!("bodycopy: {input}: {}", self.message);
    }
}

impl From<bodycopy::Error> for Failure {
    /// Bad input exits 2, everything else (limits included) 1.
    fn from(e: bodycopy::Error) -> Self {
        Failure {
            code: if e.kind().is_bad_input() {
                EXIT_BAD_INPUT
            } else {
                EXIT_INTERNAL
            },
            message: e.to_string(),
        }
    }
}

/// Settings shared by every page of a run.
struct Run {
    extractor: Extractor,
    format: Format,
    options: bodycopy::output::RenderOptions,
    url: Option<String>,
    content_type: Option<String>,
    max_bytes: usize,
}

/// One page's bytes and what is known about them.
pub(crate) struct Page {
    pub(crate) bytes: Vec<u8>,
    pub(crate) url: Option<String>,
    pub(crate) content_type: Option<String>,
}

/// Run the subcommand.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let fetch = args.fetch.options();
    let max_bytes = fetch.max_bytes;
    if let Some(u) = &args.url {
        if let Err(e) = url::Url::parse(u) {
            Failure::bad_input(format!("bad --url {u}: {e}")).report(&args.input);
            return Ok(ExitCode::from(EXIT_BAD_INPUT));
        }
    }
    let input = args.input.as_str();
    let is_dir = input != "-" && !fetch::is_http_url(input) && Path::new(input).is_dir();
    // a folder without --output-dir gives JSON Lines whatever the format
    let json = args.format == Format::Json || (is_dir && args.output_dir.is_none());
    let config = Config {
        favor: args.favor.into(),
        include_comments: args.comments,
        include_tables: !args.no_tables,
        include_images: args.images,
        include_links: args.links,
        limits: Limits {
            max_input_bytes: max_bytes,
            ..Limits::default()
        },
        // text, Markdown and HTML carry no metadata but the title: the dates, authors,
        // language and tags are worked out for JSON only
        with_metadata: json,
        ..Config::default()
    };
    let run = Run {
        extractor: Extractor::new(config),
        format: args.format,
        options: bodycopy::output::RenderOptions {
            title: args.title,
            comments: args.comments,
        },
        url: args.url.clone(),
        content_type: args.content_type.clone(),
        max_bytes,
    };
    if is_dir {
        return run_folder(&run, Path::new(input), args.output_dir.as_deref());
    }
    if args.output_dir.is_some() {
        Failure::bad_input("--output-dir needs a folder input").report(input);
        return Ok(ExitCode::from(EXIT_BAD_INPUT));
    }
    let outcome = match read_input(input, &fetch) {
        Ok(p) => extract_page(&run, &p),
        Err(failure) => Outcome::failed(failure),
    };
    let mut stdout = io::stdout().lock();
    // a page without content still prints its metadata in json
    if let Some(doc) = &outcome.doc {
        if outcome.failure.is_none() || run.format == Format::Json {
            writeln!(stdout, "{}", render(doc, run.format, &run.options))?;
            stdout.flush()?;
        }
    }
    match outcome.failure {
        None => Ok(ExitCode::from(EXIT_OK)),
        Some(failure) => {
            failure.report(input);
            Ok(ExitCode::from(failure.code))
        }
    }
}

/// Read one page: `-` (standard input), an http(s) URL, or a file (`*.gz`
/// decompressed), at most `opts.max_bytes` of it.
pub(crate) fn read_input(input: &str, opts: &FetchOptions) -> Result<Page, Failure> {
    if input == "-" {
        read_capped(io::stdin().lock(), opts.max_bytes, None)
    } else if fetch::is_http_url(input) {
        fetch_page(input, opts)
    } else if input.contains("://") {
        Err(Failure::bad_input(
            "bad URL: only http:// and https:// URLs are supported",
        ))
    } else {
        read_file(Path::new(input), opts.max_bytes)
    }
}

/// Fetch a URL input into a [`Page`].
fn fetch_page(input: &str, opts: &FetchOptions) -> Result<Page, Failure> {
    match fetch::fetch(input, opts) {
        Ok(f) => Ok(Page {
            bytes: f.body,
            url: Some(f.final_url),
            content_type: f.content_type,
        }),
        Err(e) if e.is_limit() => Err(Failure::internal(e.to_string())),
        Err(e) => Err(Failure::bad_input(e.to_string())),
    }
}

/// Read at most `max` bytes (`expected`: the size when known, to allocate once); more is
/// a limit failure.
fn read_capped(reader: impl Read, max: usize, expected: Option<u64>) -> Result<Page, Failure> {
    let expected = expected.map_or(0, |n| usize::try_from(n).unwrap_or(max).min(max));
    let mut bytes = Vec::with_capacity(expected.saturating_add(1));
    reader
        .take(max as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Failure::bad_input(format!("cannot read: {e}")))?;
    if bytes.len() > max {
        return Err(Failure::too_large(max));
    }
    Ok(Page {
        bytes,
        url: None,
        content_type: None,
    })
}

/// Read a file, decompressing `*.gz`.
fn read_file(path: &Path, max: usize) -> Result<Page, Failure> {
    let file = fs::File::open(path).map_err(|e| Failure::bad_input(io_message(&e)))?;
    if is_gzip_name(path) {
        read_capped(
            flate2::read::MultiGzDecoder::new(io::BufReader::new(file)),
            max,
            None,
        )
        .map_err(|f| {
            if f.code == EXIT_BAD_INPUT {
                Failure::bad_input(format!("{} (not a valid gzip file?)", f.message))
            } else {
                f
            }
        })
    } else {
        let size = file.metadata().ok().map(|m| m.len());
        read_capped(file, max, size)
    }
}

fn io_message(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file or folder".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => format!("cannot read: {e}"),
    }
}

/// What became of one page: its document (also kept for a page without
/// content, for the metadata) and its failure, if any.
struct Outcome {
    doc: Option<Document>,
    failure: Option<Failure>,
}

impl Outcome {
    fn failed(failure: Failure) -> Self {
        Outcome {
            doc: None,
            failure: Some(failure),
        }
    }
}

/// Extract one page. A page without content fails with [`EXIT_NO_CONTENT`] and
/// still hands back its document.
fn extract_page(run: &Run, page: &Page) -> Outcome {
    let info = PageInfo {
        url: run.url.as_deref().or(page.url.as_deref()),
        content_type: run.content_type.as_deref().or(page.content_type.as_deref()),
    };
    match run.extractor.extract(&page.bytes, &info) {
        Err(e) => Outcome::failed(Failure::from(e)),
        Ok(doc) if doc.text().trim().is_empty() => Outcome {
            doc: Some(doc),
            failure: Some(Failure::no_content()),
        },
        Ok(doc) => Outcome {
            doc: Some(doc),
            failure: None,
        },
    }
}

/// Render a document (title and comments included when asked for; see the help text).
fn render(doc: &Document, format: Format, options: &bodycopy::output::RenderOptions) -> String {
    doc.render(format.into(), options)
}

// ---------------------------------------------------------------- folders

/// The outcome of one page of a folder.
struct FolderItem {
    path: PathBuf,
    doc: Option<Document>,
    failure: Option<Failure>,
}

/// True for `*.gz` names (case-insensitive).
fn is_gzip_name(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("gz"))
}

/// The file name without its page extension, if it is a page
/// (`*.html`, `*.htm`, `*.html.gz`, `*.htm.gz`, case-insensitive).
fn page_stem(name: &str) -> Option<&str> {
    let lower = name.to_ascii_lowercase();
    [".html.gz", ".htm.gz", ".html", ".htm"]
        .iter()
        .find(|ext| lower.ends_with(*ext) && lower.len() > ext.len())
        .map(|ext| &name[..name.len() - ext.len()])
}

/// Every page below `dir`, sorted by path; unreadable sub-folders become failures.
fn collect_pages(dir: &Path, pages: &mut Vec<FolderItem>) -> io::Result<()> {
    let mut entries = fs::read_dir(dir)?.collect::<io::Result<Vec<_>>>()?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let file_type = entry.file_type()?;
        if file_type.is_dir() {
            if let Err(e) = collect_pages(&path, pages) {
                pages.push(FolderItem {
                    path,
                    doc: None,
                    failure: Some(Failure::bad_input(io_message(&e))),
                });
            }
        } else if (file_type.is_file() || (file_type.is_symlink() && path.is_file()))
            && page_stem(&entry.file_name().to_string_lossy()).is_some()
        {
            pages.push(FolderItem {
                path,
                doc: None,
                failure: None,
            });
        }
    }
    Ok(())
}

/// Where a page's output goes with `--output-dir`: sub-folders mirrored, the page
/// extension replaced by the format's.
fn output_path(out_dir: &Path, root: &Path, page: &Path, format: Format) -> PathBuf {
    let rel = page.strip_prefix(root).unwrap_or(page);
    let name = rel
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = page_stem(&name).unwrap_or(&name);
    let file = format!("{stem}.{}", format.extension());
    match rel.parent() {
        Some(parent) => out_dir.join(parent).join(file),
        None => out_dir.join(file),
    }
}

fn run_folder(run: &Run, root: &Path, out_dir: Option<&Path>) -> anyhow::Result<ExitCode> {
    let label = root.display().to_string();
    let mut items = Vec::new();
    if let Err(e) = collect_pages(root, &mut items) {
        Failure::bad_input(io_message(&e)).report(&label);
        return Ok(ExitCode::from(EXIT_BAD_INPUT));
    }
    if items.is_empty() {
        Failure::bad_input("no *.html, *.htm, *.html.gz or *.htm.gz pages in the folder")
            .report(&label);
        return Ok(ExitCode::from(EXIT_BAD_INPUT));
    }
    if let Some(dir) = out_dir {
        if let Err(e) = fs::create_dir_all(dir) {
            Failure::internal(format!("cannot create the output folder: {e}"))
                .report(&dir.display().to_string());
            return Ok(ExitCode::from(EXIT_INTERNAL));
        }
    }
    let mut stdout = BufWriter::new(io::stdout().lock());
    let (mut ok, mut internal, mut bad) = (0usize, 0usize, 0usize);
    for batch in items.chunks_mut(BATCH) {
        batch.par_iter_mut().for_each(|item| {
            if item.failure.is_some() {
                return;
            }
            let outcome = match read_file(&item.path, run.max_bytes) {
                Ok(p) => extract_page(run, &p),
                Err(failure) => Outcome::failed(failure),
            };
            item.doc = outcome.doc;
            item.failure = outcome.failure;
            if let Some(dir) = out_dir {
                if let Err(failure) = write_output(run, dir, root, item) {
                    item.failure = Some(failure);
                }
            }
        });
        for item in batch.iter_mut() {
            let path = item.path.display().to_string();
            match &item.failure {
                None => ok += 1,
                Some(f) => {
                    f.report(&path);
                    match f.code {
                        EXIT_INTERNAL => internal += 1,
                        EXIT_BAD_INPUT => bad += 1,
                        _ => {}
                    }
                }
            }
            if out_dir.is_none() {
                let line = jsonl_line(&path, item);
                serde_json::to_writer(&mut stdout, &line)?;
                stdout.write_all(b"\n")?;
            }
            // free the batch's documents before the next one
            item.doc = None;
        }
        stdout.flush()?;
    }
    let code = if internal > 0 {
        EXIT_INTERNAL
    } else if ok > 0 {
        EXIT_OK
    } else if bad > 0 {
        EXIT_BAD_INPUT
    } else {
        EXIT_NO_CONTENT
    };
    Ok(ExitCode::from(code))
}

/// Write one page's output file (a page without content still gets its JSON).
fn write_output(run: &Run, dir: &Path, root: &Path, item: &FolderItem) -> Result<(), Failure> {
    let Some(doc) = &item.doc else {
        return Ok(());
    };
    if item.failure.is_some() && run.format != Format::Json {
        return Ok(());
    }
    let target = output_path(dir, root, &item.path, run.format);
    let write = || -> io::Result<()> {
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)?;
        }
        let mut text = render(doc, run.format, &run.options);
        text.push('\n');
        fs::write(&target, text)
    };
    write().map_err(|e| Failure::internal(format!("cannot write {}: {e}", target.display())))
}

/// One JSON Lines object: `path`, the document's JSON fields, and `error`.
fn jsonl_line(path: &str, item: &FolderItem) -> Value {
    let mut obj = serde_json::Map::new();
    obj.insert("path".to_string(), Value::String(path.to_string()));
    if let Some(Value::Object(fields)) = item.doc.as_ref().map(Document::json) {
        obj.extend(fields);
    }
    obj.insert(
        "error".to_string(),
        item.failure
            .as_ref()
            .map_or(Value::Null, |f| Value::String(f.message.clone())),
    );
    Value::Object(obj)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_names() {
        assert_eq!(page_stem("a.html"), Some("a"));
        assert_eq!(page_stem("A.HTM"), Some("A"));
        assert_eq!(page_stem("a.b.html.gz"), Some("a.b"));
        assert_eq!(page_stem("a.htm.gz"), Some("a"));
        assert_eq!(page_stem("a.txt"), None);
        assert_eq!(page_stem("a.gz"), None);
        assert_eq!(page_stem(".html"), None);
    }

    #[test]
    fn output_paths_mirror_folders() {
        let p = output_path(
            Path::new("/out"),
            Path::new("/in"),
            Path::new("/in/sub/page.html.gz"),
            Format::Markdown,
        );
        assert_eq!(p, Path::new("/out/sub/page.md"));
    }
}
