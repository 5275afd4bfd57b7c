"""Drafts that merge what successive files say, reporting changed values (W302)."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field

from eventwire.actors.knowledge.folding import fold
from eventwire.actors.knowledge.records import Conflict, PersonRole, RoleWord

LOGGER = logging.getLogger(__name__)


@dataclass
class CountryDraft:
    """A country as the files so far describe it; phrases keyed by their folded form."""

    code: str
    names: dict[str, tuple[str, str]] = field(default_factory=dict)
    adjectives: dict[str, tuple[str, str]] = field(default_factory=dict)
    demonyms: dict[str, tuple[str, str]] = field(default_factory=dict)
    capitals: dict[str, tuple[str, str]] = field(default_factory=dict)
    metonyms: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    cameo: tuple[str, str] | None = None
    other_codes: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)


@dataclass
class OrganisationDraft:
    """An organisation as the files so far describe it."""

    code: str
    name: tuple[str, str] | None = None
    sector: tuple[str, str] | None = None
    aliases: dict[str, tuple[str, str]] = field(default_factory=dict)
    parts: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)


@dataclass
class PersonDraft:
    """A person as the files so far describe them."""

    name: str
    aliases: dict[str, str] = field(default_factory=dict)
    roles: list[PersonRole] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)


@dataclass
class Drafts:
    """Everything read so far, merged across files (local to one load)."""

    countries: dict[str, CountryDraft] = field(default_factory=dict)
    organisations: dict[str, OrganisationDraft] = field(default_factory=dict)
    roles: dict[tuple[str, str | None, str, str], RoleWord] = field(default_factory=dict)
    persons: dict[str, PersonDraft] = field(default_factory=dict)
    conflicts: list[Conflict] = field(default_factory=list)


def add_phrases(target: dict[str, tuple[str, str]], phrases: Iterable[str], source: str) -> None:
    """Add phrases not yet present (compared folded), remembering where each came from."""
    for phrase in phrases:
        target.setdefault(fold(phrase), (phrase, source))


def merge_value(
    old: tuple[str, str] | None, new: str, source: str, conflicts: list[Conflict], subject: str
) -> tuple[str, str]:
    """A single value given again: the later one is kept, a change is reported (W302)."""
    if old is not None and old[0] != new:
        readings = (f"{old[0]} ({old[1]})", f"{new} ({source})")
        conflicts.append(Conflict("W302", subject, readings))
        LOGGER.info("[W302] %s: %s replaced by %s", subject, *readings)
    return (new, source)


def merge_part(
    target: dict[str, tuple[str, str, str]],
    phrase: str,
    sector: str,
    source: str,
    conflicts: list[Conflict],
    subject: str,
) -> None:
    """A phrase -> sector pair: a new sector for a known phrase is reported (W302)."""
    key = fold(phrase)
    old = target.get(key)
    if old is not None and old[1] != sector:
        readings = (f"{old[1]} ({old[2]})", f"{sector} ({source})")
        conflicts.append(Conflict("W302", f"{subject} {phrase}", readings))
    target[key] = (phrase, sector, source)
