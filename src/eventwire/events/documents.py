"""Texts that speak for their makers: "the agreement calls for Argentina to ...".

A report names a text once with the act that made it ("the IMF reached an agreement with
Argentina", "the two leaders signed a declaration") and later lets the text act: "the
agreement calls for authorities to ...", "the declaration said ...". A reader takes the
text's makers as the actors: its source speaks, and its target stays the counterpart
unless the clause names its own. The nouns are the `text_nouns` of `data/events/words.tsv`.
"""

from __future__ import annotations

from spacy.tokens import Token

from eventwire.events.arguments import MentionIndex
from eventwire.events.lexicon import word_lists
from eventwire.events.matcher import Match

Pair = tuple[int, int | None]


class TextMakers:
    """Who made each text named so far, as coding goes on: a noun's lemma to the
    (source, target) of the last event that produced a text of that name."""

    def __init__(self, nouns: frozenset[str] | None = None) -> None:
        self.nouns = word_lists().text_nouns if nouns is None else nouns
        self.makers: dict[str, Pair] = {}

    def note(self, match: Match, pair: Pair) -> None:
        """Remember the makers of the texts an event produced ("signed a declaration")."""
        for word in _produced(match):
            lemma = word.lemma_.lower()
            if lemma in self.nouns:
                self.makers[lemma] = pair

    def stand_in(self, match: Match, index: MentionIndex, targets: list[int]) -> list[Pair]:
        """The makers' pair when the match's subject is a text named before and resolves to
        no actor; `targets` are the clause's own resolved targets, which win."""
        if not match.sources:
            return []
        for head in match.sources[0]:
            maker = self._maker(head, index)
            if maker is None:
                continue
            source, counterpart = maker
            own = [t for t in targets if t != source]
            if own:
                return [(source, target) for target in own]
            return [(source, counterpart if counterpart != source else None)]
        return []

    def aimed_at_makers(self, match: Match, index: MentionIndex, pairs: list[Pair]) -> list[Pair]:
        """The pairs, aimed at the maker when the target is a text or deed named back and no
        actor itself ("welcomed the offer", "said the offer was a breakthrough")."""
        heads = next((heads for heads in match.targets if heads), ())
        for head in heads:
            maker = self._named_back(head)
            if maker is None or index.covering(head) is not None:
                continue
            aimed = [(source, maker[0]) for source, _ in pairs if source != maker[0]]
            return list(dict.fromkeys(aimed)) or pairs
        return pairs

    def _maker(self, head: Token, index: MentionIndex) -> Pair | None:
        """The makers of the text a subject names back, if it names one and no actor."""
        return None if index.actors([head]) else self._named_back(head)

    def _named_back(self, head: Token) -> Pair | None:
        """The makers of a text or deed a noun names back ("the agreement"), if it does."""
        lemma = head.lemma_.lower()
        if lemma not in self.makers or head.pos_ not in {"NOUN", "PROPN"}:
            return None
        back = word_lists().back_determiners  # "the agreement", not "an agreement"
        if not any(child.lower_ in back for child in head.children if child.dep_ == "det"):
            return None
        return self.makers[lemma]


def _produced(match: Match) -> list[Token]:
    """The words that may name what an event made: the trigger ("offered", "the offer"),
    the trigger's objects ("signed a declaration")."""
    trigger = match.trigger
    return [trigger, *(child for child in trigger.children if child.dep_ in {"dobj", "obj"})]
