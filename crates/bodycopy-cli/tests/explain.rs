//! `bodycopy explain` end to end: the table, colours, `--json`, `--annotated`,
//! standard input and exit codes.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_bodycopy");

fn seed_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/seed-page/source.html")
}

fn explain(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(BIN)
        .arg("explain")
        .args(args)
        .env_remove("NO_COLOR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run bodycopy");
    let mut input = child.stdin.take().unwrap();
    // a command that fails on its arguments exits without reading its input
    if let Err(e) = input.write_all(stdin.unwrap_or_default()) {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
    }
    drop(input);
    child.wait_with_output().unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The table row whose text column starts with `text`.
fn row<'a>(table: &'a str, text: &str) -> &'a str {
    table
        .lines()
        .find(|l| l.contains(&format!("  {text}")))
        .unwrap_or_else(|| panic!("no row for {text:?} in\n{table}"))
}

#[test]
fn table_of_the_seed_page() {
    let out = explain(&[seed_path().to_str().unwrap()], None);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let table = stdout(&out);
    let header = table.lines().next().unwrap();
    for column in ["ID", "DECISION", "RULE", "PATH", "TEXT"] {
        assert!(header.contains(column), "{header}");
    }
    // piped: no colour
    assert!(!table.contains('\x1b'));
    let story = row(&table, "CHINA: According to a Chinese letter");
    assert!(
        story.contains(" kept ") && story.contains("score"),
        "{story}"
    );
    for (text, rule) in [
        ("Must read", "related-box"),
        ("ALSO READ", "promo"),
        ("- Advertisement -", "ad-marker"),
        ("Trending Today", "outside-main-content"),
        ("23.1 C", "navigation"),
    ] {
        // every row of that text is dropped, one at least by that rule
        let rows: Vec<&str> = table
            .lines()
            .filter(|l| l.contains(&format!("  {text}")))
            .collect();
        assert!(rows.iter().all(|r| r.contains(" dropped ")), "{rows:#?}");
        assert!(rows.iter().any(|r| r.contains(rule)), "{rows:#?}");
    }
    let last = table.lines().last().unwrap();
    assert!(
        last.ends_with("dropped") && last.contains(" kept, "),
        "{last}"
    );
}

#[test]
fn colours_when_asked() {
    let out = explain(&["--color", "always", seed_path().to_str().unwrap()], None);
    let table = stdout(&out);
    assert!(table.contains("\x1b[32mkept"), "{table}");
    assert!(table.contains("\x1b[31mdropped"), "{table}");
    let out = explain(&["--color", "never", seed_path().to_str().unwrap()], None);
    assert!(!stdout(&out).contains('\x1b'));
}

#[test]
fn json_and_annotated_page() {
    let dir = std::env::temp_dir().join(format!("bodycopy-explain-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let annotated = dir.join("seed.html");
    let out = explain(
        &[
            "--json",
            "--annotated",
            annotated.to_str().unwrap(),
            seed_path().to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0));
    let v: Value = serde_json::from_str(&stdout(&out)).expect("JSON output");
    let blocks = v["blocks"].as_array().unwrap();
    let kept = v["kept"].as_u64().unwrap() as usize;
    let dropped = v["dropped"].as_u64().unwrap() as usize;
    assert_eq!(kept + dropped, blocks.len());
    assert!(kept > 0 && dropped > 0);
    for (i, b) in blocks.iter().enumerate() {
        assert_eq!(b["id"].as_u64(), Some(i as u64));
        assert!(
            matches!(b["decision"].as_str(), Some("kept" | "dropped")),
            "{b}"
        );
        for field in ["tag", "path", "rule"] {
            assert!(!b[field].as_str().unwrap_or("").is_empty(), "{field}: {b}");
        }
        assert!(b["text_chars"].as_u64().is_some());
    }
    let text = v["document"]["text"].as_str().unwrap_or_default();
    assert!(
        text.contains("Michelle Bachelet visited China in May"),
        "{}",
        v["document"]
    );
    let html = std::fs::read_to_string(&annotated).unwrap();
    assert_eq!(html.matches("data-bc-decision=").count(), blocks.len());
    assert!(!html.contains("<script"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn standard_input_and_exit_codes() {
    let page = std::fs::read(seed_path()).unwrap();
    let out = explain(&["-"], Some(&page));
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("Must read"));
    // no main content: the blocks are still shown, exit 3
    let empty = b"<html><body><nav><a href=\"/\">Home</a></nav></body></html>";
    let out = explain(&["-"], Some(empty));
    assert_eq!(out.status.code(), Some(3));
    assert!(row(&stdout(&out), "Home").contains("dropped"));
    // bad input: exit 2 with one line on stderr
    for (args, input) in [
        (vec!["/no/such/page.html"], None),
        (
            vec!["-"],
            Some(&b"\x00\x01\x02\x03\x00\x00\x00\x00\x00"[..]),
        ),
        (vec!["-"], Some(&b""[..])),
        (vec!["ftp://example.com/page"], None),
        (vec!["--url", "not a url", "-"], Some(&page[..])),
    ] {
        let out = explain(&args, input);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.starts_with("bodycopy: "), "{err}");
    }
}
