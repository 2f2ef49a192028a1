//! The service end to end against servers started on 127.0.0.1:0 by the tests:
//! every route, every error status (400, 403, 413, 415, 422, 503, 504), the
//! OpenAPI document against the router, metrics, and graceful shutdown.

mod common;

use std::collections::BTreeSet;
use std::sync::mpsc;
use std::sync::Mutex;
use std::time::Duration;

use bodycopy_fetch::test_server::{Reply as Upstream, TestServer};
use bodycopy_serve::{AddressPolicy, ServeConfig};
use common::{get, post, post_json, request, seed, Server, SEED_SENTENCE};
use serde_json::json;

fn local_config() -> ServeConfig {
    ServeConfig {
        address_policy: AddressPolicy::allow_all(),
        ..ServeConfig::default()
    }
}

/// An upstream serving the seed page at `/seed`, and at `/slow` after `delay`,
/// telling `arrived` when a `/slow` request has arrived.
fn upstream(delay: Duration, arrived: mpsc::Sender<()>) -> TestServer {
    let page = seed();
    let arrived = Mutex::new(arrived);
    TestServer::start(move |path| match path {
        "/slow" => {
            let _ = arrived.lock().unwrap().send(());
            Upstream::html(page.clone()).delayed(delay)
        }
        "/seed" => Upstream::html(page.clone()),
        "/empty" => Upstream::html(""),
        _ => Upstream {
            status: 404,
            ..Upstream::html("no")
        },
    })
}

#[test]
fn health_playground_and_not_found() {
    let server = Server::start(ServeConfig::default());
    let r = get(&server.url("/healthz"));
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["status"], "ok");
    assert_eq!(r.header("x-content-type-options"), Some("nosniff"));

    let r = get(&server.url("/"));
    assert_eq!(r.status, 200);
    assert!(r.content_type.starts_with("text/html"));
    assert!(
        r.body.contains("<iframe") && r.body.contains("sandbox"),
        "the playground page"
    );
    assert!(!r.body.contains("<script src"), "no external scripts");
    assert!(r.header("content-security-policy").is_some());

    let r = get(&server.url("/nope"));
    assert_eq!((r.status, r.error_code().as_str()), (404, "not_found"));
}

#[test]
fn openapi_documents_exactly_the_routes() {
    let server = Server::start(ServeConfig::default());
    let r = get(&server.url("/openapi.json"));
    assert_eq!(r.status, 200);
    let doc = r.json();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let mut documented = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for (method, op) in item.as_object().expect("path item") {
            assert!(op["responses"].is_object(), "{method} {path} has responses");
            documented.insert((method.to_uppercase(), path.clone()));
        }
    }
    let served: BTreeSet<(String, String)> = bodycopy_serve::routes()
        .into_iter()
        .map(|(m, p)| (m.to_string(), p.to_string()))
        .collect();
    assert_eq!(documented, served, "OpenAPI paths vs the router's routes");
    // every documented route is really served: no 404/405 from the router
    for (method, path) in &documented {
        let r = request(method, &server.url(path));
        assert!(
            r.status != 404 && r.status != 405,
            "{method} {path} answered {}",
            r.status
        );
    }
    // and other methods on those paths are not
    for path in documented.iter().map(|(_, p)| p).collect::<BTreeSet<_>>() {
        for method in ["GET", "POST", "PUT", "DELETE", "PATCH"] {
            if !documented.contains(&(method.to_string(), path.to_string())) {
                let r = request(method, &server.url(path));
                assert_eq!(
                    r.status, 405,
                    "{method} {path} is not documented but answered"
                );
            }
        }
    }
    // every $ref resolves
    let text = r.body.clone();
    for piece in text.split("\"$ref\": \"#/").skip(1) {
        let pointer = format!("/{}", &piece[..piece.find('"').unwrap()]);
        assert!(doc.pointer(&pointer).is_some(), "unresolved $ref {pointer}");
    }
}

#[test]
fn extracts_inline_html_in_every_format() {
    let server = Server::start(ServeConfig::default());
    let url = server.url("/v1/extract");
    let r = post_json(&url, &json!({"html": seed()}));
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.content_type.starts_with("text/markdown"));
    assert!(r.body.contains(SEED_SENTENCE));
    assert!(!r.body.contains("Trending Today"));

    let r = post_json(&url, &json!({"html": seed(), "format": "json"}));
    assert_eq!(r.status, 200);
    let doc = r.json();
    assert_eq!(doc["author"], "News Desk");
    assert!(doc["text"].as_str().unwrap().contains(SEED_SENTENCE));

    let r = post_json(
        &url,
        &json!({"html": seed(), "format": "markdown", "options": {"title": true}}),
    );
    assert!(
        r.body.starts_with("# China Tries To Prevent"),
        "{}",
        &r.body[..80]
    );

    // a raw HTML body, options in the query string
    let r = post(
        &format!("{url}?format=txt&title=true&url=https://news.example/a"),
        "text/html; charset=utf-8",
        seed(),
    );
    assert_eq!(r.status, 200);
    assert!(r.content_type.starts_with("text/plain"));
    assert!(r.body.starts_with("China Tries To Prevent"));
    let r = post(&format!("{url}?format=html"), "text/html", seed());
    assert!(r.body.contains("<p>") && r.body.contains(SEED_SENTENCE));
}

#[test]
fn fetches_urls_only_where_allowed() {
    let (tx, _rx) = mpsc::channel();
    let up = upstream(Duration::ZERO, tx);
    let local = Server::start(local_config());
    let r = get(&local.url(&format!(
        "/v1/extract?url={}&format=markdown",
        up.url("/seed")
    )));
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.body.contains(SEED_SENTENCE));
    let r = post_json(
        &local.url("/v1/extract"),
        &json!({"url": up.url("/seed"), "format": "json"}),
    );
    assert_eq!(
        r.json()["url"],
        "https://news.example/china-tries-to-prevent-un-human-rights-chief-from-exposing-reports/"
    );
    let r = get(&local.url(&format!("/v1/extract?url={}", up.url("/missing"))));
    assert_eq!(
        (r.status, r.error_code().as_str()),
        (502, "upstream_status")
    );

    // the default policy refuses the same addresses, and names that resolve to them
    let public = Server::start(ServeConfig::default());
    for target in [
        up.url("/seed"),
        "http://localhost:9/".to_string(),
        "http://10.0.0.1/".to_string(),
        "http://169.254.169.254/latest/meta-data/".to_string(),
        "http://[::1]:9/".to_string(),
    ] {
        let r = get(&public.url(&format!("/v1/extract?url={target}")));
        assert_eq!(r.status, 403, "{target}: {}", r.body);
        assert_eq!(r.error_code(), "address_refused");
        assert!(r.json()["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("refused to fetch"));
    }
}

#[test]
fn bad_requests_get_their_statuses() {
    let server = Server::start(ServeConfig {
        max_body_bytes: 64 * 1024,
        ..ServeConfig::default()
    });
    let url = server.url("/v1/extract");
    let cases: Vec<(common::Reply, u16, &str)> = vec![
        (
            post(&url, "application/json", "{\"html\": "),
            400,
            "bad_json",
        ),
        (
            post(&url, "application/json", "{\"page\": \"x\"}"),
            400,
            "bad_json",
        ),
        (
            post(
                &url,
                "application/json",
                "{\"html\": \"x\", \"format\": \"pdf\"}",
            ),
            400,
            "bad_json",
        ),
        (
            post(
                &url,
                "application/json",
                "{\"url\": \"file:///etc/passwd\"}",
            ),
            400,
            "bad_url",
        ),
        (get(&server.url("/v1/extract")), 400, "missing_url"),
        (
            get(&server.url("/v1/extract?url=x&tables=maybe")),
            400,
            "bad_query",
        ),
        (
            post(&url, "text/html", "x".repeat(100 * 1024)),
            413,
            "body_too_large",
        ),
        (
            post(&url, "text/plain", "<p>hi</p>"),
            415,
            "unsupported_media_type",
        ),
        (post(&url, "", "<p>hi</p>"), 415, "unsupported_media_type"),
        (post(&url, "application/json", "{}"), 422, "missing_input"),
        (post_json(&url, &json!({"html": ""})), 422, "empty_input"),
        (post(&url, "text/html", "   \n "), 422, "empty_input"),
        (
            post(
                &url,
                "text/html",
                [0u8, 159, 146, 150, 0, 1, 2, 3, 0, 0, 7, 8].repeat(50),
            ),
            422,
            "not_html",
        ),
        (
            post(&server.url("/v1/explain"), "application/json", "[1"),
            400,
            "bad_json",
        ),
        (
            post(&server.url("/v1/explain"), "image/png", "x"),
            415,
            "unsupported_media_type",
        ),
    ];
    for (i, (r, status, code)) in cases.iter().enumerate() {
        assert_eq!(r.status, *status, "case {i}: {}", r.body);
        assert_eq!(r.error_code(), *code, "case {i}");
        assert!(r.content_type.starts_with("application/json"), "case {i}");
    }
}

#[test]
fn a_full_server_answers_503_and_a_slow_request_504() {
    let (tx, arrived) = mpsc::channel();
    let up = upstream(Duration::from_millis(1500), tx);
    let server = Server::start(ServeConfig {
        max_concurrency: 1,
        ..local_config()
    });
    let slow = server.url(&format!("/v1/extract?url={}", up.url("/slow")));
    let first = std::thread::spawn(move || get(&slow));
    arrived
        .recv_timeout(Duration::from_secs(10))
        .expect("the slow request reached upstream");
    let r = post_json(&server.url("/v1/extract"), &json!({"html": seed()}));
    assert_eq!((r.status, r.error_code().as_str()), (503, "overloaded"));
    assert_eq!(r.header("retry-after"), Some("1"));
    assert!(r.json()["error"]["message"]
        .as_str()
        .unwrap()
        .contains("busy"));
    let r = first.join().unwrap();
    assert_eq!(r.status, 200, "the first request finishes: {}", r.body);
    // the slot is free again
    let r = post_json(&server.url("/v1/extract"), &json!({"html": seed()}));
    assert_eq!(r.status, 200);

    let (tx, _arrived) = mpsc::channel();
    let up = upstream(Duration::from_secs(3), tx);
    let server = Server::start(ServeConfig {
        request_timeout: Duration::from_millis(400),
        ..local_config()
    });
    let r = get(&server.url(&format!("/v1/extract?url={}", up.url("/slow"))));
    assert_eq!(r.status, 504, "{}", r.body);
    assert!(["timeout", "upstream_timeout"].contains(&r.error_code().as_str()));
}

#[test]
fn an_exhausted_extraction_budget_is_504() {
    // a page big enough that extraction takes longer than a 1 ms budget
    let big = seed().replace(
        "</body>",
        &"<div><p>filler paragraph, with commas, and words</p></div>".repeat(20_000),
    );
    let server = Server::start(ServeConfig {
        request_timeout: Duration::from_millis(1),
        ..ServeConfig::default()
    });
    let r = post(&server.url("/v1/extract"), "text/html", big);
    assert_eq!(r.status, 504, "{}", r.body);
    assert!(["timeout", "time_budget_exceeded"].contains(&r.error_code().as_str()));
}

#[test]
fn metrics_count_requests_statuses_bytes_and_errors() {
    let server = Server::start(ServeConfig::default());
    let url = server.url("/v1/extract");
    assert_eq!(post_json(&url, &json!({"html": seed()})).status, 200);
    assert_eq!(post(&url, "text/plain", "x").status, 415);
    let r = get(&server.url("/metrics"));
    assert_eq!(r.status, 200);
    assert!(r.content_type.starts_with("text/plain; version=0.0.4"));
    let m = r.body;
    for needle in [
        "# TYPE bodycopy_http_requests_total counter",
        "bodycopy_http_requests_total{route=\"/v1/extract\",method=\"POST\",status=\"200\"} 1",
        "bodycopy_http_requests_total{route=\"/v1/extract\",method=\"POST\",status=\"415\"} 1",
        "# TYPE bodycopy_http_request_duration_seconds histogram",
        "bodycopy_http_request_duration_seconds_count{route=\"/v1/extract\"} 2",
        "bodycopy_http_errors_total{route=\"/v1/extract\",code=\"unsupported_media_type\"} 1",
        "bodycopy_extractions_in_flight 0",
    ] {
        assert!(m.contains(needle), "missing {needle:?} in\n{m}");
    }
    let bytes_in: u64 = m
        .lines()
        .find_map(|l| l.strip_prefix("bodycopy_http_request_bytes_total{route=\"/v1/extract\"} "))
        .unwrap()
        .parse()
        .unwrap();
    assert!(bytes_in > seed().len() as u64);
    let bytes_out: u64 = m
        .lines()
        .find_map(|l| l.strip_prefix("bodycopy_http_response_bytes_total{route=\"/v1/extract\"} "))
        .unwrap()
        .parse()
        .unwrap();
    assert!(bytes_out > 1000);
}

#[test]
fn shutdown_finishes_requests_in_flight() {
    let (tx, arrived) = mpsc::channel();
    let up = upstream(Duration::from_millis(1000), tx);
    let server = Server::start(local_config());
    let slow = server.url(&format!("/v1/extract?url={}", up.url("/slow")));
    let addr = server.addr;
    let in_flight = std::thread::spawn(move || get(&slow));
    arrived
        .recv_timeout(Duration::from_secs(10))
        .expect("the request is in flight");
    server.stop().expect("a clean shutdown");
    let r = in_flight.join().unwrap();
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.body.contains(SEED_SENTENCE));
    assert!(
        std::net::TcpStream::connect(addr).is_err(),
        "no longer listening"
    );
}

#[test]
fn explains_the_seed_page() {
    let server = Server::start(ServeConfig::default());
    let r = post_json(
        &server.url("/v1/explain"),
        &json!({"html": seed(), "format": "markdown"}),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let e = r.json();
    assert_eq!(e["format"], "markdown");
    assert!(e["output"].as_str().unwrap().contains(SEED_SENTENCE));
    assert_eq!(e["document"]["author"], "News Desk");
    let blocks = e["blocks"].as_array().expect("blocks");
    let decision_of = |needle: &str| {
        blocks
            .iter()
            .find(|b| b["text_start"].as_str().unwrap_or("").contains(needle))
            .map(|b| b["decision"].as_str().unwrap().to_string())
    };
    assert_eq!(
        decision_of("According to a Chinese letter").as_deref(),
        Some("kept")
    );
    assert_eq!(decision_of("Trending Today").as_deref(), Some("dropped"));
    assert_eq!(decision_of("Must read").as_deref(), Some("dropped"));
    for b in blocks {
        for field in [
            "id",
            "tag",
            "path",
            "decision",
            "rule",
            "text_start",
            "text_chars",
        ] {
            assert!(!b[field].is_null(), "block without {field}: {b}");
        }
    }
    let html = e["annotated_html"].as_str().unwrap();
    assert!(
        html.contains("data-bc-decision=\"kept\"") && html.contains("data-bc-decision=\"dropped\"")
    );
    assert!(
        !html.to_ascii_lowercase().contains("<script"),
        "no scripts in the annotated page"
    );

    // the same errors as extraction
    let r = post_json(&server.url("/v1/explain"), &json!({"html": ""}));
    assert_eq!((r.status, r.error_code().as_str()), (422, "empty_input"));
    // a raw HTML body works too
    let r = post(&server.url("/v1/explain?format=json"), "text/html", seed());
    assert_eq!(r.status, 200);
    assert!(r.json()["output"].as_str().unwrap().starts_with('{'));
}
