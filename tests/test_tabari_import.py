"""Importing TABARI/PETRARCH actor dictionaries: names, synonyms, dated codes, problems."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.actors.tabari import (
    ImportedActor,
    ImportProblem,
    display_name,
    parse_date,
    read_tabari_actors,
)

DICTIONARY = """\
# Test dictionary written for eventwire's tests.
<!-- an XML comment
     over two lines -->
RUSSIA_  [RUS]
+RUSSIAN_
+MOSCOW_
+GEORGIA_   # eventwire reads Georgia as GEO: left out
VLADIMIR_PUTIN_  # a person with dated roles
+PUTIN_
+PRESIDENT_PUTIN_
\t[RUSELI 700101-990809]
\t[RUSGOV 990809-080507]
\t[RUSGOV >120507]
\t[RUSELI]
DMITRY_MEDVEDEV_
DMITRI_MEDVEDEV_
+MEDVEDEV
\t[RUSGOV 080507-120507]
\t[RUSGOV > 120508]
BARACK_OBAMA_
\t[USAELI 19610804-090119]
\t[USAGOV 090120-170120]
BROKEN_ENTRY_
\t[RUSGOV 080231-090101]
\t[USAGOV 19990101]
\t[RUSGOV 990101-980101]
\t[RUSGOV
AFGHAN_NATIONAL_ARMY_ [AFGMIL]
+ANA
KOFI_ANNAN_
\t[IGOUNO 970101-061231]
\t[ELI]
INDIAN_OCEAN  [---]
"""


@pytest.fixture
def dictionary(tmp_path: Path) -> Path:
    """A small dictionary covering aliases, date ranges, comments and malformed lines."""
    path = tmp_path / "test.actors.txt"
    path.write_text(DICTIONARY, encoding="utf-8")
    return path


def read(path: Path) -> tuple[dict[str, ImportedActor], list[ImportProblem]]:
    """The entries of a dictionary by name, and its problems."""
    items = list(read_tabari_actors(path))
    actors = {i.name: i for i in items if isinstance(i, ImportedActor)}
    return actors, [i for i in items if isinstance(i, ImportProblem)]


def dated(actor: ImportedActor) -> list[tuple]:
    """An entry's codes as (code, from, to), sorted."""
    return sorted(((c.code, c.valid_from or "", c.valid_to or "") for c in actor.codes), key=str)


def test_names_synonyms_and_comments_are_read(dictionary):
    actors, _ = read(dictionary)
    assert set(actors) == {
        "Russia",
        "Vladimir Putin",
        "Dmitry Medvedev",
        "Barack Obama",
        "Broken Entry",
        "Afghan National Army",
        "Kofi Annan",
        "Indian Ocean",
    }
    assert actors["Vladimir Putin"].aliases == ("Putin", "President Putin")
    assert actors["Dmitry Medvedev"].aliases == ("Dmitri Medvedev", "Medvedev")
    assert actors["Vladimir Putin"].line == 8


def test_dated_codes_become_roles_and_a_default_fills_the_gaps(dictionary):
    actors, _ = read(dictionary)
    putin = actors["Vladimir Putin"]
    assert (putin.kind, putin.country, putin.sector) == ("person", "RUS", "GOV")
    assert dated(putin) == [
        ("RUSELI", "", "1969-12-31"),
        ("RUSELI", "1970-01-01", "1999-08-09"),
        ("RUSELI", "2008-05-08", "2012-05-06"),
        ("RUSGOV", "1999-08-09", "2008-05-07"),
        ("RUSGOV", "2012-05-07", ""),
    ]
    assert dated(actors["Barack Obama"]) == [
        ("USAELI", "1961-08-04", "2009-01-19"),
        ("USAGOV", "2009-01-20", "2017-01-20"),
    ]
    assert ("RUSGOV", "2012-05-08", "") in dated(actors["Dmitry Medvedev"])


def test_codes_are_read_three_letters_at_a_time(dictionary):
    actors, _ = read(dictionary)
    army = actors["Afghan National Army"]
    assert (army.kind, army.country, army.sector, army.aliases) == ("group", "AFG", "MIL", ("ANA",))
    annan = actors["Kofi Annan"]
    un = next(c for c in annan.codes if c.code == "IGOUNO")
    assert (un.country, un.sector, un.valid_from, un.valid_to) == (
        "UNO",
        "IGO",
        "1997-01-01",
        "2006-12-31",
    )
    assert actors["Russia"].kind == "country" and actors["Indian Ocean"].kind == "null"


def test_malformed_lines_are_reported_with_line_numbers_and_reading_goes_on(dictionary):
    actors, problems = read(dictionary)
    assert [(p.line, p.code) for p in problems] == [
        (24, "E321"),
        (25, "E327"),
        (26, "E322"),
        (27, "E320"),
    ]
    assert "Kofi Annan" in actors and actors["Broken Entry"].codes == ()


def test_two_digit_years_pivot_at_30_as_tabari_reads_them():
    assert parse_date("300101").year == 2030  # type: ignore[union-attr]
    assert parse_date("310101").year == 1931  # type: ignore[union-attr]
    assert parse_date("19250101").year == 1925  # type: ignore[union-attr]
    assert parse_date("080231") is None and parse_date("9008223") is None


def test_dictionary_names_are_written_as_news_writes_them():
    assert display_name("VLADIMIR_V._PUTIN_") == "Vladimir V. Putin"
    assert display_name("O'NEILL") == "O'Neill"
    assert display_name("AL-QAEDA", "group") == "Al-Qaeda"
    assert display_name("UN_", "group") == "UN"


def test_an_import_stores_persons_countries_and_problems(store, dictionary):
    report = store.import_actors(read_tabari_actors(dictionary), dictionary.name)
    assert (report.persons_added, report.groups_added, report.countries) == (4, 1, 1)
    assert [p.line for p in report.problems] == [24, 25, 26, 27]
    assert report.skipped == 2  # the entry without a readable code, and [---]
    assert store.country_aliases() == {"russia": "RUS", "russian": "RUS", "moscow": "RUS"}
    [left_out] = store.conflicts()
    assert (left_out["name"], left_out["kept"], left_out["seen"]) == ("Georgia", "GEO", "RUS")
    people = {p.name: p for p in store.persons()}
    putin = people["Vladimir Putin"]
    assert [r.sector for r in putin.roles_on("2010-06-01")] == ["ELI"]
    assert [r.sector for r in putin.roles_on("2012-11-07")] == ["GOV"]
    assert "Putin" in putin.aliases
    annan = people["Kofi Annan"]
    assert [(r.country, r.sector) for r in annan.roles] == [("UNO", "IGO")]


def test_importing_the_same_file_again_changes_no_entry(store, dictionary):
    store.import_actors(read_tabari_actors(dictionary), dictionary.name)
    tables = ("actors", "actor_aliases", "actor_roles", "actor_conflicts")
    query = "SELECT * EXCLUDE (updated_at) FROM actors ORDER BY ALL"
    before = [store.con.execute(f"SELECT count(*) FROM {t}").fetchall() for t in tables]
    rows = store.con.execute(query).fetchall()
    again = store.import_actors(read_tabari_actors(dictionary), dictionary.name)
    assert (again.persons_added, again.persons_updated) == (0, 4)
    assert [store.con.execute(f"SELECT count(*) FROM {t}").fetchall() for t in tables] == before
    assert store.con.execute(query).fetchall() == rows


def test_an_import_joins_a_learned_person_and_keeps_a_country_conflict(store, dictionary):
    from test_actor_kb import titled

    store.learn_persons([titled("d1", "Vladimir Putin")], "2012-11-07")
    store.learn_persons([titled("d2", "Barack Obama", country="KEN")], "2012-11-07")
    report = store.import_actors(read_tabari_actors(dictionary), dictionary.name)
    assert report.persons_merged == 1
    putin = store.actor("vladimir-putin")
    assert {r["origin"] for r in putin["roles"]} == {"learned", "import"}
    assert putin["origin"] == "learned"
    assert store.find_actors("Barack Obama") == ["barack-obama", "barack-obama-2"]
    conflict = next(c for c in store.conflicts() if c["field"] == "country")
    assert (conflict["actor_id"], conflict["kept"], conflict["seen"]) == (
        "barack-obama",
        "KEN",
        "USA",
    )
    assert conflict["other_actor_id"] == "barack-obama-2"


@pytest.mark.slow
def test_the_phoenix_countries_dictionary_imports_fully(store, shared_data):
    path = shared_data / "reference" / "Phoenix.Countries.actors.txt"
    if not path.is_file():
        pytest.skip("Phoenix.Countries.actors.txt is not in ../shared/data/reference")
    report = store.import_actors(read_tabari_actors(path), path.name)
    assert report.persons_added > 17_000 and report.roles > 25_000
    assert report.problems and all(p.line > 0 for p in report.problems)
    assert (2039, "E321") in {(p.line, p.code) for p in report.problems}
    [putin_id] = store.find_actors("Vladimir Putin")
    roles = {(r["code"], r["valid_from"], r["valid_to"]) for r in store.actor(putin_id)["roles"]}
    assert {
        ("RUSELI", "1970-01-01", "1999-08-09"),
        ("RUSGOV", "1999-08-09", "2000-05-07"),
        ("RUSGOV", "1999-12-31", "2008-05-07"),
        ("RUSGOV", "2008-05-08", None),
    } <= roles
    putin = next(p for p in store.persons() if p.name == "Vladimir Putin")
    assert {(r.country, r.sector) for r in putin.roles_on("2012-03-05")} == {("RUS", "GOV")}
    assert "Putin" in putin.aliases


@pytest.mark.slow
def test_after_the_phoenix_import_bare_surnames_resolve_at_the_dates_it_gives(
    store, shared_data, nlp
):
    import dataclasses

    from eventwire.actors.knowledge import packaged_knowledge
    from eventwire.actors.resolve import resolve_actors
    from eventwire.records import Document, PublishedDate

    path = shared_data / "reference" / "Phoenix.Countries.actors.txt"
    if not path.is_file():
        pytest.skip("Phoenix.Countries.actors.txt is not in ../shared/data/reference")
    store.import_actors(read_tabari_actors(path), path.name)
    # without the packaged seed persons, only the imported dictionary can name them
    knowledge = dataclasses.replace(packaged_knowledge(), persons=(), person_index={})
    persons = store.persons()

    def resolved(text: str, published: str) -> set[tuple]:
        doc = Document("d", text, "", "t.txt", published=PublishedDate(published, "day"))
        mentions = resolve_actors(doc, nlp(text), knowledge, persons)
        return {(m.name, m.country, m.sector) for m in mentions if m.kind == "person"}

    text = "Karzai met tribal elders on Monday. Medvedev said the talks went well."
    assert resolved(text, "1998-06-01") >= {("Hamid Karzai", "AFG", "ELI")}
    assert resolved(text, "2010-06-01") >= {
        ("Hamid Karzai", "AFG", "GOV"),
        ("Dmitry Medvedev", "RUS", "GOV"),
    }
