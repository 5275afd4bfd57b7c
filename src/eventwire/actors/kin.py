"""The country of a bare sector mention from the document's named actors of that sector.

"a rebel spokesman" in a report whose named rebels (persons, or groups known by name such as
"SPLA-IO") are all South Sudanese is South Sudanese, even where another country leads the
story's words. Only for the sectors of `[story] kin_sectors`, and only when all agree.
"""

from __future__ import annotations

from collections.abc import Sequence

from eventwire.actors.candidates import Candidate
from eventwire.actors.context import Context

NAMED_KINDS = frozenset({"metonym", "party"})


def kin_country(ctx: Context, sector: str | None, actors: Sequence[Candidate]) -> str | None:
    """The one country of the named actors of `sector` in the document, if they agree."""
    if sector not in ctx.cues.story.kin_sectors:
        return None
    countries = {c.country for c in actors if c.name and c.country and c.sector == sector}
    countries.update(
        entry.code
        for hit in ctx.hits
        for entry in hit.places
        if entry.kind in NAMED_KINDS and entry.sector == sector and entry.code
    )
    return countries.pop() if len(countries) == 1 else None
