"""How fast the web app answers a page of 10,000 events (target: under 300 ms).

Builds a store of synthetic events (written through `Store.write_analysis`, the way the
pipeline writes them), starts the app in-process, and times each request over several
runs, printing the median and 95th percentile:

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
import socket
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from eventwire.ingest.ids import content_hash
from eventwire.records import Document, EventActor, EventDate, EventRecord, PublishedDate
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
URLS = [
    ("/events?size=10000", "events page, HTML"),
    ("/events.json?size=10000", "events page, JSON twin"),
    ("/events.csv?size=10000", "events page, CSV"),
    ("/events?size=50", "events page of 50, HTML"),
    ("/", "overview"),
]


def build_store(path: Path, documents: int, per_document: int, seed: int = 7) -> int:
    """Write `documents` synthetic reports with `per_document` events each; return the count."""
    rng = random.Random(seed)
    start = dt.date(2012, 1, 1)
    with Store(path) as store:
        docs, analyses = [], []
        for n in range(documents):
            day = start + dt.timedelta(days=rng.randrange(0, 5 * 365))
            lines = []
            for _ in range(per_document):
                a, b = rng.sample(COUNTRIES, 2)
                lines.append(SENTENCE.format(a=a, b=b, day=day.strftime("%A")))
            text = "\n".join(lines)
            doc_id = f"bench-{n:05d}"
            docs.append(_document(doc_id, text, day))
            analyses.append(DocumentAnalysis(doc_id, (), _events(doc_id, text, day, rng), (), text))
        store.add_documents(docs)
        store.write_analysis(analyses)
        return int(store.stats()["events"])


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
    import uvicorn

    from eventwire.web import create_app

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app = create_app(Store(path, read_only=True))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:

            def get(url: str) -> tuple[int, int]:
                response = client.get(url)
                return response.status_code, len(response.content)

            time_requests(get, runs)
    finally:
        server.should_exit = True
        thread.join(10)


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
        events = build_store(path, args.documents, args.per_document)
        print(f"store: {args.documents} documents, {events} events, built in "
              f"{time.perf_counter() - began:.1f} s; {args.runs} runs per request")  # fmt: skip
        (with_uvicorn if args.uvicorn else with_test_client)(path, args.runs)


if __name__ == "__main__":
    main()
