"""Scoring events against gold by the rules of the gold format."""

from __future__ import annotations

import importlib.util
import json
import random

import pytest

from eventwire.evaluate import score_events


def gold(doc, ident, source, event, target, **extra):
    """A gold event record."""
    return {
        "doc": doc,
        "id": ident,
        "source": {"country": source},
        "target": {"country": target} if target else None,
        "event": event,
        **extra,
    }


def predicted(doc, source, event, target, date=None, modality="asserted"):
    """A predicted event record as eventwire exports it."""
    return {
        "doc_id": doc,
        "source": {"country": source},
        "target": {"country": target} if target else None,
        "event_type": event,
        "date": date,
        "modality": modality,
    }


def test_a_mutual_gold_event_accepts_either_direction():
    golds = [gold("d", "1", "USA", "CONSULT", "RUS", either_direction=True)]
    score = score_events(golds, [predicted("d", "RUS", "CONSULT", "USA")])
    assert (score.recall, score.precision) == (1.0, 1.0)


def test_a_reversed_one_way_event_is_both_missed_and_wrong():
    golds = [gold("d", "1", "RUS", "SUPPORT", "USA")]
    score = score_events(golds, [predicted("d", "USA", "SUPPORT", "RUS")])
    assert (score.recall, score.precision) == (0.0, 0.0)
    assert score.documents["d"].missed == ["1"]
    assert score.documents["d"].wrong == ["USA SUPPORT RUS"]


def test_optional_gold_events_are_never_missing_and_never_wrong():
    golds = [
        gold("d", "1", "USA", "CONSULT", "RUS"),
        gold("d", "2", "RUS", "AID", "SYR", required=False),
    ]
    preds = [predicted("d", "USA", "CONSULT", "RUS"), predicted("d", "RUS", "AID", "SYR")]
    score = score_events(golds, preds)
    assert (score.total("required"), score.recall, score.precision) == (1, 1.0, 1.0)


def test_old_plover_labels_map_to_2021_types():
    golds = [gold("d", "1", "USA", "DISAPPROVE", "IRN")]
    assert score_events(golds, [predicted("d", "USA", "ACCUSE", "IRN")]).recall == 1.0


def test_dated_recall_allows_a_day_off_but_not_a_coarser_date():
    golds = [gold("d", "1", "USA", "CONSULT", "RUS", date="2012-11-13")]
    near = score_events(golds, [predicted("d", "USA", "CONSULT", "RUS", date="2012-11-14")])
    coarse = score_events(golds, [predicted("d", "USA", "CONSULT", "RUS", date="2012-11")])
    assert near.dated_recall == 1.0 and coarse.dated_recall == 0.0


def test_background_dating_wants_the_gold_precision_exactly():
    golds = [gold("d", "1", "USA", "AGREE", "RUS", date="2010")]
    published = {"d": "2012-11-13"}
    year = score_events(golds, [predicted("d", "USA", "AGREE", "RUS", date="2010")], published)
    day = score_events(golds, [predicted("d", "USA", "AGREE", "RUS", date="2010-04-08")], published)
    assert (year.background_checked, year.background_dating) == (1, 1.0)
    assert day.background_dating == 0.0 and day.dated_recall == 1.0


def test_modality_counts_promises_predicted_as_not_asserted():
    golds = [gold("d", "1", "RUS", "CONSULT", "USA", modality="future")]
    right = score_events(golds, [predicted("d", "RUS", "CONSULT", "USA", modality="future")])
    wrong = score_events(golds, [predicted("d", "RUS", "CONSULT", "USA")])
    assert (right.modality, wrong.modality, wrong.modality_checked) == (1.0, 0.0, 1)


def test_scores_agree_with_the_shared_scorer_on_perturbed_gold(shared_data):
    spec = importlib.util.spec_from_file_location(
        "shared_scorer", shared_data.parent / "tools" / "score_events.py"
    )
    if spec is None or spec.loader is None:
        pytest.skip("the shared scorer is absent")
    shared = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(shared)
    golds, published = [], {}
    for name in ("gold/articles.events.jsonl", "dev/events_C.jsonl", "dev/events_D.jsonl"):
        golds += [
            json.loads(line) for line in (shared_data / name).read_text().splitlines() if line
        ]
    for name in ("gold/articles.docs.jsonl", "dev/docs_C.jsonl", "dev/docs_D.jsonl"):
        for line in (shared_data / name).read_text().splitlines():
            if line:
                doc = json.loads(line)
                published[doc["doc"]] = doc["published"]
    rng = random.Random(5)
    preds = []
    for g in golds:
        roll = rng.random()
        if roll < 0.2:
            continue
        source, target = g["source"]["country"], (g["target"] or {}).get("country")
        if roll < 0.35:
            source, target = target, source
        date = published[g["doc"]] if roll < 0.6 else g.get("date")
        modality = "asserted" if roll < 0.7 else g.get("modality", "asserted")
        preds.append(predicted(g["doc"], source, g["event"], target, date, modality))
    ours = score_events(golds, preds, published)
    theirs = shared.score(golds, preds, published)
    assert ours.precision == pytest.approx(theirs["precision"])
    assert ours.recall == pytest.approx(theirs["recall"])
    assert ours.dated_recall == pytest.approx(theirs["dated_recall"])
    assert ours.background_dating == pytest.approx(theirs["background_dating"])
    assert (ours.modality_right, ours.modality_checked) == (
        theirs["modal_ok"],
        theirs["modal_checked"],
    )
