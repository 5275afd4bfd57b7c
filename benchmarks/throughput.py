"""Throughput: the whole eventwire pipeline against a bare spaCy pass over the same articles.

    python benchmarks/throughput.py [--articles 2000] [--workers 1,2] [--quick] [--json FILE]
    python benchmarks/throughput.py --memory 10,1000

Writes a corpus of N articles of about 600 words (the example corpus's reports joined three
at a time, under new ids and dates) to build/throughput/, then for each process count:
1. a bare spaCy pass: the same model with its stock components, in as many processes,
   `nlp.pipe` over each process's share of the texts (model loading not counted);
2. the eventwire run into a fresh store, as `eventwire run` does it: ingest, analyse
   (worker start-up and model loading counted), then the pass across documents (reported
   apart: it is not per article and its cost grows with the store, not the batch).
Prints articles/s of both and their ratio, peak resident memory per process, and the share
of time in each stage (seconds summed over processes, so shares add up to 100%).
`--memory` instead ingests JSON Lines files of the given sizes, each in a fresh process,
and prints the peak resident memory of each: a large input must not need more.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import resource
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "src" / "eventwire" / "data" / "examples" / "corpus.jsonl"
OUT = ROOT / "build" / "throughput"
WORDS = 600


def write_corpus(path: Path, articles: int) -> int:
    """N articles of about WORDS words as JSON Lines; the number of words written."""
    reports = [json.loads(line) for line in EXAMPLES.read_text("utf-8").splitlines() if line]
    words = 0
    with path.open("w", encoding="utf-8") as out:
        for number in range(articles):
            text, title, published = _article(reports, number)
            words += len(text.split())
            row = {"id": f"bench-{number:06d}", "title": title, "text": text,
                   "published": published, "outlet": f"Bench Wire {number % 7}"}  # fmt: skip
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return words


def _article(reports: list[dict], number: int) -> tuple[str, str, str | None]:
    """One article: a report, then paragraphs of two others, until about WORDS words; its
    date moved by whole weeks so weekdays in the text stay right (none when it has none)."""
    count = len(reports)
    first = reports[number % count]
    others = [reports[(7 * number + 3) % count], reports[(11 * number + 5) % count]]
    paragraphs = first["text"].split("\n\n")
    for other in others:
        for paragraph in other["text"].split("\n\n")[1:]:
            if sum(len(p.split()) for p in paragraphs) >= WORDS:
                break
            paragraphs.append(paragraph)
    text, title = "\n\n".join(paragraphs), f"{first['title']} ({number})"
    if not first.get("published"):
        return text, title, None
    day = date.fromisoformat(first["published"]) + timedelta(weeks=number // count)
    return text, title, day.isoformat()


# ---------------------------------------------------------------- bare spaCy


def _bare_share(texts: list[str], batch_size: int) -> tuple[float, float]:
    """In a fresh process: load the stock model, then time nlp.pipe over the texts."""
    import spacy

    from eventwire.nlp import MODEL_PACKAGE

    nlp = spacy.load(MODEL_PACKAGE)
    list(nlp.pipe(texts[:2]))
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    return time.perf_counter() - started, _peak_mb()


def bare_spacy(texts: list[str], processes: int, batch_size: int) -> dict:
    """Articles/s of the stock pipeline in `processes` processes (loading not counted)."""
    shares = [texts[i::processes] for i in range(processes)]
    context = multiprocessing.get_context("spawn")
    with context.Pool(processes) as pool:
        results = pool.starmap(_bare_share, [(share, batch_size) for share in shares])
    seconds = max(s for s, _ in results)
    return {
        "seconds": round(seconds, 2),
        "articles_per_s": round(len(texts) / seconds, 2),
        "peak_rss_mb": round(max(m for _, m in results)),
        "components": _stock_components(),
    }


def _stock_components() -> list[str]:
    """The components the stock model runs."""
    import spacy

    from eventwire.nlp import MODEL_PACKAGE

    return spacy.load(MODEL_PACKAGE).pipe_names


# ---------------------------------------------------------------- eventwire


def eventwire_run(corpus: Path, db: Path, workers: int, articles: int) -> dict:
    """Ingest, analyse and pass across documents as `eventwire run` does; stages timed."""
    from eventwire.across import update_across
    from eventwire.ingest.run import ingest
    from eventwire.pipeline import analyse_store
    from eventwire.settings import Settings
    from eventwire.store import Store

    settings = Settings.load(parallel_min_documents=0)
    db.unlink(missing_ok=True)
    with Store(db) as store:
        started = time.perf_counter()
        ingested = ingest([str(corpus)], store, settings)
        ingest_s = time.perf_counter() - started
        report = analyse_store(store, settings, workers=workers)
        run_s = time.perf_counter() - started
        across_started = time.perf_counter()
        update_across(store, settings)
        across_s = time.perf_counter() - across_started
    if ingested.added != articles or report.documents != articles:
        raise SystemExit(f"expected {articles} articles, ingested {ingested.added}, "
                         f"analysed {report.documents}")  # fmt: skip
    stages = {"ingest": round(ingest_s, 2), **report.stages}
    return {
        "seconds": round(run_s, 2),
        "articles_per_s": round(articles / run_s, 2),
        "analyse_seconds": round(report.seconds, 2),
        "across_seconds": round(across_s, 2),
        "with_across_articles_per_s": round(articles / (run_s + across_s), 2),
        "workers": report.workers,
        "worker_peak_rss_mb": round(report.peak_rss_mb),
        "main_peak_rss_mb": round(_peak_mb()),
        "stages": stages,
        "events": report.events,
        "mentions": report.mentions,
    }


def _in_fresh_process(function, *args):  # noqa: ANN001, ANN002, ANN202
    """Call a function in a new process (so its peak memory is its own) and return its value."""
    context = multiprocessing.get_context("spawn")
    here, there = context.Pipe(duplex=False)
    process = context.Process(target=_send_result, args=(there, function, *args))
    process.start()
    there.close()
    value = here.recv()
    process.join()
    return value


def _send_result(connection, function, *args) -> None:  # noqa: ANN001, ANN002
    """Run in a child process: send what the function returns."""
    connection.send(function(*args))
    connection.close()


def _peak_mb() -> float:
    """This process's peak resident memory in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# ---------------------------------------------------------------- memory


def ingest_memory(megabytes: int) -> dict:
    """Peak memory of ingesting a JSON Lines file of about this size, in a fresh process."""
    corpus = OUT / f"memory-{megabytes}mb.jsonl"
    articles = _write_megabytes(corpus, megabytes)
    db = OUT / f"memory-{megabytes}mb.duckdb"
    seconds, stored, peak = _in_fresh_process(_ingest_peak, corpus, db)
    db.unlink(missing_ok=True)
    corpus.unlink(missing_ok=True)
    return {"megabytes": megabytes, "articles": articles, "stored": stored,
            "seconds": round(seconds, 1), "peak_rss_mb": round(peak)}  # fmt: skip


def _write_megabytes(path: Path, megabytes: int) -> int:
    """The benchmark's articles, numbered on, until the file holds `megabytes` MB."""
    reports = [json.loads(line) for line in EXAMPLES.read_text("utf-8").splitlines() if line]
    written, number = 0, 0
    with path.open("w", encoding="utf-8") as out:
        while written < megabytes * 1_000_000:
            text, title, published = _article(reports, number)
            line = json.dumps({"id": f"mem-{number:08d}", "title": title, "text": text,
                               "published": published}, ensure_ascii=False) + "\n"  # fmt: skip
            out.write(line)
            written += len(line.encode("utf-8"))
            number += 1
    return number


def _ingest_peak(corpus: Path, db: Path) -> tuple[float, int, float]:
    """Ingest a file into a fresh store: seconds, documents stored, peak RSS in MB."""
    from eventwire.ingest.run import ingest
    from eventwire.store import Store

    db.unlink(missing_ok=True)
    started = time.perf_counter()
    with Store(db) as store:
        report = ingest([str(corpus)], store)
    return time.perf_counter() - started, report.added, _peak_mb()


# ---------------------------------------------------------------- report


def print_table(rows: list[dict]) -> None:
    """The results as a Markdown table, then the stage shares."""
    print("| processes | bare spaCy art/s | eventwire run art/s | ratio | with fuse art/s "
          "| peak RSS per worker | main process RSS |")  # fmt: skip
    print("|---|---|---|---|---|---|---|")
    for row in rows:
        bare, run = row["bare"], row["eventwire"]
        print(f"| {row['workers']} | {bare['articles_per_s']:.1f} | {run['articles_per_s']:.1f} "
              f"| {row['ratio']:.2f}x | {run['with_across_articles_per_s']:.1f} "
              f"| {run['worker_peak_rss_mb']} MB | {run['main_peak_rss_mb']} MB |")  # fmt: skip
    if len(rows) > 1:
        one, more = rows[0]["eventwire"], rows[-1]["eventwire"]
        print(
            f"\n{rows[-1]['workers']} workers / {rows[0]['workers']}: eventwire "
            f"{more['articles_per_s'] / one['articles_per_s']:.2f}x, bare spaCy "
            f"{rows[-1]['bare']['articles_per_s'] / rows[0]['bare']['articles_per_s']:.2f}x"
        )
    for row in rows:
        stages = {**row["eventwire"]["stages"], "fuse": row["eventwire"]["across_seconds"]}
        total = sum(stages.values()) or 1.0
        shares = ", ".join(f"{k} {100 * v / total:.0f}%" for k, v in stages.items() if v)
        print(f"\nstages, {row['workers']} worker(s), {total:.0f} s over all processes: {shares}")


def main(argv: list[str] | None = None) -> int:
    """Build the corpus, run both passes for each process count, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--workers", default="1,2", help="process counts, comma-separated")
    parser.add_argument("--quick", action="store_true", help="120 articles, a smoke test")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument(
        "--memory",
        help="instead: peak memory of ingesting JSON Lines files of these sizes (MB), e.g. 10,1000",
    )
    args = parser.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    if args.memory:
        for megabytes in [int(m) for m in args.memory.split(",")]:
            print(json.dumps(ingest_memory(megabytes)))
        return 0
    articles = 120 if args.quick else args.articles
    corpus = OUT / f"corpus-{articles}.jsonl"
    words = write_corpus(corpus, articles)
    texts = [json.loads(line)["text"] for line in corpus.read_text("utf-8").splitlines()]
    from eventwire.settings import Settings

    batch_size = Settings.load().nlp_batch_size
    load = os.getloadavg()
    print(f"{articles} articles, {words / articles:.0f} words each on average; "
          f"{os.cpu_count()} cores, load {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}",
          file=sys.stderr)  # fmt: skip
    rows = []
    for workers in [int(w) for w in args.workers.split(",")]:
        bare = bare_spacy(texts, workers, batch_size)
        run = _in_fresh_process(eventwire_run, corpus, OUT / f"store-{workers}.duckdb", workers,
                                articles)  # fmt: skip
        ratio = run["articles_per_s"] / bare["articles_per_s"]
        rows.append({"workers": workers, "bare": bare, "eventwire": run, "ratio": ratio})
        print(f"{workers} process(es): bare {bare['articles_per_s']:.1f}/s, eventwire "
              f"{run['articles_per_s']:.1f}/s", file=sys.stderr)  # fmt: skip
    print_table(rows)
    if args.json:
        meta = {"articles": articles, "words": words, "load_before": load, "cores": os.cpu_count()}
        args.json.write_text(json.dumps({**meta, "rows": rows}, indent=2) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
