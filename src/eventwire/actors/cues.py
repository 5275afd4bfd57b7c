"""Resolution cues: the word lists and confidences the resolver reads, from `resolution.toml`."""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

from eventwire.actors.knowledge import KnowledgeError

ROLE_TIMES = frozenset({"current", "former", "elect"})


@dataclass(frozen=True)
class TimeCue:
    """What a word next to a title says about when the role holds."""

    time: str
    sector: str | None = None
    dated: bool = False


@dataclass(frozen=True)
class Confidence:
    """The confidence of each way of resolving a mention (reasons in resolution.toml)."""

    country_name: float
    metonym: float
    organisation: float
    capital_as_place: float
    adjective_alone: float
    group_with_country: float
    group_alone: float
    title_with_country: float
    title_country_from_directory: float
    country_from_story: float
    group_country_from_possessor: float
    title_without_name: float
    directory_dated: float
    directory_ambiguous: float
    directory_undated: float
    surname: float
    description: float
    description_ambiguous: float
    pronoun: float
    object_pronoun: float
    plural_pronoun: float
    follower: float
    descriptor: float
    kin: float


@dataclass(frozen=True)
class StoryCues:
    """How the story's country near a sentence is read, and what may take it (see [story])."""

    sentence: float
    sentence_reach: float
    previous: float
    document: float
    dateline: float
    lead: float
    lead_share: float
    margin: float
    sectors: frozenset[str]
    several_countries: frozenset[str]
    possessives: frozenset[str]
    kin_sectors: frozenset[str]


@dataclass(frozen=True)
class FollowerCues:
    """Words that tie a group to a named person it follows, and contest words before names."""

    nouns: frozenset[str]
    links: tuple[tuple[str, ...], ...]
    group_links: tuple[tuple[str, ...], ...]
    state_sectors: frozenset[str]
    descriptors: Mapping[str, str]


@dataclass(frozen=True)
class Cues:
    """Every word list of resolution.toml, folded to lower case where matching ignores case."""

    before: Mapping[str, TimeCue]
    after: Mapping[str, TimeCue]
    particles: frozenset[str]
    suffixes: frozenset[str]
    not_person_labels: frozenset[str]
    tie_words_title: frozenset[str]
    tie_words_group: frozenset[str]
    place_words: frozenset[str]
    negating_prefixes: frozenset[str]
    parties: Mapping[str, tuple[str, str]]
    pronouns: frozenset[str]
    possessives: frozenset[str]
    object_pronouns: frozenset[str]
    plural_pronouns: frozenset[str]
    neuter_pronouns: frozenset[str]
    counterpart_words: frozenset[str]
    leader_words: frozenset[str]
    leader_roles: frozenset[str]
    body_roles: frozenset[str]
    description_window: int
    cataphora_window: int
    anonymous_roles: frozenset[str]
    headline_capitalised_share: float
    report_lag_days: int
    story: StoryCues
    followers: FollowerCues
    confidence: Confidence

    def time_word(self, word: str) -> bool:
        """Whether a word is a role-time cue before or after a title."""
        return word.lower() in self.before or word.lower() in self.after


@functools.lru_cache(maxsize=1)
def packaged_cues() -> Cues:
    """The packaged cues, loaded once per process."""
    return load_cues()


def load_cues(extra: Path | str | None = None) -> Cues:
    """Read the packaged resolution.toml, then merge a user file of the same form over it."""
    item = resources.files("eventwire") / "data" / "actors" / "resolution.toml"
    data = _parse(item.read_text(encoding="utf-8"), "resolution.toml")
    if extra is not None:
        _merge(data, _parse(Path(extra).read_text(encoding="utf-8"), str(extra)))
    return _build(data)


def _parse(text: str, name: str) -> dict[str, Any]:
    """The TOML tables of a cues file, or E311."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise KnowledgeError("E311", f"{name}: not valid TOML ({err})") from None


def _merge(base: dict[str, Any], extra: Mapping[str, Any]) -> None:
    """Merge tables recursively: later values win, lists are replaced."""
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            _merge(base[key], value)
        else:
            base[key] = value


def _build(data: Mapping[str, Any]) -> Cues:
    """The validated cues record."""
    try:
        names, countries = data["names"], data["countries"]
        coref, timing = data["coreference"], data["role_time"]
        return Cues(
            before=_time_cues(timing["before"]),
            after=_time_cues(timing["after"]),
            particles=_words(names["particles"]),
            suffixes=frozenset(names["suffixes"]),
            not_person_labels=frozenset(names["not_person_labels"]),
            tie_words_title=_words(countries["tie_words_title"]),
            tie_words_group=_words(countries["tie_words_group"]),
            place_words=_words(countries["place_words"]),
            negating_prefixes=_words(countries["negating_prefixes"]),
            parties=MappingProxyType({k: (v[0], v[1]) for k, v in data["parties"].items()}),
            pronouns=_words(coref["pronouns"]),
            possessives=_words(coref["possessives"]),
            object_pronouns=_words(coref["object_pronouns"]),
            plural_pronouns=_words(coref["plural_pronouns"]),
            neuter_pronouns=_words(coref["neuter_pronouns"]),
            counterpart_words=_words(coref["counterpart_words"]),
            leader_words=_words(coref["leader_words"]),
            leader_roles=_words(coref["leader_roles"]),
            body_roles=_words(coref["body_roles"]),
            description_window=int(coref["description_window"]),
            cataphora_window=int(coref["cataphora_window"]),
            anonymous_roles=_words(coref["anonymous_roles"]),
            headline_capitalised_share=float(coref["headline_capitalised_share"]),
            report_lag_days=int(data["directory"]["report_lag_days"]),
            story=_story(data["story"]),
            followers=_followers(data["followers"]),
            confidence=_confidence(data["confidence"]),
        )
    except (KeyError, TypeError, IndexError, ValueError) as err:
        raise KnowledgeError(
            "E311", f"resolution cues: missing or mistyped entry ({err})"
        ) from None


def _story(table: Mapping[str, Any]) -> StoryCues:
    """The story weights and word lists; weights are not negative, shares within 0..1."""
    names = ("sentence", "previous", "document", "dateline", "lead")
    weights = {k: float(table[k]) for k in names}
    share, margin = float(table["lead_share"]), float(table["margin"])
    weights["sentence_reach"] = float(table["sentence_reach"])
    if (
        min(weights.values()) < 0
        or weights["sentence_reach"] <= 0
        or not 0.0 <= share <= 1.0
        or margin < 1.0
    ):
        raise KnowledgeError(
            "E311", "story weights must be >= 0, reach > 0, lead_share in 0..1, margin >= 1"
        )
    return StoryCues(
        **weights,
        lead_share=share,
        margin=margin,
        sectors=frozenset(table["sectors"]),
        several_countries=_words(table["several_countries"]),
        possessives=_words(table["possessives"]),
        kin_sectors=frozenset(table["kin_sectors"]),
    )


def _followers(table: Mapping[str, Any]) -> FollowerCues:
    """The follower nouns, the links to a name (longest first) and the contest words."""
    return FollowerCues(
        nouns=_words(table["nouns"]),
        links=_phrases(table["links"]),
        group_links=_phrases(table["group_links"]),
        state_sectors=frozenset(table["state_sectors"]),
        descriptors=MappingProxyType({k.lower(): str(v) for k, v in table["descriptors"].items()}),
    )


def _phrases(values: list[str]) -> tuple[tuple[str, ...], ...]:
    """Lower-case phrases as word tuples, the longest first (so "loyal to" before "to")."""
    return tuple(sorted((tuple(v.lower().split()) for v in values), key=len, reverse=True))


def _words(values: list[str]) -> frozenset[str]:
    """A word list folded to lower case."""
    return frozenset(value.lower() for value in values)


def _time_cues(table: Mapping[str, Mapping[str, Any]]) -> Mapping[str, TimeCue]:
    """Role-time words with what each says; the time must be current, former or elect."""
    cues = {}
    for word, value in table.items():
        cue = TimeCue(value["time"], value.get("sector"), bool(value.get("dated", False)))
        if cue.time not in ROLE_TIMES:
            raise KnowledgeError("E311", f"role time of {word!r} must be one of {ROLE_TIMES}")
        cues[word.lower()] = cue
    return MappingProxyType(cues)


def _confidence(table: Mapping[str, Any]) -> Confidence:
    """Every confidence named by the Confidence record, each within 0..1."""
    values = {f.name: float(table[f.name]) for f in fields(Confidence)}
    for name, value in values.items():
        if not 0.0 <= value <= 1.0:
            raise KnowledgeError("E311", f"confidence {name} = {value} is not within 0..1")
    return Confidence(**values)
