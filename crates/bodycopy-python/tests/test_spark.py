"""examples/spark_warc_to_parquet.py with PySpark in local[2] mode on small WARC files,
compared with `bodycopy batch` (the CLI) on the same files."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import cli_batch_texts, java_available, sample_pages, write_warc

pytest.importorskip("pyspark")
pytest.importorskip("warcio")
pq = pytest.importorskip("pyarrow.parquet")

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "spark_warc_to_parquet.py"


def test_spark_job_matches_cli(bench: Path, cli: Path, tmp_path: Path) -> None:
    if not java_available():
        pytest.skip("note: no java on PATH (scripts/test-python.sh installs openjdk-17-jre-headless)")
    pages = sample_pages(per_dataset=12)
    warcs = tmp_path / "warcs"
    warcs.mkdir()
    for i in range(3):  # three files, so that both local workers get work
        write_warc(warcs / f"part-{i}.warc.gz", pages[i::3])
    out = tmp_path / "out.parquet"
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable, SPARK_LOCAL_IP="127.0.0.1")
    proc = subprocess.run(
        [sys.executable, str(EXAMPLE), "--master", "local[2]", str(out), str(warcs / "*.warc.gz")],
        capture_output=True, text=True, env=env, timeout=300, check=False,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    table = pq.read_table(str(out)).to_pylist()
    got = {row["url"]: row["text"] or "" for row in table}
    expected = cli_batch_texts(cli, sorted(warcs.glob("*.warc.gz")), tmp_path / "cli.jsonl")
    assert len(got) == len(pages) == len(expected)
    differ = [url for url in expected if got.get(url) != expected[url]]
    print(f"spark: {len(pages)} records in 3 WARC files, {len(differ)} differ from the CLI")
    assert not differ, differ[:5]
    assert sum(1 for row in table if row["title"]) > len(pages) // 2
