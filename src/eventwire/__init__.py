"""eventwire: political event data from news reports.

`eventwire.open(path)` opens a store for analysis; its methods answer with pandas
DataFrames (see `eventwire.api`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from eventwire.api import EventwireData

__version__ = "0.1.0"
__all__ = ["__version__", "open"]


def open(path: str | Path = "eventwire.duckdb", read_only: bool = True) -> EventwireData:  # noqa: A001
    """Open an eventwire store for analysis: events, fused events, stories and series."""
    from eventwire.api import open as open_store

    return open_store(path, read_only)
