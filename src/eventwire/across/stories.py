"""Stories: documents about one matter, placed one by one in publication order.

Each canonical document becomes a sparse vector of what it is about — the dyads and
event types the coder found, the persons and countries the actor stage resolved, and
the capitalised words of its headline and lead — and joins the open story it is most
like (cosine against the story's summed vector) when that reaches the threshold and
its day falls within the story's window; otherwise it starts a story. New documents
only are placed on each run; copies join their canonical document's story.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import logging
import math
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from typing import TYPE_CHECKING, Any

from eventwire.across.records import Story
from eventwire.across.summary import summarise
from eventwire.across.text import words
from eventwire.settings import Settings

if TYPE_CHECKING:
    from eventwire.store import Store

LOGGER = logging.getLogger(__name__)
WEIGHTS = {"dyad": 3.0, "person": 2.0, "term": 1.0, "type": 0.5, "country": 0.5}
_CAPITALISED = re.compile(r"\b[A-Z][\w'’-]*\w")
_KEPT_FEATURES = 60  # a story keeps its strongest features only, so stored vectors stay small
_LABEL_CHARS = 80


@dataclass
class StoryReport:
    """What one story pass did."""

    documents: int = 0
    new_stories: int = 0
    updated_stories: int = 0
    copies: int = 0
    seconds: float = 0.0


@dataclass
class _Open:
    """A story being extended in this pass."""

    story: Story
    vector: Counter = field(default_factory=Counter)
    first: dt.date | None = None
    last: dt.date | None = None
    changed: bool = False
    created: bool = False


@functools.cache
def stopwords() -> frozenset[str]:
    """Capitalised words that do not place a document in a story."""
    path = resources.files("eventwire") / "data" / "across" / "story_stopwords.txt"
    lines = (line.strip().casefold() for line in path.read_text(encoding="utf-8").splitlines())
    return frozenset(line for line in lines if line and not line.startswith("#"))


def document_vector(title: str | None, text: str, found: Iterable[tuple[str, str]]) -> Counter:
    """The weighted features of a document: what the analysis found, and its lead's names."""
    vector: Counter = Counter()
    for kind, value in set(found):
        vector[f"{kind}:{value.casefold()}"] += WEIGHTS[kind]
    lead = "\n".join([title or "", *text.split("\n\n")[:2]])
    for word in {
        w.casefold().removesuffix("'s").removesuffix("’s") for w in _CAPITALISED.findall(lead)
    }:
        if word not in stopwords() and len(word) > 1:
            vector[f"term:{word}"] += WEIGHTS["term"]
    return vector


def cosine(a: Counter, b: Counter) -> float:
    """Cosine similarity of two sparse vectors."""
    if not a or not b:
        return 0.0
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    dot = sum(weight * large.get(key, 0.0) for key, weight in small.items())
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0


def story_id(first_doc: str) -> str:
    """A stable id from the document that started the story."""
    return "st" + hashlib.sha1(first_doc.encode()).hexdigest()[:12]


def update_stories(
    store: Store,
    settings: Settings,
    rebuild: bool = False,
    on_progress: Callable[[int], None] | None = None,
) -> StoryReport:
    """Place the documents in no story yet, then summarise the stories that changed."""
    started = time.perf_counter()
    if rebuild:
        store.clear_stories()
    report = StoryReport()
    docs = store.documents_without_story()
    if docs:
        found: dict[str, list[tuple[str, str]]] = {}
        for doc_id, kind, value in store.story_features([d["doc_id"] for d in docs]):
            found.setdefault(doc_id, []).append((kind, value))
        stories = _load_open(store, docs, settings)
        joined = []
        for doc in docs:
            vector = document_vector(doc["title"], doc["text"], found.get(doc["doc_id"], ()))
            joined.append(_place(stories, doc, vector, settings))
            report.documents += 1
            if on_progress:
                on_progress(1)
        changed = [s for s in stories if s.changed]
        report.new_stories = sum(1 for s in changed if s.created)
        report.updated_stories = len(changed) - report.new_stories
        store.write_stories([_finished(store, s, settings) for s in changed], joined)
    report.copies = store.assign_copies_to_stories()
    report.seconds = time.perf_counter() - started
    return report


def _load_open(store: Store, docs: list[dict[str, Any]], settings: Settings) -> list[_Open]:
    """The stored stories new documents may join."""
    days = [d for doc in docs if (d := _day(doc))]
    undated = len(days) < len(docs)
    since = (
        None if undated or not days else min(days) - dt.timedelta(days=settings.story_window_days)
    )
    opened = []
    for story in store.open_stories(since):
        vector = Counter(story.features)
        first = _date(story.first_published)
        last = _date(story.last_published)
        opened.append(_Open(story, vector, first, last))
    return opened


def _place(
    stories: list[_Open], doc: dict[str, Any], vector: Counter, settings: Settings
) -> tuple[str, str, float]:
    """Put a document in the story it is most like, or start one; return the assignment."""
    day = _day(doc)
    best, best_score = None, 0.0
    for opened in stories:
        if not _in_window(opened, day, settings):
            continue
        score = cosine(vector, opened.vector)
        if score > best_score or (
            score == best_score and best and opened.story.story_id < best.story.story_id
        ):
            best, best_score = opened, score
    if best is None or best_score < settings.story_similarity:
        best = _Open(Story(story_id(doc["doc_id"]), "", (), None, None), created=True)
        stories.append(best)
        best_score = 1.0
    best.vector.update(vector)
    best.story = replace(best.story, doc_ids=(*best.story.doc_ids, doc["doc_id"]))
    if day:
        best.first = min(best.first or day, day)
        best.last = max(best.last or day, day)
    best.changed = True
    return doc["doc_id"], best.story.story_id, round(best_score, 4)


def _in_window(opened: _Open, day: dt.date | None, settings: Settings) -> bool:
    """Whether a document's day lets it join a story: near its end, within its span."""
    if day is None or opened.last is None or opened.first is None:
        return True
    gap = dt.timedelta(days=settings.story_window_days)
    span = dt.timedelta(days=settings.story_max_span_days)
    return opened.first - gap <= day <= opened.last + gap and day - opened.first <= span


def _finished(store: Store, opened: _Open, settings: Settings) -> Story:
    """A story with its label, dates, strongest features and a fresh summary."""
    texts = store.story_texts(opened.story.doc_ids)
    kept = dict(opened.vector.most_common(_KEPT_FEATURES))
    published = [t["published"] for t in texts if t["published"]]
    return replace(
        opened.story,
        label=label(kept, [t["title"] for t in texts]),
        first_published=min(published) if published else None,
        last_published=max(published) if published else None,
        summary=tuple(summarise(texts, kept, settings.story_summary_sentences)),
        features={k: round(v, 3) for k, v in kept.items()},
    )


def label(features: dict[str, float], titles: Sequence[str | None]) -> str:
    """A short label: the main dyad, then the headline that best matches the story."""
    ranked = sorted(features.items(), key=lambda item: (-item[1], item[0]))
    dyads = [
        k.split(":", 1)[1].upper().replace("-", "–") for k, _ in ranked if k.startswith("dyad:")
    ]
    names = [k.split(":", 1)[1].title() for k, _ in ranked if k.startswith(("person:", "term:"))]
    head = _best_title(features, titles) or ", ".join(names[:4])
    return " · ".join(part for part in (dyads[0] if dyads else "", head) if part) or "(no features)"


def _best_title(features: dict[str, float], titles: Sequence[str | None]) -> str | None:
    """The headline whose words weigh most in the story, shortened; the first on a tie."""
    scored = []
    for order, title in enumerate(titles):
        if not title:
            continue
        tokens = set(words(title))
        weight = sum(features.get(f"term:{w}", 0.0) for w in tokens) / math.sqrt(len(tokens) or 1)
        scored.append((-weight, order, title))
    if not scored:
        return None
    title = min(scored)[2]
    return title if len(title) <= _LABEL_CHARS else title[: _LABEL_CHARS - 1].rstrip() + "…"


def _day(doc: dict[str, Any]) -> dt.date | None:
    """The day a document stands for: its publication, else its latest event."""
    return doc.get("published_day") or _date(doc.get("event_day"))


def _date(value: str | None) -> dt.date | None:
    """The first day of an ISO date at any precision."""
    from eventwire.across.periods import parse_period

    period = parse_period(value)
    return period.first if period else None
