"""The CAMEO event ontology, read from `data/events/cameo.tsv` and validated on load.

Each code carries its name, its PLOVER 2021 type, mode and context, its Goldstein value
and its QuadClass. The file's format and the sources of its facts are described in the
README beside it.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from types import MappingProxyType

from eventwire.errors import EventwireError
from eventwire.tables import table_rows

LOGGER = logging.getLogger(__name__)

HEADER = (
    "code",
    "name",
    "plover_type",
    "plover_mode",
    "plover_context",
    "goldstein",
    "quad_class",
    "plover_from",
)
PLOVER_TYPES = frozenset(
    {
        "AGREE",
        "CONSULT",
        "SUPPORT",
        "COOPERATE",
        "AID",
        "CONCEDE",
        "RETREAT",
        "ACCUSE",
        "REQUEST",
        "REJECT",
        "THREATEN",
        "PROTEST",
        "MOBILIZE",
        "SANCTION",
        "COERCE",
        "ASSAULT",
    }
)
ONTOLOGY_ERROR_CODES: Mapping[str, str] = MappingProxyType(
    {
        "E501": "ontology file unreadable, or a header or row of the wrong shape",
        "E502": "malformed CAMEO code, or the same code twice",
        "E503": "unknown PLOVER type",
        "E504": "Goldstein value not a number in [-10, 10]",
        "E505": "QuadClass not 1-4, or not the one the code's root implies",
        "E506": "a code whose parent code is missing",
    }
)
_CODE = re.compile(r"\d{2}(\d{1,2})?")


class OntologyError(EventwireError, ValueError):
    """An ontology file that cannot be used; the message starts with its code."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"[{code}] {message}")
        self.code = code


@dataclass(frozen=True)
class CameoCode:
    """One CAMEO event code and what it means in PLOVER and on the conflict scales."""

    code: str
    name: str
    plover_type: str | None
    plover_mode: str | None
    plover_context: str | None
    goldstein: float
    quad_class: int
    plover_from: str | None = None

    @property
    def root(self) -> str:
        """The two-digit cue category ("19" for "193")."""
        return self.code[:2]

    @property
    def parent(self) -> str | None:
        """The code one level up ("19" for "193", "193" for "1931"), None for a root."""
        return {2: None, 3: self.code[:2], 4: self.code[:3]}[len(self.code)]


@dataclass(frozen=True)
class Ontology:
    """Every CAMEO code by its code string."""

    codes: Mapping[str, CameoCode]

    def code(self, code: str) -> CameoCode:
        """The entry for a code; KeyError with an [E502] message when it is unknown."""
        try:
            return self.codes[code]
        except KeyError:
            raise KeyError(f"[E502] unknown CAMEO code {code!r}") from None

    def __contains__(self, code: object) -> bool:
        """Whether the code is known."""
        return code in self.codes

    def __iter__(self) -> Iterator[CameoCode]:
        """The codes in file order."""
        return iter(self.codes.values())

    def __len__(self) -> int:
        """How many codes there are."""
        return len(self.codes)


def quad_class_of(code: str) -> int:
    """GDELT's QuadClass of a code's root: 01-05 verbal and 06-08 material cooperation,
    09-13 verbal and 14-20 material conflict."""
    root = int(code[:2])
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


@functools.lru_cache(maxsize=1)
def load_ontology() -> Ontology:
    """The packaged ontology, read and validated once per process."""
    item = resources.files("eventwire") / "data" / "events" / "cameo.tsv"
    return parse_ontology(item.read_text(encoding="utf-8"), "cameo.tsv")


def read_ontology(path: Path | str) -> Ontology:
    """An ontology from a file of the packaged format (for users' variants)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise OntologyError("E501", f"{path}: cannot be read ({err})") from None
    return parse_ontology(text, str(path))


def parse_ontology(text: str, name: str) -> Ontology:
    """Validate the rows of an ontology file and index them by code."""
    codes: dict[str, CameoCode] = {}
    for where, cells in _rows(text, name):
        entry = _entry(cells, where)
        if entry.code in codes:
            raise OntologyError("E502", f"{where}: code {entry.code} given twice")
        codes[entry.code] = entry
    for entry in codes.values():
        if entry.parent is not None and entry.parent not in codes:
            raise OntologyError("E506", f"{name}: {entry.code} has no parent {entry.parent}")
    LOGGER.debug("read %d CAMEO codes from %s", len(codes), name)
    return Ontology(MappingProxyType(codes))


def _rows(text: str, name: str) -> Iterator[tuple[str, list[str]]]:
    """The cells of each data row after the header; blank and # lines skipped."""
    return table_rows(text, name, HEADER, lambda message: OntologyError("E501", message))


def _entry(cells: list[str], where: str) -> CameoCode:
    """One validated row."""
    code, name, plover, mode, context, goldstein, quad, origin = cells
    if not _CODE.fullmatch(code) or not 1 <= int(code[:2]) <= 20:
        raise OntologyError("E502", f"{where}: {code!r} is not a CAMEO code")
    if not name:
        raise OntologyError("E501", f"{where}: code {code} has no name")
    if plover and plover not in PLOVER_TYPES:
        raise OntologyError("E503", f"{where}: unknown PLOVER type {plover!r}")
    value = _goldstein(goldstein, where)
    if quad not in {"1", "2", "3", "4"} or int(quad) != quad_class_of(code):
        raise OntologyError("E505", f"{where}: QuadClass of {code} is {quad_class_of(code)}")
    return CameoCode(
        code=code,
        name=name,
        plover_type=plover or None,
        plover_mode=mode or None,
        plover_context=context or None,
        goldstein=value,
        quad_class=int(quad),
        plover_from=origin or None,
    )


def _goldstein(text: str, where: str) -> float:
    """A Goldstein value, checked to lie on the scale."""
    try:
        value = float(text)
    except ValueError:
        raise OntologyError("E504", f"{where}: Goldstein value {text!r} is not a number") from None
    if not -10.0 <= value <= 10.0:
        raise OntologyError("E504", f"{where}: Goldstein value {value} is off the scale")
    return value
