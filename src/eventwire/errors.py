"""Stable codes for what can go wrong on input, so users can search for them.

Each code names one kind of failure; the reason text of an `IngestError` adds the
particulars (the line, the byte offset, the size).
"""

from __future__ import annotations

INGEST_ERROR_CODES: dict[str, str] = {
    "E101": "empty file or record",
    "E102": "binary file (not text)",
    "E103": "undecodable bytes (neither UTF-8 nor cp1252)",
    "E104": "too large for one document",
    "E105": "truncated or corrupt compressed file",
    "E106": "malformed JSON line",
    "E107": "record without text",
    "E108": "HTML page with no article text",
    "E109": "file could not be read",
    "E110": "unsupported file type",
    "E111": "WARC archive could not be read",
    "E112": "document id already stored with a different text",
    "E113": "CSV file could not be parsed",
}


class EventwireError(Exception):
    """Base of the errors eventwire raises to its callers."""


class StoreError(EventwireError):
    """The DuckDB store could not be opened, migrated or written."""


class NoSuchDocument(EventwireError):
    """A document id that the store does not hold."""
