"""Copies of one article: grouped whatever their page furniture, their events counted once."""

from __future__ import annotations

from across_helpers import OBAMA, PUTIN, add
from conftest import make_document
from eventwire.across import update_across
from eventwire.across.duplicates import decode, encode, signature, update_duplicates
from eventwire.across.series import dyad_series
from eventwire.across.text import body_text
from eventwire.settings import Settings

BODY = (
    "MOSCOW — Russian President Vladimir Putin congratulated President Barack Obama on his "
    "re-election on Wednesday and said he hoped relations would keep improving, his "
    "spokesman told reporters in the Kremlin.\n\n"
    "The spokesman said the telegram wished Obama success and invited him to visit Russia "
    "next year, when the two leaders are expected to discuss missile defense and trade.\n\n"
    "Relations between Moscow and Washington have been strained by disputes over Syria, "
    "missile defense in Europe and the treatment of opposition protesters in Russia.\n\n"
    "Prime Minister Dmitry Medvedev called Obama an understandable and predictable partner "
    "and said the result was good news for cooperation between the two countries."
)
FIRST = "Kremlin hails Obama win\n" + BODY + "\n\n© 2012 Meridian Wire. All rights reserved."
SECOND = (
    "Home | World | Europe\nAdvertisement\nPutin sends Obama congratulations, invites him\n"
    + BODY
    + "\n\nShare this article: Facebook | Twitter | Email\nRelated: Obama thanks world leaders"
    "\nCompiled by Harbor Daily staff from wire reports."
)
OTHER = (
    "WASHINGTON — President Barack Obama thanked Russian President Vladimir Putin by telephone "
    "on Tuesday for his congratulations, the White House said, and the two leaders agreed to "
    "keep working on trade and on the crisis in Syria in the months ahead.\n\n"
    "Obama also spoke with the leaders of Afghanistan, Italy and Spain during the day."
)


def test_body_text_drops_page_furniture() -> None:
    text = body_text(SECOND, min_words=5)
    assert "advertisement" not in text and "share this" not in text
    assert "compiled by" not in text and "putin congratulated" in text


def test_signature_survives_the_store_format() -> None:
    settings = Settings.load()
    sig = signature(BODY, settings)
    assert sig is not None
    assert decode(encode(sig)).jaccard(sig) == 1.0
    assert signature("", settings) is None


def test_article_with_other_page_furniture_is_grouped_as_a_copy(store) -> None:
    store.add_documents(
        [
            make_document("second", SECOND, "2012-11-08", outlet="Harbor Daily"),
            make_document("first", FIRST, "2012-11-07", outlet="Meridian Wire"),
            make_document("other", OTHER, "2012-11-13", outlet="Meridian Wire"),
        ]
    )
    report = update_duplicates(store, Settings.load())
    assert report.copies == 1
    rows = {d["doc_id"]: d["duplicate_of"] for d in store.documents(limit=10)}
    assert rows == {"first": None, "second": "first", "other": None}


def test_canonical_copy_is_the_earliest_then_the_longest(store) -> None:
    store.add_documents(
        [
            make_document("a-short", BODY, "2012-11-07"),
            make_document("b-long", FIRST, "2012-11-07"),
            make_document("c-later", SECOND, "2012-11-09"),
        ]
    )
    update_duplicates(store, Settings.load())
    rows = {d["doc_id"]: d["duplicate_of"] for d in store.documents(limit=10)}
    assert rows == {"a-short": "b-long", "b-long": None, "c-later": "b-long"}


def test_a_new_batch_is_looked_up_against_stored_signatures(store) -> None:
    settings = Settings.load()
    store.add_documents([make_document("first", FIRST, "2012-11-07")])
    assert update_duplicates(store, settings).signed == 1
    store.add_documents([make_document("second", SECOND, "2012-11-08")])
    report = update_duplicates(store, settings)
    assert (report.signed, report.pairs, report.copies) == (1, 1, 1)
    assert update_duplicates(store, settings).signed == 0


def test_an_earlier_copy_arriving_later_becomes_canonical(store) -> None:
    settings = Settings.load()
    store.add_documents([make_document("late", SECOND, "2012-11-09")])
    store.add_documents([make_document("mid", BODY, "2012-11-08")])
    update_duplicates(store, settings)
    store.add_documents([make_document("early", FIRST, "2012-11-07")])
    update_duplicates(store, settings)
    rows = {d["doc_id"]: d["duplicate_of"] for d in store.documents(limit=10)}
    assert rows == {"early": None, "mid": "early", "late": "early"}


def test_dyad_series_counts_the_events_of_copies_once(store) -> None:
    event = ("congratulated", PUTIN, OBAMA, "051", "2012-11-07")
    add(store, "first", FIRST, "2012-11-07", "Meridian Wire", [event])
    add(store, "second", SECOND, "2012-11-08", "Harbor Daily", [event])
    update_across(store)
    (fused,) = store.fused_events()
    assert (fused["num_mentions"], fused["num_articles"], fused["num_sources"]) == (2, 1, 2)
    series = dyad_series(store, "RUS-USA", "day")
    assert [(p.period, p.events) for p in series.points] == [("2012-11-07", 1)]
