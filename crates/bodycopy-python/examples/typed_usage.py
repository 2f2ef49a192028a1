"""A typed tour of the API (checked with `mypy --strict` by tests/test_stubs.py)."""

from __future__ import annotations

from typing import List, Optional

import bodycopy
from bodycopy import Config, Document, Extractor, errors


def headline_and_text(html: bytes, url: Optional[str] = None) -> tuple[str, str]:
    doc: Document = bodycopy.extract_document(html, url, include_comments=False)
    return doc.title or "", doc.text


def drop_in(html: str) -> Optional[str]:
    # the trafilatura call, one import changed
    return bodycopy.extract(html, output_format="markdown", include_comments=False, favor_precision=True)


def batch(pages: List[bytes]) -> List[str]:
    extractor = Extractor(Config(favor="recall", include_links=True, time_budget=2.0))
    texts: List[str] = []
    for result in extractor.extract_many(pages, threads=2, return_exceptions=True):
        if isinstance(result, errors.BodycopyError):
            texts.append(f"error: {result.kind}")
        else:
            texts.append(result.markdown)
    docs: List[Document] = extractor.extract_many(pages, threads=2)
    texts.extend(d.render("json") for d in docs)
    return texts


def safe(html: bytes) -> Optional[str]:
    try:
        return bodycopy.extract(html)
    except errors.BadInputError:
        return None
    except errors.LimitExceededError as e:
        return e.kind


if __name__ == "__main__":
    page = b"<html><body><article><p>" + b"A sentence of the story. " * 10 + b"</p></article></body></html>"
    print(headline_and_text(page), drop_in(page.decode()), batch([page]), safe(b""))
