"""The store's side of analysis: documents to analyse, and their mentions, events and quotes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import duckdb
import pyarrow as pa

from eventwire.records import Document, EventActor, EventRecord, Mention, Quote
from eventwire.store.rows import dict_rows

if TYPE_CHECKING:
    from eventwire.actors.knowledge import Person

_MENTION_COLUMNS = [
    "doc_id",
    "mention",
    "sentence",
    "start",
    "end",
    "text",
    "kind",
    "actor_id",
    "name",
    "country",
    "sector",
    "role",
    "role_time",
    "as_of",
    "method",
    "confidence",
    "antecedent",
]
_EVENT_COLUMNS = [
    "doc_id",
    "event",
    "sentence",
    "sentence_start",
    "sentence_end",
    "start",
    "end",
    "trigger",
    "cameo",
    "plover_type",
    "plover_mode",
    "goldstein",
    "quad_class",
    "source_text",
    "source_start",
    "source_end",
    "source_country",
    "source_sector",
    "source_name",
    "source_actor_id",
    "target_text",
    "target_start",
    "target_end",
    "target_country",
    "target_sector",
    "target_name",
    "target_actor_id",
    "modality",
    "event_date",
    "date_precision",
    "date_from_publication",
    "date_evidence",
    "attribution",
    "location",
    "pattern",
    "evidence",
]
_QUOTE_COLUMNS = [
    "doc_id",
    "quote",
    "start",
    "end",
    "text",
    "speaker_text",
    "speaker_start",
    "speaker_end",
    "speaker_name",
    "speaker_country",
    "speaker_sector",
    "speaker_actor_id",
]


@dataclass(frozen=True)
class DocumentAnalysis:
    """Everything the analysis stages found in one document."""

    doc_id: str
    mentions: Sequence[Mention] = ()
    events: Sequence[EventRecord] = ()
    quotes: Sequence[Quote] = ()
    text: str = field(default="", repr=False)  # the document text, to cut evidence from


class AnalysisStore:
    """Mixin of `Store`: reads documents to analyse, writes what analysis found."""

    con: duckdb.DuckDBPyConnection

    def iter_documents_to_analyse(
        self, everything: bool = False, batch_size: int = 200
    ) -> Iterator[Document]:
        """Stored documents not analysed yet (or all), in id order, a page at a time."""
        from eventwire.store.store import _row_document

        last = ""
        pending = "" if everything else "AND analysed_at IS NULL"
        while True:
            cursor = self.con.execute(
                f"SELECT * FROM documents WHERE doc_id > ? {pending} ORDER BY doc_id LIMIT ?",
                [last, batch_size],
            )
            names = [d[0] for d in cursor.description]
            rows = cursor.fetchall()
            if not rows:
                return
            for row in rows:
                yield _row_document(dict(zip(names, row, strict=True)))
            last = rows[-1][0]

    def count_documents_to_analyse(self, everything: bool = False) -> int:
        """How many documents `iter_documents_to_analyse` would give."""
        pending = "" if everything else "WHERE analysed_at IS NULL"
        return int(self.con.execute(f"SELECT count(*) FROM documents {pending}").fetchone()[0])  # type: ignore[index]

    def persons_with_ids(self, actor_ids: Sequence[str]) -> list[Person]:
        """The knowledge-base persons of these actor ids, as `persons()` gives them (a cheap
        refresh of the persons one round of learning created or changed)."""
        from eventwire.actors import kb

        if not actor_ids:
            return []
        known = self._known_persons(list(actor_ids))  # type: ignore[attr-defined]
        return [kb.to_person(person) for person in known]

    def write_analysis(self, results: Sequence[DocumentAnalysis]) -> None:
        """Replace the mentions, events and quotes of these documents, in one transaction."""
        if not results:
            return
        doc_ids = [r.doc_id for r in results]
        mentions = [_mention_row(m, i) for r in results for i, m in enumerate(r.mentions)]
        events = [_event_row(e, i, r.text) for r in results for i, e in enumerate(r.events)]
        quotes = [_quote_row(q, i) for r in results for i, q in enumerate(r.quotes)]
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        self.con.execute("BEGIN TRANSACTION")
        try:
            for table in ("mentions", "events", "quotes"):
                self.con.execute(
                    f"DELETE FROM {table} WHERE doc_id IN (SELECT unnest(?))", [doc_ids]
                )
            _insert(self.con, "mentions", _MENTION_COLUMNS, mentions)
            _insert(self.con, "events", _EVENT_COLUMNS, events)
            _insert(self.con, "quotes", _QUOTE_COLUMNS, quotes)
            self.con.execute(
                "UPDATE documents SET analysed_at = ? WHERE doc_id IN (SELECT unnest(?))",
                [now, doc_ids],
            )
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise


def _insert(
    con: duckdb.DuckDBPyConnection, table: str, columns: Sequence[str], rows: list[tuple]
) -> None:
    """Insert rows through one Arrow batch."""
    if not rows:
        return
    batch = pa.table({name: [row[i] for row in rows] for i, name in enumerate(columns)})
    quoted = ", ".join(f'"{c}"' for c in columns)
    con.register("_analysis_batch", batch)
    try:
        con.execute(f"INSERT INTO {table} ({quoted}) SELECT {quoted} FROM _analysis_batch")
    finally:
        con.unregister("_analysis_batch")


def _mention_row(m: Mention, index: int) -> tuple[Any, ...]:
    """A mentions-table row."""
    return (
        m.doc_id, index, m.sentence, m.start, m.end, m.text, m.kind, m.actor_id, m.name,
        m.country, m.sector, m.role, m.role_time, m.as_of, m.method, m.confidence, m.antecedent,
    )  # fmt: skip


def _actor_cells(actor: EventActor | None) -> tuple[Any, ...]:
    """The seven columns of an event's source or target."""
    if actor is None:
        return (None,) * 7
    return (
        actor.text, actor.start, actor.end, actor.country, actor.sector, actor.name,
        actor.actor_id,
    )  # fmt: skip


def _event_row(e: EventRecord, index: int, text: str) -> tuple[Any, ...]:
    """An events-table row; the evidence words are cut from the document text."""
    date = e.date
    return (
        e.doc_id, index, e.sentence, e.sentence_start, e.sentence_end, e.start, e.end,
        e.trigger, e.cameo, e.plover_type, e.plover_mode, e.goldstein, e.quad_class,
        *_actor_cells(e.source), *_actor_cells(e.target), e.modality,
        date.value if date else None, date.precision if date else None,
        bool(date and date.from_publication), date.evidence if date else None,
        e.attribution, e.location, e.pattern, text[e.start : e.end],
    )  # fmt: skip


def _quote_row(q: Quote, index: int) -> tuple[Any, ...]:
    """A quotes-table row."""
    speaker = q.speaker
    return (
        q.doc_id, index, q.start, q.end, q.text,
        speaker.text if speaker else q.speaker_text,
        speaker.start if speaker else None, speaker.end if speaker else None,
        speaker.name if speaker else None, speaker.country if speaker else None,
        speaker.sector if speaker else None, speaker.actor_id if speaker else None,
    )  # fmt: skip


_EVENT_SELECT = """
    e.doc_id, e.event, e.plover_type AS event_type, e.cameo, e.plover_mode, e.goldstein,
    e.quad_class, e.source_text, e.source_country, e.source_sector, e.source_name,
    e.source_actor_id, e.target_text, e.target_country, e.target_sector, e.target_name,
    e.target_actor_id, e.event_date AS date, e.date_precision, e.date_from_publication,
    e.date_evidence, e.modality, e.attribution, e.location, e.trigger, e.pattern,
    e.evidence, e.start, e."end", e.sentence,
    substr(d.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS sentence_text,
    d.outlet, d.published, d.url
"""


def event_filters(
    dyad: str | None = None,
    plover_type: str | None = None,
    since: str | None = None,
    until: str | None = None,
    modality: str | None = None,
    doc_id: str | None = None,
    actor_id: str | None = None,
) -> tuple[str, list[Any]]:
    """A WHERE clause over `events e` for the usual filters; a dyad `USA-RUS` is directed;
    `actor_id` keeps the events whose source or target is that knowledge-base actor."""
    clauses: list[str] = []
    params: list[Any] = []
    if dyad:
        source, _, target = dyad.upper().partition("-")
        if not source or not target:
            raise ValueError(f"[E207] a dyad is SOURCE-TARGET, such as USA-RUS, not {dyad!r}")
        clauses.append("e.source_country = ? AND e.target_country = ?")
        params += [source, target]
    if plover_type:
        clauses.append("(upper(e.plover_type) = upper(?) OR e.cameo LIKE ?)")
        params += [plover_type, f"{plover_type}%"]
    if since:
        clauses.append("e.event_date >= ?")
        params.append(since)
    if until:
        clauses.append("left(e.event_date, ?) <= ?")
        params += [len(until), until]
    if modality:
        clauses.append("e.modality = ?")
        params.append(modality)
    if doc_id:
        clauses.append("e.doc_id = ?")
        params.append(doc_id)
    if actor_id:
        clauses.append("(e.source_actor_id = ? OR e.target_actor_id = ?)")
        params += [actor_id, actor_id]
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", params


class EventQueries:
    """Mixin of `Store`: read events and quotes back."""

    con: duckdb.DuckDBPyConnection

    def events(self, limit: int = 50, offset: int = 0, **filters: Any) -> list[dict[str, Any]]:
        """Events with their evidence, filtered (see `event_filters`), by date then document."""
        where, params = event_filters(**filters)
        return dict_rows(
            self.con,
            f"SELECT {_EVENT_SELECT} FROM events e JOIN documents d USING (doc_id) {where} "
            "ORDER BY e.event_date NULLS LAST, e.doc_id, e.event LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )

    def iter_event_records(self, batch_size: int = 1000, **filters: Any) -> Iterator[dict]:
        """Every event as the JSON Lines record of FORMAT.md, streamed."""
        where, params = event_filters(**filters)
        cursor = self.con.cursor()
        cursor.execute(
            f"SELECT {_EVENT_SELECT} FROM events e JOIN documents d USING (doc_id) {where} "
            "ORDER BY e.doc_id, e.event",
            params,
        )
        names = [c[0] for c in cursor.description]
        while rows := cursor.fetchmany(batch_size):
            for row in rows:
                yield event_record(dict(zip(names, row, strict=True)))

    def top_dyads(self, limit: int = 10, modality: str | None = "asserted") -> list[dict]:
        """The country pairs with the most events, with counts and Goldstein means."""
        where = "AND modality = ?" if modality else ""
        return dict_rows(
            self.con,
            "SELECT source_country || '-' || target_country AS dyad, count(*) AS events, "
            "round(avg(goldstein), 2) AS goldstein_mean, "
            "count(*) FILTER (WHERE quad_class IN (1, 2)) AS cooperation, "
            "count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflict "
            "FROM events WHERE source_country IS NOT NULL AND target_country IS NOT NULL "
            f"AND source_country <> target_country {where} "
            "GROUP BY ALL ORDER BY events DESC, dyad LIMIT ?",
            [modality, limit] if modality else [limit],
        )

    def quotes(
        self,
        limit: int = 50,
        offset: int = 0,
        doc_id: str | None = None,
        speaker: str | None = None,
        actor_id: str | None = None,
    ) -> list[dict[str, Any]]:
        """Quotes with their speakers, filtered by document, speaker words or the speaker's
        knowledge-base actor id."""
        where, params = quote_filters(doc_id, speaker, actor_id)
        return dict_rows(
            self.con,
            f"SELECT q.*, d.published, d.outlet FROM quotes q JOIN documents d USING (doc_id) "
            f"{where} ORDER BY q.doc_id, q.quote LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )

    def iter_quote_records(self, batch_size: int = 1000) -> Iterator[dict[str, Any]]:
        """Every quote as the record of FORMAT.md, streamed."""
        cursor = self.con.cursor()
        cursor.execute("SELECT * FROM quotes ORDER BY doc_id, quote")
        names = [c[0] for c in cursor.description]
        while rows := cursor.fetchmany(batch_size):
            for row in rows:
                yield quote_record(dict(zip(names, row, strict=True)))


def event_record(row: dict[str, Any]) -> dict[str, Any]:
    """The export record of one event row (FORMAT.md keys first, then eventwire's own)."""
    target = None
    if row["target_text"] is not None:
        target = {
            "text": row["target_text"],
            "country": row["target_country"],
            "sector": row["target_sector"],
            "name": row["target_name"],
            "actor_id": row["target_actor_id"],
        }
    return {
        "doc_id": row["doc_id"],
        "event_type": row["event_type"],
        "cameo": row["cameo"],
        "source": {
            "text": row["source_text"],
            "country": row["source_country"],
            "sector": row["source_sector"],
            "name": row["source_name"],
            "actor_id": row["source_actor_id"],
        },
        "target": target,
        "date": row["date"],
        "date_precision": row["date_precision"],
        "date_from_publication": row["date_from_publication"],
        "modality": row["modality"],
        "sentence": row["sentence_text"],
        "evidence": {"text": row["evidence"], "start": row["start"], "end": row["end"]},
        "plover_mode": row["plover_mode"],
        "goldstein": row["goldstein"],
        "quad_class": row["quad_class"],
        "attribution": row["attribution"],
        "location": row["location"],
        "trigger": row["trigger"],
        "pattern": row["pattern"],
        "event": row["event"],
        "outlet": row["outlet"],
        "url": row["url"],
        "published": row["published"],
    }


def quote_record(row: dict[str, Any]) -> dict[str, Any]:
    """The export record of one quote row."""
    return {
        "doc_id": row["doc_id"],
        "text": row["text"],
        "speaker": {
            "text": row["speaker_text"],
            "name": row["speaker_name"],
            "country": row["speaker_country"],
            "sector": row["speaker_sector"],
            "actor_id": row["speaker_actor_id"],
        },
        "start": row["start"],
        "end": row["end"],
    }


def quote_filters(
    doc_id: str | None = None, speaker: str | None = None, actor_id: str | None = None
) -> tuple[str, list[Any]]:
    """The WHERE clause (on `quotes q`) and parameters of the quote filters."""
    clauses, params = [], []
    if doc_id:
        clauses.append("q.doc_id = ?")
        params.append(doc_id)
    if actor_id:
        clauses.append("q.speaker_actor_id = ?")
        params.append(actor_id)
    if speaker:
        clauses.append("(q.speaker_name ILIKE ? OR q.speaker_text ILIKE ?)")
        params += [f"%{speaker}%"] * 2
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", params
