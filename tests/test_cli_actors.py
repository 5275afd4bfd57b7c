"""`eventwire actors` as users meet it: add, list, show, import, conflicts; JSON and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from eventwire.cli import app

README = Path(__file__).resolve().parents[1] / "README.md"

DICTIONARY = """\
# written for this test
VLADIMIR_PUTIN_
+PUTIN_
\t[RUSGOV 990809-080507]
\t[RUSGOV >080508]
BARACK_OBAMA_
\t[USAGOV 090120-170120]
\t[USAGOV 090132-170120]
GEORGIA_ [USA]
"""


@pytest.fixture
def runner() -> CliRunner:
    """A CLI runner."""
    return CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> str:
    """The path of a store for one test."""
    return str(tmp_path / "actors.duckdb")


def run(runner: CliRunner, *args: str):
    """Invoke the command and return the result."""
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_every_actors_command_has_help_and_is_documented_in_the_readme(runner):
    readme = README.read_text(encoding="utf-8")
    group = get_command(app).commands["actors"]  # type: ignore[attr-defined]
    assert group.help and "eventwire actors" in readme
    assert {"list", "show", "add", "import", "conflicts"} <= set(group.commands)
    for name, command in group.commands.items():
        assert command.help, f"actors {name} has no help text"
        assert f"eventwire actors {name}" in readme, f"actors {name} is not in the README"
        result = run(runner, "actors", name, "--help")
        assert result.exit_code == 0 and "Usage" in result.output


def test_add_then_list_and_show_as_json(runner, db):
    added = run(
        runner,
        "actors",
        "add",
        "Jay Carney",
        "--alias",
        "Carney",
        "--country",
        "USA",
        "--sector",
        "GOV",
        "--role",
        "spokesman",
        "--from",
        "2011-02",
        "--db",
        db,
        "--json",
    )
    assert added.exit_code == 0
    assert json.loads(added.stdout)["created"] is True
    listed = json.loads(run(runner, "actors", "list", "--db", db, "--json").stdout)
    assert [(a["actor_id"], a["origin"], a["aliases"]) for a in listed] == [
        ("jay-carney", "user", 1)
    ]
    shown = json.loads(run(runner, "actors", "show", "Carney", "--db", db, "--json").stdout)
    assert shown["actor_id"] == "jay-carney" and shown["aliases"] == ["Carney"]
    [role] = shown["roles"]
    assert (role["role"], role["valid_from"], role["origin"]) == ("spokesman", "2011-02", "user")
    human = run(runner, "actors", "show", "jay-carney", "--db", db)
    assert human.exit_code == 0 and "spokesman" in human.stdout


def test_add_again_corrects_and_bad_input_is_a_usage_error(runner, db):
    run(runner, "actors", "add", "Jay Carney", "--country", "USA", "--db", db)
    again = run(runner, "actors", "add", "Jay Carney", "--sector", "MED", "--db", db)
    assert again.exit_code == 0 and "corrected jay-carney" in again.stdout
    bad_sector = run(runner, "actors", "add", "X", "--sector", "XYZ", "--db", db)
    assert bad_sector.exit_code == 2 and "E222" in bad_sector.output
    undated = run(runner, "actors", "add", "X", "--from", "2012", "--db", db)
    assert undated.exit_code == 2 and "--role" in undated.output
    bad_date = run(runner, "actors", "add", "X", "--role", "envoy", "--from", "soon", "--db", db)
    assert bad_date.exit_code == 2 and "E222" in bad_date.output


def test_show_of_an_unknown_actor_exits_4(runner, db):
    run(runner, "actors", "add", "Jay Carney", "--db", db)
    missing = run(runner, "actors", "show", "nobody", "--db", db)
    assert missing.exit_code == 4 and "E220" in missing.output


def test_import_reports_counts_problems_and_conflicts(runner, db, tmp_path):
    path = tmp_path / "small.actors.txt"
    path.write_text(DICTIONARY, encoding="utf-8")
    result = run(runner, "actors", "import", str(path), "--db", db, "--json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert (report["persons_added"], report["aliases"], report["roles"]) == (2, 1, 3)
    assert [(p["line"], p["code"]) for p in report["problems"]] == [(8, "E321")]
    assert [(c["name"], c["kept"], c["seen"]) for c in report["conflicts"]] == [
        ("Georgia", "GEO", "USA")
    ]
    conflicts = json.loads(run(runner, "actors", "conflicts", "--db", db, "--json").stdout)
    assert [c["name"] for c in conflicts] == ["Georgia"]
    putin = json.loads(run(runner, "actors", "show", "Putin", "--db", db, "--json").stdout)
    assert {(r["valid_from"], r["valid_to"]) for r in putin["roles"]} == {
        ("1999-08-09", "2008-05-07"),
        ("2008-05-08", None),
    }
    human = run(runner, "actors", "import", str(path), "--db", db)
    assert "2 persons" in human.stdout and "small.actors.txt:8: [E321]" in human.output


def test_import_of_a_missing_file_is_a_usage_error(runner, db, tmp_path):
    result = run(runner, "actors", "import", str(tmp_path / "none.txt"), "--db", db)
    assert result.exit_code == 2 and "no such file" in result.output


def test_list_filters_by_origin_and_rejects_an_unknown_one(runner, db):
    run(runner, "actors", "add", "Jay Carney", "--country", "USA", "--db", db)
    mine = json.loads(
        run(runner, "actors", "list", "--origin", "user", "--db", db, "--json").stdout
    )
    learned = run(runner, "actors", "list", "--origin", "learned", "--db", db, "--json")
    assert len(mine) == 1 and json.loads(learned.stdout) == []
    bad = run(runner, "actors", "list", "--origin", "guessed", "--db", db)
    assert bad.exit_code == 2
