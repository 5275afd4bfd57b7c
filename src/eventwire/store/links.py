"""Linking what analysis found to the actor knowledge base.

Each mention the store knows the actor of (a person learned, imported or entered by a
user; a country or organisation imported or entered) gets that actor's id, and so do the
event sources and targets and the quote speakers made from it. A mention is linked by
the rules learning merges by (`kb.decide`): a person by one of its names (the entry
whose own name it is first, then a user's, a learned, an imported one, then by id),
among the entries whose country agrees; a bare surname by the one full name it ends. A
country mention is linked to a country entry of its code. Ids are slugs that never
change, so analysing a document again links it to the same actors.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from types import MappingProxyType

import duckdb

from eventwire.actors import kb
from eventwire.records import EventActor, EventRecord, Mention, Quote
from eventwire.store.analysis import DocumentAnalysis

LOGGER = logging.getLogger(__name__)

# The kinds of knowledge-base entry a mention of each kind may be linked to.
ENTRY_KINDS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "person": ("person",),
        "country": ("country",),
        "organisation": ("organisation", "group"),
        "group": ("organisation", "group"),
    }
)


@dataclass(frozen=True)
class Entry:
    """A knowledge-base actor as linking sees it."""

    actor_id: str
    name: str
    kind: str
    country: str | None
    origin: str


@dataclass(frozen=True)
class Reading:
    """What a mention says its actor is: its kind, its folded name (a country: its code)
    and its country."""

    kind: str
    key: str
    country: str | None

    @property
    def kinds(self) -> tuple[str, ...]:
        """The kinds of entry it may be linked to."""
        return ENTRY_KINDS[self.kind]


def reading_of(mention: Mention) -> Reading | None:
    """The reading of a mention linking looks up, or None when it names no known actor."""
    if mention.kind == "country":
        return Reading("country", mention.country, None) if mention.country else None
    if mention.kind in ENTRY_KINDS and mention.name:
        return Reading(mention.kind, kb.name_key(mention.name), mention.country)
    return None


def choose(reading: Reading, by_name: Sequence[Entry], by_surname: Sequence[Entry]) -> str | None:
    """The id of the entry a reading names: among those whose country agrees, one of whose
    names is the key (the best, as learning merges), else the one full name the key ends."""
    if reading.kind == "country":
        return _best(by_name, None)
    agreeing = [e for e in by_name if kb.compatible(reading.country, e.country)]
    if agreeing:
        return _best(agreeing, reading.key)
    if len(reading.key.split()) == 1:
        weak = [e for e in by_surname if kb.compatible(reading.country, e.country)]
        if len(weak) == 1:
            return weak[0].actor_id
    return None


def _best(entries: Sequence[Entry], key: str | None) -> str | None:
    """The entry whose own name is the key, else a user's, a learned, an imported one, by id."""
    if not entries:
        return None
    rank = kb.ORIGIN_RANK
    return min(
        entries,
        key=lambda e: (key is not None and kb.name_key(e.name) != key, rank.get(e.origin, 9),
                       e.actor_id),
    ).actor_id  # fmt: skip


class LinksMixin:
    """Mixin of `Store`: the knowledge-base actor ids of what analysis found."""

    con: duckdb.DuckDBPyConnection

    def link_actors(self, results: Sequence[DocumentAnalysis]) -> list[DocumentAnalysis]:
        """The analyses with `actor_id` set on the mentions, event sources and targets and
        quote speakers whose actor the knowledge base knows (an id already set is kept)."""
        readings = {
            reading
            for result in results
            for mention in result.mentions
            if mention.actor_id is None and (reading := reading_of(mention)) is not None
        }
        ids = self.actor_ids_of(readings)
        linked = [link_analysis(result, ids) for result in results]
        LOGGER.debug("linked %d of %d readings to known actors", len(ids), len(readings))
        return linked

    def actor_ids_of(self, readings: Iterable[Reading]) -> dict[Reading, str]:
        """The actor id of each reading the knowledge base knows."""
        readings = list(readings)
        names = sorted({r.key for r in readings if r.kind != "country"})
        codes = sorted({r.key for r in readings if r.kind == "country"})
        by_key = self._entries_by("key", names)
        by_last_key = self._entries_by("last_key", [k for k in names if len(k.split()) == 1])
        by_code = self._countries(codes)
        found: dict[Reading, str] = {}
        for reading in readings:
            if reading.kind == "country":
                by_name, by_surname = by_code.get(reading.key, []), []
            else:
                by_name = [e for e in by_key.get(reading.key, []) if e.kind in reading.kinds]
                by_surname = [
                    e
                    for e in by_last_key.get(reading.key, [])
                    if e.kind in reading.kinds and len(e.name.split()) > 1
                ]
            actor_id = choose(reading, by_name, by_surname)
            if actor_id is not None:
                found[reading] = actor_id
        return found

    def _entries_by(self, column: str, keys: list[str]) -> dict[str, list[Entry]]:
        """Non-country actors one of whose names has this folded `key` (or `last_key`: for
        surnames, only an actor's own name counts)."""
        if not keys:
            return {}
        own_name = "AND l.alias = a.name " if column == "last_key" else ""
        rows = self.con.execute(
            f"SELECT DISTINCT l.{column}, a.actor_id, a.name, a.kind, a.country, a.origin "
            "FROM actor_aliases l JOIN actors a USING (actor_id) "
            f"WHERE a.kind <> 'country' AND l.{column} IN (SELECT unnest(?)) {own_name}"
            "ORDER BY 1, 2",
            [keys],
        ).fetchall()
        found: dict[str, list[Entry]] = {}
        for key, *entry in rows:
            found.setdefault(key, []).append(Entry(*entry))
        return found

    def _countries(self, codes: list[str]) -> dict[str, list[Entry]]:
        """Country entries by their code."""
        if not codes:
            return {}
        rows = self.con.execute(
            "SELECT actor_id, name, kind, country, origin FROM actors "
            "WHERE kind = 'country' AND country IN (SELECT unnest(?)) ORDER BY actor_id",
            [codes],
        ).fetchall()
        found: dict[str, list[Entry]] = {}
        for row in rows:
            found.setdefault(row[3], []).append(Entry(*row))
        return found


def link_analysis(result: DocumentAnalysis, ids: Mapping[Reading, str]) -> DocumentAnalysis:
    """One document's analysis with the ids of its known actors set."""
    mentions = [_linked_mention(m, ids) for m in result.mentions]
    by_span = {(m.start, m.end): m.actor_id for m in mentions if m.actor_id}
    if not by_span:
        return replace(result, mentions=mentions)
    events = [_linked_event(e, mentions, by_span) for e in result.events]
    quotes = [_linked_quote(q, mentions, by_span) for q in result.quotes]
    return replace(result, mentions=mentions, events=events, quotes=quotes)


def _linked_mention(mention: Mention, ids: Mapping[Reading, str]) -> Mention:
    """A mention with the id of its actor, when known."""
    if mention.actor_id is not None:
        return mention
    reading = reading_of(mention)
    actor_id = ids.get(reading) if reading is not None else None
    return replace(mention, actor_id=actor_id) if actor_id else mention


def _linked_actor(
    actor: EventActor, mentions: Sequence[Mention], by_span: Mapping[tuple[int, int], str]
) -> EventActor:
    """An event actor with the id of the mention it was made from (by number, else by span)."""
    if actor.actor_id is not None:
        return actor
    number = actor.mention
    if number is not None and 0 <= number < len(mentions):
        mention = mentions[number]
        if (mention.start, mention.end) == (actor.start, actor.end):
            return replace(actor, actor_id=mention.actor_id) if mention.actor_id else actor
    actor_id = by_span.get((actor.start, actor.end))
    return replace(actor, actor_id=actor_id) if actor_id else actor


def _linked_event(
    event: EventRecord, mentions: Sequence[Mention], by_span: Mapping[tuple[int, int], str]
) -> EventRecord:
    """An event whose source and target carry their actors' ids."""
    source = _linked_actor(event.source, mentions, by_span)
    target = event.target and _linked_actor(event.target, mentions, by_span)
    if source is event.source and target is event.target:
        return event
    return replace(event, source=source, target=target)


def _linked_quote(
    quote: Quote, mentions: Sequence[Mention], by_span: Mapping[tuple[int, int], str]
) -> Quote:
    """A quote whose speaker carries its actor's id."""
    speaker = quote.speaker and _linked_actor(quote.speaker, mentions, by_span)
    return quote if speaker is quote.speaker else replace(quote, speaker=speaker)
