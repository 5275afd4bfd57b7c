"""Export stored records to JSON Lines, CSV or Parquet, streamed."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from eventwire.store import Store

EXPORT_FORMATS = ("jsonl", "csv", "parquet")
EXPORTS: dict[str, Callable[[Store], Iterator[dict[str, Any]]]] = {
    "documents": Store.iter_document_records,
}
PARQUET: dict[str, Callable[[Store, Path], int]] = {
    "documents": Store.copy_documents_to_parquet,
}


def export_records(store: Store, what: str, fmt: str, output: Path | None) -> int:
    """Write every record of one kind in one format; return how many were written."""
    if fmt == "parquet":
        assert output is not None
        return PARQUET[what](store, output)
    records = EXPORTS[what](store)
    with _opened(output) as out:
        return (_write_jsonl if fmt == "jsonl" else _write_csv)(records, out)


@contextmanager
def _opened(output: Path | None) -> Iterator[IO[str]]:
    """The output file, or standard output."""
    if output is None:
        yield sys.stdout
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("w", encoding="utf-8", newline="") as handle:
        yield handle


def _write_jsonl(records: Iterator[dict[str, Any]], out: IO[str]) -> int:
    """One JSON object per line."""
    count = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
        count += 1
    return count


def _write_csv(records: Iterator[dict[str, Any]], out: IO[str]) -> int:
    """A header row, then one row per record; nested values as JSON."""
    writer: csv.DictWriter | None = None
    count = 0
    for record in records:
        flat = {
            k: json.dumps(v, ensure_ascii=False) if isinstance(v, dict | list) else v
            for k, v in record.items()
        }
        if writer is None:
            writer = csv.DictWriter(out, fieldnames=list(flat))
            writer.writeheader()
        writer.writerow(flat)
        count += 1
    return count
