"""The Python API: documents, options, errors, threads."""

from __future__ import annotations

import json
import os
import signal
import time

import pytest

import bodycopy
from bodycopy import errors

from conftest import REPO

SEED = (REPO / "tests" / "fixtures" / "seed-page" / "source.html").read_bytes()

ARTICLE = """<html lang="en"><head><title>Rain due - The Daily</title>
<meta property="og:type" content="article"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Rain due</h1>
<p>Heavy rain is expected across the region on Thursday, the weather service said in
a statement that also warned of strong winds along the coast.</p>
<p>Residents were advised to avoid low-lying roads until the evening, and schools in
two districts said they would close early. See <a href="/maps/rain">the rain map</a>.</p>
<table><tr><th>Town</th><th>Rainfall</th></tr><tr><td>Northbay</td><td>40 mm</td></tr></table>
</article><footer>Copyright 2024 The Daily</footer></body></html>"""


def test_document_fields() -> None:
    doc = bodycopy.extract_document(SEED)
    assert isinstance(doc, bodycopy.Document)
    assert doc.title and doc.title.startswith("China Tries To Prevent")
    assert doc.authors == ["News Desk"]
    assert doc.author == "News Desk"
    assert doc.date == "2022-07-21"
    assert doc.page_type == "article"
    assert doc.language == "en"
    assert doc.text.startswith("CHINA: According to a Chinese letter")
    assert not doc.is_empty
    assert doc.markdown and doc.html.startswith("<")
    data = json.loads(doc.to_json())
    assert data["title"] == doc.title and data["text"] == doc.text
    assert "Document(" in repr(doc)


def test_str_and_bytes_give_the_same_text() -> None:
    assert bodycopy.extract(SEED) == bodycopy.extract(SEED.decode("utf-8"))


def test_str_input_is_not_decoded_again() -> None:
    page = ARTICLE.replace("<head>", '<head><meta charset="iso-8859-1">').replace(
        "Heavy rain", "Café rain"
    )
    text = bodycopy.extract(page)
    assert text is not None and "Café rain" in text


def test_extract_returns_none_without_content() -> None:
    assert bodycopy.extract("<html><body><nav><a href='/'>Home</a></nav></body></html>") is None


def test_options_change_the_output() -> None:
    with_table = bodycopy.extract(ARTICLE)
    without = bodycopy.extract(ARTICLE, include_tables=False)
    assert with_table is not None and "Northbay" in with_table
    assert without is not None and "Northbay" not in without
    md = bodycopy.extract(
        ARTICLE, url="https://daily.example/rain", output_format="markdown", include_links=True
    )
    assert md is not None and "[the rain map](https://daily.example/maps/rain)" in md
    html = bodycopy.extract(ARTICLE, output_format="html")
    assert html is not None and "<table>" in html
    xml = bodycopy.extract(ARTICLE, output_format="xml")
    assert xml is not None and xml.startswith("<doc ") and "<cell>Northbay</cell>" in xml
    data = json.loads(bodycopy.extract(ARTICLE, output_format="json", record_id="r1") or "")
    assert data["id"] == "r1" and data["title"] == "Rain due"


def test_with_metadata_header() -> None:
    text = bodycopy.extract(ARTICLE, url="https://daily.example/rain", with_metadata=True)
    assert text is not None
    header, body = text.split("---\n")[1], text.split("---\n", 2)[2]
    assert "title: Rain due\n" in header and "hostname: daily.example\n" in header
    assert body.startswith("Heavy rain")


def test_filters_return_none() -> None:
    assert bodycopy.extract(ARTICLE, target_language="de") is None
    assert bodycopy.extract(ARTICLE, target_language="en") is not None
    url = "https://daily.example/rain"
    assert bodycopy.extract(ARTICLE, url=url, url_blacklist={url}) is None
    assert bodycopy.extract(ARTICLE, url=url, only_with_metadata=True) is None  # no date
    assert bodycopy.extract(SEED, only_with_metadata=True) is not None
    data = json.loads(bodycopy.extract(SEED, output_format="json", author_blacklist={"News Desk"}) or "")
    assert data["author"] is None


def test_unsupported_and_bad_arguments_raise() -> None:
    with pytest.raises(ValueError, match="prune_xpath"):
        bodycopy.extract(ARTICLE, prune_xpath="//div")
    with pytest.raises(ValueError, match="xmltei"):
        bodycopy.extract(ARTICLE, output_format="xmltei")
    with pytest.raises(ValueError, match="favor"):
        bodycopy.extract(ARTICLE, favor_precision=True, favor_recall=True)
    with pytest.raises(TypeError):
        bodycopy.extract(42)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        bodycopy.Extractor(bodycopy.Config(favor="sideways"))  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        bodycopy.Extractor(bodycopy.Config(time_budget=-1.0))
    with pytest.raises(ValueError):
        bodycopy.extract_document(ARTICLE).render("pdf")


@pytest.mark.parametrize(
    "page, config, cls",
    [
        (b"", bodycopy.Config(), errors.EmptyInputError),
        (b"  \n ", bodycopy.Config(), errors.EmptyInputError),
        (bytes(range(256)) * 8, bodycopy.Config(), errors.NotHtmlError),
        (ARTICLE, bodycopy.Config(max_input_bytes=100), errors.InputTooLargeError),
        (ARTICLE, bodycopy.Config(max_nodes=10), errors.TooManyNodesError),
        ("<div>" * 100_000, bodycopy.Config(), errors.TooDeepError),
    ],
)
def test_errors_mirror_the_core_kinds(page: bodycopy.Html, config: bodycopy.Config, cls: type) -> None:
    with pytest.raises(cls) as info:
        bodycopy.Extractor(config).extract(page)
    err = info.value
    assert isinstance(err, bodycopy.BodycopyError)
    assert err.kind == cls.kind and str(err)
    assert isinstance(err, ValueError) == issubclass(cls, errors.BadInputError)


def test_max_tree_size_bounds_nodes() -> None:
    with pytest.raises(errors.TooManyNodesError):
        bodycopy.extract(ARTICLE, max_tree_size=10)


def test_extract_many_matches_extract_in_order() -> None:
    pages = [SEED, ARTICLE, b"", ARTICLE.encode(), SEED.decode()] * 5
    extractor = bodycopy.Extractor()
    one = extractor.extract_many(pages, threads=1, return_exceptions=True)
    two = extractor.extract_many(pages, threads=2, return_exceptions=True)
    assert len(one) == len(two) == len(pages)
    for a, b, page in zip(one, two, pages):
        if isinstance(a, bodycopy.BodycopyError):
            assert isinstance(b, errors.EmptyInputError) and page == b""
        else:
            assert not isinstance(b, Exception)
            assert a.text == b.text == extractor.extract(page).text
    with pytest.raises(errors.EmptyInputError):
        extractor.extract_many(pages, threads=2)
    texts = bodycopy.extract_many(pages, threads=2, errors="ignore", include_comments=False)
    assert texts == [
        None if p == b"" else bodycopy.extract(p, include_comments=False) for p in pages
    ]


def test_extract_many_urls_and_thread_arguments() -> None:
    docs = bodycopy.Extractor(bodycopy.Config(include_links=True)).extract_many(
        [ARTICLE, ARTICLE], ["https://a.example/x", None], threads=2
    )
    assert "https://a.example/maps/rain" in docs[0].markdown
    assert "https://a.example" not in docs[1].markdown
    with pytest.raises(ValueError, match="urls"):
        bodycopy.Extractor().extract_many([ARTICLE], ["https://a.example/", None])
    with pytest.raises(ValueError, match="threads"):
        bodycopy.extract_many([ARTICLE], threads=0)
    assert bodycopy.extract_many([], threads=4) == []


def test_extractor_pickles_as_its_settings() -> None:
    import copy
    import pickle

    extractor = bodycopy.Extractor(bodycopy.Config(favor="precision", include_tables=False))
    for clone in (pickle.loads(pickle.dumps(extractor)), copy.deepcopy(extractor)):
        assert clone.config == extractor.config
        assert clone.extract(ARTICLE).text == extractor.extract(ARTICLE).text


def test_extract_many_releases_the_gil() -> None:
    # A second Python thread counts while the main thread is inside extract_many. Were the
    # GIL held for the whole call, the count could not move between the two reads around it
    # (beyond one switch interval); released, it moves for most of the call.
    import threading
    import time

    count = [0]
    stop = threading.Event()

    def spin() -> None:
        while not stop.is_set():
            count[0] += 1

    spinner = threading.Thread(target=spin)
    spinner.start()
    try:
        before, start = count[0], time.monotonic()
        time.sleep(0.2)
        rate = (count[0] - before) / (time.monotonic() - start)
        before, start = count[0], time.monotonic()
        bodycopy.Extractor().extract_many([SEED] * 600, threads=1)
        elapsed = time.monotonic() - start
        during = count[0] - before
    finally:
        stop.set()
        spinner.join()
    # held, the GIL would let the counter move for at most a switch interval (5 ms) of
    # the call; released, it moves for most of it
    print(f"GIL: {during} counts in a {elapsed:.3f} s call, {rate:.0f} per second alone")
    assert elapsed > 0.05, elapsed
    assert during > rate * elapsed * 0.5, (during, rate, elapsed)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")
def test_extract_many_in_a_forked_child() -> None:
    # The worker threads are kept between calls. A child made by fork inherits the kept
    # pool but not its threads: it must start its own instead of waiting for them forever.
    extractor = bodycopy.Extractor()
    pages = [SEED, ARTICLE] * 4
    parent = [d.text for d in extractor.extract_many(pages, threads=2)]
    pid = os.fork()
    if pid == 0:  # the child: exit 0 only if the call returns the same texts
        try:
            child = [d.text for d in extractor.extract_many(pages, threads=2)]
            os._exit(0 if child == parent else 1)
        except BaseException:
            os._exit(2)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            assert os.waitstatus_to_exitcode(status) == 0
            return
        time.sleep(0.05)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    pytest.fail("extract_many in the forked child did not return within 60 s")
