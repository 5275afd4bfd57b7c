"""Exports: stored records as JSON Lines, CSV, Parquet, or a GDELT 2.0 event table."""

from eventwire.export.writers import EXPORT_FORMATS, EXPORTS, export_records

__all__ = ["EXPORTS", "EXPORT_FORMATS", "export_records"]
