"""The knowledge-base persons the analysis resolves with, versioned so workers get only changes.

Version 0 is the set of persons when the run starts; each round of documents learned makes
the next version, recording only the persons it created or changed. A worker at version
`w` that must analyse with version `v` receives the persons changed between them, not the
whole knowledge base again (20,000 imported persons pickle to megabytes).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from eventwire.actors.knowledge import Person


def person_key(person: Person) -> str:
    """The identity of a knowledge-base person: its `kb:<actor_id>` source (else its name)."""
    return person.sources[0] if person.sources else f"name:{person.name}"


@dataclass(frozen=True)
class PersonsUpdate:
    """What a holder of persons at one version needs to reach another."""

    version: int
    changed: tuple[Person, ...]
    replace_all: bool = False


class PersonBook:
    """The persons by identity, with the changes of every version still needed by someone."""

    def __init__(self, persons: Iterable[Person]) -> None:
        self.current: dict[str, Person] = {person_key(p): p for p in persons}
        self.version = 0
        self._history: dict[int, dict[str, Person]] = {}  # version -> persons it changed
        self._initial = dict(self.current)
        self._oldest = 0  # the oldest version an update may still start from

    def learn(self, persons: Iterable[Person]) -> int:
        """Record a new version in which these persons were created or changed."""
        changed = {person_key(p): p for p in persons}
        self.version += 1
        self._history[self.version] = changed
        self.current.update(changed)
        return self.version

    def update(self, held: int | None, wanted: int) -> PersonsUpdate | None:
        """What takes a holder from version `held` (None: nothing yet) to `wanted`."""
        if held == wanted:
            return None
        if held is None or held < self._oldest or held > wanted:
            return PersonsUpdate(wanted, tuple(self.at(wanted).values()), replace_all=True)
        changed: dict[str, Person] = {}
        for version in range(held + 1, wanted + 1):
            changed.update(self._history.get(version, {}))
        return PersonsUpdate(wanted, tuple(changed.values()))

    def at(self, version: int) -> dict[str, Person]:
        """The persons as they were at a version still kept."""
        persons = dict(self._initial)
        for number in range(1, version + 1):
            persons.update(self._history.get(number, {}))
        return persons

    def forget_before(self, version: int) -> None:
        """Drop the changes nobody needs any more: every holder is at `version` or later."""
        for number in [n for n in self._history if n <= version]:
            self._initial.update(self._history.pop(number))
        self._oldest = max(self._oldest, version)


class PersonHolder:
    """A worker's copy of the persons: applies updates, gives a stable sorted sequence."""

    def __init__(self) -> None:
        self.version: int | None = None
        self._persons: dict[str, Person] = {}
        self._sequence: Sequence[Person] = ()

    def apply(self, update: PersonsUpdate | None) -> None:
        """Bring the copy to the update's version."""
        if update is None:
            return
        if update.replace_all:
            self._persons = {}
        self._persons.update((person_key(p), p) for p in update.changed)
        self.version = update.version
        # A new sequence object: the resolver caches its person directory by identity.
        self._sequence = tuple(self._persons[key] for key in sorted(self._persons))

    @property
    def persons(self) -> Sequence[Person]:
        """The persons in the order the store lists them (by actor id)."""
        return self._sequence
