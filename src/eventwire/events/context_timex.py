"""Time expressions: reading the words of one located phrase into a date at its precision.

The caller (`eventwire.events.when`) finds the phrase in the parse; this module only reads
its words, against the publication date, and never against today's date. Each word gets
a kind from `data/events/time_words.tsv` and the sequence of kinds is matched against a
few shapes, the most explicit first:

- a full date ("November 7, 2012", "7 Nov. 2012") gives the day;
- two days of one month ("May 18-19", "from Aug. 28 to 30") give the month;
- a month and day without year ("March 4") give the day, in the publication's year, or the
  year before when that day would come after publication in a past clause (the year
  after when it would come before publication in a future clause);
- a month and year ("December 2010") give the month; a month alone ("in September") the
  latest such month not after publication (past) or the next not before it (future);
- a weekday gives the latest such day on or before publication (past) or the next on or
  after it (future); "last Tuesday" is strictly before, "next Tuesday" strictly after;
- "yesterday", "today", "tomorrow", "last night" give a day;
- "three days ago" a day, "two months ago" a month, "a year ago" a year;
- "last week", "this month", "earlier this year", "in recent weeks", "in the coming days":
  a stretch of time, given as its month when it lies in one month, else as its year when
  it lies in one year, else no date (a week has no honest day);
- a bare year ("in 2010", "a 2015 accord") gives the year;
- an adverb of repeated or ongoing acts ("regularly", "frequently") gives the publication
  year, and "recently" the last three months before publication, read as a stretch.

After "after" or "before" the date keeps one step less precision ("after May 15" is some
time in May at best).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from types import MappingProxyType

from spacy.tokens import Token

from eventwire.events.context_data import check_value, read_rows
from eventwire.records import Precision

LOGGER = logging.getLogger(__name__)

TIME_WORDS_FILE = "time_words.tsv"
KINDS = frozenset(
    {
        "month",
        "weekday",
        "day",
        "unit",
        "offset",
        "span",
        "part",
        "number",
        "ago",
        "range",
        "filler",
        "prep",
        "link",
        "onset",
        "vague",
    }
)
# Kinds whose words are proper nouns: they count only when written with a capital.
CAPITALISED_KINDS = frozenset({"month", "weekday"})
# Kinds that can head a time phrase in the parse ("last week", "Tuesday", "two days ago").
ROOT_KINDS = frozenset({"month", "weekday", "day", "unit", "part", "ago", "vague"})
YEARS = range(1800, 2100)
# Dependents that carry a time phrase without a preposition ("Sunday", "a 2015 accord").
TIME_DEPS = frozenset(
    {"npadvmod", "tmod", "advmod", "obl", "nmod", "poss", "compound", "nummod", "amod"}
)
# A stretch of "recent" or "coming" units without a number spans this many of them.
DEFAULT_SPAN_COUNT = 3
# The letter each kind of word has in the shapes of a phrase; fillers are dropped.
LETTERS: Mapping[str, str] = MappingProxyType(
    {
        "month": "M",
        "weekday": "W",
        "day": "R",
        "unit": "U",
        "offset": "O",
        "span": "S",
        "part": "P",
        "number": "n",
        "ago": "A",
        "range": "-",
        "filler": "",
        "prep": "x",
        "link": "x",
        "onset": "x",
        "vague": "V",
    }
)
LESS_PRECISE: Mapping[str, Precision | None] = MappingProxyType(
    {"day": "month", "month": "year", "year": None}
)


@dataclass(frozen=True)
class TimeWords:
    """Each time word with its kind and value."""

    kinds: Mapping[str, tuple[str, str]]

    def kind(self, word: str) -> tuple[str, str] | None:
        """The (kind, value) of a lower-case word, or None."""
        return self.kinds.get(word)


@dataclass(frozen=True)
class Anchor:
    """The publication date that relative times are read against, at its precision."""

    day: date
    precision: Precision


@dataclass(frozen=True)
class Resolved:
    """A date read from words: ISO value at its precision, and the words' token range."""

    value: str
    precision: Precision
    first: int  # index into the tokens given, inclusive
    last: int  # inclusive


@lru_cache(maxsize=1)
def load_time_words() -> TimeWords:
    """The packaged time words, validated."""
    kinds: dict[str, tuple[str, str]] = {}
    for word, kind, value in read_rows(TIME_WORDS_FILE, ("word", "kind", "value")):
        check_value(kind, KINDS, TIME_WORDS_FILE, "kind")
        kinds[word] = (kind, value)
    return TimeWords(MappingProxyType(kinds))


@lru_cache(maxsize=16)
def words_of_kind(kind: str) -> Mapping[str, str]:
    """The time words of one kind, with their values."""
    return MappingProxyType(
        {word: value for word, (found, value) in load_time_words().kinds.items() if found == kind}
    )


def normal(text: str) -> str:
    """A token's text as the word lists spell it: lower case, no final full stop."""
    lowered = text.lower()
    return lowered[:-1] if len(lowered) > 1 and lowered.endswith(".") else lowered


def word_kind(token: Token, words: TimeWords) -> tuple[str, str] | None:
    """The (kind, value) of a token, honouring capitals for months and weekdays."""
    found = words.kind(normal(token.text))
    if found is None:
        return None
    if found[0] in CAPITALISED_KINDS and not token.text[:1].isupper():
        return None
    return found


def year_number(text: str) -> int | None:
    """The year a token names ("2010"), or None."""
    if len(text) == 4 and text.isdigit() and int(text) in YEARS:
        return int(text)
    return None


def is_time_root(token: Token) -> bool:
    """Whether a token can head a time phrase: a month, weekday, time unit or year."""
    found = word_kind(token, load_time_words())
    return (found is not None and found[0] in ROOT_KINDS) or year_number(token.text) is not None


def has_time_dependent(token: Token) -> bool:
    """Whether a word carries a time phrase of its own ("the 2003 torching", "talks last week")."""
    preps = words_of_kind("prep")
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            if any(obj.dep_ == "pobj" and is_time_root(obj) for obj in child.children):
                return True
        elif child.dep_ in TIME_DEPS and is_time_root(child):
            return True
    return False


def tag(token: Token, words: TimeWords) -> tuple[str, str]:
    """One letter for the token's role in a time phrase, and its value."""
    text = token.text
    if year_number(text) is not None:
        return "y", text
    digits = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?", text.lower())
    if digits:
        number = int(digits.group(1))
        return ("d" if 1 <= number <= 31 else "n"), str(number)
    if text.isdigit():
        return "n", text
    found = word_kind(token, words)
    if found is None:
        return "x", text
    value = found[1]
    if found[0] == "unit" and text.lower().endswith("s"):
        value += "+"  # a plural unit: "weeks"
    return LETTERS[found[0]], value


def resolve(
    tokens: Sequence[Token], anchor: Anchor | None, future: bool, prep: str = "at"
) -> Resolved | None:
    """The date a time phrase gives, read against publication; None when it gives none.

    Without a publication date only absolute dates ("in 2010", "March 2009") are read.
    """
    words = load_time_words()
    letters: list[str] = []
    values: list[str] = []
    positions: list[int] = []
    for position, token in enumerate(tokens):
        letter, value = tag(token, words)
        if letter:
            letters.append(letter)
            values.append(value)
            positions.append(position)
    shape = "".join(letters)
    if YEAR_RANGE.search(shape):
        return None  # "from 2003 to 2009": a span of years, no one date
    for pattern, reader in SHAPES:
        if anchor is None and reader not in ABSOLUTE_READERS:
            continue
        for match in re.finditer(pattern, shape):
            found = reader(
                match.group(), values[match.start() : match.end()], anchor or NO_ANCHOR, future
            )
            if found is None:
                continue
            value, precision = found
            adjusted = adjust_for_prep(value, precision, prep)
            if adjusted is None:
                return None
            return Resolved(
                adjusted[0], adjusted[1], positions[match.start()], positions[match.end() - 1]
            )
    return None


def adjust_for_prep(value: str, precision: Precision, prep: str) -> tuple[str, Precision] | None:
    """The date kept after "after"/"before": one step less precise."""
    if prep not in ("after", "before"):
        return value, precision
    less = LESS_PRECISE[precision]
    if less is None:
        return None
    return value[: {"month": 7, "year": 4}[less]], less


def iso(day: date, precision: Precision) -> str:
    """A date written at a precision."""
    return {"day": day.isoformat(), "month": day.isoformat()[:7], "year": str(day.year)}[precision]


def make_date(year: int, month: int, day: int) -> date | None:
    """A calendar date, or None for 30 February and the like."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def full_date(
    shape: str, values: Sequence[str], anchor: Anchor, future: bool
) -> tuple[str, Precision] | None:
    """ "7 November 2012" or "November 7, 2012"."""
    month, day = (values[1], values[0]) if shape[0] == "d" else (values[0], values[1])
    found = make_date(int(values[2]), int(month), int(day))
    return (found.isoformat(), "day") if found else None


def day_range(
    shape: str, values: Sequence[str], anchor: Anchor, future: bool
) -> tuple[str, Precision] | None:
    """ "May 18-19", "28 to 30 August": the month."""
    month = int(values[0] if shape[0] == "M" else values[3])
    first = int(values[1] if shape[0] == "M" else values[0])
    year = int(values[-1]) if shape[-1] == "y" else None
    if year is None:
        if anchor is NO_ANCHOR:
            return None
        return yearless(month, first, anchor, future, "month")
    return f"{year:04d}-{month:02d}", "month"


def month_day(
    shape: str, values: Sequence[str], anchor: Anchor, future: bool
) -> tuple[str, Precision] | None:
    """ "March 4" or "4 March", without a year."""
    month, day = (values[1], values[0]) if shape[0] == "d" else (values[0], values[1])
    return yearless(int(month), int(day), anchor, future, "day")


def yearless(
    month: int, day: int, anchor: Anchor, future: bool, precision: Precision
) -> tuple[str, Precision] | None:
    """A month and day placed in the year that keeps a past clause not after publication."""
    year = anchor.day.year + year_shift(month, day, anchor, future)
    found = make_date(year, month, day)
    return (iso(found, precision), precision) if found else None


def year_shift(month: int, day: int, anchor: Anchor, future: bool) -> int:
    """-1, 0 or 1: the year, from publication's, that puts a month and day on the clause's side."""
    if anchor.precision == "year":
        return 0
    if anchor.precision == "month":
        later, earlier = month > anchor.day.month, month < anchor.day.month
    else:
        # A day's slack: the event may be dated in a time zone ahead of the publisher's.
        point = make_date(anchor.day.year, month, min(day, 28 if month == 2 else day))
        if point is None:
            return 0
        later = point > anchor.day + timedelta(days=1)
        earlier = point < anchor.day - timedelta(days=1)
    if not future and later:
        return -1
    if future and earlier:
        return 1
    return 0


def month_year(
    shape: str, values: Sequence[str], anchor: Anchor, future: bool
) -> tuple[str, Precision]:
    """ "December 2010"."""
    return f"{int(values[1]):04d}-{int(values[0]):02d}", "month"


def month_alone(
    shape: str, values: Sequence[str], anchor: Anchor, future: bool
) -> tuple[str, Precision] | None:
    """ "in September", or "in September last year"."""
    month = int(values[0])
    if len(values) == 3:
        if values[2].rstrip("+") != "year":
            return None
        return f"{anchor.day.year + int(values[1]):04d}-{month:02d}", "month"
    if anchor.precision == "year":
        return None
    year = anchor.day.year
    if not future and month > anchor.day.month:
        year -= 1
    elif future and month < anchor.day.month:
        year += 1
    return f"{year:04d}-{month:02d}", "month"


def weekday(
    shape: str, values: Sequence[str], anchor: Anchor, future: bool
) -> tuple[str, Precision] | None:
    """ "Tuesday", "last Tuesday", "next Friday"."""
    if anchor.precision != "day":
        return None
    offset = int(values[0]) if len(values) == 2 else 0
    wanted = int(values[-1])
    today = anchor.day.weekday()
    if offset > 0 or (offset == 0 and future):
        ahead = (wanted - today) % 7 or (7 if offset > 0 else 0)
        return (anchor.day + timedelta(days=ahead)).isoformat(), "day"
    back = (today - wanted) % 7 or (7 if offset < 0 else 0)
    return (anchor.day - timedelta(days=back)).isoformat(), "day"


def day_word(
    shape: str, values: Sequence[str], anchor: Anchor, future: bool
) -> tuple[str, Precision] | None:
    """ "yesterday", "today", "tomorrow"."""
    if anchor.precision != "day":
        return None
    return (anchor.day + timedelta(days=int(values[0]))).isoformat(), "day"


def day_part(
    shape: str, values: Sequence[str], anchor: Anchor, future: bool
) -> tuple[str, Precision] | None:
    """ "last night", "this morning"."""
    if anchor.precision != "day":
        return None
    shift = int(values[1]) if int(values[0]) < 0 else int(values[0])
    return (anchor.day + timedelta(days=shift)).isoformat(), "day"


def ago(
    shape: str, values: Sequence[str], anchor: Anchor, future: bool
) -> tuple[str, Precision] | None:
    """ "three days ago", "two weeks ago", "a year ago"."""
    count = int(values[0]) if len(values) == 3 else 1
    unit = values[-2].rstrip("+")
    if unit == "year":
        return str(anchor.day.year - count), "year"
    if unit == "month":
        return (
            (iso(shift_months(anchor.day, -count), "month"), "month")
            if anchor.precision != "year"
            else None
        )
    if anchor.precision != "day":
        return None
    if unit == "day":
        return (anchor.day - timedelta(days=count)).isoformat(), "day"
    if unit == "week":
        middle = anchor.day - timedelta(weeks=count)
        return stretch(middle - timedelta(days=3), middle + timedelta(days=3))
    return None


def calendar_unit(
    shape: str, values: Sequence[str], anchor: Anchor, future: bool
) -> tuple[str, Precision] | None:
    """ "last week", "this month", "next year": the calendar unit around publication."""
    offset, unit = int(values[0]), values[-1]
    if len(values) == 3 or unit.endswith("+"):
        return rolling(shape, values, anchor, future)
    if unit == "year":
        return str(anchor.day.year + offset), "year"
    if unit == "month":
        if anchor.precision == "year":
            return None
        return iso(shift_months(anchor.day, offset), "month"), "month"
    if anchor.precision != "day":
        return None
    if unit == "week":
        monday = anchor.day - timedelta(days=anchor.day.weekday()) + timedelta(weeks=offset)
        if offset == 0:
            return stretch(*this_part(monday, monday + timedelta(days=6), anchor.day, future))
        return stretch(monday, monday + timedelta(days=6))
    if unit == "weekend":
        saturday = anchor.day + timedelta(days=(5 - anchor.day.weekday()) % 7)
        if saturday > anchor.day and (offset < 0 or (offset == 0 and not future)):
            saturday -= timedelta(weeks=1)
        if offset > 0 and saturday <= anchor.day:
            saturday += timedelta(weeks=1)
        return stretch(saturday, saturday + timedelta(days=1))
    return None


def this_part(start: date, end: date, today: date, future: bool) -> tuple[date, date]:
    """The part of a stretch before (past clause) or after (future clause) publication."""
    return (today, end) if future else (start, today)


def rolling(
    shape: str, values: Sequence[str], anchor: Anchor, future: bool
) -> tuple[str, Precision] | None:
    """ "the past two weeks", "in recent days", "in the coming days": so many units back or on."""
    direction = int(values[0])
    count = int(values[1]) if len(values) == 3 else DEFAULT_SPAN_COUNT
    if not values[-1].endswith("+") and len(values) == 2:
        count = 1
    unit = values[-1].rstrip("+")
    if direction == 0:
        direction = 1 if future else -1
    if unit == "year":
        return None if count > 1 else str(anchor.day.year + direction), "year"
    if unit == "month":
        far = shift_months(anchor.day, direction * count)
        return stretch(*sorted((anchor.day, far)))
    if anchor.precision != "day":
        return None
    days = {"day": 1, "week": 7, "weekend": 7}.get(unit)
    if days is None:
        return None
    far_day = anchor.day + timedelta(days=direction * days * count)
    return stretch(*sorted((anchor.day, far_day)))


def stretch(start: date, end: date) -> tuple[str, Precision] | None:
    """A stretch of days as the month it lies in, else the year, else nothing."""
    if (start.year, start.month) == (end.year, end.month):
        return iso(start, "month"), "month"
    if start.year == end.year:
        return str(start.year), "year"
    return None


def shift_months(day: date, months: int) -> date:
    """The first day of the month `months` away from `day`'s month."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def bare_year(
    shape: str, values: Sequence[str], anchor: Anchor, future: bool
) -> tuple[str, Precision]:
    """ "2010"."""
    return values[0], "year"


def vague(
    shape: str, values: Sequence[str], anchor: Anchor, future: bool
) -> tuple[str, Precision] | None:
    """ "regularly", "frequently": the publication year; "recently": so many days back."""
    if values[0] == "year":
        return str(anchor.day.year), "year"
    if anchor.precision != "day" or future:
        return None
    return stretch(anchor.day - timedelta(days=int(values[0])), anchor.day)


Reader = Callable[[str, Sequence[str], Anchor, bool], "tuple[str, Precision] | None"]
# Shapes over the letters of `tag`, the most explicit first.
SHAPES: tuple[tuple[str, Reader], ...] = (
    (r"dMy|Mdy", full_date),
    (r"Md-dy?|d-dMy?", day_range),
    (r"Md|dM", month_day),
    (r"My", month_year),
    (r"MOU|M(?![dy])", month_alone),
    (r"OW|W", weekday),
    (r"R", day_word),
    (r"OP", day_part),
    (r"[nd]UA", ago),
    (r"O[nd]?U", calendar_unit),
    (r"S[nd]?U", rolling),
    (r"y", bare_year),
    (r"V", vague),
)
# Readers that need no publication date.
ABSOLUTE_READERS = frozenset({full_date, day_range, month_year, bare_year})
YEAR_RANGE = re.compile(r"y-y")
# Stands in for a missing publication date in readers that do not use it.
NO_ANCHOR = Anchor(date.min, "year")
