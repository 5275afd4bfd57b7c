"""Narrative time: dates read against another time of the text rather than publication.

News tells a story in time order, and some time words lean on the time the story last
named rather than on the publication date. This module reads them; the caller
(`eventwire.events.when`) decides when they apply.

- The story's last date before a word (`previous_date`): the nearest phrase before it, in
  its sentence or the few sentences before, that reads as a date by itself ("in July 2011",
  "on May 15", "on Monday") — a month, weekday, day word or year with its neighbours.
- A shift from it (`shifted`): "four years earlier" is four years before that date, at the
  precision the unit allows ("two days later" a day, "a week earlier" a stretch, "years
  earlier" a year), never more precise than that date.
- A yearless month or day in a past clause that follows an explicit date of a clause
  governing it in the same sentence takes that date's year, or the next ("extradited in
  July 2011, where he went on trial in November": November 2011) (`narrative_year`).

Words are data (`data/events/time_narrative.tsv`).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from types import MappingProxyType

from spacy.tokens import Token

from eventwire.events.context_data import check_value, read_rows
from eventwire.events.context_timex import (
    LESS_PRECISE,
    Anchor,
    iso,
    load_time_words,
    make_date,
    resolve,
    shift_months,
    stretch,
    tag,
    year_number,
)
from eventwire.records import Precision

LOGGER = logging.getLogger(__name__)

NARRATIVE_FILE = "time_narrative.tsv"
KINDS = frozenset({"shift", "measure", "anaphor", "unit"})
# Letters of `context_timex.tag` that may stand in a date phrase read on its own.
DATE_LETTERS = frozenset({"M", "d", "y", "W", "R", "O", "P", "-"})
# Letters that make a phrase a date by themselves (a month, weekday, day word or year).
ROOT_LETTERS = frozenset({"M", "W", "R", "y"})
# How far back the story's last date is looked for, in sentences.
MAX_SENTENCES_BACK = 3
DAYS: Mapping[str, int] = MappingProxyType({"day": 1, "week": 7, "weekend": 7})
RANK: Mapping[str, int] = MappingProxyType({"year": 0, "month": 1, "day": 2})


@dataclass(frozen=True)
class Told:
    """A date the story names: its first day and its precision."""

    day: date
    precision: Precision


@lru_cache(maxsize=1)
def load_narrative_words() -> Mapping[str, tuple[str, int]]:
    """The packaged narrative time words, validated: word -> (kind, value)."""
    found: dict[str, tuple[str, int]] = {}
    for word, kind, value in read_rows(NARRATIVE_FILE, ("word", "kind", "value")):
        check_value(kind, KINDS, NARRATIVE_FILE, "kind")
        found[word] = (kind, int(value))
    return MappingProxyType(found)


def narrative_kind(token: Token) -> tuple[str, int] | None:
    """The (kind, value) of a narrative time word, or None."""
    return load_narrative_words().get(token.lower_)


def told(value: str, precision: Precision) -> Told:
    """A resolved ISO value as a Told date."""
    parts = [int(part) for part in value.split("-")]
    return Told(date(parts[0], *(parts[1:] + [1, 1])[:2]), precision)


def previous_date(token: Token, anchor: Anchor | None) -> Told | None:
    """The last date the text names before `token` (its sentence, then a few before)."""
    doc = token.doc
    sentence = token.sent
    first = sentence.start
    for _ in range(MAX_SENTENCES_BACK):
        if first == 0:
            break
        first = doc[first - 1].sent.start
    words = load_time_words()
    position = token.i - 1
    while position >= first:
        letter, _ = tag(doc[position], words)
        if letter not in ROOT_LETTERS:
            position -= 1
            continue
        start, end = position, position + 1
        while start > first and tag(doc[start - 1], words)[0] in DATE_LETTERS | {""}:
            start -= 1
        while end < token.i and tag(doc[end], words)[0] in DATE_LETTERS | {""}:
            end += 1
        found = resolve(doc[start:end], anchor, False)
        if found is not None:
            return told(found.value, found.precision)
        position = start - 1
    return None


def shifted(
    base: Told, count: int, unit: str, direction: int, unit_days: int | None = None
) -> tuple[str, Precision] | None:
    """The date `count` units (day, week, month, year; or of `unit_days` days) from `base`."""
    if unit_days is not None:
        unit, count = "day", count * unit_days
    if unit == "year":
        return str(base.day.year + direction * count), "year"
    if unit == "month":
        if base.precision == "year":
            return None
        return iso(shift_months(base.day, direction * count), "month"), "month"
    days = DAYS.get(unit)
    if days is None:
        return None
    if base.precision != "day":
        return None if days * count > 27 else (iso(base.day, base.precision), base.precision)
    moved = base.day + timedelta(days=direction * days * count)
    if days == 1:
        return moved.isoformat(), "day"
    return stretch(*sorted((moved, moved + timedelta(days=days - 1))))


def measure_of(words: Sequence[Token]) -> tuple[int, str, int | None] | None:
    """The count and unit of a measure ("four years", "a day", "hours"), or None.

    The third value is the unit's length in days when the time words lack the unit.
    """
    count, unit, days = 1, None, None
    time_words = load_time_words()
    for token in words:
        letter, value = tag(token, time_words)
        if letter in ("n", "d"):
            count = int(value)
        elif letter == "U":
            unit = value.rstrip("+")
        else:
            kind = narrative_kind(token)
            if kind is not None and kind[0] == "unit":
                unit, days = "day", kind[1]
    return (count, unit, days) if unit else None


def less_precise(value: str, precision: Precision) -> tuple[str, Precision] | None:
    """A date one step less precise (None below a year)."""
    less = LESS_PRECISE[precision]
    if less is None:
        return None
    return value[: {"month": 7, "year": 4}[less]], less


def narrative_year(
    value: str, precision: Precision, yearless: Sequence[Token], governing: Sequence[Token]
) -> tuple[str, Precision] | None:
    """A yearless month or day moved to follow an explicit date of a governing clause.

    `yearless` are the words that gave `value`; `governing` the words of the explicit date
    (with a year) before them. None when the date stands as it is.
    """
    if precision == "year" or any(year_number(t.text) for t in yearless):
        return None
    base = resolve(governing, None, False)
    if base is None or not any(year_number(t.text) for t in governing):
        return None
    start = told(base.value, base.precision)
    month = int(value[5:7])
    day = int(value[8:10]) if precision == "day" else 1
    year = start.day.year
    if base.precision != "year" and (month, day) < (start.day.month, start.day.day):
        year += 1
    moved = make_date(year, month, day)
    if moved is None or moved.year >= int(value[:4]):
        return None  # the publication's year is already at or before the story's
    return iso(moved, precision), precision
