"""Actor resolution measured on the PLOVER gold sentences and the development articles' persons.

Run from the repository root: `python benchmarks/actors_gsr.py [path/to/shared]`.
The data are read where they are kept (`../shared/data`); nothing is copied.

1. PLOVER_GSR_dev.json: for each gold source and target actor whose code is a country
   (`Knowledge.country(code)`, so "JAP" is Japan), is that country among the countries of
   the mentions resolved in the sentence? The sentence is resolved with no publication
   date. Target: >= 0.85. Misses are grouped by cause.
2. dev/docs_C.jsonl, docs_D.jsonl: is each gold person of the 20 development articles
   resolved to the right country, and to a role the gold role names? (An untuned check.)

The comparison of a gold person with the mentions (`gold_person_found`) is the one the
gold-article test uses; its rules are in its docstring.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType

from eventwire.actors.knowledge import Knowledge, fold, packaged_knowledge
from eventwire.actors.resolve import resolve_actors
from eventwire.nlp import load_pipeline
from eventwire.records import Document, Mention, PublishedDate

DEFAULT_SHARED = Path(__file__).resolve().parents[2] / "shared"
TARGET = 0.85
SUFFIXES = frozenset({"ii", "iii", "iv", "jr.", "jr", "sr.", "sr"})


def document(doc_id: str, text: str, published: str | None) -> Document:
    """A document built for measuring, with its gold publication day when given."""
    date = PublishedDate(published, "day") if published else None
    return Document(doc_id, text, content_hash=doc_id, source="benchmark", published=date)


def same_person(gold_name: str, mention_name: str | None) -> bool:
    """Whether a mention's name is the gold person's: the same full name, or the same surname
    with first names agreeing on their first four letters ("Dmitri"/"Dmitry") or absent."""
    if not mention_name:
        return False
    gold, found = fold(gold_name).split(), fold(mention_name).split()
    if gold == found:
        return True
    gold_core = [w for w in gold if w not in SUFFIXES]
    found_core = [w for w in found if w not in SUFFIXES]
    if not gold_core or not found_core or gold_core[-1] not in found_core:
        return False
    return len(gold_core) == 1 or len(found_core) == 1 or gold_core[0][:4] == found_core[0][:4]


def canonical_role(role: str, knowledge: Knowledge) -> tuple[str | None, str, str | None]:
    """A gold role as (canonical role, role time, sector) through roles.tsv; "-elect" split off."""
    text, time = role.strip(), "current"
    for marker in ("-elect", " elect"):
        if text.lower().endswith(marker):
            text, time = text[: -len(marker)], "elect"
    entries = [e for e in knowledge.lookup(text.lower()) if e.kind in ("title", "group")]
    if not entries:
        return None, time, None
    return entries[0].role, time, entries[0].sector


def role_agrees(gold: dict, mention: Mention, knowledge: Knowledge) -> bool:
    """Roles compare by their canonical form (case-insensitive; "spokesman" is "spokesperson").

    A gold "challenger" agrees with any opposition role (sector OPP: "presidential
    candidate", "challenger"). A gold role with `as_of` needs the same `as_of`; one without
    needs a role the mention does not mark as past. "President-elect" needs role time elect.
    """
    role, time, sector = canonical_role(gold["role"], knowledge)
    if gold.get("as_of"):
        if mention.as_of != gold["as_of"]:
            return False
    elif mention.role_time == "former":
        return False
    if time == "elect" and mention.role_time != "elect":
        return False
    if sector == "OPP" and role == "challenger":
        return mention.sector == "OPP"
    wanted = role or gold["role"].lower()
    return (mention.role or "").lower() == wanted


def gold_person_found(gold: dict, mentions: Sequence[Mention], knowledge: Knowledge) -> bool:
    """Whether some mention of the gold person has the gold country and role."""
    return any(
        m.kind == "person"
        and same_person(gold["name"], m.name)
        and m.country == gold["country"]
        and role_agrees(gold, m, knowledge)
        for m in mentions
    )


def person_reading(gold: dict, mentions: Sequence[Mention]) -> str:
    """How the mentions of a gold person were resolved, for a miss report."""
    found = {
        (m.country, m.role, m.role_time, m.as_of, m.method)
        for m in mentions
        if m.kind == "person" and same_person(gold["name"], m.name)
    }
    return "; ".join(sorted(map(str, found))) or "no mention"


def loose_role_agrees(gold_role: str, mention: Mention, knowledge: Knowledge) -> bool:
    """For free-text dev roles: the mention's role is one the gold role's words name."""
    words = gold_role.lower().replace(",", " ").split()
    named = {gold_role.lower()}
    for size in (3, 2, 1):
        for i in range(len(words) - size + 1):
            for entry in knowledge.lookup(" ".join(words[i : i + size])):
                if entry.role:
                    named.add(entry.role)
    if "premier" in words or "prime" in words:
        named.add("prime minister")
    return (mention.role or "") in named or (mention.role or "-") in gold_role.lower()


def run_gsr(shared: Path, knowledge: Knowledge) -> float:
    """The share of country-coded gold actors found among the sentence's countries."""
    nlp = load_pipeline()
    records = json.loads((shared / "data" / "plover_gsr" / "PLOVER_GSR_dev.json").read_text())
    right, total = 0, 0
    misses: dict[str, list[str]] = defaultdict(list)
    for record in records:
        text = record["text"]
        mentions = resolve_actors(document(record["id"], text, None), nlp(text), knowledge)
        countries = {m.country for m in mentions if m.country}
        for actor in _actors(record):
            country = knowledge.country(actor.get("code") or "")
            if country is None:
                continue
            total += 1
            if country.code in countries:
                right += 1
            else:
                cause = _cause(text, actor, country.code, mentions, knowledge)
                misses[cause].append(f"{actor['actorText']!r} {country.code} in: {text[:90]}")
    share = right / total if total else 0.0
    print(f"PLOVER GSR dev: {right}/{total} country-coded actors found = {share:.3f}")
    print(f"(target {TARGET}: {'met' if share >= TARGET else 'NOT met'})")
    for cause, items in sorted(misses.items(), key=lambda pair: -len(pair[1])):
        print(f"  {len(items):3d}  {cause}")
        for item in items:
            print(f"         {item}")
    return share


def _actors(record: dict) -> list[dict]:
    """The source and target actors of a record that are objects."""
    found = []
    for key in ("source", "target"):
        value = record.get(key)
        if isinstance(value, list):
            found.extend(a for a in value if isinstance(a, dict))
    return found


def _cause(
    text: str, actor: dict, code: str, mentions: Sequence[Mention], knowledge: Knowledge
) -> str:
    """Why a gold actor's country was missed, as one of a few causes."""
    words = " ".join(actor["actorText"].replace("...", " ").split())
    start = text.find(words.split()[0]) if words else -1
    span = (start, start + len(words)) if start >= 0 else (-1, -1)
    over = [m for m in mentions if m.start < span[1] and span[0] < m.end]
    if over:
        return "resolved to another country or none: " + ", ".join(
            sorted({f"{m.text!r}->{m.country}" for m in over})
        )
    country = knowledge.countries[code]
    own = {fold(w) for w in (*country.names, *country.adjectives, *country.demonyms)}
    if any(fold(w).strip(".,'s") in own for w in words.replace("-", " ").split()):
        return "country word written but not found (spelling, case or tokenisation)"
    return "country not written in the actor's words (a place, group or person to know)"


def run_dev_persons(shared: Path, knowledge: Knowledge) -> tuple[int, int, int]:
    """Dev persons with the right country, and with the right country and role."""
    nlp = load_pipeline()
    dev = shared / "data" / "dev"
    country_right = role_right = total = 0
    parse_s = resolve_s = 0.0
    misses: Counter[str] = Counter()
    for docs in sorted(dev.glob("docs_*.jsonl")):
        for line in docs.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            text = (dev / "articles" / f"{row['doc']}.txt").read_text(encoding="utf-8")
            began = time.perf_counter()
            parsed = nlp(text)
            parse_s += time.perf_counter() - began
            began = time.perf_counter()
            mentions = resolve_actors(
                document(row["doc"], text, row["published"]), parsed, knowledge
            )
            resolve_s += time.perf_counter() - began
            for gold in row.get("persons", []):
                total += 1
                mine = [
                    m for m in mentions if m.kind == "person" and same_person(gold["name"], m.name)
                ]
                if any(m.country == gold["country"] for m in mine):
                    country_right += 1
                    if any(
                        m.country == gold["country"]
                        and loose_role_agrees(gold["role"], m, knowledge)
                        for m in mine
                    ):
                        role_right += 1
                        continue
                misses[
                    f"{row['doc']} {gold['name']} ({gold['country']}, {gold['role']}): "
                    + person_reading(gold, mentions)
                ] += 1
    print(
        f"dev persons: country right {country_right}/{total}, country and role {role_right}/{total}"
    )
    for miss in misses:
        print(f"   miss: {miss}")
    print(f"dev articles: parse {parse_s:.2f} s, resolution {resolve_s:.2f} s")
    return country_right, role_right, total


def main(shared: Path, seeds: bool = True) -> int:
    """Print both measures; exit 1 when the GSR share is below target."""
    if not (shared / "data").is_dir():
        print(f"no shared data at {shared}")
        return 2
    knowledge = packaged_knowledge()
    if not seeds:
        knowledge = replace(knowledge, persons=(), person_index=MappingProxyType({}))
    share = run_gsr(shared, knowledge)
    run_dev_persons(shared, knowledge)
    return 0 if share >= TARGET else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shared", nargs="?", type=Path, default=DEFAULT_SHARED)
    parser.add_argument(
        "--without-seed-persons", action="store_true", help="resolve from the text alone"
    )
    arguments = parser.parse_args()
    raise SystemExit(main(arguments.shared, not arguments.without_seed_persons))
