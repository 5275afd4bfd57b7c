"""The eventwire command as users meet it: exit codes, messages, JSON output."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from eventwire.cli import app

README = Path(__file__).resolve().parents[1] / "README.md"

REPORT = (
    "Ministers meet in Vienna\n\n"
    "VIENNA — Foreign ministers of six countries met on Tuesday to discuss a draft "
    "agreement, officials said. The talks will continue next month.\n"
)


@pytest.fixture
def runner() -> CliRunner:
    """A CLI runner."""
    return CliRunner()


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    """A folder with a text file, a JSON Lines file and one empty file."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "vienna.txt").write_text(REPORT, encoding="utf-8")
    records = [
        {
            "id": "w1",
            "title": "Envoys gather",
            "outlet": "Harbor Daily",
            "published": "2015-07-14",
            "text": "Envoys gathered in Vienna on Tuesday for a final round of talks.",
            "section": "world",
        },
        {
            "id": "w2",
            "title": "Deal reached",
            "outlet": "Meridian Wire",
            "published": "2015-07",
            "text": "Negotiators reached an agreement after weeks of talks in Vienna.",
        },
    ]
    (folder / "feed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    (folder / "empty.txt").write_text("")
    return folder


def run(runner: CliRunner, *args: str):
    """Invoke the command and return the result."""
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_every_command_has_help_and_is_documented_in_the_readme(runner):
    readme = README.read_text(encoding="utf-8")
    commands = get_command(app).commands  # type: ignore[attr-defined]
    assert {"ingest", "docs", "show", "export", "stats", "errors", "demo"} <= set(commands)
    for name, command in commands.items():
        assert command.help, f"{name} has no help text"
        assert f"eventwire {name}" in readme, f"{name} is not in the README"
        result = run(runner, name, "--help")
        assert result.exit_code == 0 and "Usage" in result.output


def test_ingest_stores_good_files_lists_bad_ones_and_exits_1(runner, inputs, tmp_path):
    db = str(tmp_path / "s.duckdb")
    result = run(runner, "ingest", str(inputs), "--db", db, "--quiet")
    assert result.exit_code == 1
    assert re.search(r"empty\.txt: \[E101\]", result.output)
    listed = json.loads(run(runner, "docs", "--db", db, "--json").stdout)
    assert {d["doc_id"] for d in listed} >= {"w1", "w2"} and len(listed) == 3
    errors = json.loads(run(runner, "errors", "--db", db, "--json").stdout)
    assert [(Path(e["source"]).name, e["code"]) for e in errors] == [("empty.txt", "E101")]


def test_ingesting_again_adds_nothing(runner, inputs, tmp_path):
    db = str(tmp_path / "s.duckdb")
    run(runner, "ingest", str(inputs), "--db", db, "--quiet")
    again = json.loads(run(runner, "ingest", str(inputs), "--db", db, "--json").stdout)
    assert (again["added"], again["existing"], again["documents_in_store"]) == (0, 3, 3)


def test_ingest_of_a_missing_path_is_a_usage_error(runner, tmp_path):
    result = run(runner, "ingest", str(tmp_path / "nowhere"), "--db", str(tmp_path / "s.duckdb"))
    assert result.exit_code == 2 and "no such file or folder" in result.output


def test_show_prints_metadata_and_exact_text_and_404s_unknown_ids(runner, inputs, tmp_path):
    db = str(tmp_path / "s.duckdb")
    run(runner, "ingest", str(inputs), "--db", db, "--quiet")
    shown = json.loads(run(runner, "show", "w1", "--db", db, "--json").stdout)
    assert shown["outlet"] == "Harbor Daily" and shown["metadata"] == {"section": "world"}
    assert shown["published"]["value"] == "2015-07-14" and not shown["published"]["inferred"]
    missing = run(runner, "show", "nope", "--db", db)
    assert missing.exit_code == 4 and "E205" in missing.output


def test_docs_search_finds_words_in_the_text(runner, inputs, tmp_path):
    db = str(tmp_path / "s.duckdb")
    run(runner, "ingest", str(inputs), "--db", db, "--quiet")
    found = json.loads(run(runner, "docs", "--db", db, "--search", "negotiators", "--json").stdout)
    assert [d["doc_id"] for d in found] == ["w2"]
    bad = run(runner, "docs", "--db", db, "--since", "yesterday")
    assert bad.exit_code == 2 and "E206" in bad.output


def test_read_commands_on_a_missing_store_exit_3(runner, tmp_path):
    result = run(runner, "stats", "--db", str(tmp_path / "none.duckdb"))
    assert result.exit_code == 3 and "E202" in result.output


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_export_writes_every_document_record(runner, inputs, tmp_path, fmt):
    db = str(tmp_path / "s.duckdb")
    run(runner, "ingest", str(inputs), "--db", db, "--quiet")
    target = tmp_path / f"docs.{fmt}"
    result = run(runner, "export", "--db", db, "--format", fmt, "--output", str(target))
    assert result.exit_code == 0 and "3 documents" in result.output
    if fmt == "jsonl":
        rows = [json.loads(line) for line in target.read_text().splitlines()]
    elif fmt == "csv":
        import csv

        rows = list(csv.DictReader(target.open(encoding="utf-8")))
    else:
        import pyarrow.parquet as pq

        rows = pq.read_table(target).to_pylist()
    assert sorted(r["doc_id"] for r in rows)[-2:] == ["w1", "w2"]
    assert {"title", "outlet", "url", "published", "published_inferred", "source"} <= set(rows[0])


def test_export_rejects_unknown_formats_and_parquet_without_a_file(runner, inputs, tmp_path):
    db = str(tmp_path / "s.duckdb")
    run(runner, "ingest", str(inputs), "--db", db, "--quiet")
    assert run(runner, "export", "--db", db, "--format", "xml").exit_code == 2
    assert run(runner, "export", "--db", db, "--format", "parquet").exit_code == 2


def test_stats_counts_documents_errors_and_the_last_run(runner, inputs, tmp_path):
    db = str(tmp_path / "s.duckdb")
    run(runner, "ingest", str(inputs), "--db", db, "--quiet")
    stats = json.loads(run(runner, "stats", "--db", db, "--json").stdout)
    assert stats["documents"] == 3 and stats["ingest_errors"] == 1
    assert stats["last_run"]["status"] == "errors" and stats["last_run"]["n_added"] == 3
    assert stats["by_format"] == {"jsonl": 2, "txt": 1}


def test_stdin_is_read_with_a_dash(runner, tmp_path):
    db = str(tmp_path / "s.duckdb")
    line = json.dumps({"id": "s1", "text": "Talks resumed in Geneva on Monday, diplomats said."})
    result = runner.invoke(app, ["ingest", "-", "--db", db, "--json"], input=line + "\n")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["added"] == 1


def test_the_three_shared_articles_store_three_documents_with_agreeing_dates(
    runner, shared_data, tmp_path
):
    db = str(tmp_path / "s.duckdb")
    result = run(runner, "ingest", str(shared_data / "articles"), "--db", db, "--quiet")
    assert result.exit_code == 0, result.output
    docs = json.loads(run(runner, "docs", "--db", db, "--json").stdout)
    assert len(docs) == 3
    gold = {
        json.loads(line)["doc"]: json.loads(line)
        for line in (shared_data / "gold" / "articles.docs.jsonl").read_text().splitlines()
    }
    for doc in docs:
        truth = gold[Path(doc["source"]).stem]
        if doc["published"]:
            assert doc["published_inferred"]
            assert agrees(doc["published"], truth["published"], truth["published_tolerance_days"])


def agrees(claimed: str, gold: str, tolerance_days: int) -> bool:
    """Whether a date at its precision agrees with the gold day."""
    if len(claimed) < 10:
        return gold.startswith(claimed)
    gap = dt.date.fromisoformat(claimed) - dt.date.fromisoformat(gold)
    return abs(gap.days) <= tolerance_days
