"""Publication dates given by metadata, normalised.

`parse_published` reads a metadata value. The common forms (ISO dates and datetimes,
`YYYY-MM`, `YYYY`, `YYYYMMDD`, RFC 2822, ctime, "Nov. 7, 2012", "7 November 2012",
numeric dates) go through explicit patterns; anything else goes to `dateparser`, asked
first for all of day, month and year and then for month and year only, so that a missing
part is never filled from today's date. A datetime keeps the calendar date as written;
no time zone conversion is made. Dotted numeric dates are read day first (07.11.2012);
slashed or dashed ones where day and month could swap (03/04/2012) are refused rather
than guessed, and are never passed to dateparser, which would guess. A weekday that
does not fall on the date makes the value unreadable.
"""

from __future__ import annotations

import logging
import re
from datetime import date

from dateparser.date import DateDataParser

from eventwire.ingest.dating.written import (
    DAY,
    FULL,
    MON,
    TIME,
    WEEKDAY,
    YEAR,
    ZONE,
    day_number,
    full_date,
    month_number,
    safe_date,
    weekday_fits,
)
from eventwire.records import PublishedDate

LOGGER = logging.getLogger(__name__)

# Metadata forms, matched against the whole stripped value, case-insensitively.
_META_ZONE = rf"(?:\s*(?:Z|{ZONE}|[+-]\d{{2}}(?::?\d{{2}})?))?"
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
    rf"(?:{WEEKDAY}\s+)?(?P<ct_m>{MON})\s+(?P<ct_d>{DAY})\s+{TIME}\s+(?P<ct_y>{YEAR})",
    re.IGNORECASE,
)
_META_WRITTEN_RE = re.compile(
    rf"(?:{WEEKDAY}\s*)?{FULL}(?:\s*(?:,|\bat\b|T)?\s*{TIME})?{_META_ZONE}\s*\.?",
    re.IGNORECASE,
)
_META_WRITTEN_MONTH_RE = re.compile(
    rf"(?P<my_m>{MON})\.?,?\s+(?P<my_y>{YEAR})\s*\.?", re.IGNORECASE
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
        day = full_date(m)
    elif m := _META_CTIME_RE.fullmatch(text):
        day = safe_date(int(m["ct_y"]), month_number(m["ct_m"]), day_number(m["ct_d"]))
    elif m := _META_WRITTEN_MONTH_RE.fullmatch(text):
        return _month_value(int(m["my_y"]), month_number(m["my_m"]))
    else:
        return None
    if day is None:
        raise ValueError("no such day")
    if not weekday_fits(m, day):
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
