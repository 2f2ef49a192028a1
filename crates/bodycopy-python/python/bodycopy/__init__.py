"""bodycopy: a web page's article text and metadata, without its chrome.

Coming from trafilatura, switching is one import::

    from bodycopy import extract          # was: from trafilatura import extract
    text = extract(html, url=url, include_comments=False)

``extract`` takes trafilatura.extract's parameters, in the same order and with the same
defaults; ``SUPPORTED``, ``IGNORED`` and ``UNSUPPORTED`` say what each one does here.
For more than text, ``extract_document`` returns a typed ``Document``; for many pages,
``Extractor(Config(...)).extract_many(pages, threads=N)`` or ``extract_many`` extract on
Rust threads with the GIL released. Failures raise the classes of ``bodycopy.errors``.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import lru_cache
from typing import (
    Any,
    Dict,
    Iterable,
    List,
    Literal,
    Optional,
    Set,
    Tuple,
    Union,
    overload,
)
from urllib.parse import urlsplit
from xml.sax.saxutils import escape, quoteattr

from . import errors
from ._bodycopy import Document, _Extractor
from ._bodycopy import __version__ as __version__
from .errors import (
    BadInputError,
    BodycopyError,
    EmptyInputError,
    InputTooLargeError,
    LimitExceededError,
    NotHtmlError,
    TimeBudgetExceededError,
    TooDeepError,
    TooManyAttributesError,
    TooManyNodesError,
)

Html = Union[str, bytes, bytearray]
"""A page: decoded text (``str``) or raw bytes (the charset is then detected)."""

Favor = Literal["balanced", "precision", "recall"]
"""Which way to lean when a block is uncertain."""

OUTPUT_FORMATS = ("txt", "markdown", "html", "json", "xml")
"""The ``output_format`` values ``extract`` accepts."""

SUPPORTED = (
    "filecontent",
    "url",
    "record_id",
    "favor_precision",
    "favor_recall",
    "include_comments",
    "output_format",
    "target_language",
    "include_tables",
    "include_images",
    "include_links",
    "with_metadata",
    "only_with_metadata",
    "max_tree_size",
    "url_blacklist",
    "author_blacklist",
)
"""trafilatura.extract parameters that ``extract`` honours."""

IGNORED = ("fast", "no_fallback", "tei_validation", "include_formatting", "deduplicate")
"""trafilatura.extract parameters accepted and ignored: bodycopy has one fast algorithm (no
fallback extractors), no TEI output, always keeps bold/italic/code in Markdown and HTML (never in
plain text), and always drops repeated short blocks within a page (there is no cross-page
duplicate cache)."""

UNSUPPORTED = ("date_extraction_params", "settingsfile", "prune_xpath", "config", "options")
"""trafilatura.extract parameters that raise ``ValueError`` when given (bodycopy has no
XPath pruning, no trafilatura settings file or options object, and one date extractor)."""


@dataclass(frozen=True)
class Config:
    """Extraction settings for an ``Extractor``; every field documents its default."""

    favor: Favor = "balanced"
    """Precision/recall preference. Default: ``"balanced"``."""
    include_comments: bool = False
    """Extract reader comments into ``Document.comments``. Default: ``False``."""
    include_tables: bool = True
    """Keep tables in the body. Default: ``True``."""
    include_images: bool = False
    """Keep images (Markdown ``![alt](src)``, HTML ``<img>``). Default: ``False``."""
    include_links: bool = False
    """Keep link targets (Markdown and HTML). Default: ``False``."""
    max_input_bytes: Optional[int] = None
    """Largest input accepted; ``None``: the core's limit (64 MiB)."""
    max_nodes: Optional[int] = None
    """Most nodes (elements and text) in a page's tree; ``None``: the core's limit."""
    time_budget: Optional[float] = None
    """Seconds one page may take; ``None``: the core's budget."""
    with_metadata: bool = True
    """Collect the full metadata (dates, authors, description, language, tags, image, final
    page type). ``False``: text only, as ``trafilatura.extract`` works by default; the body is
    the same and the document carries only the title, site name, URL and page type.
    Default: ``True``."""


@lru_cache(maxsize=64)
def _native(config: Config) -> _Extractor:
    return _Extractor(
        favor=config.favor,
        include_comments=config.include_comments,
        include_tables=config.include_tables,
        include_images=config.include_images,
        include_links=config.include_links,
        max_input_bytes=config.max_input_bytes,
        max_nodes=config.max_nodes,
        time_budget=config.time_budget,
        with_metadata=config.with_metadata,
    )


def _threads(threads: Optional[int]) -> int:
    if threads is None:
        return os.cpu_count() or 1
    if isinstance(threads, bool) or not isinstance(threads, int) or threads < 1:
        raise ValueError(f"threads must be a positive integer, not {threads!r}")
    return threads


class Extractor:
    """A configured extractor: build once, reuse for every page (safe to share across threads)."""

    def __init__(self, config: Optional[Config] = None) -> None:
        self._config = config if config is not None else Config()
        self._native = _native(self._config)

    @property
    def config(self) -> Config:
        """The settings in force."""
        return self._config

    def __reduce__(self) -> Tuple[type, Tuple[Config]]:
        # pickled (Spark closures, datatrove's copies of pipeline steps) as its settings
        return (Extractor, (self._config,))

    def __repr__(self) -> str:
        return f"Extractor({self._config!r})"

    def extract(
        self, html: Html, url: Optional[str] = None, content_type: Optional[str] = None
    ) -> Document:
        """Extract one page. ``content_type`` is the HTTP header (its charset is trusted first;
        ignored for ``str`` input, which is already decoded). Raises ``BodycopyError``."""
        return self._native.extract(html, url, content_type)

    @overload
    def extract_many(
        self,
        pages: Iterable[Html],
        urls: Optional[Iterable[Optional[str]]] = ...,
        *,
        threads: Optional[int] = ...,
        return_exceptions: Literal[False] = ...,
    ) -> List[Document]: ...

    @overload
    def extract_many(
        self,
        pages: Iterable[Html],
        urls: Optional[Iterable[Optional[str]]] = ...,
        *,
        threads: Optional[int] = ...,
        return_exceptions: Literal[True],
    ) -> List[Union[Document, BodycopyError]]: ...

    def extract_many(
        self,
        pages: Iterable[Html],
        urls: Optional[Iterable[Optional[str]]] = None,
        *,
        threads: Optional[int] = None,
        return_exceptions: bool = False,
    ) -> Union[List[Document], List[Union[Document, BodycopyError]]]:
        """Extract many pages on ``threads`` Rust threads (default: one per core) with the GIL
        released; results in input order. A failed page raises its error after all pages ran,
        or, with ``return_exceptions=True``, takes its place in the list."""
        results = self._native.extract_many(
            list(pages), None if urls is None else list(urls), _threads(threads)
        )
        if return_exceptions:
            return results
        docs: List[Document] = []
        for r in results:
            if isinstance(r, BodycopyError):
                raise r
            docs.append(r)
        return docs


def _favor(favor_precision: bool, favor_recall: bool) -> Favor:
    if favor_precision and favor_recall:
        raise ValueError("favor_precision and favor_recall cannot both be set")
    return "precision" if favor_precision else "recall" if favor_recall else "balanced"


def extract_document(
    filecontent: Html,
    url: Optional[str] = None,
    favor_precision: bool = False,
    favor_recall: bool = False,
    include_comments: bool = True,
    include_tables: bool = True,
    include_images: bool = False,
    include_links: bool = False,
    *,
    content_type: Optional[str] = None,
) -> Document:
    """Extract one page into a typed ``Document`` (metadata, ``text``, ``markdown``, ``html``,
    ``comments``). Raises ``BodycopyError`` subclasses on bad input or exceeded limits."""
    config = Config(
        favor=_favor(favor_precision, favor_recall),
        include_comments=include_comments,
        include_tables=include_tables,
        include_images=include_images,
        include_links=include_links,
    )
    return _native(config).extract(filecontent, url, content_type)


@dataclass(frozen=True)
class _Output:
    """How ``extract`` turns a ``Document`` into its string (trafilatura's output options)."""

    output_format: str
    include_comments: bool
    with_metadata: bool
    only_with_metadata: bool
    target_language: Optional[str]
    record_id: Optional[str]
    url_blacklist: Optional[Set[str]]
    author_blacklist: Optional[Set[str]]


def _authors(doc: Document, out: _Output) -> List[str]:
    if not out.author_blacklist:
        return doc.authors
    return [a for a in doc.authors if a not in out.author_blacklist]


def _yaml_scalar(value: str) -> str:
    plain = (
        value == value.strip()
        and value[:1].isalpha()
        and ": " not in value
        and " #" not in value
        and not value.endswith(":")
        and all(ch >= " " and ch != "\x7f" for ch in value)
    )
    return value if plain else json.dumps(value, ensure_ascii=False)


def _metadata_header(doc: Document, out: _Output) -> str:
    """trafilatura's ``with_metadata`` header for text and Markdown: ``---``, one ``key: value``
    line per known field, ``---``."""
    authors = _authors(doc, out)
    fields: List[Tuple[str, object]] = [
        ("title", doc.title),
        ("author", "; ".join(authors) or None),
        ("url", doc.url),
        ("hostname", urlsplit(doc.url).hostname if doc.url else None),
        ("description", doc.description),
        ("sitename", doc.sitename),
        ("date", doc.date),
        ("categories", doc.categories or None),
        ("tags", doc.tags or None),
        ("id", out.record_id),
        ("language", doc.language),
        ("image", doc.image),
        ("pagetype", doc.page_type),
    ]
    lines = "".join(
        f"{k}: {_yaml_scalar(v) if isinstance(v, str) else v}\n" for k, v in fields if v
    )
    return f"---\n{lines}---\n"


def _xml(doc: Document, out: _Output) -> str:
    """trafilatura-like XML: ``<doc>`` with metadata attributes, ``<main>`` with ``<head>``,
    ``<p>``, ``<list>``/``<item>``, ``<quote>``, ``<code>``, ``<table>``/``<row>``/``<cell>``
    and ``<graphic>``, then ``<comments>``."""
    data = json.loads(doc.to_json())
    attrs = {
        "title": doc.title,
        "author": "; ".join(_authors(doc, out)) or None,
        "url": doc.url,
        "hostname": urlsplit(doc.url).hostname if doc.url else None,
        "description": doc.description,
        "sitename": doc.sitename,
        "date": doc.date,
        "categories": ";".join(doc.categories) or None,
        "tags": ";".join(doc.tags) or None,
        "id": out.record_id,
        "language": doc.language,
        "pagetype": doc.page_type,
    }
    head = "".join(f" {k}={quoteattr(v)}" for k, v in attrs.items() if v)
    parts = [f"<doc{head}>", "<main>"]
    parts.extend(_xml_blocks(data.get("blocks", [])))
    parts.append("</main>")
    if out.include_comments and doc.comments:
        paragraphs = (p for p in doc.comments.split("\n\n") if p.strip())
        parts.append("<comments>")
        parts.extend(f"<p>{escape(p)}</p>" for p in paragraphs)
        parts.append("</comments>")
    parts.append("</doc>")
    return "\n".join(parts)


def _xml_blocks(blocks: List[Dict[str, Any]]) -> List[str]:
    lines: List[str] = []
    in_list = False
    for block in blocks:
        kind = block.get("type")
        text = escape(block.get("text", ""))
        if kind == "list_item" and not in_list:
            lines.append("<list>")
        if kind != "list_item" and in_list:
            lines.append("</list>")
        in_list = kind == "list_item"
        if kind == "heading":
            lines.append(f'<head rend="h{block.get("level", 2)}">{text}</head>')
        elif kind == "list_item":
            lines.append(f"<item>{text}</item>")
        elif kind == "quote":
            lines.append(f"<quote>{text}</quote>")
        elif kind == "code":
            lines.append(f"<code>{text}</code>")
        elif kind == "table":
            rows = "".join(
                "<row>"
                + "".join(f"<cell>{escape(c.get('text', ''))}</cell>" for c in row)
                + "</row>"
                for row in block.get("rows", [])
            )
            lines.append(f"<table>{rows}</table>")
        elif kind == "image":
            src = block.get("src")
            if src:
                lines.append(f"<graphic src={quoteattr(src)}/>")
        elif text:
            lines.append(f"<p>{text}</p>")
    if in_list:
        lines.append("</list>")
    return lines


def _render(doc: Document, out: _Output) -> Optional[str]:
    """The string ``extract`` returns for a document, or ``None`` as trafilatura would
    (no content, wrong language, blacklisted URL, missing metadata)."""
    if doc.is_empty:
        return None
    if out.url_blacklist and doc.url in out.url_blacklist:
        return None
    if out.only_with_metadata and not (doc.date and doc.title and doc.url):
        return None
    if out.target_language and doc.language:
        if doc.language.split("-")[0].lower() != out.target_language.lower():
            return None
    fmt = out.output_format
    if fmt == "json":
        data = json.loads(doc.to_json())
        if out.author_blacklist:
            data["authors"] = _authors(doc, out)
            data["author"] = "; ".join(data["authors"]) or None
        if out.record_id is not None:
            data["id"] = out.record_id
        return json.dumps(data, ensure_ascii=False)
    if fmt == "xml":
        return _xml(doc, out)
    body = doc.render(fmt, comments=out.include_comments)
    if out.with_metadata and fmt in ("txt", "markdown"):
        return _metadata_header(doc, out) + body
    return body


def _check_unsupported(**given: Any) -> None:
    for name, value in given.items():
        if value is not None:
            raise ValueError(
                f"bodycopy.extract does not support {name!r} (trafilatura-only); leave it unset"
            )


def _output_format(output_format: str) -> str:
    fmt = "markdown" if output_format == "md" else output_format
    if fmt not in OUTPUT_FORMATS:
        raise ValueError(
            f"output_format {output_format!r} is not supported by bodycopy; "
            f"use one of {', '.join(OUTPUT_FORMATS)}"
        )
    return fmt


def _plan(
    favor_precision: bool = False,
    favor_recall: bool = False,
    include_comments: bool = True,
    output_format: str = "txt",
    target_language: Optional[str] = None,
    include_tables: bool = True,
    include_images: bool = False,
    include_links: bool = False,
    with_metadata: bool = False,
    only_with_metadata: bool = False,
    max_tree_size: Optional[int] = None,
    url_blacklist: Optional[Set[str]] = None,
    author_blacklist: Optional[Set[str]] = None,
    record_id: Optional[str] = None,
    time_budget: Optional[float] = None,
) -> Tuple[Config, _Output]:
    """The ``Config`` and output options for trafilatura-style arguments (the supported ones)."""
    fmt = _output_format(output_format)
    config = Config(
        favor=_favor(favor_precision, favor_recall),
        include_comments=include_comments,
        include_tables=include_tables,
        include_images=include_images,
        include_links=include_links,
        max_nodes=max_tree_size,
        time_budget=time_budget,
        # text and Markdown without the metadata header need no dates, authors or language:
        # the text-only extraction gives the same body for less work
        with_metadata=with_metadata
        or only_with_metadata
        or target_language is not None
        or bool(author_blacklist)
        or fmt in ("json", "xml"),
    )
    out = _Output(
        output_format=fmt,
        include_comments=include_comments,
        with_metadata=with_metadata,
        only_with_metadata=only_with_metadata,
        target_language=target_language,
        record_id=record_id,
        url_blacklist=url_blacklist,
        author_blacklist=author_blacklist,
    )
    return config, out


def extract(
    filecontent: Html,
    url: Optional[str] = None,
    record_id: Optional[str] = None,
    fast: bool = False,
    no_fallback: bool = False,
    favor_precision: bool = False,
    favor_recall: bool = False,
    include_comments: bool = True,
    output_format: str = "txt",
    tei_validation: bool = False,
    target_language: Optional[str] = None,
    include_tables: bool = True,
    include_images: bool = False,
    include_formatting: Optional[bool] = None,
    include_links: bool = False,
    deduplicate: Any = False,
    date_extraction_params: Optional[Dict[str, Any]] = None,
    with_metadata: bool = False,
    only_with_metadata: bool = False,
    max_tree_size: Optional[int] = None,
    url_blacklist: Optional[Set[str]] = None,
    author_blacklist: Optional[Set[str]] = None,
    settingsfile: Optional[str] = None,
    prune_xpath: Optional[Union[str, List[str]]] = None,
    config: Any = None,
    options: Any = None,
    *,
    content_type: Optional[str] = None,
) -> Optional[str]:
    """Extract a page's main text, as ``trafilatura.extract`` does (same parameters, order and
    defaults; see ``SUPPORTED``, ``IGNORED``, ``UNSUPPORTED``).

    Returns the text in ``output_format`` (``txt``, ``markdown``, ``html``, ``json`` or
    ``xml``), or ``None`` when no main content is found, the language is not
    ``target_language``, the URL is in ``url_blacklist``, or ``only_with_metadata`` is set and
    the title, date or URL is missing. Unlike trafilatura, bad input and exceeded limits raise
    ``bodycopy.errors`` exceptions (``EmptyInputError`` and ``NotHtmlError`` are also
    ``ValueError``). ``max_tree_size`` bounds the page's nodes (elements and text), raising
    ``TooManyNodesError``. ``content_type`` (bodycopy only) is the HTTP header for ``bytes``.
    """
    del fast, no_fallback, tei_validation, include_formatting, deduplicate  # see IGNORED
    _check_unsupported(
        date_extraction_params=date_extraction_params,
        settingsfile=settingsfile,
        prune_xpath=prune_xpath,
        config=config,
        options=options,
    )
    settings, out = _plan(
        favor_precision=favor_precision,
        favor_recall=favor_recall,
        include_comments=include_comments,
        output_format=output_format,
        target_language=target_language,
        include_tables=include_tables,
        include_images=include_images,
        include_links=include_links,
        with_metadata=with_metadata,
        only_with_metadata=only_with_metadata,
        max_tree_size=max_tree_size,
        url_blacklist=url_blacklist,
        author_blacklist=author_blacklist,
        record_id=record_id,
    )
    extractor = _native(settings)
    return _render(extractor.extract(filecontent, url, content_type), out)


def extract_many(
    pages: Iterable[Html],
    urls: Optional[Iterable[Optional[str]]] = None,
    threads: Optional[int] = None,
    errors: Literal["raise", "ignore"] = "raise",
    **options: Any,
) -> List[Optional[str]]:
    """``extract`` over many pages on ``threads`` Rust threads (default: one per core), the
    GIL released; results in input order. ``options`` are ``extract``'s supported options
    (``output_format``, ``include_comments``, ``favor_precision``, ``include_tables``, ...).
    A failed page raises its error after all pages ran (``errors="raise"``) or gives ``None``
    (``errors="ignore"``)."""
    if errors not in ("raise", "ignore"):
        raise ValueError(f"errors must be 'raise' or 'ignore', not {errors!r}")
    settings, out = _plan(**options)
    results = Extractor(settings).extract_many(
        pages, urls, threads=threads, return_exceptions=True
    )
    texts: List[Optional[str]] = []
    for r in results:
        if isinstance(r, BodycopyError):
            if errors == "raise":
                raise r
            texts.append(None)
        else:
            texts.append(_render(r, out))
    return texts


__all__ = [
    "Config",
    "Document",
    "Extractor",
    "Favor",
    "Html",
    "extract",
    "extract_document",
    "extract_many",
    "errors",
    "SUPPORTED",
    "IGNORED",
    "UNSUPPORTED",
    "OUTPUT_FORMATS",
]
__all__ += errors.__all__
