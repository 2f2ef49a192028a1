//! The hostile-input corpus: inputs generated here that have crashed, hung or exhausted
//! the memory of other extractors. Each case runs in a fresh child process (this test
//! binary, re-executed with `BODYCOPY_HOSTILE_CASE` set) so that its peak resident memory
//! can be read and bounded; the parent checks the outcome (a document or the expected
//! typed error) and the bound, and kills a child that does not finish (a hang).

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use bodycopy::{Config, Error, Extractor, PageInfo};

/// What a case must give.
#[derive(Clone, Copy, Debug)]
enum Expect {
    /// A document (with some text when `min_chars` > 0).
    Document { min_chars: usize },
    /// This error kind (by its stable name).
    Error(&'static str),
    /// A document or one of these error kinds.
    Either(&'static [&'static str]),
}

struct Case {
    name: &'static str,
    build: fn() -> Vec<u8>,
    expect: Expect,
    /// Peak RSS bound: this many times the input size, plus `rss_base_mb`.
    rss_input_factor: f64,
    rss_base_mb: f64,
    /// Text the document must contain (empty: no check).
    needle: &'static str,
}

const ARTICLE: &str = "<p>The council met on Tuesday to discuss the new bridge, and residents \
    were invited to comment on the plans before the end of the month.</p>";

fn page(body: &str) -> Vec<u8> {
    format!("<!DOCTYPE html><html><head><title>Case</title></head><body>{body}</body></html>")
        .into_bytes()
}

fn repeat(unit: &str, times: usize) -> String {
    unit.repeat(times)
}

/// A small page that must come out as a document holding `needle`, under 50× its size
/// plus 30 MB of memory.
fn story(name: &'static str, needle: &'static str, build: fn() -> Vec<u8>) -> Case {
    Case {
        name,
        build,
        expect: Expect::Document { min_chars: 100 },
        rss_input_factor: 50.0,
        rss_base_mb: 30.0,
        needle,
    }
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "page_100_mb",
            build: || {
                // built in place: one copy of the page in memory
                let mut html = String::with_capacity(100 * 1024 * 1024 + 1024);
                html.push_str("<html><head><title>Case</title></head><body>");
                while html.len() < 100 * 1024 * 1024 {
                    html.push_str(ARTICLE);
                }
                html.push_str("</body></html>");
                html.into_bytes()
            },
            expect: Expect::Error("input_too_large"),
            rss_input_factor: 1.2,
            rss_base_mb: 30.0,
            needle: "",
        },
        Case {
            name: "nesting_1m_deep",
            build: || page(&repeat("<div>", 1_000_000)),
            expect: Expect::Error("too_deep"),
            rss_input_factor: 4.0,
            rss_base_mb: 40.0,
            needle: "",
        },
        Case {
            name: "siblings_1m",
            build: || page(&repeat("<span>x</span>", 1_000_000)),
            expect: Expect::Either(&["too_many_nodes"]),
            rss_input_factor: 30.0,
            rss_base_mb: 40.0,
            needle: "",
        },
        Case {
            name: "attributes_1m",
            build: || {
                let attrs: String = (0..1_000_000).map(|i| format!(" a{i}=\"1\"")).collect();
                page(&format!("<div{attrs}>{ARTICLE}</div>"))
            },
            expect: Expect::Error("too_many_attributes"),
            rss_input_factor: 3.0,
            rss_base_mb: 30.0,
            needle: "",
        },
        Case {
            name: "text_node_50_mb_without_spaces",
            build: || {
                page(&format!(
                    "<article><p>{}</p></article>",
                    "a".repeat(50 << 20)
                ))
            },
            expect: Expect::Document { min_chars: 1 },
            rss_input_factor: 8.0,
            rss_base_mb: 40.0,
            needle: "",
        },
        story("invalid_utf8", "residents were invited", || {
            let mut bytes = page(&repeat(ARTICLE, 20));
            for i in (200..bytes.len()).step_by(97) {
                bytes[i] = 0xFF;
            }
            bytes
        }),
        story("utf16_without_bom", "council met on Tuesday", || {
            let html = String::from_utf8(page(&repeat(ARTICLE, 20))).unwrap_or_default();
            html.encode_utf16().flat_map(u16::to_le_bytes).collect()
        }),
        story("nul_bytes", "the new bridge", || {
            // a NUL in every sentence, as left by broken converters
            let html = repeat(ARTICLE, 20).replace(", and", ",\0and");
            page(&html)
        }),
        story("lying_charset", "Café owners in Zürich", || {
            let body = repeat(
                "<p>Café owners in Zürich said the new rules were «très compliqués» and \
                     asked the city for more time before the summer season begins.</p>",
                10,
            );
            format!(
                "<html><head><meta charset=\"shift_jis\"><title>Case</title></head>\
                     <body>{body}</body></html>"
            )
            .into_bytes()
        }),
        story("colspan_9007199254740991", "council met", || {
            page(&format!(
                "<table><tr><td colspan=\"9007199254740991\" rowspan=\"9007199254740991\">x</td>\
                     <td>y</td></tr><tr><td>z</td></tr></table>{}",
                repeat(ARTICLE, 5)
            ))
        }),
        Case {
            name: "svg_template_and_template_in_tables",
            build: || {
                page(&format!(
                    "{}<svg><template><svg><template><p>a</template></svg></template></svg>\
                     <table><template><tr><td>b<template><table><td>c</table></template>\
                     </td></tr></template></table>{}",
                    repeat("<svg><template>", 500),
                    repeat(ARTICLE, 5)
                ))
            },
            expect: Expect::Either(&["too_deep"]),
            rss_input_factor: 100.0,
            rss_base_mb: 30.0,
            needle: "council met",
        },
        Case {
            name: "unterminated_comment_and_script",
            build: || {
                let mut a = page(&format!(
                    "{}<!-- never closed {}",
                    repeat(ARTICLE, 5),
                    "x".repeat(1 << 20)
                ));
                a.extend_from_slice(format!("<script>var s = '{}", "y".repeat(1 << 20)).as_bytes());
                a
            },
            expect: Expect::Document { min_chars: 100 },
            rss_input_factor: 20.0,
            rss_base_mb: 30.0,
            needle: "council met",
        },
        story("json_ld_nested_100k", "council met", || {
            let json = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
            let deep_obj = format!("{}1{}", "{\"a\":".repeat(100_000), "}".repeat(100_000));
            page(&format!(
                "<script type=\"application/ld+json\">{json}</script>\
                     <script type=\"application/ld+json\">{deep_obj}</script>{}",
                repeat(ARTICLE, 5)
            ))
        }),
        story("regex_bait_dates", "council met", || {
            let bait = format!(
                "{} {} {}",
                "2024-".repeat(20_000),
                "1".repeat(100_000),
                "January ".repeat(20_000)
            );
            page(&format!(
                "<meta property=\"article:published_time\" content=\"{bait}\">\
                     <time datetime=\"{bait}\">{bait}</time><p class=\"date\">{bait}</p>{}",
                repeat(ARTICLE, 5)
            ))
        }),
        Case {
            name: "one_huge_table",
            build: || {
                let row = format!("<tr>{}</tr>", repeat("<td>cell</td>", 600));
                page(&format!("<table>{}</table>", repeat(&row, 600)))
            },
            expect: Expect::Either(&[]),
            rss_input_factor: 40.0,
            rss_base_mb: 40.0,
            needle: "cell",
        },
    ]
}

/// The child side: run the case named by `BODYCOPY_HOSTILE_CASE` and print one result line.
#[test]
fn hostile_case_child() {
    let Ok(name) = std::env::var("BODYCOPY_HOSTILE_CASE") else {
        return; // run as a normal test: nothing to do, the parent drives the cases
    };
    let case = cases()
        .into_iter()
        .find(|c| c.name == name)
        .unwrap_or_else(|| panic!("no case {name}"));
    let input = (case.build)();
    let extractor = Extractor::new(Config::default());
    let started = Instant::now();
    let result = extractor.extract(&input, &PageInfo::default());
    let seconds = started.elapsed().as_secs_f64();
    let outcome = match &result {
        Ok(doc) if !doc.text().contains(case.needle) => "document-without-needle".to_string(),
        Ok(doc) => format!("document:{}", doc.text().chars().count()),
        Err(e) => format!("error:{}", Error::kind(e).as_str()),
    };
    println!(
        "HOSTILE-RESULT {outcome} input_bytes={} peak_rss_kb={} seconds={seconds:.3}",
        input.len(),
        peak_rss_kb().unwrap_or(0)
    );
}

fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line["VmHWM:".len()..]
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()
}

/// Longest a child may run before it is called a hang (far above any expected time;
/// it only catches runaway work, it is not a speed test).
const HANG: Duration = Duration::from_secs(120);

#[test]
fn hostile_inputs_finish_within_limits() {
    let exe = std::env::current_exe().expect("test binary path");
    let mut report = Vec::new();
    for case in cases() {
        let mut child = Command::new(&exe)
            .args([
                "hostile_case_child",
                "--exact",
                "--nocapture",
                "--test-threads=1",
            ])
            .env("BODYCOPY_HOSTILE_CASE", case.name)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn the child");
        let started = Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().expect("wait") {
                break status;
            }
            if started.elapsed() > HANG {
                let _ = child.kill();
                panic!("{}: no result after {HANG:?} (a hang)", case.name);
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        let mut out = String::new();
        let mut err = String::new();
        child.stdout.take().map(|mut s| s.read_to_string(&mut out));
        child.stderr.take().map(|mut s| s.read_to_string(&mut err));
        assert!(
            status.success(),
            "{}: child failed ({status}):\n{out}\n{err}",
            case.name
        );
        let line = out
            .lines()
            .find_map(|l| l.split_once("HOSTILE-RESULT ").map(|(_, rest)| rest))
            .unwrap_or_else(|| panic!("{}: no result line in\n{out}\n{err}", case.name));
        let field = |key: &str| -> f64 {
            line.split_whitespace()
                .find_map(|w| w.strip_prefix(key))
                .and_then(|v| v.parse().ok())
                .unwrap_or(0.0)
        };
        let outcome = line.split_whitespace().next().unwrap_or_default();
        let input_mb = field("input_bytes=") / 1e6;
        let rss_mb = field("peak_rss_kb=") / 1024.0;
        let bound = case.rss_input_factor * input_mb + case.rss_base_mb;
        match case.expect {
            Expect::Document { min_chars } => {
                let chars: usize = outcome
                    .strip_prefix("document:")
                    .and_then(|n| n.parse().ok())
                    .unwrap_or_else(|| panic!("{}: expected a document, got {outcome}", case.name));
                assert!(chars >= min_chars, "{}: {chars} chars of text", case.name);
            }
            Expect::Error(kind) => {
                assert_eq!(outcome, format!("error:{kind}"), "{}", case.name);
            }
            Expect::Either(kinds) => {
                let ok = outcome.starts_with("document:")
                    || kinds.iter().any(|k| outcome == format!("error:{k}"));
                assert!(ok, "{}: unexpected {outcome}", case.name);
            }
        }
        if rss_mb > 0.0 {
            assert!(
                rss_mb <= bound,
                "{}: peak RSS {rss_mb:.1} MB over its bound {bound:.1} MB",
                case.name
            );
        }
        report.push(format!(
            "{:<38} {:<28} input {:>7.1} MB  peak RSS {:>7.1} MB (bound {:>7.1})  {}s",
            case.name,
            outcome,
            input_mb,
            rss_mb,
            bound,
            field("seconds=")
        ));
    }
    eprintln!("{}", report.join("\n"));
}
