//! Loading a benchmark dataset folder into memory.
//!
//! Layout: `html/<id>.html` (or `html/<id>.html.gz`, read through a gzip decoder) and
//! `truth/<id>.json` with at least `body` (null or missing means "expect empty"), optionally
//! `id`, `url` and `page_type`.

use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// One page of a dataset: its HTML bytes and its truth.
#[derive(Clone, Debug)]
pub struct Page {
    /// The page id (file stem).
    pub id: String,
    /// The page's URL, when the truth gives one.
    pub url: Option<String>,
    /// The truth's page type (wcxb-dev), when given.
    pub page_type: Option<String>,
    /// The expected main text (empty when the truth expects nothing).
    pub truth: String,
    /// The page bytes exactly as published.
    pub html: Vec<u8>,
}

/// A dataset folder loaded into memory.
#[derive(Clone, Debug)]
pub struct Dataset {
    /// The folder's name (e.g. `scrapinghub`).
    pub name: String,
    /// The folder.
    pub path: PathBuf,
    /// Pages, sorted by id.
    pub pages: Vec<Page>,
}

#[derive(Deserialize)]
struct Truth {
    id: Option<String>,
    url: Option<String>,
    body: Option<String>,
    page_type: Option<String>,
}

fn err(kind: io::ErrorKind, msg: String) -> io::Error {
    io::Error::new(kind, msg)
}

impl Dataset {
    /// Load every page of the folder at `path`.
    pub fn load(path: &Path) -> io::Result<Dataset> {
        let html_dir = path.join("html");
        let truth_dir = path.join("truth");
        if !path.is_dir() {
            return Err(err(
                io::ErrorKind::NotFound,
                format!("dataset folder {} not found", path.display()),
            ));
        }
        if !html_dir.is_dir() || !truth_dir.is_dir() {
            return Err(err(
                io::ErrorKind::NotFound,
                format!(
                    "{} is not a dataset folder: it needs html/ and truth/ subfolders",
                    path.display()
                ),
            ));
        }
        let mut files: Vec<(String, PathBuf, bool)> = Vec::new();
        for entry in fs::read_dir(&html_dir)? {
            let entry = entry?;
            let name = entry.file_name();
            let Some(name) = name.to_str() else { continue };
            let (id, gz) = if let Some(id) = name.strip_suffix(".html.gz") {
                (id, true)
            } else if let Some(id) = name.strip_suffix(".html") {
                (id, false)
            } else {
                continue;
            };
            files.push((id.to_string(), entry.path(), gz));
        }
        files.sort_by(|a, b| a.0.cmp(&b.0));
        if files.is_empty() {
            return Err(err(
                io::ErrorKind::NotFound,
                format!("no .html or .html.gz pages in {}", html_dir.display()),
            ));
        }
        let mut pages = Vec::with_capacity(files.len());
        for (id, file, gz) in files {
            let html = read_html(&file, gz)?;
            let truth_file = truth_dir.join(format!("{id}.json"));
            let bytes = fs::read(&truth_file)
                .map_err(|e| err(e.kind(), format!("reading {}: {e}", truth_file.display())))?;
            let t: Truth = serde_json::from_slice(&bytes).map_err(|e| {
                err(
                    io::ErrorKind::InvalidData,
                    format!("parsing {}: {e}", truth_file.display()),
                )
            })?;
            pages.push(Page {
                id: t.id.unwrap_or(id),
                url: t.url,
                page_type: t.page_type,
                truth: t.body.unwrap_or_default(),
                html,
            });
        }
        let name = path
            .canonicalize()
            .ok()
            .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .unwrap_or_else(|| path.display().to_string());
        Ok(Dataset {
            name,
            path: path.to_path_buf(),
            pages,
        })
    }

    /// Total HTML bytes of the pages.
    pub fn html_bytes(&self) -> u64 {
        self.pages.iter().map(|p| p.html.len() as u64).sum()
    }

    /// True when any page carries a page type.
    pub fn has_page_types(&self) -> bool {
        self.pages.iter().any(|p| p.page_type.is_some())
    }
}

fn read_html(file: &Path, gz: bool) -> io::Result<Vec<u8>> {
    let wrap = |e: io::Error| err(e.kind(), format!("reading {}: {e}", file.display()));
    let raw = fs::read(file).map_err(wrap)?;
    if !gz {
        return Ok(raw);
    }
    let mut out = Vec::with_capacity(raw.len() * 4);
    flate2::read::GzDecoder::new(&raw[..])
        .read_to_end(&mut out)
        .map_err(wrap)?;
    Ok(out)
}

/// The benchmark folder for tests: `BODYCOPY_BENCH`, else `../shared/bench` next to
/// the repository at `repo_root`. `None` (after printing why `what` is skipped)
/// when the folder does not exist.
pub fn bench_dir_or_skip(repo_root: &Path, what: &str) -> Option<PathBuf> {
    let bench = match std::env::var_os("BODYCOPY_BENCH") {
        Some(p) if !p.is_empty() => PathBuf::from(p),
        _ => repo_root.join("../shared/bench"),
    };
    if bench.is_dir() {
        Some(bench)
    } else {
        println!(
            "{what} skipped: benchmark folder {} not found (set BODYCOPY_BENCH)",
            bench.display()
        );
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_folder_is_a_clear_error() {
        let e = Dataset::load(Path::new("/nonexistent/bench/scrapinghub")).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::NotFound);
        assert!(e.to_string().contains("/nonexistent/bench/scrapinghub"));
    }

    #[test]
    fn loads_plain_and_gzipped_pages() {
        use std::io::Write;
        let dir = std::env::temp_dir().join(format!("bodycopy-eval-ds-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("html")).unwrap();
        fs::create_dir_all(dir.join("truth")).unwrap();
        fs::write(dir.join("html/a.html"), b"<p>A</p>").unwrap();
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(b"<p>B</p>").unwrap();
        fs::write(dir.join("html/b.html.gz"), gz.finish().unwrap()).unwrap();
        fs::write(
            dir.join("truth/a.json"),
            r#"{"id":"a","url":"u","body":"A"}"#,
        )
        .unwrap();
        fs::write(
            dir.join("truth/b.json"),
            r#"{"id":"b","body":null,"page_type":"forum","extra":1}"#,
        )
        .unwrap();
        let ds = Dataset::load(&dir).unwrap();
        assert_eq!(ds.pages.len(), 2);
        assert_eq!(ds.pages[0].html, b"<p>A</p>");
        assert_eq!(ds.pages[1].html, b"<p>B</p>");
        assert_eq!(ds.pages[1].truth, "");
        assert_eq!(ds.pages[1].page_type.as_deref(), Some("forum"));
        assert!(ds.has_page_types());
        fs::remove_dir_all(&dir).unwrap();
    }
}
