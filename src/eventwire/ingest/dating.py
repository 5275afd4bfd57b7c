"""Publication dates: normalise the ones metadata gives, infer the ones only the text gives.

`parse_published` reads a metadata value. The common forms (ISO dates and datetimes,
`YYYY-MM`, `YYYY`, `YYYYMMDD`, RFC 2822, ctime, "Nov. 7, 2012", "7 November 2012",
numeric dates) go through explicit patterns; anything else goes to `dateparser`, asked
first for all of day, month and year and then for month and year only, so that a missing
part is never filled from today's date. A datetime keeps the calendar date as written;
no time zone conversion is made. Dotted numeric dates are read day first (07.11.2012);
slashed or dashed ones where day and month could swap (03/04/2012) are refused rather
than guessed, and are never passed to dateparser, which would guess. A weekday that
does not fall on the date makes the value unreadable.

`infer_published` reads the article text and returns a date only where the text itself
states when it was published. A wrong date is worse than none, so every rule is tied to
a place where publishers put the publication date, never to the body's narrative.
"Top lines" are the first `TOP_LINES` non-blank lines, "bottom lines" the last
`BOTTOM_LINES`. The rules:

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

An "Updated" stamp ranks below rules 1-4, since updates can come long after publication.
Rules 1-4 are one tier: when they disagree by more than `AGREE_DAYS`, nothing is
returned. Every weekday written beside a date must fall on that date. Any candidate is
then checked against the text: the publication date is never earlier than a date the
text reports (full dates and month-year mentions, and for year candidates bare years,
except those near words of the future such as "will", "scheduled", "deadline"); a day
candidate must agree with a yearless dateline and with a copyright year when present.

Rules measured and rejected (`benchmarks/dating_dev.py --probe-body`, 23 development
articles): the newest date the body reports as past, taken as the publication month,
fires on 6 and is wrong on 5; taken as the publication year, fires on 15 and is wrong
on 13; the one month all the body's dates share, when the body also speaks of recent
days ("on Tuesday", "this week"), fires on 5 and is wrong on all 5. Full dates in a
body are event dates, mostly background ones (a 2009 cable, a 2006 coup), and a report
of 1 January on events of 1-2 December crosses both month and year; they only bound the
publication date from below, which is all this module uses them for. A weekday beside a
full date in a sentence ("on Tuesday, Nov. 6, 2012") opens retrospectives as often as
reports, and a weekday word alone pins nothing without a year: neither is used.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from types import MappingProxyType

from dateparser.date import DateDataParser

from eventwire.records import Precision, PublishedDate

LOGGER = logging.getLogger(__name__)

# Where publishers put a publication date: the first lines (headline, standfirst, byline,
# stamp, caption, dateline) and the last lines (source, copyright, credits). A body
# paragraph further in is narrative, where a date is an event date.
TOP_LINES = 8
BOTTOM_LINES = 6
# A dateline is the filing date, a stamp the web publication date; across time zones
# and overnight desks they differ by a day or two, more means one of them is wrong.
AGREE_DAYS = 2
# A report may mention an event dated one day after its own stamp when the event
# happened in a time zone ahead of the publisher's.
TIME_ZONE_SLACK_DAYS = 1
# Around New Year a copyright line may carry the next or the previous year.
YEAR_EDGE_DAYS = 7
# Words of the future this many characters before a date make it a plan, not a report.
FUTURE_WINDOW_CHARS = 50
# Two-digit years in source lines ("09Aug11"): below this pivot they are 20xx.
TWO_DIGIT_YEAR_PIVOT = 70

MONTH_NUMBERS: Mapping[str, int] = MappingProxyType(
    {
        name: number
        for number, name in enumerate(
            ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
            start=1,
        )
    }
)
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

_MON = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)(?![a-z])"
)
_YEAR = r"(?:1[89]|20)\d{2}(?!\d)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
_WEEKDAY = r"(?P<wd>(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*)\.?,?"
# Time zone abbreviations end in T (GMT, EST, CEST, ET) or are UTC; a bare capitalised
# word after a time is the dateline or the next sentence, not a zone.
_ZONE = r"(?:[A-Z]{0,3}T|UTC)(?![A-Za-z])"
_TIME = (
    r"\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?"
    rf"(?:\s*(?:\(?{_ZONE}\)?|[+-]\d{{2}}:?\d{{2}}))?"
)
_FULL = (
    rf"(?:(?P<mdy_m>{_MON})\.?\s+(?P<mdy_d>{_DAY}),?\s+(?P<mdy_y>{_YEAR})"
    rf"|(?P<dmy_d>{_DAY})\s+(?:of\s+)?(?P<dmy_m>{_MON})\.?,?\s+(?P<dmy_y>{_YEAR})"
    rf"|(?P<iso_y>{_YEAR})-(?P<iso_m>[01]\d)-(?P<iso_d>[0-3]\d)(?!\d))"
)
_YEARLESS = rf"(?:(?P<md_m>{_MON})\.?\s+(?P<md_d>{_DAY})|(?P<dm_d>{_DAY})\s+(?P<dm_m>{_MON})\.?)"
_COMPACT = rf"(?P<c_d>[0-3]\d)(?P<c_m>{_MON})(?P<c_y>\d{{4}}|\d{{2}})(?!\d)"
_DATE_TAIL = rf"(?:\s*(?:[,|·•]|\bat\b|-)?\s*{_TIME})?"


def _inline(pattern: str) -> str:
    """The pattern with its whitespace kept within one line, for rules read line by line."""
    return pattern.replace(r"\s", r"[ \t]")


_STAMP_RE = re.compile(
    _inline(
        r"^[ \t]*(?:[^\n|]{0,60}\|[ \t]*)?"
        r"(?P<ev>(?P<kw>(?i:first\s+published|published|posted|last\s+updated|updated|released))"
        r"(?:\s+by\s+[^\n\d]{1,40}?)?(?:\s+(?:on|at))?\s*[:\-–]?\s*(?:\r?\n)?\s*"
        rf"(?:{_TIME}\s*[,|]?\s*)?(?:{_WEEKDAY}\s*)?{_FULL}{_DATE_TAIL})"
        r"(?=[ \t\r]*(?:$|[|·•\-–—(\[]|[A-Z]|by\b))"
    ),
    re.MULTILINE,
)
_DATELINE_RE = re.compile(
    r"^[ \t]*(?P<ev>[A-Z][A-Z.'’\-]+(?:[ ][A-Z.'’\-]+){0,3}"
    r"(?:,[ ]+(?!(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,)"
    r"[A-Z][A-Za-z.'’\-]+(?:[ ][A-Z][A-Za-z.'’\-]+){0,2}){0,2}"
    + _inline(rf",[ ]+(?:{_WEEKDAY}[ ]+)?(?:{_FULL}|{_YEARLESS})[ ]*")
    + r"(?:\([^)\n]{1,40}\)[ ]*)?(?:/[^/\n]{1,40}/[ ]*)?(?:--?|—|–|:))",
    re.MULTILINE,
)
_DATE_LINE_RE = re.compile(
    _inline(
        rf"^[ \t]*(?P<ev>(?:{_TIME}\s*[,|·•-]?\s*)?(?:{_WEEKDAY}\s*)?{_FULL}{_DATE_TAIL})[ \t\r]*$"
    ),
    re.MULTILINE,
)
_SOURCE_RE = re.compile(
    r"^[ \t]*(?P<ev>\[?[ \t]*(?i:source)[ \t]*:[^\r\n\]]*?"
    + _inline(rf"(?:{_COMPACT}|{_FULL})[ \t]*\]?)[ \t\r]*$"),
    re.MULTILINE,
)
_COPYRIGHT_RE = re.compile(
    r"^[ \t]*(?P<ev>(?:(?i:copyright)(?:[ \t]*(?:©|\([cC]\)))?|©|\([cC]\))[ \t]*"
    rf"(?:(?P<cy1>{_YEAR})(?![ \t]*[-–—/][ \t]*\d)[^\r\n]{{0,80}}"
    rf"|[A-Z][\w&.,'’ -]{{1,40}}?,?[ \t]+(?P<cy2>{_YEAR})"
    r"(?:\.?[ \t]*(?i:all rights reserved))?\.?))[ \t\r]*$",
    re.MULTILINE,
)
# Dates mentioned anywhere: a full date, else a month and year, else a year standing alone
# (not an amount, a code or part of a number).
_MENTION_RE = re.compile(
    rf"(?<![\w-]){_FULL}"
    rf"|(?<![\w-])(?P<my_m>{_MON})\.?,?\s+(?P<my_y>{_YEAR})"
    r"|(?<![\w$£€.,/-])(?P<by>(?:1[89]|20)\d{2})(?![\w%/-]|[.,]\d)"
)
_ANY_YEAR_RE = re.compile(_YEAR)
_FUTURE_BEFORE_RE = re.compile(
    r"\b(?:will|would|shall|to be|scheduled|due|expected|set (?:to|for)|plan(?:s|ned|ning)?"
    r"|until|till|by|next|upcoming|ahead of|before|from|starting|beginning|aims?|hopes?"
    r"|could|may|might|should|must|intends?|deadline|target(?:s|ed)?)\b",
    re.IGNORECASE,
)
_FUTURE_AFTER_RE = re.compile(r"^\W{0,3}(?:\w+\s+){0,2}(?:deadline|target|goal)\b", re.IGNORECASE)
# Rules by rank; rules in one tier must agree. Updates can come long after publication;
# a yearless dateline borrows its year; a copyright line gives a year only.
_TIERS = (
    ("stamp", "dateline", "date line", "source"),
    ("updated",),
    ("dateline+copyright",),
    ("copyright",),
)
_LINE_RE = re.compile(r"[^\n]*\S[^\n]*")

# Metadata forms, matched against the whole stripped value, case-insensitively.
_META_ZONE = rf"(?:\s*(?:Z|{_ZONE}|[+-]\d{{2}}(?::?\d{{2}})?))?"
_META_ISO_RE = re.compile(
    r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
    rf"(?:[T ]\d{{1,2}}:\d{{2}}(?::\d{{2}}(?:\.\d+)?)?)?{_META_ZONE}",
    re.IGNORECASE,
)
_META_YMD_RE = re.compile(r"(?P<y>\d{4})(?:[/.](?P<m>\d{1,2})[/.]|(?P<m2>\d{2}))(?P<d>\d{1,2})")
_META_MONTH_RE = re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})")
_META_YEAR_RE = re.compile(r"(?P<y>\d{4})")
_META_NUMERIC_RE = re.compile(
    r"(?P<a>\d{1,2})(?P<sep>[/.\-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4})(?:[T ,]+\d{1,2}:\d{2}.*)?"
)
# ctime and Twitter style: "Wed Nov 07 10:31:00 +0000 2012".
_META_CTIME_RE = re.compile(
    rf"(?:{_WEEKDAY}\s+)?(?P<ct_m>{_MON})\s+(?P<ct_d>{_DAY})\s+{_TIME}\s+(?P<ct_y>{_YEAR})",
    re.IGNORECASE,
)
_META_WRITTEN_RE = re.compile(
    rf"(?:{_WEEKDAY}\s*)?{_FULL}(?:\s*(?:,|\bat\b|T)?\s*{_TIME})?{_META_ZONE}\s*\.?",
    re.IGNORECASE,
)
_META_WRITTEN_MONTH_RE = re.compile(
    rf"(?P<my_m>{_MON})\.?,?\s+(?P<my_y>{_YEAR})\s*\.?", re.IGNORECASE
)
_YEAR_DIGITS_RE = re.compile(r"(?<!\d)\d{4}(?!\d)")
_NUMERIC_DATE_RE = re.compile(r"\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}")
_DATEPARSER_DAY = {
    "PARSERS": ["custom-formats", "absolute-time"],
    "REQUIRE_PARTS": ["day", "month", "year"],
}
_DATEPARSER_MONTH = {
    "PARSERS": ["custom-formats", "absolute-time"],
    "REQUIRE_PARTS": ["month", "year"],
    "PREFER_DAY_OF_MONTH": "first",
}


@dataclass(frozen=True)
class _Candidate:
    """A publication date one rule read from the text, with the words it read."""

    rule: str
    year: int
    day: date | None
    start: int
    end: int


@dataclass(frozen=True)
class _Dateline:
    """A dateline that names a month and day but no year."""

    month: int
    day: int
    start: int
    end: int


@dataclass(frozen=True)
class _Mention:
    """A date the text mentions, at the earliest day it can denote."""

    earliest: date
    precision: Precision
    start: int
    end: int


# ---------------------------------------------------------------- metadata values


def parse_published(value: str | None) -> PublishedDate | None:
    """Normalise a metadata publication date; None when empty, ValueError when unreadable."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    parsed = _parse_explicit(text) or _parse_with_dateparser(text)
    if parsed is None:
        raise ValueError("not a date in any known form")
    return parsed


def _parse_explicit(text: str) -> PublishedDate | None:
    """The common numeric metadata forms, parsed without guessing; None when none matches."""
    if m := _META_ISO_RE.fullmatch(text):
        return _day_value(int(m["y"]), int(m["m"]), int(m["d"]))
    if m := _META_YMD_RE.fullmatch(text):
        return _day_value(int(m["y"]), int(m["m"] or m["m2"]), int(m["d"]))
    if m := _META_MONTH_RE.fullmatch(text):
        return _month_value(int(m["y"]), int(m["m"]))
    if m := _META_YEAR_RE.fullmatch(text):
        return _year_value(int(m["y"]))
    if m := _META_NUMERIC_RE.fullmatch(text):
        return _numeric_value(int(m["a"]), int(m["b"]), int(m["y"]), m["sep"])
    return _parse_written(text)


def _parse_written(text: str) -> PublishedDate | None:
    """English written forms (RFC 2822 included); None when none matches."""
    day: date | None = None
    if m := _META_WRITTEN_RE.fullmatch(text):
        day = _full_date(m)
    elif m := _META_CTIME_RE.fullmatch(text):
        day = _safe_date(int(m["ct_y"]), _month_number(m["ct_m"]), _day_number(m["ct_d"]))
    elif m := _META_WRITTEN_MONTH_RE.fullmatch(text):
        return _month_value(int(m["my_y"]), _month_number(m["my_m"]))
    else:
        return None
    if day is None:
        raise ValueError("no such day")
    if not _weekday_fits(m, day):
        raise ValueError(f"weekday {m['wd']} does not fall on {day.isoformat()}")
    return PublishedDate(day.isoformat(), "day")


def _day_value(year: int, month: int, day: int) -> PublishedDate:
    """A day-precision date, or ValueError naming what is out of range."""
    _check_year(year)
    try:
        return PublishedDate(date(year, month, day).isoformat(), "day")
    except ValueError as exc:
        raise ValueError(f"no such day ({exc})") from None


def _month_value(year: int, month: int) -> PublishedDate:
    """A month-precision date, or ValueError when the month is out of range."""
    _check_year(year)
    if not 1 <= month <= 12:
        raise ValueError(f"no month {month}")
    return PublishedDate(f"{year:04d}-{month:02d}", "month")


def _year_value(year: int) -> PublishedDate:
    """A year-precision date."""
    _check_year(year)
    return PublishedDate(f"{year:04d}", "year")


def _check_year(year: int) -> None:
    """Refuse years no news report was published in (placeholders such as 0000)."""
    if year < 1000:
        raise ValueError(f"implausible year {year}")


def _numeric_value(first: int, second: int, year: int, separator: str) -> PublishedDate:
    """A numeric date: day first with dots, else whichever order alone makes sense."""
    if separator == "." or first > 12:
        return _day_value(year, second, first)
    if second > 12 or first == second:
        return _day_value(year, first, second)
    raise ValueError(f"day and month order is ambiguous in {first}/{second}/{year}")


def _parse_with_dateparser(text: str) -> PublishedDate | None:
    """Odd and non-English forms through dateparser, never filling parts from today."""
    if not _YEAR_DIGITS_RE.search(text) or _NUMERIC_DATE_RE.search(text):
        return None  # no year, or day and month in numbers: dateparser would guess their order
    day = DateDataParser(settings=_DATEPARSER_DAY).get_date_data(text).date_obj
    if day is not None:
        LOGGER.debug("dateparser read %r as day %s", text, day.date())
        return _day_value(day.year, day.month, day.day)
    month = DateDataParser(settings=_DATEPARSER_MONTH).get_date_data(text).date_obj
    if month is not None:
        LOGGER.debug("dateparser read %r as month %s-%s", text, month.year, month.month)
        return _month_value(month.year, month.month)
    return None


# ---------------------------------------------------------------- dates read from text


def infer_published(text: str) -> PublishedDate | None:
    """The publication date the text itself states, at the precision it states it, or None."""
    candidates, yearless = _candidates(text)
    if not candidates:
        return None
    taken = [(c.start, c.end) for c in candidates] + [(d.start, d.end) for d in yearless]
    mentions = [m for m in _mentions(text) if not _inside(m, taken)]
    candidates = [c for c in candidates if _consistent(c, mentions, text)]
    chosen = _choose(candidates, yearless)
    if chosen is None:
        return None
    evidence = text[chosen.start : chosen.end]
    LOGGER.debug("publication date from %s: %r", chosen.rule, evidence)
    if chosen.day is not None:
        value, precision = chosen.day.isoformat(), "day"
    else:
        value, precision = f"{chosen.year:04d}", "year"
    return PublishedDate(value, precision, True, evidence, chosen.start, chosen.end)


def _candidates(text: str) -> tuple[list[_Candidate], list[_Dateline]]:
    """Every date the stamp, dateline, date-line, source and copyright rules read."""
    top_end, bottom_start = _regions(text)
    found: list[_Candidate] = []
    yearless: list[_Dateline] = []
    for m in _matches(_STAMP_RE, text, top_end, bottom_start):
        rule = "updated" if "updated" in m["kw"].lower() else "stamp"
        found.extend(_day_candidate(rule, m))
    for m in _matches(_DATELINE_RE, text, top_end, None):
        if (month_day := _yearless_date(m)) is not None:
            yearless.append(_Dateline(*month_day, *m.span("ev")))
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


def _day_candidate(rule: str, m: re.Match[str]) -> list[_Candidate]:
    """A day candidate from a match holding a full date, if the date and weekday hold."""
    day = _full_date(m) or _compact_date(m)
    if day is None or not _weekday_fits(m, day):
        LOGGER.debug("%s rule: %r is no valid date", rule, m["ev"])
        return []
    start, end = m.span("ev")
    return [_Candidate(rule, day.year, day, start, end)]


def _date_line_candidates(text: str, top_end: int) -> list[_Candidate]:
    """Top lines holding only a date; none when the page carries several different ones."""
    found = [c for m in _DATE_LINE_RE.finditer(text) for c in _day_candidate("date line", m)]
    if len({c.day for c in found}) > 1:
        LOGGER.debug("several different date lines: a timeline, not a stamp")
        return []
    return [c for c in found if c.start < top_end]


def _copyright_candidates(text: str, top_end: int, bottom_start: int) -> list[_Candidate]:
    """Year candidates from short copyright lines naming one single year."""
    found = []
    for m in _matches(_COPYRIGHT_RE, text, top_end, bottom_start):
        if len(_ANY_YEAR_RE.findall(m["ev"])) != 1:
            continue
        year = int(m["cy1"] or m["cy2"])
        start, end = m.span("ev")
        found.append(_Candidate("copyright", year, None, start, end))
    return found


def _pinned_datelines(yearless: list[_Dateline], copyrights: list[_Candidate]) -> list[_Candidate]:
    """Yearless datelines given their year by the one copyright year, away from New Year."""
    years = {c.year for c in copyrights}
    if len(years) != 1 or not yearless:
        return []
    year = years.pop()
    found = []
    for dateline in yearless:
        day = _safe_date(year, dateline.month, dateline.day)
        if day is None:
            continue
        if _near_new_year(day):
            LOGGER.debug("dateline %s too near New Year to take the copyright year", day)
            continue
        found.append(_Candidate("dateline+copyright", year, day, dateline.start, dateline.end))
    return found


def _near_new_year(day: date) -> bool:
    """Whether the day lies within YEAR_EDGE_DAYS of a 1 January."""
    next_new_year = date(day.year + 1, 1, 1)
    return (day - date(day.year, 1, 1)).days < YEAR_EDGE_DAYS or (
        next_new_year - day
    ).days <= YEAR_EDGE_DAYS


def _mentions(text: str) -> list[_Mention]:
    """Full dates, month-year mentions and bare years anywhere in the text, left to right."""
    found: list[_Mention] = []
    for m in _MENTION_RE.finditer(text):
        if m["by"] is not None:
            found.append(_Mention(date(int(m["by"]), 1, 1), "year", *m.span()))
        elif m["my_y"] is not None:
            earliest = date(int(m["my_y"]), _month_number(m["my_m"]), 1)
            found.append(_Mention(earliest, "month", *m.span()))
        elif (day := _full_date(m)) is not None:
            found.append(_Mention(day, "day", *m.span()))
    return found


def _inside(mention: _Mention, spans: list[tuple[int, int]]) -> bool:
    """Whether the mention overlaps any of the spans."""
    return any(mention.start < end and start < mention.end for start, end in spans)


def _consistent(candidate: _Candidate, mentions: list[_Mention], text: str) -> bool:
    """Whether no date the text reports as past falls after the candidate."""
    for mention in mentions:
        if _later(mention, candidate) and not _future_context(text, mention):
            LOGGER.debug(
                "%s candidate %s dropped: text reports %r",
                candidate.rule,
                candidate.day or candidate.year,
                text[mention.start : mention.end],
            )
            return False
    return True


def _later(mention: _Mention, candidate: _Candidate) -> bool:
    """Whether the mention lies after the candidate at the candidate's precision."""
    if candidate.day is None:
        return mention.earliest.year > candidate.year
    if mention.precision == "year":
        return False
    slack = timedelta(days=TIME_ZONE_SLACK_DAYS if mention.precision == "day" else 0)
    return mention.earliest > candidate.day + slack


def _future_context(text: str, mention: _Mention) -> bool:
    """Whether words of the future surround the mention (a plan, a deadline, a schedule)."""
    before = text[max(0, mention.start - FUTURE_WINDOW_CHARS) : mention.start]
    after = text[mention.end : mention.end + FUTURE_WINDOW_CHARS]
    return bool(_FUTURE_BEFORE_RE.search(before) or _FUTURE_AFTER_RE.search(after))


def _choose(candidates: list[_Candidate], yearless: list[_Dateline]) -> _Candidate | None:
    """The best-ranked candidate, or None when candidates of one tier contradict each other."""
    copyright_years = {c.year for c in candidates if c.rule == "copyright"}
    for tier in _TIERS:
        found = sorted((c for c in candidates if c.rule in tier), key=lambda c: tier.index(c.rule))
        if not found:
            continue
        if not _agree(found):
            LOGGER.debug("conflicting %s dates: %s", "/".join(tier), [c.day for c in found])
            return None
        best = found[0]
        if best.day is not None and not _fits_context(best, copyright_years, yearless):
            return None
        return best
    return None


def _agree(candidates: list[_Candidate]) -> bool:
    """Whether the candidates name the same date, within AGREE_DAYS for days."""
    days = [c.day for c in candidates if c.day is not None]
    if days:
        return (max(days) - min(days)).days <= AGREE_DAYS
    return len({c.year for c in candidates}) == 1


def _fits_context(
    best: _Candidate,
    copyright_years: set[int],
    yearless: list[_Dateline],
) -> bool:
    """Whether a day candidate agrees with the copyright year and any yearless dateline."""
    if best.day is None:
        return True
    if copyright_years and best.day.year not in copyright_years:
        LOGGER.debug("%s date %s disagrees with copyright %s", best.rule, best.day, copyright_years)
        return False
    for dateline in yearless:
        if _distance_any_year(best.day, dateline.month, dateline.day) > AGREE_DAYS:
            LOGGER.debug("%s date %s disagrees with a yearless dateline", best.rule, best.day)
            return False
    return True


def _distance_any_year(day: date, month: int, day_number: int) -> int:
    """Days between `day` and the nearest occurrence of month/day_number around it."""
    distances = []
    for year in (day.year - 1, day.year, day.year + 1):
        try:
            distances.append(abs((date(year, month, day_number) - day).days))
        except ValueError:
            continue
    return min(distances, default=366)


# ---------------------------------------------------------------- reading matched dates


def _month_number(name: str) -> int:
    """The month number of an English month name or abbreviation."""
    return MONTH_NUMBERS[name[:3].lower()]


def _group(m: re.Match[str], name: str) -> str | None:
    """A named group's text, or None when the pattern has no such group or it did not take part."""
    return m.groupdict().get(name)


def _full_date(m: re.Match[str]) -> date | None:
    """The date a match of the full-date pattern names, or None when it is no real day."""
    for order in ("mdy", "dmy", "iso"):
        year = _group(m, f"{order}_y")
        if year is None:
            continue
        month_text = _group(m, f"{order}_m") or ""
        month = int(month_text) if month_text.isdigit() else _month_number(month_text)
        return _safe_date(int(year), month, _day_number(_group(m, f"{order}_d") or ""))
    return None


def _compact_date(m: re.Match[str]) -> date | None:
    """The date of a compact source-line date such as 09Aug11."""
    year_text = _group(m, "c_y")
    if year_text is None:
        return None
    year = int(year_text)
    if len(year_text) == 2:
        year += 2000 if year < TWO_DIGIT_YEAR_PIVOT else 1900
    return _safe_date(year, _month_number(_group(m, "c_m") or ""), int(_group(m, "c_d") or 0))


def _yearless_date(m: re.Match[str]) -> tuple[int, int] | None:
    """Month and day of a yearless dateline, or None when the match has a full date."""
    for order in ("md", "dm"):
        month_text = _group(m, f"{order}_m")
        if month_text is not None:
            return _month_number(month_text), _day_number(_group(m, f"{order}_d") or "")
    return None


def _day_number(text: str) -> int:
    """The day of the month from '7', '07' or '7th'."""
    return int(text.rstrip("stndrh"))


def _safe_date(year: int, month: int, day: int) -> date | None:
    """A date, or None when the parts name no real day."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _weekday_fits(m: re.Match[str], day: date) -> bool:
    """Whether a weekday written with the date (if any) is the date's weekday."""
    weekday = _group(m, "wd")
    return weekday is None or WEEKDAYS.index(weekday[:3].lower()) == day.weekday()
