"""Attacks whose doers the text does not name: "a car bomb in Baghdad killed 20 people".

When the doer of an attack is a weapon or a blast ("a roadside bomb", "an improvised
explosive device", "a minefield explosion") and the text places it in or near a named
place, event data code the unknown attackers of that place: the place's country with the
sector `UAF` (unidentified armed force), as ICEWS and the PLOVER coders do. Only material
conflict (CAMEO roots 18-20) is read this way; the words are in `data/events/words.tsv`.
"""

from __future__ import annotations

from spacy.tokens import Token

from eventwire.events import roles
from eventwire.events.arguments import MentionIndex
from eventwire.events.lexicon import word_lists
from eventwire.events.matcher import Match

Pair = tuple[int, int | None]

ATTACK_ROOTS = frozenset({"18", "19", "20"})
UNIDENTIFIED = "UAF"
INFERRED = "+unknown-attackers"


def place_of_attack(match: Match, index: MentionIndex) -> int | None:
    """The mention of the named place where a weapon with no named user struck, if any."""
    if match.code[:2] not in ATTACK_ROOTS or not match.sources:
        return None
    words = word_lists()
    weapons = [h for h in match.sources[0] if roles.lemma(h) in words.weapon_nouns]
    if not weapons or index.actors(list(match.sources[0])):
        return None
    for holder in [*weapons, match.trigger, match.anchor]:
        for place in _place_objects(holder, words.place_preps):
            found = [n for n in index.actors([place]) if index.mentions[n].country]
            if found:
                return found[0]
    return None


def _place_objects(token: Token, preps: frozenset[str]) -> list[Token]:
    """The objects of place prepositions on a word, through "of" ("outside of Basra")."""
    found: list[Token] = []
    for prep in roles.children(token, {"prep"}):
        if prep.lower_ not in preps:
            continue
        found += roles.children(prep, {"pobj"})
        found += [o for p in roles.children(prep, {"prep"}) for o in roles.children(p, {"pobj"})]
    return found
