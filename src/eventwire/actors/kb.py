"""The rules of the actor knowledge base, without a database.

From one document's mentions, `person_updates` tells what the document says about
persons: a titled mention ("Russian President Vladimir Putin") gives a name, country,
sector and a role seen on the publication date. `decide` says what an update does to
the persons already known (create one, merge into one, or keep a conflict); `merge`
gives the person afterwards. `eventwire.store` applies these decisions.

Rules: a user's entry (origin `user`) never has its name, aliases, country or sector
changed by learning or importing; a reading that gives a known person another country is
kept as a conflict, never written over the entry; merging the same document twice
changes nothing.
"""

from __future__ import annotations

import collections
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from types import MappingProxyType
from typing import TYPE_CHECKING, Literal, TypeVar

from eventwire.actors.knowledge import Knowledge, Person, PersonRole, fold
from eventwire.records import Mention

if TYPE_CHECKING:
    from eventwire.actors.tabari import ImportedActor

Origin = Literal["learned", "user", "import"]
Action = Literal["create", "merge", "conflict", "skip"]
T = TypeVar("T")

# Words that end a name without being a surname ("Abdullah II", "Martin Luther King Jr.").
NAME_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "vi"})
ORIGIN_RANK: Mapping[str, int] = MappingProxyType({"user": 0, "learned": 1, "import": 2})
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class RoleSighting:
    """A role a document shows a person in, and the date it shows it on (None: undated)."""

    role: str
    country: str | None
    sector: str | None
    seen: str | None
    doc_id: str


@dataclass(frozen=True)
class PersonUpdate:
    """What one document says about one person."""

    name: str
    aliases: tuple[str, ...]
    country: str | None
    sector: str | None
    sightings: tuple[RoleSighting, ...]
    doc_id: str
    published: str | None = None


@dataclass(frozen=True)
class KnownRole:
    """A role of a known person: dated by a dictionary or user, or seen in documents."""

    role: str
    country: str | None
    sector: str | None
    origin: Origin
    valid_from: str | None = None
    valid_to: str | None = None
    first_seen: str | None = None
    last_seen: str | None = None
    doc_ids: tuple[str, ...] = ()
    code: str | None = None
    source: str | None = None

    @property
    def key(self) -> tuple[str, str | None, str | None, str]:
        """What makes a learned role the same role: the office, its country and sector."""
        return (self.role, self.country, self.sector, self.origin)


@dataclass(frozen=True)
class KnownPerson:
    """A person of the knowledge base as the rules see it."""

    actor_id: str
    name: str
    country: str | None
    sector: str | None
    origin: Origin
    aliases: tuple[str, ...] = ()
    roles: tuple[KnownRole, ...] = ()

    @property
    def keys(self) -> frozenset[str]:
        """The folded forms of every name of the person."""
        return frozenset(fold(n) for n in (self.name, *self.aliases))


@dataclass(frozen=True)
class ActorConflict:
    """Two readings of one actor's field; the entry keeps `kept`, `seen` is reported."""

    actor_id: str
    name: str
    field: str
    kept: str | None
    seen: str | None
    evidence: str
    origin: Origin
    seen_on: str | None = None
    other_actor_id: str | None = None


@dataclass(frozen=True)
class Decision:
    """What an update does to the knowledge base, and why."""

    action: Action
    update: PersonUpdate
    target: KnownPerson | None = None
    reason: str = ""
    conflict: ActorConflict | None = None


@dataclass(frozen=True)
class CountryPlan:
    """A dictionary's country entry: the country code and which of its names to add."""

    code: str
    kept: tuple[str, ...]
    left_out: tuple[tuple[str, tuple[str, ...]], ...] = field(default=())


# ---------------------------------------------------------------- learning from mentions


def person_updates(mentions: Iterable[Mention], published: str | None) -> list[PersonUpdate]:
    """What a document's titled person mentions say, one update per person.

    A bare surname titled in the same document ("President Putin") joins the one full
    name it ends ("Vladimir Putin") when their countries agree.
    """
    titled = [m for m in mentions if m.kind == "person" and m.method == "title" and m.name]
    groups: dict[str, list[Mention]] = {}
    for mention in titled:
        groups.setdefault(name_key(mention.name or ""), []).append(mention)
    _join_surnames(groups)
    return [_update(group, published) for group in groups.values()]


def _join_surnames(groups: dict[str, list[Mention]]) -> None:
    """Move one-word names into the one full name of the document they are the surname of."""
    for key in [k for k in groups if len(k.split()) == 1]:
        country = _most_common(m.country for m in groups[key])
        fulls = [
            k
            for k, group in groups.items()
            if len(k.split()) > 1
            and surname_key(group[0].name or "") == key
            and compatible(country, _most_common(m.country for m in group))
        ]
        if len(fulls) == 1:
            groups[fulls[0]].extend(groups.pop(key))


def _update(group: list[Mention], published: str | None) -> PersonUpdate:
    """The update for the mentions of one person in one document."""
    name = " ".join((group[0].name or "").split())
    forms = [" ".join((m.name or "").split()) for m in group]
    last = surname(name)
    if last:
        forms.append(last)
    aliases = distinct([f for f in forms if name_key(f) != name_key(name)])
    sightings = distinct(
        RoleSighting(_role_name(m), m.country, m.sector, _sighting_date(m, published), m.doc_id)
        for m in group
        if m.role
    )
    return PersonUpdate(
        name=name,
        aliases=tuple(aliases),
        country=_most_common(m.country for m in group),
        sector=_most_common(m.sector for m in group),
        sightings=tuple(sightings),
        doc_id=group[0].doc_id,
        published=published,
    )


def _role_name(mention: Mention) -> str:
    """The role a mention shows; a role to come is its `-elect` form."""
    role = mention.role or ""
    if mention.role_time == "elect" and not role.endswith("-elect"):
        return f"{role}-elect"
    return role


def _sighting_date(mention: Mention, published: str | None) -> str | None:
    """When the role is seen: the date the text gives, else publication unless it is past."""
    if mention.as_of:
        return mention.as_of
    return None if mention.role_time == "former" else published


def decide(update: PersonUpdate, candidates: Sequence[KnownPerson]) -> Decision:
    """Merge into the one known person the update names, keep a conflict, or create one.

    A full name or alias that matches is a strong match; a bare surname, or a known
    one-word name that is the update's surname, is a weak one and must be unique.
    """
    key = name_key(update.name)
    strong = [c for c in candidates if key in c.keys]
    weak = [c for c in candidates if c not in strong and _weak_match(update, c)]
    for group, unique in ((strong, False), (weak, True)):
        agreeing = [c for c in group if compatible(update.country, c.country)]
        if len(agreeing) == 1 or (agreeing and not unique):
            return Decision("merge", update, _best(agreeing, key), "name matches")
        if agreeing:
            names = ", ".join(c.actor_id for c in agreeing)
            return Decision("skip", update, None, f"{update.name!r} could be any of {names}")
    disagreeing = strong or (weak if len(update.name.split()) == 1 and len(weak) == 1 else [])
    if disagreeing:
        target = _best(disagreeing, key)
        return Decision("conflict", update, target, "country differs", _conflict(target, update))
    return Decision("create", update, None, "no known person of this name")


def _weak_match(update: PersonUpdate, person: KnownPerson) -> bool:
    """A bare surname of a known full name, or a known bare name that is this surname."""
    words = update.name.split()
    if len(words) == 1:
        return surname_key(person.name) == name_key(update.name)
    return len(person.name.split()) == 1 and name_key(person.name) == surname_key(update.name)


def _best(people: Sequence[KnownPerson], key: str) -> KnownPerson:
    """The person whose own name is the key, else a user's entry, else the first by id."""
    return min(people, key=lambda p: (name_key(p.name) != key, ORIGIN_RANK[p.origin], p.actor_id))


def _conflict(person: KnownPerson, update: PersonUpdate) -> ActorConflict:
    """The country conflict between a known person and a document's reading."""
    return ActorConflict(
        actor_id=person.actor_id,
        name=update.name,
        field="country",
        kept=person.country,
        seen=update.country,
        evidence=update.doc_id,
        origin="learned",
        seen_on=update.published,
    )


def new_person(actor_id: str, update: PersonUpdate) -> KnownPerson:
    """A learned person from a document's update."""
    empty = KnownPerson(actor_id, update.name, update.country, update.sector, "learned")
    return merge(empty, update)


def merge(person: KnownPerson, update: PersonUpdate) -> KnownPerson:
    """The person with a document's update applied; the same update again changes nothing.

    A user's entry keeps its name, aliases, country and sector; only its roles gain the
    document's sightings. A learned one-word name grows into the full name seen.
    """
    roles = _merge_roles(person.roles, update.sightings, person.country)
    if person.origin == "user":
        return replace(person, roles=roles)
    name, aliases = person.name, list(person.aliases)
    if person.origin == "learned" and _grows_into(person.name, update.name):
        name, aliases = update.name, [person.name, *aliases]
    taken = {name_key(name)}
    kept = [a for a in (*aliases, update.name, *update.aliases) if _fresh(a, taken)]
    return replace(
        person,
        name=name,
        aliases=tuple(kept),
        country=person.country or update.country,
        sector=person.sector or update.sector,
        roles=roles,
    )


def _grows_into(old: str, new: str) -> bool:
    """Whether a one-word name is the surname of a fuller name."""
    return len(old.split()) == 1 and len(new.split()) > 1 and surname_key(new) == name_key(old)


def _fresh(name: str, taken: set[str]) -> bool:
    """Whether a name is not yet among `taken` (folded); if so it is now."""
    key = name_key(name)
    if key in taken:
        return False
    taken.add(key)
    return True


def _merge_roles(
    roles: tuple[KnownRole, ...], sightings: Iterable[RoleSighting], country: str | None
) -> tuple[KnownRole, ...]:
    """Roles with sightings added: learned roles keyed by office, country and sector."""
    merged = list(roles)
    index = {role.key: n for n, role in enumerate(merged) if role.origin == "learned"}
    for sighting in sightings:
        role_country = sighting.country or country
        key = (sighting.role, role_country, sighting.sector, "learned")
        if key in index:
            merged[index[key]] = _seen_again(merged[index[key]], sighting)
        else:
            index[key] = len(merged)
            merged.append(
                KnownRole(
                    sighting.role,
                    role_country,
                    sighting.sector,
                    "learned",
                    first_seen=sighting.seen,
                    last_seen=sighting.seen,
                    doc_ids=(sighting.doc_id,),
                )
            )
    return tuple(merged)


def _seen_again(role: KnownRole, sighting: RoleSighting) -> KnownRole:
    """A learned role with one more sighting: dates widened, the document added once."""
    docs = role.doc_ids if sighting.doc_id in role.doc_ids else (*role.doc_ids, sighting.doc_id)
    return replace(
        role,
        first_seen=earlier(role.first_seen, sighting.seen),
        last_seen=later(role.last_seen, sighting.seen),
        doc_ids=docs,
    )


# ---------------------------------------------------------------- dates at their precision


def period_start(value: str) -> tuple[date, int]:
    """The first day of an ISO date at year, month or day precision, and its precision."""
    parts = [int(p) for p in value.split("-")]
    return date(parts[0], *(parts[1:] + [1] * (3 - len(parts)))), len(parts)


def earlier(a: str | None, b: str | None) -> str | None:
    """The earlier of two ISO dates by first day (the more precise on a tie); None is unknown."""
    if a is None or b is None:
        return a or b
    (day_a, prec_a), (day_b, prec_b) = period_start(a), period_start(b)
    return a if (day_a, -prec_a) <= (day_b, -prec_b) else b


def later(a: str | None, b: str | None) -> str | None:
    """The later of two ISO dates by first day (the more precise on a tie); None is unknown."""
    if a is None or b is None:
        return a or b
    (day_a, prec_a), (day_b, prec_b) = period_start(a), period_start(b)
    return a if (day_a, prec_a) >= (day_b, prec_b) else b


# ---------------------------------------------------------------- names and ids


def name_key(name: str) -> str:
    """`knowledge.fold` of a name, quicker for the plain ASCII most names are written in."""
    if name.isascii():
        return " ".join(name.casefold().split())
    return fold(name)


def surname(name: str) -> str | None:
    """The last word of a name of two words or more that is not a suffix (Jr., II)."""
    words = name.split()
    while words and words[-1].casefold() in NAME_SUFFIXES:
        words.pop()
    return words[-1] if len(words) >= 2 else None


def surname_key(name: str) -> str:
    """The folded surname of a name, or the folded name itself when it is one word."""
    return name_key(surname(name) or name)


def slug(name: str) -> str:
    """A stable id from a name: `Vladimir Putin` -> `vladimir-putin`."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(char for char in text if not unicodedata.combining(char)).casefold()
    return _NOT_SLUG.sub("-", text).strip("-") or "actor"


def unique_id(name: str, taken: Callable[[str], bool]) -> str:
    """The slug of a name, with `-2`, `-3`... when that id is taken."""
    base = slug(name)
    candidate, number = base, 1
    while taken(candidate):
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def actor_id_of(person: Person) -> str | None:
    """The knowledge-base id of a Person from `Store.persons()` (its `kb:` source)."""
    return next((s[3:] for s in person.sources if s.startswith("kb:")), None)


# ---------------------------------------------------------------- for the resolver


def to_person(known: KnownPerson) -> Person:
    """A knowledge-base person as the resolver's `Person`.

    A role runs from `valid_from` to `valid_to` when known, else from first to last seen.
    Roles without country or sector, and learned roles never dated, are left out.
    """
    roles: list[PersonRole] = []
    for role in known.roles:
        start = role.valid_from or role.first_seen
        end = role.valid_to or role.last_seen
        undated_learning = role.origin == "learned" and start is None and end is None
        if not role.country or not role.sector or undated_learning:
            continue
        person_role = PersonRole(role.role, role.country, role.sector, start, end)
        if person_role not in roles:
            roles.append(person_role)
    return Person(known.name, known.aliases, tuple(roles), (f"kb:{known.actor_id}",))


# ---------------------------------------------------------------- importing dictionaries


def normalise_country(code: str | None, knowledge: Knowledge) -> str | None:
    """A dictionary's country code as eventwire writes it (CAMEO `TMP` -> ISO `TLS`)."""
    if code is None:
        return None
    country = knowledge.country(code)
    return country.code if country else code


def imported_roles(actor: ImportedActor, knowledge: Knowledge) -> list[KnownRole]:
    """The dated roles of an imported entry; `---` codes say nothing and are left out."""
    return [
        KnownRole(
            role=code.role or code.sector or code.code,
            country=normalise_country(code.country, knowledge),
            sector=code.sector,
            origin="import",
            valid_from=code.valid_from,
            valid_to=code.valid_to,
            code=code.code,
            source=f"{actor.source}:{code.line}",
        )
        for code in actor.codes
        if not code.is_null
    ]


def plan_country(actor: ImportedActor, knowledge: Knowledge) -> CountryPlan | None:
    """Which names of a country entry to add; None when its code is no country eventwire knows.

    A name eventwire's own knowledge gives another country or organisation is left out
    and reported, so an import never turns "Georgia" into a second country.
    """
    code = normalise_country(actor.current_country, knowledge)
    if code is None or knowledge.country(code) is None:
        return None
    kept: list[str] = []
    left_out: list[tuple[str, tuple[str, ...]]] = []
    for name in (actor.name, *actor.aliases):
        readings = tuple(sorted({e.code for e in knowledge.lookup(name) if e.code}))
        if readings and code not in readings:
            left_out.append((name, readings))
        else:
            kept.append(name)
    return CountryPlan(code, tuple(kept), tuple(left_out))


def import_key(source: str, kind: str, name: str, occurrence: int) -> str:
    """The identity of an imported entry, so that importing the file again replaces it."""
    return f"{source}#{kind}#{name_key(name)}#{occurrence}"


# ---------------------------------------------------------------- small helpers


def compatible(a: str | None, b: str | None) -> bool:
    """Whether two country readings agree (an unknown one agrees with any)."""
    return a is None or b is None or a == b


def _most_common(values: Iterable[str | None]) -> str | None:
    """The most frequent value that is not None (the first seen on a tie)."""
    counts = collections.Counter(v for v in values if v)
    return max(counts, key=lambda v: counts[v]) if counts else None


def distinct(items: Iterable[T]) -> list[T]:
    """Items in order, each once (strings compared folded)."""
    seen: set[object] = set()
    out: list[T] = []
    for item in items:
        key = name_key(item) if isinstance(item, str) else item
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out
