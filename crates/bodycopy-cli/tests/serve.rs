//! `bodycopy serve` as a process: it prints its address, answers, and on SIGTERM
//! finishes the request in flight before exiting 0.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::sync::Mutex;
use std::time::Duration;

use bodycopy_fetch::test_server::{Reply, TestServer};

const BIN: &str = env!("CARGO_BIN_EXE_bodycopy");

const PAGE: &str = "<html><head><title>Harbour works</title></head><body>\
<nav><a href=\"/\">Home</a></nav><article><h1>Harbour works</h1>\
<p>The harbour will close for repairs from Monday, the port authority said on Friday.</p>\
<p>Ferries will sail from the north pier until the works end in the spring.</p>\
</article></body></html>";

/// A plain HTTP/1.1 GET; returns the status line and the body.
fn http_get(addr: SocketAddr, path: &str) -> (String, String) {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("a response");
    let status = response.lines().next().unwrap_or("").to_string();
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

#[test]
fn serves_and_shuts_down_gracefully_on_sigterm() {
    let (tx, arrived) = mpsc::channel();
    let arrived_tx = Mutex::new(tx);
    let upstream = TestServer::start(move |_| {
        let _ = arrived_tx.lock().unwrap().send(());
        Reply::html(PAGE).delayed(Duration::from_millis(1000))
    });
    let mut child = Command::new(BIN)
        .args([
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--allow-private-addresses",
        ])
        .env_remove("http_proxy")
        .env_remove("HTTP_PROXY")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start bodycopy serve");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .expect("the address line");
    let addr: SocketAddr = line
        .trim()
        .strip_prefix("bodycopy: listening on http://")
        .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
        .parse()
        .expect("an address");

    let (status, body) = http_get(addr, "/healthz");
    assert!(status.contains(" 200 "), "{status}");
    assert!(body.contains("\"ok\""));

    let path = format!("/v1/extract?format=txt&url={}", upstream.url("/story"));
    let in_flight = std::thread::spawn(move || http_get(addr, &path));
    arrived
        .recv_timeout(Duration::from_secs(10))
        .expect("the request reached upstream");
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill -TERM");
    assert!(killed.success());
    let (status, body) = in_flight.join().unwrap();
    assert!(status.contains(" 200 "), "{status}: {body}");
    assert!(
        body.contains("The harbour will close for repairs"),
        "{body}"
    );
    let exit = child.wait().expect("the server exits");
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert!(exit.success(), "exit {exit:?}: {stderr}");
    assert!(stderr.contains("shut down"), "{stderr}");
}
