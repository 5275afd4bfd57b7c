"""A small store for the web tests: a US–Russia series, one rich report, one hostile report."""

from __future__ import annotations

from pathlib import Path

from across_helpers import OBAMA, PUTIN, actor, event
from conftest import make_document
from eventwire.across import update_across
from eventwire.records import EventActor, Mention, Quote
from eventwire.store import DocumentAnalysis, Store

RUSSIA = actor("RUS", "Russia")
# Month, day, source, target, CAMEO, words: the events two outlets both report.
SERIES = [
    (2, 14, OBAMA, PUTIN, "041", "spoke with"),
    (3, 6, PUTIN, OBAMA, "051", "praised"),
    (3, 20, OBAMA, RUSSIA, "112", "accused"),
    (5, 9, OBAMA, PUTIN, "041", "spoke with"),
    (5, 23, PUTIN, OBAMA, "036", "agreed with"),
    (7, 11, OBAMA, RUSSIA, "112", "accused"),
    (7, 25, RUSSIA, OBAMA, "112", "accused"),
    (9, 5, OBAMA, PUTIN, "051", "praised"),
    (11, 7, PUTIN, OBAMA, "051", "praised"),
    (11, 13, OBAMA, PUTIN, "041", "spoke with"),
]
OUTLETS = ("Meridian Wire", "Harbor Daily")
HOSTILE_TITLE = "<script>window.__pwned = 1; alert(1)</script> Kremlin statement"
HOSTILE_TEXT = (
    'Putin praised Obama <img src=x onerror="window.__pwned = 2; alert(2)"> on Monday.\n'
    "<script>window.__pwned = 3; alert(3)</script> Obama spoke with Putin, the Kremlin said.\n"
    '"<b onmouseover=alert(4)>We talked</b>," Putin told reporters.'
)
RICH_TEXT = (
    "Russian President Vladimir Putin spoke with President Barack Obama on Tuesday.\n"
    '"We agreed to keep talking," Putin told reporters in Moscow.'
)


def build_web_store(path: Path) -> dict[str, str]:
    """Write the store and return the ids the tests open (fused event, story, actor ...)."""
    with Store(path) as store:
        _series(store)
        _rich(store)
        _hostile(store)
        actor_id, _ = store.add_actor(
            "Vladimir Putin", country="RUS", sector="GOV", role="president", valid_from="2012-05"
        )
        update_across(store)
        fused = store.fused_events(limit=1, min_articles=2)[0]["fused_id"]
        story = store.stories(limit=1)[0]["story_id"]
    return {"fused": fused, "story": story, "actor": actor_id}


def _series(store: Store) -> None:
    """Ten events through 2012, each reported by two outlets on the day after."""
    for month, day, source, target, cameo, words in SERIES:
        text = f"{source.text} {words} {target.text} on {month}/{day}."
        date = f"2012-{month:02d}-{day:02d}"
        published = f"2012-{month:02d}-{day + 1:02d}"
        for outlet in OUTLETS:
            doc_id = f"s{month:02d}{day:02d}-{outlet.split()[0].lower()}"
            body = f"{text}\nReported by {outlet}."
            store.add_documents([make_document(doc_id, body, published, outlet=outlet,
                                               title=f"{words} ({outlet})")])  # fmt: skip
            record = event(doc_id, body, words, source, target, cameo, date)
            store.write_analysis([DocumentAnalysis(doc_id, (), [record], (), body)])


def _rich(store: Store) -> None:
    """A report with actor mentions, an event and a quote, to highlight."""
    doc_id, text = "rich", RICH_TEXT
    meta = {
        "outlet": "Northgate Courier",
        "title": "Putin and Obama talk",
        "url": "https://x.org/a",
    }
    store.add_documents([make_document(doc_id, text, "2012-11-14", **meta)])
    putin_at, obama_at = text.index("Russian President"), text.index("President Barack")
    mentions = [
        Mention(doc_id, 0, putin_at, putin_at + 32, text[putin_at : putin_at + 32], "person",
                "title", 0.95, "RUS", "GOV", "Vladimir Putin", role="president"),
        Mention(doc_id, 0, obama_at, obama_at + 22, text[obama_at : obama_at + 22], "person",
                "title", 0.95, "USA", "GOV", "Barack Obama", role="president"),
    ]  # fmt: skip
    source = EventActor(text[putin_at : putin_at + 32], putin_at, putin_at + 32, "RUS", "GOV",
                        "Vladimir Putin")  # fmt: skip
    target = EventActor(text[obama_at : obama_at + 22], obama_at, obama_at + 22, "USA", "GOV",
                        "Barack Obama")  # fmt: skip
    record = event(doc_id, text, "spoke with", source, target, "041", "2012-11-13")
    quote_at = text.index('"We')
    speaker = EventActor("Putin", text.index("Putin told"), text.index("Putin told") + 5, "RUS",
                         "GOV", "Vladimir Putin")  # fmt: skip
    quote = Quote(doc_id, quote_at, quote_at + 27, text[quote_at : quote_at + 27], speaker)
    store.write_analysis([DocumentAnalysis(doc_id, mentions, [record], [quote], text)])


def _hostile(store: Store) -> None:
    """A report whose title, text, address and outlet carry markup and script."""
    doc_id, text = "evil", HOSTILE_TEXT
    meta = {"title": HOSTILE_TITLE, "outlet": "<i>Evil</i> Times", "url": "javascript:alert(5)"}
    store.add_documents([make_document(doc_id, text, "2012-11-15", **meta)])
    img_at = text.index("<img")
    mention = Mention(doc_id, 0, img_at, img_at + 20, text[img_at : img_at + 20], "person",
                      "title", 0.5, "RUS", "GOV", "<script>alert(6)</script>")  # fmt: skip
    records = [
        event(doc_id, text, "praised Obama <img", PUTIN, OBAMA, "051", "2012-11-12"),
        event(doc_id, text, "<script>window.__pwned = 3", OBAMA, PUTIN, "041", "2012-11-12"),
    ]
    quote_at = text.index('"<b')
    quote = Quote(doc_id, quote_at, len(text) - 21, text[quote_at : len(text) - 21], None,
                  speaker_text="<script>alert(7)</script>")  # fmt: skip
    store.write_analysis([DocumentAnalysis(doc_id, [mention], records, [quote], text)])
