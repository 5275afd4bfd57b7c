"""Write stored records as JSON Lines, CSV, Parquet or GDELT rows, streamed."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from itertools import islice
from pathlib import Path
from typing import IO, Any

from eventwire.export.gdelt import COLUMNS as GDELT_COLUMNS
from eventwire.export.gdelt import gdelt_row
from eventwire.store import Store

EXPORT_FORMATS = ("jsonl", "csv", "parquet", "gdelt")
EXPORTS: dict[str, Callable[[Store], Iterator[dict[str, Any]]]] = {
    "documents": Store.iter_document_records,
    "events": Store.iter_event_records,
    "fused": Store.iter_fused_records,
    "quotes": Store.iter_quote_records,
}
# Nested objects of the records and their keys, spread into columns for CSV and Parquet.
NESTED = {
    "source": ("text", "country", "sector", "name", "actor_id"),
    "target": ("text", "country", "sector", "name", "actor_id"),
    "speaker": ("text", "name", "country", "sector", "actor_id"),
    "evidence": ("text", "start", "end"),
}
PARQUET_BATCH = 5000


def export_records(store: Store, what: str, fmt: str, output: Path | None) -> int:
    """Write every record of one kind in one format; return how many were written."""
    if fmt == "gdelt" and what not in ("events", "fused"):
        raise ValueError("[E601] the GDELT format holds events only: use --what events or fused")
    records = EXPORTS[what](store)
    if fmt == "gdelt" and what == "events":
        records = with_fused_counts(records, store.iter_fused_counts())
    if fmt == "parquet":
        if output is None:
            raise ValueError("[E602] Parquet needs a file: give --output FILE")
        return _write_parquet((flat_record(r) for r in records), output)
    with _opened(output) as out:
        if fmt == "jsonl":
            return _write_jsonl(records, out)
        if fmt == "gdelt":
            return _write_gdelt(records, out)
        return _write_csv((flat_record(r) for r in records), out)


def flat_record(record: dict[str, Any]) -> dict[str, Any]:
    """A record with its nested objects spread into columns and free-form maps as JSON."""
    flat: dict[str, Any] = {}
    for key, value in record.items():
        if key in NESTED and (value is None or isinstance(value, dict)):
            inner = value or {}
            flat.update({f"{key}_{k}": inner.get(k) for k in NESTED[key]})
        elif isinstance(value, dict | list):
            flat[key] = json.dumps(value, ensure_ascii=False)
        else:
            flat[key] = value
    return flat


def with_fused_counts(
    records: Iterator[dict[str, Any]], counts: Iterator[tuple[str, int, int, int, int]]
) -> Iterator[dict[str, Any]]:
    """Events with the counts of the fused event they belong to; both streams by doc and event."""
    pending = next(counts, None)
    for record in records:
        key = (record["doc_id"], record["event"])
        while pending is not None and pending[:2] < key:
            pending = next(counts, None)
        if pending is not None and pending[:2] == key:
            mentions, sources, articles = pending[2:]
            record = {**record, "num_mentions": mentions, "num_sources": sources,
                      "num_articles": articles}  # fmt: skip
        yield record


@contextmanager
def _opened(output: Path | None) -> Iterator[IO[str]]:
    """The output file, or standard output."""
    if output is None:
        yield sys.stdout
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("w", encoding="utf-8", newline="") as handle:
        yield handle


def _write_jsonl(records: Iterable[dict[str, Any]], out: IO[str]) -> int:
    """One JSON object per line."""
    count = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
        count += 1
    return count


def _write_csv(records: Iterable[dict[str, Any]], out: IO[str]) -> int:
    """A header row, then one row per record."""
    writer: csv.DictWriter | None = None
    count = 0
    for record in records:
        if writer is None:
            writer = csv.DictWriter(out, fieldnames=list(record))
            writer.writeheader()
        writer.writerow(record)
        count += 1
    return count


def _write_gdelt(records: Iterable[dict[str, Any]], out: IO[str]) -> int:
    """Tab-separated GDELT 2.0 event rows, without a header, as GDELT ships them."""
    count = 0
    for record in records:
        out.write("\t".join(gdelt_row(record)) + "\n")
        count += 1
    return count


def _write_parquet(records: Iterator[dict[str, Any]], output: Path) -> int:
    """Parquet written in row groups, so memory stays bounded."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    output.parent.mkdir(parents=True, exist_ok=True)
    writer: pq.ParquetWriter | None = None
    count = 0
    try:
        while batch := list(islice(records, PARQUET_BATCH)):
            table = pa.Table.from_pylist(batch, schema=writer.schema if writer else None)
            if writer is None:
                writer = pq.ParquetWriter(output, table.schema)
            writer.write_table(table)
            count += len(batch)
    finally:
        if writer is not None:
            writer.close()
    return count


__all__ = ["EXPORTS", "EXPORT_FORMATS", "GDELT_COLUMNS", "export_records", "flat_record"]
