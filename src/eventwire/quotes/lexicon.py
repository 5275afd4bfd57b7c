"""Word lists of the quotes stage, read from `eventwire/data/quotes/` and validated on load."""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from eventwire.errors import EventwireError

LOGGER = logging.getLogger(__name__)

FLAGS = frozenset({"complement"})
_WORD = re.compile(r"^[a-z][a-z-]*$")


class QuoteLexiconError(EventwireError):
    """A quotes word list that cannot be read: `[E701]` with the file and line."""


@dataclass(frozen=True)
class ReportingVerbs:
    """Lemmas of verbs that tie a quotation to a speaker.

    Verbs in `complement_only` speak for their subject only when the quotation sits in
    their complement ("called the move 'unjustified'"), not in an adverbial.
    """

    lemmas: frozenset[str]
    complement_only: frozenset[str] = frozenset()

    def __contains__(self, lemma: object) -> bool:
        """Whether the lemma is a reporting verb."""
        return lemma in self.lemmas


@dataclass(frozen=True)
class QuoteLexicon:
    """Everything the quotes stage knows as data: reporting verbs and person nouns."""

    verbs: ReportingVerbs
    person_nouns: frozenset[str]


@functools.cache
def packaged_lexicon() -> QuoteLexicon:
    """The packaged word lists; read once per process."""
    folder = resources.files("eventwire") / "data" / "quotes"
    verbs = parse_reporting_verbs(
        (folder / "reporting_verbs.txt").read_text(encoding="utf-8"), "reporting_verbs.txt"
    )
    nouns = parse_word_list(
        (folder / "person_nouns.txt").read_text(encoding="utf-8"), "person_nouns.txt"
    )
    LOGGER.debug(
        "quotes lexicon: %d reporting verbs, %d person nouns", len(verbs.lemmas), len(nouns)
    )
    return QuoteLexicon(verbs, nouns)


def load_reporting_verbs(path: Path | str) -> ReportingVerbs:
    """A user's reporting-verb file, in the format of the packaged one."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise QuoteLexiconError(f"[E701] {path}: cannot be read ({exc})") from exc
    return parse_reporting_verbs(text, str(path))


def parse_reporting_verbs(text: str, name: str) -> ReportingVerbs:
    """Reporting verbs from the text of a file: a lemma a line, optionally `complement`."""
    lemmas: set[str] = set()
    complement: set[str] = set()
    for line_number, fields in _lines(text):
        lemma, *flags = fields
        _check_word(lemma, name, line_number, lemmas)
        unknown = [flag for flag in flags if flag not in FLAGS]
        if unknown:
            raise QuoteLexiconError(
                f"[E701] {name}:{line_number}: unknown flag {unknown[0]!r} "
                f"(known: {', '.join(sorted(FLAGS))})"
            )
        lemmas.add(lemma)
        if "complement" in flags:
            complement.add(lemma)
    return ReportingVerbs(frozenset(lemmas), frozenset(complement))


def parse_word_list(text: str, name: str) -> frozenset[str]:
    """A list of lower-case words, one a line."""
    words: set[str] = set()
    for line_number, fields in _lines(text):
        if len(fields) != 1:
            raise QuoteLexiconError(f"[E701] {name}:{line_number}: one word a line expected")
        _check_word(fields[0], name, line_number, words)
        words.add(fields[0])
    return frozenset(words)


def _lines(text: str) -> Iterator[tuple[int, list[str]]]:
    """The fields of each line that holds any, with its line number; comments dropped."""
    for line_number, line in enumerate(text.splitlines(), start=1):
        fields = line.split("#", 1)[0].split()
        if fields:
            yield line_number, fields


def _check_word(word: str, name: str, line_number: int, seen: set[str]) -> None:
    """Raise when a word is not a lower-case word or comes twice."""
    if not _WORD.match(word):
        raise QuoteLexiconError(f"[E701] {name}:{line_number}: {word!r} is not a lower-case word")
    if word in seen:
        raise QuoteLexiconError(f"[E701] {name}:{line_number}: {word!r} listed twice")
