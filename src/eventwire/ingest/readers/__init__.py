"""Readers: from files, folders and standard input to RawRecords and IngestErrors.

`read_inputs` is the entry point; each format has its own module along the data flow:
`files` (walking, opening, gzip), `decode` (bytes to text), `text`, `jsonl`, `table`
(CSV/TSV), `html` (trafilatura) and `warc`.
"""

from __future__ import annotations

from eventwire.ingest.readers.files import (
    count_input_files,
    read_file,
    read_inputs,
    read_stdin,
    walk,
)
from eventwire.ingest.readers.text import headline_of, looks_like_headline

__all__ = [
    "count_input_files",
    "headline_of",
    "looks_like_headline",
    "read_file",
    "read_inputs",
    "read_stdin",
    "walk",
]
