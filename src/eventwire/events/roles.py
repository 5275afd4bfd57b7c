"""Where the arguments of a verb or noun sit in a spaCy dependency parse.

Roles are stated in active-voice terms and normalised here: the logical subject of a
passive verb is its "by" agent, its logical object the passive subject. A verb without a
subject of its own takes the one of the clause that governs it ("agreed to build",
"arrived and met", "fired on the crowd, killing three").
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from eventwire.events.lexicon import word_lists

SUBJECTS = frozenset({"nsubj", "nsubjpass"})
TIME_ENTITIES = frozenset({"DATE", "TIME"})  # "on Friday" is no argument of "called on"
CLIMB_DEPS = frozenset({"xcomp", "advcl", "conj", "pcomp", "acomp", "ccomp"})
MAX_CLIMB = 6
# Tags of a verb that can head a clause of its own, with a subject of its own.
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})
# Verb forms by which a misplaced conjunct shows which verb it goes with.
CONJUNCT_FORMS = frozenset({"VBD", "VBZ", "VBG"})


def lemma(token: Token) -> str:
    """A token's lemma in lower case, with the verb lemmas spaCy misreads put right
    (`verb_lemma_fixes` of the word lists: "staged" -> "stag" -> "stage")."""
    found = token.lemma_.lower()
    if token.pos_ not in {"VERB", "AUX"}:
        return found
    return word_lists().verb_lemma_fixes.get(found, found)


def is_passive(verb: Token) -> bool:
    """Whether a verb is in the passive voice (or a past participle modifying a noun, or
    one coordinated with a passive verb: "was arrested and extradited")."""
    if any(child.dep_ in {"nsubjpass", "auxpass"} for child in verb.children):
        return True
    if verb.dep_ == "conj" and verb.tag_ == "VBN" and verb.head is not verb:
        own = children(verb, {"nsubj", "aux"})
        return not own and verb.head.tag_ == "VBN" and is_passive(verb.head)
    return verb.dep_ == "acl" and verb.tag_ == "VBN"


def children(token: Token, deps: Iterable[str]) -> list[Token]:
    """The children of a token with one of the given dependency labels."""
    wanted = frozenset(deps)
    return [child for child in token.children if child.dep_ in wanted]


def logical_subject(verb: Token, depth: int = 0) -> list[Token]:
    """Who does what the verb says: nsubj, or the "by" agent of a passive, or the controller."""
    if is_passive(verb):
        return agent_objects(verb)
    subjects = children(verb, {"nsubj"})
    if subjects:
        return [_antecedent(subject) for subject in subjects]
    return _inherited_subject(verb, depth)


def grammatical_subject(verb: Token, depth: int = 0) -> list[Token]:
    """The clause's subject as written (active or passive), or the one it inherits."""
    subjects = children(verb, SUBJECTS)
    if subjects:
        return [_antecedent(subject) for subject in subjects]
    return _inherited_subject(verb, depth)


def logical_object(verb: Token) -> list[Token]:
    """What the verb acts on: dobj, or the passive subject, or the noun a participle modifies."""
    if is_passive(verb):
        if verb.dep_ == "acl":
            return [verb.head]
        subjects = children(verb, {"nsubjpass"})
        if not subjects and verb.dep_ == "conj":  # "was arrested and extradited"
            return logical_object(verb.head)
        return [_antecedent(token) for token in subjects]
    objects = children(verb, {"dobj"})
    if not objects and not children(verb, {"xcomp", "ccomp", "dative"}):
        for conj in children(verb, {"conj"}):  # "arrested and charged him"
            objects = children(conj, {"dobj"})
            if objects:
                break
    return [_antecedent(token) for token in objects]


def agent_objects(verb: Token) -> list[Token]:
    """The objects of a "by" phrase attached to a verb or noun."""
    found = []
    for child in verb.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            found.extend(children(child, {"pobj"}))
    return found


def prep_objects(scope: Iterable[Token], preps: Iterable[str]) -> list[Token]:
    """Objects of the named prepositions attached to any token of the scope; the subject
    of a for-clause counts as the object of "for" ("called for Argentina to tamp down")."""
    wanted = frozenset(preps)
    found: list[Token] = []
    for token in scope:
        if "for" in wanted:  # only "for" opens such a clause; most calls want other words
            found.extend(s for _, clause in for_clauses(token) for s in children(clause, {"nsubj"}))
        for child in token.children:
            if child.dep_ in {"prep", "agent", "dative"} and child.lemma_.lower() in wanted:
                objects = children(child, {"pobj", "pcomp"})
                found.extend(o for o in objects if o.ent_type_ not in TIME_ENTITIES)
            elif child.dep_ == "prt" and child.lemma_.lower() in wanted:
                found.extend(children(token, {"pobj"}))
    return found


def for_clauses(token: Token) -> list[tuple[Token, Token]]:
    """A word's infinitive clauses introduced by "for" with their own subject, each with
    its mark: the parser reads "calls for X to act" as a clause, not "for X"."""
    found = []
    for clause in children(token, {"advcl", "ccomp", "xcomp"}):
        marks = [c for c in children(clause, {"mark"}) if c.lower_ == "for" and c.i < clause.i]
        if marks and children(clause, {"nsubj"}) and is_infinitive(clause):
            found.append((marks[0], clause))
    return found


def passive_place(verb: Token) -> list[Token]:
    """The named place of an agentless passive act, which stands for its authorities: "was
    arrested in Austria", "taken into custody on a warrant in Austria"; a passive conjunct
    takes its head's place ("... in Austria and extradited to Croatia")."""
    if not is_passive(verb) or agent_objects(verb):
        return []
    for current in [verb, verb.head] if verb.dep_ == "conj" else [verb]:
        objects = [o for prep in children(current, {"prep"}) for o in children(prep, {"pobj"})]
        places = [o for o in prep_objects([current, *objects], {"in"}) if o.ent_type_ == "GPE"]
        if places:
            return places[:1]
    return []


def dative(verb: Token) -> list[Token]:
    """The indirect object ("sent Obama a telegram"), as a noun or a "to" phrase."""
    found = [child for child in verb.children if child.dep_ == "dative" and child.pos_ != "ADP"]
    return found or prep_objects([verb], {"to"})


def clause_subject(verb: Token) -> list[Token]:
    """The subject of the verb's complement clause ("demanded that X cancel")."""
    clauses = children(verb, {"ccomp"}) + [  # "a reminder that X must"
        c for c in children(verb, {"acl"}) if any(m.lower_ == "that" for m in children(c, {"mark"}))
    ]
    for clause in clauses:
        subjects = children(clause, SUBJECTS)
        if subjects:
            return subjects
    return []


def governing_verb(token: Token) -> Token | None:
    """The nearest verb above a token, or None."""
    current = token
    for _ in range(MAX_CLIMB):
        if current.head is current:
            return None
        current = current.head
        if current.pos_ in {"VERB", "AUX"}:
            return current
    return None


def host_subject(token: Token) -> list[Token]:
    """The subject of the clause a phrase belongs to ("at the invitation of X, Y visited")."""
    verb = governing_verb(token)
    return grammatical_subject(verb) if verb is not None else []


def light_verb_of(noun: Token, light: frozenset[str]) -> Token | None:
    """The light verb whose object (or prepositional object) the noun is: "held talks"."""
    head = noun.head
    if noun.dep_ in {"dobj", "nsubjpass"} and lemma(head) in light:
        return head
    if noun.dep_ == "pobj" and head.dep_ == "prep" and lemma(head.head) in light:
        return head.head
    return None


def nominal_subject(noun: Token, light: frozenset[str]) -> list[Token]:
    """Who acts in a nominal event: "U.S. sanctions", "a visit by X", "X paid a visit"."""
    found = children(noun, {"poss"})
    found += [
        child
        for child in noun.children
        if child.dep_ in {"compound", "amod", "nmod"}
        and child.pos_ in {"PROPN", "ADJ"}
        and not _stance_prefixed(child)
    ]
    found += agent_objects(noun)
    found += [agent for verb in agent_participles(noun) for agent in agent_objects(verb)]
    verb = light_verb_of(noun, light)
    if verb is not None and _takes_part(verb):
        found += grammatical_subject(verb)  # "X has been engaged in talks"
    elif verb is not None:
        found += logical_subject(verb)
    elif _circumstance(noun):
        found += logical_subject(noun.head.head)  # "returned for talks", "took it after fighting"
    elif noun.dep_ == "pobj" and noun.head.lower_ == "in" and _takes_part(noun.head.head):
        found += grammatical_subject(noun.head.head)  # "has been engaged in talks"
    elif (leading := _leading_place(noun)) is not None:
        found += grammatical_subject(leading)  # "were at the forefront of protests"
    return found


def _circumstance(noun: Token) -> bool:
    """Whether a noun is the object of a circumstance preposition ("for", "after") on a verb."""
    if noun.dep_ != "pobj" or noun.head.lower_ not in word_lists().circumstance:
        return False
    return noun.head.head.pos_ == "VERB"


def _stance_prefixed(token: Token) -> bool:
    """Whether a modifier is the second half of "anti-X" or "pro-X": "anti-government
    protests" are not the government's."""
    doc = token.doc
    if token.i < 2 or doc[token.i - 1].text != "-":
        return False
    return doc[token.i - 2].lower_ in word_lists().stance_prefixes


def _leading_place(noun: Token) -> Token | None:
    """The verb of "at the forefront of" above a noun, if the noun sits there."""
    place = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "of" else None
    if place is None or place.dep_ != "pobj":
        return None
    if place.lemma_.lower() not in word_lists().leading_places:
        return None
    verb = place.head.head
    return verb if place.head.lower_ in {"at", "in"} and verb.pos_ in {"VERB", "AUX"} else None


def _gerund_controller(gerund: Token, prep: Token) -> list[Token]:
    """The object that does what a gerund after "of"/"on"/"from" (or "for", after a verb
    that judges) says: "accused Rwanda of supporting the rebels" — Rwanda supports."""
    verb = prep.head
    if verb.pos_ != "VERB" or gerund.tag_ != "VBG":
        return []
    word, lists = prep.lower_, word_lists()
    if word in lists.object_gerund_preps or (word == "for" and lemma(verb) in lists.judging_verbs):
        return [_antecedent(t) for t in children(verb, {"dobj"})]
    return []


def is_infinitive(verb: Token) -> bool:
    """Whether a verb is a to-infinitive ("an invitation to visit")."""
    return any(child.dep_ == "aux" and child.lower_ == "to" for child in verb.children)


def _takes_part(verb: Token) -> bool:
    """Whether a verb says its subject takes part in what its "in" names."""
    if lemma(verb) in word_lists().participation:
        return True
    return lemma(verb) == "take" and any(c.lower_ == "part" for c in verb.children)


def agent_participles(noun: Token) -> list[Token]:
    """The past participles with a "by" agent that hang on a noun: "a ban imposed by the
    government". The parser often hangs one on the noun's own prepositional object ("a ban
    on rallies imposed by X"), so that one is searched too."""
    nouns = [noun, *prep_objects([noun], {"on", "of", "against"})]
    return [
        participle
        for holder in nouns
        for participle in children(holder, {"acl"})
        if participle.tag_ == "VBN" and agent_objects(participle)
    ]


def _inherited_subject(verb: Token, depth: int) -> list[Token]:
    """The subject a verb without one takes from the clause or noun that governs it."""
    if depth >= MAX_CLIMB:
        return []
    if verb.head.i == verb.i:
        return _repeated_verb_subject(verb)
    head = verb.head
    if verb.dep_ == "acl":
        if verb.tag_ == "VBG":
            return [head]
        return children(head, {"poss"}) or host_subject(head)
    if verb.dep_ == "relcl":
        if head.pos_ == "NOUN" and is_infinitive(verb):  # "converged for a rally to protest"
            return [head, *nominal_subject(head, frozenset())]
        return [head]
    stranded = _stranded_subject(verb)
    if stranded is not None:
        return [stranded]
    if verb.dep_ == "conj":
        head = conjunct_head(verb)
    if verb.dep_ == "pcomp" and head.dep_ == "prep":
        controller = _gerund_controller(verb, head)
        if controller:
            return controller
        head = head.head
    elif verb.dep_ not in CLIMB_DEPS:
        return []
    if verb.dep_ == "xcomp" and lemma(head) in word_lists().object_control:
        controller = children(head, {"dobj"}) or prep_objects([head], {"on", "upon"})
        if controller:
            return controller
    if head.pos_ in {"NOUN", "PROPN"}:
        return children(head, {"poss"})
    return grammatical_subject(head, depth + 1)


def _repeated_verb_subject(root: Token) -> list[Token]:
    """The subject of a subjectless root taken from the same verb said before it: in "The
    Commission, which ..., said that A, said that B and urged C" the parser hangs the
    subject on the first "said", set off as a parenthetical."""
    for child in children(root, {"parataxis"}):
        if lemma(child) == lemma(root) and child.i < root.i:
            subjects = children(child, {"nsubj"})
            if subjects:
                return [_antecedent(subject) for subject in subjects]
    return []


def _stranded_subject(verb: Token) -> Token | None:
    """The name right before a subjectless conjoined verb, when the parser took it for a
    conjunct of the first clause's object: in "X invited him to visit Russia and Obama
    accepted", "Obama" hangs off "Russia", yet it is who accepted."""
    if verb.dep_ not in {"conj", "advcl"} or verb.i < 2 or verb.tag_ not in FINITE_TAGS:
        return None
    name, joiner = verb.doc[verb.i - 1], verb.doc[verb.i - 2]
    if joiner.dep_ != "cc" or name.dep_ != "conj" or name.pos_ not in {"PROPN", "PRON"}:
        return None
    if name.head.dep_ in SUBJECTS:  # "Putin and Obama agreed": a true shared subject
        return None
    return name


def conjunct_head(verb: Token) -> Token:
    """The verb a conjunct is coordinated with. The parser tends to hang a conjunct on the
    nearest verb, even inside a clause: in "saying that X was wrong and calling Y a friend"
    "calling" hangs on "was", in "said that Croatia had made strides and urged Zagreb"
    "urged" hangs on "made". A conjunct whose form differs from its head's belongs to the
    nearest verb above of its own form, when there is one."""
    head = verb.head
    if verb.tag_ == head.tag_ or verb.tag_ not in CONJUNCT_FORMS:
        return head
    above, steps = head, 0
    while above.dep_ in {"ccomp", "conj", "advcl"} and steps < MAX_CLIMB:
        above, steps = above.head, steps + 1
        if above.tag_ == verb.tag_:
            return above
    return head


def is_stranded_subject(token: Token) -> bool:
    """Whether a name is the stranded subject of the verb right after it (see above)."""
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return following is not None and _stranded_subject(following) == token


def _antecedent(token: Token) -> Token:
    """The noun a relative pronoun stands for ("leaders who hailed"), else the token itself."""
    if token.lower_ in word_lists().relative_words and token.head.dep_ == "relcl":
        return token.head.head
    return token
