"""The person directory: seed persons and the store's persons under one index, with dated roles."""

from __future__ import annotations

import calendar
import functools
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from types import MappingProxyType

from eventwire.actors.caching import Same
from eventwire.actors.knowledge import Knowledge, Person, PersonRole, fold, is_acronym
from eventwire.records import PublishedDate

LOGGER = logging.getLogger(__name__)


@dataclass(frozen=True)
class RoleChoice:
    """The role chosen for a person at a date, and how sure that choice is."""

    role: PersonRole | None
    dated: bool
    ambiguous: bool
    last_known: PersonRole | None = None


@dataclass(frozen=True, eq=False)
class PersonDirectory:
    """Every known person under each of their names (folded), built once per set of persons."""

    index: Mapping[str, tuple[tuple[str, Person], ...]]

    def named(self, text: str) -> list[Person]:
        """The persons one of whose names is `text`, capitalised as the name is."""
        words = text.split()
        bucket = self.index.get(fold(" ".join(words)), ())
        found: list[Person] = []
        for stored, person in bucket:
            if _case_fits(stored.split(), words) and person not in found:
                found.append(person)
        return found

    def __len__(self) -> int:
        """The number of names indexed."""
        return len(self.index)


def build_directory(knowledge: Knowledge, persons: Iterable[Person] = ()) -> PersonDirectory:
    """One index over the seed persons of `knowledge` and the extra `persons`."""
    merged = _merge_persons([*knowledge.persons, *persons])
    index: dict[str, list[tuple[str, Person]]] = {}
    for person in merged:
        for name in (person.name, *person.aliases):
            index.setdefault(fold(name), []).append((name, person))
    LOGGER.debug("person directory: %d persons, %d names", len(merged), len(index))
    return PersonDirectory(MappingProxyType({k: tuple(v) for k, v in index.items()}))


def directory_for(
    knowledge: Knowledge, persons: Sequence[Person] | PersonDirectory
) -> PersonDirectory:
    """The directory to resolve with: given ready-made, or built from persons and cached.

    The cache knows a sequence of persons by identity: pass a new sequence when they change.
    """
    if isinstance(persons, PersonDirectory):
        return persons
    return _cached_directory(Same(knowledge, persons))


@functools.lru_cache(maxsize=8)
def _cached_directory(key: Same) -> PersonDirectory:
    """A directory per knowledge and sequence of extra persons (by identity), built once."""
    knowledge, persons = key.objects
    assert isinstance(knowledge, Knowledge) and isinstance(persons, Sequence)
    return build_directory(knowledge, persons)


def role_at(person: Person, published: PublishedDate | None, lag_days: int = 0) -> RoleChoice:
    """The role a person held at the publication date (or up to `lag_days` before it).

    When the date is unknown, the latest role, marked undated.
    """
    if not person.roles:
        return RoleChoice(None, False, False)
    if published is None:
        return RoleChoice(_latest(person.roles), False, len(person.roles) > 1)
    first, last = period(published.value)
    first -= timedelta(days=lag_days)
    held = [(r, _overlap(r, first, last)) for r in person.roles]
    held = [(r, days) for r, days in held if days > 0]
    if not held:
        return RoleChoice(None, True, False, _before(person.roles, first))
    best = max(held, key=lambda pair: pair[1])[0]
    kinds = {(r.role, r.country) for r, _ in held}
    return RoleChoice(best, True, len(kinds) > 1)


def roles_between(person: Person, first: date, last: date) -> list[PersonRole]:
    """The roles a person held at some time between two days."""
    return [role for role in person.roles if _overlap(role, first, last) > 0]


def period(value: str) -> tuple[date, date]:
    """The first and last day an ISO date at year, month or day precision covers."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return date(parts[0], 1, 1), date(parts[0], 12, 31)
    if len(parts) == 2:
        end = calendar.monthrange(parts[0], parts[1])[1]
        return date(parts[0], parts[1], 1), date(parts[0], parts[1], end)
    day = date(parts[0], parts[1], parts[2])
    return day, day


def _overlap(role: PersonRole, first: date, last: date) -> int:
    """Days of `first..last` within the role's tenure (0 when none)."""
    start = period(role.start)[0] if role.start else date.min
    end = period(role.end)[1] if role.end else date.max
    low, high = max(start, first), min(end, last)
    return (high - low).days + 1 if low <= high else 0


def _before(roles: Sequence[PersonRole], day: date) -> PersonRole | None:
    """The role that ended last before `day`, or None when all came later."""
    ended = [r for r in roles if r.end and period(r.end)[1] < day]
    return max(ended, key=lambda r: period(r.end or "")[1]) if ended else None


def _latest(roles: Sequence[PersonRole]) -> PersonRole:
    """The role held last: an open one first, else the one that ended last."""
    return max(roles, key=lambda r: (r.end is None, r.end or "", r.start or ""))


def _merge_persons(persons: Sequence[Person]) -> list[Person]:
    """Persons of the same name merged: aliases and roles joined, nothing dropped."""
    merged: dict[str, Person] = {}
    for person in persons:
        key = fold(person.name)
        old = merged.get(key)
        if old is None:
            merged[key] = person
            continue
        aliases = old.aliases + tuple(a for a in person.aliases if a not in old.aliases)
        roles = old.roles + tuple(r for r in person.roles if r not in old.roles)
        merged[key] = Person(old.name, aliases, roles, old.sources + person.sources)
    return list(merged.values())


def _case_fits(stored: Sequence[str], written: Sequence[str]) -> bool:
    """Whether written words fit a stored name's case: acronyms exact, capitals kept."""
    if len(stored) != len(written):
        return False
    for want, got in zip(stored, written, strict=True):
        if is_acronym(want) and want != got:
            return False
        if want[:1].isupper() and not got[:1].isupper():
            return False
    return True
