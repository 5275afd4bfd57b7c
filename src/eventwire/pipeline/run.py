"""An analysis run over the store: documents stream in rounds through the workers and back.

Documents are read from the store in rounds of `analysis_batch_size`, cut into batches of
`worker_batch_size` and analysed by the workers (or the calling process). Complete rounds
are finished in round order: their persons are learned and become the next version of the
knowledge base; their mentions, events and quotes are linked to the actors the knowledge
base now knows (`Store.link_actors`) and written to the store in one transaction.

Round `r` is analysed with the persons learned from rounds `0 .. r-2`: while the workers
finish round `r-1`, round `r` is already on its way, so no worker waits for the store; and
a worker that answers is given its next batch before the main process learns and writes,
not after (on two cores that wait idled a worker for about a second a round). Workers with
nothing left to do are let go at once, so they exit while the last batches finish. At
most two rounds are in flight, so memory does not grow with the corpus; and the persons a
document sees depend only on its round, so one worker or four give the same results.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

from eventwire.pipeline.document import StageTimes
from eventwire.pipeline.persons import PersonBook
from eventwire.pipeline.workers import Done, Executor, Task, chunks, make_executor
from eventwire.records import Document
from eventwire.settings import Settings
from eventwire.store import DocumentAnalysis, Store

LOGGER = logging.getLogger(__name__)

ROUNDS_IN_FLIGHT = 2  # round r waits for round r-2 to be learned


@dataclass
class AnalyseReport:
    """What one analysis run found, and where its time went."""

    documents: int = 0
    mentions: int = 0
    events: int = 0
    quotes: int = 0
    seconds: float = 0.0
    workers: int = 1
    stages: dict[str, float] = field(default_factory=dict)
    peak_rss_mb: float = 0.0  # the largest peak resident memory of one analysing process

    def count(self, result: DocumentAnalysis) -> None:
        """Count one document's findings."""
        self.documents += 1
        self.mentions += len(result.mentions)
        self.events += len(result.events)
        self.quotes += len(result.quotes)


@dataclass
class _Round:
    """The documents of one round, the persons version they are analysed with, and results."""

    number: int
    documents: list[Document]
    version: int
    batches_left: int
    results: dict[str, DocumentAnalysis] = field(default_factory=dict)


def worker_count(workers: int | None, settings: Settings, documents: int) -> int:
    """How many processes analyse: as asked (0: one per core), one for small runs."""
    wanted = settings.workers if workers is None else workers
    if wanted <= 0:
        wanted = os.cpu_count() or 1
    if documents < settings.parallel_min_documents:
        return 1
    return max(1, min(wanted, documents))


def analyse_store(
    store: Store,
    settings: Settings | None = None,
    everything: bool = False,
    on_document: Callable[[DocumentAnalysis], None] | None = None,
    workers: int | None = None,
) -> AnalyseReport:
    """Analyse the stored documents not analysed yet (or all of them) and store the results.

    `workers` processes analyse (None: the `workers` setting; 0: one per core); runs smaller
    than `parallel_min_documents` stay in the calling process.
    """
    settings = settings or Settings.load()
    started = time.perf_counter()
    count = worker_count(workers, settings, store.count_documents_to_analyse(everything))
    run = _Run(store, settings, everything, on_document)
    executor = make_executor(count, settings)
    try:
        run.drive(executor)
    except BaseException:  # an error, or Ctrl-C: the batches in flight are of no use now
        executor.close(abort=True)
        raise
    executor.close()
    run.report.workers = count
    run.report.seconds = time.perf_counter() - started
    run.report.stages = run.times.as_dict()
    return run.report


class _Run:
    """The state of one analysis run in the main process."""

    def __init__(
        self,
        store: Store,
        settings: Settings,
        everything: bool,
        on_document: Callable[[DocumentAnalysis], None] | None,
    ) -> None:
        self.store, self.settings, self.on_document = store, settings, on_document
        self.report = AnalyseReport()
        self.times = StageTimes()
        self.book = PersonBook(store.persons())
        self.documents = store.iter_documents_to_analyse(everything, settings.analysis_batch_size)
        self.exhausted = False
        self.rounds: dict[int, _Round] = {}
        self.next_round = 0
        self.queue: list[tuple[int, tuple[Document, ...]]] = []
        self.tasks: dict[int, int] = {}  # task number -> round number, while in flight
        self.sent = 0

    def drive(self, executor: Executor) -> None:
        """Read, dispatch, collect, write and learn until every document is analysed."""
        while True:
            self._open_rounds()
            self._dispatch(executor)
            if not any(h.busy for h in executor.handles):
                if self.exhausted and not self.queue:
                    return
                continue
            for _, done in executor.wait():
                self._collect(done)
            self._dispatch(executor)  # idle workers take queued batches before the main
            self._finish_in_order()  # process learns and writes, not after

    def _open_rounds(self) -> None:
        """Read the next rounds while fewer than ROUNDS_IN_FLIGHT wait to be learned."""
        while not self.exhausted and self.next_round < self.book.version + ROUNDS_IN_FLIGHT:
            documents = self._read(self.settings.analysis_batch_size)
            if not documents:
                self.exhausted = True
                return
            number = self.next_round
            batches = chunks(documents, self.settings.worker_batch_size)
            version = max(0, number - ROUNDS_IN_FLIGHT + 1)
            self.rounds[number] = _Round(number, documents, version, len(batches))
            self.queue.extend((number, batch) for batch in batches)
            self.next_round += 1

    def _read(self, size: int) -> list[Document]:
        """Up to `size` documents from the store."""
        started = time.perf_counter()
        documents = list(_take(self.documents, size))
        self.times.read += time.perf_counter() - started
        return documents

    def _dispatch(self, executor: Executor) -> None:
        """Give queued batches to idle handles, with the persons their round needs."""
        for handle in executor.handles:
            if handle.busy or not self.queue:
                continue
            number, batch = self.queue.pop(0)
            version = self.rounds[number].version
            task = Task(self.sent, batch, self.book.update(handle.version, version))
            self.tasks[task.number] = number
            self.sent += 1
            handle.version = version
            executor.send(handle, task)
        if self.exhausted and not self.queue:  # the last batches are out: idle ones may go
            for handle in [h for h in executor.handles if not h.busy]:
                executor.retire(handle)
        needed = [h.version for h in executor.handles if h.version is not None]
        needed += [self.rounds[number].version for number, _ in self.queue]
        if needed:
            self.book.forget_before(min(needed))

    def _collect(self, done: Done) -> None:
        """Take a finished batch's analyses into its round."""
        round_ = self.rounds[self.tasks.pop(done.number)]
        texts = {d.doc_id: d.text for d in round_.documents}
        for analysis in done.result.analyses:
            result = replace(analysis, text=texts[analysis.doc_id])
            round_.results[result.doc_id] = result
            self.report.count(result)
            if self.on_document:
                self.on_document(result)
        self.times.add(done.result.times)
        self.report.peak_rss_mb = max(self.report.peak_rss_mb, done.peak_rss_mb)
        round_.batches_left -= 1

    def _finish_in_order(self) -> None:
        """Learn, link and write the complete rounds, oldest first: each learning makes a
        new persons version, and a round's actors are linked to what it taught."""
        while (round_ := self.rounds.get(self.book.version)) is not None and (
            round_.batches_left == 0
        ):
            results = [round_.results[d.doc_id] for d in round_.documents]
            linked = self._learn(round_, results)
            self._write(linked)
            del self.rounds[round_.number]

    def _learn(self, round_: _Round, results: list[DocumentAnalysis]) -> list[DocumentAnalysis]:
        """Learn a round's persons (the next persons version); its analyses, linked."""
        started = time.perf_counter()
        learned = self.store.learn_persons_many(
            (result.mentions, d.published.value if d.published else None)
            for result, d in zip(results, round_.documents, strict=True)
        )
        changed = sorted({i for result in learned for i in (*result.created, *result.updated)})
        self.book.learn(self.store.persons_with_ids(changed))
        linked = self.store.link_actors(results)
        self.times.learn += time.perf_counter() - started
        return linked

    def _write(self, results: list[DocumentAnalysis]) -> None:
        """Store a round's analyses in one transaction."""
        started = time.perf_counter()
        self.store.write_analysis(results)
        self.times.write += time.perf_counter() - started


def _take(documents: Iterator[Document], size: int) -> Iterator[Document]:
    """At most `size` items of an iterator."""
    for _ in range(size):
        item = next(documents, None)
        if item is None:
            return
        yield item
