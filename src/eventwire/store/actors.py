"""The actor knowledge base in the store: mentions, persons learned across documents,
entries users add or correct, and imported TABARI/PETRARCH dictionaries.

`ActorsMixin` gives `Store` these methods; the rules live in `eventwire.actors.kb`.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import duckdb
import pyarrow as pa

from eventwire.actors import kb
from eventwire.actors.knowledge import Knowledge, Person, packaged_knowledge
from eventwire.actors.tabari import ImportedActor, ImportProblem
from eventwire.errors import EventwireError
from eventwire.records import Mention
from eventwire.store.analysis import _MENTION_COLUMNS

if TYPE_CHECKING:
    from eventwire.actors.kb import ActorConflict, KnownPerson, KnownRole

LOGGER = logging.getLogger(__name__)

ACTOR_ERROR_CODES: Mapping[str, str] = MappingProxyType(
    {
        "E220": "no actor with this id or name",
        "E221": "mentions of another document than the one named",
        "E222": "a bad country or sector code, or a bad date, in an entry a user gives",
        "E223": "a role without the country and sector it belongs to",
        "E224": "a name that several actors share: give the actor id",
    }
)

_ACTOR_COLUMNS = (
    "actor_id",
    "name",
    "kind",
    "country",
    "sector",
    "origin",
    "import_key",
    "source",
    "note",
    "created_at",
    "updated_at",
)
_ALIAS_COLUMNS = ("actor_id", "alias", "key", "last_key", "origin", "source")
_ROLE_COLUMNS = (
    "actor_id",
    "role",
    "country",
    "sector",
    "valid_from",
    "valid_to",
    "first_seen",
    "last_seen",
    "doc_ids",
    "origin",
    "code",
    "source",
)
_CONFLICT_COLUMNS = (
    "actor_id",
    "name",
    "field",
    "kept",
    "seen",
    "evidence",
    "origin",
    "seen_on",
    "other_actor_id",
    "first_seen",
)
_CODE = re.compile(r"[A-Z0-9]{3}")
_SECTOR = re.compile(r"[A-Z]{3}")


class NoSuchActor(EventwireError, KeyError):
    """An actor id or name the store does not hold."""

    def __str__(self) -> str:
        """The message, without KeyError's quotes."""
        return str(self.args[0]) if self.args else ""


@dataclass(frozen=True)
class LearnResult:
    """What learning from one document did to the knowledge base."""

    created: list[str]
    updated: list[str]
    unchanged: list[str]
    conflicts: list[ActorConflict]
    skipped: list[str]


@dataclass
class ImportReport:
    """What an import of a dictionary did, and the lines it could not read."""

    source: str
    persons_added: int = 0
    persons_updated: int = 0
    persons_merged: int = 0
    groups_added: int = 0
    groups_updated: int = 0
    countries: int = 0
    country_aliases: int = 0
    country_aliases_left_out: int = 0
    aliases: int = 0
    roles: int = 0
    skipped: int = 0
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """The report as plain data, problems as dicts."""
        out = asdict(self)
        out["problems"] = [asdict(p) for p in self.problems]
        return out


@dataclass
class _ImportBatch:
    """The rows an import writes, gathered before one transaction (local to one import)."""

    new_actors: list[tuple[Any, ...]] = field(default_factory=list)
    replaced_actors: list[tuple[Any, ...]] = field(default_factory=list)
    aliases: list[tuple[Any, ...]] = field(default_factory=list)
    roles: list[tuple[Any, ...]] = field(default_factory=list)
    conflicts: list[tuple[Any, ...]] = field(default_factory=list)
    touched: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class _NamedEntry:
    """An entry not made by an import, found by its canonical name."""

    actor_id: str
    country: str | None
    origin: str


class ActorsMixin:
    """Store methods for mentions and the actor knowledge base (uses `con` and `_dicts`)."""

    con: duckdb.DuckDBPyConnection

    def _dicts(self, sql: str, params: Sequence[Any] | None = None) -> list[dict[str, Any]]:
        raise NotImplementedError  # provided by Store

    # -- mentions ----------------------------------------------------------------------

    def add_mentions(self, doc_id: str, mentions: Sequence[Mention]) -> int:
        """Replace a document's mentions in one transaction; return how many were written.

        The same mentions again change nothing and write none (0).
        """
        strays = {m.doc_id for m in mentions} - {doc_id}
        if strays:
            raise ValueError(f"[E221] mentions of {sorted(strays)} given for document {doc_id!r}")
        rows = [_mention_row(n, m) for n, m in enumerate(mentions)]
        columns = ", ".join(f'"{c}"' for c in _MENTION_COLUMNS)
        stored = self.con.execute(
            f"SELECT {columns} FROM mentions WHERE doc_id = ? ORDER BY mention", [doc_id]
        ).fetchall()
        if stored == rows:
            return 0
        with self._transaction():
            self.con.execute("DELETE FROM mentions WHERE doc_id = ?", [doc_id])
            self._insert("mentions", _MENTION_COLUMNS, rows)
        return len(rows)

    def mentions(
        self,
        doc_id: str | None = None,
        actor_id: str | None = None,
        kind: str | None = None,
        method: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Stored mentions, of one document, one actor, one kind or method, in text order."""
        clauses, params = _equal_filters(
            {"doc_id": doc_id, "actor_id": actor_id, "kind": kind, "method": method}
        )
        paging = " LIMIT ? OFFSET ?" if limit is not None else ""
        params += [limit, offset] if limit is not None else []
        columns = ", ".join(f'"{c}"' for c in _MENTION_COLUMNS)
        return self._dicts(
            f"SELECT {columns} FROM mentions {clauses} ORDER BY doc_id, mention{paging}", params
        )

    # -- learning ----------------------------------------------------------------------

    def learn_persons(self, mentions: Sequence[Mention], published: str | None) -> LearnResult:
        """Learn persons from one document's titled mentions, in one transaction.

        Learning the same document again changes nothing; a country that disagrees with a
        known person is kept as a conflict; a user's entry keeps its fields.
        """
        docs = {m.doc_id for m in mentions}
        if len(docs) > 1:
            raise ValueError(f"[E221] learn from one document at a time, not {sorted(docs)}")
        result = LearnResult([], [], [], [], [])
        updates = kb.person_updates(mentions, published)
        if not updates:
            return result
        with self._transaction():
            for update in updates:
                self._learn_one(update, result)
        return result

    def learn_persons_many(
        self, documents: Iterable[tuple[Sequence[Mention], str | None]]
    ) -> list[LearnResult]:
        """`learn_persons` for each document in turn, in one transaction, reading and writing
        the knowledge base once for all of them (see `eventwire.store.learning`)."""
        from eventwire.store.learning import BatchLearner

        with self._transaction():
            return BatchLearner(self).learn(documents)

    def _learn_one(self, update: kb.PersonUpdate, result: LearnResult) -> None:
        """Apply one document's update about one person."""
        apply_update(
            update,
            result,
            self._candidates(update),
            self._id_taken,
            self._save_person,
            lambda conflict: self._insert_conflicts([conflict]),
        )

    def _candidates(self, update: kb.PersonUpdate) -> list[KnownPerson]:
        """Known persons one of whose names or surnames is the update's name or surname."""
        keys = sorted({kb.name_key(update.name), kb.surname_key(update.name)})
        rows = self.con.execute(
            "SELECT DISTINCT l.actor_id FROM actor_aliases l JOIN actors a USING (actor_id) "
            "WHERE a.kind = 'person' AND (l.key IN (SELECT unnest(?)) "
            "OR l.last_key IN (SELECT unnest(?))) ORDER BY 1",
            [keys, keys],
        ).fetchall()
        return self._known_persons([r[0] for r in rows])

    def _known_persons(self, actor_ids: list[str] | None = None) -> list[KnownPerson]:
        """Persons as the rules see them: all persons, or those with these ids."""
        if actor_ids is not None and not actor_ids:
            return []
        chosen = actor_ids is not None
        where = "a.kind = 'person'" + (" AND a.actor_id IN (SELECT unnest(?))" if chosen else "")
        params = [actor_ids] if chosen else []
        people = self.con.execute(
            "SELECT actor_id, name, country, sector, origin FROM actors a "
            f"WHERE {where} ORDER BY actor_id",
            params,
        ).fetchall()
        aliases: dict[str, list[str]] = {}
        for actor_id, alias in self.con.execute(
            f"SELECT l.actor_id, l.alias FROM actor_aliases l JOIN actors a USING (actor_id) "
            f"WHERE {where} ORDER BY l.rowid",
            params,
        ).fetchall():
            aliases.setdefault(actor_id, []).append(alias)
        roles: dict[str, list[KnownRole]] = {}
        for row in self._dicts(
            "SELECT r.* FROM actor_roles r JOIN actors a USING (actor_id) "
            f"WHERE {where} ORDER BY r.rowid",
            params,
        ):
            roles.setdefault(row["actor_id"], []).append(_known_role(row))
        return [
            _known_person(actor_id, name, country, sector, origin, aliases, roles)
            for actor_id, name, country, sector, origin in people
        ]

    def _save_person(self, old: KnownPerson | None, new: KnownPerson, evidence: str) -> None:
        """Write what changed between two states of a person (inside a transaction)."""
        now = _now()
        if old is None:
            self._insert(
                "actors",
                _ACTOR_COLUMNS,
                [
                    (new.actor_id, new.name, "person", new.country, new.sector, new.origin)
                    + (None, evidence, None, now, now)
                ],
            )
        elif (old.name, old.country, old.sector) != (new.name, new.country, new.sector):
            self.con.execute(
                "UPDATE actors SET name = ?, country = ?, sector = ? WHERE actor_id = ?",
                [new.name, new.country, new.sector, new.actor_id],
            )
        known = old.keys if old else frozenset()
        fresh = [n for n in (new.name, *new.aliases) if kb.name_key(n) not in known]
        self._insert(
            "actor_aliases",
            _ALIAS_COLUMNS,
            [_alias_row(new.actor_id, n, "learned", evidence) for n in fresh],
        )
        before = set(old.roles) if old else set()
        for role in (r for r in new.roles if r not in before):
            self.con.execute(
                "DELETE FROM actor_roles WHERE actor_id = ? AND origin = 'learned' AND role = ? "
                "AND country IS NOT DISTINCT FROM ? AND sector IS NOT DISTINCT FROM ?",
                [new.actor_id, role.role, role.country, role.sector],
            )
            self._insert("actor_roles", _ROLE_COLUMNS, [_role_row(new.actor_id, role)])
        if old is not None:
            self.con.execute(
                "UPDATE actors SET updated_at = ? WHERE actor_id = ?", [now, new.actor_id]
            )

    # -- reading -----------------------------------------------------------------------

    def persons(self) -> list[Person]:
        """Every person of the knowledge base (learned, imported, user) for the resolver.

        A role runs from `valid_from`/`valid_to` when known, else from first to last seen;
        each Person's `sources` is `("kb:<actor_id>",)` (see `kb.actor_id_of`).
        """
        return [kb.to_person(person) for person in self._known_persons()]

    def country_aliases(self) -> dict[str, str]:
        """Names of countries added by imports, folded, with their country code."""
        rows = self.con.execute(
            "SELECT l.key, a.country FROM actor_aliases l JOIN actors a USING (actor_id) "
            "WHERE a.kind = 'country' AND a.country IS NOT NULL ORDER BY l.rowid"
        ).fetchall()
        return {key: country for key, country in rows}

    def actor(self, actor_id: str) -> dict[str, Any]:
        """One actor with its names, roles (and their documents), conflicts, and how many
        mentions, events (as source or target) and quotes the analysis linked to it."""
        found = self._dicts("SELECT * FROM actors WHERE actor_id = ?", [actor_id])
        if not found:
            raise NoSuchActor(f"[E220] no actor with id {actor_id!r}")
        record = found[0]
        names = self.con.execute(
            "SELECT alias FROM actor_aliases WHERE actor_id = ? ORDER BY rowid", [actor_id]
        ).fetchall()
        record["aliases"] = kb.distinct(
            n for (n,) in names if kb.name_key(n) != kb.name_key(record["name"])
        )
        record["roles"] = [
            {**row, "doc_ids": json.loads(row["doc_ids"] or "[]")}
            for row in self._dicts(
                "SELECT role, country, sector, valid_from, valid_to, first_seen, last_seen, "
                "doc_ids, origin, code, source FROM actor_roles WHERE actor_id = ? "
                "ORDER BY coalesce(valid_from, first_seen) NULLS FIRST, rowid",
                [actor_id],
            )
        ]
        record["conflicts"] = self.conflicts(actor_id=actor_id, include_resolved=True)
        record["documents"] = [
            r[0]
            for r in self.con.execute(
                "SELECT DISTINCT doc_id FROM mentions WHERE actor_id = ? ORDER BY 1", [actor_id]
            ).fetchall()
        ]
        record["mentions"] = self._count(
            "SELECT count(*) FROM mentions WHERE actor_id = ?", [actor_id]
        )
        record["events"] = self._count(
            "SELECT count(*) FROM events WHERE source_actor_id = ? OR target_actor_id = ?",
            [actor_id, actor_id],
        )
        record["quotes"] = self._count(
            "SELECT count(*) FROM quotes WHERE speaker_actor_id = ?", [actor_id]
        )
        return record

    def find_actors(self, id_or_name: str) -> list[str]:
        """The ids of actors with this id, else of those with this name or alias."""
        if self._id_taken(id_or_name):
            return [id_or_name]
        rows = self.con.execute(
            "SELECT DISTINCT actor_id FROM actor_aliases WHERE key = ? ORDER BY 1",
            [kb.name_key(id_or_name)],
        ).fetchall()
        return [r[0] for r in rows]

    def actors(
        self,
        search: str | None = None,
        country: str | None = None,
        origin: str | None = None,
        kind: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Actors whose id, name or an alias contains `search`, with filters, by name."""
        clauses, params = actor_filters(search, country, origin, kind)
        return self._dicts(
            "SELECT a.actor_id, a.name, a.kind, a.country, a.sector, a.origin, "
            "(SELECT count(DISTINCT l.key) FROM actor_aliases l WHERE l.actor_id = a.actor_id "
            "AND l.alias <> a.name) AS aliases, "
            "(SELECT count(*) FROM actor_roles r WHERE r.actor_id = a.actor_id) AS roles, "
            "(SELECT min(r.first_seen) FROM actor_roles r WHERE r.actor_id = a.actor_id) "
            "AS first_seen, "
            "(SELECT max(r.last_seen) FROM actor_roles r WHERE r.actor_id = a.actor_id) "
            f"AS last_seen FROM actors a {clauses} ORDER BY a.name, a.actor_id LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )

    def count_actors(self, kind: str | None = None) -> int:
        """How many actors are stored (of one kind)."""
        clauses, params = _equal_filters({"kind": kind})
        return self._count(f"SELECT count(*) FROM actors {clauses}", params)

    def conflicts(
        self, actor_id: str | None = None, include_resolved: bool = False
    ) -> list[dict[str, Any]]:
        """Conflicting readings kept for actors, oldest first; unresolved ones unless asked."""
        clauses, params = _equal_filters({"c.actor_id": actor_id})
        if not include_resolved:
            clauses += (" AND " if clauses else "WHERE ") + "NOT c.resolved"
        return self._dicts(
            "SELECT c.actor_id, a.name AS actor_name, c.name, c.field, c.kept, c.seen, "
            "c.evidence, c.origin, c.seen_on, c.other_actor_id, c.resolved, c.first_seen "
            f"FROM actor_conflicts c LEFT JOIN actors a USING (actor_id) {clauses} "
            "ORDER BY c.first_seen, c.actor_id, c.name, c.seen, c.evidence",
            params,
        )

    # -- users' entries ----------------------------------------------------------------

    def add_actor(
        self,
        name: str,
        aliases: Sequence[str] = (),
        country: str | None = None,
        sector: str | None = None,
        role: str | None = None,
        valid_from: str | None = None,
        valid_to: str | None = None,
        kind: str = "person",
        note: str | None = None,
        actor_id: str | None = None,
    ) -> tuple[str, bool]:
        """Add a user's entry, or correct the one with this id or name; (id, whether new).

        The entry's origin becomes `user`: learning and imports never change its fields.
        """
        name = " ".join(name.split())
        _check_entry(name, country, sector, valid_from, valid_to)
        target = actor_id or self._user_target(name, kind)
        with self._transaction():
            if target is None:
                target = kb.unique_id(name, self._id_taken)
                now = _now()
                row = (target, name, kind, country, sector, "user", None, "user", note, now, now)
                self._insert("actors", _ACTOR_COLUMNS, [row])
                self._insert("actor_aliases", _ALIAS_COLUMNS, [_alias_row(target, name, "user")])
                created = True
            else:
                created = False
            self._correct(target, None, country, sector, aliases, (), None, note)
            if role:
                self._add_user_role(target, role, country, sector, valid_from, valid_to)
        return target, created

    def correct_actor(
        self,
        actor_id: str,
        name: str | None = None,
        country: str | None = None,
        sector: str | None = None,
        aliases: Sequence[str] = (),
        remove_aliases: Sequence[str] = (),
        kind: str | None = None,
        note: str | None = None,
    ) -> None:
        """Correct an entry's fields and names; it becomes the user's (origin `user`)."""
        _check_entry(name or "-", country, sector, None, None)
        with self._transaction():
            self._correct(actor_id, name, country, sector, aliases, remove_aliases, kind, note)

    def _user_target(self, name: str, kind: str) -> str | None:
        """The one entry of this kind whose name is `name`, None if none; E224 if several."""
        rows = self.con.execute(
            "SELECT DISTINCT a.actor_id FROM actors a JOIN actor_aliases l USING (actor_id) "
            "WHERE l.key = ? AND l.alias = a.name AND a.kind = ? ORDER BY 1",
            [kb.name_key(name), kind],
        ).fetchall()
        if len(rows) > 1:
            ids = ", ".join(r[0] for r in rows)
            raise ValueError(f"[E224] {name!r} names several actors ({ids}); give the actor id")
        return rows[0][0] if rows else None

    def _correct(
        self,
        actor_id: str,
        name: str | None,
        country: str | None,
        sector: str | None,
        aliases: Sequence[str],
        remove_aliases: Sequence[str],
        kind: str | None,
        note: str | None,
    ) -> None:
        """Set the fields given and make the entry the user's (inside a transaction)."""
        if not self._id_taken(actor_id):
            raise NoSuchActor(f"[E220] no actor with id {actor_id!r}")
        fields = {"name": name, "country": country, "sector": sector, "kind": kind, "note": note}
        given = {k: v for k, v in fields.items() if v is not None}
        sets = ", ".join(f"{k} = ?" for k in given)
        self.con.execute(
            f"UPDATE actors SET {sets}{', ' if sets else ''}origin = 'user', updated_at = ? "
            "WHERE actor_id = ?",
            [*given.values(), _now(), actor_id],
        )
        known = {
            r[0]
            for r in self.con.execute(
                "SELECT key FROM actor_aliases WHERE actor_id = ?", [actor_id]
            ).fetchall()
        }
        fresh = kb.distinct(n for n in ([name] if name else []) + list(aliases) if n)
        self._insert(
            "actor_aliases",
            _ALIAS_COLUMNS,
            [_alias_row(actor_id, n, "user") for n in fresh if kb.name_key(n) not in known],
        )
        for alias in remove_aliases:
            self.con.execute(
                "DELETE FROM actor_aliases WHERE actor_id = ? AND key = ? AND alias <> "
                "(SELECT name FROM actors WHERE actor_id = ?)",
                [actor_id, kb.name_key(alias), actor_id],
            )
        if country is not None:
            self.con.execute(
                "UPDATE actor_conflicts SET resolved = TRUE WHERE actor_id = ? "
                "AND field = 'country'",
                [actor_id],
            )

    def _add_user_role(
        self,
        actor_id: str,
        role: str,
        country: str | None,
        sector: str | None,
        valid_from: str | None,
        valid_to: str | None,
    ) -> None:
        """Add a user's dated role, taking the entry's country and sector when not given."""
        rows = self.con.execute(
            "SELECT country, sector FROM actors WHERE actor_id = ?", [actor_id]
        ).fetchall()
        row = rows[0] if rows else None
        country = country or (row[0] if row else None)
        sector = sector or (row[1] if row else None)
        if not country or not sector:
            raise ValueError(f"[E223] the role {role!r} needs a country and a sector")
        self.con.execute(
            "DELETE FROM actor_roles WHERE actor_id = ? AND origin = 'user' AND role = ? "
            "AND country = ? AND sector = ? AND valid_from IS NOT DISTINCT FROM ?",
            [actor_id, role, country, sector, valid_from],
        )
        user_role = kb.KnownRole(role, country, sector, "user", valid_from, valid_to)
        self._insert("actor_roles", _ROLE_COLUMNS, [_role_row(actor_id, user_role, source="user")])

    # -- importing dictionaries --------------------------------------------------------

    def import_actors(
        self,
        items: Iterable[ImportedActor | ImportProblem],
        source: str,
        knowledge: Knowledge | None = None,
    ) -> ImportReport:
        """Import a TABARI/PETRARCH dictionary's entries in one transaction.

        Persons and groups become entries of origin `import` (importing the same file again
        replaces them); a person whose name a learned or user entry already has joins it
        when the countries agree, else becomes an entry of its own and a conflict is kept.
        Country entries add their names as country aliases, except names eventwire's own
        knowledge gives to another actor (reported). Problems are collected, not raised.
        """
        knowledge = knowledge or packaged_knowledge()
        report = ImportReport(source)
        batch = _ImportBatch()
        imported = dict(
            self.con.execute(
                "SELECT import_key, actor_id FROM actors WHERE import_key IS NOT NULL"
            ).fetchall()
        )
        named = self._named_entries()
        taken = {r[0] for r in self.con.execute("SELECT actor_id FROM actors").fetchall()}
        seen: dict[tuple[str, str], int] = {}
        now = _now()
        for item in items:
            if isinstance(item, ImportProblem):
                report.problems.append(item)
                continue
            name_key = (item.kind, kb.name_key(item.name))
            seen[name_key] = seen.get(name_key, 0) + 1
            key = kb.import_key(source, item.kind, item.name, seen[name_key])
            if item.kind == "null":
                report.skipped += 1
            elif item.kind == "country":
                self._plan_country(item, key, imported, taken, knowledge, batch, report, now)
            else:
                self._plan_entry(item, key, imported, named, taken, knowledge, batch, report, now)
        with self._transaction():
            self._write_import(batch, source, now)
        report.conflicts = [
            dict(zip(_CONFLICT_COLUMNS[:-1], row[:-1], strict=True)) for row in batch.conflicts
        ]
        return report

    def _named_entries(self) -> dict[str, list[_NamedEntry]]:
        """Learned and user persons by their folded canonical name."""
        named: dict[str, list[_NamedEntry]] = {}
        for actor_id, name, country, origin in self.con.execute(
            "SELECT actor_id, name, country, origin FROM actors "
            "WHERE kind = 'person' AND origin <> 'import' ORDER BY actor_id"
        ).fetchall():
            named.setdefault(kb.name_key(name), []).append(_NamedEntry(actor_id, country, origin))
        return named

    def _plan_country(
        self,
        item: ImportedActor,
        key: str,
        imported: dict[str, str],
        taken: set[str],
        knowledge: Knowledge,
        batch: _ImportBatch,
        report: ImportReport,
        now: dt.datetime,
    ) -> None:
        """Gather the rows of a country entry: its kept names and its left-out ones."""
        plan = kb.plan_country(item, knowledge)
        if plan is None:
            report.skipped += 1
            return
        actor_id = self._import_id(item, key, imported, taken, batch, plan.code, None, now)
        where = f"{item.source}:{item.line}"
        batch.aliases += [_alias_row(actor_id, n, "import", where) for n in plan.kept]
        for alias, readings in plan.left_out:
            batch.conflicts.append(
                (actor_id, alias, "alias", ",".join(readings), plan.code, where, "import")
                + (None, None, now)
            )
        report.countries += 1
        report.country_aliases += len(plan.kept)
        report.country_aliases_left_out += len(plan.left_out)

    def _plan_entry(
        self,
        item: ImportedActor,
        key: str,
        imported: dict[str, str],
        named: dict[str, list[_NamedEntry]],
        taken: set[str],
        knowledge: Knowledge,
        batch: _ImportBatch,
        report: ImportReport,
        now: dt.datetime,
    ) -> None:
        """Gather the rows of a person or group entry, joining a learned or user entry."""
        country = kb.normalise_country(item.country, knowledge)
        where = f"{item.source}:{item.line}"
        same_name = named.get(kb.name_key(item.name), []) if item.kind == "person" else []
        joined = next((e for e in same_name if kb.compatible(e.country, country)), None)
        if key not in imported and joined is not None:
            actor_id = joined.actor_id
            batch.touched.add(actor_id)
            report.persons_merged += 1
            names = [] if joined.origin == "user" else [item.name, *item.aliases]
        else:
            updated = key in imported
            actor_id = self._import_id(item, key, imported, taken, batch, country, item.sector, now)
            if same_name and joined is None:
                other = same_name[0]
                batch.conflicts.append(
                    (other.actor_id, item.name, "country", other.country, country or "?", where)
                    + ("import", None, actor_id, now)
                )
            _count_entry(report, item.kind, updated)
            names = [item.name, *item.aliases]
        batch.aliases += [_alias_row(actor_id, n, "import", where) for n in names]
        roles = kb.imported_roles(item, knowledge)
        batch.roles += [_role_row(actor_id, role, source=role.source) for role in roles]
        report.aliases += len(item.aliases) if names else 0
        report.roles += len(roles)

    def _import_id(
        self,
        item: ImportedActor,
        key: str,
        imported: dict[str, str],
        taken: set[str],
        batch: _ImportBatch,
        country: str | None,
        sector: str | None,
        now: dt.datetime,
    ) -> str:
        """The id of an imported entry (the same as last time for the same entry) and its row."""
        actor_id = imported.get(key)
        rows = batch.replaced_actors if actor_id else batch.new_actors
        if actor_id is None:
            actor_id = kb.unique_id(item.name, taken.__contains__)
            taken.add(actor_id)
            imported[key] = actor_id
        batch.touched.add(actor_id)
        where = f"{item.source}:{item.line}"
        kind = item.kind
        rows.append((actor_id, item.name, kind, country, sector, "import", key, where, None, now))
        return actor_id

    def _write_import(self, batch: _ImportBatch, source: str, now: dt.datetime) -> None:
        """Replace what the file gave before and write what it gives now (in a transaction)."""
        touched = sorted(batch.touched)
        prefix = f"{source}:"
        for table in ("actor_aliases", "actor_roles"):
            self.con.execute(
                f"DELETE FROM {table} WHERE origin = 'import' AND starts_with(source, ?) "
                "AND actor_id IN (SELECT unnest(?))",
                [prefix, touched],
            )
        self._insert("actors", _ACTOR_COLUMNS, [(*row, now) for row in batch.new_actors])
        if batch.replaced_actors:
            columns = ("actor_id", "name", "kind", "country", "sector", "source", "updated_at")
            rows = [(*row[:5], row[7], now) for row in batch.replaced_actors]
            self._update_actors(columns, rows)
        self._insert("actor_aliases", _ALIAS_COLUMNS, batch.aliases)
        self._insert("actor_roles", _ROLE_COLUMNS, batch.roles)
        if batch.conflicts:
            self._insert("actor_conflicts", _CONFLICT_COLUMNS, batch.conflicts, ignore=True)

    def _update_actors(self, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
        """Update actor rows by id from a batch of (id, field...) rows."""
        table = pa.table({c: [r[i] for r in rows] for i, c in enumerate(columns)})
        self.con.register("_actor_updates", table)
        try:
            sets = ", ".join(f"{c} = u.{c}" for c in columns[1:])
            self.con.execute(
                f"UPDATE actors SET {sets} FROM _actor_updates u WHERE actors.actor_id = u.actor_id"
            )
        finally:
            self.con.unregister("_actor_updates")

    # -- helpers -----------------------------------------------------------------------

    def _insert_conflicts(self, conflicts: Iterable[ActorConflict]) -> None:
        """Keep conflicts; one already kept is not kept twice."""
        now = _now()
        rows = [
            (c.actor_id, c.name, c.field, c.kept, c.seen or "?", c.evidence, c.origin)
            + (c.seen_on, c.other_actor_id, now)
            for c in conflicts
        ]
        self._insert("actor_conflicts", _CONFLICT_COLUMNS, rows, ignore=True)

    def _id_taken(self, actor_id: str) -> bool:
        """Whether an actor has this id."""
        return bool(self._count("SELECT count(*) FROM actors WHERE actor_id = ?", [actor_id]))

    def _count(self, sql: str, params: Sequence[Any]) -> int:
        """The number a count query gives (fetched whole: DuckDB keeps a half-read result)."""
        rows = self.con.execute(sql, params).fetchall()
        return int(rows[0][0]) if rows else 0

    def _insert(
        self,
        table: str,
        columns: Sequence[str],
        rows: Sequence[Sequence[Any]],
        ignore: bool = False,
    ) -> None:
        """Insert rows through one Arrow batch (the caller holds the transaction)."""
        if not rows:
            return
        batch = pa.table({c: [r[i] for r in rows] for i, c in enumerate(columns)})
        name = f"_{table}_batch"
        quoted = ", ".join(f'"{c}"' for c in columns)
        self.con.register(name, batch)
        try:
            verb = "INSERT OR IGNORE" if ignore else "INSERT"
            self.con.execute(f"{verb} INTO {table} ({quoted}) SELECT {quoted} FROM {name}")
        finally:
            self.con.unregister(name)

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """One transaction around the block: committed at its end, rolled back on error."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.con.execute("COMMIT")


# ---------------------------------------------------------------- rows and records


def apply_update(
    update: kb.PersonUpdate,
    result: LearnResult,
    candidates: Sequence[KnownPerson],
    id_taken: Callable[[str], bool],
    save: Callable[[KnownPerson | None, KnownPerson, str], None],
    record_conflict: Callable[[ActorConflict], None],
) -> None:
    """Apply one document's update about one person: skip it, record a conflict, create the
    person or merge it into the one it names; `save` and `record_conflict` say where to."""
    decision = kb.decide(update, candidates)
    LOGGER.debug("%s %r: %s", decision.action, update.name, decision.reason)
    if decision.action == "skip":
        result.skipped.append(update.name)
    elif decision.action == "conflict" and decision.conflict is not None:
        record_conflict(decision.conflict)
        result.conflicts.append(decision.conflict)
    elif decision.action == "create":
        actor_id = kb.unique_id(update.name, id_taken)
        save(None, kb.new_person(actor_id, update), update.doc_id)
        result.created.append(actor_id)
    elif decision.target is not None:
        merged = kb.merge(decision.target, update)
        changed = merged != decision.target
        if changed:
            save(decision.target, merged, update.doc_id)
        (result.updated if changed else result.unchanged).append(merged.actor_id)


def _now() -> dt.datetime:
    """The current UTC time without zone, as the store keeps times."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _mention_row(number: int, mention: Mention) -> tuple[Any, ...]:
    """The mentions-table row of a Mention, in `_MENTION_COLUMNS` order."""
    return (
        mention.doc_id,
        number,
        mention.sentence,
        mention.start,
        mention.end,
        mention.text,
        mention.kind,
        mention.actor_id,
        mention.name,
        mention.country,
        mention.sector,
        mention.role,
        mention.role_time,
        mention.as_of,
        mention.method,
        float(mention.confidence),
        mention.antecedent,
    )


def _alias_row(
    actor_id: str, alias: str, origin: str, source: str | None = "user"
) -> tuple[Any, ...]:
    """An actor_aliases row: the name as written, folded, and its folded surname."""
    return (actor_id, alias, kb.name_key(alias), kb.surname_key(alias), origin, source)


def _role_row(actor_id: str, role: KnownRole, source: str | None = None) -> tuple[Any, ...]:
    """An actor_roles row of a known role."""
    return (
        actor_id,
        role.role,
        role.country,
        role.sector,
        role.valid_from,
        role.valid_to,
        role.first_seen,
        role.last_seen,
        json.dumps(list(role.doc_ids)) if role.doc_ids else None,
        role.origin,
        role.code,
        source or role.source,
    )


def _known_role(row: dict[str, Any]) -> KnownRole:
    """A KnownRole from an actor_roles row."""
    return kb.KnownRole(
        role=row["role"],
        country=row["country"],
        sector=row["sector"],
        origin=row["origin"],
        valid_from=row["valid_from"],
        valid_to=row["valid_to"],
        first_seen=row["first_seen"],
        last_seen=row["last_seen"],
        doc_ids=tuple(json.loads(row["doc_ids"] or "[]")),
        code=row["code"],
        source=row["source"],
    )


def _known_person(
    actor_id: str,
    name: str,
    country: str | None,
    sector: str | None,
    origin: str,
    aliases: dict[str, list[str]],
    roles: dict[str, list[KnownRole]],
) -> KnownPerson:
    """A KnownPerson from its row, names and roles."""
    others = kb.distinct(
        a for a in aliases.get(actor_id, []) if kb.name_key(a) != kb.name_key(name)
    )
    return kb.KnownPerson(
        actor_id,
        name,
        country,
        sector,
        origin,  # type: ignore[arg-type]
        tuple(others),
        tuple(roles.get(actor_id, [])),
    )


def _equal_filters(values: dict[str, Any]) -> tuple[str, list[Any]]:
    """A WHERE clause of `column = ?` for each value given, and its parameters."""
    given = {k: v for k, v in values.items() if v is not None}
    clause = " AND ".join(f"{k} = ?" for k in given)
    return ("WHERE " + clause if clause else ""), list(given.values())


def _check_entry(
    name: str,
    country: str | None,
    sector: str | None,
    valid_from: str | None,
    valid_to: str | None,
) -> None:
    """Reject an entry a user gives with an empty name, bad codes or bad dates (E222)."""
    if not name.strip():
        raise ValueError("[E222] an actor needs a name")
    if country is not None and not _CODE.fullmatch(country):
        raise ValueError(f"[E222] country {country!r} is not a three-letter code such as RUS")
    if sector is not None and not _SECTOR.fullmatch(sector):
        raise ValueError(f"[E222] sector {sector!r} is not a three-letter code such as GOV")
    try:
        first = kb.period_start(valid_from) if valid_from else None
        last = kb.period_start(valid_to) if valid_to else None
    except (ValueError, TypeError, IndexError):
        raise ValueError(
            f"[E222] bad date {valid_from or valid_to!r} (use YYYY, YYYY-MM or YYYY-MM-DD)"
        ) from None
    if first and last and first[0] > last[0]:
        raise ValueError(f"[E222] the role starts ({valid_from}) after it ends ({valid_to})")


def _count_entry(report: ImportReport, kind: str, updated: bool) -> None:
    """Count an imported person or group as added or updated."""
    if kind == "person":
        if updated:
            report.persons_updated += 1
        else:
            report.persons_added += 1
    elif updated:
        report.groups_updated += 1
    else:
        report.groups_added += 1


def actor_filters(
    search: str | None, country: str | None, origin: str | None, kind: str | None
) -> tuple[str, list[Any]]:
    """The WHERE clause (on `actors a`) and parameters of the actor filters: an id, a name
    or an alias containing `search`, and exact country, origin and kind."""
    where, params = _equal_filters({"a.country": country, "a.origin": origin, "a.kind": kind})
    if search:
        pattern = f"%{search}%"
        where += " AND " if where else "WHERE "
        where += (
            "(a.actor_id = ? OR a.name ILIKE ? OR EXISTS (SELECT 1 FROM actor_aliases l "
            "WHERE l.actor_id = a.actor_id AND l.alias ILIKE ?))"
        )
        params += [search, pattern, pattern]
    return where, params
