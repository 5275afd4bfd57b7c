"""Turning the merged drafts into frozen records and the `Knowledge` with its tables."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from types import MappingProxyType

from eventwire.actors.knowledge.entries import (
    build_index,
    country_entries,
    organisation_entries,
    phrase_conflicts,
    pycountry_entries,
    role_entries,
)
from eventwire.actors.knowledge.folding import fold
from eventwire.actors.knowledge.lookup import Knowledge
from eventwire.actors.knowledge.merge import CountryDraft, Drafts, PersonDraft
from eventwire.actors.knowledge.records import Country, Organisation, Person

LOGGER = logging.getLogger(__name__)


def assemble(drafts: Drafts, sectors: Mapping[str, str]) -> Knowledge:
    """Turn merged drafts into frozen records and build the lookup tables."""
    entries = list(organisation_entries(drafts)) + list(role_entries(drafts))
    for draft in drafts.countries.values():
        entries.extend(country_entries(draft))
    index = build_index(entries)
    for draft in drafts.countries.values():
        for entry in pycountry_entries(draft, index):
            index.setdefault(fold(entry.phrase), []).append(entry)
            draft.names.setdefault(fold(entry.phrase), (entry.phrase, "pycountry"))
    conflicts = drafts.conflicts + phrase_conflicts(index)
    for conflict in conflicts:
        LOGGER.info("%s", conflict)
    countries = {code: _country(draft) for code, draft in sorted(drafts.countries.items())}
    return Knowledge(
        countries=MappingProxyType(countries),
        organisations=MappingProxyType(_organisations(drafts)),
        roles=tuple(drafts.roles.values()),
        persons=tuple(_person(draft) for draft in drafts.persons.values()),
        sectors=MappingProxyType(dict(sectors)),
        conflicts=tuple(conflicts),
        max_words=max((len(key.split()) for key in index), default=0),
        index=MappingProxyType({key: tuple(bucket) for key, bucket in index.items()}),
        person_index=MappingProxyType(_person_index(drafts)),
        code_aliases=MappingProxyType(_code_aliases(countries)),
    )


def _country(draft: CountryDraft) -> Country:
    """The frozen record of a merged country."""
    return Country(
        code=draft.code,
        names=tuple(phrase for phrase, _ in draft.names.values()),
        adjectives=tuple(phrase for phrase, _ in draft.adjectives.values()),
        demonyms=tuple(phrase for phrase, _ in draft.demonyms.values()),
        capitals=tuple(phrase for phrase, _ in draft.capitals.values()),
        metonyms=MappingProxyType({p: sector for p, sector, _ in draft.metonyms.values()}),
        cameo=draft.cameo[0] if draft.cameo else None,
        other_codes=tuple(draft.other_codes),
        sources=tuple(draft.sources),
    )


def _organisations(drafts: Drafts) -> dict[str, Organisation]:
    """The frozen records of the merged organisations, by code."""
    return {
        code: Organisation(
            code=code,
            name=draft.name[0] if draft.name else code,
            sector=draft.sector[0] if draft.sector else "IGO",
            aliases=tuple(phrase for phrase, _ in draft.aliases.values()),
            parts=MappingProxyType({p: sector for p, sector, _ in draft.parts.values()}),
            sources=tuple(draft.sources),
        )
        for code, draft in drafts.organisations.items()
    }


def _person(draft: PersonDraft) -> Person:
    """The frozen record of a merged person."""
    aliases = tuple(alias for key, alias in draft.aliases.items() if key != fold(draft.name))
    return Person(draft.name, aliases, tuple(draft.roles), tuple(draft.sources))


def _person_index(drafts: Drafts) -> dict[str, tuple[tuple[str, Person], ...]]:
    """Persons by the folded form of each of their names."""
    index: dict[str, list[tuple[str, Person]]] = {}
    for draft in drafts.persons.values():
        person = _person(draft)
        for name in (person.name, *person.aliases):
            index.setdefault(fold(name), []).append((name, person))
    return {key: tuple(bucket) for key, bucket in index.items()}


def _code_aliases(countries: Mapping[str, Country]) -> dict[str, str]:
    """Every code of every country -> its ISO code."""
    aliases: dict[str, str] = {}
    for country in countries.values():
        for code in country.codes:
            aliases.setdefault(code, country.code)
    return aliases
