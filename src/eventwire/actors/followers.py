"""Groups that follow a named person: "loyalists to Riek Machar", "forces loyal to President
Salva Kiir", "Machar loyalists", "his supporters".

Such a group is of the person's country. A group following a state actor keeps its own sector
(a president's forces are the military); other followers take the person's side (REB, OPP).
The side is the one held now: for a person the text names by a former office ("his former
vice president"), the directory's role at publication, when it knows one.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence

from eventwire.actors.candidates import Candidate, at_tokens
from eventwire.actors.context import Context
from eventwire.actors.coref import owner_before

FOLLOWER_TAGS = frozenset({"NN", "NNS"})


def find_followers(
    ctx: Context, persons: Sequence[Candidate], taken: Collection[int]
) -> Iterator[Candidate]:
    """Follower nouns ("loyalists", "supporters") outside `taken`, tied to the person followed."""
    cues = ctx.cues.followers
    for token in ctx.parsed:
        if token.i in taken or token.lower_ not in cues.nouns or token.tag_ not in FOLLOWER_TAGS:
            continue
        start, end = token.i, token.i + 1
        leader = _leader_after(ctx, end, cues.links, persons) or _leader_before(ctx, start, persons)
        if leader is None and _possessive(ctx, start):
            start -= 1
            leader = _owner(ctx, start, _named_before(persons, start))
        if leader is not None:
            yield at_tokens(
                ctx.parsed,
                start,
                end,
                kind="group",
                method="dictionary",
                confidence=ctx.cues.confidence.follower,
                country=leader.country,
                sector=side_of(ctx, leader),
                role="follower",
                reason=f"{token.lower_} of {leader.name}",
            )


def follow_leaders(
    ctx: Context, groups: Sequence[Candidate], persons: Sequence[Candidate]
) -> list[Candidate]:
    """The groups, those without a country placed with the person they follow ("forces loyal
    to President X", "rebels led by Y")."""
    cues = ctx.cues.followers
    followed = []
    for group in groups:
        leader = None
        if group.country is None:
            leader = _leader_after(ctx, group.end, cues.group_links, persons)
        if leader is not None:
            side = side_of(ctx, leader)
            keeps = side in cues.state_sectors or side is None
            group = group.but(
                country=leader.country,
                sector=group.sector if keeps else side,
                confidence=ctx.cues.confidence.follower,
                reason=f"{group.reason}; follows {leader.name}",
            )
        followed.append(group)
    return followed


def side_of(ctx: Context, leader: Candidate) -> str | None:
    """The sector a person holds now: the text's, else for a former office the directory's."""
    if leader.role_time != "former":
        return leader.sector
    person = ctx.person_named(leader.name or "")
    choice = ctx.role_of(person) if person is not None else None
    if choice is not None and choice.role is not None and choice.dated:
        return choice.role.sector
    return leader.sector


def _leader_after(
    ctx: Context, end: int, links: Sequence[tuple[str, ...]], persons: Sequence[Candidate]
) -> Candidate | None:
    """The person with a country named right after a link word at token `end` ("to X")."""
    words = ctx.parsed
    for link in links:
        stop = end + len(link)
        if stop < len(words) and tuple(t.lower_ for t in words[end:stop]) == link:
            return next((p for p in persons if p.start == stop and p.country), None)
    return None


def _leader_before(ctx: Context, start: int, persons: Sequence[Candidate]) -> Candidate | None:
    """The person named right before the noun ("Machar loyalists")."""
    return next((p for p in persons if p.end == start and p.key and p.country), None)


def _possessive(ctx: Context, start: int) -> bool:
    """Whether "his" or "her" stands right before token `start`."""
    return start > 0 and ctx.parsed[start - 1].lower_ in ctx.cues.possessives


def _owner(ctx: Context, index: int, persons: Sequence[Candidate]) -> Candidate | None:
    """The person a possessive stands for: as for any possessive (`owner_before`), else the
    one person named in the nearest earlier sentence that names any ("His supporters ...")."""
    owner = owner_before(ctx, index, persons)
    if owner is not None:
        return owner
    n = ctx.sentences.number(index)
    for earlier in reversed(ctx.sentences.spans[max(0, n - ctx.cues.description_window) : n]):
        named = [p for p in persons if earlier.start <= p.start < earlier.end]
        if named:
            return named[-1] if len({p.key for p in named}) == 1 else None
    return None


def _named_before(persons: Sequence[Candidate], index: int) -> list[Candidate]:
    """The persons with a country named before token `index`."""
    return [p for p in persons if p.country and p.key and p.end <= index]
