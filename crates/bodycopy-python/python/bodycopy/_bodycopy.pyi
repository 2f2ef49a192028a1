"""Type stubs of the native module (``crates/bodycopy-python/src/lib.rs``)."""

from typing import List, Optional, Sequence, Union, final

from bodycopy.errors import BodycopyError

__all__ = ["_Extractor", "Document", "__version__"]

__version__: str

_Html = Union[str, bytes, bytearray]

@final
class _Extractor:
    def __new__(
        cls,
        *,
        favor: str = "balanced",
        include_comments: bool = False,
        include_tables: bool = True,
        include_images: bool = False,
        include_links: bool = False,
        max_input_bytes: Optional[int] = None,
        max_nodes: Optional[int] = None,
        time_budget: Optional[float] = None,
        with_metadata: bool = True,
    ) -> "_Extractor": ...
    def extract(
        self, html: _Html, url: Optional[str] = None, content_type: Optional[str] = None
    ) -> "Document": ...
    def extract_many(
        self,
        pages: Sequence[_Html],
        urls: Optional[Sequence[Optional[str]]],
        threads: int,
    ) -> List[Union["Document", BodycopyError]]: ...

@final
class Document:
    """An extracted page: metadata, body and comments, rendered on demand."""

    @property
    def title(self) -> Optional[str]: ...
    @property
    def authors(self) -> List[str]: ...
    @property
    def author(self) -> Optional[str]: ...
    @property
    def date(self) -> Optional[str]: ...
    @property
    def date_modified(self) -> Optional[str]: ...
    @property
    def description(self) -> Optional[str]: ...
    @property
    def sitename(self) -> Optional[str]: ...
    @property
    def language(self) -> Optional[str]: ...
    @property
    def url(self) -> Optional[str]: ...
    @property
    def categories(self) -> List[str]: ...
    @property
    def tags(self) -> List[str]: ...
    @property
    def image(self) -> Optional[str]: ...
    @property
    def page_type(self) -> Optional[str]: ...
    @property
    def text(self) -> str: ...
    @property
    def comments(self) -> Optional[str]: ...
    @property
    def markdown(self) -> str: ...
    @property
    def html(self) -> str: ...
    @property
    def is_empty(self) -> bool: ...
    def render(self, format: str = "txt", *, title: bool = False, comments: bool = False) -> str: ...
    def to_json(self) -> str: ...
