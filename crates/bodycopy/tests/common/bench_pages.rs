//! Reading benchmark pages (`html/<id>.html`, or `.html.gz` in wcxb-dev), shared
//! by the parser differential test and the `parse_bench` example.

use std::io::Read;
use std::path::{Path, PathBuf};

/// The page files of a dataset folder (or of its `html/` subfolder), sorted.
pub fn page_files(dir: &Path) -> Vec<PathBuf> {
    let html = dir.join("html");
    let dir = if html.is_dir() {
        html
    } else {
        dir.to_path_buf()
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

/// The bytes of one page, un-gzipped when the name ends in `.gz`.
pub fn read_page(path: &Path) -> Vec<u8> {
    let bytes = std::fs::read(path).unwrap();
    if path.extension().is_some_and(|e| e == "gz") {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(&bytes[..])
            .read_to_end(&mut out)
            .unwrap();
        out
    } else {
        bytes
    }
}

/// The benchmark sets' folder: `$BODYCOPY_BENCH` (relative to the repository root) or
/// `../shared/bench` next to the repository.
#[allow(dead_code)] // not every user of this module reads the whole folder
pub fn bench_dir() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    match std::env::var("BODYCOPY_BENCH") {
        Ok(d) => root.join(d),
        Err(_) => root.join("../shared/bench"),
    }
}
