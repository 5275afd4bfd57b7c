"""A run stopped at any moment and started again stores every document exactly once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest
from mixed_corpus import check_store, write_mixed_folder

from eventwire.cli.progress import graceful_interrupt
from eventwire.ingest.run import IngestCallbacks, ingest
from eventwire.settings import Settings
from eventwire.store import Store

# Runs an ingest in a child process that kills itself with SIGKILL after N documents,
# with small batches so that some are committed and one is cut off half-read.
KILLER = textwrap.dedent(
    """
    import os, signal, sys
    from eventwire.ingest.run import IngestCallbacks, ingest
    from eventwire.settings import Settings
    from eventwire.store import Store

    folder, db, stop_after = sys.argv[1], sys.argv[2], int(sys.argv[3])
    seen = []

    def on_document(doc):
        seen.append(doc.doc_id)
        if len(seen) == stop_after:
            os.kill(os.getpid(), signal.SIGKILL)

    with Store(db) as store:
        ingest([folder], store, Settings.load(write_batch_size=7),
               callbacks=IngestCallbacks(on_document=on_document))
    """
)


@pytest.fixture
def mixed_folder(tmp_path):
    """Sixty mixed files, one in ten of them bad in some way."""
    folder = tmp_path / "inputs"
    return folder, write_mixed_folder(folder, 60, bad_share=0.1, seed=3, with_large=False)


def test_killed_run_restarted_stores_every_document_once(mixed_folder, tmp_path):
    folder, manifest = mixed_folder
    db = tmp_path / "killed.duckdb"
    killed = subprocess.run([sys.executable, "-c", KILLER, str(folder), str(db), "25"], check=False)
    assert killed.returncode == -9
    with Store(db, read_only=True) as store:
        partial = store.count_documents()
    assert 0 < partial < len(manifest.documents)
    restarted = subprocess.run(
        [sys.executable, "-m", "eventwire", "ingest", str(folder), "--db", str(db), "--quiet"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert restarted.returncode == 1  # the bad files are still bad
    assert check_store(db, manifest) == []


def test_ctrl_c_stores_what_was_read_and_a_rerun_finishes(mixed_folder, tmp_path):
    folder, manifest = mixed_folder
    read: list[str] = []

    def on_document(doc):
        read.append(doc.doc_id)
        if len(read) == 20:
            raise KeyboardInterrupt

    with Store(tmp_path / "s.duckdb") as store:
        first = ingest(
            [folder],
            store,
            Settings.load(write_batch_size=7),
            callbacks=IngestCallbacks(on_document=on_document),
        )
        assert first.interrupted and first.failed
        assert store.count_documents() == 20  # the half-full batch was written too
        assert store.runs()[0]["status"] == "interrupted"
        second = ingest([folder], store)
        assert second.existing == 20
    assert check_store(tmp_path / "s.duckdb", manifest) == []


def test_first_ctrl_c_in_the_cli_stops_between_records_and_keeps_them(mixed_folder, tmp_path):
    folder, manifest = mixed_folder
    read: list[str] = []

    def on_document(doc):
        read.append(doc.doc_id)
        if len(read) == 20:
            os.kill(os.getpid(), signal.SIGINT)

    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with Store(tmp_path / "s.duckdb") as store, graceful_interrupt() as stop:
            hooks = IngestCallbacks(on_document=on_document, should_stop=stop.is_set)
            report = ingest([folder], store, Settings.load(write_batch_size=7), callbacks=hooks)
            stored = store.count_documents()
    finally:
        signal.signal(signal.SIGINT, previous)
    assert report.interrupted and stop.is_set()
    assert stored == 20
