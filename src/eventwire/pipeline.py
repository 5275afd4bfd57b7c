"""The analysis pipeline over stored documents: parse, resolve actors, code events, find quotes.

Data flows one way: documents from the store go through spaCy in batches; each parsed
document gives mentions, then events and quotes built on those mentions; the results
are written back a batch at a time, and the persons learned join the knowledge base
before the next batch, so a later document saying only "Putin said" resolves.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from eventwire.records import Document
from eventwire.settings import Settings
from eventwire.store import DocumentAnalysis, Store

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from eventwire.actors.knowledge import Knowledge, Person

LOGGER = logging.getLogger(__name__)


@dataclass
class AnalyseReport:
    """What one analysis run found."""

    documents: int = 0
    mentions: int = 0
    events: int = 0
    quotes: int = 0
    seconds: float = 0.0


def analyse_document(
    document: Document, parsed: Doc, knowledge: Knowledge, persons: Sequence[Person]
) -> DocumentAnalysis:
    """Mentions, events and quotes of one parsed document."""
    from eventwire.actors.resolve import resolve_actors
    from eventwire.events.coder import code_events
    from eventwire.quotes import extract_quotes

    mentions = resolve_actors(document, parsed, knowledge, persons)
    events = code_events(document, parsed, mentions)
    quotes = extract_quotes(document, parsed, mentions)
    return DocumentAnalysis(document.doc_id, mentions, events, quotes, document.text)


def analyse_store(
    store: Store,
    settings: Settings | None = None,
    everything: bool = False,
    on_document: Callable[[DocumentAnalysis], None] | None = None,
) -> AnalyseReport:
    """Analyse the stored documents not analysed yet (or all of them) and store the results."""
    from eventwire.actors.knowledge import packaged_knowledge
    from eventwire.nlp import analyse, load_pipeline

    settings = settings or Settings.load()
    started = time.perf_counter()
    knowledge = packaged_knowledge()
    persons = store.persons()
    report = AnalyseReport()
    pending: list[tuple[Document, DocumentAnalysis]] = []
    documents = store.iter_documents_to_analyse(everything, settings.analysis_batch_size)
    for document, parsed in analyse(documents, load_pipeline(), settings.nlp_batch_size):
        result = analyse_document(document, parsed, knowledge, persons)
        pending.append((document, result))
        report.documents += 1
        report.mentions += len(result.mentions)
        report.events += len(result.events)
        report.quotes += len(result.quotes)
        if on_document:
            on_document(result)
        if len(pending) >= settings.analysis_batch_size:
            persons = _write(store, pending)
    if pending:
        _write(store, pending)
    report.seconds = time.perf_counter() - started
    return report


def _write(store: Store, pending: list[tuple[Document, DocumentAnalysis]]) -> list[Person]:
    """Store a batch of results, learn its persons, and return the refreshed person list."""
    store.write_analysis([result for _, result in pending])
    for document, result in pending:
        published = document.published.value if document.published else None
        store.learn_persons(result.mentions, published)
    pending.clear()
    return store.persons()
