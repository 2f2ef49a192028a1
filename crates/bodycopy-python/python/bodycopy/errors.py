"""Exceptions raised by bodycopy, one class per kind of failure of the Rust core.

``BodycopyError`` is the base of all of them and carries ``kind``, the core's stable name for
the failure (``bodycopy::ErrorKind::as_str``). Failures about the input itself also derive from
``ValueError``; exceeded limits derive from ``LimitExceededError``.
"""

from __future__ import annotations

from typing import Dict, Type


class BodycopyError(Exception):
    """Extraction failed; ``kind`` names the failure (``"empty_input"``, ``"too_deep"``, ...)."""

    kind: str = "unknown"

    def __init__(self, message: str, kind: str | None = None) -> None:
        super().__init__(message)
        if kind is not None:
            self.kind = kind


class BadInputError(BodycopyError, ValueError):
    """The input is not a page that can be extracted (empty, binary data)."""


class EmptyInputError(BadInputError):
    """The input is empty or only white space."""

    kind = "empty_input"


class NotHtmlError(BadInputError):
    """The input is binary data, not HTML or text."""

    kind = "not_html"


class LimitExceededError(BodycopyError):
    """The page exceeds one of the configured limits (size, nodes, depth, time)."""


class InputTooLargeError(LimitExceededError):
    """The input is larger than ``Config.max_input_bytes``."""

    kind = "input_too_large"


class TooManyNodesError(LimitExceededError):
    """The page's tree has more nodes than ``Config.max_nodes``."""

    kind = "too_many_nodes"


class TooManyAttributesError(LimitExceededError):
    """An element carries more attributes than the limit."""

    kind = "too_many_attributes"


class TimeBudgetExceededError(LimitExceededError):
    """Extraction took longer than ``Config.time_budget``."""

    kind = "time_budget_exceeded"


class TooDeepError(LimitExceededError):
    """Elements nest deeper than the parser's cap."""

    kind = "too_deep"


_BY_KIND: Dict[str, Type[BodycopyError]] = {
    cls.kind: cls
    for cls in (
        EmptyInputError,
        NotHtmlError,
        InputTooLargeError,
        TooManyNodesError,
        TooManyAttributesError,
        TimeBudgetExceededError,
        TooDeepError,
    )
}


def _from_kind(kind: str, message: str) -> BodycopyError:
    """The exception for a core error kind (called by the native module)."""
    cls = _BY_KIND.get(kind, BodycopyError)
    return cls(message, kind)


__all__ = [
    "BodycopyError",
    "BadInputError",
    "EmptyInputError",
    "NotHtmlError",
    "LimitExceededError",
    "InputTooLargeError",
    "TooManyNodesError",
    "TooManyAttributesError",
    "TimeBudgetExceededError",
    "TooDeepError",
]
