//! Hostile inputs: every one returns a document or a typed error, within the
//! configured limits and without a panic, a stack overflow or a hang.

use std::time::{Duration, Instant};

use bodycopy::{Config, Error, ErrorKind, Extractor, Limits, PageInfo};

/// A generous wall-time bound: shared CI machines drift, so this only catches
/// quadratic blow-ups, not small regressions.
const GENEROUS: Duration = Duration::from_secs(60);

fn extract_with(config: Config, bytes: &[u8]) -> (Result<bodycopy::Document, Error>, Duration) {
    let extractor = Extractor::new(config);
    let started = Instant::now();
    let result = extractor.extract(bytes, &PageInfo::default());
    let took = started.elapsed();
    eprintln!(
        "{} bytes -> {:?} in {took:?}",
        bytes.len(),
        result.as_ref().map(|d| d.text().len()).map_err(Error::kind)
    );
    assert!(took < GENEROUS, "took {took:?}");
    (result, took)
}

fn extract(bytes: &[u8]) -> (Result<bodycopy::Document, Error>, Duration) {
    extract_with(Config::default(), bytes)
}

fn kind(result: &Result<bodycopy::Document, Error>) -> Option<ErrorKind> {
    result.as_ref().err().map(Error::kind)
}

#[test]
fn empty_input_is_a_typed_error() {
    for input in [&b""[..], b"   \n\t  \r\n"] {
        let (r, _) = extract(input);
        assert_eq!(kind(&r), Some(ErrorKind::EmptyInput));
        assert!(ErrorKind::EmptyInput.is_bad_input());
    }
}

#[test]
fn binary_garbage_is_not_html() {
    // A deterministic pseudo-random byte stream (xorshift), like a JPEG or a zip.
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let bytes: Vec<u8> = (0..256 * 1024)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect();
    let (r, _) = extract(&bytes);
    assert_eq!(kind(&r), Some(ErrorKind::NotHtml));
    // A PNG-like header followed by NULs.
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend(std::iter::repeat_n(0u8, 10_000));
    let (r, _) = extract(&png);
    assert_eq!(kind(&r), Some(ErrorKind::NotHtml));
}

fn big_page(target: usize) -> Vec<u8> {
    let para = "<p>The council met on Tuesday to discuss the new bridge, and residents \
                were invited to comment on the plans before the end of the month.</p>\n";
    let mut html = String::with_capacity(target + 1024);
    html.push_str("<html><head><title>Big</title></head><body><article><h1>Big</h1>\n");
    while html.len() < target {
        html.push_str(para);
    }
    html.push_str("</article></body></html>");
    html.into_bytes()
}

#[test]
fn fifty_megabyte_page_finishes() {
    let bytes = big_page(50 * 1024 * 1024);
    let config = Config {
        limits: Limits {
            // the point is the size, not the speed of the machine
            time_budget: Duration::from_secs(50),
            ..Limits::default()
        },
        ..Config::default()
    };
    let (r, _) = extract_with(config, &bytes);
    match r {
        Ok(doc) => assert!(doc.text().contains("The council met on Tuesday")),
        Err(e) => assert!(
            matches!(
                e.kind(),
                ErrorKind::TimeBudgetExceeded | ErrorKind::TooManyNodes
            ),
            "unexpected {e:?}"
        ),
    }
}

#[test]
fn input_over_the_size_limit_is_rejected_up_front() {
    let bytes = big_page(2 * 1024 * 1024);
    let config = Config {
        limits: Limits {
            max_input_bytes: 1024 * 1024,
            ..Limits::default()
        },
        ..Config::default()
    };
    let (r, took) = extract_with(config, &bytes);
    assert_eq!(kind(&r), Some(ErrorKind::InputTooLarge));
    assert!(took < Duration::from_secs(5));
}

#[test]
fn hundred_thousand_deep_nesting_finishes() {
    let depth = 100_000;
    let mut html = String::from("<html><body><p>Before the deep part of the page.</p>");
    html.push_str(&"<div>".repeat(depth));
    html.push_str("deep text");
    html.push_str(&"</div>".repeat(depth));
    html.push_str("</body></html>");
    let (r, _) = extract(html.as_bytes());
    match r {
        Ok(doc) => assert!(!doc.text().contains("deep text")),
        Err(e) => assert_eq!(e.kind(), ErrorKind::TooDeep),
    }
}

#[test]
fn million_siblings_finish() {
    let mut html = String::from("<html><body><div>");
    html.push_str(&"<span>x</span>".repeat(1_000_000));
    html.push_str("</div></body></html>");
    let (r, _) = extract(html.as_bytes());
    match r {
        Ok(_) => {}
        Err(e) => assert!(
            matches!(
                e.kind(),
                ErrorKind::TooManyNodes | ErrorKind::TimeBudgetExceeded
            ),
            "unexpected {e:?}"
        ),
    }
}

#[test]
fn million_siblings_over_the_node_limit_is_typed() {
    let mut html = String::from("<html><body><div>");
    html.push_str(&"<span>x</span>".repeat(1_000_000));
    html.push_str("</div></body></html>");
    let config = Config {
        limits: Limits {
            max_nodes: 100_000,
            ..Limits::default()
        },
        ..Config::default()
    };
    let (r, took) = extract_with(config, html.as_bytes());
    assert_eq!(kind(&r), Some(ErrorKind::TooManyNodes));
    assert!(took < Duration::from_secs(30));
}

#[test]
fn million_attributes_on_one_element_is_typed() {
    let mut html = String::from("<html><body><div");
    for i in 0..1_000_000 {
        html.push_str(&format!(" a{i}=\"v\""));
    }
    html.push_str("><p>Some text in the page.</p></div></body></html>");
    let (r, _) = extract(html.as_bytes());
    assert_eq!(kind(&r), Some(ErrorKind::TooManyAttributes));
}

#[test]
fn million_void_siblings_give_a_document() {
    // 1,000,000 elements and no text nodes: under the default node limit.
    let mut html =
        String::from("<html><body><article><p>A short paragraph of text before.</p><div>");
    html.push_str(&"<br>".repeat(1_000_000));
    html.push_str("</div></article></body></html>");
    let (r, _) = extract(html.as_bytes());
    match r {
        Ok(_) => {}
        Err(e) => assert_eq!(e.kind(), ErrorKind::TimeBudgetExceeded),
    }
}

#[test]
fn deep_formatting_and_template_nesting_are_capped() {
    for open in ["<b>", "<template>", "<table><tr><td>", "<svg><g>"] {
        let mut html = String::from("<html><body>");
        html.push_str(&open.repeat(100_000));
        html.push_str("text</body></html>");
        let (r, took) = extract(html.as_bytes());
        assert!(took < Duration::from_secs(30), "{open}: {took:?}");
        match r {
            Ok(doc) => assert!(!doc.text().contains("text"), "{open}"),
            Err(e) => assert!(
                matches!(e.kind(), ErrorKind::TooDeep | ErrorKind::TimeBudgetExceeded),
                "{open}: {e:?}"
            ),
        }
    }
}
