"""Score predicted events against gold events, document by document, as (source, type, target).

The rules are those of the gold format (FORMAT.md): recall over required gold events
whose accepted triples (alternatives, both directions when mutual) meet a predicted
triple, gold events with the same accepted triples counting once; precision over
distinct predicted triples matching any gold event; dated recall also asking for the
gold date at its precision (a day may be off by one); modality over matched gold events
that are not asserted; background dating over matched gold events off the publication
day, asking for exactly the gold date at the gold precision.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

# PLOVER 0.5 labels that became other 2021 types.
OLD_TYPES = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}

Triple = tuple[str | None, str, str | None]


@dataclass
class DocumentScore:
    """The counts and the errors of one document."""

    required: int = 0
    found: int = 0
    required_dated: int = 0
    found_dated: int = 0
    predicted: int = 0
    predicted_right: int = 0
    missed: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)


@dataclass
class Score:
    """Totals over all documents, with the per-document detail."""

    documents: dict[str, DocumentScore] = field(default_factory=dict)
    modality_checked: int = 0
    modality_right: int = 0
    background_checked: int = 0
    background_right: int = 0

    def total(self, name: str) -> int:
        """The sum of one DocumentScore count."""
        return sum(getattr(d, name) for d in self.documents.values())

    @property
    def recall(self) -> float:
        """Share of required gold events found."""
        return _share(self.total("found"), self.total("required"))

    @property
    def precision(self) -> float:
        """Share of predicted triples that match gold."""
        return _share(self.total("predicted_right"), self.total("predicted"))

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def dated_recall(self) -> float:
        """Share of required gold events found with the right date."""
        return _share(self.total("found_dated"), self.total("required_dated"))

    @property
    def modality(self) -> float:
        """Share of matched non-asserted gold events predicted as not asserted."""
        return _share(self.modality_right, self.modality_checked)

    @property
    def background_dating(self) -> float:
        """Share of matched off-publication-day gold events dated exactly."""
        return _share(self.background_right, self.background_checked)

    def summary(self) -> dict[str, Any]:
        """The headline figures as a mapping."""
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "dated_recall": self.dated_recall,
            "modality": self.modality,
            "modality_checked": self.modality_checked,
            "background_dating": self.background_dating,
            "background_checked": self.background_checked,
            "required": self.total("required"),
            "found": self.total("found"),
            "predicted": self.total("predicted"),
            "predicted_right": self.total("predicted_right"),
        }


def event_type(value: str | None) -> str:
    """A PLOVER type in upper case, old labels mapped to 2021 ones."""
    name = (value or "").strip().upper()
    return OLD_TYPES.get(name, name)


def actor_country(actor: Any) -> str | None:
    """The country (or organisation) code of an actor object, if any."""
    if not isinstance(actor, dict):
        return None
    code = actor.get("country") or actor.get("code")
    return code.strip().upper() if isinstance(code, str) and code.strip() else None


def accepted_triples(gold: Mapping[str, Any]) -> frozenset[Triple]:
    """Every triple that counts as finding a gold event."""
    types = [
        event_type(gold["event"]),
        *(event_type(t) for t in gold.get("event_alternatives", [])),
    ]
    source, target = actor_country(gold["source"]), actor_country(gold["target"])
    directions = [(source, target)]
    if gold.get("either_direction"):
        directions.append((target, source))
    return frozenset((a, t, b) for t in types for a, b in directions)


def date_agrees(gold: str | None, predicted: str | None) -> bool:
    """A predicted date at least as precise as the gold one, agreeing with it (day ±1)."""
    if not gold:
        return True
    if not predicted or len(predicted) < len(gold):
        return False
    if len(gold) < 10:
        return predicted.startswith(gold)
    try:
        gap = dt.date.fromisoformat(predicted[:10]) - dt.date.fromisoformat(gold)
    except ValueError:
        return False
    return abs(gap.days) <= 1


def off_publication_day(gold: str | None, published: str | None) -> bool:
    """Whether a gold event did not happen on the publication day (±1)."""
    if not gold or not published:
        return False
    if len(gold) < 10:
        return True
    gap = dt.date.fromisoformat(gold) - dt.date.fromisoformat(published[:10])
    return abs(gap.days) > 1


def score_events(
    gold: Iterable[Mapping[str, Any]],
    predicted: Iterable[Mapping[str, Any]],
    published: Mapping[str, str | None] | None = None,
) -> Score:
    """Score predicted event records against gold events, document by document."""
    published = published or {}
    gold_by_doc: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for event in gold:
        gold_by_doc[event["doc"]].append(event)
    predicted_by_doc: dict[str, dict[Triple, list[Mapping[str, Any]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for event in predicted:
        doc = event.get("doc_id") or event.get("doc")
        triple = (
            actor_country(event.get("source")),
            event_type(event.get("event_type") or event.get("event")),
            actor_country(event.get("target")),
        )
        predicted_by_doc[doc][triple].append(event)
    score = Score()
    for doc, golds in gold_by_doc.items():
        score.documents[doc] = _score_document(
            golds, predicted_by_doc.get(doc, {}), published.get(doc), score
        )
    return score


def _score_document(
    golds: list[Mapping[str, Any]],
    triples: Mapping[Triple, list[Mapping[str, Any]]],
    published: str | None,
    score: Score,
) -> DocumentScore:
    """Count one document; modality and background counts go to `score`."""
    result = DocumentScore(predicted=len(triples))
    found: dict[frozenset[Triple], bool] = {}
    dated: dict[tuple[frozenset[Triple], str | None], bool] = {}
    every_accepted: set[Triple] = set()
    for gold in golds:
        accepted = accepted_triples(gold)
        every_accepted |= accepted
        hits = [p for triple in accepted for p in triples.get(triple, [])]
        if hits and off_publication_day(gold.get("date"), published):
            score.background_checked += 1
            score.background_right += any(_exact_date(gold["date"], p.get("date")) for p in hits)
        if hits and gold.get("modality", "asserted") != "asserted":
            score.modality_checked += 1
            score.modality_right += any(
                (p.get("modality") or "asserted") != "asserted" for p in hits
            )
        if not gold.get("required", True):
            continue
        found[accepted] = found.get(accepted, False) or bool(hits)
        key = (accepted, gold.get("date"))
        dated[key] = dated.get(key, False) or any(
            date_agrees(gold.get("date"), p.get("date")) for p in hits
        )
        if not hits:
            result.missed.append(gold["id"])
    result.required, result.found = len(found), sum(found.values())
    result.required_dated, result.found_dated = len(dated), sum(dated.values())
    wrong = [t for t in triples if t not in every_accepted]
    result.predicted_right = len(triples) - len(wrong)
    result.wrong = [" ".join(str(part) for part in t) for t in wrong]
    return result


def _exact_date(gold: str, predicted: str | None) -> bool:
    """The gold date at exactly the gold precision (a day may be off by one)."""
    return bool(predicted) and len(predicted) == len(gold) and date_agrees(gold, predicted)


def _share(part: int, whole: int) -> float:
    """part / whole, 0 when there is no whole."""
    return part / whole if whole else 0.0
