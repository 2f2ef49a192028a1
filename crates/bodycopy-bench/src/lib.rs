//! Pinned real pages for bodycopy's criterion benchmarks (`cargo bench -p bodycopy-bench`).
//!
//! The pages in `pages/` were copied from the public benchmark sets (a news article, a blog
//! post, a shop listing, a forum thread) and from the project's seed fixture, gzipped. They
//! never change, so figures from different commits compare.

use std::io::Read;
use std::path::Path;

/// One pinned page: its name and its bytes as published.
pub struct PinnedPage {
    /// File stem, e.g. `news-article`.
    pub name: String,
    /// The page's bytes.
    pub html: Vec<u8>,
}

/// Every pinned page, sorted by name.
pub fn pinned_pages() -> std::io::Result<Vec<PinnedPage>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("pages");
    let mut pages = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let Some(stem) = name.strip_suffix(".html.gz") else {
            continue;
        };
        let mut html = Vec::new();
        flate2::read::GzDecoder::new(std::fs::File::open(&path)?).read_to_end(&mut html)?;
        pages.push(PinnedPage {
            name: stem.to_string(),
            html,
        });
    }
    pages.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(pages)
}
