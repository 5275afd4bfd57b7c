"""The frozen records of actor knowledge: entries, countries, organisations, roles, persons."""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import Literal

EntryKind = Literal[
    "country",
    "adjective",
    "demonym",
    "capital",
    "metonym",
    "organisation",
    "title",
    "group",
    "honorific",
]
RoleKind = Literal["title", "group", "honorific"]

_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@dataclass(frozen=True)
class Entry:
    """One reading of a phrase: which kind of word, whose code, which sector."""

    phrase: str
    kind: EntryKind
    code: str | None = None
    sector: str | None = None
    role: str | None = None
    subsector: str | None = None
    source: str = ""


@dataclass(frozen=True)
class Country:
    """A country or territory with the words news uses for it and for its institutions."""

    code: str
    names: tuple[str, ...]
    adjectives: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()
    metonyms: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    cameo: str | None = None
    other_codes: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        """The name to show: the first name listed."""
        return self.names[0] if self.names else self.code

    @property
    def codes(self) -> tuple[str, ...]:
        """Every code that stands for this country: ISO first, then CAMEO and others."""
        extra = (self.cameo,) if self.cameo else ()
        return (self.code, *extra, *self.other_codes)


@dataclass(frozen=True)
class Organisation:
    """An international organisation or NGO acting in its own name."""

    code: str
    name: str
    sector: str
    aliases: tuple[str, ...] = ()
    parts: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class RoleWord:
    """A title or group noun and the sector it implies ("troops" -> MIL)."""

    phrase: str
    sector: str | None
    role: str
    kind: RoleKind
    source: str = ""


@dataclass(frozen=True)
class PersonRole:
    """An office a person held, from `start` to `end` (ISO at year, month or day precision)."""

    role: str
    country: str
    sector: str
    start: str | None = None
    end: str | None = None

    def held_on(self, day: date) -> bool:
        """Whether the role was held on `day` (a bound at year or month precision is inclusive)."""
        first = date_bound(self.start, last=False) if self.start else date.min
        final = date_bound(self.end, last=True) if self.end else date.max
        return first <= day <= final


@dataclass(frozen=True)
class Person:
    """A person with the names news uses and the dated roles they held."""

    name: str
    aliases: tuple[str, ...] = ()
    roles: tuple[PersonRole, ...] = ()
    sources: tuple[str, ...] = ()

    def roles_on(self, day: date | str) -> tuple[PersonRole, ...]:
        """The roles held on a day (a `date` or an ISO day)."""
        when = date.fromisoformat(day) if isinstance(day, str) else day
        held: dict[tuple[str, str, str], PersonRole] = {}
        for role in self.roles:
            # two files may state one office with different bounds: report it once
            if role.held_on(when):
                held.setdefault((role.role, role.country, role.sector), role)
        return tuple(held.values())


@dataclass(frozen=True)
class Conflict:
    """A disagreement between entries, reported rather than resolved silently."""

    code: str
    phrase: str
    readings: tuple[str, ...]
    entries: tuple[Entry, ...] = ()

    def __str__(self) -> str:
        """The message, with its code first."""
        return f"[{self.code}] {self.phrase!r}: " + " vs ".join(self.readings)


def date_bound(value: str, last: bool) -> date:
    """The first (or last) day an ISO date at year, month or day precision covers."""
    match = _DATE.fullmatch(value)
    if not match:
        raise ValueError(f"not an ISO date: {value!r}")
    year = int(match[1])
    if match[2] is None:
        return date(year, 12, 31) if last else date(year, 1, 1)
    month = int(match[2])
    if match[3] is None:
        return date(year, month, calendar.monthrange(year, month)[1] if last else 1)
    return date(year, month, int(match[3]))
