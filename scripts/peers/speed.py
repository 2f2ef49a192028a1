#!/usr/bin/env python3
"""Single-core throughput of bodycopy and its peers on the same pages, in one run.

Every speed claim in the README is a ratio printed by this script: absolute times drift on
shared machines, ratios measured side by side do not.

    scripts/peers/setup.sh                      # once: venv with trafilatura and resiliparse
    .venv-peers/bin/python scripts/peers/speed.py ../shared/bench/scrapinghub ../shared/bench/wcxb-dev

Pages are read into memory first; only extraction is timed (for resiliparse that includes its
own encoding detection and decoding, as trafilatura and bodycopy decode bytes themselves).
bodycopy is timed by `bodycopy bench --json` (one thread, same pages, same machine, same run),
twice: text only (`--text-only`: the job resiliparse's `extract_plain_text` and
`trafilatura.extract` with its defaults do, and the ratios printed), and with the full
metadata (dates, authors, language, tags: more work than either peer does). The contenders
run in turn, `--rounds` times (default 3), and each figure is the contender's best round.
"""

import argparse
import gzip
import json
import os
import subprocess
import sys
import time
from pathlib import Path


def load_pages(folder: Path, limit: int | None) -> list[bytes]:
    files = sorted(
        p for p in (folder / "html").iterdir() if p.name.endswith((".html", ".html.gz"))
    )
    if limit:
        files = files[:limit]
    pages = []
    for p in files:
        data = p.read_bytes()
        pages.append(gzip.decompress(data) if p.name.endswith(".gz") else data)
    return pages


def time_resiliparse(pages: list[bytes]) -> float:
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.encoding import bytes_to_str, detect_encoding

    total = 0.0
    for html in pages:
        start = time.perf_counter()
        text = bytes_to_str(html, detect_encoding(html))
        extract_plain_text(text, main_content=True)
        total += time.perf_counter() - start
    return total


def time_trafilatura(pages: list[bytes]) -> float:
    import trafilatura

    total = 0.0
    for html in pages:
        start = time.perf_counter()
        trafilatura.extract(html)
        total += time.perf_counter() - start
    return total


def time_bodycopy(binary: str, folder: Path, text_only: bool) -> tuple[float, int]:
    cmd = [binary, "bench", "--json", str(folder)] + (["--text-only"] if text_only else [])
    out = subprocess.run(cmd, check=True, capture_output=True, text=True)
    report = json.loads(out.stdout)[0]
    return report["extract"]["seconds"], report["pages"]


def default_binary() -> str:
    target = os.environ.get("CARGO_TARGET_DIR") or str(Path(__file__).resolve().parents[2] / "target")
    return str(Path(target) / "release" / "bodycopy")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("datasets", nargs="+", type=Path, help="dataset folders (with html/ and truth/)")
    ap.add_argument(
        "--bodycopy",
        default=default_binary(),
        help="the bodycopy binary (default: the release build; scripts/build-pgo.sh makes target/pgo/bodycopy)",
    )
    ap.add_argument("--peers", default="resiliparse,trafilatura", help="comma-separated peers to run")
    ap.add_argument("--rounds", type=int, default=3, help="rounds of every contender in turn; each keeps its best (default 3)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args()
    if not Path(args.bodycopy).exists():
        print(f"no bodycopy binary at {args.bodycopy}: run cargo build --release", file=sys.stderr)
        return 2
    timers = {"resiliparse": time_resiliparse, "trafilatura": time_trafilatura}
    peers = [p for p in args.peers.split(",") if p]
    results = []
    for folder in args.datasets:
        if not (folder / "html").is_dir():
            print(f"{folder} has no html/ folder", file=sys.stderr)
            return 2
        pages = load_pages(folder, None)
        size = sum(len(p) for p in pages)
        row = {"dataset": folder.name, "pages": len(pages), "mb": size / 1e6, "tools": {}}
        best = row["tools"]
        # every contender once per round, in turn, so that a spell of load on the shared
        # machine does not fall on one of them only; each keeps its best round
        for _ in range(args.rounds):
            for name, text_only in (("bodycopy", True), ("bodycopy+meta", False)):
                secs, n = time_bodycopy(args.bodycopy, folder, text_only)
                assert n == len(pages), f"bodycopy saw {n} pages, the script {len(pages)}"
                best[name] = min(best.get(name, secs), secs)
            for peer in peers:
                secs = timers[peer](pages)
                best[peer] = min(best.get(peer, secs), secs)
        results.append(row)
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print(f"bodycopy binary: {args.bodycopy}; best of {args.rounds} round(s) in turn")
    for row in results:
        base = row["tools"]["bodycopy"]
        meta = row["tools"]["bodycopy+meta"]
        print(f"{row['dataset']}: {row['pages']} pages, {row['mb']:.1f} MB, one core")
        for tool, secs in row["tools"].items():
            ratio = ""
            if not tool.startswith("bodycopy"):
                ratio = (
                    f"   bodycopy / {tool} speed: {secs / base:.2f}x"
                    f" (with metadata {secs / meta:.2f}x)"
                )
            print(
                f"  {tool:14} {row['pages'] / secs:9.1f} pages/s {row['mb'] / secs:8.1f} MB/s{ratio}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
