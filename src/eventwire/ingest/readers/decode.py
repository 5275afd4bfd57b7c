"""From bytes to text: refuse binary data, decode UTF-8 and fall back to cp1252."""

from __future__ import annotations

import codecs
import logging
import re
from dataclasses import dataclass

from eventwire.ingest.readers.failures import ReadFailure
from eventwire.settings import Settings

LOGGER = logging.getLogger(__name__)

UTF8_BOM = codecs.BOM_UTF8
_PLAIN_FALLBACKS = frozenset({"utf-8", "cp1252", "latin-1", "ascii"})

# Signatures of binary formats people drop into a news folder by mistake.
BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"PK\x03\x04", "a ZIP archive (also .docx, .xlsx, .epub, .odt)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an OLE document (.doc, .xls, .ppt)"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"\x28\xb5\x2f\xfd", "a zstd archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "an ELF executable"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"PAR1", "a Parquet file"),
)

# Control bytes that never occur in text; tab, newline, carriage return, form feed
# and escape do.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])

_DECLARED_CHARSET = re.compile(
    rb"""(?:<meta[^>]{0,200}?charset\s*=\s*["']?|<\?xml[^>]{0,100}?encoding\s*=\s*["'])"""
    rb"""([A-Za-z0-9_.:-]{1,40})""",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Decoded:
    """Text decoded from bytes, with the encoding used and whether it was a fallback."""

    text: str
    encoding: str = "utf-8"
    fallback: bool = False


def check_text_head(head: bytes, settings: Settings) -> None:
    """Raise E102 when the first bytes look binary, E103 when they are UTF-16 text."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ReadFailure("E103", "UTF-16 text (byte-order mark at offset 0); save it as UTF-8")
    reason = binary_reason(head[: settings.binary_sniff_bytes], settings.binary_control_ratio)
    if reason is not None:
        raise ReadFailure("E102", f"binary file: {reason}")


def binary_reason(head: bytes, control_ratio: float) -> str | None:
    """What makes `head` binary (a known signature, a NUL byte, many control bytes), or None."""
    for signature, name in BINARY_SIGNATURES:
        if head.startswith(signature):
            return f"starts like {name} (signature {signature[:8]!r})"
    nul = head.find(b"\x00")
    if nul >= 0:
        return f"NUL byte at offset {nul}"
    if not head:
        return None
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    share = controls / len(head)
    if share > control_ratio:
        return f"{share:.0%} control bytes in the first {len(head)} bytes"
    return None


def declared_charset(head: bytes) -> str | None:
    """The charset an HTML or XML head declares, when Python knows it."""
    match = _DECLARED_CHARSET.search(head[:4096])
    if match is None:
        return None
    return known_encoding(match.group(1).decode("ascii"))


def known_encoding(name: str | None) -> str | None:
    """The canonical Python name of encoding `name`, or None when unknown."""
    if not name:
        return None
    try:
        return codecs.lookup(name.strip()).name
    except LookupError:
        return None


def decode_bytes(
    data: bytes, where: str, declared: str | None = None, base_offset: int = 0
) -> Decoded:
    """Decode as UTF-8 (without BOM), else the declared charset, else cp1252; E103 if none fits.

    `where` names the input in log messages; `base_offset` is added to byte offsets
    in the reason so that they count from the start of the file.
    """
    bom = len(UTF8_BOM) if data.startswith(UTF8_BOM) else 0
    body = data[bom:] if bom else data
    try:
        return Decoded(body.decode("utf-8"))
    except UnicodeDecodeError as exc:
        utf8_error = exc
    first_bad = base_offset + bom + utf8_error.start
    for encoding in _fallbacks(declared):
        try:
            text = body.decode(encoding)
        except UnicodeDecodeError:
            LOGGER.debug("%s is not %s either", where, encoding)
            continue
        LOGGER.debug(
            "decoded %s as %s: not UTF-8 (byte 0x%02x at offset %d)",
            where,
            encoding,
            body[utf8_error.start],
            first_bad,
        )
        return Decoded(text, encoding=encoding, fallback=True)
    raise ReadFailure("E103", _undecodable_reason(body, utf8_error, base_offset + bom))


def _fallbacks(declared: str | None) -> list[str]:
    """The encodings to try after UTF-8: a declared one first, then cp1252."""
    declared = known_encoding(declared)
    # Browsers read pages declared latin-1 or ascii as cp1252, so those add nothing.
    chain = [declared] if declared and declared not in _PLAIN_FALLBACKS else []
    return [*chain, "cp1252"]


def _undecodable_reason(body: bytes, utf8_error: UnicodeDecodeError, offset: int) -> str:
    """Name the first byte UTF-8 rejects and the first byte cp1252 rejects."""
    utf8_at = offset + utf8_error.start
    reason = f"not UTF-8 (byte 0x{body[utf8_error.start]:02x} at offset {utf8_at})"
    try:
        body.decode("cp1252")
    except UnicodeDecodeError as exc:
        reason += f" nor cp1252 (byte 0x{body[exc.start]:02x} at offset {offset + exc.start})"
    return reason
