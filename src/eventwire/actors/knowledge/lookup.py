"""The loaded knowledge and its lookups by phrase, person name and country code."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from eventwire.actors.knowledge.folding import case_fits, fold
from eventwire.actors.knowledge.records import (
    Conflict,
    Country,
    Entry,
    Organisation,
    Person,
    RoleWord,
)


@dataclass(frozen=True)
class Knowledge:
    """Everything known about actors, with lookup tables built once at load."""

    countries: Mapping[str, Country]
    organisations: Mapping[str, Organisation]
    roles: tuple[RoleWord, ...]
    persons: tuple[Person, ...]
    sectors: Mapping[str, str]
    conflicts: tuple[Conflict, ...]
    max_words: int
    index: Mapping[str, tuple[Entry, ...]] = field(repr=False)
    person_index: Mapping[str, tuple[tuple[str, Person], ...]] = field(repr=False)
    code_aliases: Mapping[str, str] = field(repr=False)

    def lookup(self, phrase: str) -> list[Entry]:
        """The readings of a phrase; a leading "the" is optional; case rules in the README."""
        words = phrase.split()
        found = _matching(self.index, words)
        if not found and len(words) > 1 and words[0].casefold() == "the":
            found = _matching(self.index, words[1:])
        return found

    def persons_named(self, name: str) -> list[Person]:
        """The persons one of whose names is `name` (same case rules as `lookup`)."""
        words = name.split()
        bucket = self.person_index.get(fold(" ".join(words)), ())
        return [person for stored, person in bucket if case_fits(stored.split(), words)]

    def country(self, code: str) -> Country | None:
        """The country for an ISO, CAMEO or other recorded code ("JAP" -> Japan)."""
        iso = self.code_aliases.get(code)
        return self.countries.get(iso) if iso else None

    def phrases(self) -> Iterator[str]:
        """Every phrase as written in the knowledge files, once each."""
        seen: set[str] = set()
        for bucket in self.index.values():
            for entry in bucket:
                if entry.phrase not in seen:
                    seen.add(entry.phrase)
                    yield entry.phrase


def _matching(index: Mapping[str, tuple[Entry, ...]], words: Sequence[str]) -> list[Entry]:
    """The entries stored under the folded words whose case fits the words as written."""
    bucket = index.get(fold(" ".join(words)), ())
    return [entry for entry in bucket if case_fits(entry.phrase.split(), words)]
