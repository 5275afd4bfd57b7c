"""English written dates: the pattern pieces the dating rules share, and the dates they match."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from types import MappingProxyType

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

MON = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)(?![a-z])"
)
YEAR = r"(?:1[89]|20)\d{2}(?!\d)"
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
WEEKDAY = r"(?P<wd>(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*)\.?,?"
# Time zone abbreviations end in T (GMT, EST, CEST, ET) or are UTC; a bare capitalised
# word after a time is the dateline or the next sentence, not a zone.
ZONE = r"(?:[A-Z]{0,3}T|UTC)(?![A-Za-z])"
TIME = (
    r"\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?"
    rf"(?:\s*(?:\(?{ZONE}\)?|[+-]\d{{2}}:?\d{{2}}))?"
)
FULL = (
    rf"(?:(?P<mdy_m>{MON})\.?\s+(?P<mdy_d>{DAY}),?\s+(?P<mdy_y>{YEAR})"
    rf"|(?P<dmy_d>{DAY})\s+(?:of\s+)?(?P<dmy_m>{MON})\.?,?\s+(?P<dmy_y>{YEAR})"
    rf"|(?P<iso_y>{YEAR})-(?P<iso_m>[01]\d)-(?P<iso_d>[0-3]\d)(?!\d))"
)
YEARLESS = rf"(?:(?P<md_m>{MON})\.?\s+(?P<md_d>{DAY})|(?P<dm_d>{DAY})\s+(?P<dm_m>{MON})\.?)"
COMPACT = rf"(?P<c_d>[0-3]\d)(?P<c_m>{MON})(?P<c_y>\d{{4}}|\d{{2}})(?!\d)"
DATE_TAIL = rf"(?:\s*(?:[,|·•]|\bat\b|-)?\s*{TIME})?"


def inline(pattern: str) -> str:
    """The pattern with its whitespace kept within one line, for rules read line by line."""
    return pattern.replace(r"\s", r"[ \t]")


def month_number(name: str) -> int:
    """The month number of an English month name or abbreviation."""
    return MONTH_NUMBERS[name[:3].lower()]


def _group(m: re.Match[str], name: str) -> str | None:
    """A named group's text, or None when the pattern has no such group or it did not take part."""
    return m.groupdict().get(name)


def full_date(m: re.Match[str]) -> date | None:
    """The date a match of the full-date pattern names, or None when it is no real day."""
    for order in ("mdy", "dmy", "iso"):
        year = _group(m, f"{order}_y")
        if year is None:
            continue
        month_text = _group(m, f"{order}_m") or ""
        month = int(month_text) if month_text.isdigit() else month_number(month_text)
        return safe_date(int(year), month, day_number(_group(m, f"{order}_d") or ""))
    return None


def compact_date(m: re.Match[str]) -> date | None:
    """The date of a compact source-line date such as 09Aug11."""
    year_text = _group(m, "c_y")
    if year_text is None:
        return None
    year = int(year_text)
    if len(year_text) == 2:
        year += 2000 if year < TWO_DIGIT_YEAR_PIVOT else 1900
    return safe_date(year, month_number(_group(m, "c_m") or ""), int(_group(m, "c_d") or 0))


def yearless_date(m: re.Match[str]) -> tuple[int, int] | None:
    """Month and day of a yearless dateline, or None when the match has a full date."""
    for order in ("md", "dm"):
        month_text = _group(m, f"{order}_m")
        if month_text is not None:
            return month_number(month_text), day_number(_group(m, f"{order}_d") or "")
    return None


def day_number(text: str) -> int:
    """The day of the month from '7', '07' or '7th'."""
    return int(text.rstrip("stndrh"))


def safe_date(year: int, month: int, day: int) -> date | None:
    """A date, or None when the parts name no real day."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def weekday_fits(m: re.Match[str], day: date) -> bool:
    """Whether a weekday written with the date (if any) is the date's weekday."""
    weekday = _group(m, "wd")
    return weekday is None or WEEKDAYS.index(weekday[:3].lower()) == day.weekday()
