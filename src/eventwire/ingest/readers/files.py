"""From paths to records: walk folders, open files (gzipped too), run the right reader."""

from __future__ import annotations

import io
import logging
import os
import stat
import sys
from collections.abc import Callable, Iterator, Sequence
from types import MappingProxyType
from typing import BinaryIO

from eventwire.ingest.readers.decode import UTF8_BOM, check_text_head
from eventwire.ingest.readers.failures import STREAM_ERRORS, ReadFailure, stream_failure
from eventwire.ingest.readers.html import read_html
from eventwire.ingest.readers.jsonl import read_json, read_jsonl
from eventwire.ingest.readers.streams import GZIP_MAGIC, open_gzip, read_head, replay
from eventwire.ingest.readers.table import read_table
from eventwire.ingest.readers.text import read_text_document
from eventwire.ingest.readers.warc import archive_kind, check_archive_head, read_warc
from eventwire.records import IngestError, RawRecord
from eventwire.settings import Settings

LOGGER = logging.getLogger(__name__)

Result = RawRecord | IngestError

STDIN = "-"
STDIN_SOURCE = "<stdin>"
SNIFF = "sniff"

# Reader by file suffix (after any `.gz`); a `.gz` file with no other suffix is sniffed.
SUFFIX_FORMATS = MappingProxyType(
    {
        ".txt": "txt",
        ".text": "txt",
        ".jsonl": "jsonl",
        ".ndjson": "jsonl",
        ".json": "json",
        ".csv": "csv",
        ".tsv": "tsv",
        ".html": "html",
        ".htm": "html",
        ".xhtml": "html",
        ".warc": "warc",
        ".arc": "warc",
    }
)


def read_inputs(paths: Sequence[str], settings: Settings) -> Iterator[Result]:
    """Every record found at `paths`, and an IngestError for everything that fails.

    Paths are files, folders (walked recursively in sorted order, hidden entries
    skipped) or `-` for standard input. Nothing raises out of this iterator.
    """
    for given in paths:
        path = os.fspath(given)
        if path == STDIN:
            yield from read_stdin(settings)
            continue
        for found in walk(path):
            if isinstance(found, IngestError):
                yield found
            else:
                yield from read_file(found, settings)


def count_input_files(paths: Sequence[str]) -> int:
    """How many sources `read_inputs` will go through: walked files, listing errors, stdin.

    For a progress bar: it walks the folders (without opening any file) once more.
    """
    return sum(1 if os.fspath(path) == STDIN else sum(1 for _ in walk(path)) for path in paths)


def walk(path: str) -> Iterator[str | IngestError]:
    """`path` itself, or the files under the folder `path`: files first, then subfolders.

    Entries are sorted by name and those starting with '.' are skipped; symbolic links
    to folders are followed unless they lead back into a folder being walked.
    """
    if os.path.isdir(path):
        yield from _walk_folder(path, frozenset())
    else:
        yield path


def _walk_folder(folder: str, ancestors: frozenset[str]) -> Iterator[str | IngestError]:
    """The files under `folder`, whose real path is not among `ancestors`."""
    real = os.path.realpath(folder)
    if real in ancestors:
        LOGGER.debug("not following %s: it leads back to %s", folder, real)
        return
    try:
        with os.scandir(folder) as scan:
            entries = sorted(
                (entry for entry in scan if not entry.name.startswith(".")),
                key=lambda entry: entry.name,
            )
    except OSError as exc:
        yield IngestError(folder, "E109", f"the folder cannot be listed: {exc.strerror or exc}")
        return
    folders: list[str] = []
    for entry in entries:
        if entry.is_dir():
            folders.append(entry.path)
        elif entry.is_file():
            yield entry.path
        elif entry.is_symlink():
            yield IngestError(entry.path, "E109", "broken symbolic link")
        else:
            yield IngestError(entry.path, "E110", "not a regular file (device, socket or pipe)")
    for path in folders:
        yield from _walk_folder(path, ancestors | {real})


def read_file(path: str, settings: Settings) -> Iterator[Result]:
    """The records of one file, and an IngestError for whatever in it fails."""
    yield from _guarded(path, lambda: _read_path(path, settings))


def read_stdin(settings: Settings) -> Iterator[Result]:
    """The records on standard input, its format sniffed from the first characters."""
    raw = getattr(sys.stdin, "buffer", None)
    if raw is None:  # a text-only stream, as in some embedding hosts
        raw = io.BytesIO(sys.stdin.read().encode("utf-8"))
    yield from _guarded(STDIN_SOURCE, lambda: _read_stream(STDIN_SOURCE, raw, SNIFF, settings))


def format_of(path: str) -> tuple[str | None, str]:
    """The reader for `path` by its suffix (None when unsupported), and that suffix."""
    name = os.path.basename(path).lower()
    compressed = name.endswith(".gz")
    if compressed:
        name = name[:-3]
    suffix = os.path.splitext(name)[1]
    if not suffix and compressed:
        return SNIFF, ".gz"
    return SUFFIX_FORMATS.get(suffix), suffix + (".gz" if compressed else "")


def sniff_format(head: bytes) -> str:
    """The reader for data by its first non-blank character: JSON, HTML, else text."""
    first = head.lstrip(UTF8_BOM).lstrip()[:1]
    return {b"{": "jsonl", b"[": "json", b"<": "html"}.get(first, "txt")


def _guarded(source: str, read: Callable[[], Iterator[Result]]) -> Iterator[Result]:
    """The results of `read()`, with any failure it raises turned into an IngestError."""
    try:
        yield from read()
    except ReadFailure as failure:
        yield failure.to_error(source)
    except STREAM_ERRORS as exc:
        yield stream_failure(exc).to_error(source)
    except Exception as exc:  # a reader bug must not stop the run; say so loudly
        LOGGER.warning("unexpected error while reading %s", source, exc_info=True)
        yield IngestError(source, "E109", f"unexpected error: {type(exc).__name__}: {exc}")


def _read_path(path: str, settings: Settings) -> Iterator[Result]:
    """Check the suffix and size of a file, then read it."""
    info = os.stat(path)
    fmt, suffix = format_of(path)
    if fmt is None:
        readable = ", ".join(SUFFIX_FORMATS)
        shown = f"'{suffix}'" if suffix else "without a suffix"
        raise ReadFailure("E110", f"unsupported file type {shown} (readable: {readable}, .gz)")
    size = info.st_size if stat.S_ISREG(info.st_mode) else None
    if size is not None:
        _check_size(size, fmt, suffix.endswith(".gz"), settings)
    with open(path, "rb") as raw:
        yield from _read_stream(path, raw, fmt, settings, size)


def _check_size(size: int, fmt: str, compressed: bool, settings: Settings) -> None:
    """Refuse a file by its size alone: empty, or too large to be read at all."""
    if size == 0:
        raise ReadFailure("E101", "empty file")
    if size > settings.max_file_bytes:
        raise ReadFailure("E104", f"the file is {size} bytes, over settings.max_file_bytes")
    whole = {"txt": settings.max_document_bytes, "html": settings.max_record_bytes}
    if fmt in whole and not compressed and size > whole[fmt]:
        setting = "max_document_bytes" if fmt == "txt" else "max_record_bytes"
        raise ReadFailure(
            "E104",
            f"the file is {size} bytes, over settings.{setting} ({whole[fmt]}) for one document",
        )


def _read_stream(
    source: str, raw: BinaryIO, fmt: str, settings: Settings, size: int | None = None
) -> Iterator[Result]:
    """Sniff the first bytes of `raw`, undo gzip, and hand the stream to its reader."""
    head, error = read_head(raw, settings.binary_sniff_bytes)
    if not head:
        raise stream_failure(error) if error else ReadFailure("E101", "empty input")
    if fmt == "warc" or (fmt == SNIFF and archive_kind(head)):
        kind = check_archive_head(head)
        archive = replay(head, raw, settings.max_file_bytes, error)
        yield from read_warc(source, archive, settings, size, kind)
        return
    body: BinaryIO = raw
    if head.startswith(GZIP_MAGIC):
        body = open_gzip(replay(head, raw, settings.max_file_bytes, error))
        head, error = read_head(body, settings.binary_sniff_bytes)
        if not head:
            raise stream_failure(error) if error else ReadFailure("E101", "empty gzip data")
    elif source.lower().endswith(".gz"):
        LOGGER.debug("%s is named .gz but holds no gzip data; reading it as it is", source)
    check_text_head(head, settings)
    if fmt == SNIFF:
        fmt = sniff_format(head)
        LOGGER.debug("reading %s as %s", source, fmt)
    stream = replay(head, body, settings.max_file_bytes, error)
    yield from _run_reader(source, fmt, stream, head, settings)


def _run_reader(
    source: str, fmt: str, stream: io.BufferedReader, head: bytes, settings: Settings
) -> Iterator[Result]:
    """Run the reader for `fmt` over `stream`."""
    if fmt == "txt":
        yield read_text_document(source, stream, settings)
    elif fmt == "jsonl":
        yield from read_jsonl(source, stream, settings)
    elif fmt == "json":
        yield from read_json(source, stream, head, settings)
    elif fmt in ("csv", "tsv"):
        yield from read_table(source, stream, settings, "\t" if fmt == "tsv" else ",")
    else:
        yield from read_html(source, stream, settings)
