"""Titles without a name: descriptions that refer back to a person, or unnamed office holders.

"the president", "the Russian leader", "the Democrat", "the former Massachusetts governor"
refer to a person named earlier when exactly the text ties them: the description's country,
role and time must fit what is known of that person (in the text, or in the directory).
"Norway's foreign minister" or "the emir of Qatar" with nobody to refer to is an unnamed
office holder of that country.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from datetime import timedelta

from spacy.tokens import Token

from eventwire.actors.candidates import Candidate, at_tokens
from eventwire.actors.context import Context
from eventwire.actors.coref import carried, main_subject, subject_token
from eventwire.actors.directory import period, roles_between
from eventwire.actors.kin import kin_country
from eventwire.actors.knowledge import Entry
from eventwire.actors.phrases import TitlePhrase, place_after, read_before

LOGGER = logging.getLogger(__name__)

PREDICATIVE = frozenset({"attr", "oprd", "appos", "conj"})


@dataclass(frozen=True)
class Description:
    """A title phrase (or party noun) naming nobody, at tokens `start:end`."""

    start: int
    end: int
    role: Entry | None
    country: str | None
    sector: str | None
    time: str
    definite: bool
    possessor: int | None


def find_descriptions(ctx: Context, taken: Collection[int]) -> Iterator[Description]:
    """Title and party words outside the tokens `taken` by named persons."""
    for hit in ctx.hits:
        if hit.start in taken or hit.start not in ctx.hit_at:
            continue
        if any(e.kind == "title" for e in hit.roles):
            found = _title_description(ctx, hit.end)
        elif any(e.kind == "party" for e in hit.places):
            found = _party_description(ctx, hit.start, hit.end, hit.places[0])
        else:
            found = None
        if found is not None and not any(i in taken for i in range(found.start, found.end)):
            yield found


def _title_description(ctx: Context, end: int) -> Description | None:
    """A title phrase ending at `end` (time suffix and "of Country" included)."""
    parsed = ctx.parsed
    if end < len(parsed) and parsed[end].lower_ in ctx.cues.after:
        end += 1
    elif (
        end + 1 < len(parsed)
        and parsed[end].text == "-"
        and parsed[end + 1].lower_ in ctx.cues.after
    ):
        end += 2
    phrase = read_before(ctx, end)
    if phrase is None or _predicative(ctx, phrase):
        return None
    tied = place_after(ctx, end, ctx.cues.tie_words_title)
    place = phrase.place or (tied[0] if tied else None)
    return Description(
        phrase.start,
        tied[1] if tied else end,
        phrase.role,
        place.code if place else None,
        _sector(ctx, phrase),
        phrase.time.time if phrase.time else "current",
        phrase.definite or tied is not None,
        phrase.possessor,
    )


def _sector(ctx: Context, phrase: TitlePhrase) -> str | None:
    """The sector of an unnamed title: the time word's, the body's, else the title's."""
    if phrase.time is not None and phrase.time.sector:
        return phrase.time.sector
    if phrase.body is not None and phrase.role.role in ctx.cues.body_roles and phrase.body.sector:
        return phrase.body.sector
    return phrase.role.sector


def _party_description(ctx: Context, start: int, end: int, party: Entry) -> Description | None:
    """ "the Democrat": a singular party noun after "the", heading its phrase."""
    parsed = ctx.parsed
    token = parsed[end - 1]
    if start == 0 or parsed[start - 1].lower_ != "the" or token.tag_ != "NNP":
        return None
    if token.dep_ in ("compound", "amod") or _predicative_token(token.dep_):
        return None
    return Description(start - 1, end, None, party.code, None, "current", True, None)


def _predicative(ctx: Context, phrase: TitlePhrase) -> bool:
    """A title used as a predicate or apposition ("will not be the president of ...")."""
    return _predicative_token(ctx.parsed[phrase.end - 1].dep_)


def _predicative_token(dep: str) -> bool:
    """Whether a dependency label makes a noun a predicate or an apposition."""
    return dep in PREDICATIVE


def resolve_description(
    ctx: Context, description: Description, persons: Sequence[Candidate]
) -> Candidate | None:
    """A coreference when one earlier person fits, else an unnamed office holder, else None."""
    if description.possessor is None and description.definite:
        linked = _link(ctx, description, persons)
        if linked is not None:
            return linked
    return _unnamed(ctx, description, persons)


def _link(ctx: Context, description: Description, persons: Sequence[Candidate]) -> Candidate | None:
    """The coreference of a definite description to the person it fits best."""
    fitting = [
        c
        for c in persons
        if c.key and c.end <= description.start and _fits(ctx, description, c, persons)
    ]
    chosen, rivals = _choose(ctx, description, fitting)
    if chosen is None:
        return None
    conf = ctx.cues.confidence
    confidence = conf.description_ambiguous if rivals else conf.description
    same = ctx.sentences.same(chosen.start, description.start)
    before = [c for c in persons if c.start < description.start]
    fields = carried(ctx, chosen, before, same)
    if description.role is not None and description.role.role not in ctx.cues.leader_words:
        fields.update(role=description.role.role, sector=description.sector or fields["sector"])
    if description.time in ("former", "elect"):
        fields.update(role_time=description.time, as_of=None)
    LOGGER.debug("description at %d refers to %s", description.start, chosen.name)
    return _coreferent(description, chosen, fields, confidence, f"description of {chosen.name}",
                       ctx, antecedent=chosen)  # fmt: skip


def _choose(
    ctx: Context, description: Description, fitting: Sequence[Candidate]
) -> tuple[Candidate | None, bool]:
    """The nearest fitting person in the sentence, else the subject of an earlier one."""
    sentence = ctx.sentences.of(description.start)
    head = ctx.parsed[description.end - 1]
    here = [
        c for c in fitting if c.start >= sentence.start and not _same_clause_subject(ctx, c, head)
    ]
    if here:
        return here[-1], len({c.key for c in here}) > 1
    n = ctx.sentences.number(description.start)
    sentences = ctx.sentences.spans[max(0, n - ctx.cues.description_window) : n]
    for earlier in reversed(sentences):
        there = [c for c in fitting if earlier.start <= c.start < earlier.end]
        if not there:
            continue
        chosen = main_subject(ctx, there) or there[0]
        return chosen, len({c.key for c in there}) > 1
    return None, False


def _same_clause_subject(ctx: Context, candidate: Candidate, head: Token) -> bool:
    """A subject of the verb the description is the object of ("X congratulated the Democrat")."""
    token = subject_token(ctx, candidate)
    return token is not None and token.head == head.head


def _fits(
    ctx: Context, description: Description, person: Candidate, persons: Sequence[Candidate]
) -> bool:
    """Whether a person may be the one a description speaks of."""
    if description.country and person.country and description.country != person.country:
        return False
    if description.country and not person.country:
        return False
    if description.role is None:
        return True
    wanted = description.role.role
    if description.time == "elect":
        return _may_be_elect(ctx, wanted, person, persons)
    roles = _known_roles(ctx, person, persons, description.time == "former")
    if wanted in ctx.cues.leader_words:
        return bool(roles & ctx.cues.leader_roles)
    return wanted in roles


def _may_be_elect(
    ctx: Context, wanted: str, person: Candidate, persons: Sequence[Candidate]
) -> bool:
    """Whether a person may be "the president-elect": named so in the text, or at least not
    holding that office now (a sitting president is not the president-elect)."""
    if any(c.key == person.key and c.role == wanted and c.role_time == "elect" for c in persons):
        return True
    return person.country is not None and wanted not in _known_roles(ctx, person, persons, False)


def _known_roles(
    ctx: Context, person: Candidate, persons: Sequence[Candidate], past: bool
) -> set[str]:
    """The roles the text and the directory give a person (past ones too when `past`)."""
    roles = {
        c.role
        for c in persons
        if c.key == person.key and c.role and (past or c.role_time != "former")
    }
    for known in ctx.directory.named(person.name or ""):
        if past:
            roles.update(r.role for r in known.roles)
        elif ctx.document.published is not None:
            first, last = period(ctx.document.published.value)
            first -= timedelta(days=ctx.cues.report_lag_days)
            roles.update(r.role for r in roles_between(known, first, last))
    return {role.lower() for role in roles if role}


def _unnamed(
    ctx: Context, description: Description, persons: Sequence[Candidate]
) -> Candidate | None:
    """An office holder the text does not name, when the text ties a country to the title."""
    if description.role is None:
        return None
    country, conf = description.country, ctx.cues.confidence.title_without_name
    role, sector = description.role.role, description.sector
    if description.possessor is not None:
        owner = _possessor(ctx, description.possessor, persons)
        country = country or (owner.country if owner else None)
        if owner is not None and role in ctx.cues.counterpart_words and owner.role:
            role, sector = owner.role, owner.sector
    kin = kin_country(ctx, sector, persons) if country is None else None
    if kin is not None:  # "a rebel spokesman" where the named rebels are of one country
        country, conf = kin, ctx.cues.confidence.kin
    if country is None and description.definite and description.possessor is None:
        story = ctx.story_country(description.start)
        country = story.code if story else None
        conf = story.confidence(ctx.cues.confidence.country_from_story) if story else conf
    if country is None:
        return None
    named = _named_later(ctx, description, country, sector, persons)
    if named is not None:
        return named
    return at_tokens(
        ctx.parsed,
        description.start,
        description.end,
        kind="person",
        method="title",
        confidence=conf,
        country=country,
        sector=sector,
        role=role,
        role_time=description.time,
        reason=f"unnamed {description.role.phrase!r}",
    )


def _named_later(
    ctx: Context,
    description: Description,
    country: str,
    sector: str | None,
    persons: Sequence[Candidate],
) -> Candidate | None:
    """The person an unnamed office holder turns out to be, named in the next sentences:
    the one person there of the description's country (and sector, for a state)."""
    role = description.role.role.lower() if description.role else ""
    cues = ctx.cues
    if not role or role in cues.anonymous_roles or role in cues.leader_roles:
        return None
    n = ctx.sentences.number(description.start)
    window = ctx.sentences.spans[n : n + 1 + cues.cataphora_window]
    end = window[-1].end if window else description.end
    organisation = ctx.knowledge.country(country) is None  # NAT, UNO: no sector to match
    later = [
        c
        for c in persons
        if c.key and c.name and description.end <= c.start < end and c.country == country
        and (organisation or c.sector == sector)
        and (c.role or "").lower() not in cues.leader_roles
    ]  # fmt: skip
    if len({c.key for c in later}) != 1:
        return None
    chosen = later[0]
    LOGGER.debug("unnamed %r is %s, named later", role, chosen.name)
    fields = {
        "country": chosen.country,
        "sector": chosen.sector,
        "role": description.role.role if description.role else chosen.role,
        "role_time": description.time,
    }
    reason = f"unnamed {role!r} named later as {chosen.name}"
    return _coreferent(description, chosen, fields, cues.confidence.description_ambiguous,
                       reason, ctx)  # fmt: skip


def _coreferent(
    description: Description,
    chosen: Candidate,
    fields: dict[str, object],
    confidence: float,
    reason: str,
    ctx: Context,
    antecedent: Candidate | None = None,
) -> Candidate:
    """The description as a mention of the chosen person, with the given role fields."""
    return at_tokens(
        ctx.parsed,
        description.start,
        description.end,
        **fields,
        kind="person",
        method="coreference",
        confidence=confidence,
        name=chosen.name,
        antecedent=antecedent,
        key=chosen.key,
        reason=reason,
    )


def _possessor(ctx: Context, index: int, persons: Sequence[Candidate]) -> Candidate | None:
    """The person "his"/"her" stands for: the one subject person before it in its sentence."""
    sentence = ctx.sentences.of(index)
    before = [c for c in persons if sentence.start <= c.start and c.end <= index]
    subjects = [c for c in before if subject_token(ctx, c) is not None]
    return subjects[-1] if len({c.key for c in subjects}) == 1 else None
