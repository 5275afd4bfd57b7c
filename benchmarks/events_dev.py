"""Event coding on the development sets, without ingest: gold triples and PLOVER sentences.

Run from the repository root: `python benchmarks/events_dev.py [path/to/shared] [--out DIR]`.
1. The annotated reports (3 seeds + 20 dev) are written by `tools/gold_inputs.py`, parsed,
   their actors resolved and their events coded; the events are written as JSON Lines in
   the record of `data/gold/FORMAT.md` and scored by `tools/score_events.py`.
2. Each sentence of `data/plover_gsr/PLOVER_GSR_dev.json` is coded on its own; a sentence
   is right when one of its events has the gold PLOVER type (0.5b1 labels mapped as the
   README there says) and a source of the gold source country.
Actors come from `eventwire.actors.resolve` when it is installed, else from a plain
dictionary look-up of the packaged knowledge (names, adjectives, capitals, role words).
Events without a PLOVER type (CAMEO 01, public statements) are not written.
`--story-country` is a diagnostic of the actor stage: it shows what the scores would be if
unqualified domestic mentions ("police", "the protesters") carried the story's country.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import logging
import subprocess
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from spacy.tokens import Doc

from eventwire.actors.knowledge import Knowledge, packaged_knowledge
from eventwire.events.coder import code_events
from eventwire.ingest.ids import content_hash
from eventwire.nlp import load_pipeline
from eventwire.records import Document, EventRecord, Mention, PublishedDate

LOGGER = logging.getLogger("events_dev")
DEFAULT_SHARED = Path(__file__).resolve().parents[2] / "shared"
GSR_LABELS = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE"}
GSR_LABELS |= {"FIGHT": "ASSAULT"}
GENERIC_CODES = {"IGO": "IGO", "NGO": "NGO"}
LOWER_GROUPS = {"police", "protesters", "troops", "rebels", "government", "army", "soldiers"}
Resolver = Callable[[Document, Doc], list[Mention]]


def make_resolver(knowledge: Knowledge, story_country: bool = False) -> Resolver:
    """The project's actor resolver when present, else the dictionary look-up below;
    with `story_country`, mentions without a country take the document's main one."""
    try:
        from eventwire.actors.resolve import resolve_actors
    except ImportError:
        LOGGER.warning("eventwire.actors.resolve is missing: using dictionary mentions")

        def resolve_actors(document, parsed, knowledge):  # noqa: ANN001, ANN202
            return dictionary_mentions(document.doc_id, parsed, knowledge)

    def resolve(document: Document, parsed: Doc) -> list[Mention]:
        mentions = list(resolve_actors(document, parsed, knowledge))
        return with_story_country(mentions) if story_country else mentions

    return resolve


def with_story_country(mentions: Sequence[Mention]) -> list[Mention]:
    """Diagnostic only: give domestic mentions without a country the document's most
    mentioned country (what a coder reading the whole story would do)."""
    counts = Counter(m.country for m in mentions if m.country and m.sector != "IGO")
    if not counts:
        return list(mentions)
    main = counts.most_common(1)[0][0]
    return [
        replace(m, country=main) if m.country is None and m.sector not in {None, "IGO"} else m
        for m in mentions
    ]


def dictionary_mentions(doc_id: str, parsed: Doc, knowledge: Knowledge) -> list[Mention]:
    """Mentions of the longest known phrases (up to four words), left to right."""
    found: list[Mention] = []
    position = 0
    while position < len(parsed):
        for size in (4, 3, 2, 1):
            span = parsed[position : position + size]
            if len(span) < size or (size == 1 and not _may_name(span.text)):
                continue
            entries = [e for e in knowledge.lookup(span.text) if e.code or e.sector]
            if entries:
                entry = entries[0]
                sentence = next(i for i, s in enumerate(parsed.sents) if s.end > span.start)
                kind = "organisation" if entry.kind == "organisation" else "country"
                found.append(
                    Mention(doc_id, sentence, span.start_char, span.end_char, span.text,
                            kind, "dictionary", 0.5, country=entry.code, sector=entry.sector)
                )  # fmt: skip
                position = span.end
                break
        else:
            position += 1
    return found


def _may_name(word: str) -> bool:
    """Whether one word may be an actor on its own: capitalised, or a common group noun."""
    return word[:1].isupper() or word.lower() in LOWER_GROUPS


def documents(input_path: Path) -> list[Document]:
    """The gold inputs as documents with their publication dates."""
    found = []
    for line in input_path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        published = row.get("published")
        date = None
        if published:
            precision = {4: "year", 7: "month", 10: "day"}[len(published)]
            date = PublishedDate(published, precision)  # type: ignore[arg-type]
        found.append(
            Document(row["id"], row["text"], content_hash(row["text"]), str(input_path),
                     title=row.get("title"), published=date)
        )  # fmt: skip
    return found


def code_all(docs: Sequence[Document], resolve: Resolver) -> list[EventRecord]:
    """Parse, resolve and code every document."""
    nlp = load_pipeline()
    events: list[EventRecord] = []
    for parsed, document in nlp.pipe(((d.text, d) for d in docs), as_tuples=True):
        events.extend(code_events(document, parsed, resolve(document, parsed)))
    return events


def export_row(event: EventRecord, text: str) -> dict:
    """An event as the JSON record of FORMAT.md (plus the pattern and CAMEO name)."""

    def actor(a):  # noqa: ANN001, ANN202
        return None if a is None else {"text": a.text, "country": a.country, "sector": a.sector}

    return {
        "doc_id": event.doc_id,
        "event_type": event.plover_type,
        "cameo": event.cameo,
        "source": actor(event.source),
        "target": actor(event.target),
        "date": event.date.value if event.date else None,
        "modality": event.modality,
        "evidence": text[event.start : event.end],
        "sentence": text[event.sentence_start : event.sentence_end],
        "pattern": event.pattern,
    }


def write_events(events: Iterable[EventRecord], texts: dict[str, str], out: Path) -> int:
    """Write the events with a PLOVER type as JSON Lines; how many were written."""
    rows = [export_row(e, texts[e.doc_id]) for e in events if e.plover_type]
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return len(rows)


def gsr_score(path: Path, resolve: Resolver, knowledge: Knowledge) -> tuple[int, int, list]:
    """Sentences with the right PLOVER type and source country, the total, and the misses."""
    records = json.loads(path.read_text(encoding="utf-8"))
    docs = [Document(r["id"], r["text"], content_hash(r["text"]), "gsr") for r in records]
    events_by_doc: dict[str, list[EventRecord]] = {}
    for event in code_all(docs, resolve):
        events_by_doc.setdefault(event.doc_id, []).append(event)
    right, misses = 0, []
    for record in records:
        wanted = GSR_LABELS.get(record["event"], record["event"])
        sources = {_iso(a.get("code"), knowledge) for a in record.get("source") or []}
        got = events_by_doc.get(record["id"], [])
        if any(e.plover_type == wanted and _source_fits(e, sources) for e in got):
            right += 1
        else:
            found = [(e.plover_type, e.source.country, e.source.sector) for e in got]
            misses.append((record["id"], wanted, sorted(s for s in sources if s), found))
    return right, len(records), misses


def _iso(code: str | None, knowledge: Knowledge) -> str | None:
    """The ISO code of a GSR actor code ("JAP" -> "JPN"); IGO and NGO stay generic."""
    if not code:
        return None
    if code in GENERIC_CODES:
        return code
    country = knowledge.country(code)
    return country.code if country else code


def _source_fits(event: EventRecord, sources: set[str | None]) -> bool:
    """Whether the event's source is one of the gold sources (generic IGO/NGO by sector)."""
    actor = event.source
    return actor.country in sources or (actor.sector in sources and actor.sector is not None)


def print_split(scorer: Path, out: Path) -> None:
    """Triple scores of the seed reports and of the dev reports apart."""
    spec = importlib.util.spec_from_file_location("score_events", scorer)
    if spec is None or spec.loader is None:
        return
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    gold = _jsonl(out / "gold.events.jsonl")
    pred = _jsonl(out / "events.jsonl")
    for name, dev in (("seed", False), ("dev", True)):
        keep = {g["doc"] for g in gold if g["doc"].startswith("d") == dev}
        s = module.score(
            [g for g in gold if g["doc"] in keep], [p for p in pred if p["doc_id"] in keep]
        )
        print(
            f"{name} ({len(keep)} reports): P={s['precision']:.2f} R={s['recall']:.2f} "
            f"F1={s['f1']:.2f}"
        )


def _jsonl(path: Path) -> list[dict]:
    """The records of a JSON Lines file."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def main(argv: Sequence[str] | None = None) -> int:
    """Run both measures and print them."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shared", nargs="?", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--out", type=Path, default=Path("/tmp/eventwire-events-dev"))
    parser.add_argument("--misses", action="store_true", help="list the GSR sentences missed")
    parser.add_argument(
        "--story-country",
        action="store_true",
        help="diagnostic: domestic mentions without a country take the story's main country",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    tools = args.shared / "tools"
    args.out.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, tools / "gold_inputs.py", args.out], check=True)
    knowledge = packaged_knowledge()
    resolve = make_resolver(knowledge, args.story_country)
    docs = documents(args.out / "input.jsonl")
    written = write_events(
        code_all(docs, resolve), {d.doc_id: d.text for d in docs}, args.out / "events.jsonl"
    )
    print(f"{written} events written to {args.out / 'events.jsonl'}")
    score = [sys.executable, tools / "score_events.py", args.out / "gold.events.jsonl"]
    score += [args.out / "events.jsonl", "--docs", args.out / "gold.docs.jsonl"]
    subprocess.run(score, check=True)
    print_split(tools / "score_events.py", args.out)
    gsr = args.shared / "data" / "plover_gsr" / "PLOVER_GSR_dev.json"
    right, total, misses = gsr_score(gsr, resolve, knowledge)
    print(f"PLOVER GSR: right type and source country on {right}/{total} = {right / total:.3f}")
    if args.misses:
        for miss in misses:
            print("  miss", *miss)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
