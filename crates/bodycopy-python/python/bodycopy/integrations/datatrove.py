"""A datatrove extractor step: use ``Bodycopy`` wherever datatrove's ``Trafilatura`` is used.

    from datatrove.pipeline.readers import WarcReader
    from datatrove.pipeline.writers import JsonlWriter
    from bodycopy.integrations.datatrove import Bodycopy

    pipeline = [WarcReader("warcs/"), Bodycopy(), JsonlWriter("out/")]

It takes ``Trafilatura``'s constructor arguments (``favour_precision``, ``include_images``,
``timeout``, ``deduplicate``, and any other ``bodycopy.extract`` option as keyword arguments)
and, like it, keeps comments out and drops documents without text. It runs in the pipeline's
own process: instead of datatrove's sandbox process, ``timeout`` becomes the core's per-page
time budget (a page over it is counted as ``timeout`` and skipped). Pages are extracted in
batches of ``batch_size`` on ``threads`` Rust threads with the GIL released.
"""

from __future__ import annotations

from typing import Any, Dict, Iterator, List, Optional

from datatrove.data import Document as DatatroveDocument  # type: ignore[import-untyped, import-not-found, unused-ignore]
from datatrove.data import DocumentsPipeline  # type: ignore[import-untyped, import-not-found, unused-ignore]
from datatrove.pipeline.extractors.base import BaseExtractor  # type: ignore[import-untyped, import-not-found, unused-ignore]
from datatrove.utils.typeshelper import StatHints  # type: ignore[import-untyped, import-not-found, unused-ignore]

from .. import Document, Extractor, _plan, _render
from ..errors import BodycopyError, TimeBudgetExceededError


class Bodycopy(BaseExtractor):  # type: ignore[misc, unused-ignore]
    """Extract each document's ``text`` (HTML) into its main text with bodycopy.

    Args:
        favour_precision: prefer less text but less chrome (as ``Trafilatura``'s default).
        include_images: keep images (only visible in ``output_format="markdown"``).
        timeout: seconds one page may take (the core's time budget).
        deduplicate: accepted for compatibility; bodycopy always drops repeated short blocks.
        threads: Rust threads per batch (datatrove's own tasks/workers parallelise too).
        batch_size: documents handed to the extractor at a time.
        **kwargs: other ``bodycopy.extract`` options (``output_format``, ``include_tables``,
            ``include_links``, ``target_language``, ``with_metadata``, ``favor_recall``, ...).
    """

    name = "⛏ bodycopy"

    def __init__(
        self,
        favour_precision: bool = True,
        include_images: bool = False,
        timeout: float = 1,
        deduplicate: bool = True,
        threads: int = 1,
        batch_size: int = 64,
        **kwargs: Any,
    ) -> None:
        super().__init__(timeout)
        self.favour_precision = favour_precision
        self.include_images = include_images
        self.deduplicate = deduplicate
        self.threads = threads
        self.batch_size = max(1, batch_size)
        self.kwargs = kwargs
        options: Dict[str, Any] = {
            "favor_precision": favour_precision and not kwargs.get("favor_recall")
        }
        options.update(kwargs)
        settings, self._output = _plan(
            include_comments=False,
            include_images=include_images,
            time_budget=timeout,
            **options,
        )
        self._extractor = Extractor(settings)

    def extract(self, text: str) -> str:
        """The main text of one HTML page (``""`` when there is none)."""
        return _render(self._extractor.extract(text), self._output) or ""

    def run(
        self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1
    ) -> DocumentsPipeline:
        """Extract every document in batches; yield those with text."""
        batch: List[DatatroveDocument] = []
        for doc in data:
            batch.append(doc)
            if len(batch) >= self.batch_size:
                yield from self._run_batch(batch)
                batch = []
        if batch:
            yield from self._run_batch(batch)

    def _run_batch(self, batch: List[DatatroveDocument]) -> Iterator[DatatroveDocument]:
        urls: List[Optional[str]] = [doc.metadata.get("url") for doc in batch]
        with self.track_time(unit="batch"):
            results = self._extractor.extract_many(
                [doc.text for doc in batch], urls, threads=self.threads, return_exceptions=True
            )
        for doc, result in zip(batch, results):
            self.stat_update(StatHints.total)
            text = self._text(result)
            if text is None:
                continue
            doc.text = text
            if text:
                self.stat_update(StatHints.forwarded)
                self.update_doc_stats(doc)
                yield doc
            else:
                self.stat_update(StatHints.dropped)

    def _text(self, result: Document | BodycopyError) -> Optional[str]:
        """The text of one result, or ``None`` (counted) for a failed page."""
        if isinstance(result, TimeBudgetExceededError):
            self.stat_update("timeout")
            return None
        if isinstance(result, BodycopyError):
            self.stat_update("clean_error")
            return None
        self.stat_update("extracted")
        return _render(result, self._output) or ""


__all__ = ["Bodycopy"]
