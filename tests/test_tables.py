"""The one reader of eventwire's tab-separated tables."""

from __future__ import annotations

import pytest

from eventwire.tables import table_rows


class TableError(Exception):
    """The error a test reader raises."""


def rows(text: str, **kw) -> list[tuple[str, list[str]]]:
    """The rows of a table named t.tsv with the header a, b, note."""
    return list(table_rows(text, "t.tsv", ("a", "b", "note"), TableError, **kw))


def test_comments_and_blank_lines_are_skipped_and_cells_stripped() -> None:
    text = "# about\na\tb\tnote\n\n x \ty\tz\n# more\n"
    assert rows(text) == [("t.tsv:4", ["x", "y", "z"])]


def test_a_wrong_header_or_width_raises_the_reader_s_error_with_its_line() -> None:
    with pytest.raises(TableError, match=r"t.tsv:1: the header must be"):
        rows("a\tb\n")
    with pytest.raises(TableError, match=r"t.tsv:2: 3 tab-separated cells expected"):
        rows("a\tb\tnote\nx\ty\n")


def test_an_optional_last_cell_may_be_left_out() -> None:
    assert rows("a\tb\tnote\nx\ty\n", optional_last=True) == [("t.tsv:2", ["x", "y", ""])]
