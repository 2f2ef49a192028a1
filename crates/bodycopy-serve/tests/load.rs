//! A bounded load run: the server in this process, `bodycopy-load` in a second
//! process posting the seed page 2,000 times over 4 connections. Asserts no errors
//! and that the server's RSS after 2,000 requests stays near its RSS after 1,000
//! (speed is printed, never asserted). This binary holds no other test, so the RSS
//! is the server's alone.

mod common;

use std::process::Command;

use bodycopy_serve::ServeConfig;
use common::{seed_path, Server};

#[test]
fn two_thousand_requests_without_errors_or_memory_growth() {
    let server = Server::start(ServeConfig::default());
    let output = Command::new(env!("CARGO_BIN_EXE_bodycopy-load"))
        .args(["--url", &server.url("/v1/extract?format=markdown")])
        .args(["--file", seed_path().to_str().unwrap()])
        .args([
            "--checkpoints",
            "200,1000,2000",
            "--concurrency",
            "4",
            "--json",
        ])
        .args(["--server-pid", &std::process::id().to_string()])
        .env_remove("http_proxy")
        .env_remove("HTTP_PROXY")
        .output()
        .expect("run bodycopy-load");
    let stdout = String::from_utf8_lossy(&output.stdout);
    println!("{stdout}{}", String::from_utf8_lossy(&output.stderr));
    let report: serde_json::Value = serde_json::from_str(stdout.trim()).expect("a JSON report");
    assert_eq!(report["errors"], 0, "{report}");
    assert!(output.status.success());
    let phases = report["phases"].as_array().unwrap();
    assert_eq!(phases.len(), 3);
    assert_eq!(
        phases
            .iter()
            .map(|p| p["requests"].as_u64().unwrap())
            .sum::<u64>(),
        2000
    );
    let rss = |i: usize| {
        phases[i]["server_rss_kb"]
            .as_u64()
            .expect("the server's RSS") as f64
    };
    let (after_1000, after_2000) = (rss(1), rss(2));
    println!(
        "server RSS after 1000 requests {:.1} MB, after 2000 {:.1} MB",
        after_1000 / 1024.0,
        after_2000 / 1024.0
    );
    // allocator noise is a few MB; a leak of even 1 kB per request would be 1 MB more
    assert!(
        after_2000 <= after_1000 * 1.10 + 4096.0,
        "RSS grew from {after_1000} kB to {after_2000} kB"
    );
    server.stop().expect("a clean shutdown");
}
