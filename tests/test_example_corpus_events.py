"""The pipeline on the bundled example corpus: every event points at the words that carry it."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from eventwire.actors.knowledge import packaged_knowledge
from eventwire.ingest.build import build_document
from eventwire.pipeline import analyse_document
from eventwire.records import RawRecord
from eventwire.settings import Settings


@pytest.fixture(scope="module")
def analysed(nlp):
    """Every example report with its analysis."""
    corpus = resources.files("eventwire") / "data" / "examples" / "corpus.jsonl"
    settings = Settings.load()
    results = []
    for line in corpus.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        raw = RawRecord(
            source="corpus.jsonl",
            text=record["text"],
            doc_id=record["id"],
            published=record["published"] or None,
        )
        document = build_document(raw, settings).document
        results.append(
            (document, analyse_document(document, nlp(document.text), packaged_knowledge(), ()))
        )
    return results


def test_every_event_evidence_span_holds_its_trigger(analysed):
    events = [(doc, e) for doc, result in analysed for e in result.events]
    assert events, "the example corpus gave no events"
    for doc, event in events:
        evidence = doc.text[event.start : event.end]
        # a light-verb trigger ("held ... protests") is several words, not always adjacent
        assert all(word in evidence for word in event.trigger.split()), (doc.doc_id, event.trigger)
        assert event.sentence_start <= event.start < event.end <= event.sentence_end


def test_most_reports_give_events_and_many_dates_come_from_the_text(analysed):
    with_events = sum(1 for _, result in analysed if result.events)
    dated = [e for _, result in analysed for e in result.events if e.date]
    from_text = [e for e in dated if not e.date.from_publication]
    assert with_events >= 0.8 * len(analysed)
    assert len(from_text) >= 0.3 * len(dated)
