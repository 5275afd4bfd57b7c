"""Actor knowledge: countries, organisations, role words and persons, read from data files.

The packaged files live in `eventwire/data/actors/` (their formats are described in the
README there); users add files of the same formats. Every file is validated on load. When
two entries read one phrase as two different actors, both readings are kept and the
disagreement is listed in `Knowledge.conflicts`: nothing is overwritten silently.
"""

from __future__ import annotations

import calendar
import functools
import json
import logging
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal, cast

import pycountry

from eventwire.errors import EventwireError

LOGGER = logging.getLogger(__name__)

KNOWLEDGE_ERROR_CODES: Mapping[str, str] = MappingProxyType(
    {
        "E301": "knowledge file unreadable, or a line that is not valid JSON or TSV",
        "E302": "unknown key in a knowledge entry",
        "E303": "missing, empty or mistyped value",
        "E304": "bad country code",
        "E305": "bad organisation code",
        "E306": "unknown sector",
        "E307": "unknown kind of role word",
        "E308": "bad date in a person's role",
        "E309": "the same entry twice in one file",
        "E310": "file name does not say which kind of knowledge it holds",
        "W301": "one phrase read as two different actors (reported; both readings kept)",
        "W302": "a later file changes a value given earlier (reported; the later value kept)",
    }
)

# Codes accepted for countries although pycountry does not know them.
# XKX: Kosovo, the user-assigned code used by the European Union and the IMF.
NON_ISO_CODES = frozenset({"XKX"})

FILE_KINDS: tuple[tuple[str, str], ...] = (
    ("countries.jsonl", "countries"),
    ("organisations.jsonl", "organisations"),
    ("organizations.jsonl", "organisations"),
    ("roles.tsv", "roles"),
    ("persons.jsonl", "persons"),
)
KIND_ORDER = ("countries", "organisations", "roles", "persons")
ROLE_HEADER = ("phrase", "sector", "role", "kind")
SECTOR_HEADER = ("code", "name", "meaning")
ROLE_KINDS = frozenset({"title", "group", "honorific"})
COUNTRY_KEYS = frozenset(
    {
        "code",
        "cameo",
        "other_codes",
        "names",
        "adjectives",
        "demonyms",
        "capitals",
        "metonyms",
        "note",
    }
)
ORGANISATION_KEYS = frozenset({"code", "name", "sector", "aliases", "parts", "note"})
PERSON_KEYS = frozenset({"name", "aliases", "roles", "note"})
PERSON_ROLE_KEYS = frozenset({"role", "country", "sector", "from", "to", "note"})

# Words that match in any case inside a capitalised name ("The Hague", "Bosnia and Herzegovina").
FREE_WORDS = frozenset({"the", "of", "and", "for", "de", "la", "le", "du", "des", "da", "al", "el"})

_COUNTRY_CODE = re.compile(r"[A-Z]{3}")
_ORGANISATION_CODE = re.compile(r"[A-Z0-9]{3}")
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_PUNCTUATION = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2010": "-"})

EntryKind = Literal[
    "country",
    "adjective",
    "demonym",
    "capital",
    "metonym",
    "organisation",
    "title",
    "group",
    "honorific",
]
RoleKind = Literal["title", "group", "honorific"]


class KnowledgeError(EventwireError, ValueError):
    """A knowledge file that cannot be used; the message starts with its code."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"[{code}] {message}")
        self.code = code


@dataclass(frozen=True)
class Entry:
    """One reading of a phrase: which kind of word, whose code, which sector."""

    phrase: str
    kind: EntryKind
    code: str | None = None
    sector: str | None = None
    role: str | None = None
    subsector: str | None = None
    source: str = ""


@dataclass(frozen=True)
class Country:
    """A country or territory with the words news uses for it and for its institutions."""

    code: str
    names: tuple[str, ...]
    adjectives: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()
    metonyms: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    cameo: str | None = None
    other_codes: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        """The name to show: the first name listed."""
        return self.names[0] if self.names else self.code

    @property
    def codes(self) -> tuple[str, ...]:
        """Every code that stands for this country: ISO first, then CAMEO and others."""
        extra = (self.cameo,) if self.cameo else ()
        return (self.code, *extra, *self.other_codes)


@dataclass(frozen=True)
class Organisation:
    """An international organisation or NGO acting in its own name."""

    code: str
    name: str
    sector: str
    aliases: tuple[str, ...] = ()
    parts: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class RoleWord:
    """A title or group noun and the sector it implies ("troops" -> MIL)."""

    phrase: str
    sector: str | None
    role: str
    kind: RoleKind
    source: str = ""


@dataclass(frozen=True)
class PersonRole:
    """An office a person held, from `start` to `end` (ISO at year, month or day precision)."""

    role: str
    country: str
    sector: str
    start: str | None = None
    end: str | None = None

    def held_on(self, day: date) -> bool:
        """Whether the role was held on `day` (a bound at year or month precision is inclusive)."""
        first = _date_bound(self.start, last=False) if self.start else date.min
        final = _date_bound(self.end, last=True) if self.end else date.max
        return first <= day <= final


@dataclass(frozen=True)
class Person:
    """A person with the names news uses and the dated roles they held."""

    name: str
    aliases: tuple[str, ...] = ()
    roles: tuple[PersonRole, ...] = ()
    sources: tuple[str, ...] = ()

    def roles_on(self, day: date | str) -> tuple[PersonRole, ...]:
        """The roles held on a day (a `date` or an ISO day)."""
        when = date.fromisoformat(day) if isinstance(day, str) else day
        held: dict[tuple[str, str, str], PersonRole] = {}
        for role in self.roles:
            # two files may state one office with different bounds: report it once
            if role.held_on(when):
                held.setdefault((role.role, role.country, role.sector), role)
        return tuple(held.values())


@dataclass(frozen=True)
class Conflict:
    """A disagreement between entries, reported rather than resolved silently."""

    code: str
    phrase: str
    readings: tuple[str, ...]
    entries: tuple[Entry, ...] = ()

    def __str__(self) -> str:
        """The message, with its code first."""
        return f"[{self.code}] {self.phrase!r}: " + " vs ".join(self.readings)


@dataclass(frozen=True)
class Knowledge:
    """Everything known about actors, with lookup tables built once at load."""

    countries: Mapping[str, Country]
    organisations: Mapping[str, Organisation]
    roles: tuple[RoleWord, ...]
    persons: tuple[Person, ...]
    sectors: Mapping[str, str]
    conflicts: tuple[Conflict, ...]
    max_words: int
    index: Mapping[str, tuple[Entry, ...]] = field(repr=False)
    person_index: Mapping[str, tuple[tuple[str, Person], ...]] = field(repr=False)
    code_aliases: Mapping[str, str] = field(repr=False)

    def lookup(self, phrase: str) -> list[Entry]:
        """The readings of a phrase; a leading "the" is optional; case rules in the README."""
        words = phrase.split()
        found = _matching(self.index, words)
        if not found and len(words) > 1 and words[0].casefold() == "the":
            found = _matching(self.index, words[1:])
        return found

    def persons_named(self, name: str) -> list[Person]:
        """The persons one of whose names is `name` (same case rules as `lookup`)."""
        words = name.split()
        bucket = self.person_index.get(fold(" ".join(words)), ())
        return [person for stored, person in bucket if _case_fits(stored.split(), words)]

    def country(self, code: str) -> Country | None:
        """The country for an ISO, CAMEO or other recorded code ("JAP" -> Japan)."""
        iso = self.code_aliases.get(code)
        return self.countries.get(iso) if iso else None

    def phrases(self) -> Iterator[str]:
        """Every phrase as written in the knowledge files, once each."""
        seen: set[str] = set()
        for bucket in self.index.values():
            for entry in bucket:
                if entry.phrase not in seen:
                    seen.add(entry.phrase)
                    yield entry.phrase


@functools.lru_cache(maxsize=1)
def packaged_knowledge() -> Knowledge:
    """The packaged knowledge alone, loaded once per process."""
    return load_knowledge()


def load_knowledge(extra: Sequence[Path | str] = ()) -> Knowledge:
    """Read the packaged files, then each user file or folder of files in `extra`."""
    sectors = _read_sectors()
    sources = _packaged_sources() + _user_sources(extra)
    drafts = _Drafts()
    for kind in KIND_ORDER:
        for source in (s for s in sources if s.kind == kind):
            _READERS[kind](drafts, source, sectors)
    _check_organisations(drafts)
    return _assemble(drafts, sectors)


def fold(text: str) -> str:
    """The lookup key of a phrase: case, accents, curly quotes and spacing folded away."""
    text = unicodedata.normalize("NFKD", text.translate(_PUNCTUATION))
    text = "".join(char for char in text if not unicodedata.combining(char))
    return " ".join(text.casefold().split())


def is_acronym(word: str) -> bool:
    """Whether a word is written in capitals ("US", "U.N.", "MPs"): it then matches only so."""
    letters = [char for char in word if char.isalpha()]
    if len(letters) >= 3 and letters[-1] == "s" and all(c.isupper() for c in letters[:-1]):
        letters = letters[:-1]
    return len(letters) >= 2 and all(char.isupper() for char in letters)


# ---------------------------------------------------------------- matching


def _matching(index: Mapping[str, tuple[Entry, ...]], words: Sequence[str]) -> list[Entry]:
    """The entries stored under the folded words whose case fits the words as written."""
    bucket = index.get(fold(" ".join(words)), ())
    return [entry for entry in bucket if _case_fits(entry.phrase.split(), words)]


def _case_fits(stored: Sequence[str], seen: Sequence[str]) -> bool:
    """Whether text written as `seen` may be the phrase written as `stored`."""
    return len(stored) == len(seen) and all(map(_word_fits, stored, seen))


def _word_fits(stored: str, seen: str) -> bool:
    """Acronyms match exactly; capitalised words need a capital; lower-case words match any."""
    if is_acronym(stored):
        return seen.translate(_PUNCTUATION) == stored.translate(_PUNCTUATION)
    if stored[:1].isupper() and stored.casefold() not in FREE_WORDS:
        return seen[:1].isupper()
    return True


# ---------------------------------------------------------------- reading files


@dataclass(frozen=True)
class _Source:
    """The text of one knowledge file, the name to show in messages and its kind."""

    name: str
    kind: str
    text: str


def _kind_of(filename: str) -> str | None:
    """The kind of knowledge a file holds, told by how its name ends."""
    for suffix, kind in FILE_KINDS:
        if filename.endswith(suffix):
            return kind
    return None


def _packaged_sources() -> list[_Source]:
    """The knowledge files shipped with eventwire (persons.jsonl may be absent)."""
    folder = resources.files("eventwire") / "data" / "actors"
    found = []
    for filename, kind in FILE_KINDS:
        item = folder / filename
        if item.is_file():
            found.append(_Source(filename, kind, item.read_text(encoding="utf-8")))
    return found


def _user_sources(paths: Sequence[Path | str]) -> list[_Source]:
    """User files, given one by one or as folders whose knowledge files are read in name order."""
    found = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.iterdir() if p.is_file() and _kind_of(p.name))
        elif _kind_of(path.name) is None:
            endings = ", ".join(suffix for suffix, _ in FILE_KINDS)
            raise KnowledgeError("E310", f"{path}: a knowledge file's name ends with {endings}")
        else:
            files = [path]
        for file in files:
            found.append(_Source(str(file), _kind_of(file.name) or "", _read_text(file)))
    return found


def _read_text(path: Path) -> str:
    """A user file's text, or an E301 error saying why it cannot be read."""
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise KnowledgeError("E301", f"{path}: cannot be read ({err})") from None


def _read_sectors() -> dict[str, str]:
    """The sector codes and their names, from the packaged sectors.tsv."""
    item = resources.files("eventwire") / "data" / "actors" / "sectors.tsv"
    rows = _tsv_rows(item.read_text(encoding="utf-8"), "sectors.tsv", SECTOR_HEADER)
    return {row[0]: row[1] for _, row in rows}


def _jsonl_records(source: _Source) -> Iterator[tuple[str, dict[str, Any]]]:
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


def _tsv_rows(text: str, name: str, header: Sequence[str]) -> Iterator[tuple[str, list[str]]]:
    """The rows of a tab-separated file after its header; blank and # lines skipped."""
    seen_header = False
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        where = f"{name}:{number}"
        cells = [cell.strip() for cell in line.split("\t")]
        if not seen_header:
            if tuple(cells) != tuple(header):
                raise KnowledgeError("E301", f"{where}: the header must be {'<TAB>'.join(header)}")
            seen_header = True
        elif len(cells) != len(header):
            raise KnowledgeError("E301", f"{where}: {len(header)} tab-separated cells expected")
        else:
            yield where, cells


# ---------------------------------------------------------------- validating values


def _check_keys(record: Mapping[str, Any], known: frozenset[str], where: str) -> None:
    """Raise E302 for any key the format does not define."""
    unknown = sorted(set(record) - known)
    if unknown:
        raise KnowledgeError(
            "E302", f"{where}: unknown key {', '.join(unknown)} (known: {', '.join(sorted(known))})"
        )


def _text(record: Mapping[str, Any], key: str, where: str, required: bool = True) -> str | None:
    """A non-empty string value, with inner spacing normalised."""
    value = record.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip():
        raise KnowledgeError("E303", f"{where}: {key!r} must be a non-empty string")
    return " ".join(value.split())


def _texts(record: Mapping[str, Any], key: str, where: str) -> list[str]:
    """A list of non-empty strings (empty when the key is absent)."""
    value = record.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise KnowledgeError("E303", f"{where}: {key!r} must be a list of non-empty strings")
    return [_phrase(item) for item in value]


def _phrase(text: str) -> str:
    """A phrase as stored: spacing normalised, an optional lower-case leading "the " dropped."""
    words = text.split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def _sector(value: Any, sectors: Mapping[str, str], where: str) -> str:
    """A known sector code, or E306."""
    if value not in sectors:
        raise KnowledgeError("E306", f"{where}: unknown sector {value!r} (see sectors.tsv)")
    return str(value)


def _sector_map(
    record: Mapping[str, Any], key: str, sectors: Mapping[str, str], where: str
) -> dict[str, str]:
    """An object of phrase -> sector code."""
    value = record.get(key, {})
    if not isinstance(value, dict) or not all(isinstance(k, str) and k.strip() for k in value):
        raise KnowledgeError("E303", f"{where}: {key!r} must map phrases to sector codes")
    return {_phrase(k): _sector(v, sectors, f"{where} {key}[{k!r}]") for k, v in value.items()}


def _is_country_code(code: str) -> bool:
    """Whether a code is an ISO 3166 alpha-3 code known to pycountry, or one we accept."""
    if code in NON_ISO_CODES:
        return True
    return bool(_COUNTRY_CODE.fullmatch(code)) and pycountry.countries.get(alpha_3=code) is not None


def _country_code(record: Mapping[str, Any], where: str) -> str:
    """The `code` of a country entry, or E304."""
    code = _text(record, "code", where) or ""
    if not _is_country_code(code):
        raise KnowledgeError(
            "E304",
            f"{where}: {code!r} is not an ISO 3166 alpha-3 code known to pycountry "
            f"(nor one of {', '.join(sorted(NON_ISO_CODES))})",
        )
    return code


def _other_codes(record: Mapping[str, Any], where: str) -> tuple[str | None, list[str]]:
    """The `cameo` code and `other_codes` of a country entry: three capital letters each."""
    cameo = _text(record, "cameo", where, required=False)
    others = _texts(record, "other_codes", where)
    for code in ([cameo] if cameo else []) + others:
        if not _COUNTRY_CODE.fullmatch(code):
            raise KnowledgeError("E304", f"{where}: {code!r} is not three capital letters")
    return cameo, others


def _date_bound(value: str, last: bool) -> date:
    """The first (or last) day an ISO date at year, month or day precision covers."""
    match = _DATE.fullmatch(value)
    if not match:
        raise ValueError(f"not an ISO date: {value!r}")
    year = int(match[1])
    if match[2] is None:
        return date(year, 12, 31) if last else date(year, 1, 1)
    month = int(match[2])
    if match[3] is None:
        return date(year, month, calendar.monthrange(year, month)[1] if last else 1)
    return date(year, month, int(match[3]))


# ---------------------------------------------------------------- merging files


@dataclass
class _CountryDraft:
    """A country as the files so far describe it; phrases keyed by their folded form."""

    code: str
    names: dict[str, tuple[str, str]] = field(default_factory=dict)
    adjectives: dict[str, tuple[str, str]] = field(default_factory=dict)
    demonyms: dict[str, tuple[str, str]] = field(default_factory=dict)
    capitals: dict[str, tuple[str, str]] = field(default_factory=dict)
    metonyms: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    cameo: tuple[str, str] | None = None
    other_codes: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)


@dataclass
class _OrganisationDraft:
    """An organisation as the files so far describe it."""

    code: str
    name: tuple[str, str] | None = None
    sector: tuple[str, str] | None = None
    aliases: dict[str, tuple[str, str]] = field(default_factory=dict)
    parts: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)


@dataclass
class _PersonDraft:
    """A person as the files so far describe them."""

    name: str
    aliases: dict[str, str] = field(default_factory=dict)
    roles: list[PersonRole] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)


@dataclass
class _Drafts:
    """Everything read so far, merged across files (local to one load)."""

    countries: dict[str, _CountryDraft] = field(default_factory=dict)
    organisations: dict[str, _OrganisationDraft] = field(default_factory=dict)
    roles: dict[tuple[str, str | None, str, str], RoleWord] = field(default_factory=dict)
    persons: dict[str, _PersonDraft] = field(default_factory=dict)
    conflicts: list[Conflict] = field(default_factory=list)


def _add_phrases(target: dict[str, tuple[str, str]], phrases: Iterable[str], source: str) -> None:
    """Add phrases not yet present (compared folded), remembering where each came from."""
    for phrase in phrases:
        target.setdefault(fold(phrase), (phrase, source))


def _read_countries(drafts: _Drafts, source: _Source, sectors: Mapping[str, str]) -> None:
    """Merge a countries file: lists are extended; a changed CAMEO code is reported (W302)."""
    seen: set[str] = set()
    for where, record in _jsonl_records(source):
        _check_keys(record, COUNTRY_KEYS, where)
        code = _country_code(record, where)
        if code in seen:
            raise KnowledgeError("E309", f"{where}: {code} is already described in this file")
        seen.add(code)
        cameo, others = _other_codes(record, where)
        draft = drafts.countries.setdefault(code, _CountryDraft(code))
        for key in ("names", "adjectives", "demonyms", "capitals"):
            _add_phrases(getattr(draft, key), _texts(record, key, where), source.name)
        for phrase, sector in _sector_map(record, "metonyms", sectors, where).items():
            _merge_part(draft.metonyms, phrase, sector, source.name, drafts.conflicts, code)
        if cameo:
            draft.cameo = _merge_value(draft.cameo, cameo, source.name, drafts.conflicts, code)
        draft.other_codes.extend(c for c in others if c not in draft.other_codes)
        draft.sources.append(source.name)


def _merge_value(
    old: tuple[str, str] | None, new: str, source: str, conflicts: list[Conflict], subject: str
) -> tuple[str, str]:
    """A single value given again: the later one is kept, a change is reported (W302)."""
    if old is not None and old[0] != new:
        readings = (f"{old[0]} ({old[1]})", f"{new} ({source})")
        conflicts.append(Conflict("W302", subject, readings))
        LOGGER.info("[W302] %s: %s replaced by %s", subject, *readings)
    return (new, source)


def _merge_part(
    target: dict[str, tuple[str, str, str]],
    phrase: str,
    sector: str,
    source: str,
    conflicts: list[Conflict],
    subject: str,
) -> None:
    """A phrase -> sector pair: a new sector for a known phrase is reported (W302)."""
    key = fold(phrase)
    old = target.get(key)
    if old is not None and old[1] != sector:
        readings = (f"{old[1]} ({old[2]})", f"{sector} ({source})")
        conflicts.append(Conflict("W302", f"{subject} {phrase}", readings))
    target[key] = (phrase, sector, source)


def _read_organisations(drafts: _Drafts, source: _Source, sectors: Mapping[str, str]) -> None:
    """Merge an organisations file: aliases and parts are added; a changed sector is reported."""
    seen: set[str] = set()
    for where, record in _jsonl_records(source):
        _check_keys(record, ORGANISATION_KEYS, where)
        code = _organisation_code(record, where)
        if code in seen:
            raise KnowledgeError("E309", f"{where}: {code} is already described in this file")
        seen.add(code)
        draft = drafts.organisations.setdefault(code, _OrganisationDraft(code))
        name = _text(record, "name", where, required=False)
        if name and draft.name is None:
            draft.name = (_phrase(name), source.name)
        elif name:
            _add_phrases(draft.aliases, [_phrase(name)], source.name)
        if "sector" in record:
            sector = _sector(record["sector"], sectors, where)
            draft.sector = _merge_value(draft.sector, sector, source.name, drafts.conflicts, code)
        _add_phrases(draft.aliases, _texts(record, "aliases", where), source.name)
        for phrase, sector in _sector_map(record, "parts", sectors, where).items():
            _merge_part(draft.parts, phrase, sector, source.name, drafts.conflicts, code)
        draft.sources.append(source.name)


def _organisation_code(record: Mapping[str, Any], where: str) -> str:
    """The `code` of an organisation: three capitals or digits, and no country's code."""
    code = _text(record, "code", where) or ""
    if not _ORGANISATION_CODE.fullmatch(code) or _is_country_code(code):
        raise KnowledgeError(
            "E305",
            f"{where}: organisation code {code!r} must be three capital letters or digits "
            "and must not be a country's code",
        )
    return code


def _check_organisations(drafts: _Drafts) -> None:
    """Every organisation, once all files are merged, has a name and a sector."""
    for draft in drafts.organisations.values():
        if draft.name is None or draft.sector is None:
            where = ", ".join(draft.sources)
            raise KnowledgeError(
                "E303", f"{where}: organisation {draft.code} needs a name and sector"
            )


def _read_roles(drafts: _Drafts, source: _Source, sectors: Mapping[str, str]) -> None:
    """Add the rows of a roles file; a row repeated within one file is an error (E309)."""
    seen: set[tuple[str, str | None, str, str]] = set()
    for where, (phrase, sector, role, kind) in _tsv_rows(source.text, source.name, ROLE_HEADER):
        word = _role_word(where, phrase, sector, role, kind, sectors, source.name)
        key = (fold(word.phrase), word.sector, word.role, word.kind)
        if key in seen:
            raise KnowledgeError("E309", f"{where}: {phrase!r} is already listed so in this file")
        seen.add(key)
        drafts.roles.setdefault(key, word)


def _role_word(
    where: str,
    phrase: str,
    sector: str,
    role: str,
    kind: str,
    sectors: Mapping[str, str],
    source: str,
) -> RoleWord:
    """One validated row of a roles file."""
    if kind not in ROLE_KINDS:
        raise KnowledgeError("E307", f"{where}: kind {kind!r} is not one of {sorted(ROLE_KINDS)}")
    if not phrase or not role:
        raise KnowledgeError("E303", f"{where}: phrase and role must not be empty")
    if kind == "honorific":
        if sector:
            raise KnowledgeError("E306", f"{where}: an honorific implies no sector; leave it empty")
        return RoleWord(_phrase(phrase), None, role, "honorific", source)
    group_or_title = cast(RoleKind, kind)
    return RoleWord(_phrase(phrase), _sector(sector, sectors, where), role, group_or_title, source)


def _read_persons(drafts: _Drafts, source: _Source, sectors: Mapping[str, str]) -> None:
    """Merge a persons file: a person named again gains aliases and roles."""
    known = _known_codes(drafts)
    seen: set[str] = set()
    for where, record in _jsonl_records(source):
        _check_keys(record, PERSON_KEYS, where)
        name = _phrase(_text(record, "name", where) or "")
        if fold(name) in seen:
            raise KnowledgeError("E309", f"{where}: {name!r} is already described in this file")
        seen.add(fold(name))
        draft = drafts.persons.setdefault(fold(name), _PersonDraft(name))
        for alias in _texts(record, "aliases", where):
            draft.aliases.setdefault(fold(alias), alias)
        for role in _person_roles(record, where, known, sectors):
            if role not in draft.roles:
                draft.roles.append(role)
        draft.sources.append(source.name)


def _known_codes(drafts: _Drafts) -> frozenset[str]:
    """Codes a person's role may name: countries (ISO, CAMEO, other, historic) and organisations."""
    codes = set(drafts.organisations) | set(drafts.countries) | NON_ISO_CODES
    for draft in drafts.countries.values():
        codes.update(draft.other_codes)
        if draft.cameo:
            codes.add(draft.cameo[0])
    codes.update(country.alpha_3 for country in pycountry.countries)
    codes.update(country.alpha_3 for country in pycountry.historic_countries)
    return frozenset(codes)


def _person_roles(
    record: Mapping[str, Any], where: str, known: frozenset[str], sectors: Mapping[str, str]
) -> list[PersonRole]:
    """The validated `roles` of a person entry."""
    value = record.get("roles", [])
    if not isinstance(value, list):
        raise KnowledgeError("E303", f"{where}: 'roles' must be a list of objects")
    return [
        _person_role(item, f"{where} roles[{n}]", known, sectors) for n, item in enumerate(value)
    ]


def _person_role(
    item: Any, where: str, known: frozenset[str], sectors: Mapping[str, str]
) -> PersonRole:
    """One validated role of a person."""
    if not isinstance(item, dict):
        raise KnowledgeError("E303", f"{where}: a role must be a JSON object")
    _check_keys(item, PERSON_ROLE_KEYS, where)
    country = _text(item, "country", where) or ""
    if country not in known:
        raise KnowledgeError("E304", f"{where}: unknown country or organisation code {country!r}")
    start = _text(item, "from", where, required=False)
    end = _text(item, "to", where, required=False)
    try:
        first = _date_bound(start, last=False) if start else date.min
        final = _date_bound(end, last=True) if end else date.max
    except ValueError as err:
        raise KnowledgeError("E308", f"{where}: {err} (use YYYY, YYYY-MM or YYYY-MM-DD)") from None
    if first > final:
        raise KnowledgeError("E308", f"{where}: 'from' {start} comes after 'to' {end}")
    role = _text(item, "role", where) or ""
    return PersonRole(role, country, _sector(item.get("sector"), sectors, where), start, end)


_READERS = MappingProxyType(
    {
        "countries": _read_countries,
        "organisations": _read_organisations,
        "roles": _read_roles,
        "persons": _read_persons,
    }
)


# ---------------------------------------------------------------- building the knowledge


def _assemble(drafts: _Drafts, sectors: Mapping[str, str]) -> Knowledge:
    """Turn merged drafts into frozen records and build the lookup tables."""
    entries = list(_organisation_entries(drafts)) + list(_role_entries(drafts))
    for draft in drafts.countries.values():
        entries.extend(_country_entries(draft))
    index = _build_index(entries)
    for draft in drafts.countries.values():
        for entry in _pycountry_entries(draft, index):
            index.setdefault(fold(entry.phrase), []).append(entry)
            draft.names.setdefault(fold(entry.phrase), (entry.phrase, "pycountry"))
    conflicts = drafts.conflicts + _phrase_conflicts(index)
    for conflict in conflicts:
        LOGGER.info("%s", conflict)
    countries = {code: _country(draft) for code, draft in sorted(drafts.countries.items())}
    return Knowledge(
        countries=MappingProxyType(countries),
        organisations=MappingProxyType(_organisations(drafts)),
        roles=tuple(drafts.roles.values()),
        persons=tuple(_person(draft) for draft in drafts.persons.values()),
        sectors=MappingProxyType(dict(sectors)),
        conflicts=tuple(conflicts),
        max_words=max((len(key.split()) for key in index), default=0),
        index=MappingProxyType({key: tuple(bucket) for key, bucket in index.items()}),
        person_index=MappingProxyType(_person_index(drafts)),
        code_aliases=MappingProxyType(_code_aliases(countries)),
    )


def _country_entries(draft: _CountryDraft) -> Iterator[Entry]:
    """The phrases of one country as lookup entries."""
    kinds: tuple[tuple[EntryKind, dict[str, tuple[str, str]], str | None], ...] = (
        ("country", draft.names, None),
        ("adjective", draft.adjectives, None),
        ("demonym", draft.demonyms, None),
        ("capital", draft.capitals, "GOV"),
    )
    for kind, phrases, sector in kinds:
        for phrase, source in phrases.values():
            yield Entry(phrase, kind, draft.code, sector, source=source)
    for phrase, sector, source in draft.metonyms.values():
        yield Entry(phrase, "metonym", draft.code, sector, source=source)


def _pycountry_entries(draft: _CountryDraft, index: Mapping[str, list[Entry]]) -> Iterator[Entry]:
    """pycountry's names for a country that no curated entry gives to another code."""
    record = pycountry.countries.get(alpha_3=draft.code)
    for attribute in ("name", "common_name", "official_name"):
        name = getattr(record, attribute, None) if record else None
        if not name:
            continue
        phrase = _phrase(name)
        claims = {entry.code for entry in index.get(fold(phrase), []) if entry.code}
        if claims - {draft.code}:
            LOGGER.debug("pycountry name %r of %s left to %s", phrase, draft.code, claims)
        elif fold(phrase) not in draft.names:
            yield Entry(phrase, "country", draft.code, None, source="pycountry")


def _organisation_entries(drafts: _Drafts) -> Iterator[Entry]:
    """The names, aliases and parts of every organisation as lookup entries."""
    for draft in drafts.organisations.values():
        sector = draft.sector[0] if draft.sector else None
        named = dict(draft.aliases)
        if draft.name:
            named.setdefault(fold(draft.name[0]), draft.name)
        for key, (phrase, source) in named.items():
            if key not in draft.parts:
                yield Entry(phrase, "organisation", draft.code, sector, source=source)
        for phrase, subsector, source in draft.parts.values():
            yield Entry(
                phrase, "organisation", draft.code, sector, subsector=subsector, source=source
            )


def _role_entries(drafts: _Drafts) -> Iterator[Entry]:
    """The role words as lookup entries (no code: the country comes from the context)."""
    for word in drafts.roles.values():
        yield Entry(word.phrase, word.kind, None, word.sector, role=word.role, source=word.source)


def _build_index(entries: Iterable[Entry]) -> dict[str, list[Entry]]:
    """Entries grouped by the folded form of their phrase."""
    index: dict[str, list[Entry]] = {}
    for entry in entries:
        index.setdefault(fold(entry.phrase), []).append(entry)
    return index


def _phrase_conflicts(index: Mapping[str, list[Entry]]) -> list[Conflict]:
    """W301 for phrases read as two codes, or as role words of two sectors."""
    conflicts = []
    for bucket in index.values():
        named = [entry for entry in bucket if entry.code is not None]
        roles = [entry for entry in bucket if entry.code is None and entry.kind != "honorific"]
        for group, attribute in ((named, "code"), (roles, "sector")):
            if len({getattr(entry, attribute) for entry in group}) > 1:
                readings = tuple(f"{getattr(e, attribute)} {e.kind} ({e.source})" for e in group)
                conflicts.append(Conflict("W301", group[0].phrase, readings, tuple(group)))
    return conflicts


def _country(draft: _CountryDraft) -> Country:
    """The frozen record of a merged country."""
    return Country(
        code=draft.code,
        names=tuple(phrase for phrase, _ in draft.names.values()),
        adjectives=tuple(phrase for phrase, _ in draft.adjectives.values()),
        demonyms=tuple(phrase for phrase, _ in draft.demonyms.values()),
        capitals=tuple(phrase for phrase, _ in draft.capitals.values()),
        metonyms=MappingProxyType({p: sector for p, sector, _ in draft.metonyms.values()}),
        cameo=draft.cameo[0] if draft.cameo else None,
        other_codes=tuple(draft.other_codes),
        sources=tuple(draft.sources),
    )


def _organisations(drafts: _Drafts) -> dict[str, Organisation]:
    """The frozen records of the merged organisations, by code."""
    return {
        code: Organisation(
            code=code,
            name=draft.name[0] if draft.name else code,
            sector=draft.sector[0] if draft.sector else "IGO",
            aliases=tuple(phrase for phrase, _ in draft.aliases.values()),
            parts=MappingProxyType({p: sector for p, sector, _ in draft.parts.values()}),
            sources=tuple(draft.sources),
        )
        for code, draft in drafts.organisations.items()
    }


def _person(draft: _PersonDraft) -> Person:
    """The frozen record of a merged person."""
    aliases = tuple(alias for key, alias in draft.aliases.items() if key != fold(draft.name))
    return Person(draft.name, aliases, tuple(draft.roles), tuple(draft.sources))


def _person_index(drafts: _Drafts) -> dict[str, tuple[tuple[str, Person], ...]]:
    """Persons by the folded form of each of their names."""
    index: dict[str, list[tuple[str, Person]]] = {}
    for draft in drafts.persons.values():
        person = _person(draft)
        for name in (person.name, *person.aliases):
            index.setdefault(fold(name), []).append((name, person))
    return {key: tuple(bucket) for key, bucket in index.items()}


def _code_aliases(countries: Mapping[str, Country]) -> dict[str, str]:
    """Every code of every country -> its ISO code."""
    aliases: dict[str, str] = {}
    for country in countries.values():
        for code in country.codes:
            aliases.setdefault(code, country.code)
    return aliases
