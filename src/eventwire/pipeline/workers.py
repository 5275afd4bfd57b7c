"""Where batches of documents are analysed: worker processes, or the calling process itself.

A worker process loads spaCy and the actor knowledge once, then takes batches of documents
(with the persons changed since its last batch) and sends back their analyses. It never
opens the store: only the main process talks to DuckDB. Workers are started with 'spawn',
so they share no DuckDB handle, lock or thread with the main process.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import resource
import signal
import traceback
from collections.abc import Sequence
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection, wait
from typing import Any, Protocol

from eventwire.errors import EventwireError
from eventwire.pipeline.document import BatchResult, analyse_batch
from eventwire.pipeline.persons import PersonHolder, PersonsUpdate
from eventwire.records import Document
from eventwire.settings import Settings

LOGGER = logging.getLogger(__name__)

START_METHOD = "spawn"
JOIN_SECONDS = 10.0


class AnalysisError(EventwireError):
    """A batch could not be analysed, or a worker process stopped."""


@dataclass(frozen=True)
class Task:
    """A batch of documents to analyse with the persons of a given version."""

    number: int
    documents: tuple[Document, ...]
    persons: PersonsUpdate | None


@dataclass
class Done:
    """A batch analysed: the analyses (without their texts), stage times, peak memory."""

    number: int
    result: BatchResult
    peak_rss_mb: float


@dataclass(frozen=True)
class Failed:
    """A batch whose analysis raised: the traceback as text."""

    number: int
    message: str


@dataclass
class Handle:
    """One place batches go to, and the persons version it holds."""

    name: str
    version: int | None = None
    busy: bool = False


class Executor(Protocol):
    """Runs tasks on handles and gives their outcomes back."""

    handles: list[Handle]

    def send(self, handle: Handle, task: Task) -> None:
        """Start a task on an idle handle."""

    def wait(self) -> list[tuple[Handle, Done]]:
        """At least one finished task (raising AnalysisError for a failed one)."""

    def retire(self, handle: Handle) -> None:
        """Let an idle handle go: no task will come for it again."""

    def close(self, abort: bool = False) -> None:
        """Stop and release everything (at once, dropping work in flight, with `abort`)."""


class Analyser:
    """spaCy, the knowledge and a copy of the persons: what analyses a batch, in one process."""

    def __init__(self, settings: Settings) -> None:
        from eventwire.actors.knowledge import packaged_knowledge
        from eventwire.nlp import load_pipeline

        self.settings = settings
        self.nlp = load_pipeline(settings=settings)
        self.knowledge = packaged_knowledge()
        self.holder = PersonHolder()

    def run(self, task: Task) -> Done:
        """Analyse a task's documents; the texts are left out of the analyses sent back."""
        self.holder.apply(task.persons)
        result = analyse_batch(
            task.documents,
            self.nlp,
            self.knowledge,
            self.holder.persons,
            self.settings.nlp_batch_size,
        )
        result.analyses = [replace(a, text="") for a in result.analyses]
        return Done(task.number, result, peak_rss_mb())


class InlineExecutor:
    """Analyses each task at once in the calling process (one worker, no start-up cost)."""

    def __init__(self, settings: Settings) -> None:
        self.handles = [Handle("main")]
        self._analyser = Analyser(settings)
        self._finished: list[tuple[Handle, Done]] = []

    def send(self, handle: Handle, task: Task) -> None:
        """Analyse the task now."""
        handle.busy = True
        self._finished.append((handle, self._analyser.run(task)))

    def wait(self) -> list[tuple[Handle, Done]]:
        """The tasks analysed since the last call."""
        finished, self._finished = self._finished, []
        for handle, _ in finished:
            handle.busy = False
        return finished

    def retire(self, handle: Handle) -> None:
        """Nothing to let go: the calling process goes on."""

    def close(self, abort: bool = False) -> None:
        """Nothing to release."""


@dataclass
class _Process:
    """A worker process and the main end of its pipe."""

    process: Any
    connection: Connection


class ProcessExecutor:
    """Worker processes, each with its own pipe; a batch goes to an idle one."""

    def __init__(self, count: int, settings: Settings) -> None:
        context = multiprocessing.get_context(START_METHOD)
        self.handles: list[Handle] = []
        self._processes: dict[str, _Process] = {}
        for number in range(count):
            here, there = context.Pipe()
            name = f"eventwire-worker-{number + 1}"
            process = context.Process(
                target=worker_main, args=(there, settings), name=name, daemon=True
            )
            process.start()
            there.close()
            self.handles.append(Handle(name))
            self._processes[name] = _Process(process, here)
        LOGGER.debug("started %d analysis workers", count)

    def send(self, handle: Handle, task: Task) -> None:
        """Send a task to an idle worker."""
        handle.busy = True
        try:
            self._processes[handle.name].connection.send(task)
        except OSError:
            self._raise_stopped(handle)

    def wait(self) -> list[tuple[Handle, Done]]:
        """Block until some worker answers; a failed batch or a dead worker raises."""
        by_connection = {self._processes[h.name].connection: h for h in self.handles}
        sentinels = {self._processes[h.name].process.sentinel: h for h in self.handles if h.busy}
        ready = wait([*by_connection, *sentinels])
        finished: list[tuple[Handle, Done]] = []
        for item in ready:
            if item in by_connection:
                handle = by_connection[item]  # type: ignore[index]
                message = self._receive(handle)
                handle.busy = False
                if isinstance(message, Failed):
                    raise AnalysisError(
                        f"[E402] analysing batch {message.number} failed in {handle.name}:\n"
                        f"{message.message}"
                    )
                finished.append((handle, message))
        if not finished:
            for item in ready:
                if item in sentinels:
                    self._raise_stopped(sentinels[item])  # type: ignore[index]
        return finished

    def retire(self, handle: Handle) -> None:
        """Ask an idle worker to stop now, so it exits while the others finish their batches
        and the main process writes, rather than at `close`."""
        self.handles.remove(handle)
        self._stop(self._processes[handle.name])

    def close(self, abort: bool = False) -> None:
        """Ask every worker to stop after its batch (or stop it now, with `abort`), then make
        sure it has."""
        if abort:
            for worker in self._processes.values():
                worker.process.terminate()
        else:
            for handle in self.handles:  # the retired ones were told already
                self._stop(self._processes[handle.name])
        for worker in self._processes.values():
            worker.process.join(JOIN_SECONDS)
            if worker.process.is_alive():
                worker.process.terminate()
                worker.process.join(JOIN_SECONDS)
            worker.connection.close()

    @staticmethod
    def _stop(worker: _Process) -> None:
        """Tell a worker to stop after its batch."""
        with contextlib.suppress(OSError, ValueError):  # already gone
            worker.connection.send(None)

    def _receive(self, handle: Handle) -> Done | Failed:
        """The answer of a worker whose pipe is readable."""
        try:
            return self._processes[handle.name].connection.recv()
        except (EOFError, OSError):
            self._raise_stopped(handle)
            raise  # not reached

    def _raise_stopped(self, handle: Handle) -> None:
        """Report a worker that stopped in the middle of a batch."""
        process = self._processes[handle.name].process
        process.join(1.0)
        raise AnalysisError(
            f"[E403] analysis worker {handle.name} stopped (exit code {process.exitcode}); "
            "out of memory? Try fewer --workers or a smaller analysis_batch_size."
        )


def worker_main(connection: Connection, settings: Settings) -> None:
    """A worker process: load once, then analyse tasks until told to stop (None)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the main process decides what Ctrl-C does
    analyser = Analyser(settings)
    while True:
        try:
            task = connection.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        try:
            connection.send(analyser.run(task))
        except Exception:  # noqa: BLE001 -- sent to the main process, which raises it
            connection.send(Failed(task.number, traceback.format_exc()))


def peak_rss_mb() -> float:
    """This process's peak resident memory so far, in MB (Linux reports kB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def make_executor(count: int, settings: Settings) -> Executor:
    """Worker processes for two or more; the calling process for one."""
    return ProcessExecutor(count, settings) if count > 1 else InlineExecutor(settings)


def chunks(documents: Sequence[Document], size: int) -> list[tuple[Document, ...]]:
    """The documents cut into batches of at most `size`."""
    size = max(1, size)
    return [tuple(documents[i : i + size]) for i in range(0, len(documents), size)]
