"""Quotation marks in plain text: which marks open and close a quotation, paragraph by paragraph.

Double marks (straight `"`, curly `“ ”`, low `„`) may be mixed in one quotation. Single
marks (`‘ ’`, straight `'`) make a quotation only outside double quotes, when an opening
mark follows a space and a closing mark is followed by a space or punctuation, so the
apostrophes of "Obama’s" and "don't" are never quote marks. A quotation still open at the
end of a paragraph continues when the next paragraph opens with a quote mark (the wire
convention); each paragraph's part is its own span, and the parts share a `group`.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Literal

LOGGER = logging.getLogger(__name__)

DOUBLE_OPEN = "\u201c\u201e\u201f"  # “ „ ‟
DOUBLE_CLOSE = "\u201d"  # ”
DOUBLE_STRAIGHT = '"'
DOUBLE_MARKS = DOUBLE_OPEN + DOUBLE_CLOSE + DOUBLE_STRAIGHT
SINGLE_OPEN = "\u2018"  # ‘
SINGLE_CLOSE = "\u2019"  # ’
SINGLE_STRAIGHT = "'"
SINGLE_MARKS = SINGLE_OPEN + SINGLE_CLOSE + SINGLE_STRAIGHT
ALL_MARKS = DOUBLE_MARKS + SINGLE_MARKS

# Characters after which a quote mark opens ("(“", "— “"), besides spaces and line starts.
OPENING_CONTEXT = "([{\u2014\u2013-/:"
# Characters before which a quote mark closes, besides spaces and line ends.
CLOSING_CONTEXT = ".,;:!?)]}\u2014\u2013-\u2026"
# Trailing characters trimmed from a quotation's text: the comma of `"...," he said`
# belongs to the reporting sentence, not to the words quoted.
TRAILING_TRIM = " \t\n\r,\u00a0"
# A single-quoted span longer than this many words is more likely two apostrophes than a
# quotation (British-style full quotations are rare in the wire copy eventwire reads).
MAX_SINGLE_QUOTED_WORDS = 40

Role = Literal["open", "close", "either"]

_PARAGRAPH = re.compile(r"[^\n]+")


@dataclass(frozen=True)
class QuotationSpan:
    """One quoted stretch of text: `text[start:end]` are the words, marks excluded.

    `open_mark` is the offset of the opening mark; `close_mark` that of the closing mark,
    or None when the quotation runs on into the next paragraph. Parts of one quotation
    over several paragraphs share `group`. `single` is true for single quote marks.
    """

    start: int
    end: int
    open_mark: int
    close_mark: int | None
    paragraph: int
    group: int
    single: bool = False

    @property
    def outer_end(self) -> int:
        """The offset just past the closing mark (or past the words, when unclosed)."""
        return self.close_mark + 1 if self.close_mark is not None else self.end


@dataclass(frozen=True)
class _Paragraph:
    """One line of the text: its index and character bounds."""

    index: int
    start: int
    end: int


def find_quotation_spans(text: str) -> list[QuotationSpan]:
    """Every quotation in the text, in order of position."""
    paragraphs = list(_paragraphs(text))
    doubles = _double_spans(text, paragraphs)
    singles = [s for p in paragraphs for s in _single_spans(text, p, doubles)]
    spans = sorted(doubles + singles, key=lambda s: s.start)
    return _renumber([s for s in spans if _has_words(text[s.start : s.end])])


def _renumber(spans: list[QuotationSpan]) -> list[QuotationSpan]:
    """Groups numbered 0, 1, 2... in order of position."""
    numbers: dict[tuple[bool, int], int] = {}
    for span in spans:
        numbers.setdefault((span.single, span.group), len(numbers))
    return [replace(s, group=numbers[(s.single, s.group)]) for s in spans]


def _paragraphs(text: str) -> Iterator[_Paragraph]:
    """The non-blank lines of the text with their bounds."""
    index = 0
    for match in _PARAGRAPH.finditer(text):
        if match.group().strip():
            yield _Paragraph(index, match.start(), match.end())
            index += 1


def mark_role(text: str, at: int) -> Role:
    """Whether the double quote mark at `at` opens, closes, or could do either."""
    mark = text[at]
    before = text[at - 1] if at > 0 else "\n"
    after = text[at + 1] if at + 1 < len(text) else "\n"
    opens = before.isspace() or before in OPENING_CONTEXT or before in ALL_MARKS
    closes = after.isspace() or after in CLOSING_CONTEXT or after in ALL_MARKS
    if mark in DOUBLE_OPEN:
        return "close" if closes and not opens else "open"
    if mark in DOUBLE_CLOSE:
        return "open" if opens and not closes else "close"
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return "either"


def _double_spans(text: str, paragraphs: list[_Paragraph]) -> list[QuotationSpan]:
    """The double-quoted spans of all paragraphs, carrying open quotations across them."""
    spans: list[QuotationSpan] = []
    groups = 0
    carried: int | None = None  # group of a quotation left open by the previous paragraph
    for number, paragraph in enumerate(paragraphs):
        marks = [i for i in range(paragraph.start, paragraph.end) if text[i] in DOUBLE_MARKS]
        if carried is not None and not (marks and _opens_paragraph(text, paragraph, marks[0])):
            LOGGER.debug("quotation left open before offset %d dropped", paragraph.start)
            _drop_open_part(spans)
            carried = None
        pairs, open_at = _pair_marks(text, marks)
        for start_mark, end_mark in pairs:
            group, carried = (carried, None) if carried is not None else (groups, None)
            groups = max(groups, group + 1)
            spans.append(_span(text, start_mark, end_mark, paragraph, group))
        if open_at is not None and _continues(text, paragraphs, number):
            group = carried if carried is not None else groups
            groups = max(groups, group + 1)
            spans.append(_span(text, open_at, None, paragraph, group))
            carried = group
        else:
            if open_at is not None:
                LOGGER.debug("unclosed quote mark at offset %d dropped", open_at)
                if carried is not None:  # the parts before it are never closed either
                    _drop_open_part(spans)
            carried = None
    return spans


def _pair_marks(text: str, marks: list[int]) -> tuple[list[tuple[int, int]], int | None]:
    """Opening and closing marks paired in order, and a mark still open at the end."""
    pairs: list[tuple[int, int]] = []
    open_at: int | None = None
    for at in marks:
        role = mark_role(text, at)
        if open_at is None:
            if role != "close":
                open_at = at
            else:
                LOGGER.debug("stray closing quote mark at offset %d", at)
        elif role != "open":
            pairs.append((open_at, at))
            open_at = None
        else:
            LOGGER.debug("quote mark at offset %d reopened at %d", open_at, at)
            open_at = at
    return pairs, open_at


def _opens_paragraph(text: str, paragraph: _Paragraph, first_mark: int) -> bool:
    """Whether the paragraph begins with a quote mark."""
    return not text[paragraph.start : first_mark].strip()


def _continues(text: str, paragraphs: list[_Paragraph], number: int) -> bool:
    """Whether the paragraph after `number` opens with a double quote mark."""
    if number + 1 >= len(paragraphs):
        return False
    following = text[paragraphs[number + 1].start : paragraphs[number + 1].end].lstrip()
    return bool(following) and following[0] in DOUBLE_MARKS


def _drop_open_part(spans: list[QuotationSpan]) -> None:
    """Remove the trailing unclosed parts of a quotation that was never continued."""
    while spans and spans[-1].close_mark is None:
        spans.pop()


def _span(
    text: str, open_mark: int, close_mark: int | None, paragraph: _Paragraph, group: int
) -> QuotationSpan:
    """The span between two marks, its words trimmed of spaces and a trailing comma."""
    start = open_mark + 1
    end = close_mark if close_mark is not None else paragraph.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1] in TRAILING_TRIM:
        end -= 1
    single = text[open_mark] in SINGLE_MARKS
    return QuotationSpan(start, end, open_mark, close_mark, paragraph.index, group, single)


def _single_spans(
    text: str, paragraph: _Paragraph, doubles: list[QuotationSpan]
) -> Iterator[QuotationSpan]:
    """Single-quoted spans of one paragraph that lie outside every double-quoted span."""
    inside = [(s.open_mark, s.outer_end) for s in doubles if s.paragraph == paragraph.index]
    at = paragraph.start
    while at < paragraph.end:
        opener = _next_single_opener(text, at, paragraph.end)
        if opener is None:
            return
        closer = _next_single_closer(text, opener + 1, paragraph.end)
        if closer is None:
            return
        words = text[opener + 1 : closer].split()
        clear = not any(a <= opener < b or a <= closer < b for a, b in inside)
        if clear and 0 < len(words) <= MAX_SINGLE_QUOTED_WORDS:
            yield _span(text, opener, closer, paragraph, group=opener)
            at = closer + 1
        else:
            at = opener + 1


def _next_single_opener(text: str, at: int, end: int) -> int | None:
    """The next single mark that opens: after a space or bracket, before a letter or digit."""
    for i in range(at, end - 1):
        if text[i] in (SINGLE_OPEN, SINGLE_STRAIGHT):
            before = text[i - 1] if i > 0 else "\n"
            opens = before.isspace() or before in OPENING_CONTEXT or before in DOUBLE_MARKS
            if opens and text[i + 1].isalnum():
                return i
    return None


def _next_single_closer(text: str, at: int, end: int) -> int | None:
    """The next single mark that closes: after a non-space, before a space or punctuation."""
    for i in range(at, end):
        if text[i] in (SINGLE_CLOSE, SINGLE_STRAIGHT) and not text[i - 1].isspace():
            after = text[i + 1] if i + 1 < len(text) else "\n"
            if after.isspace() or after in CLOSING_CONTEXT or after in DOUBLE_MARKS:
                return i
    return None


def _has_words(words: str) -> bool:
    """Whether a quoted stretch holds at least one letter or digit."""
    return any(ch.isalnum() for ch in words)
