"""Score single sentences of a PLOVER gold-standard file: type, source country, target country.

Each record's sentence is analysed alone (no publication date), and a sentence counts
as right when one of its coded events has the gold PLOVER type (0.5 labels mapped to
2021 ones) and a source among the gold source countries; the target is checked the
same way where the gold has one.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventwire.evaluate.triples import event_type
from eventwire.records import Document, EventRecord


@dataclass
class PloverScore:
    """Sentence-level agreement with a PLOVER gold file."""

    sentences: int = 0
    type_right: int = 0
    type_and_source: int = 0
    type_source_target: int = 0
    misses: list[dict[str, Any]] = field(default_factory=list)
    confusions: Counter = field(default_factory=Counter)

    def summary(self) -> dict[str, Any]:
        """The headline shares."""
        n = self.sentences or 1
        return {
            "sentences": self.sentences,
            "type": self.type_right / n,
            "type_and_source": self.type_and_source / n,
            "type_source_target": self.type_source_target / n,
        }


def read_plover(path: Path) -> list[dict[str, Any]]:
    """The records of a PLOVER gold file (a JSON array or JSON Lines)."""
    text = path.read_text(encoding="utf-8")
    if text.lstrip().startswith("["):
        return json.loads(text)
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def gold_codes(actors: Any, to_iso: Mapping[str, str]) -> set[str]:
    """The country codes of a gold actor list, CAMEO codes mapped to ISO where known."""
    if not isinstance(actors, list):
        return set()
    codes = {str(a.get("code", "")).upper() for a in actors if isinstance(a, dict)}
    return {to_iso.get(c, c) for c in codes if c}


def score_sentence(
    record: Mapping[str, Any], events: Sequence[EventRecord], to_iso: Mapping[str, str]
) -> tuple[bool, bool, bool]:
    """(type right, type and source right, type, source and target right) for one record."""
    wanted = event_type(record["event"])
    sources = gold_codes(record.get("source"), to_iso)
    targets = gold_codes(record.get("target"), to_iso)
    typed = [e for e in events if event_type(e.plover_type) == wanted]
    with_source = [e for e in typed if e.source.country in sources]
    with_target = [
        e for e in with_source if not targets or (e.target and e.target.country in targets)
    ]
    return bool(typed), bool(with_source), bool(with_target)


def score_plover(
    records: Iterable[Mapping[str, Any]],
    code_sentence: Any,
    to_iso: Mapping[str, str],
) -> PloverScore:
    """Code each record's sentence with `code_sentence(Document) -> events` and score it."""
    score = PloverScore()
    for record in records:
        document = Document(
            doc_id=record.get("id", "sentence"),
            text=record["text"],
            content_hash="",
            source="plover",
        )
        events = code_sentence(document)
        typed, sourced, targeted = score_sentence(record, events, to_iso)
        score.sentences += 1
        score.type_right += typed
        score.type_and_source += sourced
        score.type_source_target += targeted
        if not sourced:
            got = sorted(
                {
                    f"{e.source.country} {e.plover_type} {e.target and e.target.country}"
                    for e in events
                }
            )
            score.confusions[(event_type(record["event"]), got[0] if got else "nothing")] += 1
            score.misses.append({"id": record.get("id"), "text": record["text"], "got": got})
    return score
