//! bodycopy's parser and html5ever must build the same tree (or fail with the
//! same limit error) on any input.
#![no_main]

use std::fmt::Write;
use std::time::{Duration, Instant};

use bodycopy::dom::{html, parse, Dom, NodeId, NodeKind};
use bodycopy::Limits;
use libfuzzer_sys::fuzz_target;

/// The tree as text: one line per node, indented by depth.
fn dump(dom: &Dom, id: NodeId, depth: usize, out: &mut String) {
    let pad = "  ".repeat(depth);
    match &dom.node(id).kind {
        NodeKind::Document => writeln!(out, "{pad}#document"),
        NodeKind::Element { .. } => {
            let a: Vec<_> = dom.attrs(id).iter().map(|a| (&a.name, &a.value)).collect();
            writeln!(out, "{pad}<{} {a:?}>", dom.tag_name(id))
        }
        NodeKind::Text(t) => writeln!(out, "{pad}{t:?}"),
        NodeKind::Other => writeln!(out, "{pad}#other"),
    }
    .unwrap();
    for c in dom.children(id) {
        dump(dom, c, depth + 1, out);
    }
}

fn tree(r: Result<Dom, bodycopy::Error>) -> Result<String, bodycopy::ErrorKind> {
    r.map(|dom| {
        let mut s = String::new();
        dump(&dom, NodeId::ROOT, 0, &mut s);
        s
    })
    .map_err(|e| e.kind())
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let limits = Limits {
        time_budget: Duration::from_secs(3600),
        ..Limits::default()
    };
    let ours = tree(html::parse_html(text, &limits, Instant::now()));
    let reference = tree(parse::parse_html_html5ever(text, &limits, Instant::now()));
    assert_eq!(ours, reference, "input: {text:?}");
});
