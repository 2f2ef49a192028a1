//! The `bodycopy` binary end to end: formats, stdin, folders, exit codes, and
//! URL fetching against a small HTTP server on 127.0.0.1 (never the internet).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_bodycopy");

fn seed_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/seed-page/source.html")
}

fn seed() -> Vec<u8> {
    std::fs::read(seed_path()).expect("seed page")
}

/// A sentence of the seed page's body.
const SEED_SENTENCE: &str = "Michelle Bachelet visited China in May";

/// A small article without a canonical link (so `url` comes from the caller).
const PLAIN_PAGE: &str = "<html><head><title>Harbour works</title></head><body>\
<nav><a href=\"/\">Home</a></nav><article><h1>Harbour works</h1>\
<p>The harbour will close for repairs from Monday, the port authority said on Friday.</p>\
<p>Ferries will sail from the north pier until the works end in the spring.</p>\
</article><footer>Copyright 2024</footer></body></html>";

/// A page with no main content.
const EMPTY_PAGE: &str =
    "<html><head><title>Menu</title></head><body><nav><a href=\"/\">Home</a></nav></body></html>";

/// The binary with an environment that cannot reach a proxy (nor the internet).
fn bodycopy() -> Command {
    let mut cmd = Command::new(BIN);
    for var in [
        "http_proxy",
        "HTTP_PROXY",
        "https_proxy",
        "HTTPS_PROXY",
        "all_proxy",
        "ALL_PROXY",
    ] {
        cmd.env_remove(var);
    }
    cmd
}

fn run(args: &[&str]) -> Output {
    bodycopy().args(args).output().expect("run bodycopy")
}

fn run_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = bodycopy()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn bodycopy");
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    let writer = thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let out = child.wait_with_output().expect("wait bodycopy");
    writer.join().unwrap();
    out
}

fn code(out: &Output) -> i32 {
    out.status.code().expect("exit code")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("utf-8 stdout")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A fresh, empty scratch folder for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("cli-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

fn garbage(len: usize) -> Vec<u8> {
    let mut x: u32 = 0x1234_5678;
    (0..len)
        .map(|i| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            if i % 3 == 0 {
                0
            } else {
                x as u8
            }
        })
        .collect()
}

// ------------------------------------------------------------ single pages

#[test]
fn seed_page_as_text() {
    let out = run(&["extract", seed_path().to_str().unwrap()]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains(SEED_SENTENCE));
    assert!(!text.contains("LEAVE A REPLY"));
    assert!(out.stderr.is_empty());
}

#[test]
fn seed_page_as_markdown() {
    let out = run(&[
        "extract",
        "--format",
        "markdown",
        seed_path().to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let md = stdout(&out);
    assert!(md.contains(SEED_SENTENCE));
}

#[test]
fn seed_page_as_html_with_title() {
    let out = run(&[
        "extract",
        "-f",
        "html",
        "--title",
        seed_path().to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let html = stdout(&out);
    assert!(html.starts_with("<h1>China Tries To Prevent"), "{html}");
    assert!(html.contains("<p>"));
    assert!(!html.contains("<script") && !html.contains("onclick"));
}

#[test]
fn seed_page_as_json() {
    let out = run(&["extract", "-f", "json", seed_path().to_str().unwrap()]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let v: Value = serde_json::from_str(&stdout(&out)).expect("valid JSON");
    assert_eq!(v["date"], "2022-07-21");
    assert_eq!(v["author"], "News Desk");
    assert!(v["text"].as_str().unwrap().contains(SEED_SENTENCE));
    assert!(v["blocks"].as_array().is_some_and(|b| !b.is_empty()));
}

#[test]
fn options_are_accepted() {
    let seed = seed_path();
    let out = run(&[
        "extract",
        "--favor",
        "precision",
        "--comments",
        "--links",
        "--images",
        "--no-tables",
        "--url",
        "https://elsewhere.example/a/b.html",
        "--content-type",
        "text/html; charset=utf-8",
        "--format",
        "markdown",
        seed.to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stdout(&out).contains("Bachelet"));
    let out = run(&["extract", "--favor", "recall", seed.to_str().unwrap()]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let out = run(&["extract", "--favor", "sideways", seed.to_str().unwrap()]);
    assert_eq!(code(&out), 2, "clap usage errors exit with 2");
}

#[test]
fn help_documents_exit_codes() {
    let out = run(&["extract", "--help"]);
    assert_eq!(code(&out), 0);
    let help = stdout(&out);
    for needle in [
        "Exit codes",
        "--- comments ---",
        "--output-dir",
        "--max-bytes",
    ] {
        assert!(help.contains(needle), "{needle}");
    }
}

#[test]
fn stdin_input() {
    let out = run_stdin(&["extract", "-"], &seed());
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stdout(&out).contains(SEED_SENTENCE));
    let out = run_stdin(
        &[
            "extract",
            "-f",
            "json",
            "--url",
            "https://harbour.example/works",
            "-",
        ],
        PLAIN_PAGE.as_bytes(),
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["url"], "https://harbour.example/works");
}

#[test]
fn bad_input_exits_2() {
    let dir = scratch("bad-input");
    let empty = dir.join("empty.html");
    std::fs::write(&empty, b"  \n").unwrap();
    let binary = dir.join("binary.html");
    std::fs::write(&binary, garbage(4096)).unwrap();
    let missing = dir.join("missing.html");
    for (path, msg) in [
        (&empty, "empty"),
        (&binary, "binary"),
        (&missing, "no such file"),
    ] {
        let p = path.to_str().unwrap();
        let out = run(&["extract", p]);
        assert_eq!(code(&out), 2, "{p}");
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.starts_with(&format!("bodycopy: {p}: ")), "{err}");
        assert!(err.contains(msg), "{err}");
        assert!(out.stdout.is_empty());
    }
    let out = run_stdin(&["extract", "-"], b"");
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).starts_with("bodycopy: -: "));
    let out = run(&["extract", "ftp://example.invalid/page.html"]);
    assert_eq!(code(&out), 2);
    let out = run(&[
        "extract",
        "--url",
        "not a url",
        seed_path().to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("--url"));
}

#[test]
fn no_content_exits_3_and_keeps_metadata_in_json() {
    let out = run_stdin(&["extract", "-"], EMPTY_PAGE.as_bytes());
    assert_eq!(code(&out), 3);
    assert!(stderr(&out).contains("no main content"));
    let out = run_stdin(&["extract", "-f", "json", "-"], EMPTY_PAGE.as_bytes());
    assert_eq!(code(&out), 3);
    let v: Value = serde_json::from_str(&stdout(&out)).expect("metadata JSON");
    assert_eq!(v["text"], "");
    assert!(v.get("title").is_some());
}

#[test]
fn limits_exit_1() {
    let out = run(&[
        "extract",
        "--max-bytes",
        "1000",
        seed_path().to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 1);
    assert!(
        stderr(&out).contains("larger than 1000 bytes"),
        "{}",
        stderr(&out)
    );
    let mut deep = String::from("<html><body>");
    deep.push_str(&"<div>".repeat(50_000));
    deep.push_str("text</body></html>");
    let out = run_stdin(&["extract", "-"], deep.as_bytes());
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("nested deeper"), "{}", stderr(&out));
}

// ---------------------------------------------------------------- folders

/// good.html, sub/good2.htm.gz, empty.html, binary.htm, nocontent.html, notes.txt
fn make_folder(name: &str) -> PathBuf {
    let dir = scratch(name);
    let pages = dir.join("pages");
    std::fs::create_dir_all(pages.join("sub")).unwrap();
    std::fs::write(pages.join("good.html"), seed()).unwrap();
    std::fs::write(pages.join("sub/good2.htm.gz"), gzip(PLAIN_PAGE.as_bytes())).unwrap();
    std::fs::write(pages.join("empty.html"), b"").unwrap();
    std::fs::write(pages.join("binary.htm"), garbage(2048)).unwrap();
    std::fs::write(pages.join("nocontent.html"), EMPTY_PAGE).unwrap();
    std::fs::write(pages.join("notes.txt"), "not a page").unwrap();
    dir
}

#[test]
fn folder_to_json_lines() {
    let dir = make_folder("jsonl");
    let pages = dir.join("pages");
    let out = run(&["extract", pages.to_str().unwrap()]);
    assert_eq!(code(&out), 0, "one page succeeded, no internal error");
    let lines: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    let names: Vec<String> = lines
        .iter()
        .map(|v| {
            let p = Path::new(v["path"].as_str().unwrap());
            p.strip_prefix(&pages)
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(
        names,
        [
            "binary.htm",
            "empty.html",
            "good.html",
            "nocontent.html",
            "sub/good2.htm.gz"
        ]
    );
    let error = |i: usize| lines[i]["error"].as_str().unwrap_or("").to_string();
    assert!(error(0).contains("binary"), "{}", error(0));
    assert!(error(1).contains("empty"), "{}", error(1));
    assert!(lines[2]["error"].is_null());
    assert!(lines[2]["text"].as_str().unwrap().contains(SEED_SENTENCE));
    assert_eq!(lines[2]["date"], "2022-07-21");
    assert!(error(3).contains("no main content"));
    assert!(
        lines[3].get("title").is_some(),
        "metadata kept for an empty page"
    );
    assert!(lines[4]["error"].is_null());
    assert!(lines[4]["text"]
        .as_str()
        .unwrap()
        .contains("harbour will close"));
    // one stderr line per failed page
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 3, "{err}");
    assert!(err.lines().all(|l| l.starts_with("bodycopy: ")));
}

#[test]
fn folder_exit_codes() {
    let dir = scratch("folder-codes");
    let bad = dir.join("bad");
    std::fs::create_dir_all(&bad).unwrap();
    std::fs::write(bad.join("a.html"), b"").unwrap();
    std::fs::write(bad.join("b.html"), EMPTY_PAGE).unwrap();
    let out = run(&["extract", bad.to_str().unwrap()]);
    assert_eq!(code(&out), 2, "no page succeeded, one was bad input");
    assert_eq!(stdout(&out).lines().count(), 2);

    let empty_only = dir.join("empty-only");
    std::fs::create_dir_all(&empty_only).unwrap();
    std::fs::write(empty_only.join("b.html"), EMPTY_PAGE).unwrap();
    let out = run(&["extract", empty_only.to_str().unwrap()]);
    assert_eq!(code(&out), 3);

    let none = dir.join("none");
    std::fs::create_dir_all(&none).unwrap();
    let out = run(&["extract", none.to_str().unwrap()]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("no *.html"));

    let dir = make_folder("folder-limit");
    let out = run(&[
        "extract",
        "--max-bytes",
        "2000",
        dir.join("pages").to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 1, "the seed page is over --max-bytes");
    assert_eq!(stdout(&out).lines().count(), 5, "the run went on");
}

#[test]
fn folder_to_output_dir() {
    let dir = make_folder("outdir");
    let pages = dir.join("pages");
    let txt = dir.join("txt");
    let out = run(&[
        "extract",
        "--output-dir",
        txt.to_str().unwrap(),
        pages.to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    let good = std::fs::read_to_string(txt.join("good.txt")).unwrap();
    assert!(good.contains(SEED_SENTENCE));
    let good2 = std::fs::read_to_string(txt.join("sub/good2.txt")).unwrap();
    assert!(good2.contains("harbour will close"));
    for missing in ["empty.txt", "binary.txt", "nocontent.txt", "notes.txt"] {
        assert!(!txt.join(missing).exists(), "{missing}");
    }

    let json = dir.join("json");
    let out = run(&[
        "extract",
        "-f",
        "json",
        "-o",
        json.to_str().unwrap(),
        pages.to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 0);
    let v: Value =
        serde_json::from_str(&std::fs::read_to_string(json.join("good.json")).unwrap()).unwrap();
    assert_eq!(v["date"], "2022-07-21");
    assert!(
        json.join("nocontent.json").exists(),
        "metadata of an empty page"
    );
    assert!(!json.join("empty.json").exists());

    let md = dir.join("md");
    let out = run(&[
        "extract",
        "-f",
        "markdown",
        "-o",
        md.to_str().unwrap(),
        pages.to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 0);
    assert!(md.join("good.md").exists());
    assert!(md.join("sub/good2.md").exists());

    let out = run(&[
        "extract",
        "-o",
        md.to_str().unwrap(),
        seed_path().to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 2, "--output-dir needs a folder");
}

// ------------------------------------------------------------------- URLs

/// A tiny HTTP/1.1 server on 127.0.0.1 for the fetching tests; stopped on drop.
struct Server {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    requests: Arc<Mutex<Vec<String>>>,
    accept: Option<JoinHandle<()>>,
}

impl Server {
    fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().unwrap();
        let stop = Arc::new(AtomicBool::new(false));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let (stop2, requests2) = (stop.clone(), requests.clone());
        let accept = thread::spawn(move || {
            let mut workers = Vec::new();
            for conn in listener.incoming() {
                if stop2.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(conn) = conn else { continue };
                let (stop3, requests3) = (stop2.clone(), requests2.clone());
                workers.push(thread::spawn(move || serve(conn, &stop3, &requests3)));
            }
            for w in workers {
                let _ = w.join();
            }
        });
        Server {
            addr,
            stop,
            requests,
            accept: Some(accept),
        }
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // wake the accept loop
        let _ = TcpStream::connect(self.addr);
        if let Some(h) = self.accept.take() {
            let _ = h.join();
        }
    }
}

fn serve(mut conn: TcpStream, stop: &AtomicBool, requests: &Mutex<Vec<String>>) {
    conn.set_read_timeout(Some(Duration::from_secs(5))).ok();
    let mut reader = BufReader::new(conn.try_clone().unwrap());
    let mut head = String::new();
    loop {
        let mut line = String::new();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
        if line == "\r\n" || line == "\n" {
            break;
        }
        head.push_str(&line);
    }
    let path = head.split_whitespace().nth(1).unwrap_or("/").to_string();
    requests.lock().unwrap().push(head.clone());
    let respond = |conn: &mut TcpStream, status: &str, headers: &[(&str, String)], body: &[u8]| {
        let mut out = format!(
            "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n",
            body.len()
        );
        for (k, v) in headers {
            out.push_str(&format!("{k}: {v}\r\n"));
        }
        out.push_str("\r\n");
        let _ = conn.write_all(out.as_bytes());
        let _ = conn.write_all(body);
        let _ = conn.flush();
    };
    let html = ("Content-Type", "text/html; charset=utf-8".to_string());
    match path.as_str() {
        "/seed" => respond(&mut conn, "200 OK", &[html], &seed()),
        "/plain" => respond(&mut conn, "200 OK", &[html], PLAIN_PAGE.as_bytes()),
        "/loop" => respond(&mut conn, "302 Found", &[("Location", "/loop".into())], b""),
        "/missing" => respond(&mut conn, "404 Not Found", &[html], b"<p>not here</p>"),
        "/big" => {
            let mut body = String::from("<html><body><article>");
            while body.len() < 300_000 {
                body.push_str("<p>A paragraph that repeats until the page is too large.</p>");
            }
            body.push_str("</article></body></html>");
            respond(&mut conn, "200 OK", &[html], body.as_bytes());
        }
        "/slow" => {
            // answer after 5 s (or as soon as the server stops)
            let started = Instant::now();
            while started.elapsed() < Duration::from_secs(5) && !stop.load(Ordering::SeqCst) {
                thread::sleep(Duration::from_millis(20));
            }
            respond(&mut conn, "200 OK", &[html], PLAIN_PAGE.as_bytes());
        }
        p if p.starts_with("/r/") => {
            // /r/N redirects to /r/N-1; /r/0 redirects to /plain
            let n: u32 = p[3..].parse().unwrap_or(0);
            let next = if n == 0 {
                "/plain".to_string()
            } else {
                format!("/r/{}", n - 1)
            };
            respond(&mut conn, "302 Found", &[("Location", next)], b"");
        }
        _ => respond(&mut conn, "404 Not Found", &[], b""),
    }
    // drain anything left so the client sees a clean close
    let mut rest = Vec::new();
    conn.set_read_timeout(Some(Duration::from_millis(50))).ok();
    let _ = conn.read_to_end(&mut rest);
}

#[test]
fn fetching_urls() {
    let server = Server::start();

    // the seed page, with its Content-Type
    let out = run(&["extract", "-f", "json", &server.url("/seed")]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert!(v["text"].as_str().unwrap().contains(SEED_SENTENCE));
    let ua_sent = server
        .requests
        .lock()
        .unwrap()
        .iter()
        .any(|h| h.to_ascii_lowercase().contains("user-agent: bodycopy/"));
    assert!(ua_sent, "User-Agent bodycopy/<version>");

    // a redirect chain: the final URL becomes the page's URL
    let out = run(&["extract", "-f", "json", &server.url("/r/3")]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["url"], server.url("/plain"));
    assert!(v["text"].as_str().unwrap().contains("harbour will close"));
    // ... unless --url is given
    let out = run(&[
        "extract",
        "-f",
        "json",
        "--url",
        "https://harbour.example/x",
        &server.url("/r/1"),
    ]);
    assert_eq!(code(&out), 0);
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["url"], "https://harbour.example/x");

    // a chain longer than the limit, and a loop
    let out = run(&["extract", "--max-redirects", "2", &server.url("/r/3")]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("redirect"), "{}", stderr(&out));
    let out = run(&["extract", &server.url("/loop")]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("too many redirects"),
        "{}",
        stderr(&out)
    );

    // an HTTP error status
    let url = server.url("/missing");
    let out = run(&["extract", &url]);
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(err.starts_with(&format!("bodycopy: {url}: ")), "{err}");
    assert!(err.contains("404"), "{err}");
    assert!(out.stdout.is_empty());

    // a body over --max-bytes is an exceeded limit
    let out = run(&["extract", "--max-bytes", "100000", &server.url("/big")]);
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("--max-bytes"), "{}", stderr(&out));
    let out = run(&["extract", "--max-bytes", "1000000", &server.url("/big")]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));

    // a server slower than --timeout
    let started = Instant::now();
    let out = run(&["extract", "--timeout", "1", &server.url("/slow")]);
    let took = started.elapsed();
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("timed out"), "{}", stderr(&out));
    assert!(took < Duration::from_secs(4), "{took:?}");

    // nothing listens here
    let closed = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let out = run(&["extract", &format!("http://127.0.0.1:{port}/")]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("fetch failed"), "{}", stderr(&out));

    drop(server);
}

#[test]
fn bench_reports_throughput_per_stage() {
    let dir = scratch("bench");
    std::fs::create_dir_all(dir.join("html")).unwrap();
    std::fs::create_dir_all(dir.join("truth")).unwrap();
    std::fs::write(dir.join("html/seed.html"), seed()).unwrap();
    std::fs::write(
        dir.join("truth/seed.json"),
        r#"{"id": "seed", "url": "https://example.com/story", "body": ""}"#,
    )
    .unwrap();
    let out = run(&["bench", "--passes", "2", "--json", dir.to_str().unwrap()]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let reports: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let report = &reports[0];
    assert_eq!(report["pages"], 1);
    assert_eq!(report["passes"], 2);
    assert_eq!(report["bytes"], seed().len());
    assert_eq!(report["errors"], 0);
    for stage in [
        "decode",
        "parse",
        "metadata",
        "content",
        "finish",
        "serialise",
    ] {
        assert!(report["stages"][stage].as_f64().unwrap() >= 0.0, "{stage}");
    }
    assert!(report["extract"]["pages_per_sec"].as_f64().unwrap() > 0.0);
    assert!(report["extract_vs_parse"].as_f64().unwrap() > 0.0);

    let text = stdout(&run(&["bench", dir.to_str().unwrap()]));
    assert!(text.contains("extract / parse-only throughput"), "{text}");
    let missing = run(&["bench", dir.join("nope").to_str().unwrap()]);
    assert_ne!(code(&missing), 0);
    assert!(
        stderr(&missing).contains("not found"),
        "{}",
        stderr(&missing)
    );
}

/// Memory stays proportional on a big page: a ~10 MB page built from copies of the seed
/// page's body peaks under 10× its size plus 20 MB of resident memory (the process's own
/// peak, which also holds the page bytes).
#[test]
fn bench_scaling_memory_is_bounded() {
    let out = run(&[
        "bench",
        "--json",
        "--scaling",
        seed_path().to_str().unwrap(),
        "--factors",
        "500",
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let point = &report["points"][0];
    assert!(point["error"].is_null(), "{point}");
    let mb = point["bytes"].as_f64().unwrap() / 1e6;
    assert!(mb > 9.0, "the built page is {mb} MB");
    if let Some(peak) = report["peak_rss_mb"].as_f64() {
        let bound = 10.0 * mb + 20.0;
        assert!(peak <= bound, "peak RSS {peak:.1} MB over {bound:.1} MB");
    }
}

/// Extracting the same pages again and again does not grow the process.
#[test]
fn bench_passes_do_not_grow_memory() {
    let dir = scratch("bench-leak");
    std::fs::create_dir_all(dir.join("html")).unwrap();
    std::fs::create_dir_all(dir.join("truth")).unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    for entry in std::fs::read_dir(&fixtures).unwrap() {
        let source = entry.unwrap().path().join("source.html");
        if let Ok(html) = std::fs::read(&source) {
            let id = source
                .parent()
                .unwrap()
                .file_name()
                .unwrap()
                .to_str()
                .unwrap();
            std::fs::write(dir.join(format!("html/{id}.html")), html).unwrap();
            std::fs::write(dir.join(format!("truth/{id}.json")), r#"{"body": ""}"#).unwrap();
        }
    }
    let out = run(&["bench", "--json", "--passes", "30", dir.to_str().unwrap()]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let reports: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let report = &reports[0];
    assert!(report["pages"].as_u64().unwrap() >= 10);
    if let (Some(first), Some(last)) = (
        report["rss_after_first_pass_mb"].as_f64(),
        report["rss_after_last_pass_mb"].as_f64(),
    ) {
        assert!(
            last <= first * 1.1,
            "RSS grew from {first:.1} MB to {last:.1} MB"
        );
    }
}
