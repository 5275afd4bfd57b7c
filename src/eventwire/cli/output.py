"""How the CLI shows things: rich tables and panels for people, JSON for programs."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterable, Sequence
from typing import Any

from rich.console import Console
from rich.table import Table

console = Console(soft_wrap=True)
err_console = Console(stderr=True, soft_wrap=True)


def to_json(value: Any) -> str:
    """JSON text for any record, dates as ISO strings."""
    return json.dumps(value, ensure_ascii=False, indent=2, default=_json_default)


def print_json(value: Any) -> None:
    """Print data as JSON on standard output, without rich markup."""
    sys.stdout.write(to_json(value) + "\n")


def table(title: str | None, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> Table:
    """A rich table of plain values; None shows as an empty cell."""
    out = Table(title=title, show_lines=False, header_style="bold")
    for column in columns:
        out.add_column(column, overflow="fold")
    for row in rows:
        out.add_row(*("" if v is None else str(v) for v in row))
    return out


def error_line(message: str) -> None:
    """One error line on standard error; markup in the message is shown as text."""
    err_console.print(f"[red]error[/red] {_escape(message)}", highlight=False, soft_wrap=True)


def warning_line(message: str) -> None:
    """One warning line on standard error."""
    err_console.print(
        f"[yellow]warning[/yellow] {_escape(message)}", highlight=False, soft_wrap=True
    )


def _escape(text: str) -> str:
    """Escape rich markup in text that came from input files."""
    from rich.markup import escape

    return escape(text)


def _json_default(value: Any) -> Any:
    """Serialise the values DuckDB returns that json does not know."""
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return str(value)
