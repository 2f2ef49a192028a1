"""Shared fixtures: the repository, the benchmark pages, the release CLI, WARC building."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Tuple

import pytest

REPO = Path(__file__).resolve().parents[3]
DATASETS = ("scrapinghub", "readability", "wcxb-dev")


def bench_root() -> Path:
    """``$BODYCOPY_BENCH``, else ``../shared/bench`` next to the repository."""
    env = os.environ.get("BODYCOPY_BENCH")
    root = Path(env) if env else REPO / ".." / "shared" / "bench"
    return root if root.is_absolute() else (REPO / root)


def page_paths(dataset: str) -> List[Path]:
    """The dev pages of one dataset (``html/<id>.html`` or ``.html.gz``), sorted."""
    folder = bench_root() / dataset / "html"
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.name.endswith((".html", ".html.gz")))


def read_page(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if path.name.endswith(".gz") else data


def page_stem(path: Path) -> str:
    name = path.name
    return name[: -len(".html.gz")] if name.endswith(".html.gz") else name[: -len(".html")]


@pytest.fixture(scope="session")
def bench() -> Path:
    root = bench_root()
    if not root.is_dir():
        pytest.skip(f"note: benchmark folder {root} not found (set BODYCOPY_BENCH)")
    return root


@pytest.fixture(scope="session")
def cli() -> Path:
    """The release ``bodycopy`` binary: ``$BODYCOPY_CLI``, else ``$CARGO_TARGET_DIR`` or
    ``target`` ``/release/bodycopy``."""
    env = os.environ.get("BODYCOPY_CLI")
    if env:
        path = Path(env)
    else:
        target = Path(os.environ.get("CARGO_TARGET_DIR") or REPO / "target")
        path = target / "release" / "bodycopy"
    if not path.is_file():
        pytest.skip(f"note: the release CLI {path} is not built (cargo build --release)")
    return path


def run_cli(cli: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(cli), *args], capture_output=True, text=True, check=False)


def write_warc(path: Path, pages: List[Tuple[str, bytes]]) -> None:
    """A WARC.gz with one HTTP 200 ``text/html`` response record per ``(url, html)``."""
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        for url, html in pages:
            http = StatusAndHeaders(
                "200 OK",
                [("Content-Type", "text/html"), ("Content-Length", str(len(html)))],
                protocol="HTTP/1.1",
            )
            record = writer.create_warc_record(
                url,
                "response",
                payload=BytesIO(html),
                http_headers=http,
                warc_headers_dict={"WARC-Identified-Payload-Type": "text/html"},
            )
            writer.write_record(record)


def sample_pages(per_dataset: int) -> List[Tuple[str, bytes]]:
    """The first ``per_dataset`` pages of each dev set, as ``(url, html)`` with made-up URLs."""
    pages = []
    for dataset in DATASETS:
        for path in page_paths(dataset)[:per_dataset]:
            pages.append((f"https://{dataset}.example/{page_stem(path)}", read_page(path)))
    return pages


def cli_batch_texts(cli: Path, inputs: List[Path], out: Path, *flags: str) -> Dict[str, str]:
    """``bodycopy batch`` over WARC inputs: text by record URL (``""`` for no text)."""
    proc = run_cli(cli, "batch", *map(str, inputs), "-o", str(out), "-j", "2", *flags)
    assert proc.returncode == 0, proc.stderr
    texts = {}
    with open(out, encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            texts[row["url"]] = row["text"] or ""
    return texts


def iter_jsonl(folder: Path) -> Iterator[dict]:
    for path in sorted(folder.rglob("*.jsonl*")):
        opener = gzip.open if path.name.endswith(".gz") else open
        with opener(path, "rt", encoding="utf-8") as f:
            for line in f:
                yield json.loads(line)


def java_available() -> Optional[str]:
    return shutil.which("java")
