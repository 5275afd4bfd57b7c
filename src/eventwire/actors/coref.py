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
from eventwire.actors.descriptors import contest_person
from eventwire.actors.knowledge import fold
from eventwire.actors.names import NameRun

LOGGER = logging.getLogger(__name__)

SUBJECTS = frozenset({"nsubj", "nsubjpass"})
OBJECTS = frozenset({"dobj", "pobj", "dative", "iobj"})
MODIFIERS = frozenset({"compound", "amod", "nmod"})
VERBS = frozenset({"VERB", "AUX"})
# Clauses whose subject is the governing verb's (its object's for "xcomp"): "agreed to send",
# "said and added", "prompted X to urge".
OPEN_CLAUSES = frozenset({"xcomp", "conj", "advcl"})
MAX_STEPS = 8


def link_names(
    ctx: Context, runs: Sequence[NameRun], titled: Sequence[Candidate]
) -> list[Candidate]:
    """Candidates for untitled names: earlier persons of the document, then the directory,
    then later titled persons, then a contest word before the name ("rival X")."""
    found: list[Candidate] = []
    for run in runs:
        earlier = [c for c in (*titled, *found) if c.key and c.start < run.start]
        candidate = _same_person(ctx, run, earlier) or _from_directory(ctx, run)
        if candidate is None:
            later = [c for c in titled if c.key and c.start > run.end]
            candidate = _same_person(ctx, run, later, cataphora=True) or contest_person(ctx, run)
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


# Links by which a clause hangs on the clause whose subject a pronoun in it may stand for.
PLURAL_TAGS = frozenset({"NNS", "NNPS"})
COMPLEMENT_LINKS = frozenset({"ccomp", "xcomp", "advcl"})
GOVERNING_STEPS = 3


def resolve_pronouns(
    ctx: Context, persons: Sequence[Candidate], others: Sequence[Candidate] = ()
) -> list[Candidate]:
    """Pronouns tied to one clear antecedent; the others are left unresolved.

    Subject pronouns ("he said"), object pronouns ("congratulated him") and possessives
    ("his re-election") refer to persons; plural ones ("they", "thanked them", "their")
    to a group, country or organisation with a country (`others`).
    """
    cues = ctx.cues
    claimed = {i for c in (*persons, *others) for i in c.tokens()}
    found: list[Candidate] = []
    for token in ctx.parsed:
        word = token.lower_
        if token.i in claimed:
            continue
        if word in cues.pronouns and token.dep_ in SUBJECTS:
            known = [c for c in (*persons, *found) if c.key and c.end <= token.i]
            antecedent, confidence = _pronoun_antecedent(ctx, token, known), cues.confidence.pronoun
        elif token.i in ctx.quoted:
            continue
        elif word in cues.object_pronouns and token.dep_ in OBJECTS:
            known = [c for c in (*persons, *found) if c.key and c.end <= token.i]
            antecedent, confidence = (
                _object_antecedent(ctx, token, known),
                cues.confidence.object_pronoun,
            )
        elif word in cues.possessives and token.dep_ == "poss":
            known = [c for c in (*persons, *found) if c.key and c.end <= token.i]
            antecedent, confidence = (
                _possessive_antecedent(ctx, token, known),
                cues.confidence.object_pronoun,
            )
        elif word in cues.plural_pronouns or (
            word in cues.neuter_pronouns and not _dummy_it(token)
        ):
            known = [c for c in others if c.country and c.kind != "person" and c.end <= token.i]
            if word in cues.neuter_pronouns:  # "'...,' it said": not one named in the quote,
                known = [c for c in known if c.start not in ctx.quoted and not _plural(ctx, c)]
            antecedent, confidence = (
                _neuter_antecedent(ctx, token, known)
                if word in cues.neuter_pronouns
                else _plural_antecedent(ctx, token, known),
                cues.confidence.plural_pronoun,
            )
        else:
            continue
        if antecedent is None:
            continue
        found.append(_pronoun(ctx, token, antecedent, [*persons, *found], confidence))
    return found


def _plural(ctx: Context, candidate: Candidate) -> bool:
    """Whether a candidate's head word is plural ("the rebels" is no antecedent of "its")."""
    return ctx.parsed[candidate.end - 1].tag_ in PLURAL_TAGS


def _dummy_it(token: Token) -> bool:
    """Whether "it" is a dummy or a thing rather than an actor: before "be", in the passive,
    or not a subject at all ("it is expected", "it was reported", "made it clear")."""
    if token.lower_ != "it":
        return False
    verb = token.head
    return (
        token.dep_ != "nsubj"
        or verb.lemma_ == "be"
        or any(child.dep_ in {"auxpass", "expl"} for child in verb.children)
    )


def _pronoun(
    ctx: Context, token: Token, antecedent: Candidate, known: Sequence[Candidate], base: float
) -> Candidate:
    """The mention of a pronoun that refers to `antecedent`."""
    same = ctx.sentences.same(antecedent.start, token.i)
    if antecedent.kind == "person":
        fields = carried(ctx, antecedent, known, same)
    else:
        fields = {"country": antecedent.country, "sector": antecedent.sector}
    return at_tokens(
        ctx.parsed,
        token.i,
        token.i + 1,
        **fields,
        kind=antecedent.kind if antecedent.kind == "person" else "group",
        method="coreference",
        confidence=base * _trust(antecedent),
        name=antecedent.name,
        antecedent=antecedent,
        key=antecedent.key,
        reason=f"pronoun after {antecedent.name or antecedent.country}",
    )


def _object_antecedent(
    ctx: Context, pronoun: Token, known: Sequence[Candidate]
) -> Candidate | None:
    """The actor an object pronoun refers to: the one actor before it in its sentence who is
    not the subject of its verb ("Sorokin congratulated him" is not Sorokin), else the main
    subject of the sentence before when that is not the subject of its verb either."""
    subject = clause_subject(pronoun)
    barred = {_who(c) for c in known if subject is not None and c.start <= subject.i < c.end}
    return _nearest(ctx, pronoun.i, [c for c in known if _who(c) not in barred], subjects=False)


def _possessive_antecedent(
    ctx: Context, pronoun: Token, known: Sequence[Candidate]
) -> Candidate | None:
    """The person "his"/"her" stands for in the simple case: the one person named before it
    in its sentence, else the main subject of the sentence before ("X congratulated Y on his
    victory" names two and is left alone)."""
    return _nearest(ctx, pronoun.i, known, subjects=False)


def _plural_antecedent(
    ctx: Context, pronoun: Token, known: Sequence[Candidate]
) -> Candidate | None:
    """The group, country or organisation a plural pronoun refers to: for "their", the owner
    (see `owner_before`); for "they", the nearest subject before it; for "them", the one
    actor before it that is not the subject of its verb."""
    if pronoun.dep_ == "poss":
        return owner_before(ctx, pronoun.i, known)
    if pronoun.dep_ in SUBJECTS:
        return _nearest(ctx, pronoun.i, known, subjects=True)
    if pronoun.dep_ in OBJECTS:
        return _object_antecedent(ctx, pronoun, known)
    return None


def _neuter_antecedent(
    ctx: Context, pronoun: Token, known: Sequence[Candidate]
) -> Candidate | None:
    """The organisation or country "it" stands for: as "they" in its own sentence, else only
    the subject of the sentence before ("The statement did not explain how the student
    died. '...,' it said" is not the student)."""
    sentence = ctx.sentences.of(pronoun.i)
    here = [c for c in known if sentence.start <= c.start]
    governing = _governing_subject(ctx, pronoun, here)
    if governing is not None:
        return governing
    if pronoun.dep_ == "poss" or here:
        return _plural_antecedent(ctx, pronoun, known)
    previous = _previous_sentence(ctx, sentence)
    if previous is None:
        return None
    subjects = [t for t in previous.root.children if t.dep_ in SUBJECTS]
    found = [c for c in known for t in subjects if c.start <= t.i < c.end]
    return found[0] if found else None


def _nearest(
    ctx: Context, index: int, known: Sequence[Candidate], subjects: bool
) -> Candidate | None:
    """The antecedent before token `index`: in its sentence the nearest subject (when
    `subjects`), else the one actor named; with nobody there, the main subject before."""
    sentence = ctx.sentences.of(index)
    here = [c for c in known if sentence.start <= c.start and c.end <= index]
    if here:
        if subjects:
            named = [c for c in here if subject_token(ctx, c) is not None]
            if named:
                return named[-1]
        return here[-1] if len({_who(c) for c in here}) == 1 else None
    previous = _previous_sentence(ctx, sentence)
    if previous is None:
        return None
    return main_subject(ctx, [c for c in known if previous.start <= c.start < previous.end])


def _pronoun_antecedent(
    ctx: Context, pronoun: Token, known: Sequence[Candidate]
) -> Candidate | None:
    """The person a subject pronoun refers to in the simple cases, else None."""
    sentence = ctx.sentences.of(pronoun.i)
    before = [c for c in known if sentence.start <= c.start]
    governing = _governing_subject(ctx, pronoun, before)
    if governing is not None:
        return governing
    if before:
        keys = {c.key for c in before}
        last = before[-1]
        return last if len(keys) == 1 and subject_token(ctx, last) is not None else None
    previous = _previous_sentence(ctx, sentence)
    if previous is None:
        return None
    return main_subject(ctx, [c for c in known if previous.start <= c.start < previous.end])


def _governing_subject(
    ctx: Context, pronoun: Token, before: Sequence[Candidate]
) -> Candidate | None:
    """The actor subject of the clause that governs the pronoun's clause: in "the leader
    made clear he preferred X", "he" is the leader, however many persons come before; in
    "the army said the rebels attacked its positions", "its" is the army's."""
    clause = pronoun.head
    while clause.pos_ not in VERBS and clause.head.i != clause.i:
        clause = clause.head  # from a possessor up to the verb of its clause
    for _ in range(GOVERNING_STEPS):
        if clause.dep_ not in COMPLEMENT_LINKS or clause.head.i == clause.i:
            return None
        clause = clause.head
        subjects = [t for t in clause.children if t.dep_ == "nsubj"]
        if subjects:
            who = _covering(before, subjects[0])
            rivals = [p for o in clause.children if o.dep_ in OBJECTS for p in _covering(before, o)]
            return who[0] if who and not rivals else None  # "X told Y that he" stays open
    return None


def _covering(candidates: Sequence[Candidate], token: Token) -> list[Candidate]:
    """The candidates covering a token."""
    return [c for c in candidates if c.start <= token.i < c.end]


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


def owner_before(ctx: Context, index: int, owners: Sequence[Candidate]) -> Candidate | None:
    """The actor a possessive at token `index` stands for, in the simple cases.

    The subject of its own clause when the parse gives one ("Bangkok urged its citizens",
    "prompted Bangkok to urge its citizens"): that actor or nobody. Else, in its sentence, the
    nearest subject before it, or the one actor before it; with nobody before it in its
    sentence, the main subject of the sentence before.
    """
    subject = clause_subject(ctx.parsed[index])
    if subject is not None:
        return next(iter(_covering(owners, subject)), None)
    return _nearest(ctx, index, owners, subjects=True)


def _who(candidate: Candidate) -> str | None:
    """Who a candidate is, for telling candidates apart: the person, else the country."""
    return candidate.key or candidate.country


def clause_subject(token: Token) -> Token | None:
    """The subject of the clause a word stands in; for a clause without its own subject
    ("to urge"), the object or subject of the verb it completes ("prompted Bangkok to urge");
    for a possessive inside the subject ("their forces had left"), the subject of the clause
    above ("Serbs said their forces had left")."""
    verb, steps = token.head, 0
    while verb.pos_ not in VERBS and verb.head.i != verb.i and steps < MAX_STEPS:
        verb, steps = verb.head, steps + 1
    for _ in range(3):
        subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
        owned = bool(subjects) and subjects[0] == token.head
        if subjects and not owned:
            return subjects[0]
        if verb.head.i == verb.i or (verb.dep_ not in OPEN_CLAUSES and not owned):
            return None
        objects = [c for c in verb.head.children if c.dep_ == "dobj"]
        if verb.dep_ == "xcomp" and objects:
            return objects[0]
        verb = verb.head
    return None
