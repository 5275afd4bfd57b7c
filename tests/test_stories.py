"""Stories: reports of one matter grouped, labelled, summarised from several documents."""

from __future__ import annotations

from across_helpers import OBAMA, PUTIN, actor, add
from conftest import make_document
from eventwire.across import update_across
from eventwire.across.stories import cosine, document_vector, update_stories
from eventwire.across.text import sentences
from eventwire.settings import Settings

CONGRATS_A = (
    "MOSCOW — Russian President Vladimir Putin congratulated Barack Obama on his re-election "
    "on Wednesday, the Kremlin said.\n\n"
    "Putin hoped the Obama administration would keep working with Moscow on missile defense."
)
CONGRATS_B = (
    "WASHINGTON — Barack Obama received a telegram from Vladimir Putin congratulating him on "
    "his re-election, the White House said on Thursday.\n\n"
    "Obama's aides said the president would call Putin in the coming days to thank him."
)
JAPAN = (
    "TOKYO — Japan bought three of the disputed Senkaku islands from a private owner on "
    "Tuesday, and China sent two patrol ships to the waters around them in protest.\n\n"
    "Beijing summoned the Japanese ambassador over the purchase of the islands."
)
TURKEY = (
    "ANKARA — Turkish jets shot down a Russian Su-24 bomber near the Syrian border on Tuesday, "
    "and Vladimir Putin called it a stab in the back.\n\n"
    "Turkey said the plane had ignored ten warnings in five minutes."
)
TURKEY_COPY = "Turkey downs Russian jet\n" + TURKEY + "\n\nCompiled by Harbor Daily staff."
CONGRATULATION = ("congratulated", PUTIN, OBAMA, "051", "2012-11-07")
TELEGRAM = ("telegram", PUTIN, OBAMA, "051", "2012-11-07")
PURCHASE = ("bought", actor("JPNGOV", "Japan"), actor("CHNGOV", "China"), "111", "2012-09-11")


def _story_of(store) -> dict[str, str]:
    """Each document's story id."""
    rows = store.con.execute("SELECT doc_id, story_id FROM story_documents").fetchall()
    return dict(rows)


def test_reports_of_one_event_are_one_story_and_others_are_not(store) -> None:
    add(store, "a", CONGRATS_A, "2012-11-07", "Meridian Wire", [CONGRATULATION])
    add(store, "b", CONGRATS_B, "2012-11-08", "Harbor Daily", [TELEGRAM])
    add(store, "j", JAPAN, "2012-09-11", "Meridian Wire", [PURCHASE])
    update_across(store)
    stories = _story_of(store)
    assert stories["a"] == stories["b"] != stories["j"]
    top = store.stories()[0]
    assert (top["num_documents"], top["outlets"]) == (2, ["Harbor Daily", "Meridian Wire"])
    assert top["label"].startswith("RUS–USA")


def test_summary_has_two_to_four_sentences_from_several_documents_each_citing_it(store) -> None:
    add(store, "a", CONGRATS_A, "2012-11-07", "Meridian Wire", [CONGRATULATION])
    add(store, "b", CONGRATS_B, "2012-11-08", "Harbor Daily", [TELEGRAM])
    update_across(store)
    story = store.story(store.stories()[0]["story_id"])
    summary = story["summary"]
    assert 2 <= len(summary) <= 4
    assert {s["doc_id"] for s in summary} == {"a", "b"}
    for sentence in summary:
        text = store.document(sentence["doc_id"]).text
        assert text[sentence["start"] : sentence["end"]] == sentence["text"]
        assert not sentence["text"].startswith(("MOSCOW", "WASHINGTON"))
    assert [e["num_articles"] for e in story["timeline"]] == [2]


def test_reports_weeks_apart_are_different_stories(store) -> None:
    add(store, "a", CONGRATS_A, "2012-11-07", "Meridian Wire", [CONGRATULATION])
    add(store, "b", CONGRATS_B, "2013-01-20", "Harbor Daily", [TELEGRAM])
    update_stories(store, Settings.load())
    stories = _story_of(store)
    assert stories["a"] != stories["b"]


def test_copies_join_their_canonical_documents_story(store) -> None:
    store.add_documents([
        make_document("t1", TURKEY, "2015-11-24", outlet="Meridian Wire"),
        make_document("t2", TURKEY_COPY, "2015-11-25", outlet="Harbor Daily"),
    ])  # fmt: skip
    update_across(store)
    stories = _story_of(store)
    assert stories["t1"] == stories["t2"]
    (row,) = store.stories()
    assert (row["num_documents"], row["outlets"]) == (1, ["Harbor Daily", "Meridian Wire"])


def test_a_new_batch_joins_an_existing_story_and_a_rerun_places_nothing(store) -> None:
    settings = Settings.load()
    add(store, "a", CONGRATS_A, "2012-11-07", "Meridian Wire", [CONGRATULATION])
    update_across(store, settings)
    first = _story_of(store)["a"]
    add(store, "b", CONGRATS_B, "2012-11-08", "Harbor Daily", [TELEGRAM])
    report = update_stories(store, settings)
    assert (report.documents, report.new_stories, report.updated_stories) == (1, 0, 1)
    assert _story_of(store) == {"a": first, "b": first}
    assert update_stories(store, settings).documents == 0


def test_document_vectors_of_one_event_are_closer_than_of_two() -> None:
    found = [("dyad", "RUS-USA"), ("person", "Vladimir Putin")]
    a = document_vector("Putin hails Obama", CONGRATS_A, found)
    b = document_vector(None, CONGRATS_B, found)
    j = document_vector(None, JAPAN, [("dyad", "CHN-JPN")])
    assert cosine(a, b) > 0.3 > cosine(a, j)


def test_sentences_do_not_end_at_abbreviations() -> None:
    text = "U.S. President Barack Obama met Capt. Smith on Friday. They talked.\n\nNew line."
    assert [text[s:e] for s, e in sentences(text)] == [
        "U.S. President Barack Obama met Capt. Smith on Friday.",
        "They talked.",
        "New line.",
    ]
