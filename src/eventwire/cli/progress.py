"""A rich progress bar around an ingest run: files done of all, documents per second."""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from eventwire.cli.output import err_console, error_line, warning_line
from eventwire.ingest.readers import count_input_files, walk
from eventwire.ingest.readers.files import format_of
from eventwire.ingest.run import IngestCallbacks, IngestReport, ingest
from eventwire.records import Document, IngestError
from eventwire.settings import Settings
from eventwire.store import Store


class _FileCounter:
    """Advances the bar by document, or when the stream of records moves on to a new file."""

    def __init__(self, progress: Progress | None, task: int | None, by_document: bool = False):
        self.progress, self.task, self.by_document = progress, task, by_document
        self.current: str | None = None
        self.documents = 0

    def seen(self, source: str) -> None:
        """Note a record from `source`."""
        if source != self.current:
            self.current = source
            if self.progress is not None and self.task is not None and not self.by_document:
                self.progress.advance(self.task)

    def document(self, doc: Document) -> None:
        """Note one document read."""
        self.documents += 1
        self.seen(doc.source)
        if self.progress is not None and self.task is not None:
            self.progress.update(self.task, documents=self.documents)
            if self.by_document:
                self.progress.advance(self.task)


@contextmanager
def graceful_interrupt() -> Iterator[threading.Event]:
    """A first Ctrl-C asks the run to stop after the record at hand; a second stops at once.

    Stopping between records keeps Ctrl-C away from DuckDB, which would otherwise
    abort the batch being written with an error of its own.
    """
    requested = threading.Event()
    installable = threading.current_thread() is threading.main_thread()
    previous = signal.getsignal(signal.SIGINT) if installable else None
    if not installable or previous is signal.SIG_IGN:
        yield requested
        return

    def on_sigint(signum: int, frame: object) -> None:
        if requested.is_set():
            raise KeyboardInterrupt
        requested.set()
        warning_line("stopping after the current record; Ctrl-C again to stop at once")

    signal.signal(signal.SIGINT, on_sigint)
    try:
        yield requested
    finally:
        signal.signal(signal.SIGINT, previous if previous is not None else signal.SIG_DFL)


def ingest_with_progress(
    paths: Sequence[str],
    store: Store,
    settings: Settings,
    from_filename: bool,
    quiet: bool,
) -> IngestReport:
    """Run an ingest, showing progress and one line per error on standard error."""
    with graceful_interrupt() as stop:
        if quiet:
            hooks = IngestCallbacks(
                on_error=lambda error: error_line(error.describe()), should_stop=stop.is_set
            )
            return ingest(paths, store, settings, from_filename, hooks)
        return _ingest_with_bar(paths, store, settings, from_filename, stop)


def _ingest_with_bar(
    paths: Sequence[str],
    store: Store,
    settings: Settings,
    from_filename: bool,
    stop: threading.Event,
) -> IngestReport:
    """Run an ingest under a rich progress bar: documents (when their number is cheap to
    tell) or files, documents per second, time left."""
    documents = estimate_documents(paths)
    total = documents if documents is not None else count_input_files(paths)
    unit = "articles" if documents is not None else "files · {task.fields[documents]} articles"
    columns = (
        SpinnerColumn(),
        TextColumn("ingesting"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn(unit + " · {task.fields[rate]} articles/s"),
        TimeElapsedColumn(),
        TextColumn("left"),
        TimeRemainingColumn(),
    )
    started = time.perf_counter()
    with Progress(*columns, console=err_console, transient=False) as progress:
        task = progress.add_task("ingest", total=total, documents=0, rate="-")
        counter = _FileCounter(progress, task, by_document=documents is not None)

        def on_document(doc: Document) -> None:
            counter.document(doc)
            seconds = time.perf_counter() - started
            progress.update(task, rate=f"{counter.documents / seconds:.0f}" if seconds else "-")

        def on_error(error: IngestError) -> None:
            counter.seen(error.source)
            error_line(error.describe())

        hooks = IngestCallbacks(
            on_document=on_document,
            on_error=on_error,
            on_warning=warning_line,
            should_stop=stop.is_set,
        )
        report = ingest(paths, store, settings, from_filename, hooks)
        progress.update(task, completed=total)
    return report


def estimate_documents(paths: Sequence[str]) -> int | None:
    """How many documents the inputs hold, when cheap to tell: one per text or HTML file, one
    per line of a JSON Lines file; None for standard input, CSV, JSON, WARC or gzip."""
    total = 0
    for given in paths:
        if given == "-":
            return None
        for found in walk(given):
            if isinstance(found, IngestError):
                continue
            reader, suffix = format_of(found)
            if reader in ("txt", "html"):
                total += 1
            elif reader == "jsonl" and not suffix.endswith(".gz"):
                total += _count_lines(found)
            else:
                return None
    return total


def _count_lines(path: str) -> int:
    """The number of non-empty lines of a file, read in 1 MB blocks (1 GB in about a second)."""
    count, last = 0, b"\n"
    try:
        with open(path, "rb") as handle:
            while block := handle.read(1 << 20):
                count += block.count(b"\n") - block.count(b"\n\n")
                last = block[-1:]
    except OSError:
        return 0
    return count + (last != b"\n")
