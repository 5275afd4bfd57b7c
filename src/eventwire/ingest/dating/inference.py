"""Publication dates inferred from the text: candidates found, checked, one chosen.

`infer_published` reads the article text and returns a date only where the text itself
states when it was published. A wrong date is worse than none, so every rule is tied to
a place where publishers put the publication date, never to the body's narrative
(`candidates`); candidates are then checked against the dates the text mentions
(`mentions`) and one is chosen by rank (`checks`).
"""

from __future__ import annotations

import logging

from eventwire.ingest.dating.candidates import find_candidates
from eventwire.ingest.dating.checks import choose, consistent
from eventwire.ingest.dating.mentions import Mention, find_mentions
from eventwire.records import PublishedDate

LOGGER = logging.getLogger(__name__)


def infer_published(text: str) -> PublishedDate | None:
    """The publication date the text itself states, at the precision it states it, or None."""
    candidates, yearless = find_candidates(text)
    if not candidates:
        return None
    taken = [(c.start, c.end) for c in candidates] + [(d.start, d.end) for d in yearless]
    mentions = [m for m in find_mentions(text) if not _inside(m, taken)]
    candidates = [c for c in candidates if consistent(c, mentions, text)]
    chosen = choose(candidates, yearless)
    if chosen is None:
        return None
    evidence = text[chosen.start : chosen.end]
    LOGGER.debug("publication date from %s: %r", chosen.rule, evidence)
    if chosen.day is not None:
        value, precision = chosen.day.isoformat(), "day"
    else:
        value, precision = f"{chosen.year:04d}", "year"
    return PublishedDate(value, precision, True, evidence, chosen.start, chosen.end)


def _inside(mention: Mention, spans: list[tuple[int, int]]) -> bool:
    """Whether the mention overlaps any of the spans."""
    return any(mention.start < end and start < mention.end for start, end in spans)
