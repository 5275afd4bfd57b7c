"""Map the fields of a JSON object or CSV row onto a RawRecord; the rest is metadata."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from eventwire.ingest.readers.decode import Decoded
from eventwire.ingest.readers.failures import ReadFailure
from eventwire.records import RawRecord
from eventwire.settings import Settings

LOGGER = logging.getLogger(__name__)

# Field names as feeds spell them, matched case-insensitively; the first one present
# with a value wins, the others are kept in metadata.
FIELD_ALIASES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "doc_id": ("id", "doc_id", "docid", "document_id"),
        "url": ("url", "link", "uri"),
        "outlet": ("outlet", "source", "publisher", "source_name", "sitename", "site_name"),
        "title": ("title", "headline"),
        "published": (
            "published",
            "published_at",
            "date",
            "publish_date",
            "pubdate",
            "date_published",
        ),
        "text": ("text", "body", "content", "article", "maintext"),
    }
)


def find_field(keys: Mapping[str, Any], field: str) -> list[str]:
    """The keys of `keys` that name `field`, in order of preference."""
    by_name = {key.strip().lower(): key for key in reversed(list(keys))}
    return [by_name[alias] for alias in FIELD_ALIASES[field] if alias in by_name]


def record_from_fields(
    values: Mapping[str, Any],
    *,
    source: str,
    location: str | None,
    fmt: str,
    decoded: Decoded,
    settings: Settings,
) -> RawRecord:
    """A RawRecord from one object or row; E107 without text, E104 when the text is too big."""
    metadata = dict(values)
    found: dict[str, Any] = {}
    for field in FIELD_ALIASES:
        for key in find_field(values, field):
            value = values[key] if field == "text" else _as_scalar(values[key])
            if value is None or value == "":
                continue
            found[field] = value
            del metadata[key]
            break
    text = _checked_text(found.get("text"), values, settings)
    return RawRecord(
        source=source,
        text=text,
        location=location,
        doc_id=found.get("doc_id"),
        title=found.get("title"),
        url=found.get("url"),
        outlet=found.get("outlet"),
        published=found.get("published"),
        encoding=decoded.encoding,
        encoding_fallback=decoded.fallback,
        fmt=fmt,
        metadata=metadata,
    )


def _as_scalar(value: Any) -> str | None:
    """A field value as stripped text; None for values that are not strings or numbers."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    if value is not None:
        LOGGER.debug("kept a %s field value in metadata", type(value).__name__)
    return None


def _checked_text(text: Any, values: Mapping[str, Any], settings: Settings) -> str:
    """The text exactly as given, or a ReadFailure saying why there is none."""
    if text is None:
        return _missing_text(values)
    if not isinstance(text, str):
        raise ReadFailure("E107", f"the text field holds a {type(text).__name__}, not a string")
    if not text.strip():
        raise ReadFailure("E107", "the text field holds only whitespace")
    size = len(text.encode("utf-8"))
    if size > settings.max_document_bytes:
        raise ReadFailure(
            "E104",
            f"text is {size} bytes, over settings.max_document_bytes "
            f"({settings.max_document_bytes})",
        )
    return text


def _missing_text(values: Mapping[str, Any]) -> str:
    """Raise E107 naming the text fields looked for and the fields found."""
    present = find_field(values, "text")
    if present:
        raise ReadFailure("E107", f"the text field {present[0]!r} is empty")
    looked = ", ".join(FIELD_ALIASES["text"])
    keys = ", ".join(str(key) for key in values) or "none"
    raise ReadFailure("E107", f"no text field (looked for {looked}; found {keys})")
