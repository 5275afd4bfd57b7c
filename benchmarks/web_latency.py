"""How fast the web app answers a page of 10,000 rows (target: under 300 ms).

Builds a store of synthetic reports, events, quotes, persons and stories (written through
`Store.write_analysis`, `Store.import_actors`, `Store.learn_persons_many` and
`Store.write_stories`, the way the pipeline and the CLI write them), starts the app
in-process, and times each request over several runs, printing the median and 95th
percentile:

    .venv/bin/python benchmarks/web_latency.py                 # Starlette's test client
    .venv/bin/python benchmarks/web_latency.py --uvicorn       # a real server on loopback

The test client times routing, the store's query and rendering, without a socket; with
`--uvicorn` the request goes through uvicorn and HTTP on 127.0.0.1 as a browser's would.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from eventwire.across.records import Story, SummarySentence
from eventwire.actors.tabari import ImportedActor, TabariCode
from eventwire.ingest.ids import content_hash
from eventwire.records import (
    Document,
    EventActor,
    EventDate,
    EventRecord,
    Mention,
    PublishedDate,
    Quote,
)
from eventwire.store import DocumentAnalysis, Store

COUNTRIES = ["USA", "RUS", "CHN", "FRA", "DEU", "JPN", "IND", "TUR", "IRN", "UKR"]
CODES = [
    ("040", "CONSULT", 1.0, 1),
    ("051", "SUPPORT", 3.4, 1),
    ("036", "AGREE", 4.0, 1),
    ("112", "ACCUSE", -2.0, 3),
    ("172", "COERCE", -5.0, 4),
    ("061", "COOPERATE", 6.0, 2),
]
SENTENCE = (
    "Officials of {a} met their counterparts from {b} in the capital on {day} to discuss trade."
)
# After the event lines, one quoted line per event: a minister (learned as a person) speaks.
QUOTE = '"We will keep talking to {b}," said Minister {name} of {a}.'
SYLLABLES = ["ka", "lo", "mi", "ra", "ten", "vo", "sa", "bel", "dor", "fi",
             "ga", "hu", "jan", "ke", "li", "mar", "no", "pe", "ri", "su"]  # fmt: skip
SURNAMES = ["Russell", "Augustin", "Petrov", "Okafor", "Lindqvist", "Moreau", "Tanaka",
            "Justus", "Kaya", "Novak", "Sato", "Brennan", "Haddad", "Rusu", "Silva",
            "Weber", "Costa", "Ivanova", "Mensah", "Larsen", "Duarte", "Khan", "Ortiz",
            "Berg", "Quist"]  # fmt: skip
PERSONS = 10_000  # distinct names the speakers are drawn from, all imported as actors
LEARN_FROM = 30  # documents whose speakers are also learned (learning all takes minutes)
STORY_SIZE = 2  # documents per story
SEARCH = "us"  # in every text ("discuss"), in some names, in the events of the USA
URLS = [
    ("/events?size=10000", "events page, HTML"),
    ("/events.json?size=10000", "events page, JSON twin"),
    ("/events.csv?size=10000", "events page, CSV"),
    ("/events?size=50", "events page of 50, HTML"),
    ("/", "overview"),
]
# The other lists, each as a page and as its JSON twin.
for _page, _query in [("documents", ""), ("actors", ""), ("stories", ""), ("quotes", ""),
                      ("search", f"q={SEARCH}&")]:  # fmt: skip
    URLS += [
        (f"/{_page}?{_query}size=10000", f"{_page} page, HTML"),
        (f"/{_page}.json?{_query}size=10000", f"{_page} page, JSON twin"),
    ]


def build_store(path: Path, documents: int, per_document: int, seed: int = 7) -> dict[str, int]:
    """Write `documents` synthetic reports with `per_document` events and quotes each, the
    persons who speak in them, and stories of `STORY_SIZE` reports; return the counts."""
    rng = random.Random(seed)
    speakers = random.Random(seed + 1)  # its own draws: the events stay as they were
    start = dt.date(2012, 1, 1)
    with Store(path) as store:
        docs, analyses, learned = [], [], []
        for n in range(documents):
            day = start + dt.timedelta(days=rng.randrange(0, 5 * 365))
            lines = []
            for _ in range(per_document):
                a, b = rng.sample(COUNTRIES, 2)
                lines.append(SENTENCE.format(a=a, b=b, day=day.strftime("%A")))
            text = "\n".join(lines)
            doc_id = f"bench-{n:05d}"
            events = _events(doc_id, text, day, rng)
            text, mentions, quotes = _quotes(doc_id, text, per_document, speakers)
            docs.append(_document(doc_id, text, day))
            analyses.append(DocumentAnalysis(doc_id, mentions, events, quotes, text))
            learned.append((mentions, day.isoformat()))
        store.add_documents(docs)
        store.write_analysis(analyses)
        store.import_actors(_persons(), "bench-actors.txt")
        store.learn_persons_many(learned[:LEARN_FROM])
        store.write_stories(*_stories(docs))
        stats = store.stats()
        counts = {key: int(stats[key]) for key in ("events", "quotes", "actors")}
        return {**counts, "stories": len(store.stories(limit=documents))}


def _document(doc_id: str, text: str, day: dt.date) -> Document:
    """A synthetic report published on `day`."""
    published = PublishedDate(day.isoformat(), "day")
    return Document(doc_id, text, content_hash(text), "bench.jsonl", title=f"Report {doc_id}",
                    outlet=f"Outlet {int(doc_id[-2:]) % 9}", published=published)  # fmt: skip


def _events(doc_id: str, text: str, day: dt.date, rng: random.Random) -> list[EventRecord]:
    """One event per line of the text: its two countries met."""
    events, offset = [], 0
    for sentence_number, line in enumerate(text.split("\n")):
        a_at, b_at = line.index(" of ") + 4, line.index(" from ") + 6
        cameo, plover, goldstein, quad = rng.choice(CODES)
        source = EventActor(line[a_at : a_at + 3], offset + a_at, offset + a_at + 3,
                            line[a_at : a_at + 3], "GOV")  # fmt: skip
        target = EventActor(line[b_at : b_at + 3], offset + b_at, offset + b_at + 3,
                            line[b_at : b_at + 3], "GOV")  # fmt: skip
        met = offset + line.index("met")
        events.append(
            EventRecord(
                doc_id=doc_id,
                sentence=sentence_number,
                sentence_start=offset,
                sentence_end=offset + len(line),
                start=met,
                end=met + 3,
                trigger="met",
                cameo=cameo,
                plover_type=plover,
                plover_mode=None,
                goldstein=goldstein,
                quad_class=quad,
                source=source,
                target=target,
                date=EventDate(day.isoformat(), "day"),
            )  # fmt: skip
        )
        offset += len(line) + 1
    return events


def _name(k: int) -> str:
    """The name of person number `k`, such as `Kalo Russell`."""
    first = (SYLLABLES[k % 20] + SYLLABLES[k // 20 % 20]).capitalize()
    return f"{first} {SURNAMES[k // 400 % len(SURNAMES)]}"


def _persons() -> list[ImportedActor]:
    """Every speaker's name as an entry of an imported actor dictionary: a minister."""
    entries = []
    for k in range(PERSONS):
        country = COUNTRIES[k % len(COUNTRIES)]
        code = TabariCode(f"{country}GOV", country, "GOV", "minister", (), k + 1)
        entries.append(ImportedActor(_name(k), (), "person", (code,), k + 1, "bench-actors.txt"))
    return entries


def _quotes(
    doc_id: str, text: str, count: int, rng: random.Random
) -> tuple[str, list[Mention], list[Quote]]:
    """The text with `count` quoted lines after it, their speakers' titled mentions and quotes."""
    mentions, quotes = [], []
    for _ in range(count):
        a, b = rng.sample(COUNTRIES, 2)
        name = _name(rng.randrange(PERSONS))
        line = QUOTE.format(a=a, b=b, name=name)
        offset = len(text) + 1
        text += "\n" + line
        said, closing = offset + line.index("Minister"), offset + line.index(",") + 2
        words = text[said : said + len("Minister ") + len(name)]
        sentence = count + len(mentions)
        mentions.append(Mention(doc_id, sentence, said, said + len(words), words, "person",
                                "title", 0.95, a, "GOV", name, role="minister"))  # fmt: skip
        speaker = EventActor(words, said, said + len(words), a, "GOV", name)
        quotes.append(Quote(doc_id, offset, closing, text[offset:closing], speaker))
    return text, mentions, quotes


def _stories(docs: list[Document]) -> tuple[list[Story], list[tuple[str, str, float]]]:
    """Stories of `STORY_SIZE` reports each, summed up by their first lines."""
    stories, joined = [], []
    for n in range(0, len(docs), STORY_SIZE):
        group = docs[n : n + STORY_SIZE]
        story_id = f"story-{n // STORY_SIZE:05d}"
        days = sorted(d.published.value for d in group if d.published)
        summary = tuple(
            SummarySentence(d.doc_id, 0, d.text.index("\n"), d.text[: d.text.index("\n")])
            for d in group
        )
        label = f"Trade talks {n // STORY_SIZE}"
        doc_ids = tuple(d.doc_id for d in group)
        stories.append(Story(story_id, label, doc_ids, days[0], days[-1], summary))
        joined += [(d.doc_id, story_id, 1.0) for d in group]
    return stories, joined


def time_requests(get: Callable[[str], tuple[int, int]], runs: int) -> None:
    """Time each URL `runs` times after one warm-up; print wall-clock median, p95 and max.

    The last column is the median CPU time of this process per request (app and client):
    on a machine busy with other work it shows what the request itself costs.
    """
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    print(
        f"{'request':<26} {'status':>6} {'bytes':>9} {'median':>8} {'p95':>8} {'max':>8} {'cpu':>8}"
    )
    for url, label in URLS:
        status, size = get(url)  # warm-up: templates compiled, caches filled
        wall, cpu = [], []
        for _ in range(runs):
            began, began_cpu = time.perf_counter(), time.process_time()
            status, size = get(url)
            wall.append((time.perf_counter() - began) * 1000)
            cpu.append((time.process_time() - began_cpu) * 1000)
        wall.sort()
        p95 = wall[min(len(wall) - 1, round(0.95 * (len(wall) - 1)))]
        print(
            f"{label:<26} {status:>6} {size:>9} {statistics.median(wall):>6.1f}ms "
            f"{p95:>6.1f}ms {wall[-1]:>6.1f}ms {statistics.median(cpu):>6.1f}ms"
        )


def with_test_client(path: Path, runs: int) -> None:
    """Requests through Starlette's test client, in this process."""
    from starlette.testclient import TestClient

    from eventwire.web import create_app

    client = TestClient(create_app(Store(path, read_only=True)))

    def get(url: str) -> tuple[int, int]:
        response = client.get(url)
        return response.status_code, len(response.content)

    time_requests(get, runs)


def with_uvicorn(path: Path, runs: int) -> None:
    """Requests over loopback HTTP to uvicorn running the app in a thread."""
    import httpx

    from eventwire.web.background import served

    with served(path) as url, httpx.Client(base_url=url, timeout=30) as client:

        def get(url: str) -> tuple[int, int]:
            response = client.get(url)
            return response.status_code, len(response.content)

        time_requests(get, runs)


def main() -> None:
    """Build the store, then time the requests."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--per-document", type=int, default=12)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--uvicorn", action="store_true", help="time over loopback HTTP")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "web-bench.duckdb"
        began = time.perf_counter()
        counts = build_store(path, args.documents, args.per_document)
        print(f"store: {args.documents} documents, {counts['events']} events, built in "
              f"{time.perf_counter() - began:.1f} s; {args.runs} runs per request")  # fmt: skip
        print(f"       {counts['quotes']} quotes, {counts['actors']} actors, "
              f"{counts['stories']} stories")  # fmt: skip
        (with_uvicorn if args.uvicorn else with_test_client)(path, args.runs)


if __name__ == "__main__":
    main()
