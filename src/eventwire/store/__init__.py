"""The DuckDB store: documents, ingest errors, and the tables later stages fill."""

from eventwire.store.analysis import DocumentAnalysis
from eventwire.store.store import DEFAULT_DB, Store, WriteResult

__all__ = ["DEFAULT_DB", "DocumentAnalysis", "Store", "WriteResult"]
