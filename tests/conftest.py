"""Fixtures shared by the tests: the shared data folder, small stores, written inputs."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.records import Document, Mention, PublishedDate
from eventwire.store import Store

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture
def shared_data() -> Path:
    """The shared data folder beside the repo; skip when it is absent."""
    data = SHARED / "data"
    if not data.is_dir():
        pytest.skip("../shared/data is not beside this checkout")
    return data


@pytest.fixture
def store(tmp_path: Path):
    """A fresh store in a temporary DuckDB file."""
    with Store(tmp_path / "test.duckdb") as opened:
        yield opened


def make_document(doc_id: str, text: str, published: str | None = None, **kw) -> Document:
    """A document built by hand for store tests."""
    from eventwire.ingest.ids import content_hash

    date = None
    if published:
        precision = {4: "year", 7: "month", 10: "day"}[len(published)]
        date = PublishedDate(published, precision)  # type: ignore[arg-type]
    return Document(
        doc_id=doc_id,
        text=text,
        content_hash=content_hash(text),
        source=kw.pop("source", "test.jsonl"),
        published=date,
        **kw,
    )


@pytest.fixture(scope="session")
def nlp():
    """The spaCy pipeline, loaded once for the whole test session."""
    from eventwire.nlp import load_pipeline

    return load_pipeline()


def one(mentions: list[Mention], text: str) -> Mention:
    """The one mention whose text is `text`."""
    found = [m for m in mentions if m.text == text]
    assert len(found) == 1, [m.text for m in mentions]
    return found[0]
