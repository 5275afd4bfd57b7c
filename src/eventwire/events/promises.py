"""PLOVER 2021 types that an act takes from its modality: promises and threats.

PLOVER codes the single category an event fits rather than a category plus an auxiliary
mode:
- cooperative acts of support, cooperation and aid reported in the future ("Finland will
  give Tanzania a grant") are intentions, AGREE: the code becomes the matching CAMEO 03
  code through the `intent` frame table (073 -> 0333);
- material conflict (CAMEO 14-20) reported in the future or as a possibility ("the
  Community may halt mediation if ...", "would boycott all contact") is a threat,
  THREATEN: the code becomes the matching CAMEO 13 code through the `threat` table.
Consultations keep their type with modality `future` (the gold of the dev reports does),
and so do future concessions and retreats (PLOVER keeps them). An act inside the
condition itself ("if the United States tries to stop us") is no threat by its actor, and
an obligation ("must withdraw", "should protest") is not one either. The modality stays
as the modality stage gave it.
"""

from __future__ import annotations

from spacy.tokens import Token

from eventwire.events.lexicon import word_lists
from eventwire.events.patterns import PatternBook

PROMISE_ROOTS = frozenset({"05", "06", "07"})
THREAT_ROOTS = frozenset({"14", "15", "16", "17", "18", "19", "20"})
MAX_CLIMB = 6


def recode(code: str, modality: str, anchor: Token, book: PatternBook) -> str:
    """The CAMEO code an event takes from its modality (the same code when none applies)."""
    if modality == "future" and code[:2] in PROMISE_ROOTS:
        return book.refine("intent", code) or code
    if modality in {"future", "hypothetical"} and code[:2] in THREAT_ROOTS:
        if _in_condition(anchor) or _obligation(anchor):
            return code
        return book.refine("threat", code) or code
    return code


def _clause_chain(anchor: Token) -> list[Token]:
    """The anchor and the verbs above it within its sentence, up to a finite clause."""
    chain = [anchor]
    current = anchor
    for _ in range(MAX_CLIMB):
        if current.dep_ not in {"xcomp", "conj", "dobj", "pobj", "prep", "acl"}:
            break
        if current.head is current:
            break
        current = current.head
        chain.append(current)
    return chain


def _in_condition(anchor: Token) -> bool:
    """Whether the act is the condition of a conditional ("if X attacks", "unless X")."""
    marks = word_lists().condition_marks  # "if", "unless"
    return any(
        child.dep_ == "mark" and child.lower_ in marks
        for token in _clause_chain(anchor)
        for child in token.children
    )


def _obligation(anchor: Token) -> bool:
    """Whether the act is an obligation ("must withdraw", "should organise protests")."""
    auxiliaries = word_lists().obligation_aux  # "must", "should"
    return any(
        child.dep_ == "aux" and child.lower_ in auxiliaries
        for token in _clause_chain(anchor)
        for child in token.children
    )
