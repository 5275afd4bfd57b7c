"""Modality of an event trigger's clause: asserted, future, hypothetical or negated.

`clause_modality(trigger)` reads the dependency parse, not the word order. It looks at the
trigger's own clause (auxiliaries, negation, subordinators, a conditional clause hanging
from it, time words of the future, the modifiers of a noun trigger) and then climbs the
governing chain, one link at a time, while the link passes the clause's status on:

- `xcomp`, an infinitival `acl`/`advcl`, a preposition's object: the governing word's own
  class counts ("expected to call", "an invitation to visit", "looks forward to hosting",
  "refused to meet") and so do the markers of its clause ("will agree to meet");
- `ccomp`: only the governing words' classes count from there on ("denied that X attacked",
  "claimed that X attacked": a verb of doubt counts only here, not for its object, "claimed
  responsibility for the attack"), not their auxiliaries ("X will say that Y attacked" keeps
  the attack asserted);
- a noun trigger takes the clause of the verb it is the object of ("will hold talks"); as a
  subject only with verbs of occurring ("the talks did not take place") or a governing
  adjective ("talks are due"); a negating governor does not negate its own object noun
  ("rejected the accusation": the accusation was made) but does what lies below it
  ("dismissed reports of casualties");
- a conjunct without its own subject shares its head's clause ("will meet and sign").

A modal before "have" and a participle speaks of what did not happen ("would have attacked":
hypothetical, where "would attack" is future).

The chain stops at relative clauses, parentheticals, finite subordinate clauses and the
root. The first clause on the way that is not asserted decides; within one clause negated
beats hypothetical beats future. The words and where they count are data
(`data/events/modality.tsv`).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType

from spacy.tokens import Token

from eventwire.events.context_data import check_value, read_rows
from eventwire.events.context_timex import has_time_dependent, is_time_root

LOGGER = logging.getLogger(__name__)

MODALITY_FILE = "modality.tsv"
ASSERTED = "asserted"
CLASSES = frozenset({"future", "hypothetical", "negated", "inherit", "presupposed"})
PLACES = frozenset(
    {
        "aux",
        "adverb",
        "condition",
        "marker",
        "governor",
        "modifier",
        "preposition",
        "time",
        "occurrence",
        "perfect",
        "doubt",
    }
)
STRENGTH: Mapping[str, int] = MappingProxyType(
    {ASSERTED: 0, "inherit": 0, "presupposed": 0, "future": 1, "hypothetical": 2, "negated": 3}
)
# Places whose two-word entries are read last word first ("no longer": "longer" with "no").
HEAD_LAST_PLACES = frozenset({"adverb"})
NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
# Links from a noun to the word that takes it, along which the noun shares that clause.
NOUN_LINKS = frozenset({"dobj", "nsubjpass", "attr", "dative", "oprd", "appos", "compound"})
# Links along which the governing word's own class counts.
GOVERNED_LINKS = frozenset(
    {"xcomp", "ccomp", "acl", "advcl", "prep", "dobj", "nsubjpass", "nsubj", "attr"}
)
# Past tense: time words of the future do not make a past clause future ("the next day").
PAST_TAGS = frozenset({"VBD", "VBN"})
MAX_STEPS = 12


@dataclass(frozen=True)
class ModalityWords:
    """Each (place, word) with the classes it gives, and the child word it needs, if any."""

    entries: Mapping[tuple[str, str], tuple[tuple[str | None, str], ...]]

    def classes(self, place: str, token: Token) -> Iterator[str]:
        """The classes a token gives at a place (two-word entries checked on its children)."""
        for word in {token.lower_, token.lemma_.lower()}:
            for needed, found in self.entries.get((place, word), ()):
                if needed is None or any(needed in words_of(child) for child in token.children):
                    yield found


@dataclass(frozen=True)
class Step:
    """One node of the governing chain and how it was reached."""

    node: Token
    link: str  # the dependency that led here ("self" for the trigger)
    child: Token  # the token the link came from
    trigger: Token
    lexical_only: bool  # past a ccomp: only governing words count


@lru_cache(maxsize=1)
def load_modality_words() -> ModalityWords:
    """The packaged modality words, validated."""
    entries: dict[tuple[str, str], list[tuple[str | None, str]]] = {}
    for word, found, place in read_rows(MODALITY_FILE, ("word", "class", "applies")):
        check_value(found, CLASSES, MODALITY_FILE, "class")
        check_value(place, PLACES, MODALITY_FILE, "place")
        parts = word.lower().split()
        head, needed = split_entry(parts, place)
        entries.setdefault((place, head), []).append((needed, found))
    return ModalityWords(MappingProxyType({key: tuple(value) for key, value in entries.items()}))


def split_entry(parts: list[str], place: str) -> tuple[str, str | None]:
    """The head word of an entry and the child word it needs (None for one word)."""
    if len(parts) == 1:
        return parts[0], None
    if place in HEAD_LAST_PLACES:
        return parts[-1], parts[0]
    return parts[0], parts[-1]


def words_of(token: Token) -> set[str]:
    """The forms a token is looked up by: its lower-case text and its lemma."""
    return {token.lower_, token.lemma_.lower()}


def strongest(classes: Iterable[str]) -> str:
    """The strongest class: negated, then hypothetical, then future, else asserted."""
    return max(classes, key=lambda found: STRENGTH[found], default=ASSERTED)


def clause_modality(trigger: Token) -> str:
    """`asserted`, `future`, `hypothetical` or `negated` for the clause of an event trigger."""
    words = load_modality_words()
    for step in governing_chain(trigger, words):
        found = step_class(step, words)
        if found not in (ASSERTED, "inherit", "presupposed"):
            LOGGER.debug("%r is %s by %r (%s)", trigger.text, found, step.node.text, step.link)
            return found
    return ASSERTED


def governing_chain(trigger: Token, words: ModalityWords) -> Iterator[Step]:
    """The trigger's clause, then each governing word whose clause it shares."""
    step: Step | None = Step(trigger, "self", trigger, trigger, False)
    for _ in range(MAX_STEPS):
        if step is None:
            return
        yield step
        if stops_here(step, words):
            return
        step = next_step(step)


def stops_here(step: Step, words: ModalityWords) -> bool:
    """Whether the trigger's status is settled at this step, whatever governs it."""
    if step.link == "self":
        return is_noun(step.node) and has_time_dependent(step.node)  # "the 2003 torching"
    if step.link == "nsubj":
        return not shares_clause(step, words)  # "the attack did not kill anyone"
    if step.link == "pobj":
        return is_presupposing(step.node, words)  # "at the invitation of", "after the attack"
    return False


def is_presupposing(preposition: Token, words: ModalityWords | None = None) -> bool:
    """Whether a preposition sets its object apart from the clause ("after", "despite")."""
    found = (words or load_modality_words()).classes("preposition", preposition)
    return "presupposed" in set(found)


def next_step(step: Step) -> Step | None:
    """The governing word one link up, or None where the chain stops."""
    node = step.node
    head, link = node.head, node.dep_
    if head.i == node.i or link in ("relcl", "parataxis", "ROOT"):
        return None
    up = Step(head, link, node, step.trigger, step.lexical_only)
    if link == "conj":
        return None if has_subject(node) else up
    if link in ("acl", "advcl") and not is_infinitival(node):
        return None if link == "acl" or has_marker(node) else up
    if link == "ccomp":
        return Step(head, link, node, step.trigger, True)
    if link in ("pobj", "pcomp", "xcomp", "acl", "advcl", "prep", "nsubj") or link in NOUN_LINKS:
        return up
    return None


def step_class(step: Step, words: ModalityWords) -> str:
    """The class one node of the chain gives the trigger."""
    found: list[str] = []
    if step.link in ("pobj", "pcomp"):
        return strongest(words.classes("preposition", step.node))
    if step.link != "self":
        found.extend(governor_classes(step, words))
    if not step.lexical_only and shares_clause(step, words):
        found.extend(clause_classes(step.node, words))
    return strongest(found)


def governor_classes(step: Step, words: ModalityWords) -> Iterator[str]:
    """The governing word's own classes, where its link lets them count."""
    link = step.link
    if link == "prep":
        link = "pobj"  # reached through a preposition: the word it hangs from governs
    elif link not in GOVERNED_LINKS:
        return
    if link in ("acl", "advcl") and not is_infinitival(step.child):
        return  # "refused the offer, saying ...": the saying is no refusal
    node = step.node
    candidates = [node]
    if link == "nsubj":
        # "talks are due", "an attack is likely": the subject's adjective or participle
        candidates = [child for child in node.children if child.dep_ in ("acomp", "attr")]
    if link == "advcl":
        # "signed a deal with X to supply gas": the parser hangs the deal's content on the verb
        for noun in (child for child in node.children if child.dep_ == "dobj"):
            yield from (c for c in words.classes("governor", noun) if c == "future")
    if link == "ccomp":
        yield from words.classes("doubt", node)  # "claimed that the army shelled the town"
    for candidate in candidates:
        for found in words.classes("governor", candidate):
            if (
                found == "negated"
                and link in NOUN_LINKS | {"nsubj"}
                and step.child.i == step.trigger.i
            ):
                continue  # "rejected the accusation": the accusation stands
            yield found


def shares_clause(step: Step, words: ModalityWords) -> bool:
    """Whether the node's auxiliaries, negation and markers speak for the trigger."""
    if step.link != "nsubj":
        return True
    return any(found == "inherit" for found in words.classes("occurrence", step.node))


def clause_classes(node: Token, words: ModalityWords) -> Iterator[str]:
    """The classes a node's own dependents give its clause."""
    perfect = node.tag_ == "VBN" and any(
        child.dep_ == "aux" and child.lower_ in ("have", "'ve") for child in node.children
    )
    for child in node.children:
        if perfect and child.dep_ == "aux":
            yield from words.classes("perfect", child)  # "would have attacked"
        dep = child.dep_
        if dep in ("aux", "auxpass"):
            yield from words.classes("aux", child)
        elif dep in ("neg", "advmod"):
            yield from words.classes("adverb", child)
        elif dep == "mark":
            yield from words.classes("condition", child)
            yield from words.classes("marker", child)
        elif dep == "advcl" and not has_complement(node):
            # "warned that X could close the strait if ...": the condition is the complement's
            for mark in child.children:
                if mark.dep_ == "mark":
                    yield from words.classes("condition", mark)
        if is_noun(node) and dep in ("amod", "compound", "det", "nummod"):
            yield from words.classes("modifier", child)
        if dep in ("npadvmod", "prep", "advmod", "tmod") and node.tag_ not in PAST_TAGS:
            yield from time_classes(child, words)


def time_classes(child: Token, words: ModalityWords) -> Iterator[str]:
    """The classes of future time words in a time phrase of the clause ("next week")."""
    phrase = list(child.subtree)
    if not any(is_time_root(token) or words_of(token) & {"future"} for token in phrase):
        return
    for token in phrase:
        yield from words.classes("time", token)


def has_subject(token: Token) -> bool:
    """Whether a verb has a subject of its own."""
    return any(child.dep_ in SUBJECTS for child in token.children)


def has_complement(token: Token) -> bool:
    """Whether a verb has a clausal complement ("said that ...", "threatened to ...")."""
    return any(child.dep_ in ("ccomp", "xcomp") for child in token.children)


def has_marker(token: Token) -> bool:
    """Whether a clause is opened by a subordinator ("after", "because", "if")."""
    return any(child.dep_ == "mark" for child in token.children)


def is_infinitival(token: Token) -> bool:
    """Whether a verb is a to-infinitive ("to visit")."""
    return any(child.dep_ == "aux" and child.lower_ == "to" for child in token.children)


def is_noun(token: Token) -> bool:
    """Whether a token is a noun (or a pronoun or number standing for one)."""
    return token.pos_ in NOMINAL


def governor_class(token: Token) -> str | None:
    """The class a word gives the clause it governs ("expect": future), or None."""
    found = strongest(load_modality_words().classes("governor", token))
    return None if found == ASSERTED else found
