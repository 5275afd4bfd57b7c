"""Reading title phrases around names: "Russian President", "the emir of Qatar", "then-President".

A title phrase is a role word with what modifies it: a country, organisation, body or party
before it ("White House spokesman"), a time word ("then-", "-elect", "former"), a
determiner or possessive, and a country after it ("of Spain").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from eventwire.actors.context import Context
from eventwire.actors.cues import TimeCue
from eventwire.actors.gazetteer import Hit
from eventwire.actors.knowledge import Entry

TERMINATORS = frozenset({",", ".", ";", ")", "--", "\u2014", "\u2013", ":", "!", "?"})
INDEFINITE = frozenset({"a", "an"})
MODIFIER_TAGS = frozenset({"JJ", "JJR", "JJS", "VBN", "VBG"})
APPOSITIVE_REACH = 10
TIED_TAIL = 4


@dataclass(frozen=True)
class TitlePhrase:
    """A role word at `role_start:end` read with its modifiers from `start`."""

    start: int
    end: int
    role_start: int
    role: Entry
    place: Entry | None = None
    body: Entry | None = None
    time: TimeCue | None = None
    possessor: int | None = None
    definite: bool = False

    @property
    def honorific(self) -> bool:
        """Whether the role word only marks a name ("Mr.", "Sheik")."""
        return self.role.kind == "honorific"


def read_before(ctx: Context, end: int) -> TitlePhrase | None:
    """The title phrase ending right before token `end`, read leftwards."""
    parsed = ctx.parsed
    i, after = end - 1, None
    if i >= 0 and parsed[i].lower_ in ctx.cues.after:
        after = ctx.cues.after[parsed[i].lower_]
        i -= 2 if i >= 1 and parsed[i - 1].text == "-" else 1
    hit = ctx.hit_ending(i + 1)
    if hit is None or not hit.roles or i < 0:
        return None
    phrase = TitlePhrase(hit.start, end, hit.start, _role_of(hit), time=after)
    if phrase.honorific:
        return phrase
    return _read_modifiers(ctx, phrase, hit.start - 1)


def _role_of(hit: Hit) -> Entry:
    """The role reading of a hit, titles before group nouns before honorifics."""
    order = {"title": 0, "group": 1, "honorific": 2}
    return min(hit.roles, key=lambda entry: order.get(entry.kind, 3))


def _read_modifiers(ctx: Context, phrase: TitlePhrase, i: int) -> TitlePhrase:
    """Extend a title phrase leftwards over places, bodies, time words and determiners."""
    parsed, cues = ctx.parsed, ctx.cues
    first = ctx.sentences.of(phrase.role_start).start
    while i >= first:
        token, hit = parsed[i], ctx.hit_ending(i + 1)
        if hit is not None and hit.places:
            place = _nearer_place(phrase.place, hit.places[0])
            body = phrase.body or (hit.places[0] if hit.places[0].sector else None)
            phrase, i = _extend(phrase, hit.start, place=place, body=body), hit.start - 1
        elif hit is not None and hit.roles and hit.roles[0].kind == "group":
            phrase, i = _extend(phrase, hit.start, body=phrase.body or hit.roles[0]), hit.start - 1
        elif token.tag_ == "POS" and ctx.hit_ending(i) is not None:
            i -= 1
        elif token.lower_ in cues.before:
            time = phrase.time or cues.before[token.lower_]
            phrase, i = _extend(phrase, i, time=time), i - 1
        elif token.text == "-" and i > first and parsed[i - 1].lower_ in cues.before:
            i -= 1
        elif token.lower_ == "the":
            return _extend(phrase, i, definite=True)
        elif token.lower_ in cues.possessives:
            return _extend(phrase, i, possessor=i, definite=True)
        elif _modifier(ctx, token):
            i -= 1
        else:
            break
    if phrase.place is not None and phrase.start < phrase.role_start:
        return _extend(phrase, phrase.start, definite=phrase.definite or _possessive(ctx, phrase))
    return phrase


def _nearer_place(found: Entry | None, further: Entry) -> Entry:
    """The place a title belongs to: the nearest, but a country over an organisation it serves
    ("the U.S.'s UN envoy" is American)."""
    if found is None:
        return further
    if found.kind == "organisation" and further.kind not in ("organisation", "party"):
        return further
    return found


def _extend(phrase: TitlePhrase, start: int, **changes: object) -> TitlePhrase:
    """The phrase starting at `start` with some readings set."""
    values = {**phrase.__dict__, "start": start, **changes}
    return TitlePhrase(**values)  # type: ignore[arg-type]


def _possessive(ctx: Context, phrase: TitlePhrase) -> bool:
    """Whether the phrase holds a possessive ("Norway's foreign minister")."""
    return any(t.tag_ == "POS" for t in ctx.parsed[phrase.start : phrase.role_start])


def _modifier(ctx: Context, token: Token) -> bool:
    """A word that may stand inside a title phrase without changing whom it names."""
    if token.i in ctx.hit_at:
        return False
    if token.tag_ in MODIFIER_TAGS and token.text.islower():
        return True
    if token.tag_ in ("NNP", "NNPS") and token.text[:1].isupper():
        return True
    if token.tag_ == "NN" and token.dep_ == "compound" and token.text.islower():
        return True
    if token.lower_ not in ("and", "&") or token.i == 0:
        return False
    before, after = token.nbor(-1), token.nbor(1)
    return before.text[:1].isupper() and before.i not in ctx.hit_at and after.i not in ctx.hit_at


def place_after(ctx: Context, i: int, ties: frozenset[str]) -> tuple[Entry, int] | None:
    """A country or organisation tied by "of" (or another tie word) at token `i`: entry, end."""
    parsed = ctx.parsed
    if i >= len(parsed) or parsed[i].lower_ not in ties:
        return None
    k = i + 1
    if k < len(parsed) and parsed[k].lower_ == "the":
        k += 1
    hit = ctx.hit_at.get(k)
    if hit is None or hit.start != k:
        return None
    places = [e for e in hit.places if e.kind not in ("adjective", "party")]
    return (places[0], hit.end) if places else None


def read_appositive(ctx: Context, start: int) -> tuple[TitlePhrase, int] | None:
    """A title phrase from token `start` to a comma or the sentence end: phrase, end."""
    parsed = ctx.parsed
    if start >= len(parsed):
        return None
    sentence_end = ctx.sentences.of(start).end
    last = min(sentence_end, start + APPOSITIVE_REACH)
    for end in range(start + 1, last + 1):
        phrase = read_before(ctx, end)
        if phrase is None or phrase.honorific or phrase.start != _phrase_start(ctx, start):
            continue
        phrase = _extend(phrase, start, definite=phrase.definite or parsed[start].lower_ == "the")
        tied = place_after(ctx, end, ctx.cues.tie_words_title)
        if tied is not None:
            phrase, end = _extend(phrase, start, place=tied[0]), _terminator(ctx, tied[1])
        if end >= sentence_end or parsed[end].text in TERMINATORS:
            return phrase, end
    return None


def _terminator(ctx: Context, i: int) -> int:
    """The next terminator within a few words after a tied place ("of NATO's Libya operation,")."""
    last = min(ctx.sentences.of(i - 1).end, i + TIED_TAIL)
    for j in range(i, last):
        if ctx.parsed[j].text in TERMINATORS:
            return j
    return i


def _phrase_start(ctx: Context, start: int) -> int:
    """Where a title phrase read from `start` begins: "the" belongs to it, "a"/"an" do not."""
    return start + 1 if ctx.parsed[start].lower_ in INDEFINITE else start
