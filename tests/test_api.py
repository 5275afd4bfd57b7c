"""The Python API: `eventwire.open` answers with pandas DataFrames."""

from __future__ import annotations

from pathlib import Path

import pytest

import eventwire
from across_helpers import OBAMA, PUTIN, add
from eventwire.errors import StoreError
from eventwire.store import Store

TEXT_A = "Putin congratulated Obama on his re-election on Wednesday, the Kremlin said."
TEXT_B = "Obama received a telegram from Putin congratulating him, the White House said."


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A fused store with one event reported by two outlets."""
    path = tmp_path / "api.duckdb"
    with Store(path) as store:
        add(store, "a", TEXT_A, "2012-11-07", "Meridian Wire", [
            ("congratulated", PUTIN, OBAMA, "051", "2012-11-07")])  # fmt: skip
        add(store, "b", TEXT_B, "2012-11-08", "Harbor Daily", [
            ("telegram", PUTIN, OBAMA, "051", "2012-11-07")])  # fmt: skip
    with eventwire.open(path, read_only=False) as data:
        data.update()
    return path


def test_open_gives_dataframes_of_events_fused_events_stories_and_series(db: Path) -> None:
    with eventwire.open(db) as data:
        events = data.events()
        fused = data.fused_events(min_articles=2)
        stories = data.stories()
        series = data.series("RUS-USA", by="week")
        documents = data.documents()
        mentions = data.fused_mentions(fused.loc[0, "fused_id"])
        timeline = data.story_timeline(stories.loc[0, "story_id"])
    assert len(events) == 2 and {"doc_id", "sentence_text", "outlet"} <= set(events.columns)
    assert fused.loc[0, "num_articles"] == 2
    assert fused.loc[0, "outlets"] == ["Harbor Daily", "Meridian Wire"]
    assert stories.loc[0, "num_documents"] == 2
    assert series.to_dict("records")[0]["period"] == "2012-11-05"
    assert series.loc[0, "events"] == 1 and series.loc[0, "verbal_cooperation"] == 1
    assert set(documents["doc_id"]) == {"a", "b"} and "duplicate_of" in documents.columns
    assert list(mentions["doc_id"]) == ["a", "b"] and len(timeline) == 1


def test_an_empty_result_is_an_empty_dataframe(db: Path) -> None:
    with eventwire.open(db) as data:
        assert data.series("USA-CHN").empty
        assert data.fused_events(min_articles=5).empty


def test_a_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="E202"):
        eventwire.open(tmp_path / "none.duckdb")
