#!/usr/bin/env python3
"""Metadata exact-match rates of bodycopy, trafilatura and htmldate on the same pages, in one run.

    scripts/peers/setup.sh      # once: venv with trafilatura (and htmldate, its dependency)
    ${PEERS_PYTHON:-/work/peers-venv/bin/python} scripts/peers/metadata.py \\
        ../shared/bench/wcxb-dev ../shared/bench/readability

bodycopy's figures come from `bodycopy eval --metadata --out DIR` (its per-page JSONL carries
the truth and bodycopy's predictions); this script scores the peers on the same pages with the
same truth, and re-scores bodycopy's predictions with its own copy of the rules as a check
that both implementations agree (it stops if they do not).

Peers: trafilatura `extract_metadata(html, default_url=url)` (title, author, date, sitename) and
htmldate `find_date(html, url=url, extensive_search=True, original_date=True)` (date only).

Normalisation: identical to `crates/bodycopy-eval/src/metadata.rs` (keep the two in step).
A field is scored on pages whose truth has a non-empty value; no prediction is a miss.
- title, sitename: white space runs (Unicode White_Space, the set below) collapse to one space,
  ends trimmed, lower-cased.
- date (day precision): first 10 characters of the trimmed value; a hit when the prediction's
  first characters equal the truth's (a `YYYY-MM` truth matches any day of that month).
- author: a set of names. Lower-case; cut at , ; & | / line breaks and the words and, und,
  et, y; drop a leading by, par, von, por, door word; keep only characters of general category
  L, M, N and white space; collapse white space; drop empty names. Hit when the sets are equal
  (a prediction with several names is the union of the sets of each).
- language: primary subtag (before - or _), lower-cased.
"""

import argparse
import gzip
import json
import multiprocessing
import os
import re
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

FIELDS = ["title", "author", "date", "sitename", "language"]
# Unicode White_Space, as Rust's char::is_whitespace (Python's str.split also cuts at \x1c-\x1f).
WS_CHARS = "\t\n\x0b\x0c\r \x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u2028\u2029\u202f\u205f\u3000"
WS = re.compile(f"[{WS_CHARS}]+")
CUTS = re.compile("[,;&|/\n\r]")
JOINERS = {"and", "und", "et", "y"}
HEADS = {"by", "par", "von", "por", "door"}


def words(s: str) -> list[str]:
    return [w for w in WS.split(s) if w]


def norm_text(s: str) -> str:
    return " ".join(words(s)).lower()


def norm_date(s: str) -> str:
    return s.strip(WS_CHARS)[:10]


def norm_language(s: str) -> str:
    return re.split("[-_]", s.strip(WS_CHARS))[0].lower()


def author_set(s: str) -> frozenset:
    parts: list[list[str]] = [[]]
    for chunk in CUTS.split(s.lower()):
        for w in words(chunk):
            if w in JOINERS:
                parts.append([])
            else:
                parts[-1].append(w)
        parts.append([])
    names = set()
    for ws in parts:
        if ws and ws[0] in HEADS:
            ws = ws[1:]
        kept = "".join(c for c in " ".join(ws) if WS.match(c) or unicodedata.category(c)[0] in "LMN")
        name = " ".join(words(kept))
        if name:
            names.add(name)
    return frozenset(names)


def nonempty(v):
    if isinstance(v, list):
        v = [x for x in v if x and x.strip(WS_CHARS)]
        return v or None
    if v is None or not v.strip(WS_CHARS):
        return None
    return v.strip(WS_CHARS)


def hit(field: str, truth: dict, pred):
    """True/False, or None when the truth lacks the field. `pred` is a str, a list (authors) or None."""
    t = nonempty(truth.get(field))
    if t is None:
        return None
    p = nonempty(pred)
    if p is None:
        return False
    if field in ("title", "sitename"):
        return norm_text(p) == norm_text(t)
    if field == "date":
        return norm_date(p).startswith(norm_date(t))
    if field == "language":
        return norm_language(p) == norm_language(t)
    if field == "author":
        want = author_set(t)
        got = frozenset().union(*(author_set(a) for a in (p if isinstance(p, list) else [p])))
        return bool(want) and got == want
    raise ValueError(field)


def read_html(folder: Path, pid: str) -> bytes:
    plain = folder / "html" / f"{pid}.html"
    if plain.exists():
        return plain.read_bytes()
    return gzip.decompress((folder / "html" / f"{pid}.html.gz").read_bytes())


def peers_one(job):
    folder, pid, url = job
    html = read_html(Path(folder), pid)
    out = {"trafilatura": {}, "htmldate": {}}
    try:
        import trafilatura

        m = trafilatura.extract_metadata(html, default_url=url)
        if m is not None:
            out["trafilatura"] = {
                "title": m.title,
                "author": m.author,
                "date": m.date,
                "sitename": m.sitename,
            }
    except Exception as e:  # a peer's crash is its miss
        out["trafilatura"] = {"error": repr(e)}
    try:
        from htmldate import find_date

        out["htmldate"] = {
            "date": find_date(html, url=url, extensive_search=True, original_date=True)
        }
    except Exception as e:
        out["htmldate"] = {"error": repr(e)}
    return out


def default_binary() -> str:
    target = os.environ.get("CARGO_TARGET_DIR", str(Path(__file__).resolve().parents[2] / "target"))
    return str(Path(target) / "release" / "bodycopy")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("datasets", nargs="+", type=Path)
    ap.add_argument("--bodycopy", default=default_binary(), help="the bodycopy binary (release build)")
    ap.add_argument("-j", "--jobs", type=int, default=2, help="worker processes for the peers")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--cache", type=Path, help="JSON file keeping the peers' per-page outputs between runs "
                    "(reused when present; delete it after upgrading a peer)")
    args = ap.parse_args()
    if not Path(args.bodycopy).exists():
        print(f"no bodycopy binary at {args.bodycopy}: run cargo build --release", file=sys.stderr)
        return 2
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        proc = subprocess.run(
            [args.bodycopy, "eval", "--metadata", "--json", "-j", str(args.jobs), "--out", tmp]
            + [str(d) for d in args.datasets],
            capture_output=True,
            text=True,
        )
        if proc.returncode not in (0, 1) or not proc.stdout.strip():
            print(proc.stderr, file=sys.stderr)
            return 2
        rust = {r["dataset"]: r for r in json.loads(proc.stdout)}
        for folder in args.datasets:
            name = folder.resolve().name
            pages = [json.loads(l) for l in open(Path(tmp) / f"{name}.metadata.jsonl")]
            cache = json.loads(args.cache.read_text()) if args.cache and args.cache.exists() else {}
            todo = [p for p in pages if f"{name}/{p['id']}" not in cache]
            with multiprocessing.Pool(args.jobs) as pool:
                done = pool.map(peers_one, [(str(folder), p["id"], p["url"]) for p in todo], chunksize=4)
            cache.update({f"{name}/{p['id']}": d for p, d in zip(todo, done)})
            if args.cache:
                args.cache.write_text(json.dumps(cache))
            peers = [cache[f"{name}/{p['id']}"] for p in pages]
            for f in FIELDS:
                counts = {"bodycopy": 0, "trafilatura": 0, "htmldate": 0}
                n = 0
                for p, peer in zip(pages, peers):
                    pred = p["predicted"]
                    b = hit(f, p["truth"], pred["authors"] if f == "author" else pred.get(f))
                    if b != p["hits"][f]:
                        print(f"normalisation differs from the Rust eval: {name} {p['id']} {f}", file=sys.stderr)
                        return 1
                    if b is None:
                        continue
                    n += 1
                    counts["bodycopy"] += b
                    counts["trafilatura"] += bool(hit(f, p["truth"], peer["trafilatura"].get(f)))
                    counts["htmldate"] += bool(hit(f, p["truth"], peer["htmldate"].get(f)))
                if n == 0:
                    continue
                rate = {k: v / n for k, v in counts.items()}
                if f != "date":
                    rate["htmldate"] = None
                if f == "language":
                    rate["trafilatura"] = None
                rust_rate = next(r["rate"] for r in rust[name]["fields"] if r["field"] == f)
                assert abs(rust_rate - rate["bodycopy"]) < 1e-9, (name, f, rust_rate, rate)
                rows.append({"dataset": name, "field": f, "n": n, **rate})
            pt = rust[name].get("page_type")
            if pt:
                rows.append({"dataset": name, "field": "page_type", "n": pt["n"], "bodycopy": pt["accuracy"],
                             "trafilatura": None, "htmldate": None})
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    fmt = lambda v: "     -" if v is None else f"{v:6.3f}"
    print(f"{'dataset':<12} {'field':<10} {'n':>5}  {'bodycopy':>8}  {'trafilatura':>11}  {'htmldate':>8}")
    for r in rows:
        print(f"{r['dataset']:<12} {r['field']:<10} {r['n']:>5}  {fmt(r['bodycopy']):>8}  "
              f"{fmt(r['trafilatura']):>11}  {fmt(r['htmldate']):>8}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
