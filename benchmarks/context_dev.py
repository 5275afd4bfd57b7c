"""Clause context (modality, event date) measured on the gold events of the development set.

Run from the repository root: `python benchmarks/context_dev.py [path/to/shared] [-v]`.
The articles are read where they are kept (`../shared/data`); nothing is copied.

A rough proxy of the event coder: each gold event's `evidence` words are found in the
article text and a trigger is picked among them, which goes to `clause_modality` and
`event_date` with the gold publication date. Two pickers are measured:

- `first`: the first VERB or NOUN of the evidence. The evidence often begins with the
  source actor ("leaders", "government") or a reporting verb ("said"), so this trigger is
  often not the event word;
- `head`: the first VERB of the evidence that is not in a subject, not a reporting verb and
  not a word of modality ("expected", "ready"); failing that, such a NOUN; failing that,
  the `first` pick. Closer to what a coder picks, still a guess.

The figures say how the context rules fare on these proxies, not what the coder will
score. Reported for each picker:

- date agreement at gold precision (a day may be off by one), for all events and for
  background events (gold date not within one day of publication, or not a day), where the
  date must also be exact as FORMAT.md's background dating asks;
- the same for the baseline that dates every event by its publication day;
- modality: of the gold events that are not asserted, the share not predicted asserted;
  of the events predicted asserted, the share gold asserted (asserted precision); and
  how many gold asserted events are predicted otherwise.
With `-v` every disagreement is listed with its sentence, to find general gaps.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from spacy.tokens import Doc, Token

from eventwire.events.attribution import is_reporting_verb
from eventwire.events.modality import clause_modality
from eventwire.events.when import event_date
from eventwire.nlp import load_pipeline
from eventwire.records import EventDate, PublishedDate

DEFAULT_SHARED = Path(__file__).resolve().parents[2] / "shared"
PRECISIONS = {4: "year", 7: "month", 10: "day"}


@dataclass(frozen=True)
class Case:
    """One gold event with its trigger and the context read for it."""

    event: dict
    published: str
    trigger: Token
    predicted_date: EventDate | None
    predicted_modality: str
    picker: str


def read_jsonl(path: Path) -> list[dict]:
    """The records of a JSON Lines file."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def load(shared: Path) -> tuple[dict[str, str], dict[str, str], list[dict]]:
    """Publication dates and texts by document id, and the gold events."""
    data = shared / "data"
    docs = read_jsonl(data / "gold" / "articles.docs.jsonl")
    events = read_jsonl(data / "gold" / "articles.events.jsonl")
    for path in sorted((data / "dev").glob("docs_*.jsonl")):
        docs += read_jsonl(path)
    for path in sorted((data / "dev").glob("events_*.jsonl")):
        events += read_jsonl(path)
    texts = {
        path.stem: path.read_text(encoding="utf-8")
        for folder in (data / "articles", data / "dev" / "articles")
        for path in sorted(folder.glob("*.txt"))
    }
    return {doc["doc"]: doc["published"] for doc in docs}, texts, events


def locate(text: str, evidence: str) -> tuple[int, int] | None:
    """Where the evidence words stand in the text, allowing for spacing and quote marks."""
    start = text.find(evidence)
    if start >= 0:
        return start, start + len(evidence)
    words = [re.escape(word) for word in re.findall(r"\w+", evidence)]
    if not words:
        return None
    found = re.search(r"\W+".join(words), text)
    return (found.start(), found.end()) if found else None


def pick_first(doc: Doc, start: int, end: int) -> Token | None:
    """The first VERB or NOUN in a character span of the parsed text."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    return next((token for token in span if token.pos_ in ("VERB", "NOUN")), None)


def pick_head(doc: Doc, start: int, end: int) -> Token | None:
    """The first event-like VERB (else NOUN) of the span: not a subject, report or modal word."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    for pos in ("VERB", "NOUN"):
        for token in span:
            if token.pos_ == pos and not in_subject(token) and not is_frame_word(token):
                return token
    return pick_first(doc, start, end)


def in_subject(token: Token) -> bool:
    """Whether a token belongs to the subject of the nearest verb above it."""
    node = token
    while node.head.i != node.i:
        if node.dep_ in ("nsubj", "nsubjpass"):
            return True
        if node.head.pos_ in ("VERB", "AUX") and node.dep_ not in ("relcl", "acl", "appos"):
            return False
        node = node.head
    return False


# Words of modality that frame an event without being one; the other governing words of
# modality.tsv ("asked to", "refused to", "agreed to") are events themselves.
FRAMES = frozenset(
    {
        "expect",
        "ready",
        "due",
        "set",
        "schedule",
        "likely",
        "unlikely",
        "plan",
        "intend",
        "hope",
        "want",
        "wish",
        "look",
        "suppose",
        "prepare",
        "prepared",
        "willing",
        "aim",
        "need",
    }
)


def is_frame_word(token: Token) -> bool:
    """Whether a word frames an event rather than being one ("said", "expected")."""
    return is_reporting_verb(token) or token.lemma_.lower() in FRAMES


PICKERS = {"first": pick_first, "head": pick_head}


def date_agrees(predicted: EventDate | None, gold: str, exact: bool = False) -> bool:
    """Whether a predicted date carries the gold date at the gold precision."""
    if predicted is None or predicted.precision != PRECISIONS[len(gold)]:
        return False
    if predicted.precision != "day":
        return predicted.value == gold
    gap = abs((date.fromisoformat(predicted.value) - date.fromisoformat(gold)).days)
    return gap == 0 if exact else gap <= 1


def is_background(gold: str, published: str) -> bool:
    """Whether a gold date is not the publication day (within one day)."""
    if len(gold) != 10:
        return True
    return abs((date.fromisoformat(gold) - date.fromisoformat(published)).days) > 1


def parse_corpus(shared: Path) -> tuple[dict[str, str], dict[str, Doc], list[dict]]:
    """Publication dates and parsed texts by document id, and the gold events."""
    published, texts, events = load(shared)
    nlp = load_pipeline()
    return published, {doc_id: nlp(text) for doc_id, text in texts.items()}, events


def build_cases(
    corpus: tuple[dict[str, str], dict[str, Doc], list[dict]], picker: str
) -> tuple[list[Case], int]:
    """The gold events with triggers and predictions; and how many could not be placed."""
    published, parsed, events = corpus
    cases, lost = [], 0
    for event in events:
        doc, pub = parsed[event["doc"]], published[event["doc"]]
        where = locate(doc.text, event["evidence"])
        trigger = PICKERS[picker](doc, *where) if where else None
        if trigger is None:
            lost += 1
            continue
        publication = PublishedDate(pub, PRECISIONS[len(pub)])  # type: ignore[arg-type]
        found = event_date(trigger, publication)
        cases.append(Case(event, pub, trigger, found, clause_modality(trigger), picker))
    return cases, lost


def share(hits: int, total: int) -> str:
    """A share with its counts."""
    return f"{hits / total:.2f} ({hits}/{total})" if total else "n/a (0/0)"


def report(cases: list[Case], lost: int, verbose: bool) -> None:
    """Print the figures, and with `verbose` the disagreements."""
    dated = [c for c in cases if c.event.get("date")]
    background = [c for c in dated if is_background(c.event["date"], c.published)]
    baseline = sum(
        date_agrees(EventDate(c.published, "day"), c.event["date"], exact=False) for c in dated
    )
    print(f"\n## trigger picker: {cases[0].picker if cases else '-'}")
    print(f"gold events placed: {len(cases)}, not placed: {lost}")
    print("date agreement, all:        ", share(sum(agree(c) for c in dated), len(dated)))
    print("  baseline (publication):   ", share(baseline, len(dated)))
    print(
        "date agreement, background: ",
        share(sum(agree(c, True) for c in background), len(background)),
    )
    kinds = Counter(PRECISIONS[len(c.event["date"])] for c in background)
    for kind in ("year", "month", "day"):
        subset = [c for c in background if PRECISIONS[len(c.event["date"])] == kind]
        print(
            f"  background at {kind:5} precision:",
            share(sum(agree(c, True) for c in subset), kinds[kind]),
        )
    non_asserted = [c for c in cases if c.event["modality"] != "asserted"]
    said_asserted = [c for c in cases if c.predicted_modality == "asserted"]
    gold_asserted = [c for c in cases if c.event["modality"] == "asserted"]
    print(
        "modality, gold not asserted found not asserted:",
        share(sum(c.predicted_modality != "asserted" for c in non_asserted), len(non_asserted)),
    )
    print(
        "asserted precision:",
        share(sum(c.event["modality"] == "asserted" for c in said_asserted), len(said_asserted)),
    )
    print(
        "gold asserted predicted otherwise:",
        share(sum(c.predicted_modality != "asserted" for c in gold_asserted), len(gold_asserted)),
    )
    if verbose:
        print_misses(cases)


def agree(case: Case, exact: bool = False) -> bool:
    """Whether a case's predicted date agrees with its gold date."""
    return date_agrees(case.predicted_date, case.event["date"], exact)


def print_misses(cases: list[Case]) -> None:
    """Each disagreement, with the trigger and its sentence."""
    print("\n# date misses (gold | predicted | evidence words | trigger | sentence)")
    for case in cases:
        if case.event.get("date") and not agree(case):
            got = case.predicted_date
            shown = f"{got.value}{' pub' if got.from_publication else ''}" if got else "None"
            words = got.evidence if got and got.evidence else ""
            print(
                f"{case.event['id']}: {case.event['date']} | {shown} | {words} | "
                f"{case.trigger.text} | {case.trigger.sent.text.strip()[:200]}"
            )
    print("\n# modality misses (gold | predicted | trigger | sentence)")
    for case in cases:
        gold_flag = case.event["modality"] == "asserted"
        if gold_flag != (case.predicted_modality == "asserted"):
            print(
                f"{case.event['id']}: {case.event['modality']} | {case.predicted_modality} | "
                f"{case.trigger.text} | {case.trigger.sent.text.strip()[:200]}"
            )


def main() -> None:
    """Parse arguments, measure, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shared", nargs="?", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("-v", "--verbose", action="store_true", help="list disagreements")
    parser.add_argument(
        "--picker", action="append", choices=sorted(PICKERS), help="trigger picker (default: all)"
    )
    args = parser.parse_args()
    began = time.perf_counter()
    corpus = parse_corpus(args.shared)
    for picker in args.picker or list(PICKERS):
        cases, lost = build_cases(corpus, picker)
        report(cases, lost, args.verbose)
    print(f"({time.perf_counter() - began:.1f} s)")


if __name__ == "__main__":
    main()
