"""Byte streams: read a head to sniff, give it back, bound what is read, split lines."""

from __future__ import annotations

import gzip
import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from eventwire.ingest.readers.failures import STREAM_ERRORS, ReadFailure, stream_failure

GZIP_MAGIC = b"\x1f\x8b"
READ_CHUNK = 1 << 16


class ReplayStream(io.RawIOBase):
    """A stream that gives back an already-read head, then the rest, up to a byte limit.

    An error met while reading the head is raised once the head has been given back,
    so everything read before a fault still reaches the reader.
    """

    def __init__(
        self,
        head: bytes,
        rest: BinaryIO | None,
        limit: int,
        error: BaseException | None = None,
    ) -> None:
        super().__init__()
        self._head = memoryview(head)
        self._rest = rest
        self._limit = limit
        self._error = error
        self._delivered = 0

    def readable(self) -> bool:
        """This stream is read-only."""
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        """Fill `buffer` from the head first, then from the rest of the stream."""
        if self._head:
            size = min(len(buffer), len(self._head))
            buffer[:size] = self._head[:size]
            self._head = self._head[size:]
            return self._count(size)
        if self._error is not None:
            error, self._error = self._error, None
            raise error
        if self._rest is None:
            return 0
        data = read_some(self._rest, len(buffer))
        buffer[: len(data)] = data
        return self._count(len(data))

    def _count(self, size: int) -> int:
        """Add `size` to the bytes given out; fail once past the limit."""
        self._delivered += size
        if self._delivered > self._limit:
            raise ReadFailure(
                "E104", f"stopped after {self._limit} bytes (settings.max_file_bytes)"
            )
        return size


def read_some(stream: BinaryIO, size: int) -> bytes:
    """Up to `size` bytes with at most one read on the underlying stream."""
    read1 = getattr(stream, "read1", None)
    return read1(size) if read1 is not None else stream.read(size)


def read_head(stream: BinaryIO, size: int) -> tuple[bytes, BaseException | None]:
    """The first `size` bytes (fewer at the end), and the error that stopped reading, if any."""
    parts: list[bytes] = []
    got = 0
    while got < size:
        try:
            data = read_some(stream, size - got)
        except STREAM_ERRORS as exc:
            return b"".join(parts), exc
        if not data:
            break
        parts.append(data)
        got += len(data)
    return b"".join(parts), None


def replay(
    head: bytes, rest: BinaryIO | None, limit: int, error: BaseException | None = None
) -> io.BufferedReader:
    """A buffered stream over `head` followed by `rest`, for readline and bounded reads."""
    return io.BufferedReader(ReplayStream(head, rest, limit, error), buffer_size=READ_CHUNK)


def open_gzip(raw: BinaryIO) -> gzip.GzipFile:
    """A gzip reader over `raw`; corrupt data is reported when read, not here."""
    return gzip.GzipFile(fileobj=raw, mode="rb")


def read_bounded(stream: BinaryIO, limit: int) -> bytes | None:
    """All bytes of `stream`, or None when there are more than `limit` of them."""
    data = stream.read(limit + 1)
    return None if len(data) > limit else data


@dataclass(frozen=True)
class Line:
    """One physical line: its 1-based number, byte offset, and bytes (None when too long)."""

    number: int
    offset: int
    data: bytes | None
    size: int


def iter_lines(stream: io.BufferedReader, limit: int) -> Iterator[Line]:
    """The lines of `stream`, never holding more than `limit` bytes of one line.

    A longer line is skipped unread and given with `data` None; an error while reading
    is raised as a ReadFailure placed at the line being read.
    """
    number = 0
    offset = 0
    while True:
        number += 1
        try:
            data = stream.readline(limit + 1)
            size = len(data)
            if size > limit:
                if not data.endswith(b"\n"):
                    size += _skip_rest_of_line(stream)
                data = None
        except STREAM_ERRORS as exc:
            raise stream_failure(exc).at(f"line {number}") from exc
        if not size:
            return
        yield Line(number, offset, data, size)
        offset += size


def _skip_rest_of_line(stream: io.BufferedReader) -> int:
    """Read past the end of the current line in chunks; return how many bytes were skipped."""
    skipped = 0
    while True:
        chunk = stream.readline(READ_CHUNK)
        skipped += len(chunk)
        if not chunk or chunk.endswith(b"\n"):
            return skipped
