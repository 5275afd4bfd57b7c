"""The store's reads for the web app: one event, its reports, an actor's events, searches,
and the list pages' rows (only the columns a list shows, so 10,000 rows read fast)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import duckdb

from eventwire.store.actors import actor_filters
from eventwire.store.analysis import _EVENT_SELECT, event_filters, quote_filters
from eventwire.store.rows import dict_rows

_REPORT_SELECT = (
    "e.doc_id, e.event, d.title, d.outlet, d.published, d.url, e.modality, "
    "e.event_date AS date, e.date_precision, e.attribution, e.evidence, e.sentence_start, "
    'e.sentence_end, e.start, e."end", '
    "substr(d.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS sentence"
)
# The columns of an events listing: enough to show and filter, not the sentence (which
# would cut each row from its document's text); the event page has everything.
_LISTING_SELECT = (
    "e.doc_id, e.event, e.event_date AS date, e.date_precision, e.plover_type AS event_type, "
    "e.cameo, e.goldstein, e.quad_class, e.modality, e.source_text, e.source_name, "
    "e.source_country, e.source_sector, e.target_text, e.target_name, e.target_country, "
    "e.target_sector, e.attribution, e.evidence, d.outlet, d.published"
)
# The columns of the other lists: what their tables show, and the ids of what they list.
_ACTOR_LISTING = (
    "a.actor_id, a.name, a.kind, a.country, a.sector, a.origin, r.first_seen, r.last_seen "
    "FROM actors a LEFT JOIN (SELECT actor_id, min(first_seen) AS first_seen, "
    "max(last_seen) AS last_seen FROM actor_roles GROUP BY actor_id) r USING (actor_id)"
)
_QUOTE_LISTING = (
    'q.doc_id, q.quote, q.start, q."end", q.text, q.speaker_text, q.speaker_name, '
    "q.speaker_country, q.speaker_sector, q.speaker_actor_id, d.published, d.outlet "
    "FROM quotes q JOIN documents d USING (doc_id)"
)
_STORY_LISTING = (
    "s.story_id, s.label, s.first_published, s.last_published, s.num_documents, "
    "coalesce((SELECT list(DISTINCT d.outlet ORDER BY d.outlet) FROM story_documents sd "
    "JOIN documents d USING (doc_id) WHERE sd.story_id = s.story_id AND d.outlet IS NOT NULL),"
    " []) AS outlets FROM stories s"
)
_EVENT_FROM = (
    "events e JOIN documents d USING (doc_id) LEFT JOIN fused_event_mentions fm "
    "ON fm.doc_id = e.doc_id AND fm.event = e.event"
)


class WebQueries:
    """Mixin of `Store`: the reads the web pages need beyond the other mixins' own."""

    con: duckdb.DuckDBPyConnection

    def event(self, doc_id: str, event: int) -> dict[str, Any] | None:
        """One event with its evidence, sentence offsets and fused event id; None if unknown."""
        return _first(
            self.con,
            f"SELECT {_EVENT_SELECT}, e.sentence_start, e.sentence_end, e.source_start, "
            "e.source_end, e.target_start, e.target_end, d.title, fm.fused_id "
            f"FROM {_EVENT_FROM} WHERE e.doc_id = ? AND e.event = ?",
            [doc_id, event],
        )

    def event_listing(self, limit: int = 50, offset: int = 0, **filters: Any) -> list[dict]:
        """A page of events, filtered as `events` is, with the columns a listing shows."""
        where, params = event_filters(**filters)
        return dict_rows(
            self.con,
            f"SELECT {_LISTING_SELECT} FROM events e JOIN documents d USING (doc_id) {where} "
            "ORDER BY e.event_date NULLS LAST, e.doc_id, e.event LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )

    def actor_listing(
        self,
        search: str | None = None,
        country: str | None = None,
        kind: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """A page of actors, found as `actors` finds them, with the columns a listing shows
        (no counts of aliases and roles: they cost a subquery per actor)."""
        where, params = actor_filters(search, country, None, kind)
        return dict_rows(
            self.con,
            f"SELECT {_ACTOR_LISTING} {where} ORDER BY a.name, a.actor_id LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )

    def quote_listing(
        self,
        limit: int = 50,
        offset: int = 0,
        doc_id: str | None = None,
        speaker: str | None = None,
        actor_id: str | None = None,
    ) -> list[dict[str, Any]]:
        """A page of quotes, filtered as `quotes` is, with the columns a listing shows."""
        where, params = quote_filters(doc_id, speaker, actor_id)
        return dict_rows(
            self.con,
            f"SELECT {_QUOTE_LISTING} {where} ORDER BY q.doc_id, q.quote LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )

    def story_listing(self, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
        """A page of stories, ordered as `stories` orders them, without their summaries."""
        return dict_rows(
            self.con,
            f"SELECT {_STORY_LISTING} ORDER BY s.num_documents DESC, s.num_outlets DESC, "
            "s.last_day DESC NULLS LAST, s.story_id LIMIT ? OFFSET ?",
            [limit, offset],
        )

    def event_reports(self, pairs: Sequence[tuple[str, int]]) -> list[dict[str, Any]]:
        """The reports of these events (doc_id, event): document, sentence and evidence offsets."""
        if not pairs:
            return []
        return dict_rows(
            self.con,
            "WITH wanted AS (SELECT unnest(?) AS doc_id, unnest(?) AS event) "
            f"SELECT {_REPORT_SELECT} FROM wanted w JOIN events e USING (doc_id, event) "
            "JOIN documents d USING (doc_id) "
            "ORDER BY d.published_day NULLS LAST, e.doc_id, e.event",
            [[p[0] for p in pairs], [int(p[1]) for p in pairs]],
        )

    def latest_events(self, limit: int = 20) -> list[dict[str, Any]]:
        """The events dated latest (then published latest), with their evidence."""
        return dict_rows(
            self.con,
            f"SELECT {_EVENT_SELECT}, fm.fused_id FROM {_EVENT_FROM} "
            "ORDER BY e.event_date DESC NULLS LAST, d.published_day DESC NULLS LAST, e.doc_id, "
            "e.event LIMIT ?",
            [limit],
        )

    def actor_events(
        self, actor_id: str, name: str, side: str, limit: int = 50, offset: int = 0
    ) -> list[dict[str, Any]]:
        """Events with an actor as `source` or `target`, by its id or canonical name, by date."""
        if side not in ("source", "target"):
            raise ValueError(f"[E230] an actor is an event's source or target, not {side!r}")
        return dict_rows(
            self.con,
            f"SELECT {_EVENT_SELECT}, fm.fused_id FROM {_EVENT_FROM} "
            f"WHERE e.{side}_actor_id = ? OR e.{side}_name = ? "
            "ORDER BY e.event_date NULLS LAST, e.doc_id, e.event LIMIT ? OFFSET ?",
            [actor_id, name, limit, offset],
        )

    def actor_quotes(
        self, actor_id: str, name: str, limit: int = 50, offset: int = 0
    ) -> list[dict[str, Any]]:
        """Quotes whose speaker is this actor, by its id or canonical name."""
        return dict_rows(
            self.con,
            "SELECT q.*, d.published, d.outlet, d.title FROM quotes q JOIN documents d "
            "USING (doc_id) WHERE q.speaker_actor_id = ? OR q.speaker_name = ? "
            "ORDER BY d.published_day NULLS LAST, q.doc_id, q.quote LIMIT ? OFFSET ?",
            [actor_id, name, limit, offset],
        )

    def search_events(self, words: str, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
        """Events whose evidence, actors, codes or attribution contain `words`, by date, with
        the columns of `event_listing`."""
        pattern = f"%{words}%"
        fields = (
            "e.evidence", "e.source_text", "e.source_name", "e.target_text", "e.target_name",
            "e.plover_type", "e.attribution", "e.location",
        )  # fmt: skip
        where = " OR ".join(f"{f} ILIKE $1" for f in fields) + " OR e.cameo = $2"
        return dict_rows(
            self.con,
            f"SELECT {_LISTING_SELECT} FROM events e JOIN documents d USING (doc_id) "
            f"WHERE {where} ORDER BY e.event_date NULLS LAST, e.doc_id, e.event LIMIT $3 OFFSET $4",
            [pattern, words, limit, offset],
        )


def _first(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any]) -> dict | None:
    """The first row of a query as a dict, or None."""
    rows = dict_rows(con, sql, params)
    return rows[0] if rows else None
