"""How a phrase as written matches a stored phrase: folded keys and case rules."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

# Words that match in any case inside a capitalised name ("The Hague", "Bosnia and Herzegovina").
FREE_WORDS = frozenset({"the", "of", "and", "for", "de", "la", "le", "du", "des", "da", "al", "el"})

_PUNCTUATION = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2010": "-"})


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


def case_fits(stored: Sequence[str], seen: Sequence[str]) -> bool:
    """Whether text written as `seen` may be the phrase written as `stored`."""
    return len(stored) == len(seen) and all(map(_word_fits, stored, seen))


def _word_fits(stored: str, seen: str) -> bool:
    """Acronyms match exactly; capitalised words need a capital; lower-case words match any."""
    if is_acronym(stored):
        return seen.translate(_PUNCTUATION) == stored.translate(_PUNCTUATION)
    if stored[:1].isupper() and stored.casefold() not in FREE_WORDS:
        return seen[:1].isupper()
    return True
