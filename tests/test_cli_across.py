"""The commands across documents as users meet them: fuse, fused, stories, story, series, export."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from across_helpers import MEDVEDEV, OBAMA, PUTIN, add
from eventwire.cli import app
from eventwire.export.gdelt import COLUMNS
from eventwire.store import Store

REPORT_A = (
    "MOSCOW — Russian President Vladimir Putin congratulated Barack Obama on his re-election "
    "on Wednesday, the Kremlin said.\n"
    "Putin is expected to call Obama in the near future.\n"
    "Medvedev signed a treaty with Obama in 2010."
)
REPORT_B = (
    "WASHINGTON — Barack Obama received a telegram from Vladimir Putin congratulating him on "
    "his re-election, the White House said on Thursday.\n"
    "Obama's aides said the call would come soon."
)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A store with two reports of one congratulation, analysed but not yet fused."""
    path = tmp_path / "across.duckdb"
    with Store(path) as store:
        add(store, "a", REPORT_A, "2012-11-07", "Meridian Wire", [
            ("congratulated", PUTIN, OBAMA, "051", "2012-11-07"),
            ("expected to call", PUTIN, OBAMA, "041", "2012-11", "future"),
            ("signed", MEDVEDEV, OBAMA, "057", "2010")])  # fmt: skip
        add(store, "b", REPORT_B, "2012-11-08", "Harbor Daily", [
            ("telegram", PUTIN, OBAMA, "051", "2012-11-07")])  # fmt: skip
    return path


def run(*args: str):
    """Invoke the command and return the result."""
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def test_fuse_reports_what_it_did_and_a_second_run_does_nothing(db: Path) -> None:
    result = run("fuse", "--db", str(db), "--json")
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["fusion"]["mentions"] == 4 and report["fusion"]["fused"] == 3
    assert report["fusion"]["multi"] == 1 and report["stories"]["documents"] == 2
    again = json.loads(run("fuse", "--db", str(db), "--json").stdout)
    assert again["fusion"]["blocks"] == 0 and again["stories"]["documents"] == 0
    text = run("fuse", "--db", str(db)).stdout
    assert "fused into 0 events" in text


def test_fused_lists_each_event_once_with_its_outlets(db: Path) -> None:
    run("fuse", "--db", str(db), "--quiet")
    rows = json.loads(run("fused", "--db", str(db), "--min-articles", "2", "--json").stdout)
    assert [(r["cameo"], r["num_articles"], r["outlets"]) for r in rows] == [
        ("051", 2, ["Harbor Daily", "Meridian Wire"])]  # fmt: skip
    assert "3 fused events" in run("fused", "--db", str(db)).stdout


def test_stories_and_story_show_summary_and_timeline(db: Path) -> None:
    run("fuse", "--db", str(db), "--quiet")
    stories = json.loads(run("stories", "--db", str(db), "--json").stdout)
    assert len(stories) == 1 and stories[0]["num_documents"] == 2
    story_id = stories[0]["story_id"]
    story = json.loads(run("story", story_id, "--db", str(db), "--json").stdout)
    assert {s["doc_id"] for s in story["summary"]} == {"a", "b"}
    assert [d["doc_id"] for d in story["documents"]] == ["a", "b"]
    assert [e["event_date"] for e in story["timeline"]] == ["2010", "2012-11", "2012-11-07"]
    text = run("story", story_id, "--db", str(db)).stdout
    assert "[Harbor Daily, b]" in text and "Timeline" in text
    assert "Meridian Wire" in run("stories", "--db", str(db), "--summaries").stdout


def test_an_unknown_story_exits_4(db: Path) -> None:
    result = run("story", "st-nope", "--db", str(db))
    assert result.exit_code == 4 and "E802" in result.stderr


def test_series_as_table_json_and_csv(db: Path) -> None:
    run("fuse", "--db", str(db), "--quiet")
    data = json.loads(run("series", "--dyad", "RUS-USA", "--by", "day", "--db", str(db),
                          "--json").stdout)  # fmt: skip
    assert [(p["period"], p["events"]) for p in data["points"]] == [("2012-11-07", 1)]
    assert data["coarser"] == 1  # the treaty, dated 2010
    assert data["points"][0]["evidence"][0]["num_articles"] == 2
    rows = list(csv.DictReader(io.StringIO(run("series", "--dyad", "USA~RUS", "--csv", "--db",
                                               str(db)).stdout)))  # fmt: skip
    assert [(r["period"], r["events"], r["verbal_cooperation"]) for r in rows] == [
        ("2012-11", "1", "1")]  # fmt: skip
    table = run("series", "--dyad", "USA~RUS", "--all-modalities", "--evidence", "--db", str(db))
    assert "2012-11" in table.stdout and "telegram" in table.stdout


def test_a_bad_dyad_or_bucket_is_a_usage_error(db: Path) -> None:
    result = run("series", "--dyad", "USA", "--db", str(db))
    assert result.exit_code == 2 and "E801" in result.stderr
    result = run("series", "--dyad", "USA-RUS", "--by", "year", "--db", str(db))
    assert result.exit_code == 2 and "E804" in result.stderr


def test_export_fused_as_jsonl_and_csv(db: Path, tmp_path: Path) -> None:
    run("fuse", "--db", str(db), "--quiet")
    lines = run("export", "--what", "fused", "--db", str(db)).stdout.splitlines()
    records = [json.loads(line) for line in lines]
    shared = next(r for r in records if r["num_articles"] == 2)
    assert shared["docs"] == ["a", "b"] and shared["outlets"] == ["Harbor Daily", "Meridian Wire"]
    assert shared["source"]["country"] == "RUS" and shared["event_type"] == "SUPPORT"
    assert (shared["num_mentions"], shared["num_sources"]) == (2, 2)
    out = tmp_path / "fused.parquet"
    assert run("export", "--what", "fused", "--format", "parquet", "-o", str(out),
               "--db", str(db)).exit_code == 0  # fmt: skip
    text = run("export", "--what", "fused", "--format", "csv", "--db", str(db)).stdout
    assert "num_articles" in text.splitlines()[0]


def test_gdelt_export_carries_the_fused_counts(db: Path) -> None:
    run("fuse", "--db", str(db), "--quiet")
    gdelt = run("export", "--what", "events", "--format", "gdelt", "--db", str(db)).stdout
    rows = [line.split("\t") for line in gdelt.splitlines()]
    counts = [tuple(row[COLUMNS.index(c)] for c in ("EventCode", "NumMentions", "NumSources",
              "NumArticles")) for row in rows]  # fmt: skip
    assert sorted(counts) == [("041", "1", "1", "1"), ("051", "2", "2", "2"),
                              ("051", "2", "2", "2"), ("057", "1", "1", "1")]  # fmt: skip
    fused = run("export", "--what", "fused", "--format", "gdelt", "--db", str(db)).stdout
    assert len(fused.splitlines()) == 3
