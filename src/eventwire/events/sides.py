"""Both sides, unnamed: "both sides accused each other", "the two leaders met".

A subject that only counts the parties stands for the two actors of the last event between
two countries before it (else between two different actors, else the group that named both
sides itself: "rival leaders signed ... The two leaders met"), in both directions. Only a
mutual act, or one aimed at "each other", is read this way: "two soldiers attacked a
post" counts people, not sides.
"""

from __future__ import annotations

from spacy.tokens import Token

from eventwire.events.arguments import MentionIndex
from eventwire.events.lexicon import word_lists
from eventwire.events.matcher import Match

Pair = tuple[int, int | None]


class LastSides:
    """The actors of the last event between two countries, of the last between two
    different actors, and of the last mutual act of a group with itself, as coding goes on."""

    def __init__(self) -> None:
        self.countries: tuple[int, int] | None = None
        self.actors: tuple[int, int] | None = None
        self.group: tuple[int, int] | None = None

    def note(self, index: MentionIndex, source: int, target: int | None, distinct: bool) -> None:
        """Remember an event's actors when they are two different actors, or one group
        acting on itself ("the rival leaders signed")."""
        if target == source:
            self.group = (source, source)
        if target is None or not distinct:
            return
        self.actors = (source, target)
        if index.mentions[source].country != index.mentions[target].country:
            self.countries = (source, target)

    @property
    def pair(self) -> tuple[int, int] | None:
        """The two sides a report most likely means."""
        return self.countries or self.actors or self.group

    def stand_in(self, match: Match, index: MentionIndex) -> list[Pair]:
        """Both directions between the last two sides, when the match's subject only counts
        the parties and the act is mutual or aimed at "each other"; else nothing."""
        if not match.sources or not _counts_parties(match.sources[0]):
            return []
        if any(index.mentions[m].country for m in index.actors(match.sources[0])):
            return []  # "both Thai sides": the subject says whose it is
        targets = [head for heads in match.targets for head in heads]
        reciprocal = any(_each_other(head) for head in targets)
        if not reciprocal and not (match.pattern.mutual and not index.actors(targets)):
            return []
        if self.pair is None and _two_named_before(match.sources[0][0], index) is None:
            return []
        pair = _two_named_before(match.sources[0][0], index) or self.pair
        first, second = pair
        return [(first, second), (second, first)] if first != second else [(first, second)]


def _two_named_before(subject: Token, index: MentionIndex) -> tuple[int, int] | None:
    """The two actors named earlier in the subject's sentence, when exactly two are:
    "Putin wished Obama success and the two leaders confirmed ..." """
    sentence = subject.sent
    found: dict[tuple[str | None, str | None], int] = {}
    for number, mention in enumerate(index.mentions):
        if sentence.start_char <= mention.start and mention.end <= subject.idx and mention.country:
            found.setdefault((mention.name or mention.text, mention.country), number)
    if len(found) != 2:
        return None
    first, second = found.values()
    return first, second


def _counts_parties(heads: tuple[Token, ...]) -> bool:
    """Whether a subject is a party noun counted as two: "both sides", "the two leaders"."""
    lists = word_lists()
    return any(
        head.lemma_.lower() in lists.party_nouns
        and any(child.lower_ in lists.counting_words for child in head.children)
        for head in heads
    )


def _each_other(token: Token) -> bool:
    """Whether a word is the reciprocal "each other" or "one another"."""
    return token.lower_ in {"other", "another"} and any(
        child.lower_ in {"each", "one"} for child in token.children
    )
