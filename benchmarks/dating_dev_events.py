"""Dates and modality of the coded events that match a gold triple, grouped by cause.

Run from the repository root: `python benchmarks/dating_dev_events.py [path/to/shared] [-v]`.
It runs the pipeline of `benchmarks/events_dev.py` (its functions are imported, nothing is
copied) on the gold inputs, and for each gold event (required or not) whose triple is among
the predicted ones (by the rules of `data/gold/FORMAT.md`), compares the gold date and
modality with those of the matching predictions. Dated recall is bounded by triple recall;
this measures what the context rules control: the share of MATCHED events dated and
modalised right. Each miss is given one cause:

- `pub-fallback`: the prediction has no time words and took the publication date, but the
  gold event did not happen on the publication day;
- `pub-precision`: a publication fallback at the wrong precision;
- `no-date`: the prediction has no date at all;
- `wrong-value` / `wrong-precision`: time words were read, to a wrong date or precision;
- `other-sentence`: the matching prediction comes from another sentence than the gold
  evidence (the coder's miss, not the dating's).
With `-v` each miss is listed with the predicted evidence and the gold evidence.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _events_dev():  # noqa: ANN202
    """The module benchmarks/events_dev.py (not a package: loaded from its file)."""
    spec = importlib.util.spec_from_file_location("events_dev", HERE / "events_dev.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def _score():  # noqa: ANN202
    """The independent scorer's helpers (tools/score_events.py)."""
    path = SHARED / "tools" / "score_events.py"
    spec = importlib.util.spec_from_file_location("score_events", path)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


SHARED = HERE.parents[1] / "shared"
# The three seed articles (ids of digits) and the 20 development reports (ids "dC_", "dD_").
SUBSETS = {
    "3 articles": lambda doc: doc[:1].isdigit(),
    "20 dev": lambda doc: doc.startswith("d"),
    "all": lambda doc: True,
}


def row_of(event, text: str) -> dict:  # noqa: ANN001
    """An event as the export record, plus what dating and modality saw."""
    ed = _events_dev()
    row = ed.export_row(event, text)
    row["from_publication"] = bool(event.date and event.date.from_publication)
    row["date_evidence"] = event.date.evidence if event.date else None
    row["trigger"] = event.trigger
    return row


def cause(gold: dict, pred: dict, published: str, score) -> str:  # noqa: ANN001
    """Why a prediction's date is not the gold date (or "ok")."""
    g, p = gold.get("date"), pred.get("date")
    if not same_sentence(gold, pred):
        ok = score.exact_date(g, p) or (not score.off_day(g, published) and score.date_ok(g, p))
        return "ok" if ok else "other-sentence"
    if score.exact_date(g, p) or (not score.off_day(g, published) and score.date_ok(g, p)):
        return "ok"
    if not p:
        return "no-date"
    if pred["from_publication"]:
        same_value = p[: len(g)] == g[: len(p)]
        return "pub-precision" if same_value else "pub-fallback"
    if g and p[: min(len(g), len(p))] == g[: min(len(g), len(p))]:
        return "wrong-precision"
    return "wrong-value"


def same_sentence(gold: dict, pred: dict) -> bool:
    """Whether the prediction comes from the sentence of the gold evidence (by its words)."""
    words = " ".join(gold["evidence"].split())
    sentence = " ".join(pred["sentence"].split())
    return words[:40] in sentence or words[-40:] in sentence


def main(argv: list[str] | None = None) -> int:
    """Run the pipeline and print the matched events' date and modality agreement."""
    global SHARED
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shared", nargs="?", type=Path, default=SHARED)
    parser.add_argument("--out", type=Path, default=Path("/tmp/eventwire-dating-dev"))
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    SHARED = args.shared
    ed, score = _events_dev(), _score()
    args.out.mkdir(parents=True, exist_ok=True)
    tools = args.shared / "tools"
    subprocess.run([sys.executable, tools / "gold_inputs.py", args.out], check=True)
    docs = ed.documents(args.out / "input.jsonl")
    texts = {d.doc_id: d.text for d in docs}
    published = {d.doc_id: d.published.value for d in docs if d.published}
    events = ed.code_all(docs, ed.make_resolver(ed.packaged_knowledge()))
    preds: dict[str, dict] = defaultdict(lambda: defaultdict(list))
    for event in events:
        if not event.plover_type:
            continue
        row = row_of(event, texts[event.doc_id])
        key = (
            score.country(row["source"]),
            score.norm_type(row["event_type"]),
            score.country(row["target"]),
        )
        preds[event.doc_id][key].append(row)
    gold = [json.loads(line) for line in (args.out / "gold.events.jsonl").open() if line.strip()]
    causes: Counter[str] = Counter()
    background: Counter[str] = Counter()
    modal: Counter[str] = Counter()
    misses: list[str] = []
    for g in gold:
        doc, pub = g["doc"], published.get(g["doc"])
        hits = [p for k in score.accepted(g) for p in preds[doc].get(k, [])]
        if not hits:
            continue
        found = [cause(g, p, pub, score) for p in hits]
        best = "ok" if "ok" in found else Counter(found).most_common(1)[0][0]
        causes[best] += 1
        off = score.off_day(g.get("date"), pub)
        if off:
            background[best] += 1
        gm = g.get("modality", "asserted")
        pm = {p["modality"] or "asserted" for p in hits}
        if gm != "asserted":
            modal["ok" if pm - {"asserted"} else "missed"] += 1
        elif pm == {"asserted"} or "asserted" in pm:
            modal["asserted-ok"] += 1
        else:
            modal["asserted-as-" + "/".join(sorted(pm))] += 1
        if args.verbose and (best != "ok" or (gm != "asserted") != bool(pm - {"asserted"})):
            lines = [f"{g['id']} [{best}{' bg' if off else ''}] gold {g.get('date')} {gm}"]
            lines.append(f"    gold: {g['evidence']}")
            for p, c in zip(hits, found, strict=True):
                lines.append(
                    f"    pred {p['date']} ({c}, {p['date_evidence']!r}) {p['modality']}"
                    f" trig={p['trigger']!r}: {p['sentence'][:230]!r}"
                )
            misses.append("\n".join(lines))
    for line in misses:
        print(line)
    rows = [r for by_key in preds.values() for found in by_key.values() for r in found]
    docs_gold = args.out / "gold.docs.jsonl"
    pubs = {d["doc"]: d.get("published") for d in map(json.loads, docs_gold.open()) if d}
    for name, keep in SUBSETS.items():
        sub_gold = [g for g in gold if keep(g["doc"])]
        sub_pred = [r for r in rows if keep(r["doc_id"])]
        s = score.score(sub_gold, sub_pred, pubs)
        print(
            f"{name}: triple R={s['recall']:.2f} dated_R={s['dated_recall']:.2f}; background"
            f" {s['bg_ok']}/{s['bg_checked']}={s['background_dating']:.2f}; modality"
            f" {s['modal_ok']}/{s['modal_checked']}"
        )
    total = sum(causes.values())
    print(f"matched gold events: {total}; date ok {causes['ok']}/{total}")
    print("  causes:", dict(causes.most_common()))
    bg = sum(background.values())
    print(f"background (not on publication day): ok {background['ok']}/{bg}")
    print("  causes:", dict(background.most_common()))
    print("modality:", dict(modal.most_common()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
