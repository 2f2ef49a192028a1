//! `bodycopy clean` end to end: plain text, stdin, `--explain`, JSONL with `--batch`,
//! and exit codes on bad input.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_bodycopy");

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/seed-text")
        .join(name)
}

fn words(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run bodycopy");
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn cleans_the_seed_text_file_and_stdin() {
    let expected = words(&std::fs::read_to_string(fixture("expected.txt")).unwrap());
    let out = run(&["clean", fixture("input.txt").to_str().unwrap()], b"");
    assert!(out.status.success());
    assert_eq!(words(&String::from_utf8(out.stdout).unwrap()), expected);
    let input = std::fs::read(fixture("input.txt")).unwrap();
    let out = run(&["clean", "-"], &input);
    assert!(out.status.success());
    assert_eq!(words(&String::from_utf8(out.stdout).unwrap()), expected);
}

#[test]
fn explain_prints_every_line_with_a_reason() {
    let out = run(
        &["clean", "--explain", fixture("input.txt").to_str().unwrap()],
        b"",
    );
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text
        .lines()
        .any(|l| l.starts_with("drop  widget-reading") && l.ends_with("| 23.1 C")));
    assert!(text
        .lines()
        .any(|l| l.starts_with("keep  prose") && l.contains("Human rights watchdogs")));
    assert_eq!(text.lines().count(), 19);
}

#[test]
fn jsonl_batch_groups_records_by_site() {
    let template =
        "Letters to the editor of the Coast Herald are welcome from all of its many readers";
    let stories = [
        "Fishing boats stayed in the harbour for a third day on Friday, as the storm that hit the coast on Wednesday was slow to move away.",
        "The ferry to the islands will run twice a day again from June, the operator said, after it found the crew it needed for the season.",
        "A school on the seafront is to get a new roof over the summer holidays, and the lessons will go on as usual when the term begins.",
    ];
    let mut input = String::new();
    for (i, s) in stories.iter().enumerate() {
        let rec = serde_json::json!({"id": i, "url": format!("https://www.gazette.example/{i}"), "body": format!("{s}\n{template}")});
        input.push_str(&rec.to_string());
        input.push('\n');
    }
    let args = [
        "clean",
        "--jsonl",
        "--field",
        "body",
        "--url-field",
        "url",
        "-",
    ];
    let single = run(&args, input.as_bytes());
    assert!(single.status.success());
    let first: Value = serde_json::from_str(
        String::from_utf8(single.stdout)
            .unwrap()
            .lines()
            .next()
            .unwrap(),
    )
    .unwrap();
    assert!(first["body"].as_str().unwrap().contains(template));
    let mut batch_args = args.to_vec();
    batch_args.insert(1, "--batch");
    let batch = run(&batch_args, input.as_bytes());
    assert!(batch.status.success());
    let lines: Vec<Value> = String::from_utf8(batch.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    for (l, s) in lines.iter().zip(stories) {
        assert_eq!(l["body"].as_str().unwrap(), s);
        assert!(l["url"].is_string(), "other fields are kept");
    }
}

#[test]
fn bad_input_exits_with_status_2() {
    let out = run(&["clean", "--jsonl", "-"], b"{not json}\n");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a JSON line"));
    let out = run(&["clean", "-"], b"\xff\xfe\x00bad");
    assert_eq!(out.status.code(), Some(2));
    let out = run(&["clean", "/nonexistent/file.txt"], b"");
    assert_eq!(out.status.code(), Some(2));
}
