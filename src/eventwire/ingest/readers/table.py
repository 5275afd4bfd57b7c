"""CSV and TSV files with a header row: one record per data row, located as `row N`."""

from __future__ import annotations

import csv
import io
import logging
import re
from collections import Counter
from collections.abc import Iterator

from eventwire.ingest.readers.decode import Decoded, decode_bytes
from eventwire.ingest.readers.failures import ReadFailure
from eventwire.ingest.readers.fields import FIELD_ALIASES, find_field, record_from_fields
from eventwire.ingest.readers.streams import iter_lines
from eventwire.records import IngestError, RawRecord
from eventwire.settings import Settings

LOGGER = logging.getLogger(__name__)

Result = RawRecord | IngestError

_LONE_CR = re.compile(r"(?<=\r)(?!\n)")
_OTHER_DELIMITERS = "\t;|,"


class TableLines:
    """Decoded lines for the csv module, noting per row whether a fallback decoding was used.

    A class rather than a generator: an undecodable or overlong line raises, and the
    rows after it can still be read.
    """

    def __init__(self, stream: io.BufferedReader, source: str, settings: Settings) -> None:
        self._lines = iter_lines(stream, settings.max_record_bytes)
        self._source = source
        self._limit = settings.max_record_bytes
        self._parts: list[str] = []
        self.fallback: str | None = None

    def __iter__(self) -> TableLines:
        """This object is its own iterator."""
        return self

    def __next__(self) -> str:
        """The next line, a lone carriage return counting as a line end."""
        if self._parts:
            return self._parts.pop(0)
        line = next(self._lines)
        if line.data is None:
            raise ReadFailure(
                "E104",
                f"a line of {line.size} bytes, over settings.max_record_bytes ({self._limit})",
            )
        where = f"{self._source}:line {line.number}"
        decoded = decode_bytes(line.data, where, base_offset=line.offset)
        if decoded.fallback:
            self.fallback = decoded.encoding
        parts = _LONE_CR.split(decoded.text)
        self._parts = [part for part in parts[1:] if part]
        return parts[0]

    def push_back(self, line: str) -> None:
        """Give `line` back, to be read again next."""
        self._parts.insert(0, line)


def read_table(
    source: str, stream: io.BufferedReader, settings: Settings, delimiter: str
) -> Iterator[Result]:
    """One record per data row; `row N` counts data rows after the header, from 1.

    Blank rows are counted but yield nothing. A row that cannot be parsed gives E113
    and the next row is read; a file whose header cannot be read or names no text
    column gives one E113.
    """
    _raise_csv_field_limit(settings.max_record_bytes)
    lines = TableLines(stream, source, settings)
    try:
        header = _read_header(lines, delimiter)
    except ReadFailure as failure:
        yield failure.to_error(source)
        return
    except csv.Error as exc:
        yield IngestError(source, "E113", f"the header row cannot be parsed: {exc}")
        return
    if header is None:
        yield IngestError(source, "E101", "no header row, only blank lines")
        return
    columns, reader = header
    if not find_field(dict.fromkeys(columns), "text"):
        looked = ", ".join(FIELD_ALIASES["text"])
        found = ", ".join(columns)
        yield IngestError(source, "E113", f"no text column (looked for {looked}; found {found})")
        return
    yield from _read_rows(source, columns, reader, lines, settings)


def _read_header(lines: TableLines, delimiter: str) -> tuple[list[str], Iterator[list[str]]] | None:
    """The column names and a csv reader positioned after them, or None for no header."""
    for first in lines:
        if first.strip():
            break
    else:
        return None
    lines.push_back(first)
    reader = csv.reader(lines, delimiter=_delimiter_for(first, delimiter))
    return _unique_names(next(reader)), reader


def _read_rows(
    source: str,
    columns: list[str],
    reader: Iterator[list[str]],
    lines: TableLines,
    settings: Settings,
) -> Iterator[Result]:
    """Records for the data rows; a bad row spoils only itself unless the stream breaks."""
    number = 0
    while True:
        number += 1
        location = f"row {number}"
        lines.fallback = None
        try:
            row = next(reader)
        except StopIteration:
            break
        except ReadFailure as failure:
            if failure.code in ("E105", "E109"):
                yield failure.to_error(source)  # the line it stopped in is in the reason
                return
            yield failure.at(location).to_error(source)
            continue
        except csv.Error as exc:
            yield _csv_error(source, exc, location, settings)
            continue
        if not any(cell.strip() for cell in row):
            continue
        yield _row_result(source, columns, row, location, lines.fallback, settings)
    if number == 1:
        yield IngestError(source, "E101", "a header row but no data rows")


def _row_result(
    source: str,
    columns: list[str],
    row: list[str],
    location: str,
    fallback: str | None,
    settings: Settings,
) -> Result:
    """The record for one row, or the error that keeps it out."""
    values: dict[str, object] = {
        name: cell for name, cell in zip(columns, row, strict=False) if cell != ""
    }
    if len(row) > len(columns):
        values["extra_fields"] = row[len(columns) :]
    decoded = Decoded("", fallback or "utf-8", fallback is not None)
    try:
        return record_from_fields(
            values,
            source=source,
            location=location,
            fmt="csv",
            decoded=decoded,
            settings=settings,
        )
    except ReadFailure as failure:
        return failure.to_error(source, location)


def _csv_error(source: str, exc: csv.Error, location: str, settings: Settings) -> IngestError:
    """E104 for a field over the size limit, E113 for any other parse error."""
    if "field larger than field limit" in str(exc):
        return IngestError(
            source,
            "E104",
            f"a field longer than settings.max_record_bytes ({settings.max_record_bytes})",
            location,
        )
    return IngestError(source, "E113", f"the row cannot be parsed: {exc}", location)


def _delimiter_for(header: str, default: str) -> str:
    """The suffix's delimiter, unless the header has none of it but another one."""
    if default in header:
        return default
    counts = Counter(char for char in header if char in _OTHER_DELIMITERS)
    if not counts:
        return default
    found = counts.most_common(1)[0][0]
    LOGGER.debug("header has no %r; using %r as delimiter", default, found)
    return found


def _unique_names(names: list[str]) -> list[str]:
    """Column names stripped, blank ones numbered, repeated ones suffixed `_2`, `_3`, ..."""
    unique: list[str] = []
    seen: Counter[str] = Counter()
    for index, raw in enumerate(names, start=1):
        name = raw.strip().lstrip("\ufeff") or f"column_{index}"
        seen[name] += 1
        unique.append(name if seen[name] == 1 else f"{name}_{seen[name]}")
    return unique


def _raise_csv_field_limit(limit: int) -> None:
    """Let the csv module read fields up to `limit` characters (a process-wide setting).

    The limit is only ever raised, so other users of the csv module are not cut short.
    """
    if csv.field_size_limit() < limit:
        csv.field_size_limit(limit)
