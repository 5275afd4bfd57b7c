"""Read TABARI/PETRARCH actor dictionaries: names, `+` synonyms and dated codes.

An entry is a run of name lines (the first is the entry's name; later lines without `+`
are more names for it, as PETRARCH reads them), `+` synonym lines, and code lines
(`<TAB>[RUSGOV >080508]`, or `[AFG]` after a name). The next name line after a code
line (even one that cannot be read) starts a new entry. Comments start with `#` or `;`,
or sit inside `<!-- -->`.
How codes, dates and kinds of entries are read is set out in `data/actors/TABARI.md`.
A line that cannot be read becomes an `ImportProblem` with its line number; reading
always goes on to the end of the file.
"""

from __future__ import annotations

import collections
import logging
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Literal

import pycountry

from eventwire.tables import table_rows

LOGGER = logging.getLogger(__name__)

TABARI_PROBLEM_CODES: Mapping[str, str] = MappingProxyType(
    {
        "E320": "a code that cannot be read (no closing bracket, empty, or text around it)",
        "E321": "a date that is not YYMMDD or YYYYMMDD, or no such day",
        "E322": "a date range that ends before it starts",
        "E323": "a code line before any name",
        "E324": "a synonym line before any name",
        "E325": "a name with no letters, or that looks like a note (has a colon)",
        "E326": "names at the end of the file with no code",
        "E327": "a date restriction that is not <date, >date or date-date",
        "W320": "a line that is not UTF-8 (read as Latin-1)",
    }
)

# Two-digit years: 00-30 are 2000-2030, 31-99 are 1931-1999, as KEDS, TABARI and PETRARCH
# read them; the Phoenix dictionaries write years 1900-1930 with four digits.
TWO_DIGIT_PIVOT = 30
NULL_CODE = "---"
CODE_TABLE_HEADER = ("code", "sector", "role", "meaning")

ActorKind = Literal["person", "group", "country", "null"]

_BRACKETS = re.compile(r"\[([^\[\]]*)\]")
_CODE = re.compile(r"([A-Z0-9]{3,}|-{3})(?:\s+(.*))?")
_BEFORE_AFTER = re.compile(r"([<>])\s*(\d+)")
_RANGE = re.compile(r"(\d+)\s*-\s*(\d+)")
_XML_COMMENT = re.compile(r"<!--.*?-->")
_WORD_PART = re.compile(r"[^\W\d_]+", re.UNICODE)
_VOWELS = frozenset("AEIOUY")


@dataclass(frozen=True)
class CodeTable:
    """TABARI agent codes and the eventwire sectors and role words they become."""

    sectors: Mapping[str, str]
    roles: Mapping[str, str]
    qualifiers: frozenset[str]
    countries: frozenset[str]

    def is_agent(self, chunk: str) -> bool:
        """Whether a three-letter code gives a sector (and is not a country's code)."""
        return chunk in self.sectors and chunk not in self.countries


@dataclass(frozen=True)
class TabariCode:
    """One code of an entry, with the dates it holds (ISO days; None for open ends).

    `default` marks a code written without dates: it holds whenever no dated code of its
    entry does, so its dates are the gaps between the dated codes.
    """

    code: str
    country: str | None
    sector: str | None
    role: str | None
    qualifiers: tuple[str, ...]
    line: int
    valid_from: str | None = None
    valid_to: str | None = None
    default: bool = False

    @property
    def is_null(self) -> bool:
        """Whether the code says nothing about an actor (`---`)."""
        return self.country is None and self.sector is None


@dataclass(frozen=True)
class ImportedActor:
    """One dictionary entry: its name, other names, kind and codes."""

    name: str
    aliases: tuple[str, ...]
    kind: ActorKind
    codes: tuple[TabariCode, ...]
    line: int
    source: str

    @property
    def country(self) -> str | None:
        """The country its codes name most often (ties: the code in force latest)."""
        counts = collections.Counter(c.country for c in self.codes if c.country)
        if not counts:
            return None
        best = max(counts.values())
        tied = {code for code, n in counts.items() if n == best}
        return next(c.country for c in _latest_first(self.codes) if c.country in tied)

    @property
    def sector(self) -> str | None:
        """The sector of the code in force latest."""
        return next((c.sector for c in _latest_first(self.codes) if c.sector), None)

    @property
    def current_country(self) -> str | None:
        """The country of the code in force latest (for country entries)."""
        return next((c.country for c in _latest_first(self.codes) if c.country), None)


@dataclass(frozen=True)
class ImportProblem:
    """A line that could not be read, and why; reading goes on after it."""

    line: int
    code: str
    message: str
    text: str = ""

    def describe(self) -> str:
        """One line: the line number, the code and the reason."""
        return f"line {self.line}: [{self.code}] {self.message}"


@dataclass
class _Entry:
    """An entry while its lines are being read (local to one read)."""

    line: int
    names: list[str] = field(default_factory=list)
    codes: list[TabariCode] = field(default_factory=list)
    code_lines: int = 0


def load_code_table(path: Path | str | None = None) -> CodeTable:
    """The agent-code table (packaged `tabari_codes.tsv` unless a path is given), validated."""
    if path is None:
        item = resources.files("eventwire") / "data" / "actors" / "tabari_codes.tsv"
        text, name = item.read_text(encoding="utf-8"), "tabari_codes.tsv"
    else:
        text, name = Path(path).read_text(encoding="utf-8"), str(path)
    known = _known_sectors()
    sectors: dict[str, str] = {}
    roles: dict[str, str] = {}
    qualifiers: set[str] = set()
    for where, (code, sector, role, _meaning) in _table_rows(text, name):
        if not re.fullmatch(r"[A-Z]{3}", code):
            raise ValueError(f"[E301] {where}: {code!r} is not a three-letter code")
        if not sector:
            qualifiers.add(code)
        elif sector not in known:
            raise ValueError(f"[E306] {where}: unknown sector {sector!r} (see sectors.tsv)")
        else:
            sectors[code], roles[code] = sector, role or sector
    countries = frozenset(c.alpha_3 for c in pycountry.countries)
    return CodeTable(
        MappingProxyType(sectors), MappingProxyType(roles), frozenset(qualifiers), countries
    )


def read_tabari_actors(
    path: Path | str, table: CodeTable | None = None
) -> Iterator[ImportedActor | ImportProblem]:
    """Each entry of a TABARI/PETRARCH actor dictionary, and each line that cannot be read."""
    table = table or load_code_table()
    source = Path(path).name
    entry: _Entry | None = None
    for number, text, problem in _lines(Path(path)):
        if problem is not None:
            yield problem
        stripped = text.strip()
        if "---STOP---" in stripped:
            break
        if stripped.startswith("["):
            if entry is None:
                yield ImportProblem(number, "E323", "a code before any name", stripped)
                continue
            yield from _add_codes(entry, stripped, number, table)
        elif stripped.startswith("+"):
            if entry is None:
                yield ImportProblem(number, "E324", "a synonym before any name", stripped)
                continue
            yield from _add_names(entry, stripped, number)
        else:
            if entry is not None and entry.code_lines:
                yield from _finish(entry, source)
                entry = None
            entry = entry or _Entry(number)
            name_part, _, code_part = stripped.partition("[")
            yield from _add_names(entry, name_part, number)
            if code_part:
                yield from _add_codes(entry, "[" + code_part, number, table)
    if entry is not None and entry.code_lines:
        yield from _finish(entry, source)
    elif entry is not None:
        yield ImportProblem(entry.line, "E326", "names with no code at the end of the file")


def parse_code(text: str, line: int, table: CodeTable) -> TabariCode | ImportProblem:
    """One bracketed code without its brackets (`RUSGOV >080508`) as a dated code."""
    match = _CODE.fullmatch(text.strip())
    if not match:
        return ImportProblem(line, "E320", f"cannot read the code [{text}]", text)
    raw, restriction = match.group(1), (match.group(2) or "").strip()
    if not restriction:
        return _split_code(raw, line, table, None, None, default=True)
    dates = parse_restriction(restriction, line)
    if isinstance(dates, ImportProblem):
        return dates
    return _split_code(raw, line, table, *dates)


def parse_restriction(text: str, line: int) -> tuple[str | None, str | None] | ImportProblem:
    """A date restriction (`>080508`, `<900823`, `991231-080507`) as ISO (from, to), inclusive."""
    if match := _BEFORE_AFTER.fullmatch(text):
        day = parse_date(match.group(2))
        if day is None:
            return ImportProblem(line, "E321", f"bad date {match.group(2)!r}", text)
        return (None, day.isoformat()) if match.group(1) == "<" else (day.isoformat(), None)
    if match := _RANGE.fullmatch(text):
        first, last = parse_date(match.group(1)), parse_date(match.group(2))
        if first is None or last is None:
            return ImportProblem(line, "E321", f"bad date in {text!r}", text)
        if last < first:
            return ImportProblem(line, "E322", f"{text!r} ends before it starts", text)
        return first.isoformat(), last.isoformat()
    return ImportProblem(line, "E327", f"{text!r} is not <date, >date or date-date", text)


def parse_date(digits: str) -> date | None:
    """A YYMMDD or YYYYMMDD date (two-digit years pivot at TWO_DIGIT_PIVOT), or None."""
    if len(digits) == 6:
        short = int(digits[:2])
        year = short + (2000 if short <= TWO_DIGIT_PIVOT else 1900)
        rest = digits[2:]
    elif len(digits) == 8:
        year, rest = int(digits[:4]), digits[4:]
    else:
        return None
    try:
        return date(year, int(rest[:2]), int(rest[2:]))
    except ValueError:
        return None


def display_name(raw: str, kind: ActorKind = "person") -> str:
    """A dictionary name as text writes it: `VLADIMIR_V._PUTIN_` -> `Vladimir V. Putin`.

    Names written mostly in lower case are kept as written. Outside persons, vowel-less
    words and one-word names of up to four letters stay in capitals (`KRG`, `UN`).
    """
    words = " ".join(raw.replace("_", " ").split()).split(" ")
    if not raw.isupper() and sum(c.islower() for c in raw) * 2 > sum(c.isupper() for c in raw):
        return " ".join(words)
    keep_short = kind != "person" and len(words) == 1
    return " ".join(_display_word(word, kind, keep_short) for word in words)


# ---------------------------------------------------------------- reading lines


def _lines(path: Path) -> Iterator[tuple[int, str, ImportProblem | None]]:
    """Each line's number and text without comments, with a problem if it was not UTF-8."""
    in_comment = False
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, 1):
            problem = None
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                text = raw.decode("latin-1")
                problem = ImportProblem(number, "W320", "not UTF-8; read as Latin-1")
            text, in_comment = _strip_comments(text.rstrip("\r\n"), in_comment)
            if text.strip() or problem is not None:
                yield number, text, problem


def _strip_comments(text: str, in_comment: bool) -> tuple[str, bool]:
    """The text of a line outside comments, and whether an XML comment runs on."""
    if in_comment:
        end = text.find("-->")
        if end < 0:
            return "", True
        text = text[end + 3 :]
    text = _XML_COMMENT.sub(" ", text)
    start = text.find("<!--")
    if start >= 0:
        return _cut_line_comment(text[:start]), True
    return _cut_line_comment(text), False


def _cut_line_comment(text: str) -> str:
    """The text before a `#` or legacy `;` comment."""
    for mark in ("#", ";"):
        cut = text.find(mark)
        if cut >= 0:
            text = text[:cut]
    return text


def _add_names(entry: _Entry, text: str, line: int) -> Iterator[ImportProblem]:
    """Add the names on a name or synonym line (`+A_+B_` holds two) to the entry."""
    for part in text.split("+"):
        name = " ".join(part.replace("_", " ").split())
        if not name:
            continue
        if ":" in name or not any(char.isalpha() for char in name):
            yield ImportProblem(line, "E325", f"{name!r} is not a name", name)
        else:
            entry.names.append(part.strip())


def _add_codes(entry: _Entry, text: str, line: int, table: CodeTable) -> Iterator[ImportProblem]:
    """Add the bracketed codes of a line to the entry; text outside brackets is a problem."""
    entry.code_lines += 1
    found = _BRACKETS.findall(text)
    leftover = _BRACKETS.sub(" ", text).strip()
    if leftover or not found:
        yield ImportProblem(line, "E320", f"cannot read the code in {text.strip()!r}", text)
    for inner in found:
        code = parse_code(inner, line, table)
        if isinstance(code, ImportProblem):
            yield code
        else:
            entry.codes.append(code)


def _split_code(
    raw: str,
    line: int,
    table: CodeTable,
    valid_from: str | None,
    valid_to: str | None,
    default: bool = False,
) -> TabariCode:
    """A code read three letters at a time: country or agent first, then sector and qualifiers."""
    if raw == NULL_CODE:
        return TabariCode(raw, None, None, None, (), line, valid_from, valid_to, default)
    chunks = [raw[i : i + 3] for i in range(0, len(raw), 3)]
    country: str | None = None
    agent: str | None = None
    if table.is_agent(chunks[0]):
        agent = chunks.pop(0)
    else:
        country = chunks.pop(0)
    qualifiers: list[str] = []
    for chunk in chunks:
        if agent is None and chunk in table.sectors:
            agent = chunk
        elif country is None and chunk not in table.sectors and chunk not in table.qualifiers:
            country = chunk
        else:
            qualifiers.append(chunk)
    sector = table.sectors.get(agent) if agent else None
    role = table.roles.get(agent) if agent else None
    return TabariCode(
        raw, country, sector, role, tuple(qualifiers), line, valid_from, valid_to, default
    )


# ---------------------------------------------------------------- finishing an entry


def _finish(entry: _Entry, source: str) -> Iterator[ImportedActor]:
    """The entry as an imported actor: default codes dated, kind decided, names displayed."""
    codes = _date_defaults(entry.codes)
    kind = _kind(codes)
    names = [display_name(name, kind) for name in entry.names]
    if not names:
        return
    aliases: list[str] = []
    seen = {names[0].casefold()}
    for name in names[1:]:
        if name.casefold() not in seen:
            seen.add(name.casefold())
            aliases.append(name)
    yield ImportedActor(names[0], tuple(aliases), kind, tuple(codes), entry.line, source)


def _kind(codes: Iterable[TabariCode]) -> ActorKind:
    """Person: a dated code with a sector; country: no code has a sector; else group."""
    real = [c for c in codes if not c.is_null]
    if not real:
        return "null"
    if not any(c.sector for c in real):
        return "country"
    if any(c.sector and not c.default for c in real):
        return "person"
    return "group"


def _date_defaults(codes: list[TabariCode]) -> list[TabariCode]:
    """Give each default code the gaps between the dated codes (none dated: no dates)."""
    dated = [c for c in codes if not c.default]
    defaults = [c for c in codes if c.default]
    if not dated or not defaults:
        return list(codes)
    gaps = _gaps(
        [
            (
                date.fromisoformat(c.valid_from) if c.valid_from else date.min,
                date.fromisoformat(c.valid_to) if c.valid_to else date.max,
            )
            for c in dated
        ]
    )
    filled = [
        replace(code, valid_from=_iso(first), valid_to=_iso(last))
        for code in defaults
        for first, last in gaps
    ]
    return dated + filled


def _gaps(spans: list[tuple[date, date]]) -> list[tuple[date, date]]:
    """The stretches of time no span covers (spans and gaps inclusive of their ends)."""
    gaps = []
    cursor = date.min
    for first, last in sorted(spans):
        if first > cursor:
            gaps.append((cursor, first - timedelta(days=1)))
        if last == date.max:
            return gaps
        cursor = max(cursor, last + timedelta(days=1))
    gaps.append((cursor, date.max))
    return gaps


def _iso(day: date) -> str | None:
    """An ISO day, or None for the open ends date.min and date.max."""
    return None if day in (date.min, date.max) else day.isoformat()


def _latest_first(codes: Iterable[TabariCode]) -> list[TabariCode]:
    """Codes ordered by how late they hold: open-ended first, then by end and start."""

    def key(code: TabariCode) -> tuple[str, str]:
        return (code.valid_to or "9999-99-99", code.valid_from or "")

    return sorted((c for c in codes if not c.is_null), key=key, reverse=True)


def _display_word(word: str, kind: ActorKind, keep_short: bool) -> str:
    """One word of a name in display case (see `display_name`)."""
    if kind != "person" and _stays_capital(word, keep_short):
        return word
    if word.isalpha():
        return word.capitalize()
    if "." in word.strip(".") or (word.startswith("(") and word.endswith(")")):
        return word
    separators = _WORD_PART.split(word)
    pieces = _WORD_PART.findall(word)
    out = [separators[0]]
    for index, piece in enumerate(pieces):
        elided = index > 0 and separators[index].endswith("'") and len(pieces[index - 1]) > 1
        out += [piece.lower() if elided else piece.capitalize(), separators[index + 1]]
    return "".join(out)


def _stays_capital(word: str, keep_short: bool) -> bool:
    """Whether a word of a group's or country's name is an acronym to keep in capitals."""
    letters = [char for char in word if char.isalpha()]
    return bool(letters) and ((keep_short and len(letters) <= 4) or not set(letters) & _VOWELS)


# ---------------------------------------------------------------- the code table


def _known_sectors() -> frozenset[str]:
    """The sector codes of the packaged sectors.tsv."""
    item = resources.files("eventwire") / "data" / "actors" / "sectors.tsv"
    rows = item.read_text(encoding="utf-8").splitlines()
    return frozenset(row.split("\t")[0] for row in rows[1:] if row.strip())


def _table_rows(text: str, name: str) -> Iterator[tuple[str, tuple[str, str, str, str]]]:
    """The rows of the code table after its header; blank and # lines skipped."""
    rows = table_rows(
        text, name, CODE_TABLE_HEADER, lambda message: ValueError(f"[E301] {message}")
    )
    for where, cells in rows:
        yield where, (cells[0], cells[1], cells[2], cells[3])
