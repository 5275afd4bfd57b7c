"""Extractive story summaries: a few sentences from several documents, each citing its own."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Any

from eventwire.across.records import SummarySentence
from eventwire.across.text import (
    furniture_patterns,
    is_furniture,
    sentences,
    without_dateline,
    words,
)

MIN_WORDS, MAX_WORDS = 6, 60  # shorter lines are furniture or fragments; longer ones are lists
_REDUNDANT = 0.5  # word overlap (Jaccard) above which a sentence repeats one already chosen
_FINISHED = re.compile(r"[.!?][\"”’')\]]*$")
_LEAD_BONUS = (0.6, 0.3)  # news puts what happened first
_EVENT_BONUS, _SHARED_EVENT_BONUS = 0.3, 0.8  # sentences carrying events, reported by several


def summarise(
    documents: Sequence[dict[str, Any]], features: dict[str, float], size: int
) -> list[SummarySentence]:
    """Up to `size` sentences, from as many documents as possible, in publication order."""
    candidates = [c for doc in documents for c in _candidates(doc, features)]
    if not candidates:
        return []
    top = max(c[0] for c in candidates) or 1.0
    ranked = sorted(candidates, key=lambda c: (-(c[0] / top + c[1]), c[2], c[3]))
    chosen = _pick(ranked, size, one_per_document=True)
    if len(chosen) < size:
        chosen = _pick(ranked, size, one_per_document=False, chosen=chosen)
    order = {doc["doc_id"]: i for i, doc in enumerate(documents)}
    chosen.sort(key=lambda c: (order[c[2]], c[3]))
    return [c[4] for c in chosen]


def _candidates(doc: dict[str, Any], features: dict[str, float]) -> list[tuple]:
    """(term score, bonus, doc_id, start, sentence) for each usable sentence of a document."""
    text = doc["text"]
    events = doc.get("event_sentences") or []
    out = []
    for position, (start, end) in enumerate(sentences(text)):
        start = without_dateline(text, start, end)
        tokens = words(text[start:end])
        if not MIN_WORDS <= len(tokens) <= MAX_WORDS or not _is_prose(text[start:end]):
            continue
        terms = sum(features.get(f"term:{w}", 0.0) for w in set(tokens))
        bonus = _LEAD_BONUS[position] if position < len(_LEAD_BONUS) else 0.0
        bonus += _event_bonus(events, start, end)
        sentence = SummarySentence(doc["doc_id"], start, end, text[start:end], doc.get("outlet"))
        out.append((terms / math.sqrt(len(tokens)), bonus, doc["doc_id"], start, sentence))
    return out


def _is_prose(sentence: str) -> bool:
    """A finished sentence, not a headline, a menu or other page furniture."""
    if "|" in sentence or not _FINISHED.search(sentence):
        return False
    return not is_furniture(sentence, MIN_WORDS, furniture_patterns())


def _event_bonus(events: list[dict[str, Any]], start: int, end: int) -> float:
    """More for a sentence that carries an event, most for one several articles report."""
    inside = [e for e in events if e["start"] < end and e["end"] > start]
    if not inside:
        return 0.0
    return _SHARED_EVENT_BONUS if max(e["articles"] for e in inside) > 1 else _EVENT_BONUS


def _pick(
    ranked: list[tuple], size: int, one_per_document: bool, chosen: list[tuple] | None = None
) -> list[tuple]:
    """Take the best sentences that repeat nothing already taken."""
    chosen = list(chosen or [])
    for candidate in ranked:
        if len(chosen) >= size:
            break
        if candidate in chosen:
            continue
        if one_per_document and any(c[2] == candidate[2] for c in chosen):
            continue
        if any(_overlap(candidate[4].text, c[4].text) > _REDUNDANT for c in chosen):
            continue
        chosen.append(candidate)
    return chosen


def _overlap(a: str, b: str) -> float:
    """Jaccard overlap of the words of two sentences."""
    wa, wb = set(words(a)), set(words(b))
    return len(wa & wb) / len(wa | wb) if wa and wb else 0.0
