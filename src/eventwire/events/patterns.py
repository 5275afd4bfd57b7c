"""Event patterns and frames, read from `data/events/` and validated against the ontology.

`patterns.tsv` says which words (verbs, nouns, adjectives, by lemma) report which CAMEO
event and where its source and target sit in the dependency parse; `frames.tsv` lists
the light verbs ("made a call"), the verbs that pass their subject on ("began to
shell"), and how a frame verb ("agreed to", "threatened to") refines its code from the
verb it governs. Both formats are described in the README beside them.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from types import MappingProxyType

from eventwire.events.ontology import Ontology, OntologyError, load_ontology
from eventwire.tables import table_rows

LOGGER = logging.getLogger(__name__)

PATTERN_HEADER = ("id", "pos", "lemma", "when", "code", "source", "target", "mutual", "frame")
FRAME_HEADER = ("frame", "word", "code", "note")
POS_TAGS = frozenset({"V", "N", "A"})
# Where an argument may come from; a preposition's lemma names its object.
ROLES = frozenset({"subj", "obj", "dative", "poss", "host", "clause", "place"})
PREPOSITIONS = frozenset(
    {
        "with",
        "to",
        "on",
        "against",
        "for",
        "from",
        "at",
        "in",
        "into",
        "over",
        "of",
        "between",
        "among",
        "toward",
        "towards",
        "by",
        "upon",
        "onto",
        "about",
        "across",
        "inside",
        "off",
        "around",
        "near",
        "under",
        "behind",
        "through",
    }
)
CONDITIONS = frozenset(
    {
        "prt",
        "prep",
        "obj",
        "xcomp",
        "sub",
        "has",
        "gov",
        "voice",
        "pobj",
        "dep",
        "clause",
        "verdict",
    }
)
FRAMES = frozenset({"intent", "appeal", "request", "threat", "refusal", "pass", "light"})
EMPTY = "-"


class PatternError(OntologyError):
    """A pattern or frame file that cannot be used; the message starts with its code."""


@dataclass(frozen=True)
class Condition:
    """A requirement on the trigger's dependents: `prep:on`, `obj:sanction|embargo`, `!prt:off`."""

    kind: str
    values: frozenset[str]
    negated: bool = False


@dataclass(frozen=True)
class Pattern:
    """One way news reports one kind of event: a trigger lemma, conditions, code, roles."""

    id: str
    pos: str
    lemma: str
    conditions: tuple[Condition, ...]
    code: str | None
    source: tuple[str, ...]
    target: tuple[str, ...]
    target_optional: bool
    mutual: bool
    frame: str | None

    @property
    def specificity(self) -> tuple[int, int]:
        """How much a match says: conditions required first, then conditions excluded."""
        negated = sum(1 for condition in self.conditions if condition.negated)
        return len(self.conditions) - negated, negated


@dataclass(frozen=True)
class PatternBook:
    """Patterns indexed by (part of speech, lemma), with the frame tables."""

    patterns: tuple[Pattern, ...]
    index: Mapping[tuple[str, str], tuple[Pattern, ...]]
    light_verbs: frozenset[str]
    pass_words: frozenset[str]
    refinements: Mapping[str, Mapping[str, str]]

    def candidates(self, pos: str, lemma: str) -> tuple[Pattern, ...]:
        """The patterns whose trigger is this lemma with this part of speech."""
        return self.index.get((pos, lemma), ())

    def refine(self, frame: str, inner_code: str) -> str | None:
        """The code a frame verb takes when it governs an event of `inner_code`."""
        table = self.refinements.get(frame, {})
        for length in (len(inner_code), 3, 2):
            code = table.get(inner_code[:length])
            if code:
                return code
        return None


@functools.lru_cache(maxsize=1)
def load_patterns() -> PatternBook:
    """The packaged patterns and frames, read and validated once per process."""
    folder = resources.files("eventwire") / "data" / "events"
    return parse_patterns(
        (folder / "patterns.tsv").read_text(encoding="utf-8"),
        (folder / "frames.tsv").read_text(encoding="utf-8"),
        load_ontology(),
    )


def read_patterns(
    patterns: Path | str, frames: Path | str | None = None, ontology: Ontology | None = None
) -> PatternBook:
    """Patterns from a user's files of the packaged formats (frames default to the packaged)."""
    folder = resources.files("eventwire") / "data" / "events"
    frame_text = (
        Path(frames).read_text(encoding="utf-8")
        if frames
        else (folder / "frames.tsv").read_text(encoding="utf-8")
    )
    text = Path(patterns).read_text(encoding="utf-8")
    return parse_patterns(text, frame_text, ontology or load_ontology(), str(patterns))


def parse_patterns(
    text: str, frames: str, ontology: Ontology, name: str = "patterns.tsv"
) -> PatternBook:
    """Validate pattern and frame rows and build the lemma index."""
    light, passing, refinements = _frames(frames, ontology)
    patterns: list[Pattern] = []
    seen: set[str] = set()
    for where, cells in _rows(text, name, PATTERN_HEADER):
        pattern = _pattern(cells, where, ontology)
        if pattern.id in seen:
            raise PatternError("E512", f"{where}: pattern id {pattern.id!r} given twice")
        seen.add(pattern.id)
        patterns.append(pattern)
    index: dict[tuple[str, str], list[Pattern]] = {}
    for pattern in patterns:
        index.setdefault((pattern.pos, pattern.lemma), []).append(pattern)
    LOGGER.debug("read %d patterns for %d lemmas", len(patterns), len(index))
    return PatternBook(
        patterns=tuple(patterns),
        index=MappingProxyType({key: tuple(group) for key, group in index.items()}),
        light_verbs=light,
        pass_words=passing,
        refinements=MappingProxyType(refinements),
    )


def _rows(text: str, name: str, header: Sequence[str]) -> Iterator[tuple[str, list[str]]]:
    """The cells of each data row after the header, `-` read as empty (a last `note`
    column may be left out)."""
    rows = table_rows(
        text,
        name,
        header,
        lambda message: PatternError("E511", message),
        optional_last=header[-1] == "note",
    )
    for where, cells in rows:
        yield where, [("" if cell == EMPTY else cell) for cell in cells]


def _pattern(cells: list[str], where: str, ontology: Ontology) -> Pattern:
    """One validated pattern row."""
    ident, pos, lemma, when, code, source, target, mutual, frame = cells
    if not ident or not lemma:
        raise PatternError("E511", f"{where}: a pattern needs an id and a lemma")
    if pos not in POS_TAGS:
        raise PatternError("E513", f"{where}: part of speech {pos!r} is not V, N or A")
    if frame and frame not in FRAMES - {"pass", "light"}:
        raise PatternError("E516", f"{where}: unknown frame {frame!r}")
    if not code or code not in ontology:
        raise PatternError("E514", f"{where}: {code!r} is not a CAMEO code of the ontology")
    if mutual not in {"", "yes", "no"}:
        raise PatternError("E511", f"{where}: mutual is yes or no, not {mutual!r}")
    optional = target.endswith("?")
    return Pattern(
        id=ident,
        pos=pos,
        lemma=lemma.lower(),
        conditions=tuple(_condition(part, where) for part in when.split()),
        code=code,
        source=_roles(source, where, required=True),
        target=_roles(target.rstrip("?"), where, required=False),
        target_optional=optional,
        mutual=mutual == "yes",
        frame=frame or None,
    )


def _condition(text: str, where: str) -> Condition:
    """One condition such as `prep:on`, `obj:sanction|embargo` or `!prt:off`."""
    negated = text.startswith("!")
    kind, _, values = text.lstrip("!").partition(":")
    if kind not in CONDITIONS:
        raise PatternError("E515", f"{where}: unknown condition {text!r}")
    if kind not in {"xcomp", "obj", "dep"} and not values:
        raise PatternError("E515", f"{where}: condition {text!r} needs values")
    words = frozenset(value.lower() for value in values.split("|") if value)
    return Condition(kind, words, negated)


def _roles(text: str, where: str, required: bool) -> tuple[str, ...]:
    """Alternative argument places, tried in order: `obj|with`."""
    if not text:
        if required:
            raise PatternError("E517", f"{where}: a pattern needs a source role")
        return ()
    roles = tuple(text.split("|"))
    for role in roles:
        if role not in ROLES and role not in PREPOSITIONS:
            raise PatternError("E517", f"{where}: unknown argument role {role!r}")
    return roles


def _frames(
    text: str, ontology: Ontology
) -> tuple[frozenset[str], frozenset[str], dict[str, dict[str, str]]]:
    """Light verbs, subject-passing words and the code refinements of frame verbs."""
    light: set[str] = set()
    passing: set[str] = set()
    refinements: dict[str, dict[str, str]] = {}
    for where, (frame, word, code, _note) in _rows(text, "frames.tsv", FRAME_HEADER):
        if frame not in FRAMES:
            raise PatternError("E516", f"{where}: unknown frame {frame!r}")
        if frame == "light":
            light.add(word.lower())
        elif frame == "pass":
            passing.add(word.lower())
        elif word not in ontology or code not in ontology:
            raise PatternError("E514", f"{where}: {word!r} or {code!r} is not a CAMEO code")
        else:
            refinements.setdefault(frame, {})[word] = code
    return frozenset(light), frozenset(passing), refinements
