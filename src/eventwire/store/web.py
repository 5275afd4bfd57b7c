"""The store's reads for the web app: one event, its reports, an actor's events, searches."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import duckdb

from eventwire.store.analysis import _EVENT_SELECT, event_filters

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
        return _dicts(
            self.con,
            f"SELECT {_LISTING_SELECT} FROM events e JOIN documents d USING (doc_id) {where} "
            "ORDER BY e.event_date NULLS LAST, e.doc_id, e.event LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )

    def event_reports(self, pairs: Sequence[tuple[str, int]]) -> list[dict[str, Any]]:
        """The reports of these events (doc_id, event): document, sentence and evidence offsets."""
        if not pairs:
            return []
        return _dicts(
            self.con,
            "WITH wanted AS (SELECT unnest(?) AS doc_id, unnest(?) AS event) "
            f"SELECT {_REPORT_SELECT} FROM wanted w JOIN events e USING (doc_id, event) "
            "JOIN documents d USING (doc_id) "
            "ORDER BY d.published_day NULLS LAST, e.doc_id, e.event",
            [[p[0] for p in pairs], [int(p[1]) for p in pairs]],
        )

    def latest_events(self, limit: int = 20) -> list[dict[str, Any]]:
        """The events dated latest (then published latest), with their evidence."""
        return _dicts(
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
        return _dicts(
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
        return _dicts(
            self.con,
            "SELECT q.*, d.published, d.outlet, d.title FROM quotes q JOIN documents d "
            "USING (doc_id) WHERE q.speaker_actor_id = ? OR q.speaker_name = ? "
            "ORDER BY d.published_day NULLS LAST, q.doc_id, q.quote LIMIT ? OFFSET ?",
            [actor_id, name, limit, offset],
        )

    def search_events(self, words: str, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
        """Events whose evidence, actors, codes or attribution contain `words`, by date."""
        pattern = f"%{words}%"
        fields = (
            "e.evidence", "e.source_text", "e.source_name", "e.target_text", "e.target_name",
            "e.plover_type", "e.attribution", "e.location",
        )  # fmt: skip
        where = " OR ".join(f"{f} ILIKE $1" for f in fields) + " OR e.cameo = $2"
        return _dicts(
            self.con,
            f"SELECT {_EVENT_SELECT}, fm.fused_id FROM {_EVENT_FROM} WHERE {where} "
            "ORDER BY e.event_date NULLS LAST, e.doc_id, e.event LIMIT $3 OFFSET $4",
            [pattern, words, limit, offset],
        )


def _dicts(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any]) -> list[dict]:
    """Run a query and return rows as dicts."""
    cursor = con.execute(sql, list(params))
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _first(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any]) -> dict | None:
    """The first row of a query as a dict, or None."""
    rows = _dicts(con, sql, params)
    return rows[0] if rows else None
