"""Dates at their precision as periods of days, and the buckets of a series."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

PRECISION_RANK = {"day": 0, "month": 1, "year": 2}
BUCKETS = ("day", "week", "month")


@dataclass(frozen=True)
class Period:
    """The days a date at its precision may stand for, first and last included."""

    first: dt.date
    last: dt.date

    def overlaps(self, other: Period) -> bool:
        """Whether the two periods share a day."""
        return self.first <= other.last and other.first <= self.last

    def widened(self, before: int, after: int) -> Period:
        """The period with days added before and after."""
        return Period(self.first - dt.timedelta(days=before), self.last + dt.timedelta(days=after))


def parse_period(value: str | None) -> Period | None:
    """The period of an ISO date at any precision (`2010`, `2012-11`, `2012-11-07`)."""
    if not value:
        return None
    try:
        parts = [int(p) for p in value[:10].split("-")]
        if len(parts) == 1:
            return Period(dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31))
        if len(parts) == 2:
            last_day = calendar.monthrange(parts[0], parts[1])[1]
            return Period(dt.date(parts[0], parts[1], 1), dt.date(parts[0], parts[1], last_day))
        day = dt.date(parts[0], parts[1], parts[2])
    except (ValueError, IndexError):
        return None
    return Period(day, day)


def precision_of(value: str | None) -> str | None:
    """The precision an ISO date is written at."""
    if not value:
        return None
    return {4: "year", 7: "month"}.get(len(value[:10]), "day")


def bucket_of(value: str, precision: str | None, by: str) -> str | None:
    """The series bucket of a date (`2012-11-05` for its week, `2012-11` for its month).

    A date coarser than the bucket has none: "November 2012" falls on no one day or week.
    """
    if by not in BUCKETS:
        raise ValueError(f"[E804] a series goes by day, week or month, not {by!r}")
    precision = precision or precision_of(value)
    period = parse_period(value)
    if period is None or precision is None:
        return None
    if PRECISION_RANK[precision] > {"day": 0, "week": 0, "month": 1}[by]:
        return None
    day = period.first
    if by == "day":
        return day.isoformat()
    if by == "week":
        return (day - dt.timedelta(days=day.weekday())).isoformat()
    return day.strftime("%Y-%m")
