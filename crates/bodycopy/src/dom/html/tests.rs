//! The html5lib tokenizer tests (copied to `tests/fixtures/html5lib-tokenizer/`)
//! and small tree-builder checks against the html5ever adapter.

use std::path::Path;

use serde_json::{json, Map, Value};

use super::normalize_newlines;
use super::tokenizer::{Doctype, StartTag, State, TokenSink, Tokenizer};

/// Collects tokens in the html5lib test format, merging adjacent characters.
#[derive(Default)]
struct Collect {
    out: Vec<Value>,
}

impl Collect {
    fn chars(&mut self, s: &str) {
        if let Some(Value::Array(last)) = self.out.last_mut() {
            if last[0] == "Character" {
                let prev = last[1].as_str().unwrap_or_default().to_string();
                last[1] = Value::String(prev + s);
                return;
            }
        }
        self.out.push(json!(["Character", s]));
    }
}

impl TokenSink for Collect {
    fn characters(&mut self, text: &str) {
        self.chars(text);
    }
    fn null_character(&mut self) {
        self.chars("\0");
    }
    fn start_tag(&mut self, tag: StartTag<'_>) -> State {
        let mut attrs = Map::new();
        for a in tag.attrs.iter() {
            attrs.insert(a.name.to_string(), Value::String(a.value.to_string()));
        }
        if tag.self_closing {
            self.out.push(json!(["StartTag", tag.name, attrs, true]));
        } else {
            self.out.push(json!(["StartTag", tag.name, attrs]));
        }
        State::Data
    }
    fn end_tag(&mut self, name: &str) {
        self.out.push(json!(["EndTag", name]));
    }
    fn comment(&mut self, text: &str) {
        self.out.push(json!(["Comment", text]));
    }
    fn doctype(&mut self, d: Doctype) {
        self.out.push(json!([
            "DOCTYPE",
            d.name,
            d.public_id,
            d.system_id,
            !d.force_quirks
        ]));
    }
    fn eof(&mut self) {}
    fn cdata_allowed(&self) -> bool {
        false
    }
    fn stopped(&self) -> bool {
        false
    }
}

/// Undo the extra `\uXXXX` escaping of `doubleEscaped` tests; `None` for lone surrogates.
fn unescape(s: &str) -> Option<String> {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find("\\u") {
        out.push_str(&rest[..i]);
        let hex = rest.get(i + 2..i + 6)?;
        let v = u32::from_str_radix(hex, 16).ok()?;
        out.push(char::from_u32(v)?);
        rest = &rest[i + 6..];
    }
    out.push_str(rest);
    Some(out)
}

fn unescape_value(v: &Value) -> Option<Value> {
    Some(match v {
        Value::String(s) => Value::String(unescape(s)?),
        Value::Array(a) => Value::Array(a.iter().map(unescape_value).collect::<Option<_>>()?),
        Value::Object(o) => {
            let mut m = Map::new();
            for (k, v) in o {
                m.insert(unescape(k)?, unescape_value(v)?);
            }
            Value::Object(m)
        }
        v => v.clone(),
    })
}

/// Merge adjacent Character tokens of an expected output.
fn merge_chars(tokens: &[Value]) -> Vec<Value> {
    let mut out: Vec<Value> = Vec::new();
    for t in tokens {
        if t[0] == "Character" {
            if let Some(last) = out.last_mut() {
                if last[0] == "Character" {
                    let s = format!(
                        "{}{}",
                        last[1].as_str().unwrap_or(""),
                        t[1].as_str().unwrap_or("")
                    );
                    last[1] = Value::String(s);
                    continue;
                }
            }
        }
        out.push(t.clone());
    }
    out
}

fn tokenize(input: &str, state: State, last_start_tag: Option<&str>) -> Vec<Value> {
    let input = normalize_newlines(input);
    let mut t = Tokenizer::new(&input, state, usize::MAX);
    if let Some(name) = last_start_tag {
        t.set_last_start_tag(name);
    }
    let mut sink = Collect::default();
    t.run(&mut sink);
    sink.out
}

#[test]
fn html5lib_tokenizer() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/html5lib-tokenizer");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tokenizer fixtures")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "test"))
        .collect();
    files.sort();
    let (mut passed, mut skipped) = (0, 0);
    let mut failures = Vec::new();
    for file in &files {
        let data: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
        // `xmlViolationTests` describe a tokenizer coercing its output to XML: not HTML's.
        for test in data["tests"].as_array().into_iter().flatten() {
            let double = test.get("doubleEscaped").and_then(Value::as_bool) == Some(true);
            let raw_input = test["input"].as_str().unwrap_or_default();
            let (input, expected) = if double {
                match (unescape(raw_input), unescape_value(&test["output"])) {
                    (Some(i), Some(o)) => (i, o),
                    _ => {
                        skipped += 1;
                        continue;
                    }
                }
            } else {
                (raw_input.to_string(), test["output"].clone())
            };
            let expected = merge_chars(expected.as_array().map(Vec::as_slice).unwrap_or(&[]));
            let states: Vec<String> = match test.get("initialStates") {
                Some(Value::Array(a)) => a
                    .iter()
                    .filter_map(|s| s.as_str().map(String::from))
                    .collect(),
                _ => vec!["Data state".into()],
            };
            for state_name in states {
                let state = match state_name.as_str() {
                    "Data state" => State::Data,
                    "PLAINTEXT state" => State::Plaintext,
                    "RCDATA state" => State::Rcdata,
                    "RAWTEXT state" => State::Rawtext,
                    "Script data state" => State::ScriptData,
                    "CDATA section state" => State::CdataSection,
                    other => panic!("unknown state {other}"),
                };
                let got = tokenize(
                    &input,
                    state,
                    test.get("lastStartTag").and_then(Value::as_str),
                );
                if got == expected {
                    passed += 1;
                } else {
                    failures.push(format!(
                        "{}: {} [{state_name}]\n  input: {input:?}\n  expected: {}\n  got:      {}",
                        file.file_name().unwrap().to_string_lossy(),
                        test["description"],
                        Value::Array(expected.clone()),
                        Value::Array(got)
                    ));
                }
            }
        }
    }
    println!(
        "html5lib tokenizer: {passed} passed, {} failed, {skipped} skipped (lone surrogates)",
        failures.len()
    );
    for f in failures.iter().take(30) {
        println!("{f}");
    }
    assert!(passed > 1000, "too few tokenizer tests ran");
    assert!(
        failures.is_empty(),
        "{} tokenizer tests failed",
        failures.len()
    );
}
