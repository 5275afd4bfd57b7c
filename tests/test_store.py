"""The DuckDB store: schema, idempotent writes, exact text, listings, exports."""

from __future__ import annotations

import duckdb
import pytest

from conftest import make_document
from eventwire.errors import NoSuchDocument, StoreError
from eventwire.records import IngestError
from eventwire.store import Store
from eventwire.store.schema import latest_version

PIPELINE_TABLES = {
    "documents",
    "ingest_errors",
    "ingest_runs",
    "actors",
    "actor_roles",
    "mentions",
    "events",
    "quotes",
}


def test_new_store_has_every_pipeline_table_and_a_schema_version(store):
    rows = store.con.execute("SELECT table_name FROM information_schema.tables").fetchall()
    tables = {r[0] for r in rows}
    assert tables >= PIPELINE_TABLES
    assert store.schema_version == latest_version() >= 1


def test_reopening_a_store_keeps_its_documents_and_version(tmp_path):
    path = tmp_path / "s.duckdb"
    with Store(path) as first:
        first.add_documents([make_document("a", "Text one.")])
    with Store(path) as again:
        assert again.count_documents() == 1
        rows = again.con.execute("SELECT count(*) FROM schema_info").fetchone()
        assert rows[0] == latest_version()


def test_a_store_newer_than_the_code_is_refused(tmp_path):
    path = tmp_path / "s.duckdb"
    with Store(path) as first:
        first.con.execute("INSERT INTO schema_info VALUES (999, current_timestamp)")
    with pytest.raises(RuntimeError, match="E201"):
        Store(path)


def test_read_only_open_of_a_missing_file_is_a_store_error(tmp_path):
    with pytest.raises(StoreError, match="E202"):
        Store(tmp_path / "missing.duckdb", read_only=True)


def test_read_only_open_of_a_foreign_duckdb_file_is_a_store_error(tmp_path):
    path = tmp_path / "other.duckdb"
    duckdb.connect(str(path)).close()
    with pytest.raises(StoreError, match="E204"):
        Store(path, read_only=True)


def test_writing_the_same_documents_twice_adds_nothing(store):
    docs = [make_document("a", "First report."), make_document("b", "Second report.")]
    first = store.add_documents(docs)
    second = store.add_documents(docs)
    assert (first.added, first.existing) == (2, 0)
    assert (second.added, second.existing) == (0, 2)
    assert store.count_documents() == 2


def test_an_id_stored_with_another_text_is_a_conflict_not_an_overwrite(store):
    store.add_documents([make_document("a", "The original words.")])
    result = store.add_documents([make_document("a", "Different words.", source="b.jsonl")])
    assert result.added == 0
    assert [c.code for c in result.conflicts] == ["E112"]
    assert store.document("a").text == "The original words."


def test_a_repeated_id_inside_one_batch_is_stored_once(store):
    docs = [make_document("a", "Same."), make_document("a", "Same."), make_document("a", "Other.")]
    result = store.add_documents(docs)
    assert result.added == 1
    assert [c.code for c in result.conflicts] == ["E112"]


def test_stored_text_is_exactly_the_text_given(store):
    text = "  Moscow\r\n\r\nPutin said “yes” — twice.\t\n\u00a0end  "
    store.add_documents([make_document("x", text, published="2012-11", outlet="Wire")])
    doc = store.document("x")
    assert doc.text == text
    assert doc.published.value == "2012-11" and doc.published.precision == "month"
    assert doc.outlet == "Wire"


def test_unknown_document_raises_no_such_document(store):
    with pytest.raises(NoSuchDocument, match="E205"):
        store.document("nope")


def test_listing_filters_by_words_outlet_and_date(store):
    store.add_documents(
        [
            make_document("a", "Obama spoke with Putin.", "2012-11-13", outlet="Wire A"),
            make_document("b", "Karzai met Obama.", "2012-03-09", outlet="Wire B"),
            make_document("c", "Abiy met Isaias in Asmara.", "2018-07-08", outlet="Wire A"),
        ]
    )
    assert [r["doc_id"] for r in store.documents(search="obama")] == ["a", "b"]
    assert [r["doc_id"] for r in store.documents(outlet="wire a")] == ["c", "a"]
    assert [r["doc_id"] for r in store.documents(since="2012-06", until="2013")] == ["a"]
    with pytest.raises(ValueError, match="E206"):
        store.documents(since="last year")


def test_same_error_seen_twice_is_one_row_with_its_last_run(store):
    error = IngestError("bad.jsonl", "E106", "not JSON", "line 3")
    store.add_errors([error], run_id=1)
    store.add_errors([error], run_id=2)
    rows = store.errors()
    assert len(rows) == 1 and rows[0]["last_run"] == 2 and rows[0]["location"] == "line 3"


def test_an_unfinished_run_shows_as_interrupted(store):
    run_id = store.begin_run(["folder"])
    assert store.runs()[0]["status"] == "interrupted"
    store.finish_run(run_id, added=3, existing=0, errors=1)
    assert store.runs()[0]["status"] == "errors"


def test_document_records_carry_the_export_keys_of_the_format(store):
    store.add_documents([make_document("b", "Two.", "2013"), make_document("a", "One.")])
    records = list(store.iter_document_records())
    assert [r["doc_id"] for r in records] == ["a", "b"]
    keys = {"title", "outlet", "url", "published", "published_inferred", "source", "duplicate_of"}
    assert keys <= set(records[0])
    assert records[1]["published"] == "2013" and records[1]["metadata"] == {}
