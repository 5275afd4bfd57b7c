"""Map the head tokens of event arguments to the actor mentions that cover them.

A head maps to the mention whose span covers it; failing that, to the mentions of its
own noun phrase ("the government of Iraq", "Iraqi forces", "Manila's request"); a
coordination maps to all its members ("Obama and Putin", "Thai and Cambodian troops"),
a list of examples to its members ("leaders including Putin and Karzai"), and an
unresolved pronoun subject of a reported clause to the speaker ("Washington said it
would ...").
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from eventwire.events import roles
from eventwire.events.lexicon import word_lists
from eventwire.records import Mention

NP_MODIFIERS = frozenset({"compound", "amod", "poss", "nmod", "appos"})
MAX_DEPTH = 3


class MentionIndex:
    """Which mention covers which token of one parsed document."""

    def __init__(self, parsed: Doc, mentions: Sequence[Mention]) -> None:
        """Index the mentions by the tokens they cover (the shortest mention wins a token)."""
        self.mentions = mentions
        self._by_token: dict[int, int] = {}
        order = sorted(range(len(mentions)), key=lambda i: mentions[i].end - mentions[i].start)
        for number in order:
            mention = mentions[number]
            span = parsed.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None:
                continue
            for token in span:
                self._by_token.setdefault(token.i, number)

    def covering(self, token: Token) -> int | None:
        """The mention covering a token, if any."""
        return self._by_token.get(token.i)

    def actors(self, heads: Sequence[Token]) -> list[int]:
        """The mentions the argument heads stand for, in order, each once."""
        found: list[int] = []
        for head in heads:
            for number in self._resolve(head, 0):
                if number not in found:
                    found.append(number)
        return found

    def first_resolved(self, candidates: Sequence[Sequence[Token]]) -> list[int]:
        """The mentions of the first role alternative that resolves to any."""
        for heads in candidates:
            found = self.actors(heads)
            if found:
                return found
        return []

    def _resolve(self, token: Token, depth: int) -> list[int]:
        """The mentions of one head and of its conjuncts."""
        if depth > MAX_DEPTH:
            return []
        found: list[int] = []
        for member in [token, *_conjuncts(token)]:
            found.extend(self._member(member, depth))
        return found

    def _member(self, token: Token, depth: int) -> list[int]:
        """The mentions for one member of a coordination."""
        own = self.covering(token)
        listed = self._listed(token, depth)
        if listed:  # "world leaders, including Putin and Karzai": the members act
            return listed
        if own is not None and self.mentions[own].country is None:
            owner = self._owner(token, depth)  # "the military government of President X"
            if owner:
                return owner
        if own is not None:
            return [own, *self._coordinated_modifiers(token, own)]
        if token.pos_ == "PRON" and token.lower_ in word_lists().pronouns:
            return self._speaker(token, depth)
        found = [m for child in _np_modifiers(token) if (m := self.covering(child)) is not None]
        if found:
            return found[:1]
        if depth < MAX_DEPTH:  # "Kenzo Oshima, the United Nations relief coordinator"
            for appos in roles.children(token, {"appos"}):
                found = self._member(appos, depth + 1)
                if found:
                    return found[:1]
        return self._owner(token, depth, word_lists().thing_owner_preps)  # "a statement from X"

    def _listed(self, token: Token, depth: int) -> list[int]:
        """The mentions a phrase lists as its members: "leaders including X and Y"."""
        found: list[int] = []
        if depth >= MAX_DEPTH:
            return found
        listing = word_lists().listing  # "including", "like"
        for holder in _listing_holders(token):
            for child in holder.children:
                if child.dep_ == "prep" and child.lemma_.lower() in listing:
                    for pobj in roles.children(child, {"pobj"}):
                        found.extend(self._resolve(pobj, depth + 1))
        return found

    def _owner(self, token: Token, depth: int, preps: frozenset[str] | None = None) -> list[int]:
        """The mentions a phrase names as its owner: "of Iraq", "in Darfur", "by Belarus"
        (by default through the `owner_preps` of the word lists)."""
        if depth >= MAX_DEPTH:
            return []
        if preps is None:
            preps = word_lists().owner_preps
        for pobj in roles.prep_objects([token], preps) + _acl_agents(token):
            found = [n for n in self._member(pobj, depth + 1) if self.mentions[n].country]
            if found:
                return found
        return []

    def _coordinated_modifiers(self, token: Token, own: int) -> list[int]:
        """Other mentions coordinated inside the phrase: "Thai and Cambodian troops"."""
        found: list[int] = []
        for child in _np_modifiers(token):
            conjuncts = _conjuncts(child)
            for member in [child, *conjuncts] if conjuncts else []:
                number = self.covering(member)
                if number is not None and number != own and number not in found:
                    found.append(number)
        return found

    def _speaker(self, pronoun: Token, depth: int) -> list[int]:
        """For an unresolved pronoun subject (or its possessor: "their forces") of a
        reported clause, the reporting speaker."""
        subject = pronoun.head if pronoun.dep_ == "poss" else pronoun
        if subject.dep_ not in roles.SUBJECTS:
            return []
        clause = subject.head
        if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in word_lists().say_verbs:
            return []
        speaker = roles.children(clause.head, {"nsubj"})
        return [n for head in speaker for n in self._resolve(head, depth + 1)]


def _acl_agents(token: Token) -> list[Token]:
    """Who a participle says owns or did a thing: "camps belonging to X", "crimes done by X"."""
    found: list[Token] = []
    for child in roles.children(token, {"acl"}):
        found += roles.agent_objects(child) + roles.prep_objects([child], {"to"})
    return found


def _listing_holders(token: Token) -> list[Token]:
    """Where a list of members may hang: on the noun, or on "a number of" above it."""
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head is not token:
        return [token, token.head.head]
    return [token]


def _conjuncts(token: Token) -> list[Token]:
    """The other members of a token's coordination (a stranded subject is in none)."""
    if roles.is_stranded_subject(token):
        return []
    return [member for member in token.conjuncts if not roles.is_stranded_subject(member)]


def _np_modifiers(token: Token) -> list[Token]:
    """A noun's modifiers that may name whose it is: compounds, adjectives, possessors."""
    return [child for child in token.children if child.dep_ in NP_MODIFIERS]
