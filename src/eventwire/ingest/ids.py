"""Document identity: a content hash of a normalised copy, and the id chosen from it."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import PurePath

from eventwire.records import RawRecord
from eventwire.settings import Settings

_WHITESPACE = re.compile(r"\s+")


def content_hash(text: str) -> str:
    """SHA-256 of the text with Unicode and whitespace normalised, so re-wrapped copies match."""
    normal = _WHITESPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


def document_id(raw: RawRecord, digest: str, settings: Settings, from_filename: bool) -> str:
    """The given id; else the file name for whole files when asked; else the content hash."""
    if raw.doc_id and raw.doc_id.strip():
        return raw.doc_id.strip()
    if from_filename and raw.location is None and raw.source != "-":
        name = PurePath(raw.source).name
        return name.split(".", 1)[0] or digest[: settings.id_hash_chars]
    return digest[: settings.id_hash_chars]
