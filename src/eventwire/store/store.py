"""The DuckDB store: the one place that reads and writes the database."""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from eventwire.errors import NoSuchDocument, StoreError
from eventwire.records import Document, IngestError, PublishedDate
from eventwire.settings import Settings
from eventwire.store.across import AcrossStore
from eventwire.store.actors import ActorsMixin
from eventwire.store.analysis import AnalysisStore, EventQueries
from eventwire.store.links import LinksMixin
from eventwire.store.rows import dict_rows
from eventwire.store.schema import migrate, schema_version
from eventwire.store.web import WebQueries

LOGGER = logging.getLogger(__name__)

DEFAULT_DB = "eventwire.duckdb"

_DOCUMENT_COLUMNS = (
    "doc_id",
    "content_hash",
    "title",
    "url",
    "outlet",
    "published",
    "published_precision",
    "published_day",
    "published_inferred",
    "published_evidence",
    "published_start",
    "published_end",
    "source",
    "location",
    "fmt",
    "encoding",
    "encoding_fallback",
    "metadata",
    "text",
    "n_chars",
    "run_id",
    "ingested_at",
)
_LISTING_COLUMNS = (
    "doc_id, title, outlet, published, published_inferred, source, location, n_chars, duplicate_of"
)


@dataclass(frozen=True)
class WriteResult:
    """What one batch of documents did to the store."""

    added: int
    existing: int
    conflicts: list[IngestError]


class Store(AnalysisStore, EventQueries, ActorsMixin, LinksMixin, AcrossStore, WebQueries):
    """An eventwire database in one DuckDB file; use as a context manager."""

    def __init__(
        self,
        path: str | Path = DEFAULT_DB,
        read_only: bool = False,
        memory_limit: str | None = None,
    ) -> None:
        self.path = str(path)
        self.read_only = read_only
        if read_only and self.path != ":memory:" and not Path(self.path).exists():
            raise StoreError(f"[E202] no eventwire database at {self.path}")
        if not read_only and self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        try:
            # DuckDB caches what it writes up to 80% of RAM unless told otherwise: a limit
            # keeps a 1 GB ingest in the memory of a 10 MB one (settings.toml, [store]).
            limit = memory_limit or Settings.load().duckdb_memory_limit
            config = {"memory_limit": limit}
            self.con = duckdb.connect(self.path, read_only=read_only, config=config)
        except duckdb.IOException as exc:
            raise StoreError(f"[E203] cannot open {self.path}: {exc}") from exc
        if read_only:
            if schema_version(self.con) == 0:
                raise StoreError(f"[E204] {self.path} is not an eventwire database")
        else:
            migrate(self.con)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection; DuckDB checkpoints the file."""
        self.con.close()

    @property
    def schema_version(self) -> int:
        """The schema version of the open database."""
        return schema_version(self.con)

    # -- ingest runs -------------------------------------------------------------------

    def begin_run(self, paths: Sequence[str]) -> int:
        """Record the start of an ingest run and return its id."""
        row = self.con.execute("SELECT coalesce(max(run_id), 0) + 1 FROM ingest_runs").fetchone()
        run_id = int(row[0]) if row else 1
        self.con.execute(
            "INSERT INTO ingest_runs (run_id, started_at, paths, status) "
            "VALUES (?, current_timestamp, ?, 'running')",
            [run_id, json.dumps([str(p) for p in paths])],
        )
        return run_id

    def finish_run(
        self, run_id: int, added: int, existing: int, errors: int, interrupted: bool = False
    ) -> None:
        """Record the end of an ingest run with its counts."""
        status = "interrupted" if interrupted else "errors" if errors else "ok"
        self.con.execute(
            "UPDATE ingest_runs SET finished_at = current_timestamp, n_added = ?, "
            "n_existing = ?, n_errors = ?, status = ? WHERE run_id = ?",
            [added, existing, errors, status, run_id],
        )

    def runs(self) -> list[dict[str, Any]]:
        """All ingest runs, newest first; an unfinished run shows as `interrupted`."""
        return self._dicts(
            "SELECT run_id, started_at, finished_at, paths, n_added, n_existing, n_errors, "
            "CASE WHEN finished_at IS NULL THEN 'interrupted' ELSE status END AS status "
            "FROM ingest_runs ORDER BY run_id DESC"
        )

    # -- writing -----------------------------------------------------------------------

    def add_documents(self, docs: Sequence[Document], run_id: int | None = None) -> WriteResult:
        """Store new documents in one transaction; ids already stored are left as they are.

        A document whose id is stored with a different text is not written: it comes
        back as a conflict (E112), so nothing stored is ever silently replaced.
        """
        unique: dict[str, Document] = {}
        conflicts: list[IngestError] = []
        for doc in docs:
            seen = unique.get(doc.doc_id)
            if seen is None:
                unique[doc.doc_id] = doc
            elif seen.content_hash != doc.content_hash:
                conflicts.append(_conflict(doc, seen.source))
        if not unique:
            return WriteResult(0, 0, conflicts)
        stored = self._stored_hashes(list(unique))
        fresh = []
        existing = 0
        for doc_id, doc in unique.items():
            if doc_id not in stored:
                fresh.append(doc)
            elif stored[doc_id] == doc.content_hash:
                existing += 1
            else:
                conflicts.append(_conflict(doc, "the store"))
        if fresh:
            self._insert_documents(fresh, run_id)
        return WriteResult(len(fresh), existing, conflicts)

    def _stored_hashes(self, doc_ids: list[str]) -> dict[str, str]:
        """Content hashes of those of `doc_ids` already stored."""
        rows = self.con.execute(
            "SELECT doc_id, content_hash FROM documents WHERE doc_id IN (SELECT unnest(?))",
            [doc_ids],
        ).fetchall()
        return dict(rows)

    def _insert_documents(self, docs: list[Document], run_id: int | None) -> None:
        """Write documents through one Arrow batch, in one transaction."""
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        rows = [_document_row(doc, run_id, now) for doc in docs]
        batch = pa.table(
            {name: [row[i] for row in rows] for i, name in enumerate(_DOCUMENT_COLUMNS)}
        )
        columns = ", ".join(_DOCUMENT_COLUMNS)
        self.con.register("_document_batch", batch)
        try:
            self.con.execute("BEGIN TRANSACTION")
            self.con.execute(
                f"INSERT OR IGNORE INTO documents ({columns}) SELECT {columns} FROM _document_batch"
            )
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise
        finally:
            self.con.unregister("_document_batch")

    def add_errors(self, errors: Iterable[IngestError], run_id: int | None = None) -> int:
        """Record ingest errors; the same error seen again updates its last sighting."""
        rows = [
            (err.source, err.location or "", err.code, err.reason, run_id, run_id) for err in errors
        ]
        if not rows:
            return 0
        self.con.execute("BEGIN TRANSACTION")
        try:
            self.con.executemany(
                "INSERT INTO ingest_errors VALUES (?, ?, ?, ?, ?, ?, current_timestamp, "
                "current_timestamp) ON CONFLICT (source, location, code) DO UPDATE SET "
                "reason = excluded.reason, last_run = excluded.last_run, "
                "last_seen = excluded.last_seen",
                rows,
            )
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise
        return len(rows)

    # -- reading -----------------------------------------------------------------------

    def document(self, doc_id: str) -> Document:
        """One stored document, exactly as stored."""
        row = self._dicts("SELECT * FROM documents WHERE doc_id = ?", [doc_id])
        if not row:
            raise NoSuchDocument(f"[E205] no document with id {doc_id!r}")
        return _row_document(row[0])

    def has_document(self, doc_id: str) -> bool:
        """Whether a document with this id is stored."""
        row = self.con.execute("SELECT count(*) FROM documents WHERE doc_id = ?", [doc_id])
        return bool(row.fetchone()[0])  # type: ignore[index]

    def count_documents(self) -> int:
        """How many documents are stored."""
        return int(self.con.execute("SELECT count(*) FROM documents").fetchone()[0])  # type: ignore[index]

    def documents(
        self,
        search: str | None = None,
        outlet: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Documents matching a case-insensitive text search and filters, newest first."""
        where, params = _document_filters(search, outlet, since, until)
        return self._dicts(
            f"SELECT {_LISTING_COLUMNS} FROM documents {where} "
            "ORDER BY published_day DESC NULLS LAST, doc_id LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )

    def errors(self, run_id: int | None = None) -> list[dict[str, Any]]:
        """Ingest errors, of one run (those seen in it) or of all runs."""
        where = "WHERE last_run = ?" if run_id is not None else ""
        params = [run_id] if run_id is not None else []
        return self._dicts(
            "SELECT source, nullif(location, '') AS location, code, reason, first_seen, "
            f"last_seen, last_run FROM ingest_errors {where} ORDER BY source, location",
            params,
        )

    def stats(self) -> dict[str, Any]:
        """Counts and ranges that describe the store."""
        one = self._dicts(
            "SELECT count(*) AS documents, count(DISTINCT outlet) AS outlets, "
            "min(published_day) AS earliest, max(published_day) AS latest, "
            "count(*) FILTER (WHERE published IS NULL) AS undated, "
            "count(*) FILTER (WHERE published_inferred) AS dates_inferred, "
            "count(*) FILTER (WHERE encoding_fallback) AS encoding_fallbacks, "
            "coalesce(sum(n_chars), 0) AS characters FROM documents"
        )[0]
        for table in ("ingest_errors", "actors", "mentions", "events", "quotes"):
            one[table] = int(self.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0])  # type: ignore[index]
        one["by_format"] = dict(
            self.con.execute(
                "SELECT fmt, count(*) FROM documents GROUP BY fmt ORDER BY 2 DESC"
            ).fetchall()
        )
        one["schema_version"] = self.schema_version
        one["path"] = self.path
        for key in ("earliest", "latest"):
            if one[key] is not None:
                one[key] = one[key].isoformat()
        return one

    def iter_document_records(self, batch_size: int = 1000) -> Iterator[dict[str, Any]]:
        """Every document as the export record of FORMAT.md, streamed in batches."""
        cursor = self.con.cursor()
        cursor.execute(f"SELECT {_EXPORT_SELECT} FROM documents ORDER BY doc_id")
        names = [d[0] for d in cursor.description]
        while rows := cursor.fetchmany(batch_size):
            for row in rows:
                record = dict(zip(names, row, strict=True))
                record["metadata"] = json.loads(record["metadata"] or "{}")
                yield record

    def _dicts(self, sql: str, params: Sequence[Any] | None = None) -> list[dict[str, Any]]:
        """Run a query and return rows as dicts."""
        return dict_rows(self.con, sql, params or [])


_EXPORT_SELECT = (
    "doc_id, title, outlet, url, published, published_precision, published_inferred, "
    "published_evidence, source, location, fmt, encoding, encoding_fallback, duplicate_of, "
    "metadata, text"
)


def _document_filters(
    search: str | None, outlet: str | None, since: str | None, until: str | None
) -> tuple[str, list[Any]]:
    """A WHERE clause and its parameters for document listings."""
    clauses: list[str] = []
    params: list[Any] = []
    if search:
        clauses.append("(title ILIKE ? OR text ILIKE ? OR doc_id = ?)")
        pattern = f"%{search}%"
        params += [pattern, pattern, search]
    if outlet:
        clauses.append("outlet ILIKE ?")
        params.append(outlet)
    if since:
        clauses.append("published_day >= CAST(? AS DATE)")
        params.append(_period_start(since))
    if until:
        clauses.append("published_day <= CAST(? AS DATE)")
        params.append(_period_start(until))
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", params


def _period_start(value: str) -> str:
    """The first day of an ISO date at any precision (2012 -> 2012-01-01)."""
    parts = value.split("-")
    if not all(p.isdigit() for p in parts) or len(parts) > 3:
        raise ValueError(f"[E206] not an ISO date: {value!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")
    parts += ["01"] * (3 - len(parts))
    return "-".join(parts)


def _document_row(doc: Document, run_id: int | None, now: dt.datetime) -> tuple[Any, ...]:
    """The documents-table row of a Document, in `_DOCUMENT_COLUMNS` order."""
    pub = doc.published
    day = dt.date.fromisoformat(_period_start(pub.value)) if pub else None
    return (
        doc.doc_id,
        doc.content_hash,
        doc.title,
        doc.url,
        doc.outlet,
        pub.value if pub else None,
        pub.precision if pub else None,
        day,
        bool(pub and pub.inferred),
        pub.evidence if pub else None,
        pub.start if pub else None,
        pub.end if pub else None,
        doc.source,
        doc.location,
        doc.fmt,
        doc.encoding,
        doc.encoding_fallback,
        json.dumps(doc.metadata, ensure_ascii=False, default=str),
        doc.text,
        len(doc.text),
        run_id,
        now,
    )


def _row_document(row: dict[str, Any]) -> Document:
    """A Document from a documents-table row."""
    published = None
    if row["published"]:
        published = PublishedDate(
            value=row["published"],
            precision=row["published_precision"],
            inferred=row["published_inferred"],
            evidence=row["published_evidence"],
            start=row["published_start"],
            end=row["published_end"],
        )
    return Document(
        doc_id=row["doc_id"],
        text=row["text"],
        content_hash=row["content_hash"],
        source=row["source"],
        location=row["location"],
        title=row["title"],
        url=row["url"],
        outlet=row["outlet"],
        published=published,
        encoding=row["encoding"],
        encoding_fallback=row["encoding_fallback"],
        fmt=row["fmt"],
        metadata=json.loads(row["metadata"] or "{}"),
    )


def _conflict(doc: Document, other: str) -> IngestError:
    """The error for an id reused with a different text."""
    return IngestError(
        source=doc.source,
        location=doc.location,
        code="E112",
        reason=f"document id {doc.doc_id!r} is already stored from {other} with a different text",
    )
