#!/usr/bin/env python3
"""Structure measure: bodycopy's Markdown against trafilatura's, on the readability set.

On every page of the readability dev set (its truth JSON keeps the expected
structure as `body_html`), this counts the share of the expected headings
(<h1>-<h6>), list items (<li>, their own text without nested lists), table cells
(<td>/<th> of innermost tables) and code blocks (<pre>) that appear *as such* in
each tool's Markdown output.

"Appears as such" (implemented once, in Rust, in crates/bodycopy-eval/src/structure.rs,
and used for both tools):
  * Every Markdown output is read by a CommonMark + GFM tables parser
    (pulldown-cmark). Its items are the headings, the list items (all paragraphs
    of an item, nested lists excluded; also <li> inside HTML <table> blocks),
    the table cells (GFM tables and HTML <table> blocks) and the code blocks
    (fenced or indented).
  * Texts are normalised the same way on both sides: lower-cased runs of letters
    and digits joined by single spaces (punctuation, symbols and white space do
    not count).
  * An expected item is matched by an output item of the same kind with the
    same normalised text; each output item matches at most one expected item.
    A page with no output misses all its items.
  * share = matched expected items / expected items, per kind, over all pages.
  An item whose text the tool dropped altogether (a table of contents, a
  reference list, comments that Readability keeps) counts as a miss, like an
  item whose text survived without its structure; `--misses` lists bodycopy's
  misses with which of the two they are.

Usage:
  scripts/peers/structure.py [--bench DIR] [--keep DIR] [--misses]

Needs a Python with trafilatura 2.3.1: ${PEERS_PYTHON:-/work/peers-venv/bin/python}
(this script re-executes itself with it) and cargo (it runs the Rust part with
`cargo run --release -p bodycopy-eval --example structure`).
"""

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PEERS_PYTHON = os.environ.get("PEERS_PYTHON", "/work/peers-venv/bin/python")


def ensure_peer_python():
    """Re-run under the peers' Python when trafilatura is not importable here."""
    try:
        import trafilatura  # noqa: F401
    except ImportError:
        if os.environ.get("STRUCTURE_PY_REEXEC"):
            sys.exit("structure.py: trafilatura is not installed in " + PEERS_PYTHON)
        if not os.path.exists(PEERS_PYTHON):
            sys.exit("structure.py: no trafilatura here and no " + PEERS_PYTHON + " (set PEERS_PYTHON)")
        os.environ["STRUCTURE_PY_REEXEC"] = "1"
        os.execv(PEERS_PYTHON, [PEERS_PYTHON, __file__] + sys.argv[1:])


def read_html(path: Path) -> str:
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    return data.decode("utf-8", errors="replace")


def trafilatura_markdown(dataset: Path, out_dir: Path) -> int:
    import trafilatura

    count = 0
    for html_path in sorted((dataset / "html").iterdir()):
        name = html_path.name
        page_id = name.split(".html")[0]
        truth_path = dataset / "truth" / f"{page_id}.json"
        url = None
        if truth_path.exists():
            url = json.loads(truth_path.read_text(encoding="utf-8")).get("url")
        md = trafilatura.extract(
            read_html(html_path),
            url=url,
            output_format="markdown",
            include_tables=True,
            include_formatting=True,
            include_comments=False,
            include_links=False,
            include_images=False,
        )
        (out_dir / f"{page_id}.md").write_text(md or "", encoding="utf-8")
        count += 1
    return count


def main():
    ensure_peer_python()
    import trafilatura

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    bench_default = os.environ.get("BODYCOPY_BENCH") or str(REPO.parent / "shared" / "bench")
    ap.add_argument("--bench", default=bench_default, help="benchmark folder (default: $BODYCOPY_BENCH or ../shared/bench)")
    ap.add_argument("--keep", help="write trafilatura's Markdown here instead of a temporary folder")
    ap.add_argument("--misses", action="store_true", help="also list bodycopy's missed items")
    args = ap.parse_args()

    dataset = Path(args.bench) / "readability"
    if not (dataset / "html").is_dir():
        sys.exit(f"structure.py: {dataset}/html not found (set --bench or BODYCOPY_BENCH)")
    with tempfile.TemporaryDirectory() as tmp:
        out_dir = Path(args.keep) if args.keep else Path(tmp)
        out_dir.mkdir(parents=True, exist_ok=True)
        n = trafilatura_markdown(dataset, out_dir)
        print(f"trafilatura {trafilatura.__version__}: Markdown of {n} pages written", flush=True)
        cmd = ["cargo", "run", "--quiet", "--release", "-p", "bodycopy-eval", "--example", "structure", "--",
               str(dataset), "--peer", f"trafilatura={out_dir}"]
        if args.misses:
            cmd.append("--misses")
        sys.exit(subprocess.call(cmd, cwd=REPO))


if __name__ == "__main__":
    main()
