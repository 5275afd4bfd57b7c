"""JSON Lines (one object per line) and .json files (one array of objects, or objects)."""

from __future__ import annotations

import codecs
import io
import json
import logging
from collections.abc import Iterator
from typing import Any

from eventwire.ingest.readers.decode import Decoded, decode_bytes
from eventwire.ingest.readers.failures import STREAM_ERRORS, ReadFailure, stream_failure
from eventwire.ingest.readers.fields import record_from_fields
from eventwire.ingest.readers.streams import READ_CHUNK, Line, iter_lines
from eventwire.records import IngestError, RawRecord
from eventwire.settings import Settings

LOGGER = logging.getLogger(__name__)

Result = RawRecord | IngestError


def read_jsonl(source: str, stream: io.BufferedReader, settings: Settings) -> Iterator[Result]:
    """One record per non-blank line, located as `line N`; a bad line spoils only itself."""
    seen = False
    try:
        for line in iter_lines(stream, settings.max_record_bytes):
            if line.data is not None and not line.data.strip(b" \t\r\n\xef\xbb\xbf"):
                continue
            seen = True
            yield _line_result(source, line, settings)
    except ReadFailure as failure:
        yield failure.to_error(source)
        return
    if not seen:
        yield IngestError(source, "E101", "no JSON lines, only blank lines")


def _line_result(source: str, line: Line, settings: Settings) -> Result:
    """The record on one line, or the error that keeps it out."""
    location = f"line {line.number}"
    try:
        if line.data is None:
            raise ReadFailure(
                "E104",
                f"line is {line.size} bytes, over settings.max_record_bytes "
                f"({settings.max_record_bytes})",
            )
        decoded = decode_bytes(line.data, f"{source}:{location}", base_offset=line.offset)
        value = _parse_object(decoded.text)
        return record_from_fields(
            value,
            source=source,
            location=location,
            fmt="jsonl",
            decoded=decoded,
            settings=settings,
        )
    except ReadFailure as failure:
        return failure.to_error(source, location)


def _parse_object(text: str) -> dict[str, Any]:
    """The JSON object in `text`; E106 for bad JSON or a value that is not an object."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ReadFailure("E106", f"malformed JSON: {exc.msg} at column {exc.colno}") from exc
    except RecursionError as exc:
        raise ReadFailure("E106", "malformed JSON: nested too deeply") from exc
    return _as_object(value)


def _as_object(value: Any) -> dict[str, Any]:
    """`value` when it is a JSON object; E106 otherwise."""
    if not isinstance(value, dict):
        raise ReadFailure("E106", f"expected a JSON object, found {_json_kind(value)}")
    return value


def _json_kind(value: Any) -> str:
    """The JSON name of the type of `value`."""
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean"}
    if value is None:
        return "null"
    return names.get(type(value), "a number")


def read_json(
    source: str, stream: io.BufferedReader, head: bytes, settings: Settings
) -> Iterator[Result]:
    """A .json file: JSON lines when its first line is a whole object, else JSON values.

    An array yields its objects located as `item N`; a file holding a single object is
    one whole-file record (location None).
    """
    start = head.lstrip(b" \t\r\n\xef\xbb\xbf")[:1]
    if start == b"{" and _first_line_is_object(head):
        LOGGER.debug("reading %s as JSON lines", source)
        yield from read_jsonl(source, stream, settings)
        return
    yield from _read_json_values(source, stream, head, settings)


def _first_line_is_object(head: bytes) -> bool:
    """True when the first non-blank line of `head` parses as a JSON object on its own."""
    for raw in head.splitlines():
        if raw.strip(b" \t\r\n\xef\xbb\xbf"):
            try:
                return isinstance(json.loads(raw.decode("utf-8-sig", "replace")), dict)
            except (json.JSONDecodeError, RecursionError):
                return False
    return False


def _read_json_values(
    source: str, stream: io.BufferedReader, head: bytes, settings: Settings
) -> Iterator[Result]:
    """The objects of a top-level array, or of one or more top-level objects."""
    decoded = _stream_encoding(head, source)
    pending: tuple[int, Any, bool] | None = None
    try:
        for item in iter_json_values(stream, decoded.encoding, settings.max_record_bytes):
            if pending is not None:
                yield _item_result(source, pending, f"item {pending[0]}", decoded, settings)
            pending = item
    except ReadFailure as failure:
        if pending is not None:
            yield _item_result(source, pending, f"item {pending[0]}", decoded, settings)
        yield failure.to_error(source)
        return
    if pending is None:
        yield IngestError(source, "E101", "the JSON file holds no objects")
        return
    number, _, in_array = pending
    location = None if number == 1 and not in_array else f"item {number}"
    yield _item_result(source, pending, location, decoded, settings)


def _item_result(
    source: str,
    item: tuple[int, Any, bool],
    location: str | None,
    decoded: Decoded,
    settings: Settings,
) -> Result:
    """The record for one JSON value, or the error that keeps it out."""
    number, value, _ = item
    try:
        return record_from_fields(
            _as_object(value),
            source=source,
            location=location,
            fmt="jsonl",
            decoded=decoded,
            settings=settings,
        )
    except ReadFailure as failure:
        return failure.to_error(source, location or f"item {number}")


def _stream_encoding(head: bytes, source: str) -> Decoded:
    """The encoding of a JSON file, judged by its head: UTF-8 unless that fails, then cp1252."""
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError as exc:
        LOGGER.debug("decoded %s as cp1252: not UTF-8 at offset %d", source, exc.start)
        return Decoded("", "cp1252", fallback=True)
    return Decoded("")


def iter_json_values(
    stream: io.BufferedReader, encoding: str, limit: int
) -> Iterator[tuple[int, Any, bool]]:
    """(number, value, in_array) for each item of a top-level array, or each top-level value.

    Only one value is held in memory at a time, never more than `limit` characters of
    it. Malformed JSON ends the iteration with E106: nothing after it can be trusted
    to start a value.
    """
    text = TextBuffer(stream, encoding)
    in_array = text.peek() == "["
    if in_array:
        text.take(1)
    number = 0
    while True:
        try:
            if in_array and not _array_continues(text, number):
                return
            if not text.peek():
                return
            value = text.take_value(limit)
        except ReadFailure as failure:
            raise failure if failure.location else failure.at(f"item {number + 1}") from None
        number += 1
        yield number, value, in_array


def _array_continues(text: TextBuffer, count: int) -> bool:
    """Step over the ',' before the next item; False after the closing ']'."""
    char = text.peek()
    if char == "]":
        text.take(1)
        if text.peek():
            raise ReadFailure("E106", "text after the end of the JSON array")
        return False
    if not char:
        raise ReadFailure("E106", "the JSON array is not closed (truncated file?)")
    if count:
        if char != ",":
            raise ReadFailure("E106", f"expected ',' or ']' after item {count}, found {char!r}")
        text.take(1)
    return True


class TextBuffer:
    """Text decoded from a byte stream on demand, consumed from the front."""

    def __init__(self, stream: io.BufferedReader, encoding: str) -> None:
        self._stream = stream
        self._encoding = "utf-8-sig" if encoding == "utf-8" else encoding
        self._decoder = codecs.getincrementaldecoder(self._encoding)()
        self._json = json.JSONDecoder()
        self._text = ""
        self._offset = 0
        self._eof = False

    def peek(self) -> str:
        """The next non-blank character, reading more when needed; '' at the end."""
        while True:
            self._text = self._text.lstrip()
            if self._text or self._eof:
                return self._text[:1]
            self._fill(READ_CHUNK)

    def take(self, count: int) -> None:
        """Drop `count` characters from the front."""
        self._text = self._text[count:]

    def take_value(self, limit: int) -> Any:
        """Decode the JSON value at the front, reading more until it is whole."""
        want = READ_CHUNK
        while True:
            try:
                value, end = self._json.raw_decode(self._text)
            except json.JSONDecodeError as exc:
                if self._eof:
                    raise ReadFailure("E106", f"malformed JSON: {exc.msg}") from exc
                if len(self._text) > limit:
                    raise ReadFailure(
                        "E104", f"a JSON value longer than settings.max_record_bytes ({limit})"
                    ) from exc
                self._fill(want)
                want *= 2
                continue
            except RecursionError as exc:
                raise ReadFailure("E106", "malformed JSON: nested too deeply") from exc
            self._text = self._text[end:]
            return value

    def _fill(self, size: int) -> None:
        """Read and decode up to `size` more bytes."""
        try:
            data = self._stream.read1(size)
        except STREAM_ERRORS as exc:
            raise stream_failure(exc) from exc
        try:
            self._text += self._decoder.decode(data, final=not data)
        except UnicodeDecodeError as exc:
            raise ReadFailure(
                "E103",
                f"not {self._encoding} (byte 0x{exc.object[exc.start]:02x} "
                f"near offset {self._offset + exc.start})",
            ) from exc
        self._offset += len(data)
        self._eof = not data
