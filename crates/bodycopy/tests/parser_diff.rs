//! Differential test: bodycopy's own HTML parser must build the same tree as
//! html5ever (the reference, scripting disabled) on every page of the dev sets
//! in `$BODYCOPY_BENCH` (default `../shared/bench`, skipped when absent).

use std::time::{Duration, Instant};

use bodycopy::dom::{decode, html, parse, Dom, NodeId, NodeKind};
use bodycopy::Limits;

mod common {
    pub mod bench_pages;
}
use common::bench_pages::{bench_dir, page_files, read_page};

fn label(dom: &Dom, id: NodeId) -> String {
    match &dom.node(id).kind {
        NodeKind::Document => "#document".into(),
        NodeKind::Element { .. } => dom.tag_name(id).to_string(),
        NodeKind::Text(_) => "#text".into(),
        NodeKind::Other => "#other".into(),
    }
}

/// The first difference between the trees below `a` and `b`, with its path.
fn first_difference(x: &Dom, a: NodeId, y: &Dom, b: NodeId, path: &str) -> Option<String> {
    let here = format!("{path}/{}", label(x, a));
    match (&x.node(a).kind, &y.node(b).kind) {
        (NodeKind::Document, NodeKind::Document) | (NodeKind::Other, NodeKind::Other) => {}
        (NodeKind::Text(s), NodeKind::Text(t)) => {
            if s != t {
                return Some(format!("{here}: text {:?} vs {:?}", clip(s), clip(t)));
            }
        }
        (
            NodeKind::Element {
                tag: t1, name: n1, ..
            },
            NodeKind::Element {
                tag: t2, name: n2, ..
            },
        ) => {
            if t1 != t2 || n1 != n2 {
                return Some(format!(
                    "{here}: element {} vs {}",
                    label(x, a),
                    label(y, b)
                ));
            }
            let l1: Vec<_> = x.attrs(a).iter().map(|a| (&a.name, &a.value)).collect();
            let l2: Vec<_> = y.attrs(b).iter().map(|a| (&a.name, &a.value)).collect();
            if l1 != l2 {
                return Some(format!("{here}: attributes {l1:?} vs {l2:?}"));
            }
        }
        _ => return Some(format!("{here}: node {} vs {}", label(x, a), label(y, b))),
    }
    let c1: Vec<_> = x.children(a).collect();
    let c2: Vec<_> = y.children(b).collect();
    for (i, (&p, &q)) in c1.iter().zip(c2.iter()).enumerate() {
        if let Some(d) = first_difference(x, p, y, q, &format!("{here}[{i}]")) {
            return Some(d);
        }
    }
    if c1.len() != c2.len() {
        let extra = |d: &Dom, v: &[NodeId]| {
            v.iter()
                .skip(c1.len().min(c2.len()))
                .take(3)
                .map(|&n| label(d, n))
                .collect::<Vec<_>>()
        };
        return Some(format!(
            "{here}: {} children vs {} (extra: {:?} / {:?})",
            c1.len(),
            c2.len(),
            extra(x, &c1),
            extra(y, &c2)
        ));
    }
    None
}

fn clip(s: &str) -> String {
    s.chars().take(80).collect()
}

/// Compare both parsers on one decoded page; `None` when the trees agree.
fn compare(text: &str) -> Option<String> {
    let limits = Limits {
        time_budget: Duration::from_secs(600),
        ..Limits::default()
    };
    let ours = html::parse_html(text, &limits, Instant::now());
    let reference = parse::parse_html_html5ever(text, &limits, Instant::now());
    match (ours, reference) {
        (Ok(x), Ok(y)) => first_difference(&x, NodeId::ROOT, &y, NodeId::ROOT, ""),
        (Err(e), Err(f)) if e.kind() == f.kind() => None,
        (x, y) => Some(format!(
            "outcome {:?} vs {:?}",
            x.map(|_| ()).map_err(|e| e.kind()),
            y.map(|_| ()).map_err(|e| e.kind())
        )),
    }
}

#[test]
fn same_tree_as_html5ever_on_small_cases() {
    let cases = [
        "<p>One<p>Two<table><tr><td>x</table>tail",
        "<b><i>bold italic</b> italic</i> plain",
        "<table>text<tr><td>cell</td></tr>more</table>",
        "<a href=1>one<div>two<a href=2>three</div></a>",
        "<template><td>x</td></template><p>after",
        "<svg viewbox='0 0 1 1'><foreignObject><p>html</p></foreignObject><circle/></svg>",
        "<math><mi>x</mi><annotation-xml><svg></svg></annotation-xml></math>",
        "<select><option>a<option>b<optgroup><option>c</select>",
        "<frameset><frame></frameset>",
        "<pre>\nfirst line</pre><textarea>\nx</textarea>",
        "</br></p><li>a<li>b<dd>c<dt>d",
        "<title>a &amp; b</title><script><!--<script>x</script>--></script><style>p{}</style>",
        "<!DOCTYPE html PUBLIC \"-//W3C//DTD HTML 4.01 Transitional//EN\"><p><table></table>",
        "<p><b><b><b><b>x</p>y",
        "<noscript><p>no js</p></noscript><iframe><p>raw</iframe><xmp><b></xmp>",
        "<h1><h2>x</h1></h2><image src=a><nobr>1<nobr>2",
        "<table><caption>c<td>x</table><table><colgroup><col></table>",
        "a\0b<table>\0</table>&notin; &noti; &#x80; &#0;",
        "<html a=1><body b=2><html c=3><body d=4>",
        "<ul><li><ul><li>nested</ul></li></ul><form><form></form>",
        // the count of open `p` elements behind the button-scope shortcut: nested,
        // closed by end tags, by blocks, through a button, under foreign content,
        // and by the adoption agency's reshuffles
        "<p>a<div>b<p>c<ul><li>d</ul>e</div>f<p>g</p></p><div>h",
        "<p><button><div>in button</div></button><div>after</div>",
        "<p><svg><p>svg p</svg><div>x",
        "<p><b>1<p>2</b>3<div>4<a>5<p>6</a>7<h2>8",
        "<table><p>foster<div>more</table><div>after",
    ];
    for html in cases {
        if let Some(d) = compare(html) {
            panic!("{html:?}: {d}");
        }
    }
}

#[test]
fn same_limit_errors_as_html5ever() {
    let attrs = |n: usize| (0..n).map(|i| format!(" a{i}=v")).collect::<String>();
    let cases = [
        "<div>".repeat(3_000),
        "<b>".repeat(3_000),
        "<template>".repeat(3_000),
        "<table><tr><td>".repeat(1_000),
        format!("<p{}>x", attrs(1_500)),
        format!("<p{}>x", attrs(5_000)),
        "<span>x</span>".repeat(20_000),
    ];
    let small = Limits {
        max_nodes: 10_000,
        time_budget: Duration::from_secs(600),
        ..Limits::default()
    };
    for html in &cases {
        if let Some(d) = compare(html) {
            panic!("{}...: {d}", clip(html));
        }
        let ours = html::parse_html(html, &small, Instant::now()).map_err(|e| e.kind());
        let reference =
            parse::parse_html_html5ever(html, &small, Instant::now()).map_err(|e| e.kind());
        assert_eq!(ours.err(), reference.err(), "{}", clip(html));
    }
}

#[test]
fn same_tree_as_html5ever_on_dev_pages() {
    let dir = bench_dir();
    if !dir.is_dir() {
        println!(
            "note: {} absent, differential parser test skipped",
            dir.display()
        );
        return;
    }
    let mut files = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let set = entry.unwrap().path();
        if set.join("html").is_dir() {
            files.extend(page_files(&set));
        }
    }
    files.sort();
    // two threads: CI has two cores
    let half = files.len().div_ceil(2);
    let differing: Vec<String> = std::thread::scope(|scope| {
        let workers: Vec<_> = files
            .chunks(half.max(1))
            .map(|chunk| {
                scope.spawn(move || {
                    chunk
                        .iter()
                        .filter_map(|file| {
                            let text = decode::decode(&read_page(file), None).text.into_owned();
                            compare(&text).map(|d| format!("{}: {d}", file.display()))
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap())
            .collect()
    });
    println!(
        "differential parser test: {} pages, {} differ",
        files.len(),
        differing.len()
    );
    for d in &differing {
        println!("{d}");
    }
    assert!(differing.is_empty(), "{} pages differ", differing.len());
}
