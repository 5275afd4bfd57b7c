"""Tab-separated knowledge tables, as every data file of eventwire writes them.

A table is a header row, then one row a line; blank lines and lines starting with `#` are
skipped, cells are stripped. Each reader passes the error its own codes call for.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence


def table_rows(
    text: str,
    name: str,
    header: Sequence[str],
    error: Callable[[str], Exception],
    optional_last: bool = False,
) -> Iterator[tuple[str, list[str]]]:
    """Each data row as (`name:line`, cells); `error(message)` is raised for a wrong header
    or a row of another width (with `optional_last`, a missing last cell reads as empty)."""
    seen_header = False
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        where = f"{name}:{number}"
        cells = [cell.strip() for cell in line.split("\t")]
        if not seen_header:
            if tuple(cells) != tuple(header):
                raise error(f"{where}: the header must be {'<TAB>'.join(header)}")
            seen_header = True
            continue
        if optional_last and len(cells) == len(header) - 1:
            cells.append("")
        if len(cells) != len(header):
            raise error(f"{where}: {len(header)} tab-separated cells expected")
        yield where, cells
