//! `bodycopy batch` end to end: WARC.gz written with the project's writer, extracted, and
//! compared with single-page extraction; Parquet read back; resume after a crash; error
//! rows for damaged records; flat memory over a larger input.

use std::ffi::{OsStr, OsString};
use std::fs;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use bodycopy::{Extractor, PageInfo};
use bodycopy_warc::{http_response, Writer};
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_bodycopy");
const DATE: &str = "2024-05-01T10:00:00Z";

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Up to `n` dev pages: the benchmark's wcxb-dev pages when present, the fixtures always.
fn dev_pages(n: usize) -> Vec<(String, Vec<u8>)> {
    let mut pages = Vec::new();
    let mut fixtures: Vec<PathBuf> = fs::read_dir(repo().join("tests/fixtures"))
        .unwrap()
        .map(|e| e.unwrap().path().join("source.html"))
        .filter(|p| p.exists())
        .collect();
    fixtures.sort();
    let bench = std::env::var("BODYCOPY_BENCH")
        .map(PathBuf::from)
        .unwrap_or_else(|_| repo().join("../shared/bench"));
    let mut bench_pages: Vec<PathBuf> = match fs::read_dir(bench.join("wcxb-dev/html")) {
        Ok(rd) => rd.map(|e| e.unwrap().path()).collect(),
        Err(_) => {
            eprintln!(
                "note: no wcxb-dev pages under {}: fixtures only",
                bench.display()
            );
            Vec::new()
        }
    };
    bench_pages.sort();
    for p in fixtures.iter().chain(bench_pages.iter()).take(n) {
        let name = p
            .strip_prefix(repo())
            .unwrap_or(p)
            .to_string_lossy()
            .replace(['/', '\\'], "_");
        pages.push((format!("https://dev.example/{name}"), read_page(p)));
    }
    pages
}

/// A page's bytes, decompressed when the file is `.gz`.
fn read_page(path: &Path) -> Vec<u8> {
    let bytes = fs::read(path).unwrap();
    if path.extension().is_some_and(|e| e == "gz") {
        let mut out = Vec::new();
        flate2::read::MultiGzDecoder::new(&bytes[..])
            .read_to_end(&mut out)
            .unwrap();
        out
    } else {
        bytes
    }
}

fn html_response(body: &[u8]) -> Vec<u8> {
    http_response(200, &[("Content-Type", "text/html; charset=utf-8")], body)
}

/// A WARC.gz holding each page as a response, with a request record before each and a few
/// records that must be skipped (404, an image, a warcinfo).
fn write_warc(path: &Path, pages: &[(String, Vec<u8>)]) {
    let mut w = Writer::new(Vec::new(), true);
    w.write_record(
        &[("WARC-Type", "warcinfo"), ("WARC-Date", DATE)],
        b"software: test\r\n",
    )
    .unwrap();
    for (url, html) in pages {
        w.write_record(
            &[("WARC-Type", "request"), ("WARC-Target-URI", url)],
            b"GET / HTTP/1.1\r\n\r\n",
        )
        .unwrap();
        w.write_response(url, DATE, &html_response(html)).unwrap();
    }
    let missing = http_response(404, &[("Content-Type", "text/html")], b"<p>gone</p>");
    w.write_response("https://dev.example/missing", DATE, &missing)
        .unwrap();
    let png = http_response(200, &[("Content-Type", "image/png")], b"\x89PNG\r\n\x1a\n");
    w.write_response("https://dev.example/logo.png", DATE, &png)
        .unwrap();
    fs::write(path, w.finish().unwrap()).unwrap();
}

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("bodycopy-batch-{}-{name}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

/// One command-line argument.
fn a(x: impl AsRef<OsStr>) -> OsString {
    x.as_ref().to_os_string()
}

fn batch(args: &[OsString]) -> Output {
    Command::new(BIN)
        .arg("batch")
        .args(args)
        .output()
        .expect("run bodycopy batch")
}

fn ok(out: &Output) -> String {
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "bodycopy batch failed: {err}");
    err
}

fn read_jsonl(path: &Path) -> Vec<Value> {
    let file = fs::File::open(path).unwrap();
    let reader: Box<dyn Read> = if path.extension().is_some_and(|e| e == "gz") {
        Box::new(flate2::read::MultiGzDecoder::new(file))
    } else {
        Box::new(file)
    };
    BufReader::new(reader)
        .lines()
        .map(|l| serde_json::from_str(&l.unwrap()).unwrap())
        .collect()
}

fn single_page_text(url: &str, html: &[u8]) -> String {
    let page = PageInfo {
        url: Some(url),
        content_type: Some("text/html; charset=utf-8"),
    };
    Extractor::default().extract(html, &page).unwrap().text()
}

#[test]
fn round_trip_gives_every_page_with_its_single_page_text() {
    let dir = tmp("roundtrip");
    let pages = dev_pages(40);
    let warc = dir.join("dev.warc.gz");
    write_warc(&warc, &pages);
    let out = dir.join("out.jsonl");
    let err = ok(&batch(&[a(&warc), a("-o"), a(&out), a("-j"), a("2")]));
    let rows = read_jsonl(&out);
    assert_eq!(rows.len(), pages.len(), "{err}");
    for (row, (url, html)) in rows.iter().zip(&pages) {
        assert_eq!(row["url"], url.as_str());
        assert_eq!(row["error"], Value::Null, "{url}");
        assert_eq!(row["warc_date"], DATE);
        assert!(row["record_id"].as_str().unwrap().starts_with("<urn:uuid:"));
        assert_eq!(
            row["text"].as_str().unwrap(),
            single_page_text(url, html),
            "{url}"
        );
        assert_eq!(row["content_hash"].as_str().unwrap().len(), 32);
        assert!(row["simhash"].is_u64());
    }
    // the summary accounts for every record
    assert!(
        err.contains(&format!("{} records read", 2 * pages.len() + 3)),
        "{err}"
    );
    assert!(err.contains(&format!("kept {}", pages.len())), "{err}");
    assert!(err.contains("not_response"), "{err}");
    assert!(
        err.contains("status 1") && err.contains("not_html 1"),
        "{err}"
    );
    // one thread (each record read, extracted and written in turn) writes the same
    // rows, in the same order, as the pipeline of two extraction threads
    let one = dir.join("one.jsonl");
    let err_one = ok(&batch(&[a(&warc), a("-o"), a(&one), a("-j"), a("1")]));
    assert_eq!(read_jsonl(&one), rows, "{err_one}");
    assert!(err_one.contains("with 1 extraction thread"), "{err_one}");
    // text only: the same texts and titles, no language
    let light = dir.join("light.jsonl");
    ok(&batch(&[a(&warc), a("-o"), a(&light), a("--text-only")]));
    let light_rows = read_jsonl(&light);
    assert_eq!(light_rows.len(), rows.len());
    assert!(rows.iter().any(|r| r["language"].is_string()));
    for (full, text_only) in rows.iter().zip(&light_rows) {
        assert_eq!(full["text"], text_only["text"], "{}", full["url"]);
        assert_eq!(full["title"], text_only["title"], "{}", full["url"]);
        assert_eq!(text_only["language"], Value::Null, "{}", full["url"]);
    }
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn jsonl_and_html_folder_inputs_give_the_same_text() {
    let dir = tmp("inputs");
    let pages = dev_pages(6);
    let html_dir = dir.join("pages");
    fs::create_dir_all(&html_dir).unwrap();
    let mut jsonl = String::new();
    for (i, (url, html)) in pages.iter().enumerate() {
        fs::write(html_dir.join(format!("{i:03}.html")), html).unwrap();
        let line = serde_json::json!({"url": url, "html": String::from_utf8_lossy(html), "content_type": "text/html; charset=utf-8"});
        jsonl.push_str(&format!("{line}\n"));
    }
    jsonl.push_str("{not json\n");
    fs::write(dir.join("pages.jsonl"), jsonl).unwrap();
    let out = dir.join("out.jsonl.zst");
    ok(&batch(&[
        a(dir.join("pages.jsonl")),
        a(&html_dir),
        a("-o"),
        a(&out),
    ]));
    let bytes = zstd::decode_all(fs::File::open(&out).unwrap()).unwrap();
    let rows: Vec<Value> = String::from_utf8(bytes)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 2 * pages.len() + 1);
    for (i, (url, html)) in pages.iter().enumerate() {
        assert_eq!(
            rows[i]["text"].as_str().unwrap(),
            single_page_text(url, html)
        );
        assert_eq!(rows[i]["url"], url.as_str());
    }
    assert!(rows[pages.len()]["error"]
        .as_str()
        .unwrap()
        .starts_with("bad_json: line 7"));
    assert!(rows[pages.len() + 1]["source"]
        .as_str()
        .unwrap()
        .ends_with("000.html"));
    let _ = fs::remove_dir_all(&dir);
}

fn parquet_rows(paths: &[PathBuf]) -> (Vec<String>, Vec<Option<String>>) {
    use arrow_array::{Array, StringArray};
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
    let mut fields = Vec::new();
    let mut texts = Vec::new();
    for path in paths {
        let builder =
            ParquetRecordBatchReaderBuilder::try_new(fs::File::open(path).unwrap()).unwrap();
        fields = builder
            .schema()
            .fields()
            .iter()
            .map(|f| format!("{}:{}", f.name(), f.data_type()))
            .collect();
        for batch in builder.build().unwrap() {
            let batch = batch.unwrap();
            let col = batch.column_by_name("text").unwrap();
            let col = col.as_any().downcast_ref::<StringArray>().unwrap();
            for i in 0..col.len() {
                texts.push(col.is_valid(i).then(|| col.value(i).to_string()));
            }
        }
    }
    (fields, texts)
}

#[test]
fn parquet_output_reads_back_with_the_documented_schema() {
    let dir = tmp("parquet");
    let pages = dev_pages(12);
    let warc = dir.join("dev.warc.gz");
    write_warc(&warc, &pages);
    let out = dir.join("out.parquet");
    ok(&batch(&[a(&warc), a("-o"), a(&out), a("--markdown")]));
    let (fields, texts) = parquet_rows(&[out]);
    let names: Vec<&str> = fields
        .iter()
        .map(|f| f.split(':').next().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "source",
            "url",
            "record_id",
            "warc_date",
            "title",
            "text",
            "markdown",
            "authors",
            "date",
            "description",
            "sitename",
            "canonical_url",
            "categories",
            "tags",
            "image",
            "language",
            "page_type",
            "content_hash",
            "simhash",
            "html_bytes",
            "error"
        ]
    );
    assert!(fields.contains(&"simhash:UInt64".to_string()), "{fields:?}");
    assert!(
        fields.iter().any(|f| f.starts_with("authors:List")),
        "{fields:?}"
    );
    assert_eq!(texts.len(), pages.len());
    for (text, (url, html)) in texts.iter().zip(&pages) {
        assert_eq!(text.as_deref().unwrap(), single_page_text(url, html));
    }
    let _ = fs::remove_dir_all(&dir);
}

/// Three WARC files of `per` pages each.
fn three_warcs(dir: &Path, per: usize) -> Vec<PathBuf> {
    let pages = dev_pages(3 * per);
    (0..3)
        .map(|i| {
            let p = dir.join(format!("in-{i}.warc.gz"));
            write_warc(&p, &pages[i * per..((i + 1) * per).min(pages.len())]);
            p
        })
        .collect()
}

#[test]
fn resume_after_a_crash_redoes_nothing_and_loses_nothing() {
    let dir = tmp("resume");
    let inputs = three_warcs(&dir, 4);
    for name in ["full.jsonl.gz", "cut.jsonl.gz", "cut.jsonl"] {
        let out = dir.join(name);
        let mut args: Vec<OsString> = inputs.iter().map(a).collect();
        args.extend([a("-o"), a(&out), a("-j"), a("1")]);
        if name.starts_with("cut") {
            // crash in the middle of the second file
            let mut crash = args.clone();
            crash.extend([a("--abort-after"), a("6")]);
            let first = batch(&crash);
            assert!(!first.status.success());
            let state = fs::read_to_string(dir.join(format!("{name}.state"))).unwrap();
            assert_eq!(state.lines().count(), 1, "{state}");
            args.push(a("--resume"));
            let err = ok(&batch(&args));
            assert!(err.contains("1 input(s) already done, 2 to go"), "{err}");
        } else {
            ok(&batch(&args));
        }
    }
    let full = read_jsonl(&dir.join("full.jsonl.gz"));
    assert_eq!(full.len(), 12);
    assert_eq!(read_jsonl(&dir.join("cut.jsonl.gz")), full);
    assert_eq!(read_jsonl(&dir.join("cut.jsonl")), full);

    // Parquet: a folder of parts, one per input
    let out = dir.join("parts.parquet");
    let mut args: Vec<OsString> = inputs.iter().map(a).collect();
    args.extend([a("-o"), a(&out), a("--resume")]);
    let mut crash = args.clone();
    crash.extend([a("--abort-after"), a("6")]);
    assert!(!batch(&crash).status.success());
    ok(&batch(&args));
    let mut parts: Vec<PathBuf> = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    parts.sort();
    assert_eq!(parts.len(), 3, "{parts:?}");
    let (_, texts) = parquet_rows(&parts);
    let full_texts: Vec<Option<String>> = full
        .iter()
        .map(|r| r["text"].as_str().map(str::to_string))
        .collect();
    assert_eq!(texts, full_texts);
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn damaged_records_become_error_rows_and_the_rest_is_extracted() {
    let dir = tmp("damage");
    let pages = dev_pages(6);
    let html = |i: usize| html_response(&pages[i].1);
    let mut w = Writer::new(Vec::new(), true);
    let mut ends = Vec::new();
    for (url, page) in &pages[..5] {
        w.write_response(url, DATE, &html_response(page)).unwrap();
        ends.push(w.get_ref().len());
    }
    let mut bytes = w.finish().unwrap();
    // page 1: a corrupt gzip member
    for b in &mut bytes[ends[0] + 40..ends[1] - 20] {
        *b ^= 0x5a;
    }
    // page 3: a lying Content-Length (a plain member written by hand)
    let block = html(5);
    let lying = format!(
        "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: https://dev.example/liar\r\nContent-Length: {}\r\n\r\n",
        block.len() + 5000
    );
    let mut member = lying.into_bytes();
    member.extend_from_slice(&block);
    member.extend_from_slice(b"\r\n\r\n");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    std::io::Write::write_all(&mut gz, &member).unwrap();
    let mut all = bytes[..ends[2]].to_vec();
    all.extend(gz.finish().unwrap());
    all.extend_from_slice(&bytes[ends[2]..]);
    // the file ends inside a last record
    let mut w = Writer::new(Vec::new(), false);
    w.write_response("https://dev.example/cut", DATE, &html(0))
        .unwrap();
    let tail = w.finish().unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    std::io::Write::write_all(&mut gz, &tail[..tail.len() / 2]).unwrap();
    all.extend(gz.finish().unwrap());
    let warc = dir.join("damaged.warc.gz");
    fs::write(&warc, all).unwrap();

    let out = dir.join("out.jsonl");
    let err = ok(&batch(&[a(&warc), a("-o"), a(&out)]));
    let rows = read_jsonl(&out);
    let good: Vec<&str> = rows
        .iter()
        .filter(|r| r["error"].is_null())
        .map(|r| r["url"].as_str().unwrap())
        .collect();
    let expected: Vec<&str> = [0, 2, 3, 4].iter().map(|&i| pages[i].0.as_str()).collect();
    assert_eq!(good, expected, "{rows:#?}");
    let errors: Vec<&str> = rows.iter().filter_map(|r| r["error"].as_str()).collect();
    assert!(
        errors.iter().any(|e| e.starts_with("warc_gzip")),
        "{errors:?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("warc_length_mismatch") || e.starts_with("warc_truncated")),
        "{errors:?}"
    );
    assert!(rows
        .iter()
        .any(|r| r["url"] == "https://dev.example/liar" && r["error"].is_string()));
    assert!(rows
        .iter()
        .any(|r| r["url"] == "https://dev.example/cut" && r["error"].is_string()));
    assert!(err.contains("kept 4"), "{err}");
    let _ = fs::remove_dir_all(&dir);
}

/// Peak RSS of a child in bytes, from the last /proc read before it ended (Linux).
fn peak_rss(mut cmd: Command) -> Option<u64> {
    let mut child = cmd
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let status_path = format!("/proc/{}/status", child.id());
    let mut peak = None;
    loop {
        if let Ok(status) = fs::read_to_string(&status_path) {
            if let Some(kb) = status
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            {
                peak = Some(peak.unwrap_or(0).max(kb * 1024));
            }
        }
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    peak
}

/// A synthetic article of about 40 KB.
fn article(i: usize) -> Vec<u8> {
    let para = format!("<p>Paragraph of story {i}: the council met on Tuesday to discuss the budget, the roads, the schools and the new library.</p>");
    format!(
        "<html><head><title>Story {i}</title></head><body><nav><a href='/'>Home</a></nav><article><h1>Story {i}</h1>{}</article></body></html>",
        para.repeat(300)
    )
    .into_bytes()
}

#[test]
fn memory_stays_flat_as_the_input_grows() {
    if !Path::new("/proc/self/status").exists() {
        eprintln!("note: no /proc: memory test skipped");
        return;
    }
    let dir = tmp("memory");
    let mut peaks = Vec::new();
    for (name, n) in [("small", 150), ("large", 1200)] {
        let mut w = Writer::new(Vec::new(), true);
        for i in 0..n {
            let url = format!("https://synthetic.example/{i}");
            w.write_response(&url, DATE, &html_response(&article(i)))
                .unwrap();
        }
        let warc = dir.join(format!("{name}.warc.gz"));
        fs::write(&warc, w.finish().unwrap()).unwrap();
        let mut cmd = Command::new(BIN);
        cmd.arg("batch")
            .arg(&warc)
            .arg("-o")
            .arg(dir.join(format!("{name}.parquet")));
        cmd.args(["-j", "2"]);
        let peak = peak_rss(cmd).expect("VmHWM");
        eprintln!(
            "{name}: {n} pages of ~40 KB ({} MB of HTML), peak RSS {} MB",
            n * 40 / 1000,
            peak >> 20
        );
        peaks.push(peak);
    }
    // 8x the input: the peak may not grow by more than 40 MB, and stays under 300 MB
    assert!(peaks[1] < peaks[0] + (40 << 20), "{peaks:?}");
    assert!(peaks[1] < 300 << 20, "{peaks:?}");
    let _ = fs::remove_dir_all(&dir);
}
