"""Analysis across worker processes: the same rows whatever the number of workers, persons
learned a round at a time, and the nlp shortcuts that keep the later stages' annotations."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from eventwire.ingest.ids import content_hash
from eventwire.pipeline import analyse_store, worker_count
from eventwire.pipeline.document import BatchResult
from eventwire.pipeline.persons import PersonBook, PersonHolder
from eventwire.pipeline.workers import Done, Handle, Task
from eventwire.records import Document, Mention, PublishedDate
from eventwire.settings import Settings
from eventwire.store import DocumentAnalysis, Store

TEXTS = [
    "Russian President Vladimir Putin telephoned U.S. President Barack Obama on Wednesday to "
    "congratulate him on his re-election, the Kremlin said.",
    'Putin said he hoped to meet Obama soon. "We are ready to work together," Putin said.',
    "German Chancellor Angela Merkel met French President Francois Hollande in Berlin on "
    "Tuesday and the two leaders agreed to press Greece on reforms.",
    "Merkel criticised Russia over Ukraine. Police arrested 20 protesters in Moscow.",
    "Chinese Foreign Minister Wang Yi visited Japan last week and called for talks on the islands.",
    "Wang said China would not accept the decision. Japan rejected the demand on Monday.",
    "Israeli Prime Minister Benjamin Netanyahu condemned the attack in Jerusalem.",
]
KB_TABLES = ("actors", "actor_aliases", "actor_roles", "actor_conflicts")
WHEN = ("created_at", "updated_at", "first_seen")  # wall-clock times, not what was learned


def _document(number: int, text: str) -> Document:
    """A short document, a day apart from the one before."""
    day = PublishedDate(f"2012-11-{number + 1:02d}", "day")
    return Document(f"d{number}", text, content_hash(text), "test.jsonl", published=day)


def _rows(store: Store, table: str, order: str = "ALL") -> list[tuple]:
    """A table's rows without wall-clock times, sorted (or in insertion order: "rowid")."""
    columns = [c[0] for c in store.con.execute(f"DESCRIBE {table}").fetchall() if c[0] not in WHEN]
    quoted = ", ".join(f'"{c}"' for c in columns)
    return store.con.execute(f"SELECT {quoted} FROM {table} ORDER BY {order}").fetchall()


def test_one_and_two_workers_store_the_same_rows(tmp_path: Path) -> None:
    # Rounds of two documents in batches of one: persons learned in round 0 reach round 2
    # ("Putin said" in d1 is in round 0; d2..d6 come later), as they would with one worker.
    settings = Settings.load(parallel_min_documents=0, analysis_batch_size=2, worker_batch_size=1)
    base = tmp_path / "base.duckdb"
    with Store(base) as store:
        store.add_documents([_document(i, t) for i, t in enumerate(TEXTS)])
    tables = {}
    for workers in (1, 2):
        path = tmp_path / f"w{workers}.duckdb"
        shutil.copy(base, path)
        with Store(path) as store:
            report = analyse_store(store, settings, workers=workers)
            assert (report.documents, report.workers) == (len(TEXTS), workers)
            tables[workers] = {t: _rows(store, t) for t in ("mentions", "events", "quotes")}
            tables[workers]["persons"] = store.persons()
            assert store.count_documents_to_analyse() == 0
    assert tables[1]["events"] and tables[1]["persons"]
    assert tables[1] == tables[2]


class _ScriptedExecutor:
    """Two handles whose tasks finish one at a time, oldest first; sends, answers and
    retirements are logged."""

    def __init__(self, log: list[tuple[str, object]]) -> None:
        self.handles = [Handle("a"), Handle("b")]
        self.log = log
        self._running: list[tuple[Handle, Task]] = []

    def send(self, handle: Handle, task: Task) -> None:
        handle.busy = True
        self._running.append((handle, task))
        self.log.append(("send", task.number))

    def wait(self) -> list[tuple[Handle, Done]]:
        handle, task = self._running.pop(0)
        handle.busy = False
        self.log.append(("done", task.number))
        analyses = [DocumentAnalysis(d.doc_id, [], [], [], "") for d in task.documents]
        return [(handle, Done(task.number, BatchResult(analyses), 0.0))]

    def retire(self, handle: Handle) -> None:
        self.handles.remove(handle)
        self.log.append(("retire", handle.name))

    def close(self, abort: bool = False) -> None:
        self.log.append(("close", abort))


def _scripted_run(store: Store, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, object]]:
    """Six documents analysed in rounds of two, batches of one, by the scripted executor;
    the log of its calls and of the round writes."""
    log: list[tuple[str, object]] = []
    store.add_documents([_document(i, t) for i, t in enumerate(TEXTS[:6])])
    write = store.write_analysis

    def logged_write(results: list[DocumentAnalysis]) -> None:
        log.append(("write", len(results)))
        write(results)

    monkeypatch.setattr(store, "write_analysis", logged_write)
    monkeypatch.setattr("eventwire.pipeline.run.make_executor", lambda c, s: _ScriptedExecutor(log))
    settings = Settings.load(parallel_min_documents=0, analysis_batch_size=2, worker_batch_size=1)
    assert analyse_store(store, settings, workers=2).documents == 6
    assert store.count_documents_to_analyse() == 0
    return log


def test_an_idle_worker_takes_a_queued_batch_before_the_main_process_writes(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Task 1 completes round 0 while task 3 (round 1) waits in the queue: the idle worker
    # gets it before round 0 is learned and written, rather than waiting for the store.
    log = _scripted_run(store, monkeypatch)
    assert log.index(("send", 3)) < log.index(("write", 2))
    assert log.index(("done", 1)) < log.index(("send", 3))


def test_workers_with_nothing_left_to_do_are_let_go_before_the_last_write(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = _scripted_run(store, monkeypatch)
    writes = [i for i, entry in enumerate(log) if entry[0] == "write"]
    assert len(writes) == 3
    assert log.index(("retire", "a")) < writes[-1] and log.index(("retire", "b")) < writes[-1]
    assert log.index(("retire", "a")) > log.index(("send", 5))  # not before the last batch
    assert log[-1] == ("close", False)


def titled(doc_id: str, name: str, country: str = "RUS", role: str = "president") -> Mention:
    """A titled person mention, as the resolver gives it."""
    text = f"{role.title()} {name}"
    return Mention(doc_id, 0, 0, len(text), text, "person", "title", 0.9, country=country,
                   sector="GOV", name=name, role=role)  # fmt: skip


def _learning_batch() -> list[tuple[list[Mention], str | None]]:
    """Documents that create, extend, grow, rename and contradict persons, in one batch."""
    return [
        ([titled("d1", "Putin")], "2012-11-01"),
        ([titled("d2", "Vladimir Putin"), titled("d2", "Dmitry Medvedev", role="premier")],
         "2012-11-07"),
        ([titled("d3", "Vladimir Putin", country="UKR")], "2012-11-08"),
        ([titled("d4", "Dmitry Medvedev", role="prime minister")], "2012-11-09"),
        ([titled("d5", "Putin"), titled("d5", "Barack Obama", country="USA")], None),
        ([titled("d6", "Vladimir Putin", role="prime minister")], "2008-05-08"),
        ([titled("d2", "Vladimir Putin"), titled("d2", "Dmitry Medvedev", role="premier")],
         "2012-11-07"),
        ([titled("d7", "Angela Merkel", country="DEU", role="chancellor")], "2012-11-10"),
    ]  # fmt: skip


def test_learning_a_round_at_once_leaves_the_tables_as_learning_each_document(
    tmp_path: Path,
) -> None:
    stores = [Store(tmp_path / "each.duckdb"), Store(tmp_path / "round.duckdb")]
    try:
        for store in stores:  # a person known before the batch, and a user's entry
            store.learn_persons([titled("d0", "Angela Merkel", country="DEU")], "2011")
            store.add_actor("Wang Yi", country="CHN", sector="GOV")
        each = [stores[0].learn_persons(m, p) for m, p in _learning_batch()]
        batch = stores[1].learn_persons_many(_learning_batch())
        assert batch == each
        for table in KB_TABLES:  # in insertion order: a person's roles are read in it
            assert _rows(stores[1], table, "rowid") == _rows(stores[0], table, "rowid"), table
        assert stores[1].persons() == stores[0].persons()
    finally:
        for store in stores:
            store.close()


def test_a_worker_receives_only_the_persons_changed_since_its_version(store: Store) -> None:
    store.learn_persons([titled("d1", "Vladimir Putin")], "2012-11-07")
    book, holder = PersonBook(store.persons()), PersonHolder()
    holder.apply(book.update(None, 0))
    assert holder.persons == tuple(store.persons())
    result = store.learn_persons([titled("d2", "Barack Obama", country="USA")], "2012-11-08")
    book.learn(store.persons_with_ids(result.created))
    update = book.update(holder.version, book.version)
    assert update is not None and [p.name for p in update.changed] == ["Barack Obama"]
    holder.apply(update)
    assert holder.persons == tuple(store.persons())
    assert book.update(holder.version, book.version) is None


def test_small_runs_stay_in_the_calling_process() -> None:
    settings = Settings.load(parallel_min_documents=150)
    assert worker_count(4, settings, 20) == 1
    assert worker_count(4, settings, 500) == 4
    assert worker_count(0, settings, 500) >= 1


def test_the_attribute_table_annotates_as_the_ruler_does() -> None:
    from eventwire.nlp import load_pipeline

    text = (
        "He didn't say whether the talks, which y'all gonna hate, ain't over. There is "
        "nothing left; it's what he did in 2012 that counts, Putin's aide said.\n\nNew line."
    )
    ruled = load_pipeline(("ner",), Settings.load(attribute_table=False))(text)
    tabled = load_pipeline(("ner",), Settings.load(attribute_table=True))(text)
    for attribute in ("pos_", "tag_", "lemma_", "dep_", "morph"):
        assert [str(getattr(t, attribute)) for t in tabled] == [
            str(getattr(t, attribute)) for t in ruled
        ], attribute


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "U.S. President Barack Obama telephoned Vladimir Putin on Friday, the White House "
            "said on November 7, 2012.",
            {("U.S.", "GPE"), ("Barack Obama", "PERSON"), ("Vladimir Putin", "PERSON"),
             ("Friday", "DATE"), ("White House", "ORG"), ("November 7, 2012", "DATE")},
        ),
        (
            "A court in Zagreb sentenced Ivo Sanader to 10 years. Lawyers for Sanader said "
            "he was not in court.",
            {("Zagreb", "GPE"), ("Ivo Sanader", "PERSON"), ("10 years", "DATE"),
             ("Sanader", "PERSON")},
        ),
        ("General Motors Chairman Tom Reed resigned.",
         {("General Motors", "ORG"), ("Tom Reed", "PERSON")}),
    ],
)  # fmt: skip
def test_entity_rules_label_places_persons_and_dates(text: str, expected: set) -> None:
    from eventwire.nlp import load_pipeline

    nlp = load_pipeline(settings=Settings.load(entity_recogniser="phrases"))
    assert "ner" not in nlp.pipe_names
    assert {(e.text, e.label_) for e in nlp(text).ents} == expected
