"""Plain-text documents: the whole file is the text; a short first line may be its headline."""

from __future__ import annotations

import re
from typing import BinaryIO

from eventwire.ingest.readers.decode import decode_bytes
from eventwire.ingest.readers.failures import ReadFailure
from eventwire.ingest.readers.streams import read_bounded
from eventwire.records import RawRecord
from eventwire.settings import Settings

# Words a sentence may end on with a period that still do not end it.
ABBREVIATIONS = frozenset(
    {"co.", "corp.", "inc.", "ltd.", "jr.", "sr.", "st.", "mr.", "mrs.", "ms.", "dr.", "no.",
     "vs.", "gen.", "gov.", "sen.", "rep.", "lt.", "col.", "sgt.", "prof.", "bros."}
)  # fmt: skip

# Lines of page furniture copied along with an article; never a headline.
PAGE_FURNITURE = frozenset(
    {"advertisement", "breaking news", "cookie policy", "email", "home", "latest news",
     "log in", "menu", "most popular", "most read", "print", "read more", "related",
     "related articles", "related stories", "share", "share this", "share this article",
     "sign in", "skip to content", "skip to main content", "subscribe", "top stories",
     "trending", "trending now", "trending topics", "you are here"}
)  # fmt: skip

_INITIALISM = re.compile(r"(?:\b[A-Za-z]\.){2,}$")
_LETTER = re.compile(r"[^\W\d_]")
_DATE_WORDS = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?|"
    r"\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?|\b(?:am|pm|gmt|utc|updated|published)\b",
    re.IGNORECASE,
)


def read_text_document(source: str, stream: BinaryIO, settings: Settings) -> RawRecord:
    """The whole (decoded) file as one document, its first line as title when it is one."""
    data = read_bounded(stream, settings.max_document_bytes)
    if data is None:
        raise ReadFailure(
            "E104",
            f"more than settings.max_document_bytes ({settings.max_document_bytes}) of text",
        )
    decoded = decode_bytes(data, source)
    if not decoded.text.strip():
        raise ReadFailure("E101", "the file holds only whitespace")
    return RawRecord(
        source=source,
        text=decoded.text,
        title=headline_of(decoded.text, settings),
        encoding=decoded.encoding,
        encoding_fallback=decoded.fallback,
        fmt="txt",
    )


def headline_of(text: str, settings: Settings) -> str | None:
    """The first non-blank line, stripped, when it reads as the headline of what follows."""
    lines = text.splitlines()
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return None
    rest = lines[first + 1 :]
    if not any(line.strip() for line in rest):
        return None
    candidate = lines[first].strip()
    if not looks_like_headline(candidate, settings):
        return None
    if rest[0].strip() and rest[0].lstrip()[:1].islower():
        return None  # the next line continues a wrapped sentence
    return candidate


def looks_like_headline(line: str, settings: Settings) -> bool:
    """True for a short line that does not end like a sentence and is not page furniture.

    Headlines run to a few words, carry no terminal period (an abbreviation such as
    "U.S." or "Inc." may end one), and are neither bylines, datelines, dates, links
    nor navigation ("Trending Topics", "Skip to content").
    """
    if len(line) > settings.headline_max_chars or len(line.split()) > settings.headline_max_words:
        return False
    if not _LETTER.search(line) or _is_furniture(line) or _is_date_line(line):
        return False
    lowered = line.lower()
    if lowered.startswith(("by ", "http://", "https://", "www.")):
        return False
    if line.endswith((",", ";", ":", "-", "\u2013", "\u2014")):
        return False
    return not line.endswith(".") or _ends_with_abbreviation(line)


def _is_furniture(line: str) -> bool:
    """True when the line is a known piece of page navigation, or a row of links."""
    if line.strip(" .:|>\u00bb\u203a").lower() in PAGE_FURNITURE:
        return True
    # "« Previous story | Main | Next story »": links set between bars or guillemets
    return " | " in line or line.lstrip().startswith(("\u00ab", "<<", "\u2039"))


def _is_date_line(line: str) -> bool:
    """True when the line holds nothing but a date or time stamp."""
    return not _LETTER.search(_DATE_WORDS.sub(" ", line))


def _ends_with_abbreviation(line: str) -> bool:
    """True when the final period belongs to an abbreviation, not to a sentence."""
    if line.endswith("..."):
        return False
    last = line.split()[-1]
    return last.lower() in ABBREVIATIONS or bool(_INITIALISM.search(last))
