"""Dates the text mentions anywhere, which only bound the publication date from below.

Rules measured and rejected (`benchmarks/dating_dev.py --probe-body`, 23 development
articles): the newest date the body reports as past, taken as the publication month,
fires on 6 and is wrong on 5; taken as the publication year, fires on 15 and is wrong
on 13; the one month all the body's dates share, when the body also speaks of recent
days ("on Tuesday", "this week"), fires on 5 and is wrong on all 5. Full dates in a
body are event dates, mostly background ones (a 2009 cable, a 2006 coup), and a report
of 1 January on events of 1-2 December crosses both month and year; they only bound the
publication date from below, which is all this package uses them for. A weekday beside a
full date in a sentence ("on Tuesday, Nov. 6, 2012") opens retrospectives as often as
reports, and a weekday word alone pins nothing without a year: neither is used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from eventwire.ingest.dating.written import FULL, MON, YEAR, full_date, month_number
from eventwire.records import Precision

# Words of the future this many characters before a date make it a plan, not a report.
FUTURE_WINDOW_CHARS = 50

# Dates mentioned anywhere: a full date, else a month and year, else a year standing alone
# (not an amount, a code or part of a number).
_MENTION_RE = re.compile(
    rf"(?<![\w-]){FULL}"
    rf"|(?<![\w-])(?P<my_m>{MON})\.?,?\s+(?P<my_y>{YEAR})"
    r"|(?<![\w$£€.,/-])(?P<by>(?:1[89]|20)\d{2})(?![\w%/-]|[.,]\d)"
)
_FUTURE_BEFORE_RE = re.compile(
    r"\b(?:will|would|shall|to be|scheduled|due|expected|set (?:to|for)|plan(?:s|ned|ning)?"
    r"|until|till|by|next|upcoming|ahead of|before|from|starting|beginning|aims?|hopes?"
    r"|could|may|might|should|must|intends?|deadline|target(?:s|ed)?)\b",
    re.IGNORECASE,
)
_FUTURE_AFTER_RE = re.compile(r"^\W{0,3}(?:\w+\s+){0,2}(?:deadline|target|goal)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Mention:
    """A date the text mentions, at the earliest day it can denote."""

    earliest: date
    precision: Precision
    start: int
    end: int


def find_mentions(text: str) -> list[Mention]:
    """Full dates, month-year mentions and bare years anywhere in the text, left to right."""
    found: list[Mention] = []
    for m in _MENTION_RE.finditer(text):
        if m["by"] is not None:
            found.append(Mention(date(int(m["by"]), 1, 1), "year", *m.span()))
        elif m["my_y"] is not None:
            earliest = date(int(m["my_y"]), month_number(m["my_m"]), 1)
            found.append(Mention(earliest, "month", *m.span()))
        elif (day := full_date(m)) is not None:
            found.append(Mention(day, "day", *m.span()))
    return found


def future_context(text: str, mention: Mention) -> bool:
    """Whether words of the future surround the mention (a plan, a deadline, a schedule)."""
    before = text[max(0, mention.start - FUTURE_WINDOW_CHARS) : mention.start]
    after = text[mention.end : mention.end + FUTURE_WINDOW_CHARS]
    return bool(_FUTURE_BEFORE_RE.search(before) or _FUTURE_AFTER_RE.search(after))
