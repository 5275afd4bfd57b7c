"""Candidate publication dates, read from the places in a text where publishers put one.

Every rule is tied to a place where publishers put the publication date, never to the
body's narrative. "Top lines" are the first `TOP_LINES` non-blank lines, "bottom lines"
the last `BOTTOM_LINES`. The rules:

1. Stamp (day): a line in the top or bottom lines that starts with Published, First
   published, Posted (by NAME) on, Updated, Last updated or Released and goes on to a
   full date ("Published: 7 November 2012", "Posted Nov 7, 2012 10:32 AM"), where the
   line does not go on as a sentence ("Released on 7 May 2010, the report ..." is none).
2. Dateline (day): a dateline with a full date at the start of one of the top lines
   ("MOSCOW, Nov. 7, 2012 (Reuters) -", "LONDON, 12 March 2013 —").
3. Date line (day): one of the top lines holding nothing but a full date, optionally
   with a weekday and a time ("Tue Jan 1, 2013 7:15PM", "08:09, August 23, 2012").
   Pages that carry several such lines with different dates are timelines: no date.
4. Source line (day): a closing "Source: ..., <date>" line, where archives put the
   wire's own date ("[Source: Xinhua, Brussels, 09Aug11]").
5. Dateline without a year ("MOSCOW, Nov. 7 (Reuters) -") gives a day only when a
   copyright line pins the year, and not within a week of New Year, where the copyright
   year and the report's year may differ.
6. Copyright line (year): a short top or bottom line "Copyright 2012 ...", "© 2012 ...";
   ranges ("© 1999-2024") are refused: they date the site, not the report.

Every weekday written beside a date must fall on that date.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from eventwire.ingest.dating.written import (
    COMPACT,
    DATE_TAIL,
    FULL,
    TIME,
    WEEKDAY,
    YEAR,
    YEARLESS,
    compact_date,
    full_date,
    inline,
    safe_date,
    weekday_fits,
    yearless_date,
)

LOGGER = logging.getLogger(__name__)

# Where publishers put a publication date: the first lines (headline, standfirst, byline,
# stamp, caption, dateline) and the last lines (source, copyright, credits). A body
# paragraph further in is narrative, where a date is an event date.
TOP_LINES = 8
BOTTOM_LINES = 6
# Around New Year a copyright line may carry the next or the previous year.
YEAR_EDGE_DAYS = 7

_STAMP_RE = re.compile(
    inline(
        r"^[ \t]*(?:[^\n|]{0,60}\|[ \t]*)?"
        r"(?P<ev>(?P<kw>(?i:first\s+published|published|posted|last\s+updated|updated|released))"
        r"(?:\s+by\s+[^\n\d]{1,40}?)?(?:\s+(?:on|at))?\s*[:\-–]?\s*(?:\r?\n)?\s*"
        rf"(?:{TIME}\s*[,|]?\s*)?(?:{WEEKDAY}\s*)?{FULL}{DATE_TAIL})"
        r"(?=[ \t\r]*(?:$|[|·•\-–—(\[]|[A-Z]|by\b))"
    ),
    re.MULTILINE,
)
_DATELINE_RE = re.compile(
    r"^[ \t]*(?P<ev>[A-Z][A-Z.'’\-]+(?:[ ][A-Z.'’\-]+){0,3}"
    r"(?:,[ ]+(?!(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,)"
    r"[A-Z][A-Za-z.'’\-]+(?:[ ][A-Z][A-Za-z.'’\-]+){0,2}){0,2}"
    + inline(rf",[ ]+(?:{WEEKDAY}[ ]+)?(?:{FULL}|{YEARLESS})[ ]*")
    + r"(?:\([^)\n]{1,40}\)[ ]*)?(?:/[^/\n]{1,40}/[ ]*)?(?:--?|—|–|:))",
    re.MULTILINE,
)
_DATE_LINE_RE = re.compile(
    inline(rf"^[ \t]*(?P<ev>(?:{TIME}\s*[,|·•-]?\s*)?(?:{WEEKDAY}\s*)?{FULL}{DATE_TAIL})[ \t\r]*$"),
    re.MULTILINE,
)
_SOURCE_RE = re.compile(
    r"^[ \t]*(?P<ev>\[?[ \t]*(?i:source)[ \t]*:[^\r\n\]]*?"
    + inline(rf"(?:{COMPACT}|{FULL})[ \t]*\]?)[ \t\r]*$"),
    re.MULTILINE,
)
_COPYRIGHT_RE = re.compile(
    r"^[ \t]*(?P<ev>(?:(?i:copyright)(?:[ \t]*(?:©|\([cC]\)))?|©|\([cC]\))[ \t]*"
    rf"(?:(?P<cy1>{YEAR})(?![ \t]*[-–—/][ \t]*\d)[^\r\n]{{0,80}}"
    rf"|[A-Z][\w&.,'’ -]{{1,40}}?,?[ \t]+(?P<cy2>{YEAR})"
    r"(?:\.?[ \t]*(?i:all rights reserved))?\.?))[ \t\r]*$",
    re.MULTILINE,
)
_ANY_YEAR_RE = re.compile(YEAR)
_LINE_RE = re.compile(r"[^\n]*\S[^\n]*")


@dataclass(frozen=True)
class Candidate:
    """A publication date one rule read from the text, with the words it read."""

    rule: str
    year: int
    day: date | None
    start: int
    end: int


@dataclass(frozen=True)
class Dateline:
    """A dateline that names a month and day but no year."""

    month: int
    day: int
    start: int
    end: int


def find_candidates(text: str) -> tuple[list[Candidate], list[Dateline]]:
    """Every date the stamp, dateline, date-line, source and copyright rules read."""
    top_end, bottom_start = _regions(text)
    found: list[Candidate] = []
    yearless: list[Dateline] = []
    for m in _matches(_STAMP_RE, text, top_end, bottom_start):
        rule = "updated" if "updated" in m["kw"].lower() else "stamp"
        found.extend(_day_candidate(rule, m))
    for m in _matches(_DATELINE_RE, text, top_end, None):
        if (month_day := yearless_date(m)) is not None:
            yearless.append(Dateline(*month_day, *m.span("ev")))
        else:
            found.extend(_day_candidate("dateline", m))
    found.extend(_date_line_candidates(text, top_end))
    for m in _matches(_SOURCE_RE, text, None, bottom_start):
        found.extend(_day_candidate("source", m))
    copyrights = _copyright_candidates(text, top_end, bottom_start)
    found.extend(copyrights)
    found.extend(_pinned_datelines(yearless, copyrights))
    return found, yearless


def _regions(text: str) -> tuple[int, int]:
    """End offset of the top lines and start offset of the bottom lines."""
    lines = [m.span() for m in _LINE_RE.finditer(text)]
    if not lines:
        return 0, len(text)
    top_end = lines[min(TOP_LINES, len(lines)) - 1][1]
    bottom_start = lines[max(len(lines) - BOTTOM_LINES, 0)][0]
    return top_end, bottom_start


def _matches(
    pattern: re.Pattern[str], text: str, top_end: int | None, bottom_start: int | None
) -> Iterator[re.Match[str]]:
    """Matches starting in the top lines (up to top_end) or in the bottom lines."""
    seen: set[int] = set()
    if top_end is not None:
        for m in pattern.finditer(text, 0, top_end):
            seen.add(m.start())
            yield m
    if bottom_start is not None:
        for m in pattern.finditer(text, bottom_start):
            if m.start() not in seen:
                yield m


def _day_candidate(rule: str, m: re.Match[str]) -> list[Candidate]:
    """A day candidate from a match holding a full date, if the date and weekday hold."""
    day = full_date(m) or compact_date(m)
    if day is None or not weekday_fits(m, day):
        LOGGER.debug("%s rule: %r is no valid date", rule, m["ev"])
        return []
    start, end = m.span("ev")
    return [Candidate(rule, day.year, day, start, end)]


def _date_line_candidates(text: str, top_end: int) -> list[Candidate]:
    """Top lines holding only a date; none when the page carries several different ones."""
    found = [c for m in _DATE_LINE_RE.finditer(text) for c in _day_candidate("date line", m)]
    if len({c.day for c in found}) > 1:
        LOGGER.debug("several different date lines: a timeline, not a stamp")
        return []
    return [c for c in found if c.start < top_end]


def _copyright_candidates(text: str, top_end: int, bottom_start: int) -> list[Candidate]:
    """Year candidates from short copyright lines naming one single year."""
    found = []
    for m in _matches(_COPYRIGHT_RE, text, top_end, bottom_start):
        if len(_ANY_YEAR_RE.findall(m["ev"])) != 1:
            continue
        year = int(m["cy1"] or m["cy2"])
        start, end = m.span("ev")
        found.append(Candidate("copyright", year, None, start, end))
    return found


def _pinned_datelines(yearless: list[Dateline], copyrights: list[Candidate]) -> list[Candidate]:
    """Yearless datelines given their year by the one copyright year, away from New Year."""
    years = {c.year for c in copyrights}
    if len(years) != 1 or not yearless:
        return []
    year = years.pop()
    found = []
    for dateline in yearless:
        day = safe_date(year, dateline.month, dateline.day)
        if day is None:
            continue
        if _near_new_year(day):
            LOGGER.debug("dateline %s too near New Year to take the copyright year", day)
            continue
        found.append(Candidate("dateline+copyright", year, day, dateline.start, dateline.end))
    return found


def _near_new_year(day: date) -> bool:
    """Whether the day lies within YEAR_EDGE_DAYS of a 1 January."""
    next_new_year = date(day.year + 1, 1, 1)
    return (day - date(day.year, 1, 1)).days < YEAR_EDGE_DAYS or (
        next_new_year - day
    ).days <= YEAR_EDGE_DAYS
