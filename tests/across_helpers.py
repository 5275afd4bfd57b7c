"""Small stores for the tests of the analysis across documents: documents and events by hand."""

from __future__ import annotations

from conftest import make_document
from eventwire.records import EventActor, EventDate, EventRecord
from eventwire.store import DocumentAnalysis, Store

PLOVER = {"03": "AGREE", "04": "CONSULT", "05": "SUPPORT", "11": "ACCUSE", "19": "ASSAULT"}
QUAD = {"03": 1, "04": 1, "05": 1, "11": 3, "19": 4}
GOLDSTEIN = {"03": 4.0, "04": 1.0, "05": 3.5, "11": -2.0, "19": -10.0}


def actor(code: str, text: str, name: str | None = None) -> EventActor:
    """An actor from `RUSGOV` style codes (country, then an optional sector)."""
    return EventActor(text, 0, len(text), code[:3], code[3:] or None, name=name)


def event(
    doc_id: str,
    text: str,
    words: str,
    source: EventActor,
    target: EventActor | None,
    cameo: str,
    date: str | None,
    modality: str = "asserted",
    from_publication: bool = False,
) -> EventRecord:
    """An event whose evidence is `words` in `text`; its sentence is the line holding them."""
    start = text.index(words)
    sentence_start = text.rfind("\n", 0, start) + 1
    sentence_end = text.find("\n", start)
    sentence_end = len(text) if sentence_end < 0 else sentence_end
    precision = {4: "year", 7: "month", 10: "day"}[len(date)] if date else None
    return EventRecord(
        doc_id=doc_id, sentence=0, sentence_start=sentence_start, sentence_end=sentence_end,
        start=start, end=start + len(words), trigger=words.split()[0], cameo=cameo,
        plover_type=PLOVER[cameo[:2]], plover_mode=None, goldstein=GOLDSTEIN[cameo[:2]],
        quad_class=QUAD[cameo[:2]], source=source, target=target, modality=modality,
        date=EventDate(date, precision, from_publication) if date else None,  # type: ignore[arg-type]
    )  # fmt: skip


def add(
    store: Store,
    doc_id: str,
    text: str,
    published: str | None,
    outlet: str | None,
    events: list[tuple],
) -> None:
    """Store a document and its events, each given as the arguments of `event` after the text."""
    store.add_documents([make_document(doc_id, text, published, outlet=outlet)])
    records = [event(doc_id, text, *spec) for spec in events]
    store.write_analysis([DocumentAnalysis(doc_id, (), records, (), text)])


PUTIN = actor("RUSGOV", "Russian President Vladimir Putin", "Vladimir Putin")
OBAMA = actor("USAGOV", "President Barack Obama", "Barack Obama")
MEDVEDEV = actor("RUSGOV", "Dmitry Medvedev", "Dmitry Medvedev")
