"""Titled persons: a name with the title the text gives it, and the country the text ties.

"Russian President Vladimir Putin", "Prime Minister Mariano Rajoy of Spain", "Sheik Hamad
bin Khalifa al-Thani, the emir of Qatar", "then-President Dmitry Medvedev", "Now the prime
minister, Medvedev". Where the text names no country, the person directory or the country
the story is about near the name (see story.py) gives it, at a lower confidence.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from eventwire.actors.candidates import Candidate, at_tokens
from eventwire.actors.context import Context
from eventwire.actors.knowledge import Entry, Person, fold
from eventwire.actors.names import NameRun
from eventwire.actors.phrases import (
    TERMINATORS,
    TitlePhrase,
    place_after,
    read_appositive,
    read_before,
)

LOGGER = logging.getLogger(__name__)

NAME_BLOCKING_LABELS = frozenset({"ORG", "GPE", "FAC", "NORP", "LOC"})
SENTENCE_OPENERS = frozenset({"RB", "UH", "CC", "``", "''", ",", "_SP"})


@dataclass(frozen=True)
class Titled:
    """What the text says about a named person: title phrases and a country tied by "of"."""

    run: NameRun
    start: int
    end: int
    title: TitlePhrase | None
    appositive: TitlePhrase | None
    tied: Entry | None


def titled_person(ctx: Context, run: NameRun) -> Candidate | None:
    """The person a name run names, when a title before, after or around it says who."""
    found = _read_titles(ctx, run)
    if found is None:
        return None
    role_phrase = _role_phrase(found)
    if role_phrase is None:
        return None
    person = _directory_person(ctx, run)
    country, how, confidence = _country(ctx, found, person)
    return _candidate(ctx, found, role_phrase, person, country, how, confidence)


def _read_titles(ctx: Context, run: NameRun) -> Titled | None:
    """The title phrases around a name run, or None when there are none."""
    parsed = ctx.parsed
    title = read_before(ctx, run.start)
    if title is not None and (_title_inside_name(ctx, title, run) or not _fits_name(ctx, title)):
        title = None
    start, end, appositive = title.start if title else run.start, run.end, None
    if title is None and run.start >= 2 and parsed[run.start - 1].text == ",":
        appositive = _appositive_before(ctx, run)
        start = appositive.start if appositive else start
    tied = place_after(ctx, end, ctx.cues.tie_words_title)
    if tied is not None:
        end = tied[1]
    if appositive is None and end < len(parsed) and parsed[end].text == ",":
        after = read_appositive(ctx, end + 1)
        if after is not None:
            appositive, end = after
    if title is None and (appositive is None or not _may_be_person(run, appositive)):
        return None
    return Titled(run, start, end, title, appositive, tied[0] if tied else None)


def _may_be_person(run: NameRun, appositive: TitlePhrase) -> bool:
    """A name with only an appositive is a person's when the appositive is a title; with a
    group noun ("Unity, the main opposition party") only when the parser calls it a person."""
    return run.person_entity or appositive.role.kind == "title"


def _fits_name(ctx: Context, title: TitlePhrase) -> bool:
    """A role word may stand before a name: a title, an honorific, or a singular group noun."""
    if title.role.kind in ("title", "honorific"):
        return True
    return ctx.parsed[title.end - 1].tag_ in ("NN", "NNP")


def _title_inside_name(ctx: Context, title: TitlePhrase, run: NameRun) -> bool:
    """The title word belongs to an organisation's or place's name ("General Motors")."""
    token = ctx.parsed[title.end - 1]
    return token.ent_type_ in NAME_BLOCKING_LABELS and ctx.parsed[run.start].ent_iob_ == "I"


def _appositive_before(ctx: Context, run: NameRun) -> TitlePhrase | None:
    """A definite title before a comma and the name: "Now the prime minister, Medvedev"."""
    phrase = read_before(ctx, run.start - 1)
    if phrase is None or phrase.honorific:
        return None
    if phrase.possessor is not None and phrase.role.role not in ctx.cues.counterpart_words:
        return None
    parsed = ctx.parsed
    sentence_initial = all(
        t.tag_ in SENTENCE_OPENERS or t.is_space
        for t in parsed[ctx.sentences.of(run.start).start : phrase.start]
    )
    closed = run.end >= ctx.sentences.of(run.start).end or parsed[run.end].text in TERMINATORS
    if phrase.definite:
        return phrase if sentence_initial or closed else None
    return phrase if closed and phrase.place is not None else None


def _role_phrase(found: Titled) -> TitlePhrase | None:
    """The phrase that gives the role: the title before the name, else the appositive."""
    for phrase in (found.title, found.appositive):
        if phrase is not None and not phrase.honorific:
            return phrase
    return None


def _directory_person(ctx: Context, run: NameRun) -> Person | None:
    """The one directory person of this name, if there is one."""
    return ctx.person_named(run.text)


def _country(ctx: Context, found: Titled, person: Person | None) -> tuple[str | None, str, float]:
    """The country of a titled person, where it came from, and the confidence it allows."""
    conf = ctx.cues.confidence
    for phrase in (found.title, found.appositive):
        if phrase is not None and phrase.place is not None:
            return phrase.place.code, "title phrase", conf.title_with_country
    if found.tied is not None:
        return found.tied.code, '"of" phrase', conf.title_with_country
    if person is not None:
        choice = ctx.role_of(person)
        if choice.role is not None:
            return choice.role.country, "person directory", conf.title_country_from_directory
    story = ctx.story_country(found.run.start)
    if story is not None:
        return story.code, "the story's country", story.confidence(conf.country_from_story)
    return None, "nowhere", conf.country_from_story / 2


def _candidate(
    ctx: Context,
    found: Titled,
    phrase: TitlePhrase,
    person: Person | None,
    country: str | None,
    how: str,
    confidence: float,
) -> Candidate:
    """The person candidate of a titled name."""
    time = phrase.time
    sector = _sector(ctx, phrase)
    if time is not None and time.sector:
        sector = time.sector
    as_of = ctx.year_near(phrase.role_start) if time is not None and time.dated else None
    name = person.name if person is not None else found.run.text
    LOGGER.debug("%r: title %r, country %s from %s", name, phrase.role.phrase, country, how)
    return at_tokens(
        ctx.parsed,
        found.start,
        found.end,
        kind="person",
        method="title",
        confidence=confidence,
        country=country,
        sector=sector,
        name=name,
        role=phrase.role.role,
        role_time=time.time if time is not None else "current",
        as_of=as_of,
        key=fold(name),
        reason=f"title {phrase.role.phrase!r}; country from {how}",
    )


def _sector(ctx: Context, phrase: TitlePhrase) -> str | None:
    """The title's sector, or the body's for roles that speak for a body ("Pentagon spokesman").

    A country's official at an organisation ("the U.S.'s UN envoy") keeps the title's sector.
    """
    body, place = phrase.body, phrase.place
    serves_abroad = body is not None and body.kind == "organisation" and place is not body
    if body is not None and phrase.role.role in ctx.cues.body_roles and body.sector:
        return phrase.role.sector if serves_abroad else body.sector
    if phrase.place is not None and phrase.place.kind == "organisation":
        return phrase.place.sector
    return phrase.role.sector


def with_counterparts(ctx: Context, persons: list[Candidate]) -> list[Candidate]:
    """Counterparts hold the office of whom the possessive names ("Howard ... and his Solomon
    Islands counterpart, Allan Kemakeza": Kemakeza is the Solomon Islands' prime minister)."""
    found = []
    for person in persons:
        if person.role in ctx.cues.counterpart_words:
            person = _counterpart(ctx, person, persons) or person
        found.append(person)
    return found


def _counterpart(ctx: Context, person: Candidate, persons: list[Candidate]) -> Candidate | None:
    """The counterpart with the role and sector of the one person named before it."""
    start = ctx.sentences.of(person.start).start
    owner = next(
        (
            i
            for i in range(person.start, person.end)
            if ctx.parsed[i].lower_ in ctx.cues.possessives
        ),
        None,
    )
    if owner is None:
        return None
    before = [c for c in persons if c.key and start <= c.start and c.end <= owner]
    if len({c.key for c in before}) != 1 or not before[-1].role:
        return None
    return person.but(role=before[-1].role, sector=before[-1].sector or person.sector)
