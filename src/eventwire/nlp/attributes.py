"""The model's attribute rules (tag to part of speech, morphology, lemma exceptions), applied
through a lookup table instead of spaCy's generic `Matcher`.

`en_core_web_sm` maps every fine-grained tag to its part of speech with about 180 one- and
two-token rules. spaCy's `AttributeRuler` tries each rule at each token, which costs as much
as the dependency parser. The same rules, indexed by the tag and the lower-case form they
test, are checked only where they can match; the matches are then applied exactly as the
`AttributeRuler` applies them (rule order, later rules winning), so the annotations are the
same token for token. Rules using anything else than the tests below keep the stock ruler.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

LOGGER = logging.getLogger(__name__)

# The token attributes a rule may test, as spaCy ids: columns of `Doc.to_array`.
_ATTRS = {"TAG": TAG, "LOWER": LOWER, "DEP": DEP, "IS_SPACE": IS_SPACE}
_NAMES = tuple(_ATTRS)
_INDEXED = _NAMES  # attributes whose exact or IN values index the rules


class UnsupportedRule(ValueError):
    """A rule tests something the table does not handle."""


Test = Callable[[int], bool]


@dataclass(frozen=True)
class _Rule:
    """One Matcher pattern of one attribute group: token tests, the group's order and target."""

    group: int
    tests: tuple[tuple[tuple[int, Test], ...], ...]  # per token: (column, test on its value)
    index: int

    def matches_at(self, rows: list[list[int]], start: int) -> bool:
        """Whether the pattern matches the tokens from `start` (`rows`: one per token)."""
        if start + len(self.tests) > len(rows):
            return False
        for offset, tests in enumerate(self.tests):
            row = rows[start + offset]
            for column, test in tests:
                if not test(row[column]):
                    return False
        return True


class AttributeTable:
    """A drop-in for a spaCy `AttributeRuler`: same rules, same result, found by lookup."""

    def __init__(
        self, patterns: Sequence[Mapping[str, Any]], normalised: Sequence[dict], strings: Any
    ) -> None:
        """Compile the ruler's `patterns` (as `AttributeRuler.patterns` lists them) with the
        ruler's own normalised attributes (`AttributeRuler.attrs`) and the vocab's strings."""
        self.attrs = list(normalised)
        self._by_row: dict[tuple[int, ...], tuple[tuple[tuple[int, int], ...], tuple[_Rule, ...]]]
        self._by_row = {}
        self.by_value: dict[tuple[int, int], list[_Rule]] = {}
        self.anywhere: list[_Rule] = []
        for group, entry in enumerate(patterns):
            for pattern in entry["patterns"]:
                tests = tuple(_token_tests(spec, strings) for spec in pattern)
                rule = _Rule(group, tests, entry["index"])
                keys = _index_keys(pattern[0], strings)
                if keys is None:
                    self.anywhere.append(rule)
                for key in keys or ():
                    self.by_value.setdefault(key, []).append(rule)

    def __call__(self, doc: Doc) -> Doc:
        """Set the attributes of every rule that matches, in the ruler's order."""
        rows = doc.to_array([_ATTRS[name] for name in _NAMES]).tolist()
        matches: set[tuple[int, int, int, int]] = set()
        for i, row in enumerate(rows):
            key = tuple(row)
            found = self._by_row.get(key)
            if found is None:  # one-token rules depend on the token's four values alone
                found = self._by_row[key] = self._candidates(row)
            singles, longer = found
            matches.update((group, i, i + 1, index) for group, index in singles)
            for rule in longer:
                if rule.matches_at(rows, i):
                    matches.add((rule.group, i, i + len(rule.tests), rule.index))
        for group, start, end, index in sorted(matches):
            set_token_attrs(doc[start + index if index >= 0 else end + index], self.attrs[group])
        return doc

    def _candidates(self, row: list[int]) -> tuple[tuple[tuple[int, int], ...], tuple[_Rule, ...]]:
        """For a token's values: the one-token rules that match it (group, target), and the
        longer rules that may start at it."""
        lookup = self.by_value.get
        rules = [*self.anywhere, *lookup((0, row[0]), ()), *lookup((1, row[1]), ())]
        rules += [*lookup((2, row[2]), ()), *lookup((3, row[3]), ())]
        singles = tuple(
            (r.group, r.index) for r in rules if len(r.tests) == 1 and r.matches_at([row], 0)
        )
        return singles, tuple(r for r in rules if len(r.tests) > 1)

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterable[Doc]:
        """Apply to a stream of docs."""
        for doc in docs:
            yield self(doc)


def _token_tests(spec: Mapping[str, Any], strings: Any) -> tuple[tuple[int, Test], ...]:
    """The tests of one token pattern, on the columns of `_NAMES`."""
    tests = []
    for name, value in spec.items():
        if name not in _ATTRS:
            raise UnsupportedRule(f"token attribute {name}")
        tests.append((_NAMES.index(name), _test(value, strings)))
    return tuple(tests)


def _value_id(value: Any, strings: Any) -> int:
    """A pattern value as `Doc.to_array` gives it: a string's hash ("" is 0), a flag as 0/1."""
    if isinstance(value, bool):
        return int(value)
    return 0 if value == "" else strings.add(value)


def _test(value: Any, strings: Any) -> Test:
    """A predicate for a Matcher value: exact, IN, NOT_IN or REGEX."""
    if not isinstance(value, dict):
        wanted = _value_id(value, strings)
        return lambda got: got == wanted
    if len(value) != 1:
        raise UnsupportedRule(f"several operators {sorted(value)}")
    op, arg = next(iter(value.items()))
    if op == "IN":
        allowed = frozenset(_value_id(v, strings) for v in arg)
        return lambda got: got in allowed
    if op == "NOT_IN":
        barred = frozenset(_value_id(v, strings) for v in arg)
        return lambda got: got not in barred
    if op == "REGEX":
        return _regex_test(re.compile(arg), strings)
    raise UnsupportedRule(f"operator {op}")


def _regex_test(compiled: re.Pattern[str], strings: Any) -> Test:
    """A REGEX test on a string's hash, remembered per string."""
    seen: dict[int, bool] = {}

    def test(got: int) -> bool:
        found = seen.get(got)
        if found is None:
            found = seen[got] = bool(compiled.search(strings[got] if got else ""))
        return found

    return test


def _index_keys(first: Mapping[str, Any], strings: Any) -> list[tuple[int, int]] | None:
    """The (column, value) keys under which a pattern's first token can be found, or None
    when it must be tried at every token."""
    for name in _INDEXED:
        value = first.get(name)
        column = _NAMES.index(name)
        if isinstance(value, (str, bool)):
            return [(column, _value_id(value, strings))]
        if isinstance(value, dict) and set(value) == {"IN"}:
            return [(column, _value_id(v, strings)) for v in value["IN"]]
    return None


@Language.factory("eventwire_attribute_table")
def make_attribute_table(nlp: Language, name: str) -> AttributeTable | Callable[[Doc], Doc]:
    """The model's `attribute_ruler` compiled to a table (the ruler itself when it cannot be)."""
    ruler = nlp.get_pipe("attribute_ruler")
    try:
        return AttributeTable(ruler.patterns, ruler.attrs, nlp.vocab.strings)
    except UnsupportedRule as exc:
        LOGGER.debug("keeping spaCy's attribute ruler: %s", exc)
        return ruler


def use_attribute_table(nlp: Language) -> None:
    """Replace the pipeline's `attribute_ruler` by its table, in place."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    nlp.add_pipe("eventwire_attribute_table", name="attribute_table", after="attribute_ruler")
    nlp.remove_pipe("attribute_ruler")
