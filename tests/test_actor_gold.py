"""The three example articles: every gold person resolves to the right country and role.

Documents are the files of `data/articles` (id = file stem) with the gold publication date.
A gold person is found when some person mention of theirs carries the gold country and role,
compared as `benchmarks/actors_gsr.gold_person_found` says: roles by their canonical form
("spokesman" is "spokesperson", "President-elect" is president with role time elect), a gold
"challenger" by any opposition role, and `as_of` where the gold gives it.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType

import pytest
from actors_gsr import document, gold_person_found, person_reading

from eventwire.actors.knowledge import Knowledge, packaged_knowledge
from eventwire.actors.resolve import resolve_actors

ARTICLES = ("000_bf22fb997eb667c3", "003_23d09bed22f10816", "004_253e49cc8d59382d")
# Found from the text alone, without the seed persons: a floor, not the goal. Misses: Obama,
# titled without a country, takes the document's main country (RUS) in 000 and 003; Romney
# is never titled in 003; Medvedev in 004 has no country in the text and no main country.
TEXT_ALONE_FLOOR = {"000_bf22fb997eb667c3": 9, "003_23d09bed22f10816": 4, "004_253e49cc8d59382d": 4}


@pytest.fixture(scope="module")
def knowledge() -> Knowledge:
    """The packaged knowledge, seed persons included."""
    return packaged_knowledge()


def gold_docs(shared: Path) -> dict[str, dict]:
    """The gold document records by id."""
    lines = (shared / "gold" / "articles.docs.jsonl").read_text(encoding="utf-8").splitlines()
    return {row["doc"]: row for row in map(json.loads, filter(None, lines))}


def score(shared: Path, nlp, knowledge: Knowledge, doc_id: str) -> tuple[list[str], int]:
    """The gold persons missed in one article (with what was found), and their number."""
    row = gold_docs(shared)[doc_id]
    text = (shared / "articles" / f"{doc_id}.txt").read_text(encoding="utf-8")
    mentions = resolve_actors(document(doc_id, text, row["published"]), nlp(text), knowledge)
    missed = [
        f"{gold['name']} ({gold['country']}, {gold['role']}): {person_reading(gold, mentions)}"
        for gold in row["persons"]
        if not gold_person_found(gold, mentions, knowledge)
    ]
    return missed, len(row["persons"])


@pytest.mark.parametrize("doc_id", ARTICLES)
def test_every_gold_person_resolves_to_country_and_role(
    shared_data: Path, nlp, knowledge: Knowledge, doc_id: str
) -> None:
    missed, total = score(shared_data, nlp, knowledge, doc_id)
    print(f"{doc_id}: {total - len(missed)}/{total} gold persons right")
    assert not missed, missed


@pytest.mark.parametrize("doc_id", ARTICLES)
def test_gold_persons_resolve_from_the_text_without_seed_persons(
    shared_data: Path, nlp, knowledge: Knowledge, doc_id: str
) -> None:
    bare = replace(knowledge, persons=(), person_index=MappingProxyType({}))
    missed, total = score(shared_data, nlp, bare, doc_id)
    print(f"{doc_id} without seed persons: {total - len(missed)}/{total}; missed {missed}")
    assert total - len(missed) >= TEXT_ALONE_FLOOR[doc_id], missed
