"""WARC (and ARC) archives: each HTML response record is one page, located as `record N`."""

from __future__ import annotations

import logging
import zlib
from collections.abc import Iterator
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord

from eventwire.ingest.readers.decode import known_encoding
from eventwire.ingest.readers.failures import STREAM_ERRORS, ReadFailure, stream_failure
from eventwire.ingest.readers.html import html_record
from eventwire.ingest.readers.streams import GZIP_MAGIC, READ_CHUNK
from eventwire.records import IngestError, RawRecord
from eventwire.settings import Settings

LOGGER = logging.getLogger(__name__)

Result = RawRecord | IngestError

HTML_TYPES = ("text/html", "application/xhtml+xml")
ARCHIVE_ERRORS = (ArchiveLoadFailed, ValueError, *STREAM_ERRORS)


def archive_kind(head: bytes) -> str | None:
    """'warc' or 'arc' when `head` starts such an archive, plain or gzipped; else None."""
    try:
        start = _archive_start(head)
    except zlib.error:
        return None
    if start.startswith(b"WARC/"):
        return "warc"
    return "arc" if start.startswith(b"filedesc://") else None


def check_archive_head(head: bytes) -> str:
    """The kind of archive `head` starts ('warc' or 'arc'); E111 when it starts none."""
    kind = archive_kind(head)
    if kind is None:
        try:
            start = _archive_start(head)[:20]
        except zlib.error as exc:
            raise ReadFailure("E111", f"not a WARC archive: corrupt gzip data ({exc})") from exc
        raise ReadFailure("E111", f"not a WARC archive: it starts with {start!r}")
    return kind


def _archive_start(head: bytes) -> bytes:
    """The first bytes of the archive in `head`, decompressed when gzipped."""
    if head.startswith(GZIP_MAGIC):
        head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 64)
    return head.lstrip(b"\r\n")


def read_warc(
    source: str,
    stream: BinaryIO,
    settings: Settings,
    size: int | None = None,
    kind: str = "warc",
) -> Iterator[Result]:
    """Pages from the HTML responses of a WARC (or, with `kind` 'arc', ARC) archive.

    Other records (requests, metadata, images, redirects) are skipped. `record N`
    counts every record from 1, requests and metadata included. An archive that breaks
    off gives E111 after the records read before the break; `size`, when known, lets a
    truncated gzipped archive be told from a complete one.
    """
    # ARC records are read as WARC ones; warcio's ARC parser is lenient enough to take
    # garbage for records, so it is used only for archives that start like ARC.
    archive = ArchiveIterator(stream, arc2warc=kind == "arc")
    number = 0
    skipped: ArcWarcRecord | None = None  # pages check their own truncation
    while True:
        record, error = _next_record(archive)
        if skipped is not None and _is_truncated(skipped):
            yield IngestError(source, "E111", "the record is truncated", f"record {number}")
        if error is not None:
            yield _archive_error(source, error, f"record {number + 1}")
            return
        if record is None:
            break
        number += 1
        skipped = None
        if _is_html_response(record):
            yield _page_result(source, record, f"record {number}", settings)
        else:
            skipped = record
    if size is not None and archive.offset < size:
        yield IngestError(
            source,
            "E111",
            f"the archive breaks off: bytes {archive.offset} to {size} hold no readable record",
            f"record {number + 1}",
        )


def _next_record(archive: ArchiveIterator) -> tuple[ArcWarcRecord | None, BaseException | None]:
    """The next record (None at the end), or the error that stopped the archive."""
    try:
        return next(archive), None
    except StopIteration:
        return None, None
    except ARCHIVE_ERRORS as exc:
        return None, exc


def _archive_error(source: str, exc: BaseException, location: str) -> IngestError:
    """E111 for an archive that cannot be read on; I/O errors and size bounds keep theirs."""
    if isinstance(exc, ArchiveLoadFailed | ValueError):
        return IngestError(source, "E111", f"unreadable WARC record: {exc}", location)
    failure = stream_failure(exc)
    if failure.code in ("E104", "E109"):
        return failure.to_error(source, location)
    return IngestError(source, "E111", failure.reason, location)


def _is_truncated(record: ArcWarcRecord) -> bool:
    """True when the archive ended before the record's declared length."""
    return getattr(record.raw_stream, "limit", 0) > 0


def _is_cut_short(record: ArcWarcRecord) -> bool:
    """Read the rest of the record's raw bytes; True when the archive ends before them."""
    while record.raw_stream.read(READ_CHUNK):
        pass
    return _is_truncated(record)


def _is_html_response(record: ArcWarcRecord) -> bool:
    """True for a successful HTTP response whose body is HTML."""
    if record.rec_type != "response" or record.http_headers is None:
        return False
    status = record.http_headers.get_statuscode() or ""
    if not status.startswith("2"):
        LOGGER.debug("skipping HTTP %s response", status)
        return False
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    return content_type.split(";")[0].strip() in HTML_TYPES


def _page_result(source: str, record: ArcWarcRecord, location: str, settings: Settings) -> Result:
    """The page in one response record, or the error that keeps it out."""
    url = record.rec_headers.get_header("WARC-Target-URI")
    try:
        data = record.content_stream().read(settings.max_record_bytes + 1)
    except (*STREAM_ERRORS, ValueError) as exc:
        return IngestError(source, "E111", f"the record's body cannot be read: {exc}", location)
    if len(data) <= settings.max_record_bytes and _is_cut_short(record):
        return IngestError(source, "E111", "the record is truncated", location)
    if len(data) > settings.max_record_bytes:
        return IngestError(
            source,
            "E104",
            f"a response over settings.max_record_bytes ({settings.max_record_bytes})",
            location,
        )
    try:
        return html_record(
            source,
            data,
            settings,
            location=location,
            url=url,
            charset=_charset(record),
            fmt="warc",
            metadata=_warc_metadata(record),
        )
    except ReadFailure as failure:
        return failure.to_error(source, location)


def _charset(record: ArcWarcRecord) -> str | None:
    """The charset named in the response's Content-Type header, when Python knows it."""
    content_type = record.http_headers.get_header("Content-Type") or ""
    for param in content_type.split(";")[1:]:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            return known_encoding(value.strip().strip("\"'"))
    return None


def _warc_metadata(record: ArcWarcRecord) -> dict[str, Any]:
    """The WARC headers worth keeping: when the page was fetched and the record's id."""
    headers = {"warc_date": "WARC-Date", "warc_record_id": "WARC-Record-ID"}
    found = {key: record.rec_headers.get_header(name) for key, name in headers.items()}
    return {key: value for key, value in found.items() if value}
