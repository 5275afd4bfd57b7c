"""Finding the knowledge files and reading them into JSON records or TSV rows."""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from eventwire.actors.knowledge.errors import KnowledgeError
from eventwire.actors.knowledge.values import check_keys
from eventwire.tables import table_rows

FILE_KINDS: tuple[tuple[str, str], ...] = (
    ("countries.jsonl", "countries"),
    ("organisations.jsonl", "organisations"),
    ("organizations.jsonl", "organisations"),
    ("roles.tsv", "roles"),
    ("persons.jsonl", "persons"),
)
SECTOR_HEADER = ("code", "name", "meaning")


@dataclass(frozen=True)
class Source:
    """The text of one knowledge file, the name to show in messages and its kind."""

    name: str
    kind: str
    text: str


def kind_of(filename: str) -> str | None:
    """The kind of knowledge a file holds, told by how its name ends."""
    for suffix, kind in FILE_KINDS:
        if filename.endswith(suffix):
            return kind
    return None


def packaged_sources() -> list[Source]:
    """The knowledge files shipped with eventwire (persons.jsonl may be absent)."""
    folder = resources.files("eventwire") / "data" / "actors"
    found = []
    for filename, kind in FILE_KINDS:
        item = folder / filename
        if item.is_file():
            found.append(Source(filename, kind, item.read_text(encoding="utf-8")))
    return found


def user_sources(paths: Sequence[Path | str]) -> list[Source]:
    """User files, given one by one or as folders whose knowledge files are read in name order."""
    found = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.iterdir() if p.is_file() and kind_of(p.name))
        elif kind_of(path.name) is None:
            endings = ", ".join(suffix for suffix, _ in FILE_KINDS)
            raise KnowledgeError("E310", f"{path}: a knowledge file's name ends with {endings}")
        else:
            files = [path]
        for file in files:
            found.append(Source(str(file), kind_of(file.name) or "", _read_text(file)))
    return found


def _read_text(path: Path) -> str:
    """A user file's text, or an E301 error saying why it cannot be read."""
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise KnowledgeError("E301", f"{path}: cannot be read ({err})") from None


def read_sectors() -> dict[str, str]:
    """The sector codes and their names, from the packaged sectors.tsv."""
    item = resources.files("eventwire") / "data" / "actors" / "sectors.tsv"
    rows = tsv_rows(item.read_text(encoding="utf-8"), "sectors.tsv", SECTOR_HEADER)
    return {row[0]: row[1] for _, row in rows}


def jsonl_records(source: Source) -> Iterator[tuple[str, dict[str, Any]]]:
    """Each JSON object of a JSON Lines file with its place; blank and # lines skipped."""
    for number, line in enumerate(source.text.splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        where = f"{source.name}:{number}"
        try:
            record = json.loads(stripped)
        except json.JSONDecodeError as err:
            raise KnowledgeError("E301", f"{where}: not valid JSON ({err.msg})") from None
        if not isinstance(record, dict):
            raise KnowledgeError("E301", f"{where}: expected a JSON object")
        yield where, record


def coded_records(
    source: Source, keys: Collection[str], code_of: Callable[[dict[str, Any], str], str]
) -> Iterator[tuple[str, dict[str, Any], str]]:
    """Each record of a file of coded entries (countries, organisations) with its place and
    code, its keys checked; a code described twice in one file is an error (E309)."""
    seen: set[str] = set()
    for where, record in jsonl_records(source):
        check_keys(record, keys, where)
        code = code_of(record, where)
        if code in seen:
            raise KnowledgeError("E309", f"{where}: {code} is already described in this file")
        seen.add(code)
        yield where, record, code


def tsv_rows(text: str, name: str, header: Sequence[str]) -> Iterator[tuple[str, list[str]]]:
    """The rows of a tab-separated file after its header; blank and # lines skipped."""
    return table_rows(text, name, header, lambda message: KnowledgeError("E301", message))
