"""Checking candidate publication dates against the text, and choosing one.

An "Updated" stamp ranks below rules 1-4, since updates can come long after publication.
Rules 1-4 are one tier: when they disagree by more than `AGREE_DAYS`, nothing is
returned. Any candidate is checked against the text: the publication date is never
earlier than a date the text reports (full dates and month-year mentions, and for year
candidates bare years, except those near words of the future such as "will",
"scheduled", "deadline"); a day candidate must agree with a yearless dateline and with
a copyright year when present.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta

from eventwire.ingest.dating.candidates import Candidate, Dateline
from eventwire.ingest.dating.mentions import Mention, future_context

LOGGER = logging.getLogger(__name__)

# A dateline is the filing date, a stamp the web publication date; across time zones
# and overnight desks they differ by a day or two, more means one of them is wrong.
AGREE_DAYS = 2
# A report may mention an event dated one day after its own stamp when the event
# happened in a time zone ahead of the publisher's.
TIME_ZONE_SLACK_DAYS = 1

# Rules by rank; rules in one tier must agree. Updates can come long after publication;
# a yearless dateline borrows its year; a copyright line gives a year only.
_TIERS = (
    ("stamp", "dateline", "date line", "source"),
    ("updated",),
    ("dateline+copyright",),
    ("copyright",),
)


def consistent(candidate: Candidate, mentions: list[Mention], text: str) -> bool:
    """Whether no date the text reports as past falls after the candidate."""
    for mention in mentions:
        if _later(mention, candidate) and not future_context(text, mention):
            LOGGER.debug(
                "%s candidate %s dropped: text reports %r",
                candidate.rule,
                candidate.day or candidate.year,
                text[mention.start : mention.end],
            )
            return False
    return True


def _later(mention: Mention, candidate: Candidate) -> bool:
    """Whether the mention lies after the candidate at the candidate's precision."""
    if candidate.day is None:
        return mention.earliest.year > candidate.year
    if mention.precision == "year":
        return False
    slack = timedelta(days=TIME_ZONE_SLACK_DAYS if mention.precision == "day" else 0)
    return mention.earliest > candidate.day + slack


def choose(candidates: list[Candidate], yearless: list[Dateline]) -> Candidate | None:
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


def _agree(candidates: list[Candidate]) -> bool:
    """Whether the candidates name the same date, within AGREE_DAYS for days."""
    days = [c.day for c in candidates if c.day is not None]
    if days:
        return (max(days) - min(days)).days <= AGREE_DAYS
    return len({c.year for c in candidates}) == 1


def _fits_context(
    best: Candidate,
    copyright_years: set[int],
    yearless: list[Dateline],
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
