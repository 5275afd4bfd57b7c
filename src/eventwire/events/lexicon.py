"""The English word lists the event coder's rules name, read from `data/events/words.tsv`.

Each list is a small closed class of words, lemmas or actor sectors ("say", "including",
"IGO"); grammar (dependency labels, part-of-speech tags, entity labels) stays in the code.
The file must hold exactly the lists of `Words`: a malformed file, an unknown list or a
missing one raises `ContextDataError` with a code users can search for.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from functools import cache
from types import MappingProxyType

from eventwire.events.context_data import ContextDataError, check_value, parse_rows, read_rows

WORDS_FILE = "words.tsv"
WORDS_HEADER = ("word", "list", "value")
NO_VALUE = "-"


@dataclass(frozen=True)
class Words:
    """The word lists, one field a list of `words.tsv` (see its header for what each is for)."""

    listing: frozenset[str]
    say_verbs: frozenset[str]
    pronouns: frozenset[str]
    owner_preps: frozenset[str]
    thing_owner_preps: frozenset[str]
    location_preps: frozenset[str]
    reciprocal_words: frozenset[str]
    relative_words: frozenset[str]
    object_control: frozenset[str]
    circumstance: frozenset[str]
    object_gerund_preps: frozenset[str]
    judging_verbs: frozenset[str]
    participation: frozenset[str]
    stance_prefixes: frozenset[str]
    leading_places: frozenset[str]
    verb_lemma_fixes: Mapping[str, str]
    party_nouns: frozenset[str]
    counting_words: frozenset[str]
    achieving_verbs: frozenset[str]
    scant_words: frozenset[str]
    back_determiners: frozenset[str]
    own_name_sectors: frozenset[str]
    domestic_sectors: frozenset[str]
    challengers: frozenset[str]
    civilians: frozenset[str]
    condition_marks: frozenset[str]
    obligation_aux: frozenset[str]
    weapon_nouns: frozenset[str]
    place_preps: frozenset[str]
    text_nouns: frozenset[str]


LIST_NAMES = frozenset(field.name for field in fields(Words))
# Lists of word-to-value pairs; every other list is a set of words with the value "-".
MAPPING_LISTS = frozenset({"verb_lemma_fixes"})


@cache
def word_lists() -> Words:
    """The packaged word lists, read and checked once."""
    return words_from_rows(read_rows(WORDS_FILE, WORDS_HEADER), WORDS_FILE)


def parse_words(lines: Iterable[str], name: str = WORDS_FILE) -> Words:
    """Word lists from the lines of a file in the format of `words.tsv`."""
    return words_from_rows(parse_rows(lines, name, WORDS_HEADER), name)


def words_from_rows(rows: Iterable[tuple[str, ...]], name: str) -> Words:
    """The `Words` of (word, list, value) rows, each list checked for name and values."""
    found: dict[str, dict[str, str]] = {}
    for word, listed, value in rows:
        check_value(listed, LIST_NAMES, name, "list")
        if (value == NO_VALUE) == (listed in MAPPING_LISTS):
            wanted = "a value" if listed in MAPPING_LISTS else f"the value {NO_VALUE}"
            raise ContextDataError(f"[E584] {name}: {word!r} in {listed} needs {wanted}")
        entries = found.setdefault(listed, {})
        if word in entries:
            raise ContextDataError(f"[E584] {name}: {word!r} repeated in {listed}")
        entries[word] = value
    missing = sorted(LIST_NAMES - found.keys())
    if missing:
        raise ContextDataError(f"[E584] {name}: lacks the lists {', '.join(missing)}")
    return Words(
        **{
            listed: MappingProxyType(entries) if listed in MAPPING_LISTS else frozenset(entries)
            for listed, entries in found.items()
        }
    )
