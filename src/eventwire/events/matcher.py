"""Match event patterns on a sentence's dependency parse and lemmas, not on word order.

Only words whose lemma has a pattern are looked at. For each, the most specific pattern
whose conditions hold wins; frame verbs ("agreed to", "threatened to") then take the
event of the verb they govern, which is not reported on its own.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Span, Token

from eventwire.events import roles
from eventwire.events.lexicon import word_lists
from eventwire.events.patterns import Condition, Pattern, PatternBook

LOGGER = logging.getLogger(__name__)

POS_CLASSES = {"VERB": "V", "NOUN": "N", "PROPN": "N", "ADJ": "A"}
# Dependents that start another clause: keyword conditions do not look inside them.
OTHER_CLAUSES = frozenset({"ccomp", "relcl", "parataxis"})

Candidates = tuple[tuple[Token, ...], ...]


@dataclass(frozen=True)
class Match:
    """A pattern matched at a trigger, with the candidate tokens for each argument role."""

    pattern: Pattern
    code: str
    trigger: Token
    anchor: Token
    sources: Candidates
    targets: Candidates
    target_optional: bool = False
    words: tuple[Token, ...] = ()
    inner: Token | None = None


def find_matches(sentence: Span, book: PatternBook) -> list[Match]:
    """The events a sentence's parse supports, frames resolved, one match per trigger."""
    found: dict[int, Match] = {}
    consumed: set[int] = set()
    for token in sentence:
        pattern = best_pattern(token, book)
        if pattern is None:
            continue
        found[token.i] = _match(token, pattern, book)
        if any(c.kind == "obj" and not c.negated for c in pattern.conditions):
            consumed.update(t.i for t in roles.logical_object(token))
    for index in sorted(found):
        match = found[index]
        if match.pattern.frame and index not in consumed:
            inner = _inner_match(match.trigger, book, found)
            if inner is not None:
                found[index] = _framed(match, inner, book)
                consumed.add(inner.trigger.i)
    return [match for index, match in sorted(found.items()) if index not in consumed]


def best_pattern(token: Token, book: PatternBook) -> Pattern | None:
    """The most specific pattern of the token's lemma whose conditions hold."""
    pos = POS_CLASSES.get(token.pos_)
    if pos is None:
        return None
    best: Pattern | None = None
    for pattern in book.candidates(pos, _lemma(token)):
        better = best is None or pattern.specificity > best.specificity
        if better and all(_holds(condition, token, book) for condition in pattern.conditions):
            best = pattern
    return best


def has_trigger(sentence: Span, book: PatternBook) -> bool:
    """Whether any word of the sentence has a pattern (a cheap test before matching)."""
    return any((POS_CLASSES.get(token.pos_), _lemma(token)) in book.index for token in sentence)


# ---------------------------------------------------------------- building matches


def _match(token: Token, pattern: Pattern, book: PatternBook) -> Match:
    """A match with the candidate tokens of each source and target role."""
    light = roles.light_verb_of(token, book.light_verbs) if pattern.pos == "N" else None
    return Match(
        pattern=pattern,
        code=pattern.code or "",
        trigger=token,
        anchor=light if light is not None else token,
        sources=tuple(tuple(_role(role, token, pattern, book)) for role in pattern.source),
        targets=tuple(tuple(_role(role, token, pattern, book)) for role in pattern.target),
        target_optional=pattern.target_optional or not pattern.target,
        words=tuple(_words(token, light)),
    )


def _role(role: str, token: Token, pattern: Pattern, book: PatternBook) -> list[Token]:
    """The head tokens that fill one argument role at a trigger."""
    noun = pattern.pos == "N"
    if role == "subj":
        if noun:
            return roles.nominal_subject(token, book.light_verbs)
        return roles.logical_subject(token)
    if role == "obj":
        return roles.prep_objects([token], {"of"}) if noun else roles.logical_object(token)
    if role == "dative":
        return roles.dative(token)
    if role == "poss":
        return roles.children(token, {"poss"})
    if role == "host":
        return roles.host_subject(token)
    if role == "clause":
        return roles.clause_subject(token)
    if role == "place":
        return [] if noun else roles.passive_place(token)
    return roles.prep_objects(_scope(token, noun, book), {role})


def _scope(token: Token, noun: bool, book: PatternBook) -> list[Token]:
    """Where a trigger's prepositions may hang: on it, its light verb or its object."""
    if noun:
        light = roles.light_verb_of(token, book.light_verbs)
        return [token] if light is None else [token, light]
    objects = roles.logical_object(token)  # "suspended part of its aid to X": X too
    return [
        token,
        *objects,
        *roles.prep_objects(objects, {"of"}),
        *roles.children(token, {"xcomp"}),
    ]


def _words(token: Token, light: Token | None) -> list[Token]:
    """The words that carry the event: trigger, particles, light verb."""
    words = [token, *roles.children(token, {"prt"})]
    if light is not None:
        words.append(light)
    return words


def _inner_match(token: Token, book: PatternBook, found: dict[int, Match]) -> Match | None:
    """The event a frame word governs: its xcomp, infinitive or that-clause, through
    subject-passing words ("agreed to begin talks"), or its for-clause ("called for X to")."""
    for_clauses = {clause.i for _, clause in roles.for_clauses(token)}
    for child in token.children:
        that_clause = child.dep_ == "acl" and (
            roles.is_infinitive(child) or _has_mark(child, "that")
        )
        if child.dep_ in {"xcomp", "ccomp"} or that_clause or child.i in for_clauses:
            inner = _through_pass_words(child, book)
            if inner.i in found:
                return found[inner.i]
    return None


def _through_pass_words(token: Token, book: PatternBook) -> Token:
    """Follow xcomps down from words that only pass their subject on ("begin to", "try to")."""
    current = token
    for _ in range(roles.MAX_CLIMB):
        if _lemma(current) not in book.pass_words:
            return current
        nested = roles.children(current, {"xcomp"})
        if not nested:
            return current
        current = nested[0]
    return current


def _framed(outer: Match, inner: Match, book: PatternBook) -> Match:
    """The frame's event: its code refined by the inner event; the inner target as fallback."""
    frame = outer.pattern.frame or ""
    code = book.refine(frame, inner.code) or outer.code
    targets = outer.targets + inner.targets if outer.targets or inner.targets else ()
    return replace(
        outer,
        code=code,
        targets=targets,
        words=outer.words + inner.words,
        inner=inner.trigger,
    )


# ---------------------------------------------------------------- conditions


def _holds(condition: Condition, token: Token, book: PatternBook) -> bool:
    """Whether one condition holds at a trigger (negated conditions must not hold)."""
    return _test(condition, token, book) != condition.negated


def _test(condition: Condition, token: Token, book: PatternBook) -> bool:
    """The plain truth of a condition, before negation."""
    kind, values = condition.kind, condition.values
    if kind == "prt":
        return _child_lemmas(token, {"prt", "advmod"}) & values != set()
    if kind == "prep":
        if _child_lemmas(token, {"prep", "agent", "dative"}) & values:
            return True
        return "for" in values and bool(roles.for_clauses(token))  # "calls for X to act"
    if kind == "obj":
        objects = roles.logical_object(token) if token.pos_ != "NOUN" else []
        if not values:
            return bool(objects)
        return any(_lemma(t) in values for o in objects for t in _object_words(o))
    if kind == "pobj":
        preps = roles.children(token, {"prep", "agent", "dative"})
        return any(_lemma(p) in values for prep in preps for p in prep.children)
    if kind == "xcomp":
        xcomps = roles.children(token, {"xcomp"})
        return bool(xcomps) if not values else any(_lemma(x) in values for x in xcomps)
    if kind == "dep":
        return any(child.dep_ in values for child in token.children)
    if kind == "has":
        return any(_lemma(child) in values for child in token.children)
    if kind == "gov":
        head = token.head.head if token.head.dep_ == "prep" else token.head
        return token.head is not token and _lemma(head) in values
    if kind == "voice":
        return ("passive" if roles.is_passive(token) else "active") in values
    if kind == "sub":
        return _mentions_words(_clause_tokens(token, book), values)
    if kind == "clause":
        return any(_lemma(aux) in values for aux in _clause_modals(token))
    if kind == "verdict":
        return any(_mentions_words(words, values) for words in _verdicts(token))
    return False


def _lemma(token: Token) -> str:
    """A token's lemma in lower case (verb lemmas spaCy misreads put right)."""
    return roles.lemma(token)


def _clause_modals(token: Token) -> list[Token]:
    """The auxiliaries of a word's that-clause ("said that X must go", "a reminder that")."""
    clauses = roles.children(token, {"ccomp"})
    if token.pos_ == "NOUN":
        clauses += [c for c in roles.children(token, {"acl"}) if _has_mark(c, "that")]
    return [aux for clause in clauses for aux in roles.children(clause, {"aux"})]


def _verdicts(token: Token) -> list[list[Token]]:
    """What a word's that-clauses say their subject is ("said the criticism was mistaken":
    mistaken) or has achieved ("had made great strides": great strides), one phrase per
    clause; a denied verdict ("was not wrong") gives none, nor
    one on "it", mostly a dummy subject ("said it was wrong to wait" judges no actor)."""
    found = []
    for clause in roles.children(token, {"ccomp"}):
        subjects = roles.children(clause, {"nsubj"})
        if roles.children(clause, {"neg"}) or any(s.lower_ == "it" for s in subjects):
            continue
        for predicate in roles.children(clause, {"acomp", "attr"}):
            found.append(_phrase(predicate))
        if _lemma(clause) == "be":  # "said talks were out of the question"
            found.extend(_phrase(prep) for prep in roles.children(clause, {"prep"}))
        if _lemma(clause) in word_lists().achieving_verbs:  # "said Croatia had made great strides"
            done = roles.children(clause, {"dobj"})
            found.extend(_phrase(d) for d in done if not _scant(d))
    return found


def _has_mark(verb: Token, word: str) -> bool:
    """Whether a clause is introduced by the word ("that")."""
    return any(child.dep_ == "mark" and child.lower_ == word for child in verb.children)


def _object_words(noun: Token) -> list[Token]:
    """An object, its conjuncts and what it is of ("the return of inspectors")."""
    words = [noun, *noun.conjuncts]
    return words + roles.prep_objects(words, {"of"})


def _child_lemmas(token: Token, deps: set[str]) -> set[str]:
    """The lemmas of a token's children with the given labels."""
    return {_lemma(child) for child in token.children if child.dep_ in deps}


def _clause_tokens(token: Token, book: PatternBook) -> list[Token]:
    """The trigger's phrase (and its light verb's) without embedded clauses, in order."""
    top = token
    if POS_CLASSES.get(token.pos_) == "N":
        light = roles.light_verb_of(token, book.light_verbs)
        top = light if light is not None else token
    return _phrase(top)


def _scant(noun: Token) -> bool:
    """Whether an achievement is said to be too small ("little progress", "no headway")."""
    scant = word_lists().scant_words
    return any(child.lower_ in scant for child in noun.children)


def _phrase(top: Token) -> list[Token]:
    """A word and what hangs on it, without embedded clauses, in order."""
    found: list[Token] = []
    stack = [top]
    while stack:
        current = stack.pop()
        found.append(current)
        stack.extend(c for c in current.children if c.dep_ not in OTHER_CLAUSES)
    return sorted(found, key=lambda t: t.i)


def _mentions_words(tokens: Sequence[Token], values: frozenset[str]) -> bool:
    """Whether the tokens hold one of the words (lemma or lower form; `a_b` is a phrase)."""
    lemmas = [_lemma(t) for t in tokens]
    lowers = [t.lower_ for t in tokens]
    for value in values:
        parts = value.split("_")
        if len(parts) == 1:
            if value in lemmas or value in lowers:
                return True
        elif _contains(lemmas, parts) or _contains(lowers, parts):
            return True
    return False


def _contains(words: Sequence[str], phrase: Sequence[str]) -> bool:
    """Whether the phrase occurs as consecutive words."""
    size = len(phrase)
    return any(list(words[i : i + size]) == list(phrase) for i in range(len(words) - size + 1))
