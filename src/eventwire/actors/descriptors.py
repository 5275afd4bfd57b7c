"""Untitled names after a contest word: "rival Martin Fayulu", "opponent Jane Doe".

The word describes the person's place in a contest, not an office, so the name decides: a
person seen before or known to the directory is found as such before this step. An unknown
name becomes a person of the word's sector and of the country the story is about near it.
"""

from __future__ import annotations

from eventwire.actors.candidates import Candidate, at_tokens
from eventwire.actors.context import Context
from eventwire.actors.knowledge import fold
from eventwire.actors.names import NameRun


def contest_person(ctx: Context, run: NameRun) -> Candidate | None:
    """The person of an unknown name right after a contest word, in the story's country."""
    if run.start == 0:
        return None
    word = ctx.parsed[run.start - 1]
    sector = ctx.cues.followers.descriptors.get(word.lower_)
    story = ctx.story_country(run.start)
    if sector is None or story is None or not word.text.islower():
        return None
    return at_tokens(
        ctx.parsed,
        run.start - 1,
        run.end,
        kind="person",
        method="title",
        confidence=story.confidence(ctx.cues.confidence.descriptor),
        country=story.code,
        sector=sector,
        name=run.text,
        role=word.lower_,
        key=fold(run.text),
        reason=f"contest word {word.lower_!r}; country of the story",
    )
