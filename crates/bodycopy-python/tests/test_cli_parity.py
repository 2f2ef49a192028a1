"""Text from Python equals text from the CLI (`bodycopy extract` of the release binary) on
every dev page of the benchmark sets."""

from __future__ import annotations

from pathlib import Path

import pytest

import bodycopy

from conftest import DATASETS, page_paths, page_stem, read_page, run_cli


def _cli_outputs(cli: Path, folder: Path, out: Path, fmt: str, *flags: str) -> dict[str, str]:
    proc = run_cli(cli, "extract", str(folder), "-o", str(out), "-f", fmt, *flags)
    # 0: all extracted; 3 never (a folder exits 3 only when every page is empty)
    assert proc.returncode == 0, proc.stderr[-2000:]
    ext = {"txt": "txt", "markdown": "md"}[fmt]
    return {p.name[: -len(ext) - 1]: p.read_text(encoding="utf-8") for p in out.glob(f"*.{ext}")}


@pytest.mark.parametrize("dataset", DATASETS)
def test_text_equals_cli_on_every_dev_page(bench: Path, cli: Path, tmp_path: Path, dataset: str) -> None:
    paths = page_paths(dataset)
    if not paths:
        pytest.skip(f"note: no pages in {bench / dataset}")
    expected = _cli_outputs(cli, bench / dataset / "html", tmp_path, "txt")
    pages = [read_page(p) for p in paths]
    texts = bodycopy.extract_many(pages, threads=2, include_comments=False)
    mismatches = []
    for path, text in zip(paths, texts):
        # the CLI writes no file for a page without content, and ends files with a newline
        want = expected.get(page_stem(path))
        got = None if text is None else text + "\n"
        if got != want:
            mismatches.append(path.name)
    print(f"{dataset}: {len(paths)} pages, {len(expected)} with text, {len(mismatches)} differ")
    assert not mismatches, mismatches[:10]


def test_markdown_with_links_equals_cli(bench: Path, cli: Path, tmp_path: Path) -> None:
    paths = page_paths("scrapinghub")
    if not paths:
        pytest.skip("note: no scrapinghub pages")
    expected = _cli_outputs(
        cli, bench / "scrapinghub" / "html", tmp_path, "markdown", "--links", "--images"
    )
    extractor = bodycopy.Extractor(bodycopy.Config(include_links=True, include_images=True))
    docs = extractor.extract_many([read_page(p) for p in paths], threads=2)
    differ = [
        p.name
        for p, doc in zip(paths, docs)
        if expected.get(page_stem(p)) != (None if doc.is_empty else doc.markdown + "\n")
    ]
    assert not differ, differ[:10]


def test_single_page_calls_equal_cli(bench: Path, cli: Path) -> None:
    # one page through the whole trafilatura-style path, per format, with the CLI's flags
    path = page_paths("readability")[0] if page_paths("readability") else None
    if path is None:
        pytest.skip("note: no readability pages")
    html = read_page(path)
    for fmt, flags, kwargs in [
        ("txt", [], {}),
        ("markdown", ["--no-tables"], {"include_tables": False}),
        ("html", ["--favor", "precision"], {"favor_precision": True}),
        ("txt", ["--favor", "recall", "--comments"], {"favor_recall": True, "include_comments": True}),
    ]:
        proc = run_cli(cli, "extract", "-f", fmt, *flags, str(path))
        assert proc.returncode == 0, proc.stderr
        defaults = {"include_comments": False}
        defaults.update(kwargs)
        assert bodycopy.extract(html, output_format=fmt, **defaults) + "\n" == proc.stdout, (fmt, flags)
