"""In-document coreference of names and pronouns, and persons found through the directory.

A later surname ("Putin") refers to the person of that name met earlier in the document;
a name met nowhere earlier is looked up in the person directory. A subject pronoun ("he
said") refers to a person only in the simple cases: the one person before it in its
sentence when that person is a subject, else the subject outside quotes of the sentence
before. A wrong pronoun is worse than none, so anything less clear is left alone.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from spacy.tokens import Span, Token

from eventwire.actors.candidates import Candidate, at_tokens
from eventwire.actors.context import Context
from eventwire.actors.knowledge import fold
from eventwire.actors.names import NameRun

LOGGER = logging.getLogger(__name__)

SUBJECTS = frozenset({"nsubj", "nsubjpass"})
MODIFIERS = frozenset({"compound", "amod", "nmod"})


def link_names(
    ctx: Context, runs: Sequence[NameRun], titled: Sequence[Candidate]
) -> list[Candidate]:
    """Candidates for untitled names: earlier persons of the document, then the directory."""
    found: list[Candidate] = []
    for run in runs:
        earlier = [c for c in (*titled, *found) if c.key and c.start < run.start]
        candidate = _same_person(ctx, run, earlier) or _from_directory(ctx, run)
        if candidate is None:
            later = [c for c in titled if c.key and c.start > run.end]
            candidate = _same_person(ctx, run, later, cataphora=True)
        if candidate is not None:
            found.append(candidate)
    return found


def _same_person(
    ctx: Context, run: NameRun, persons: Sequence[Candidate], cataphora: bool = False
) -> Candidate | None:
    """A coreference to the one person whose name this run repeats or shortens."""
    matches = [c for c in persons if _name_fits(ctx, run, c.name or "")]
    if len({c.key for c in matches}) != 1:
        return None
    if cataphora and not run.person_entity:
        return None
    antecedent = matches[0] if cataphora else max(matches, key=lambda c: c.start)
    same_sentence = ctx.sentences.same(antecedent.start, run.start)
    conf = ctx.cues.confidence.surname * (0.8 if cataphora else 1.0)
    return at_tokens(
        ctx.parsed,
        run.start,
        run.end,
        **carried(ctx, antecedent, persons, same_sentence),
        kind="person",
        method="coreference",
        confidence=conf * _trust(antecedent),
        name=antecedent.name,
        antecedent=antecedent,
        key=antecedent.key,
        reason=f"repeats the name of {antecedent.name}",
    )


def _trust(antecedent: Candidate) -> float:
    """How much of an antecedent's confidence a coreference keeps (capped at 1)."""
    return min(1.0, antecedent.confidence + 0.1)


def _name_fits(ctx: Context, run: NameRun, name: str) -> bool:
    """Whether a run is the name, or one significant word of it ("Putin", "Abdullah")."""
    if fold(run.text) == fold(name):
        return True
    words = run.words
    if len(words) != 1:
        return False
    significant = [
        w
        for w in name.split()
        if w.lower() not in ctx.cues.particles and w not in ctx.cues.suffixes
    ]
    return bool(significant) and fold(words[0]) in {fold(w) for w in significant}


def carried(
    ctx: Context, antecedent: Candidate, persons: Sequence[Candidate], same_sentence: bool
) -> dict[str, object]:
    """The role fields a later mention takes over from its antecedent.

    In the antecedent's own sentence everything carries over; later, a past role
    ("then-President") does not: the person's current role in the text, else the directory's
    role at the publication date, replaces it.
    """
    fields = {
        "country": antecedent.country,
        "sector": antecedent.sector,
        "role": antecedent.role,
        "role_time": antecedent.role_time,
        "as_of": antecedent.as_of,
    }
    if same_sentence or antecedent.role_time != "former":
        return fields
    for other in sorted(persons, key=lambda c: -c.start):
        if other.key == antecedent.key and other.role_time != "former" and other.role:
            return {
                **fields,
                "sector": other.sector,
                "role": other.role,
                "role_time": other.role_time,
                "as_of": other.as_of,
            }
    person = ctx.person_named(antecedent.name or "")
    choice = ctx.role_of(person) if person else None
    if choice is not None and choice.role is not None and choice.dated:
        return {
            **fields,
            "sector": choice.role.sector,
            "role": choice.role.role,
            "role_time": "current",
            "as_of": ctx.document.published.value,
        }  # type: ignore[union-attr]
    return {**fields, "sector": None, "role": None, "role_time": "current", "as_of": None}


def _from_directory(ctx: Context, run: NameRun) -> Candidate | None:
    """A person the directory knows by this name, with the role held at publication."""
    if len(run.words) == 1 and not _plausible_surname(ctx, run):
        return None
    person = ctx.person_named(run.text)
    if person is None:
        return None
    choice = ctx.role_of(person)
    conf = ctx.cues.confidence
    confidence = conf.directory_undated
    if choice.dated:
        confidence = conf.directory_ambiguous if choice.ambiguous else conf.directory_dated
    role, published = choice.role, ctx.document.published
    country = role.country if role else (choice.last_known.country if choice.last_known else None)
    LOGGER.debug("%r found in the directory as %s", run.text, person.name)
    return at_tokens(
        ctx.parsed,
        run.start,
        run.end,
        kind="person",
        method="knowledge_base",
        confidence=confidence if role else confidence / 2,
        country=country,
        sector=role.sector if role else None,
        name=person.name,
        role=role.role if role else None,
        as_of=published.value if role and choice.dated and published else None,
        key=fold(person.name),
        reason="person directory",
    )


def _plausible_surname(ctx: Context, run: NameRun) -> bool:
    """A lone word is a surname only when tagged a person, never written in lower case, and
    not modifying a common noun ("Rice prices")."""
    token = ctx.parsed[run.start]
    if token.ent_type_ != "PERSON" or any(t.text == token.lower_ for t in ctx.parsed):
        return False
    return not (token.dep_ in MODIFIERS and token.head.tag_ in ("NN", "NNS"))


def resolve_pronouns(ctx: Context, persons: Sequence[Candidate]) -> list[Candidate]:
    """Subject pronouns tied to one clear person; the others are left unresolved."""
    found: list[Candidate] = []
    for token in ctx.parsed:
        if token.lower_ not in ctx.cues.pronouns or token.dep_ not in SUBJECTS:
            continue
        known = [c for c in (*persons, *found) if c.key and c.end <= token.i]
        antecedent = _pronoun_antecedent(ctx, token, known)
        if antecedent is None:
            continue
        same = ctx.sentences.same(antecedent.start, token.i)
        found.append(
            at_tokens(
                ctx.parsed,
                token.i,
                token.i + 1,
                **carried(ctx, antecedent, known, same),
                kind="person",
                method="coreference",
                confidence=ctx.cues.confidence.pronoun * _trust(antecedent),
                name=antecedent.name,
                antecedent=antecedent,
                key=antecedent.key,
                reason=f"pronoun after {antecedent.name}",
            )
        )
    return found


def _pronoun_antecedent(
    ctx: Context, pronoun: Token, known: Sequence[Candidate]
) -> Candidate | None:
    """The person a subject pronoun refers to in the simple cases, else None."""
    sentence = ctx.sentences.of(pronoun.i)
    before = [c for c in known if sentence.start <= c.start]
    if before:
        keys = {c.key for c in before}
        last = before[-1]
        return last if len(keys) == 1 and subject_token(ctx, last) is not None else None
    previous = _previous_sentence(ctx, sentence)
    if previous is None:
        return None
    return main_subject(ctx, [c for c in known if previous.start <= c.start < previous.end])


def _previous_sentence(ctx: Context, sentence: Span) -> Span | None:
    """The sentence before, skipping sentences wholly inside a quotation that name no person."""
    n = ctx.sentences.number(sentence.start)
    for earlier in reversed(ctx.sentences.spans[max(0, n - 3) : n]):
        words = [t for t in earlier if not t.is_space and not t.is_punct]
        if words and all(t.i in ctx.quoted for t in words):
            continue
        return earlier
    return None


def main_subject(ctx: Context, mentions: Sequence[Candidate]) -> Candidate | None:
    """The person subject outside quotes nearest the root of its sentence, if only one is."""
    ranked = []
    for mention in mentions:
        token = subject_token(ctx, mention)
        if token is not None and token.i not in ctx.quoted:
            ranked.append((_depth(token), mention))
    if not ranked:
        return None
    ranked.sort(key=lambda pair: pair[0])
    if len(ranked) > 1 and ranked[0][0] == ranked[1][0] and ranked[0][1].key != ranked[1][1].key:
        return None
    return ranked[0][1]


def subject_token(ctx: Context, mention: Candidate) -> Token | None:
    """The token by which a mention is the subject of a verb, if it is one."""
    for i in mention.tokens():
        token = ctx.parsed[i]
        if token.dep_ in SUBJECTS and not (mention.start <= token.head.i < mention.end):
            return token
    return None


def _depth(token: Token) -> int:
    """The number of steps from a token up to its sentence's root."""
    depth = 0
    while token.head.i != token.i and depth < 50:
        token, depth = token.head, depth + 1
    return depth
