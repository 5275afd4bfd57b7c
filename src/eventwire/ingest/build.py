"""From what a reader found to a Document: its id, its hash and its publication date."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from eventwire.ingest.dating import infer_published, parse_published
from eventwire.ingest.ids import content_hash, document_id
from eventwire.records import Document, PublishedDate, RawRecord
from eventwire.settings import Settings

LOGGER = logging.getLogger(__name__)


@dataclass(frozen=True)
class Built:
    """A document and the warnings met while building it."""

    document: Document
    warnings: list[str] = field(default_factory=list)


def publication_date(raw: RawRecord) -> tuple[PublishedDate | None, list[str]]:
    """The date from metadata when it parses; otherwise what the text supports, if anything."""
    warnings: list[str] = []
    if raw.published and raw.published.strip():
        try:
            given = parse_published(raw.published)
        except ValueError as exc:
            warnings.append(f"publication date {raw.published!r} not understood ({exc})")
        else:
            if given is not None:
                return given, warnings
    return infer_published(raw.text), warnings


def build_document(raw: RawRecord, settings: Settings, from_filename: bool = False) -> Built:
    """Settle id, hash and date of a raw record; the text is kept exactly as read."""
    digest = content_hash(raw.text)
    published, warnings = publication_date(raw)
    metadata = dict(raw.metadata)
    if warnings:
        metadata["published_raw"] = raw.published
    doc = Document(
        doc_id=document_id(raw, digest, settings, from_filename),
        text=raw.text,
        content_hash=digest,
        source=raw.source,
        location=raw.location,
        title=raw.title.strip() if raw.title and raw.title.strip() else None,
        url=raw.url or None,
        outlet=raw.outlet or None,
        published=published,
        encoding=raw.encoding,
        encoding_fallback=raw.encoding_fallback,
        fmt=raw.fmt,
        metadata=metadata,
    )
    return Built(doc, warnings)
