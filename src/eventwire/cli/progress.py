"""A rich progress bar around an ingest run: files done of all, documents per second."""

from __future__ import annotations

from collections.abc import Sequence

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
from eventwire.ingest.readers import count_input_files
from eventwire.ingest.run import IngestCallbacks, IngestReport, ingest
from eventwire.records import Document, IngestError
from eventwire.settings import Settings
from eventwire.store import Store


class _FileCounter:
    """Advances the bar when the stream of records moves on to a new file."""

    def __init__(self, progress: Progress | None, task: int | None) -> None:
        self.progress, self.task = progress, task
        self.current: str | None = None
        self.documents = 0

    def seen(self, source: str) -> None:
        """Note a record from `source`."""
        if source != self.current:
            self.current = source
            if self.progress is not None and self.task is not None:
                self.progress.advance(self.task)

    def document(self, doc: Document) -> None:
        """Note one document read."""
        self.documents += 1
        self.seen(doc.source)
        if self.progress is not None and self.task is not None:
            self.progress.update(self.task, documents=self.documents)


def ingest_with_progress(
    paths: Sequence[str],
    store: Store,
    settings: Settings,
    from_filename: bool,
    quiet: bool,
) -> IngestReport:
    """Run an ingest, showing progress and one line per error on standard error."""
    if quiet:
        hooks = IngestCallbacks(on_error=lambda error: error_line(error.describe()))
        return ingest(paths, store, settings, from_filename, hooks)
    total = count_input_files(paths)
    columns = (
        SpinnerColumn(),
        TextColumn("ingesting"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("files · {task.fields[documents]} docs"),
        TimeElapsedColumn(),
        TextColumn("left"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=err_console, transient=False) as progress:
        task = progress.add_task("ingest", total=total, documents=0)
        counter = _FileCounter(progress, task)

        def on_error(error: IngestError) -> None:
            counter.seen(error.source)
            error_line(error.describe())

        hooks = IngestCallbacks(
            on_document=counter.document, on_error=on_error, on_warning=warning_line
        )
        report = ingest(paths, store, settings, from_filename, hooks)
        if total is not None:
            progress.update(task, completed=total)
    return report
