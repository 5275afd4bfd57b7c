"""The store's side of the analysis across documents: signatures, fused events, stories."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Sequence
from typing import Any

import duckdb
import pyarrow as pa

from eventwire.across.records import EventMention, FusedEvent, Side, Story
from eventwire.store.analysis import event_filters
from eventwire.store.rows import dict_rows

# Fusion's unit of work: the unordered country pair of an event and its year.
BLOCK_SQL = (
    "least(coalesce(e.source_country, ''), coalesce(e.target_country, '')) || '|' || "
    "greatest(coalesce(e.source_country, ''), coalesce(e.target_country, '')) || '|' || "
    "coalesce(left(coalesce(e.event_date, d.published), 4), '')"
)
# The kind (person, country ...) of an event's source and target, from their mentions.
_KIND_SQL = ", ".join(
    f"(SELECT any_value(m.kind) FROM mentions m WHERE m.doc_id = e.doc_id AND "
    f'm.start = e.{side}_start AND m."end" = e.{side}_end) AS {side}_kind'
    for side in ("source", "target")
)
_FUSED_COLUMNS = (
    "fused_id", "block", "doc_id", "event", "cameo", "plover_type", "plover_mode", "goldstein",
    "quad_class", "source_text", "source_country", "source_sector", "source_name",
    "source_actor_id", "target_text", "target_country", "target_sector", "target_name",
    "target_actor_id", "event_date", "date_precision", "modality", "attribution", "num_mentions",
    "num_articles", "num_sources", "docs", "outlets", "first_reported", "last_reported",
    "confidence",
)  # fmt: skip
# Fused events are `e` in queries, so the events' filters (`event_filters`) apply to them.
_FUSED_SELECT = (
    "e.*, d.url, d.published, d.outlet AS anchor_outlet, "
    "substr(d.text, ev.sentence_start + 1, ev.sentence_end - ev.sentence_start) AS sentence_text"
)
_FUSED_FROM = (
    "fused_events e JOIN documents d ON d.doc_id = e.doc_id "
    "LEFT JOIN events ev ON ev.doc_id = e.doc_id AND ev.event = e.event"
)


class DuplicateStore:
    """Mixin of `Store`: document signatures and groups of copies."""

    con: duckdb.DuckDBPyConnection

    def iter_documents_to_sign(self, method: str, batch_size: int = 500) -> Iterator[list]:
        """(doc_id, text) of documents without a signature made by `method`, in pages."""
        last = ""
        while True:
            rows = self.con.execute(
                "SELECT d.doc_id, d.text FROM documents d LEFT JOIN document_signatures s "
                "USING (doc_id) WHERE d.doc_id > ? AND (s.doc_id IS NULL OR s.method <> ?) "
                "ORDER BY d.doc_id LIMIT ?",
                [last, method, batch_size],
            ).fetchall()
            if not rows:
                return
            yield rows
            last = rows[-1][0]

    def write_signatures(self, method: str, rows: Sequence[tuple[str, bytes | None]]) -> None:
        """Store the signatures of a batch of documents."""
        if not rows:
            return
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        batch = pa.table(
            {
                "doc_id": [r[0] for r in rows],
                "signature": pa.array([r[1] for r in rows], pa.binary()),
            }
        )
        with _transaction(self.con), _registered(self.con, "_signatures", batch):
            self.con.execute(
                "DELETE FROM document_signatures WHERE doc_id IN (SELECT doc_id FROM _signatures)"
            )
            self.con.execute(
                "INSERT INTO document_signatures SELECT doc_id, ?, signature, ? FROM _signatures",
                [method, now],
            )

    def stored_signatures(
        self, method: str, since: dt.date | None = None, until: dt.date | None = None
    ) -> Iterator[tuple[str, bytes]]:
        """Signatures of documents published in a window (undated ones always), streamed."""
        where = ""
        params: list[Any] = [method]
        if since is not None and until is not None:
            where = "AND (d.published_day IS NULL OR d.published_day BETWEEN ? AND ?)"
            params += [since, until]
        cursor = self.con.cursor()
        cursor.execute(
            "SELECT s.doc_id, s.signature FROM document_signatures s JOIN documents d "
            f"USING (doc_id) WHERE s.method = ? AND s.signature IS NOT NULL {where} "
            "ORDER BY s.doc_id",
            params,
        )
        while rows := cursor.fetchmany(5000):
            yield from rows

    def publication_span(self, doc_ids: Sequence[str]) -> tuple[Any, Any, bool]:
        """The first and last publication day of these documents, and whether one is undated."""
        row = self.con.execute(
            "SELECT min(published_day), max(published_day), bool_or(published_day IS NULL) "
            "FROM documents WHERE doc_id IN (SELECT unnest(?))",
            [list(doc_ids)],
        ).fetchone()
        return (row[0], row[1], bool(row[2])) if row else (None, None, True)

    def duplicate_group_members(self, doc_ids: Sequence[str]) -> list[dict[str, Any]]:
        """Every member of the groups of copies these documents belong to."""
        return dict_rows(
            self.con,
            "WITH roots AS (SELECT DISTINCT coalesce(duplicate_of, doc_id) AS root FROM documents "
            "WHERE doc_id IN (SELECT unnest(?))) "
            "SELECT doc_id, duplicate_of, published_day, n_chars FROM documents "
            "WHERE coalesce(duplicate_of, doc_id) IN (SELECT root FROM roots) ORDER BY doc_id",
            [list(doc_ids)],
        )

    def set_duplicate_of(self, changes: dict[str, str | None]) -> None:
        """Point documents to their canonical copy (None for a canonical one)."""
        if not changes:
            return
        batch = pa.table(
            {
                "doc_id": list(changes),
                "canonical": pa.array(list(changes.values()), pa.string()),
            }
        )
        with _transaction(self.con), _registered(self.con, "_duplicates", batch):
            self.con.execute(
                "UPDATE documents SET duplicate_of = b.canonical FROM _duplicates b "
                "WHERE documents.doc_id = b.doc_id"
            )

    def clear_duplicates(self) -> None:
        """Forget signatures and groups, to find copies again from scratch."""
        with _transaction(self.con):
            self.con.execute("DELETE FROM document_signatures")
            self.con.execute("UPDATE documents SET duplicate_of = NULL")

    def count_duplicates(self) -> int:
        """How many documents are copies of another."""
        row = self.con.execute("SELECT count(duplicate_of) FROM documents").fetchone()
        return int(row[0]) if row else 0

    def duplicate_groups(self) -> list[dict[str, Any]]:
        """Groups of copies: the canonical document and its copies, with outlets."""
        return dict_rows(
            self.con,
            "SELECT c.duplicate_of AS canonical, o.outlet AS canonical_outlet, "
            "list(c.doc_id ORDER BY c.doc_id) AS copies, "
            "list(DISTINCT c.outlet ORDER BY c.outlet) FILTER (c.outlet IS NOT NULL) AS "
            "copy_outlets FROM documents c JOIN documents o ON o.doc_id = c.duplicate_of "
            "GROUP BY ALL ORDER BY canonical",
        )


class FusionStore:
    """Mixin of `Store`: event mentions by block, fused events, and what fusion has seen."""

    con: duckdb.DuckDBPyConnection

    def documents_to_fuse(self) -> list[str]:
        """Analysed documents whose analysis or canonical copy changed since fusion saw them."""
        rows = self.con.execute(
            "SELECT d.doc_id FROM documents d LEFT JOIN fusion_state s USING (doc_id) "
            "WHERE d.analysed_at IS NOT NULL AND (s.doc_id IS NULL "
            "OR s.analysed_at IS DISTINCT FROM d.analysed_at "
            "OR s.canonical <> coalesce(d.duplicate_of, d.doc_id)) ORDER BY d.doc_id"
        ).fetchall()
        return [r[0] for r in rows]

    def fusion_blocks(self, doc_ids: Sequence[str]) -> list[str]:
        """The blocks these documents' events are in now, or were in when last fused."""
        if not doc_ids:
            return []
        rows = self.con.execute(
            f"SELECT {BLOCK_SQL} AS block FROM events e JOIN documents d USING (doc_id) "
            "WHERE e.doc_id IN (SELECT unnest($1)) UNION "
            "SELECT f.block FROM fused_event_mentions m JOIN fused_events f USING (fused_id) "
            "WHERE m.doc_id IN (SELECT unnest($1)) ORDER BY block",
            [list(doc_ids)],
        ).fetchall()
        return [r[0] for r in rows]

    def fusion_mentions(self, blocks: Sequence[str]) -> list[EventMention]:
        """Every event mention in these blocks, as fusion reads them."""
        rows = dict_rows(
            self.con,
            f"SELECT {BLOCK_SQL} AS block, e.*, d.outlet, d.published, {_KIND_SQL}, "
            "coalesce(d.duplicate_of, d.doc_id) AS canonical, substr(d.text, "
            "e.sentence_start + 1, e.sentence_end - e.sentence_start) AS sentence_text "
            "FROM events e JOIN documents d USING (doc_id) "
            f"WHERE {BLOCK_SQL} IN (SELECT unnest(?)) ORDER BY e.doc_id, e.event",
            [list(blocks)],
        )
        return [_mention(row) for row in rows]

    def replace_fused(self, blocks: Sequence[str], fused: Sequence[FusedEvent]) -> None:
        """Replace the fused events of these blocks, in one transaction."""
        events = pa.Table.from_pylist([_fused_row(f) for f in fused], schema=_FUSED_SCHEMA)
        mentions = pa.table(
            {
                "fused_id": [f.fused_id for f in fused for _ in f.mentions],
                "doc_id": [m.doc_id for f in fused for m in f.mentions],
                "event": pa.array([m.event for f in fused for m in f.mentions], pa.int32()),
                "canonical": [m.canonical for f in fused for m in f.mentions],
            }
        )
        with (
            _transaction(self.con),
            _registered(self.con, "_fused", events),
            _registered(self.con, "_fused_mentions", mentions),
        ):
            self.con.execute(
                "DELETE FROM fused_event_mentions WHERE fused_id IN (SELECT fused_id FROM "
                "fused_events WHERE block IN (SELECT unnest(?))) OR EXISTS (SELECT 1 FROM "
                "_fused_mentions n WHERE n.doc_id = fused_event_mentions.doc_id "
                "AND n.event = fused_event_mentions.event)",
                [list(blocks)],
            )
            self.con.execute(
                "DELETE FROM fused_events WHERE block IN (SELECT unnest(?))", [list(blocks)]
            )
            columns = ", ".join(_FUSED_COLUMNS)
            self.con.execute(f"INSERT INTO fused_events ({columns}) SELECT {columns} FROM _fused")
            self.con.execute("INSERT INTO fused_event_mentions SELECT * FROM _fused_mentions")

    def mark_fused(self, doc_ids: Sequence[str]) -> None:
        """Record the state of these documents as fusion has now seen it."""
        if not doc_ids:
            return
        with _transaction(self.con):
            self.con.execute(
                "DELETE FROM fusion_state WHERE doc_id IN (SELECT unnest(?))", [list(doc_ids)]
            )
            self.con.execute(
                "INSERT INTO fusion_state SELECT doc_id, analysed_at, "
                "coalesce(duplicate_of, doc_id) FROM documents WHERE doc_id IN (SELECT unnest(?))",
                [list(doc_ids)],
            )

    def clear_fusion(self) -> None:
        """Forget every fused event, to fuse again from scratch."""
        with _transaction(self.con):
            for table in ("fused_event_mentions", "fused_events", "fusion_state"):
                self.con.execute(f"DELETE FROM {table}")

    def fused_events(
        self,
        limit: int = 50,
        offset: int = 0,
        min_articles: int = 1,
        fused_ids: Sequence[str] | None = None,
        **filters: Any,
    ) -> list[dict[str, Any]]:
        """Fused events, filtered like events (dyad, type, dates, modality), by date."""
        where, params = event_filters(**filters)
        clause = ("AND" if where else "WHERE") + " e.num_articles >= ?"
        params.append(min_articles)
        if fused_ids is not None:
            clause += " AND e.fused_id IN (SELECT unnest(?))"
            params.append(list(fused_ids))
        rows = dict_rows(
            self.con,
            f"SELECT {_FUSED_SELECT} FROM {_FUSED_FROM} {where} {clause} "
            "ORDER BY e.event_date NULLS LAST, e.fused_id LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        return [_decoded(r) for r in rows]

    def fused_event(self, fused_id: str) -> dict[str, Any] | None:
        """One fused event with its mentions and their sentences, or None."""
        rows = dict_rows(
            self.con, f"SELECT {_FUSED_SELECT} FROM {_FUSED_FROM} WHERE e.fused_id = ?", [fused_id]
        )
        if not rows:
            return None
        record = _decoded(rows[0])
        record["mentions"] = self.fused_mentions([fused_id]).get(fused_id, [])
        return record

    def fused_mentions(self, fused_ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
        """The mentions of these fused events: document, outlet, sentence, words."""
        rows = dict_rows(
            self.con,
            "SELECT m.fused_id, m.doc_id, m.event, m.canonical, d.outlet, d.published, d.url, "
            "e.modality, e.event_date AS date, e.evidence, "
            "substr(d.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS sentence "
            "FROM fused_event_mentions m JOIN events e USING (doc_id, event) "
            "JOIN documents d ON d.doc_id = m.doc_id WHERE m.fused_id IN (SELECT unnest(?)) "
            "ORDER BY m.fused_id, d.published_day NULLS LAST, m.doc_id, m.event",
            [list(fused_ids)],
        )
        grouped: dict[str, list[dict[str, Any]]] = {}
        for row in rows:
            grouped.setdefault(row.pop("fused_id"), []).append(row)
        return grouped

    def iter_fused_records(self, batch_size: int = 1000) -> Iterator[dict[str, Any]]:
        """Every fused event as the record of FORMAT.md, streamed."""
        cursor = self.con.cursor()
        cursor.execute(f"SELECT {_FUSED_SELECT} FROM {_FUSED_FROM} ORDER BY e.fused_id")
        names = [c[0] for c in cursor.description]
        while rows := cursor.fetchmany(batch_size):
            for row in rows:
                yield fused_record(_decoded(dict(zip(names, row, strict=True))))

    def iter_fused_counts(self, batch_size: int = 5000) -> Iterator[tuple[str, int, int, int, int]]:
        """(doc_id, event, mentions, sources, articles) of fused mentions, by doc_id and event."""
        cursor = self.con.cursor()
        cursor.execute(
            "SELECT m.doc_id, m.event, f.num_mentions, f.num_sources, f.num_articles "
            "FROM fused_event_mentions m JOIN fused_events f USING (fused_id) "
            "ORDER BY m.doc_id, m.event"
        )
        while rows := cursor.fetchmany(batch_size):
            yield from rows

    def series_events(
        self,
        source: tuple[str, str | None],
        target: tuple[str, str | None],
        either_direction: bool = False,
        modalities: Sequence[str] | None = ("asserted",),
    ) -> list[dict[str, Any]]:
        """Fused events between two actors (country, optional sector), by date."""
        pair = "(f.source_country = ? AND coalesce(f.source_sector, '') LIKE ? AND " \
               "f.target_country = ? AND coalesce(f.target_sector, '') LIKE ?)"  # fmt: skip
        params: list[Any] = [source[0], source[1] or "%", target[0], target[1] or "%"]
        where = pair
        if either_direction:
            where = f"({pair} OR {pair})"
            params += [target[0], target[1] or "%", source[0], source[1] or "%"]
        if modalities:
            where += " AND f.modality IN (SELECT unnest(?))"
            params.append(list(modalities))
        rows = dict_rows(
            self.con,
            "SELECT f.fused_id, f.event_date AS date, f.date_precision, f.cameo, f.plover_type, "
            "f.quad_class, f.goldstein, f.modality, f.source_country, f.source_sector, "
            "f.target_country, f.target_sector, f.num_articles, f.num_sources, f.num_mentions, "
            f"f.outlets FROM fused_events f WHERE {where} AND f.event_date IS NOT NULL "
            "ORDER BY f.event_date, f.fused_id",
            params,
        )
        return [_decoded(r) for r in rows]


class StoryStore:
    """Mixin of `Store`: stories, their documents and their summaries."""

    con: duckdb.DuckDBPyConnection

    def documents_without_story(self) -> list[dict[str, Any]]:
        """Canonical documents in no story yet, with their text, by publication day."""
        return dict_rows(
            self.con,
            "SELECT d.doc_id, d.title, d.text, d.outlet, d.published, d.published_day, "
            "(SELECT max(e.event_date) FROM events e WHERE e.doc_id = d.doc_id) AS event_day "
            "FROM documents d LEFT JOIN story_documents s USING (doc_id) "
            "WHERE s.doc_id IS NULL AND d.duplicate_of IS NULL "
            "ORDER BY d.published_day NULLS LAST, d.doc_id",
        )

    def story_features(self, doc_ids: Sequence[str]) -> list[tuple[str, str, str]]:
        """(doc_id, kind, value) of what the analysis found: dyads, types, persons, countries."""
        return self.con.execute(
            "WITH docs AS (SELECT unnest(?) AS doc_id) "
            "SELECT doc_id, 'dyad', least(source_country, target_country) || '-' || "
            "greatest(source_country, target_country) FROM events WHERE doc_id IN "
            "(SELECT doc_id FROM docs) AND source_country IS NOT NULL AND target_country "
            "IS NOT NULL AND source_country <> target_country "
            "UNION ALL SELECT doc_id, 'type', plover_type FROM events WHERE doc_id IN "
            "(SELECT doc_id FROM docs) AND plover_type IS NOT NULL "
            "UNION ALL SELECT doc_id, 'person', name FROM mentions WHERE doc_id IN "
            "(SELECT doc_id FROM docs) AND kind = 'person' AND name IS NOT NULL "
            "UNION ALL SELECT doc_id, 'country', country FROM mentions WHERE doc_id IN "
            "(SELECT doc_id FROM docs) AND country IS NOT NULL",
            [list(doc_ids)],
        ).fetchall()

    def open_stories(self, since: dt.date | None) -> list[Story]:
        """Stories still open to new documents: active since a day, or all of them."""
        where, params = ("WHERE last_day >= ? OR last_day IS NULL", [since]) if since else ("", [])
        rows = dict_rows(
            self.con,
            "SELECT s.*, (SELECT list(doc_id ORDER BY doc_id) FROM story_documents sd WHERE "
            f"sd.story_id = s.story_id) AS doc_ids FROM stories s {where} ORDER BY story_id",
            params,
        )
        return [
            Story(
                r["story_id"],
                r["label"],
                tuple(r["doc_ids"] or ()),
                r["first_published"],
                r["last_published"],
                features=json.loads(r["features"]),
            )  # fmt: skip
            for r in rows
        ]

    def assign_copies_to_stories(self) -> int:
        """Put copies in their canonical document's story (moving them if it changed)."""
        before = self.count_story_documents()
        with _transaction(self.con):
            self.con.execute(
                "DELETE FROM story_documents WHERE doc_id IN (SELECT doc_id FROM documents "
                "WHERE duplicate_of IS NOT NULL)"
            )
            self.con.execute(
                "INSERT INTO story_documents SELECT d.doc_id, s.story_id, NULL FROM documents d "
                "JOIN story_documents s ON s.doc_id = d.duplicate_of"
            )
        return self.count_story_documents() - before

    def count_story_documents(self) -> int:
        """How many documents are in a story."""
        row = self.con.execute("SELECT count(*) FROM story_documents").fetchone()
        return int(row[0]) if row else 0

    def write_stories(
        self, stories: Sequence[Story], joined: Sequence[tuple[str, str, float]]
    ) -> None:
        """Write stories (replacing them) and the documents that joined them."""
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        with _transaction(self.con):
            ids = [s.story_id for s in stories]
            for table in ("stories", "story_sentences"):
                self.con.execute(f"DELETE FROM {table} WHERE story_id IN (SELECT unnest(?))", [ids])
            self.con.executemany(
                "INSERT INTO story_documents VALUES (?, ?, ?)",
                [(doc_id, story_id, similarity) for doc_id, story_id, similarity in joined],
            )
            for story in stories:
                self._insert_story(story, now)

    def _insert_story(self, story: Story, now: dt.datetime) -> None:
        """One story row, its counts taken from its documents, and its summary."""
        self.con.execute(
            "INSERT INTO stories SELECT $1, $2, $3, $4, min(d.published_day), "
            "max(d.published_day), count(*) FILTER (WHERE d.duplicate_of IS NULL), "
            "count(DISTINCT d.outlet), $5, $6 FROM documents d "
            "WHERE d.doc_id IN (SELECT unnest($7)) OR d.duplicate_of IN (SELECT unnest($7))",
            [
                story.story_id, story.label, story.first_published, story.last_published,
                json.dumps(story.features, sort_keys=True), now, list(story.doc_ids),
            ],
        )  # fmt: skip
        self.con.executemany(
            "INSERT INTO story_sentences VALUES (?, ?, ?, ?, ?, ?)",
            [
                (story.story_id, rank, s.doc_id, s.start, s.end, s.text)
                for rank, s in enumerate(story.summary)
            ],
        )

    def story_texts(self, doc_ids: Sequence[str]) -> list[dict[str, Any]]:
        """The canonical documents of a story with their text and event sentences."""
        return dict_rows(
            self.con,
            "SELECT d.doc_id, d.title, d.text, d.outlet, d.published, d.published_day, "
            '(SELECT list(struct_pack(start := e.sentence_start, "end" := e.sentence_end, '
            "articles := coalesce(f.num_articles, 1))) FROM events e LEFT JOIN "
            "fused_event_mentions m USING (doc_id, event) LEFT JOIN fused_events f USING "
            "(fused_id) WHERE e.doc_id = d.doc_id) AS event_sentences FROM documents d "
            "WHERE d.doc_id IN (SELECT unnest(?)) ORDER BY d.published_day NULLS LAST, d.doc_id",
            [list(doc_ids)],
        )

    def clear_stories(self) -> None:
        """Forget every story, to cluster again from scratch."""
        with _transaction(self.con):
            for table in ("story_sentences", "story_documents", "stories"):
                self.con.execute(f"DELETE FROM {table}")

    def stories(self, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
        """Stories, the most reported first, with their outlets and summaries."""
        rows = dict_rows(
            self.con,
            "SELECT s.story_id, s.label, s.first_published, s.last_published, s.num_documents, "
            "s.num_outlets, (SELECT list(DISTINCT d.outlet ORDER BY d.outlet) FROM "
            "story_documents sd JOIN documents d USING (doc_id) WHERE sd.story_id = s.story_id "
            "AND d.outlet IS NOT NULL) AS outlets FROM stories s ORDER BY s.num_documents DESC, "
            "s.num_outlets DESC, s.last_day DESC NULLS LAST, s.story_id LIMIT ? OFFSET ?",
            [limit, offset],
        )
        summaries = self.story_summaries([r["story_id"] for r in rows])
        for row in rows:
            row["outlets"] = row["outlets"] or []
            row["summary"] = summaries.get(row["story_id"], [])
        return rows

    def story_summaries(self, story_ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
        """The summary sentences of these stories, each with its document and outlet."""
        rows = dict_rows(
            self.con,
            'SELECT s.story_id, s.doc_id, d.outlet, d.published, s.start, s."end", s.text '
            "FROM story_sentences s JOIN documents d USING (doc_id) "
            "WHERE s.story_id IN (SELECT unnest(?)) ORDER BY s.story_id, s.rank",
            [list(story_ids)],
        )
        grouped: dict[str, list[dict[str, Any]]] = {}
        for row in rows:
            grouped.setdefault(row.pop("story_id"), []).append(row)
        return grouped

    def story(self, story_id: str) -> dict[str, Any] | None:
        """One story: its documents, summary and timeline of fused events; None if unknown."""
        rows = dict_rows(self.con, "SELECT * EXCLUDE (features) FROM stories WHERE story_id = ?",
                      [story_id])  # fmt: skip
        if not rows:
            return None
        story = rows[0]
        story["documents"] = dict_rows(
            self.con,
            "SELECT d.doc_id, d.title, d.outlet, d.published, d.duplicate_of, sd.similarity "
            "FROM story_documents sd JOIN documents d USING (doc_id) WHERE sd.story_id = ? "
            "ORDER BY d.published_day NULLS LAST, d.doc_id",
            [story_id],
        )
        story["summary"] = self.story_summaries([story_id]).get(story_id, [])
        story["timeline"] = [
            _decoded(r)
            for r in dict_rows(
                self.con,
                f"SELECT {_FUSED_SELECT} FROM {_FUSED_FROM} WHERE e.fused_id IN (SELECT "
                "m.fused_id FROM fused_event_mentions m JOIN story_documents sd USING (doc_id) "
                "WHERE sd.story_id = ?) ORDER BY e.event_date NULLS LAST, e.fused_id",
                [story_id],
            )
        ]
        return story


class AcrossStore(DuplicateStore, FusionStore, StoryStore):
    """Mixin of `Store`: everything the analysis across documents reads and writes."""


def fused_record(row: dict[str, Any]) -> dict[str, Any]:
    """The export record of a fused event: an event record plus its reports and counts."""
    return {
        "fused_id": row["fused_id"],
        "doc_id": row["doc_id"],
        "event_type": row["plover_type"],
        "cameo": row["cameo"],
        "source": _side_record(row, "source"),
        "target": _side_record(row, "target") if row["target_country"] or row["target_text"]
        else None,
        "date": row["event_date"],
        "date_precision": row["date_precision"],
        "modality": row["modality"],
        "sentence": row["sentence_text"],
        "docs": row["docs"],
        "outlets": row["outlets"],
        "num_mentions": row["num_mentions"],
        "num_sources": row["num_sources"],
        "num_articles": row["num_articles"],
        "first_reported": row["first_reported"],
        "last_reported": row["last_reported"],
        "confidence": row["confidence"],
        "plover_mode": row["plover_mode"],
        "goldstein": row["goldstein"],
        "quad_class": row["quad_class"],
        "attribution": row["attribution"],
        "event": row["event"],
        "url": row["url"],
        "published": row["published"],
    }  # fmt: skip


def _side_record(row: dict[str, Any], side: str) -> dict[str, Any]:
    """The nested source or target object of a record."""
    return {key: row[f"{side}_{key}"] for key in ("text", "country", "sector", "name", "actor_id")}


def _mention(row: dict[str, Any]) -> EventMention:
    """An event mention from an events row joined with its document."""
    target = None
    if row["target_text"] is not None or row["target_country"] is not None:
        target = _side(row, "target")
    return EventMention(
        doc_id=row["doc_id"], event=row["event"], block=row["block"], canonical=row["canonical"],
        cameo=row["cameo"], source=_side(row, "source"), target=target,
        modality=row["modality"], date=row["event_date"], precision=row["date_precision"],
        from_publication=bool(row["date_from_publication"]), plover_type=row["plover_type"],
        plover_mode=row["plover_mode"], goldstein=row["goldstein"], quad_class=row["quad_class"],
        outlet=row["outlet"], published=row["published"], attribution=row["attribution"],
        sentence=row["sentence_text"],
    )  # fmt: skip


def _side(row: dict[str, Any], side: str) -> Side:
    """The source or target of an events row."""
    return Side(
        country=row[f"{side}_country"], sector=row[f"{side}_sector"], name=row[f"{side}_name"],
        text=row[f"{side}_text"], actor_id=row[f"{side}_actor_id"], kind=row[f"{side}_kind"],
    )  # fmt: skip


def _fused_row(f: FusedEvent) -> dict[str, Any]:
    """A fused_events row."""
    target = f.target or Side(None)
    return {
        "fused_id": f.fused_id, "block": f.block, "doc_id": f.anchor.doc_id,
        "event": f.anchor.event, "cameo": f.cameo, "plover_type": f.plover_type,
        "plover_mode": f.plover_mode, "goldstein": f.goldstein, "quad_class": f.quad_class,
        **{f"source_{k}": getattr(f.source, k) for k in ("text", "country", "sector", "name")},
        "source_actor_id": f.source.actor_id,
        **{f"target_{k}": getattr(target, k) for k in ("text", "country", "sector", "name")},
        "target_actor_id": target.actor_id, "event_date": f.date, "date_precision": f.precision,
        "modality": f.modality, "attribution": f.attribution, "num_mentions": f.num_mentions,
        "num_articles": f.num_articles, "num_sources": f.num_sources,
        "docs": json.dumps(list(f.docs)), "outlets": json.dumps(list(f.outlets)),
        "first_reported": f.first_reported, "last_reported": f.last_reported,
        "confidence": f.confidence,
    }  # fmt: skip


_FUSED_SCHEMA = pa.schema(
    [
        (name, pa.int32() if name in ("event", "quad_class", "num_mentions", "num_articles",
                                      "num_sources")
         else pa.float64() if name in ("goldstein", "confidence") else pa.string())
        for name in _FUSED_COLUMNS
    ]
)  # fmt: skip


def _decoded(row: dict[str, Any]) -> dict[str, Any]:
    """A row with its JSON lists read back."""
    for key in ("docs", "outlets"):
        if isinstance(row.get(key), str):
            row[key] = json.loads(row[key])
    return row


class _transaction:
    """A context manager: BEGIN, then COMMIT or ROLLBACK."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con

    def __enter__(self) -> None:
        self.con.execute("BEGIN TRANSACTION")

    def __exit__(self, kind: object, *rest: object) -> None:
        self.con.execute("ROLLBACK" if kind else "COMMIT")


class _registered:
    """A context manager: an Arrow table registered as a view for the block's queries."""

    def __init__(self, con: duckdb.DuckDBPyConnection, name: str, table: pa.Table) -> None:
        self.con, self.name, self.table = con, name, table

    def __enter__(self) -> None:
        self.con.register(self.name, self.table)

    def __exit__(self, *exc_info: object) -> None:
        self.con.unregister(self.name)
