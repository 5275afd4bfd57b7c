"""Text helpers of the analysis across documents: page furniture, shingles, sentences."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from importlib import resources

from eventwire.errors import EventwireError

_WORD = re.compile(r"\w+", re.UNICODE)
_BREAK = re.compile(r"\n\s*\n")
_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])")
_ABBREVIATION = re.compile(
    r"(?:\b[A-Z]|\b(?:[A-Z]\.)+[A-Z]|Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Capt|Cmdr|Adm|Sgt|Maj|Gov|Sen"
    r"|Rep|Sen|St|Mt|Ft|No|Nos|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Inc|Corp|Ltd"
    r"|Co|Jr|Sr|vs|etc|approx)$"
)
_DATELINE = re.compile(
    r"^[A-Z][A-Z.'’ -]{2,40}(?:,\s*[\w.' ,]{1,40}?)?\s*(?:\([^)\n]{1,40}\))?\s*[—–-]{1,2}\s+"
)


class FurnitureError(EventwireError, ValueError):
    """A page-furniture pattern file that cannot be used: `[E805]` with the line."""


@functools.cache
def furniture_patterns() -> tuple[re.Pattern[str], ...]:
    """The packaged page-furniture patterns, compiled and validated."""
    path = resources.files("eventwire") / "data" / "across" / "furniture.txt"
    return parse_furniture(path.read_text(encoding="utf-8"), "furniture.txt")


def parse_furniture(text: str, name: str) -> tuple[re.Pattern[str], ...]:
    """Compile one pattern a line, skipping blank lines and comments."""
    patterns = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        try:
            patterns.append(re.compile(line, re.IGNORECASE))
        except re.error as exc:
            message = f"[E805] {name}:{number}: not a regular expression ({exc})"
            raise FurnitureError(message) from exc
    return tuple(patterns)


def is_furniture(line: str, min_words: int, patterns: tuple[re.Pattern[str], ...]) -> bool:
    """Whether a line is page furniture: too short to be prose, or a known pattern."""
    stripped = line.strip()
    if len(_WORD.findall(stripped)) < min_words:
        return True
    return any(p.match(stripped) for p in patterns)


def body_text(text: str, min_words: int) -> str:
    """The article's prose without page furniture, lowercased, for comparing copies."""
    patterns = furniture_patterns()
    lines = (line for line in text.splitlines() if not is_furniture(line, min_words, patterns))
    return "\n".join(lines).lower()


def shingles(text: str, size: int) -> set[bytes]:
    """The distinct runs of `size` words of a text, as bytes for hashing."""
    words = _WORD.findall(text)
    if not words:
        return set()
    if len(words) <= size:
        return {" ".join(words).encode("utf-8")}
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


def words(text: str) -> list[str]:
    """The lowercased words of a text."""
    return [w.lower() for w in _WORD.findall(text)]


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """Start and end offsets of the sentences of a text, paragraph by paragraph."""
    start = 0
    for gap in _BREAK.finditer(text):
        yield from _paragraph_sentences(text, start, gap.start())
        start = gap.end()
    yield from _paragraph_sentences(text, start, len(text))


def _paragraph_sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Sentences inside one paragraph; abbreviations and initials do not end one."""
    begin = start
    for match in _SENTENCE_END.finditer(text, start, end):
        before = text[begin : match.start()].split()
        if before and _ABBREVIATION.search(before[-1].rstrip(".")):
            continue
        stop = match.end() - len(match.group()) + len(match.group().rstrip())
        yield from _trimmed(text, begin, stop)
        begin = match.end()
    yield from _trimmed(text, begin, end)


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The span without surrounding white space, if any text is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield start, end


def without_dateline(text: str, start: int, end: int) -> int:
    """Where a sentence starts once a dateline (`MOSCOW (Wire) —`) is skipped."""
    match = _DATELINE.match(text[start:end])
    return start + match.end() if match else start
