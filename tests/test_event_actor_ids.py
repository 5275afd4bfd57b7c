"""Events and quotes point at the knowledge-base actors they were resolved to: the same
person in two documents is one `actor_id`, in the store, its exports, the CLI and the API."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

import eventwire
from conftest import make_document
from eventwire.actors.tabari import read_tabari_actors
from eventwire.cli import app
from eventwire.export.writers import export_records
from eventwire.pipeline import analyse_store
from eventwire.records import EventActor, EventRecord, Mention, Quote
from eventwire.settings import Settings
from eventwire.store import DocumentAnalysis, Store

TEXTS = {
    "call": "Russian President Vladimir Putin telephoned U.S. President Barack Obama on "
    'Wednesday. "We are ready to work together," Putin said.',
    "visit": "Russian President Vladimir Putin met German Chancellor Angela Merkel in Berlin "
    "on Friday.",
}
SETTINGS = {"parallel_min_documents": 0, "analysis_batch_size": 50}


def _analysed(path: Path) -> Path:
    """A store of the two documents, analysed."""
    with Store(path) as store:
        store.add_documents(
            [make_document(i, t, f"2012-11-0{n + 7}") for n, (i, t) in enumerate(TEXTS.items())]
        )
        analyse_store(store, Settings.load(**SETTINGS), workers=1)
    return path


@pytest.fixture(scope="module")
def analysed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The analysed store, shared by the tests that only read it."""
    return _analysed(tmp_path_factory.mktemp("ids") / "ids.duckdb")


def _sides(store: Store) -> list[tuple[str, str | None, str | None]]:
    """Each event's document and the actor ids of its source and target."""
    return [
        (r["doc_id"], r["source_actor_id"], r["target_actor_id"]) for r in store.events(limit=100)
    ]


def test_one_titled_person_in_two_documents_is_one_actor_id(analysed: Path) -> None:
    with Store(analysed, read_only=True) as store:
        putin = {doc for doc, source, _ in _sides(store) if source == "vladimir-putin"}
        targets = {target for _, _, target in _sides(store)}
        record = store.actor("vladimir-putin")
    assert putin == {"call", "visit"}
    assert {"barack-obama", "angela-merkel"} <= targets
    assert record["events"] >= 2
    assert record["documents"] == ["call", "visit"]


def test_the_speaker_of_a_quote_carries_the_actor_id(analysed: Path) -> None:
    with Store(analysed, read_only=True) as store:
        quotes = store.quotes(actor_id="vladimir-putin")
    assert [(q["doc_id"], q["speaker_text"]) for q in quotes] == [("call", "Putin")]


def test_actors_show_lists_the_events_of_the_actor(analysed: Path) -> None:
    runner = CliRunner()
    shown = runner.invoke(app, ["actors", "show", "vladimir-putin", "--db", str(analysed)])
    data = runner.invoke(app, ["actors", "show", "vladimir-putin", "--json", "--db", str(analysed)])
    assert shown.exit_code == 0, shown.output
    assert "as source or target" in shown.output and "visit" in shown.output
    record = json.loads(data.stdout)
    assert {e["doc_id"] for e in record["event_list"]} == {"call", "visit"}
    assert all(
        "vladimir-putin" in (e["source_actor_id"], e["target_actor_id"])
        for e in record["event_list"]
    )


def test_events_of_one_actor_through_the_cli_and_the_api(analysed: Path) -> None:
    listed = CliRunner().invoke(
        app, ["events", "--actor", "angela-merkel", "--json", "--db", str(analysed)]
    )
    assert listed.exit_code == 0, listed.output
    rows = json.loads(listed.stdout)
    assert [(r["doc_id"], r["target_actor_id"]) for r in rows] == [("visit", "angela-merkel")]
    with eventwire.open(analysed) as data:
        frame = data.events(actor_id="barack-obama")
    assert set(frame["doc_id"]) == {"call"}
    assert set(frame["target_actor_id"]) == {"barack-obama"}


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_every_export_carries_the_actor_ids(analysed: Path, tmp_path: Path, fmt: str) -> None:
    output = tmp_path / f"events.{fmt}"
    with Store(analysed, read_only=True) as store:
        export_records(store, "events", fmt, output)
    if fmt == "jsonl":
        lines = output.read_text(encoding="utf-8").splitlines()
        rows = [json.loads(line) for line in lines]
        ids = {(r["source"]["actor_id"], (r["target"] or {}).get("actor_id")) for r in rows}
    elif fmt == "csv":
        with output.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        ids = {(r["source_actor_id"], r["target_actor_id"]) for r in rows}
    else:
        table = pq.read_table(output).to_pylist()
        ids = {(r["source_actor_id"], r["target_actor_id"]) for r in table}
    assert ("vladimir-putin", "barack-obama") in ids
    assert ("vladimir-putin", "angela-merkel") in ids


def test_coding_again_gives_the_same_actor_ids(analysed: Path, tmp_path: Path) -> None:
    path = tmp_path / "again.duckdb"
    shutil.copy(analysed, path)
    with Store(path) as store:
        before = _sides(store)
        analyse_store(store, Settings.load(**SETTINGS), everything=True, workers=1)
        after = _sides(store)
    assert before == after
    assert any(source == "vladimir-putin" for _, source, _ in after)


# ---------------------------------------------------------------- linking records by hand


def _person(doc_id: str, name: str, country: str | None, method: str = "title") -> Mention:
    """A person mention at the start of a document."""
    role = "president" if method == "title" else None
    return Mention(doc_id, 0, 0, len(name), name, "person", method, 0.9, country=country,
                   sector="GOV", name=name, role=role)  # fmt: skip


def _analysis(mention: Mention, other: Mention | None = None) -> DocumentAnalysis:
    """A document whose one event has `mention` as source, and whose quote it speaks."""
    mentions = [mention] + ([other] if other else [])
    source = EventActor.of_mention(mentions, 0)
    target = EventActor.of_mention(mentions, 1) if other else None
    event = EventRecord(mention.doc_id, 0, 0, 40, 0, 10, "met", "040", "CONSULT", None,
                        1.0, 1, source, target)  # fmt: skip
    quote = Quote(mention.doc_id, 20, 30, "we agree", source)
    return DocumentAnalysis(mention.doc_id, mentions, [event], [quote], "x" * 40)


def _linked(store: Store, analysis: DocumentAnalysis) -> tuple[str | None, ...]:
    """The actor ids linking gives the mention, the event's source and the quote's speaker."""
    (linked,) = store.link_actors([analysis])
    return (linked.mentions[0].actor_id, linked.events[0].source.actor_id,
            linked.quotes[0].speaker.actor_id)  # type: ignore[union-attr]  # fmt: skip


def test_a_learned_person_links_mention_event_and_quote(store: Store) -> None:
    store.learn_persons([_person("d1", "Vladimir Putin", "RUS")], "2012-11-07")
    later = _analysis(_person("d2", "Vladimir Putin", "RUS", method="coreference"))
    assert _linked(store, later) == ("vladimir-putin",) * 3


def test_a_reading_of_another_country_is_not_linked(store: Store) -> None:
    store.learn_persons([_person("d1", "Vladimir Putin", "RUS")], "2012-11-07")
    assert _linked(store, _analysis(_person("d2", "Vladimir Putin", "UKR"))) == (None,) * 3


def test_a_bare_surname_links_to_the_one_full_name_it_ends(store: Store) -> None:
    store.add_actor("Barack Obama", country="USA", sector="GOV")
    store.add_actor("Mitt Romney", country="USA")
    assert _linked(store, _analysis(_person("d1", "Obama", "USA")))[0] == "barack-obama"
    store.add_actor("Michelle Obama", country="USA")
    assert _linked(store, _analysis(_person("d2", "Obama", "USA")))[0] is None


def test_a_country_mention_links_to_an_imported_country(store: Store, tmp_path: Path) -> None:
    dictionary = tmp_path / "countries.actors.txt"
    dictionary.write_text("RUSSIA_  [RUS]\n+RUSSIAN_\n", encoding="utf-8")
    store.import_actors(read_tabari_actors(dictionary), dictionary.name)
    russia = Mention("d1", 0, 0, 6, "Moscow", "country", "dictionary", 0.9, country="RUS",
                     name="Russia")  # fmt: skip
    germany = Mention("d1", 0, 10, 16, "Berlin", "country", "dictionary", 0.9, country="DEU")
    (linked,) = store.link_actors([_analysis(russia, germany)])
    assert linked.events[0].source.actor_id == "russia"
    assert linked.events[0].target is not None and linked.events[0].target.actor_id is None


def test_an_id_the_resolver_gave_is_kept(store: Store) -> None:
    store.learn_persons([_person("d1", "Vladimir Putin", "RUS")], "2012-11-07")
    given = Mention("d2", 0, 0, 5, "Putin", "person", "knowledge_base", 0.9, country="RUS",
                    name="Vladimir Putin", actor_id="putin-import")  # fmt: skip
    assert _linked(store, _analysis(given)) == ("putin-import",) * 3
