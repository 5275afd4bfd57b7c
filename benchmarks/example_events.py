"""Events on the bundled example corpus: per report, and the share dated from the text.

python benchmarks/example_events.py
"""

from __future__ import annotations

import json
from importlib import resources

from eventwire.actors.knowledge import packaged_knowledge
from eventwire.ingest.build import build_document
from eventwire.nlp import load_pipeline
from eventwire.pipeline import analyse_document
from eventwire.records import RawRecord
from eventwire.settings import Settings


def main() -> None:
    """Print events per report and the share whose date comes from the text."""
    corpus = resources.files("eventwire") / "data" / "examples" / "corpus.jsonl"
    nlp, knowledge, settings = load_pipeline(), packaged_knowledge(), Settings.load()
    total = dated_by_text = trigger_in_span = 0
    for line in corpus.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        raw = RawRecord("corpus.jsonl", record["text"], doc_id=record["id"],
                        published=record["published"] or None)  # fmt: skip
        doc = build_document(raw, settings).document
        events = analyse_document(doc, nlp(doc.text), knowledge, ()).events
        from_text = sum(1 for e in events if e.date and not e.date.from_publication)
        inside = sum(all(w in doc.text[e.start : e.end] for w in e.trigger.split()) for e in events)
        total, dated_by_text, trigger_in_span = (
            total + len(events),
            dated_by_text + from_text,
            trigger_in_span + inside,
        )
        print(f"{doc.doc_id}: {len(events)} events, {from_text} dated from the text")
    print(
        f"total {total} events in 35 reports ({total / 35:.1f} per report); "
        f"dated from the text {dated_by_text}/{total} = {dated_by_text / max(total, 1):.2f}; "
        f"trigger inside the evidence span {trigger_in_span}/{total}"
    )


if __name__ == "__main__":
    main()
