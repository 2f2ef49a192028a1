//! Structure fixtures: `tests/fixtures/structure/<name>/source.html` and the exact
//! Markdown expected of it, `expected.md` (hand-written). An optional
//! `options.json` sets `url` (the page's URL), `links`, `images` and `title`
//! (booleans, default false).

use std::path::{Path, PathBuf};

use bodycopy::output::{Format, RenderOptions};
use bodycopy::{Config, Extractor, PageInfo};
use serde_json::Value;

fn structure_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/structure")
}

/// The Markdown of one fixture, or why it could not be produced.
fn render(dir: &Path) -> Result<String, String> {
    let html = std::fs::read(dir.join("source.html")).map_err(|e| e.to_string())?;
    let options: Value = match std::fs::read_to_string(dir.join("options.json")) {
        Ok(s) => serde_json::from_str(&s).map_err(|e| format!("options.json: {e}"))?,
        Err(_) => Value::Null,
    };
    let flag = |k: &str| options.get(k).and_then(Value::as_bool).unwrap_or(false);
    let config = Config {
        include_links: flag("links"),
        include_images: flag("images"),
        ..Config::default()
    };
    let info = PageInfo {
        url: options.get("url").and_then(Value::as_str),
        content_type: None,
    };
    let doc = Extractor::new(config)
        .extract(&html, &info)
        .map_err(|e| e.to_string())?;
    let render = RenderOptions {
        title: flag("title"),
        comments: false,
    };
    Ok(doc.render(Format::Markdown, &render))
}

#[test]
fn every_structure_fixture_gives_its_exact_markdown() {
    let mut names: Vec<PathBuf> = std::fs::read_dir(structure_dir())
        .expect("tests/fixtures/structure exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("source.html").exists())
        .collect();
    names.sort();
    let mut failures = Vec::new();
    for dir in &names {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let expected = std::fs::read_to_string(dir.join("expected.md"))
            .unwrap_or_else(|e| panic!("{name}/expected.md: {e}"));
        match render(dir) {
            Ok(got) if got == expected.trim_end_matches('\n') => {}
            Ok(got) => failures.push(format!(
                "{name}:\n--- expected\n{}\n--- got\n{got}\n---",
                expected.trim_end_matches('\n')
            )),
            Err(e) => failures.push(format!("{name}: {e}")),
        }
    }
    assert!(names.len() >= 30, "only {} structure fixtures", names.len());
    assert!(
        failures.is_empty(),
        "{} of {} structure fixtures differ:\n{}",
        failures.len(),
        names.len(),
        failures.join("\n")
    );
}

/// Wide `colspan` and tall `rowspan` cells are laid on a bounded grid: they do
/// not multiply into millions of empty cells (a hostile page once grew every
/// row by the spans of all rows above it).
#[test]
fn span_heavy_tables_stay_bounded() {
    let row = format!(
        "<tr>{}</tr>",
        "<td colspan=64 rowspan=256>a</td>".repeat(200)
    );
    let html = format!(
        "<html><body><article><p>{}</p><table>{}</table></article></body></html>",
        "Some text before the table. ".repeat(20),
        row.repeat(200)
    );
    let doc = Extractor::new(Config::default())
        .extract(html.as_bytes(), &PageInfo::default())
        .expect("extraction succeeds");
    let cells: usize = doc.body.iter().flat_map(|b| &b.rows).map(Vec::len).sum();
    let rows: usize = doc.body.iter().map(|b| b.rows.len()).sum();
    assert!(rows > 0, "the table is kept");
    assert!(cells <= rows * (512 + 200), "{cells} cells in {rows} rows");
}
