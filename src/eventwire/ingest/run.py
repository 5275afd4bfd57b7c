"""An ingest run: read the inputs, build documents, write them to the store in batches.

Every batch is one transaction keyed by document id, so a run stopped at any moment
(Ctrl-C, kill -9) and started again ends with every document stored exactly once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from eventwire.ingest.build import build_document
from eventwire.ingest.readers import read_inputs
from eventwire.records import Document, IngestError
from eventwire.settings import Settings
from eventwire.store import Store

LOGGER = logging.getLogger(__name__)


@dataclass
class IngestReport:
    """The counts of one ingest run."""

    run_id: int
    added: int = 0
    existing: int = 0
    errors: int = 0
    warnings: int = 0
    interrupted: bool = False
    error_codes: dict[str, int] = field(default_factory=dict)

    @property
    def failed(self) -> bool:
        """Whether any input could not be stored."""
        return self.errors > 0 or self.interrupted


@dataclass(frozen=True)
class IngestCallbacks:
    """Hooks through which a surface shows a run as it goes; all optional."""

    on_document: Callable[[Document], None] | None = None
    on_error: Callable[[IngestError], None] | None = None
    on_warning: Callable[[str], None] | None = None
    on_batch: Callable[[IngestReport], None] | None = None
    should_stop: Callable[[], bool] | None = None


def ingest(
    paths: Sequence[str],
    store: Store,
    settings: Settings | None = None,
    from_filename: bool = False,
    callbacks: IngestCallbacks | None = None,
) -> IngestReport:
    """Ingest files, folders or `-` (standard input) into the store."""
    settings = settings or Settings.load()
    hooks = callbacks or IngestCallbacks()
    report = IngestReport(run_id=store.begin_run(paths))
    docs: list[Document] = []
    errors: list[IngestError] = []
    try:
        for item in read_inputs(paths, settings):
            if hooks.should_stop and hooks.should_stop():
                report.interrupted = True
                break
            if isinstance(item, IngestError):
                errors.append(item)
                _count_error(report, item, hooks)
            else:
                built = build_document(item, settings, from_filename)
                for warning in built.warnings:
                    _warn(report, f"{_where(built.document)}: {warning}", hooks)
                docs.append(built.document)
                if hooks.on_document:
                    hooks.on_document(built.document)
            if len(docs) >= settings.write_batch_size:
                _flush(store, report, docs, errors, hooks)
    except KeyboardInterrupt:  # callers without a should_stop hook
        report.interrupted = True
        LOGGER.warning("ingest interrupted; writing the documents read so far")
    _flush(store, report, docs, errors, hooks)
    store.finish_run(
        report.run_id, report.added, report.existing, report.errors, report.interrupted
    )
    return report


def _flush(
    store: Store,
    report: IngestReport,
    docs: list[Document],
    errors: list[IngestError],
    hooks: IngestCallbacks,
) -> None:
    """Write the pending documents and errors, then empty the lists."""
    result = store.add_documents(docs, report.run_id)
    report.added += result.added
    report.existing += result.existing
    for conflict in result.conflicts:
        errors.append(conflict)
        _count_error(report, conflict, hooks)
    store.add_errors(errors, report.run_id)
    docs.clear()
    errors.clear()
    if hooks.on_batch:
        hooks.on_batch(report)


def _count_error(report: IngestReport, error: IngestError, hooks: IngestCallbacks) -> None:
    """Count an error and pass it to the surface."""
    report.errors += 1
    report.error_codes[error.code] = report.error_codes.get(error.code, 0) + 1
    LOGGER.debug("ingest error %s", error.describe())
    if hooks.on_error:
        hooks.on_error(error)


def _warn(report: IngestReport, message: str, hooks: IngestCallbacks) -> None:
    """Count a warning and pass it to the surface."""
    report.warnings += 1
    LOGGER.debug("ingest warning %s", message)
    if hooks.on_warning:
        hooks.on_warning(message)


def _where(doc: Document) -> str:
    """Where a document came from, for messages."""
    return f"{doc.source}:{doc.location}" if doc.location else doc.source
