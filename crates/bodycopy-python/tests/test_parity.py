"""bodycopy.extract against trafilatura.extract's signature (trafilatura 2.3.1)."""

from __future__ import annotations

import inspect

import pytest

import bodycopy

trafilatura = pytest.importorskip("trafilatura")

# Defaults that cannot be equal: trafilatura's is its own ConfigParser object.
OWN_DEFAULTS = {"config"}


def _params(fn: object) -> list[inspect.Parameter]:
    return list(inspect.signature(fn).parameters.values())  # type: ignore[arg-type]


def test_every_trafilatura_parameter_is_accepted_in_order() -> None:
    theirs = _params(trafilatura.extract)
    ours = [p for p in _params(bodycopy.extract) if p.kind is not p.KEYWORD_ONLY]
    assert [p.name for p in ours] == [p.name for p in theirs]
    for mine, their in zip(ours, theirs):
        assert mine.kind == their.kind, mine.name
        if mine.name not in OWN_DEFAULTS:
            assert mine.default == their.default, mine.name


def test_extras_are_keyword_only() -> None:
    extras = [p for p in _params(bodycopy.extract) if p.kind is p.KEYWORD_ONLY]
    assert [p.name for p in extras] == ["content_type"]


def test_every_parameter_is_classified() -> None:
    names = {p.name for p in _params(trafilatura.extract)}
    classified = set(bodycopy.SUPPORTED) | set(bodycopy.IGNORED) | set(bodycopy.UNSUPPORTED)
    assert classified == names
    assert not set(bodycopy.SUPPORTED) & set(bodycopy.IGNORED)
    assert not set(bodycopy.IGNORED) & set(bodycopy.UNSUPPORTED)


@pytest.mark.parametrize("name", ["date_extraction_params", "settingsfile", "prune_xpath", "options"])
def test_unsupported_parameters_raise(name: str) -> None:
    with pytest.raises(ValueError, match=name):
        bodycopy.extract("<p>Some text here.</p>", **{name: "x"})


def test_ignored_parameters_are_accepted() -> None:
    page = "<html><body><article><p>" + "A sentence of the story goes here. " * 8 + "</p></article></body></html>"
    base = bodycopy.extract(page)
    assert base is not None
    for name in bodycopy.IGNORED:
        assert bodycopy.extract(page, **{name: True}) == base, name


def test_shared_output_formats_are_trafilaturas() -> None:
    # every format bodycopy offers is one trafilatura.extract accepts too
    page = "<html><body><article><p>" + "A sentence of the story goes here. " * 8 + "</p></article></body></html>"
    for fmt in bodycopy.OUTPUT_FORMATS:
        assert trafilatura.extract(page, output_format=fmt) is not None, fmt
        assert bodycopy.extract(page, output_format=fmt) is not None, fmt
