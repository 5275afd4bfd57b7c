"""Resolve every mention of a political actor in a parsed document.

The steps follow the data flow: knowledge phrases (gazetteer), names, titled persons, names
seen before or known to the directory, descriptions, groups and places, the groups that
follow a named person, the countries of groups the text ties through a possessive, the named
actors of their sector or the story, then pronouns. Each step claims the tokens it resolves,
so a later, weaker step never reads them again.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from spacy.tokens import Doc

from eventwire.actors.candidates import Candidate, to_mentions
from eventwire.actors.context import Context, build_context
from eventwire.actors.coref import link_names, resolve_pronouns
from eventwire.actors.cues import Cues, packaged_cues
from eventwire.actors.descriptions import find_descriptions, resolve_description
from eventwire.actors.directory import PersonDirectory, directory_for
from eventwire.actors.followers import find_followers, follow_leaders
from eventwire.actors.gazetteer import find_hits, is_headline
from eventwire.actors.groups import find_groups, find_places, with_countries
from eventwire.actors.knowledge import Knowledge, Person
from eventwire.actors.names import NameRun, find_names
from eventwire.actors.sentences import split_sentences
from eventwire.actors.titles import titled_person, with_counterparts
from eventwire.records import Document, Mention

LOGGER = logging.getLogger(__name__)


def resolve_actors(
    document: Document,
    parsed: Doc,
    knowledge: Knowledge,
    persons: Sequence[Person] | PersonDirectory = (),
    cues: Cues | None = None,
) -> list[Mention]:
    """Every actor mention of a document, in text order, each with how it was resolved.

    `persons` are persons known beyond the seed persons of `knowledge` (from the store's
    knowledge base); pass a `PersonDirectory` built once with `build_directory` when there
    are many of them.
    """
    cues = cues or packaged_cues()
    directory = directory_for(knowledge, persons)
    sentences = split_sentences(parsed)
    hits = find_hits(parsed, sentences, knowledge, cues)
    ctx = build_context(document, parsed, knowledge, cues, directory, hits, sentences)
    found = resolve_candidates(ctx)
    LOGGER.debug("%s: %d actor mentions", document.doc_id, len(found))
    return to_mentions(document, sentences, found)


def resolve_candidates(ctx: Context) -> list[Candidate]:
    """The resolved candidates of one document, step by step."""
    persons = _described(ctx, _named_persons(ctx))
    claimed = _tokens(persons)
    groups = follow_leaders(ctx, list(find_groups(ctx, claimed)), persons)
    groups += find_followers(ctx, persons, claimed | _tokens(groups))
    places = list(find_places(ctx, claimed | _tokens(groups)))
    found = with_countries(ctx, [*persons, *groups, *places])
    others = [c for c in found if c.kind != "person"]
    found = [*found, *resolve_pronouns(ctx, persons, others)]
    if LOGGER.isEnabledFor(logging.DEBUG):
        for c in found:
            LOGGER.debug(
                "%r: %s, %s", ctx.document.text[c.start_char : c.end_char], c.method, c.reason
            )
    return found


def _named_persons(ctx: Context) -> list[Candidate]:
    """Titled names first; then names seen before in the document or known to the directory."""
    taken = {i for hit in ctx.hits for i in range(hit.start, hit.end)}
    runs = [
        _headline_trimmed(ctx, run)
        for run in find_names(ctx.parsed, ctx.sentences, taken, ctx.cues)
    ]
    titled = _without_overlaps([c for run in runs if (c := titled_person(ctx, run))])
    claimed = _tokens(titled)
    rest = [run for run in runs if run.start not in claimed]
    return with_counterparts(ctx, sorted([*titled, *link_names(ctx, rest, titled)], key=_at))


def _headline_trimmed(ctx: Context, run: NameRun) -> NameRun:
    """In a title-case line every word is capitalised, so a name runs on into the words after
    it ("President Obama Thanks World"): cut such a run to the longest start the directory
    knows, when it knows none of the whole."""
    if (
        len(run.words) < 2
        or not is_headline(ctx.sentences.of(run.start), ctx.cues)
        or ctx.person_named(run.text)
    ):
        return run
    for end in range(run.end - 1, run.start, -1):
        span = ctx.parsed[run.start : end]
        if ctx.person_named(span.text):
            return NameRun(run.start, end, span.text, run.person_entity)
    return run


def _described(ctx: Context, persons: list[Candidate]) -> list[Candidate]:
    """The persons with the descriptions and unnamed office holders added, in text order."""
    found = list(persons)
    for description in find_descriptions(ctx, _tokens(persons)):
        resolved = resolve_description(ctx, description, found)
        if resolved is not None:
            found = sorted([*found, resolved], key=_at)
    return found


def _at(candidate: Candidate) -> int:
    """Sort key: the first token."""
    return candidate.start


def _tokens(candidates: Sequence[Candidate]) -> set[int]:
    """The tokens some candidate covers."""
    return {i for c in candidates for i in c.tokens()}


def _without_overlaps(candidates: list[Candidate]) -> list[Candidate]:
    """Candidates that share no token, the earlier kept (an appositive may reach the next name)."""
    kept: list[Candidate] = []
    used: set[int] = set()
    for candidate in sorted(candidates, key=_at):
        if used.isdisjoint(candidate.tokens()):
            kept.append(candidate)
            used.update(candidate.tokens())
    return kept
