//! The playground in a real browser: Debian's chromium, headless, driven through
//! chromedriver by fantoccini. The test loads `/`, submits the seed page, and reads
//! the decisions off the annotated page inside the sandboxed iframe: the story's
//! paragraphs kept; the weather widget, the date bar, "Must read", the advertisement
//! slots, "ALSO READ" and "Trending Today" dropped. It saves a screenshot to
//! `<target>/artifacts/playground.png`.
//!
//! `scripts/install-browser.sh` (run by `scripts/test.sh`) installs chromium and
//! chromium-driver; when they are missing the test prints a note and skips.

mod common;

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use bodycopy_serve::ServeConfig;
use common::{seed, Server};
use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};

const CHROMIUM: &str = "/usr/bin/chromium";

/// Story sentences, one from each of several paragraphs.
const KEPT: &[&str] = &[
    "According to a Chinese letter verified by Reuters",
    "Michelle Bachelet visited China in May",
    "Human rights watchdogs have consistently accused Beijing",
    "A real Xinjiang with a safe and stable society",
];

/// The chrome: the weather widget, the date bar, the promos and the ad slots.
const DROPPED: &[&str] = &[
    "New Delhi",
    "Thursday, September 28, 2023",
    "Must read",
    "- Advertisement -",
    "ALSO READ",
    "Trending Today",
];

fn find_program(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")?
        .to_str()?
        .split(':')
        .map(|dir| Path::new(dir).join(name))
        .find(|p| p.is_file())
}

/// chromedriver on a free port, stopped when dropped.
struct Driver {
    child: Child,
    port: u16,
}

impl Driver {
    fn start(program: &Path) -> Driver {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let child = Command::new(program)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        Driver { child, port }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn artifacts_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("../artifacts");
    std::fs::create_dir_all(&dir).expect("the artifacts folder");
    dir
}

/// The innermost annotated elements whose text contains `needle`.
async fn annotated_holding(client: &Client, needle: &str) -> Vec<Element> {
    let xpath = format!(
        "//*[@data-bc-decision][contains(., '{needle}')][not(.//*[@data-bc-decision][contains(., '{needle}')])]"
    );
    client
        .find_all(Locator::XPath(&xpath))
        .await
        .expect("an XPath search")
}

async fn decisions(client: &Client, needle: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for el in annotated_holding(client, needle).await {
        let decision = el
            .attr("data-bc-decision")
            .await
            .unwrap()
            .unwrap_or_default();
        let title = el.attr("title").await.unwrap().unwrap_or_default();
        out.push((decision, title));
    }
    out
}

/// The text of the element with this id.
async fn text_of(client: &Client, id: &str) -> String {
    let element = client.find(Locator::Id(id)).await.expect("the element");
    element.text().await.expect("its text")
}

async fn drive(client: &Client, server: &Server) -> Vec<String> {
    client
        .set_window_size(1400, 1000)
        .await
        .expect("window size");
    client
        .goto(&server.url("/"))
        .await
        .expect("load the playground");
    // paste the page (typing 22 kB key by key would only be slower) and submit
    client
        .execute(
            "document.getElementById('html').value = arguments[0];",
            vec![serde_json::Value::String(seed())],
        )
        .await
        .expect("paste the page");
    client
        .find(Locator::Css("#submit"))
        .await
        .expect("the Explain button")
        .click()
        .await
        .expect("submit");
    client
        .wait()
        .at_most(Duration::from_secs(30))
        .for_element(Locator::Css("body[data-state]"))
        .await
        .expect("the explanation arrives");
    let status = text_of(client, "status").await;
    let state = client
        .find(Locator::Css("body"))
        .await
        .unwrap()
        .attr("data-state")
        .await
        .unwrap();
    if state.as_deref() != Some("done") {
        return vec![format!("the playground reported: {status}")];
    }
    let output = text_of(client, "output").await;
    let png = client.screenshot().await.expect("a screenshot");
    let shot = artifacts_dir().join("playground.png");
    std::fs::write(&shot, png).expect("save the screenshot");
    println!("screenshot: {}", shot.display());

    let mut failures = Vec::new();
    if !output.contains("Michelle Bachelet visited China in May")
        || output.contains("Trending Today")
    {
        failures.push(format!(
            "the Markdown output is not the story: {output:.200}"
        ));
    }
    client.enter_frame(0).await.expect("enter the iframe");
    if client
        .find_all(Locator::Css("style[data-bc-playground]"))
        .await
        .unwrap()
        .is_empty()
    {
        failures.push("the outline style is not in the frame".to_string());
    }
    if !client
        .find_all(Locator::Css("script"))
        .await
        .unwrap()
        .is_empty()
    {
        failures.push("the annotated page holds scripts".to_string());
    }
    for (needles, want) in [(KEPT, "kept"), (DROPPED, "dropped")] {
        for needle in needles {
            let found = decisions(client, needle).await;
            if found.is_empty() {
                failures.push(format!("{needle:?}: no annotated element holds it"));
            }
            for (decision, title) in found {
                if decision != want || !title.starts_with(want) {
                    failures.push(format!(
                        "{needle:?}: {decision} (tooltip {title:?}), expected {want}"
                    ));
                }
            }
        }
    }
    // a second view, scrolled to the story (a click scrolls an element into view)
    if let Some(first) = annotated_holding(client, KEPT[1]).await.into_iter().next() {
        if first.click().await.is_ok() {
            let png = client.screenshot().await.expect("a screenshot");
            let shot = artifacts_dir().join("playground-story.png");
            std::fs::write(&shot, png).expect("save the screenshot");
            println!("screenshot: {}", shot.display());
        }
    }
    println!("playground: {status}");
    failures
}

#[test]
fn the_playground_marks_kept_and_dropped_blocks() {
    let (Some(_), Some(chromedriver)) = (
        Path::new(CHROMIUM).is_file().then_some(()),
        find_program("chromedriver"),
    ) else {
        println!("note: skipping the browser test: {CHROMIUM} or chromedriver is missing (scripts/install-browser.sh installs them)");
        return;
    };
    let server = Server::start(ServeConfig::default());
    let driver = Driver::start(&chromedriver);
    let profile = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("chromium-profile-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&profile);
    let capabilities = serde_json::json!({
        "goog:chromeOptions": {
            "binary": CHROMIUM,
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage",
                format!("--user-data-dir={}", profile.display()),
            ]
        }
    });
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let failures = runtime.block_on(async {
        let mut builder =
            ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new());
        builder.capabilities(capabilities.as_object().expect("an object").clone());
        let client = builder
            .connect(&format!("http://127.0.0.1:{}", driver.port))
            .await
            .expect("a WebDriver session");
        let failures = drive(&client, &server).await;
        client.close().await.expect("close the browser");
        failures
    });
    drop(driver);
    let _ = std::fs::remove_dir_all(&profile);
    assert!(
        failures.is_empty(),
        "playground checks failed:\n{}",
        failures.join("\n")
    );
}
