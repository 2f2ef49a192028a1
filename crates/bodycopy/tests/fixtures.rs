//! Hand-made fixtures with exact expectations: `tests/fixtures/<name>/source.html`
//! plus `expected.json` (`body`, optional `must_not_contain` and metadata fields).

use std::path::{Path, PathBuf};

use bodycopy::{Config, Extractor, PageInfo};
use serde_json::Value;

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

fn words(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Check one fixture; returns the list of failures.
fn check(dir: &Path) -> Vec<String> {
    let mut failures = Vec::new();
    let html = std::fs::read(dir.join("source.html")).unwrap();
    let expected: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap()).unwrap();
    let url = expected.get("url").and_then(Value::as_str);
    let doc = Extractor::new(Config::default())
        .extract(
            &html,
            &PageInfo {
                url,
                content_type: None,
            },
        )
        .expect("extraction succeeds");
    let text = words(&doc.text());
    if let Some(body) = expected.get("body").and_then(Value::as_str) {
        let body = words(body);
        // the output may start with the title and the standfirst, nothing else
        let mut allowed = vec![String::new()];
        if let Some(t) = expected.get("title").and_then(Value::as_str) {
            allowed.push(words(t));
            if let Some(d) = expected.get("description").and_then(Value::as_str) {
                allowed.push(format!("{} {}", words(t), words(d)));
            }
        }
        let ok = text
            .strip_suffix(&body)
            .is_some_and(|prefix| allowed.iter().any(|a| prefix.trim() == a.as_str()));
        if !ok {
            failures.push(format!(
                "body differs:\n  expected: {body}\n  got:      {text}"
            ));
        }
    }
    check_metadata(&expected, &doc.metadata, &mut failures);
    if let Some(list) = expected.get("must_not_contain").and_then(Value::as_array) {
        for s in list.iter().filter_map(Value::as_str) {
            if text.contains(s) {
                failures.push(format!("output contains {s:?}"));
            }
        }
    }
    failures
}

/// Compare every metadata field that `expected.json` states with the extracted one.
fn check_metadata(expected: &Value, m: &bodycopy::Metadata, failures: &mut Vec<String>) {
    let author = (!m.authors.is_empty()).then(|| m.authors.join("; "));
    let scalars: [(&str, Option<&str>); 7] = [
        ("title", m.title.as_deref()),
        ("description", m.description.as_deref()),
        ("author", author.as_deref()),
        ("date", m.date.as_deref()),
        ("sitename", m.sitename.as_deref()),
        ("language", m.language.as_deref()),
        ("url", m.url.as_deref()),
    ];
    for (key, got) in scalars {
        let Some(want) = expected.get(key) else {
            continue;
        };
        let want = want.as_str().map(words);
        let got = got.map(words);
        if want != got {
            failures.push(format!("{key} differs: expected {want:?}, got {got:?}"));
        }
    }
    for (key, got) in [("categories", &m.categories), ("tags", &m.tags)] {
        let Some(want) = expected.get(key).and_then(Value::as_array) else {
            continue;
        };
        let want: Vec<&str> = want.iter().filter_map(Value::as_str).collect();
        if want != got.iter().map(String::as_str).collect::<Vec<_>>() {
            failures.push(format!("{key} differ: expected {want:?}, got {got:?}"));
        }
    }
}

#[test]
fn every_fixture_matches_its_expectation() {
    let mut failed = Vec::new();
    let mut count = 0;
    for entry in std::fs::read_dir(fixtures_dir()).unwrap() {
        let dir = entry.unwrap().path();
        if !dir.join("expected.json").exists() || !dir.join("source.html").exists() {
            continue;
        }
        count += 1;
        for f in check(&dir) {
            failed.push(format!(
                "{}: {f}",
                dir.file_name().unwrap().to_string_lossy()
            ));
        }
    }
    assert!(count >= 1, "no fixtures found");
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}
