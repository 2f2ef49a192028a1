"""The datatrove extractor in a LocalPipelineExecutor pipeline over a WARC of dev pages,
compared with `bodycopy batch` (the CLI) on the same WARC."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import cli_batch_texts, iter_jsonl, sample_pages, write_warc

pytest.importorskip("datatrove")
pytest.importorskip("warcio")

from datatrove.executor import LocalPipelineExecutor  # noqa: E402
from datatrove.pipeline.readers import WarcReader  # noqa: E402
from datatrove.pipeline.writers import JsonlWriter  # noqa: E402

from bodycopy.integrations.datatrove import Bodycopy  # noqa: E402


def test_datatrove_pipeline_matches_cli(bench: Path, cli: Path, tmp_path: Path) -> None:
    pages = sample_pages(per_dataset=20)
    assert pages, "no dev pages"
    warcs = tmp_path / "warcs"
    warcs.mkdir()
    write_warc(warcs / "dev.warc.gz", pages)
    out = tmp_path / "out"
    executor = LocalPipelineExecutor(
        pipeline=[
            WarcReader(str(warcs)),
            Bodycopy(threads=2, batch_size=16),  # datatrove's Trafilatura defaults: favour precision
            JsonlWriter(str(out), compression=None),
        ],
        tasks=1,
        workers=1,
        logging_dir=str(tmp_path / "logs"),
    )
    executor.run()
    got = {row["metadata"]["url"]: row["text"] for row in iter_jsonl(out)}
    expected = cli_batch_texts(cli, [warcs / "dev.warc.gz"], tmp_path / "cli.jsonl", "--favor", "precision")
    # datatrove drops documents without text; every other record has the CLI's text
    want = {url: text for url, text in expected.items() if text}
    assert len(expected) == len(pages)
    assert got.keys() == want.keys()
    differ = [url for url in want if got[url] != want[url]]
    print(f"datatrove: {len(pages)} records, {len(got)} with text, {len(differ)} differ from the CLI")
    assert not differ, differ[:5]


def test_extract_method_matches_run() -> None:
    # the per-document entry point datatrove's BaseExtractor defines
    step = Bodycopy(favour_precision=False, output_format="markdown")
    html = "<html><body><article><h2>Part one</h2><p>" + "Words of the story. " * 10 + "</p></article></body></html>"
    assert step.extract(html).startswith("## Part one")
    assert step.extract("<html><body><nav><a href='/'>Home</a></nav></body></html>") == ""
