"""Learning persons from many documents at once: `learn_persons` for each in turn, with the
knowledge base read once and written once.

Learning from one document reads its persons' candidates (four queries) and writes what
changed (three to six statements). DuckDB spends milliseconds on each small statement, so
learning cost as much as parsing. Here the candidates of every name in the batch are read
up front; the documents are then learned in order against that copy, kept as the store
would be after each document (rows in insertion order, deleted role rows dropped); and the
net result is written with a handful of statements. The rules are `kb.decide` and
`kb.merge`, as for one document, and the tables end the same, row for row.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from eventwire.actors import kb
from eventwire.records import Mention

if TYPE_CHECKING:
    from eventwire.actors.kb import ActorConflict, KnownPerson
    from eventwire.store.actors import ActorsMixin, LearnResult

LOGGER = logging.getLogger(__name__)


@dataclass
class _RoleRow:
    """An actor_roles row; `stored` when it was in the table before this batch."""

    values: tuple[Any, ...]
    stored: bool


@dataclass
class _Actor:
    """An actor as the batch sees it: its row, names and roles in table order."""

    name: str
    country: str | None
    sector: str | None
    origin: str
    aliases: list[str] = field(default_factory=list)
    roles: list[_RoleRow] = field(default_factory=list)
    stored: bool = True


class BatchLearner:
    """Learns from a batch of documents against an in-memory copy of the persons it names."""

    def __init__(self, store: ActorsMixin) -> None:
        self.store = store
        self.actors: dict[str, _Actor] = {}
        self.by_key: dict[str, set[str]] = {}
        self.by_last_key: dict[str, set[str]] = {}
        self.new_actors: list[tuple[Any, ...]] = []
        self.new_aliases: list[tuple[Any, ...]] = []
        self.new_roles: list[_RoleRow] = []
        self.deleted_roles: list[tuple[str, str, str | None, str | None]] = []
        self.renamed: dict[str, tuple[str, str | None, str | None]] = {}
        self.touched: set[str] = set()
        self.conflicts: list[ActorConflict] = []

    def learn(self, documents: Iterable[tuple[Sequence[Mention], str | None]]) -> list[LearnResult]:
        """Learn from each document in order, then write everything (the caller's transaction)."""
        from eventwire.store.actors import LearnResult

        batch = [(kb.person_updates(m, p), {x.doc_id for x in m}) for m, p in documents]
        for _, docs in batch:
            if len(docs) > 1:
                raise ValueError(f"[E221] learn from one document at a time, not {sorted(docs)}")
        names = [u.name for updates, _ in batch for u in updates]
        self._load(sorted({k for n in names for k in (kb.name_key(n), kb.surname_key(n))}))
        results = []
        for updates, _ in batch:
            result = LearnResult([], [], [], [], [])
            for update in updates:
                self._learn_one(update, result)
            results.append(result)
        self._write()
        return results

    # -- reading once --------------------------------------------------------------------

    def _load(self, keys: list[str]) -> None:
        """Every person one of whose names or surnames is one of `keys`, with all its rows."""
        if not keys:
            return
        con = self.store.con
        ids = [
            row[0]
            for row in con.execute(
                "SELECT DISTINCT l.actor_id FROM actor_aliases l JOIN actors a USING (actor_id) "
                "WHERE a.kind = 'person' AND (l.key IN (SELECT unnest(?)) "
                "OR l.last_key IN (SELECT unnest(?))) ORDER BY 1",
                [keys, keys],
            ).fetchall()
        ]
        if not ids:
            return
        for actor_id, name, country, sector, origin in con.execute(
            "SELECT actor_id, name, country, sector, origin FROM actors "
            "WHERE actor_id IN (SELECT unnest(?))",
            [ids],
        ).fetchall():
            self.actors[actor_id] = _Actor(name, country, sector, origin)
        for actor_id, alias, key, last_key in con.execute(
            "SELECT actor_id, alias, key, last_key FROM actor_aliases "
            "WHERE actor_id IN (SELECT unnest(?)) ORDER BY rowid",
            [ids],
        ).fetchall():
            self._add_alias(actor_id, alias, key, last_key)
        columns = ", ".join(f'"{c}"' for c in _role_columns())
        for row in con.execute(
            f"SELECT {columns} FROM actor_roles WHERE actor_id IN (SELECT unnest(?)) "
            "ORDER BY rowid",
            [ids],
        ).fetchall():
            self.actors[row[0]].roles.append(_RoleRow(tuple(row), stored=True))

    def _add_alias(self, actor_id: str, alias: str, key: str, last_key: str) -> None:
        """Note a name of an actor, findable by its key and its surname key."""
        self.actors[actor_id].aliases.append(alias)
        self.by_key.setdefault(key, set()).add(actor_id)
        self.by_last_key.setdefault(last_key, set()).add(actor_id)

    def _candidates(self, update: kb.PersonUpdate) -> list[KnownPerson]:
        """As `ActorsMixin._candidates`, from the copy."""
        keys = {kb.name_key(update.name), kb.surname_key(update.name)}
        ids = set()
        for key in keys:
            ids |= self.by_key.get(key, set()) | self.by_last_key.get(key, set())
        return [self._known(actor_id) for actor_id in sorted(ids)]

    def _known(self, actor_id: str) -> KnownPerson:
        """A person as `ActorsMixin._known_persons` reads it from the table."""
        from eventwire.store.actors import _known_person, _known_role

        actor = self.actors[actor_id]
        names = [str(c) for c in _role_columns()]
        roles = [_known_role(dict(zip(names, r.values, strict=True))) for r in actor.roles]
        return _known_person(
            actor_id,
            actor.name,
            actor.country,
            actor.sector,
            actor.origin,
            {actor_id: actor.aliases},
            {actor_id: roles},
        )

    # -- learning in memory ----------------------------------------------------------------

    def _learn_one(self, update: kb.PersonUpdate, result: LearnResult) -> None:
        """As `ActorsMixin._learn_one`, on the copy."""
        from eventwire.store.actors import apply_update

        candidates = self._candidates(update)
        apply_update(update, result, candidates, self._id_taken, self._save, self.conflicts.append)

    def _id_taken(self, actor_id: str) -> bool:
        """Whether an actor has this id, in the copy or the table."""
        return actor_id in self.actors or self.store._id_taken(actor_id)

    def _save(self, old: KnownPerson | None, new: KnownPerson, evidence: str) -> None:
        """As `ActorsMixin._save_person`, on the copy; the statements wait for `_write`."""
        from eventwire.store.actors import _alias_row, _now, _role_row

        now = _now()
        if old is None:
            row = (new.actor_id, new.name, "person", new.country, new.sector, new.origin)
            self.new_actors.append(row + (None, evidence, None, now, now))
            self.actors[new.actor_id] = _Actor(
                new.name, new.country, new.sector, new.origin, stored=False
            )
        elif (old.name, old.country, old.sector) != (new.name, new.country, new.sector):
            self._rename(new)
        actor = self.actors[new.actor_id]
        known = old.keys if old else frozenset()
        for name in (n for n in (new.name, *new.aliases) if kb.name_key(n) not in known):
            row = _alias_row(new.actor_id, name, "learned", evidence)
            self.new_aliases.append(row)
            self._add_alias(new.actor_id, name, row[2], row[3])
        before = set(old.roles) if old else set()
        for role in (r for r in new.roles if r not in before):
            self._delete_learned_role(new.actor_id, role.role, role.country, role.sector)
            added = _RoleRow(_role_row(new.actor_id, role), stored=False)
            actor.roles.append(added)
            self.new_roles.append(added)
        if old is not None:
            self.touched.add(new.actor_id)

    def _rename(self, new: KnownPerson) -> None:
        """A person's name, country or sector changed."""
        actor = self.actors[new.actor_id]
        actor.name, actor.country, actor.sector = new.name, new.country, new.sector
        if actor.stored:
            self.renamed[new.actor_id] = (new.name, new.country, new.sector)
            return
        for number, row in enumerate(self.new_actors):
            if row[0] == new.actor_id:
                self.new_actors[number] = (row[0], new.name, row[2], new.country, new.sector,
                                           *row[5:])  # fmt: skip

    def _delete_learned_role(
        self, actor_id: str, role: str, country: str | None, sector: str | None
    ) -> None:
        """The DELETE of `_save_person`: the person's learned rows of this office."""
        actor = self.actors[actor_id]
        kept = []
        for row in actor.roles:
            values = row.values  # actor_id, role, country, sector, ..., origin at 9
            if values[9] == "learned" and (values[1], values[2], values[3]) == (
                role,
                country,
                sector,
            ):
                if row.stored:
                    self.deleted_roles.append((actor_id, role, country, sector))
                else:
                    self.new_roles.remove(row)
                continue
            kept.append(row)
        actor.roles = kept

    # -- writing once ----------------------------------------------------------------------

    def _write(self) -> None:
        """The batch's net changes, in the order that leaves the tables as learning in turn
        would: stored role rows deleted first, then new rows appended in the order made."""
        from eventwire.store.actors import (
            _ACTOR_COLUMNS,
            _ALIAS_COLUMNS,
            _ROLE_COLUMNS,
            _now,
        )

        store, con = self.store, self.store.con
        if self.deleted_roles:
            keys = sorted(set(self.deleted_roles), key=repr)
            table = pa.table(
                {c: [k[i] for k in keys] for i, c in enumerate(("actor_id", "role", "country",
                                                                  "sector"))}
            )  # fmt: skip
            con.register("_deleted_roles", table)
            try:
                con.execute(
                    "DELETE FROM actor_roles r USING _deleted_roles d WHERE r.origin = 'learned' "
                    "AND r.actor_id = d.actor_id AND r.role = d.role "
                    "AND r.country IS NOT DISTINCT FROM d.country "
                    "AND r.sector IS NOT DISTINCT FROM d.sector"
                )
            finally:
                con.unregister("_deleted_roles")
        store._insert("actors", _ACTOR_COLUMNS, self.new_actors)
        if self.renamed:
            rows = [(i, *values) for i, values in sorted(self.renamed.items())]
            store._update_actors(("actor_id", "name", "country", "sector"), rows)
        stored = sorted(i for i in self.touched if self.actors[i].stored)
        if stored:
            con.execute(
                "UPDATE actors SET updated_at = ? WHERE actor_id IN (SELECT unnest(?))",
                [_now(), stored],
            )
        store._insert("actor_aliases", _ALIAS_COLUMNS, self.new_aliases)
        store._insert("actor_roles", _ROLE_COLUMNS, [row.values for row in self.new_roles])
        if self.conflicts:
            store._insert_conflicts(_first_of_each(self.conflicts))


def _role_columns() -> tuple[str, ...]:
    """The actor_roles columns, in the order rows are made."""
    from eventwire.store.actors import _ROLE_COLUMNS

    return _ROLE_COLUMNS


def _first_of_each(conflicts: list[ActorConflict]) -> list[ActorConflict]:
    """Conflicts without repeats of the table's key (INSERT OR IGNORE keeps the first)."""
    seen: set[tuple[Any, ...]] = set()
    kept = []
    for c in conflicts:
        key = (c.actor_id, c.field, c.name, c.seen or "?", c.evidence)
        if key not in seen:
            seen.add(key)
            kept.append(c)
    return kept
