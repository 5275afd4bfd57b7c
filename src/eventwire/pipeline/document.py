"""One document through the stages: actors, then events and quotes built on those actors."""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING

from eventwire.records import Document
from eventwire.store import DocumentAnalysis

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from eventwire.actors.knowledge import Knowledge, Person


@dataclass
class StageTimes:
    """Seconds spent in each stage of the analysis, summed over documents and processes."""

    read: float = 0.0
    parse: float = 0.0
    actors: float = 0.0
    events: float = 0.0
    quotes: float = 0.0
    write: float = 0.0
    learn: float = 0.0

    def add(self, other: StageTimes) -> None:
        """Add another's seconds to these."""
        for item in fields(self):
            setattr(self, item.name, getattr(self, item.name) + getattr(other, item.name))

    def as_dict(self) -> dict[str, float]:
        """The seconds by stage, rounded to milliseconds."""
        return {item.name: round(getattr(self, item.name), 3) for item in fields(self)}


@dataclass
class BatchResult:
    """What a batch of documents gave, with the time each stage took on it."""

    analyses: list[DocumentAnalysis] = field(default_factory=list)
    times: StageTimes = field(default_factory=StageTimes)


def analyse_document(
    document: Document,
    parsed: Doc,
    knowledge: Knowledge,
    persons: Sequence[Person],
    times: StageTimes | None = None,
) -> DocumentAnalysis:
    """Mentions, events and quotes of one parsed document (stage seconds added to `times`)."""
    from eventwire.actors.resolve import resolve_actors
    from eventwire.events.coder import code_events
    from eventwire.quotes import extract_quotes

    clock = times or StageTimes()
    started = time.perf_counter()
    mentions = resolve_actors(document, parsed, knowledge, persons)
    resolved = time.perf_counter()
    events = code_events(document, parsed, mentions)
    coded = time.perf_counter()
    quotes = extract_quotes(document, parsed, mentions)
    done = time.perf_counter()
    clock.actors += resolved - started
    clock.events += coded - resolved
    clock.quotes += done - coded
    return DocumentAnalysis(document.doc_id, mentions, events, quotes, document.text)


def analyse_batch(
    documents: Sequence[Document],
    nlp: Language,
    knowledge: Knowledge,
    persons: Sequence[Person],
    nlp_batch_size: int,
) -> BatchResult:
    """Parse a batch through `nlp.pipe` and analyse each document; results in input order."""
    result = BatchResult()
    for document, parsed in _timed_parse(documents, nlp, nlp_batch_size, result.times):
        result.analyses.append(analyse_document(document, parsed, knowledge, persons, result.times))
    return result


def _timed_parse(
    documents: Sequence[Document], nlp: Language, batch_size: int, times: StageTimes
) -> Iterator[tuple[Document, Doc]]:
    """Each document with its parse; the seconds spent inside spaCy added to `times.parse`."""
    from eventwire.nlp import analyse

    parsed = analyse(documents, nlp, batch_size)
    while True:
        started = time.perf_counter()
        try:
            pair = next(parsed)
        except StopIteration:
            times.parse += time.perf_counter() - started
            return
        times.parse += time.perf_counter() - started
        yield pair
