"""HTML pages: the article's main text and metadata, found by trafilatura."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, BinaryIO

import trafilatura

from eventwire.ingest.readers.decode import declared_charset, decode_bytes
from eventwire.ingest.readers.failures import ReadFailure
from eventwire.ingest.readers.streams import read_bounded
from eventwire.records import RawRecord
from eventwire.settings import Settings

LOGGER = logging.getLogger(__name__)

# Dates only from the page's markup and URL: a date guessed from the running text
# would pass for a declared publication date (dating infers those itself, marked).
DATE_PARAMS: Mapping[str, Any] = MappingProxyType(
    {"extensive_search": False, "original_date": True}
)


@dataclass(frozen=True)
class Article:
    """The main text of a page and what its markup says about it."""

    text: str
    title: str | None = None
    published: str | None = None
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    method: str = "trafilatura"


def read_html(source: str, stream: BinaryIO, settings: Settings) -> Iterator[RawRecord]:
    """The article of one HTML file, as a whole-file record."""
    data = read_bounded(stream, settings.max_record_bytes)
    if data is None:
        raise ReadFailure(
            "E104",
            f"an HTML page over settings.max_record_bytes ({settings.max_record_bytes})",
        )
    yield html_record(source, data, settings)


def html_record(
    source: str,
    data: bytes,
    settings: Settings,
    *,
    location: str | None = None,
    url: str | None = None,
    charset: str | None = None,
    fmt: str = "html",
    metadata: dict[str, Any] | None = None,
) -> RawRecord:
    """A record holding the main text of the page in `data`; E108 when it has none."""
    where = f"{source}:{location}" if location else source
    decoded = decode_bytes(data, where, declared=charset or declared_charset(data))
    article = extract_article(decoded.text, url, settings.min_html_text_chars, where)
    if article is None:
        raise ReadFailure(
            "E108",
            f"no article text: trafilatura found fewer than {settings.min_html_text_chars} "
            "characters of main text",
        )
    size = len(article.text.encode("utf-8"))
    if size > settings.max_document_bytes:
        raise ReadFailure(
            "E104",
            f"article text is {size} bytes, over settings.max_document_bytes "
            f"({settings.max_document_bytes})",
        )
    extra = {"extraction": article.method}
    if article.author:
        extra["author"] = article.author
    return RawRecord(
        source=source,
        text=article.text,
        location=location,
        title=article.title,
        url=article.url or url,
        outlet=article.outlet,
        published=article.published,
        encoding=decoded.encoding,
        encoding_fallback=decoded.fallback,
        fmt=fmt,
        metadata={**(metadata or {}), **extra},
    )


def extract_article(html: str, url: str | None, min_chars: int, where: str) -> Article | None:
    """The first extraction with at least `min_chars` of text: default, then favouring recall."""
    attempts: tuple[tuple[str, Callable[[str, str | None], Article | None]], ...] = (
        ("trafilatura", _extract_default),
        ("trafilatura-recall", _extract_recall),
    )
    for name, attempt in attempts:
        try:
            article = attempt(html, url)
        except Exception as exc:  # trafilatura and lxml fail in many ways on broken pages
            LOGGER.debug("%s extraction failed on %s: %s", name, where, exc)
            continue
        if article is not None and len(article.text.strip()) >= min_chars:
            LOGGER.debug("using %s extraction for %s", name, where)
            return article
        found = len(article.text.strip()) if article else 0
        LOGGER.debug("%s extraction found %d characters in %s", name, found, where)
    return None


def _extract_default(html: str, url: str | None) -> Article | None:
    """Trafilatura's balanced extraction, with the page's metadata."""
    return _extract(html, url, favor_recall=False)


def _extract_recall(html: str, url: str | None) -> Article | None:
    """Trafilatura's extraction favouring recall, for pages whose text the default misses."""
    return _extract(html, url, favor_recall=True)


def _extract(html: str, url: str | None, favor_recall: bool) -> Article | None:
    """One trafilatura pass: main text without comments, plus title, date, url and site name."""
    document = trafilatura.bare_extraction(
        html,
        url=url,
        favor_recall=favor_recall,
        include_comments=False,
        with_metadata=True,
        date_extraction_params=dict(DATE_PARAMS),
    )
    text = _field(document, "text")
    if not text:
        return None
    return Article(
        text=text,
        title=_field(document, "title"),
        published=_field(document, "date"),
        url=_field(document, "url"),
        outlet=_field(document, "sitename"),
        author=_field(document, "author"),
        method="trafilatura-recall" if favor_recall else "trafilatura",
    )


def _field(document: Any, name: str) -> str | None:
    """A text field of trafilatura's result (a Document, or a dict in trafilatura 1.x)."""
    if document is None:
        return None
    value = document.get(name) if isinstance(document, dict) else getattr(document, name, None)
    return value if isinstance(value, str) and value.strip() else None
