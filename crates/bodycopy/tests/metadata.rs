//! Metadata extraction end to end, plus an ignored accuracy report against the
//! development sets (`cargo test --release -p bodycopy --test metadata -- --ignored --nocapture`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use bodycopy::{Config, Document, Extractor, PageInfo, PageType};

const PARAS: &str = "<p>The council approved the new budget on Thursday after a long debate that \
    lasted well into the evening, with members from every ward speaking.</p>\
    <p>Spending on roads and schools will rise next year, while the cost of running the town \
    hall is expected to fall by a tenth, the finance officer said.</p>";

fn extract(html: &str, url: Option<&str>) -> Document {
    Extractor::new(Config::default())
        .extract(
            html.as_bytes(),
            &PageInfo {
                url,
                content_type: None,
            },
        )
        .expect("extraction succeeds")
}

fn page(head: &str, before: &str) -> String {
    format!(
        "<!doctype html><html><head>{head}</head><body><article>{before}{PARAS}</article></body></html>"
    )
}

#[test]
fn jsonld_graph_beats_meta() {
    let html = page(
        r##"<title>Budget passes | Town Times</title>
        <meta property="og:title" content="OG budget title">
        <script type="application/ld+json">{"@graph":[{"@type":"Person","@id":"#p","name":"Ann Lee"},
        {"@type":"NewsArticle","headline":"Budget passes","author":{"@id":"#p"},
        "datePublished":"2023-03-02T10:00:00Z","keywords":["budget","council"],
        "articleSection":"Local","publisher":{"@type":"Organization","name":"Town Times"}}]}</script>"##,
        "",
    );
    let d = extract(&html, Some("https://town.example/budget"));
    let m = &d.metadata;
    assert_eq!(m.title.as_deref(), Some("Budget passes"));
    assert_eq!(m.authors, vec!["Ann Lee"]);
    assert_eq!(m.date.as_deref(), Some("2023-03-02"));
    assert_eq!(m.sitename.as_deref(), Some("Town Times"));
    assert_eq!(m.tags, vec!["budget", "council"]);
    assert_eq!(m.categories, vec!["Local"]);
    assert_eq!(m.page_type, Some(PageType::Article));
    assert_eq!(m.language.as_deref(), Some("en"));
}

#[test]
fn malformed_jsonld_falls_back_to_meta() {
    let html = page(
        r#"<title>Budget passes - Town Times</title>
        <script type="application/ld+json">{"@type": "NewsArticle", "headline": </script>
        <meta name="author" content="By Ann Lee, Staff Writer">
        <meta property="article:published_time" content="2023-03-02">
        <meta property="article:tag" content="budget"><meta property="article:tag" content="council">
        <meta property="og:site_name" content="Town Times">"#,
        "",
    );
    let m = extract(&html, None).metadata;
    assert_eq!(m.title.as_deref(), Some("Budget passes"));
    assert_eq!(m.authors, vec!["Ann Lee"]);
    assert_eq!(m.date.as_deref(), Some("2023-03-02"));
    assert_eq!(m.tags, vec!["budget", "council"]);
}

#[test]
fn visible_markup_only() {
    let html = page(
        r#"<title>Budget passes :: Town Times</title><link rel="canonical" href="/news/budget">"#,
        r#"<h1>Budget passes</h1><p class="byline">By Ann Lee and Bob Roe | 3 hours ago</p>
        <time datetime="2023-03-02T08:00">March 2</time>
        <a rel="tag" href="/t/budget">Budget</a>"#,
    );
    let m = extract(&html, Some("https://www.town.example/x?y=1")).metadata;
    assert_eq!(m.title.as_deref(), Some("Budget passes"));
    assert_eq!(m.authors, vec!["Ann Lee", "Bob Roe"]);
    assert_eq!(m.date.as_deref(), Some("2023-03-02"));
    assert_eq!(
        m.url.as_deref(),
        Some("https://www.town.example/news/budget")
    );
    assert_eq!(m.sitename.as_deref(), Some("town.example"));
    assert_eq!(m.tags, vec!["Budget"]);
}

#[test]
fn detected_language_overrides_a_wrong_declaration() {
    let body = "<p>Der Gemeinderat hat am Donnerstag nach einer langen Debatte, die bis in den \
        späten Abend dauerte, den neuen Haushalt beschlossen.</p><p>Die Ausgaben für Straßen und \
        Schulen sollen im kommenden Jahr steigen, während die Kosten der Verwaltung um ein Zehntel \
        sinken sollen, sagte der Kämmerer der Stadt.</p>";
    let html = format!("<html lang=\"en\"><head><title>Haushalt</title></head><body><article>{body}</article></body></html>");
    let m = extract(&html, None).metadata;
    assert_eq!(m.language.as_deref(), Some("de"));
}

#[test]
fn hostile_inputs_do_not_panic() {
    let deep = "[".repeat(10_000);
    let cases = [
        format!("<script type='application/ld+json'>{deep}</script>{PARAS}"),
        format!("<meta name=author content='@@@ , , and &'><title> | | - </title>{PARAS}"),
        format!("<time datetime='99999-99-99'>x</time><meta property='article:published_time' content='0000'>{PARAS}"),
        format!("<link rel=canonical href='http://[::1'><meta property=og:image content='::'>{PARAS}"),
        format!("<html lang='--'><h1></h1><title></title>{PARAS}"),
    ];
    for c in &cases {
        let _ = extract(c, Some("not a url"));
        let _ = extract(c, None);
    }
}

// ---- accuracy report on the development sets ----

#[test]
fn dates_after_the_configured_now_are_rejected() {
    let html = page(
        r#"<meta property="article:published_time" content="2024-06-01T09:00:00Z">"#,
        "<h1>Budget</h1>",
    );
    let at = |secs: u64| {
        let config = Config {
            now: Some(std::time::UNIX_EPOCH + std::time::Duration::from_secs(secs)),
            ..Config::default()
        };
        Extractor::new(config)
            .extract(html.as_bytes(), &PageInfo::default())
            .expect("extraction succeeds")
            .metadata
            .date
    };
    // 2024-03-01: the page cannot be from June yet
    assert_eq!(at(1_709_251_200), None);
    // 2024-07-01
    assert_eq!(at(1_719_792_000).as_deref(), Some("2024-06-01"));
}

#[test]
fn visible_date_lines_near_the_title() {
    for (line, want) in [
        ("<p>Veröffentlicht am 3. März 2021</p>", "2021-03-03"),
        ("<p>Publié le 12 janvier 2020</p>", "2020-01-12"),
        ("<p>Publicado el 5 de mayo de 2019</p>", "2019-05-05"),
        ("<p>Pubblicato il 7 luglio 2018</p>", "2018-07-07"),
        ("<p>Gepubliceerd op 9 oktober 2022</p>", "2022-10-09"),
        ("<p>Опубликовано 5 марта 2021</p>", "2021-03-05"),
        ("<p>Posted 14/02/2023</p>", "2023-02-14"),
    ] {
        let doc = extract(&page("", &format!("<h1>Budget</h1>{line}")), None);
        assert_eq!(doc.metadata.date.as_deref(), Some(want), "{line}");
    }
    // an "Updated" line is the modification, not the publication
    let doc = extract(
        &page(
            "",
            "<h1>Budget</h1><p>Updated March 9, 2023</p><p>March 2, 2023</p>",
        ),
        None,
    );
    assert_eq!(doc.metadata.date.as_deref(), Some("2023-03-02"));
    assert_eq!(doc.metadata.date_modified.as_deref(), Some("2023-03-09"));
}

fn bench_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/bench")
}

fn read_html(path: &Path) -> Option<Vec<u8>> {
    if path.extension().is_some_and(|e| e == "gz") {
        let out = std::process::Command::new("gzip")
            .arg("-dc")
            .arg(path)
            .output()
            .ok()?;
        out.status.success().then_some(out.stdout)
    } else {
        std::fs::read(path).ok()
    }
}

fn key(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

#[derive(Default)]
struct Score {
    n: usize,
    ok: usize,
    loose: usize,
    spurious: usize,
    absent_truth: usize,
}

impl Score {
    fn line(&self, name: &str) -> String {
        format!(
            "{name}: {}/{} exact ({:.1}%), {:.1}% loose; given where truth has none: {}/{}",
            self.ok,
            self.n,
            100.0 * self.ok as f64 / self.n.max(1) as f64,
            100.0 * self.loose as f64 / self.n.max(1) as f64,
            self.spurious,
            self.absent_truth
        )
    }
}

fn run_set(name: &str, html_dir: &str, gz: bool) {
    let dir = bench_dir().join(name);
    let Ok(entries) = std::fs::read_dir(dir.join("truth")) else {
        eprintln!("{name}: not found, skipped");
        return;
    };
    let mut files: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    files.sort();
    let verbose = std::env::var("META_VERBOSE").ok();
    let (mut title, mut author, mut date) = (Score::default(), Score::default(), Score::default());
    let mut types = (0usize, 0usize);
    let mut confusion: BTreeMap<(String, String), usize> = BTreeMap::new();
    let extractor = Extractor::new(Config::default());
    for f in files {
        let Ok(t) = std::fs::read_to_string(&f) else {
            continue;
        };
        let Ok(truth) = serde_json::from_str::<serde_json::Value>(&t) else {
            continue;
        };
        let id = truth["id"].as_str().unwrap_or_default().to_string();
        let file = if gz {
            format!("{id}.html.gz")
        } else {
            format!("{id}.html")
        };
        let Some(html) = read_html(&dir.join(html_dir).join(file)) else {
            continue;
        };
        let url = truth["url"].as_str();
        let Ok(doc) = extractor.extract(
            &html,
            &PageInfo {
                url,
                content_type: None,
            },
        ) else {
            continue;
        };
        let m = &doc.metadata;
        let show = |field: &str, want: &str, got: &str| {
            if verbose.as_deref() == Some(field) {
                eprintln!("{name}/{id} {field}: want {want:?} got {got:?}");
            }
        };
        // title
        match truth["title"].as_str().filter(|s| !s.trim().is_empty()) {
            Some(want) => {
                title.n += 1;
                let got = m.title.clone().unwrap_or_default();
                let (w, g) = (key(want), key(&got));
                if w == g {
                    title.ok += 1;
                    title.loose += 1;
                } else {
                    if !g.is_empty() && (w.contains(&g) || g.contains(&w)) {
                        title.loose += 1;
                    }
                    show("title", want, &got);
                }
            }
            None => {
                title.absent_truth += 1;
                title.spurious += usize::from(m.title.is_some());
            }
        }
        // author
        match truth["author"].as_str().filter(|s| !s.trim().is_empty()) {
            Some(want) => {
                author.n += 1;
                let got = m.authors.join(", ");
                let w = key(want);
                let first = m.authors.first().map(|a| key(a)).unwrap_or_default();
                let mut want_set: Vec<String> = want
                    .replace(" and ", ",")
                    .replace(" & ", ",")
                    .split([',', ';'])
                    .map(key)
                    .filter(|k| !k.is_empty())
                    .collect();
                let mut got_set: Vec<String> = m.authors.iter().map(|a| key(a)).collect();
                want_set.sort();
                got_set.sort();
                if want_set == got_set {
                    author.ok += 1;
                    author.loose += 1;
                } else {
                    if !first.is_empty() && (w.contains(&first) || first.contains(&w)) {
                        author.loose += 1;
                    }
                    show("author", want, &got);
                }
            }
            None => {
                author.absent_truth += 1;
                author.spurious += usize::from(!m.authors.is_empty());
            }
        }
        // date
        match truth["date"].as_str().filter(|s| s.len() >= 10) {
            Some(want) => {
                date.n += 1;
                let got = m.date.clone().unwrap_or_default();
                if want[..10] == got {
                    date.ok += 1;
                    date.loose += 1;
                } else {
                    if m.date_modified.as_deref() == Some(&want[..10]) {
                        date.loose += 1;
                    }
                    show("date", want, &got);
                }
            }
            None => {
                date.absent_truth += 1;
                date.spurious += usize::from(m.date.is_some());
            }
        }
        if let Some(want) = truth["page_type"].as_str() {
            let got = m.page_type.map(|p| p.as_str()).unwrap_or("none");
            types.0 += 1;
            types.1 += usize::from(want == got);
            *confusion
                .entry((want.to_string(), got.to_string()))
                .or_default() += 1;
            if want != got {
                show("type", want, got);
            }
        }
    }
    eprintln!("== {name}");
    eprintln!("{}", title.line("title"));
    eprintln!("{}", author.line("author"));
    eprintln!("{}", date.line("date"));
    if types.0 > 0 {
        eprintln!(
            "page_type: {}/{} ({:.1}%)",
            types.1,
            types.0,
            100.0 * types.1 as f64 / types.0 as f64
        );
        for ((w, g), n) in &confusion {
            eprintln!("  truth {w:>13} -> {g:<13} {n}");
        }
    }
}

#[test]
#[ignore = "needs the shared benchmark sets; prints an accuracy report"]
fn accuracy_report() {
    run_set("readability", "html", false);
    run_set("wcxb-dev", "html", true);
}
