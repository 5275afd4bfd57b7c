"""Countries, organisations, metonyms and groups: the knowledge phrases that name no person.

A group noun takes a country only when the text ties one to it: an adjective or name before
it ("Russian troops", "Nepal opposition"), a possessive ("Syria's army"), or "of"/"in"/"from"
after it ("security forces in Guinea"). A capital after "in" is a place, not its government.
A group still without a country takes the one a possessive or the story ties to it
(`with_countries`).
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence

from eventwire.actors.candidates import Candidate, at_tokens
from eventwire.actors.context import Context
from eventwire.actors.coref import owner_before
from eventwire.actors.gazetteer import Hit
from eventwire.actors.kin import kin_country
from eventwire.actors.knowledge import Entry
from eventwire.actors.phrases import place_after, read_before


def find_groups(ctx: Context, taken: Collection[int]) -> Iterator[Candidate]:
    """Group nouns outside `taken`, with the country the text ties to them."""
    for hit in ctx.hits:
        if hit.start in taken or hit.start not in ctx.hit_at or not hit.roles or hit.places:
            continue
        role = next((e for e in hit.roles if e.kind == "group"), None)
        if role is None:
            continue
        phrase = read_before(ctx, hit.end)
        start = phrase.start if phrase is not None else hit.start
        place = phrase.place if phrase is not None else None
        end = hit.end
        tied = place_after(ctx, hit.end, ctx.cues.tie_words_group)
        if place is None and tied is not None:
            place, end = tied
        if any(i in taken for i in range(start, end)):
            start, place = hit.start, None
        yield _group(ctx, start, end, role, place)


def _group(ctx: Context, start: int, end: int, role: Entry, place: Entry | None) -> Candidate:
    """A group candidate, with its country when tied."""
    conf = ctx.cues.confidence
    if place is None:
        return at_tokens(
            ctx.parsed,
            start,
            end,
            kind="group",
            method="dictionary",
            confidence=conf.group_alone,
            sector=role.sector,
            role=role.role,
            reason=f"group {role.phrase!r} without a country",
        )
    sector = role.sector
    if place.kind == "organisation":
        sector = place.sector
    return at_tokens(
        ctx.parsed,
        start,
        end,
        kind="group",
        method="dictionary",
        confidence=conf.group_with_country,
        country=_code(place),
        sector=sector,
        role=role.role,
        reason=f"group {role.phrase!r} of {place.phrase!r}",
    )


def find_places(ctx: Context, taken: Collection[int]) -> Iterator[Candidate]:
    """Countries, capitals, metonyms, organisations and parties outside `taken`."""
    for hit in ctx.hits:
        if any(i in taken for i in range(hit.start, hit.end)) or not hit.places:
            continue
        yield _place(ctx, hit, hit.places[0])


def _place(ctx: Context, hit: Hit, entry: Entry) -> Candidate:
    """One place hit as a country, organisation or group candidate."""
    conf = ctx.cues.confidence
    kind, sector, confidence = "country", entry.sector, conf.country_name
    if entry.kind == "organisation":
        kind, confidence = "organisation", conf.organisation
    elif entry.kind in ("metonym", "party"):
        confidence = conf.metonym
        kind = "group" if entry.kind == "party" else "country"
    elif entry.kind == "capital":
        confidence = conf.metonym
        after_place_word = (
            hit.start > 0 and ctx.parsed[hit.start - 1].lower_ in ctx.cues.place_words
        )
        if after_place_word or ctx.in_dateline(hit.start_char):
            sector, confidence = None, conf.capital_as_place
    elif entry.kind == "adjective":
        confidence = conf.adjective_alone
    return Candidate(
        hit.start,
        hit.end,
        hit.start_char,
        hit.end_char,
        kind=kind,
        method="dictionary",
        confidence=confidence,
        country=_code(entry),
        sector=sector,
        name=_name(ctx, entry),
        reason=f"{entry.kind} {entry.phrase!r}",
    )


def _code(entry: Entry) -> str | None:
    """The country code of a reading; organisations act in their own name, NGOs without one."""
    if entry.kind == "organisation" and entry.sector == "NGO":
        return None
    return entry.code


def _name(ctx: Context, entry: Entry) -> str | None:
    """The name shown for a country or organisation."""
    if entry.code is None:
        return None
    if entry.kind == "organisation":
        organisation = ctx.knowledge.organisations.get(entry.code)
        return organisation.name if organisation else None
    country = ctx.knowledge.countries.get(entry.code)
    return country.name if country else None


def with_countries(ctx: Context, found: Sequence[Candidate]) -> list[Candidate]:
    """The candidates, with groups the text gives no country placed where it ties them.

    A possessive names the owner ("its army", "their forces", "his supporters"): the actor
    it stands for, named just before, gives its country. Else a group of a domestic sector
    takes the one country of the document's named actors of its sector ("the rebels"), else
    the country the story is about near it, when one leads clearly; groups of several
    countries ("governments") and of organisations, NGOs and the press keep none.
    """
    story = ctx.cues.story
    placed = []
    for candidate in found:
        if (
            candidate.kind == "group"
            and candidate.country is None
            and candidate.sector in story.sectors
            and not _several_countries(ctx, candidate)
        ):
            candidate = (
                _owned(ctx, candidate, found)
                or _led(ctx, candidate, found)
                or _kin(ctx, candidate, found)
                or _in_story(ctx, candidate)
                or candidate
            )
        placed.append(candidate)
    return placed


def _several_countries(ctx: Context, group: Candidate) -> bool:
    """A plural that names the bodies of several countries ("governments", "air forces")."""
    words = ctx.cues.story.several_countries
    last = ctx.parsed[group.end - 1].lower_
    two = ctx.parsed[max(group.start, group.end - 2) : group.end].text.lower()
    return last in words or two in words


def _owned(ctx: Context, group: Candidate, found: Sequence[Candidate]) -> Candidate | None:
    """The group with its owner's country, when a possessive before it stands for an actor."""
    index = _possessive_at(ctx, group)
    if index is None:
        return None
    word = ctx.parsed[index].lower_
    persons = word in ctx.cues.possessives
    owners = [
        c
        for c in found
        if c.country is not None
        and c.end <= index
        and (c.kind == "person") == persons
        and not (c.kind == "organisation" and c.sector == "NGO")
    ]
    owner = owner_before(ctx, index, owners)
    if owner is None:
        return None
    sector = owner.sector if owner.kind == "organisation" else group.sector
    return group.but(
        country=owner.country,
        sector=sector,
        confidence=ctx.cues.confidence.group_country_from_possessor,
        reason=f"{group.reason}; {word!r} stands for {owner.name or owner.country}",
    )


def _led(ctx: Context, group: Candidate, found: Sequence[Candidate]) -> Candidate | None:
    """A government named after its leader ("the Obama administration", "the Kemakeza
    Government") in the leader's country: a person of the document with that surname, else
    the one directory person of that name."""
    if group.role != "government":
        return None
    head = ctx.parsed[group.end - 1]
    names = [c for c in head.children if c.dep_ == "compound" and c.tag_ in ("NNP", "NNPS")]
    if not names:
        return None
    name = names[-1]
    country = next(
        (
            c.country
            for c in found
            if c.kind == "person" and c.country and c.name and c.name.split()[-1] == name.text
        ),
        None,
    )
    if country is None:
        person = ctx.person_named(name.text)
        role = ctx.role_of(person).role if person is not None else None
        country = role.country if role is not None else None
    if country is None:
        return None
    return group.but(
        country=country,
        confidence=ctx.cues.confidence.group_country_from_possessor,
        reason=f"{group.reason}; led by {name.text}",
    )


def _possessive_at(ctx: Context, group: Candidate) -> int | None:
    """The possessive pronoun that opens or precedes a group phrase ("their forces")."""
    words = ctx.cues.story.possessives
    if ctx.parsed[group.start].lower_ in words:
        return group.start
    if group.start > 0 and ctx.parsed[group.start - 1].lower_ in words:
        return group.start - 1
    return None


def _kin(ctx: Context, group: Candidate, found: Sequence[Candidate]) -> Candidate | None:
    """The group in the one country of the document's named actors of its sector."""
    country = kin_country(ctx, group.sector, found)
    if country is None:
        return None
    return group.but(
        country=country,
        confidence=ctx.cues.confidence.kin,
        reason=f"{group.reason}; country of the named {group.sector} actors",
    )


def _in_story(ctx: Context, group: Candidate) -> Candidate | None:
    """The group in the country the story is about near it, when one leads clearly."""
    story = ctx.story_country(group.start)
    if story is None:
        return None
    return group.but(
        country=story.code,
        confidence=story.confidence(ctx.cues.confidence.country_from_story),
        reason=f"{group.reason}; country of the story",
    )
