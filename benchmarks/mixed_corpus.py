"""Write a folder of mixed input files, a share of them bad, with a manifest of what to expect.

Used by the robustness benchmark and the interrupted-run tests. The reports are
synthetic wire copy built from a few sentence frames written for this purpose.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import random
from dataclasses import dataclass, field
from pathlib import Path

LEADERS = [
    ("President Barack Obama", "United States", "Washington"),
    ("President Vladimir Putin", "Russia", "Moscow"),
    ("Chancellor Angela Merkel", "Germany", "Berlin"),
    ("President Francois Hollande", "France", "Paris"),
    ("Prime Minister Shinzo Abe", "Japan", "Tokyo"),
    ("President Xi Jinping", "China", "Beijing"),
    ("Prime Minister Narendra Modi", "India", "New Delhi"),
    ("President Recep Tayyip Erdogan", "Turkey", "Ankara"),
]
ACTS = [
    "spoke by telephone with",
    "met in the capital with",
    "sent a letter of congratulation to",
    "criticised the latest steps taken by",
    "agreed to resume trade talks with",
    "called for restraint in a message to",
]
TOPICS = [
    "regional security",
    "the price of gas supplies",
    "a stalled arms control agenda",
    "visa rules for students",
    "the war in Syria",
    "climate finance",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
# The one 50 MB file is written first; the other kinds follow in turn.
BAD_KINDS = [
    "empty",
    "binary",
    "undecodable",
    "no_article_html",
    "truncated_gzip",
    "malformed_jsonl",
    "csv_missing_text",
]


@dataclass
class Manifest:
    """What a correct ingest of the folder stores and reports."""

    documents: list[tuple[str, str | None]] = field(default_factory=list)  # (source, location)
    errors: list[tuple[str, str | None, str]] = field(default_factory=list)  # (+ code)

    def to_json(self) -> str:
        """The manifest as JSON."""
        return json.dumps({"documents": self.documents, "errors": self.errors})

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        """A manifest read back from JSON."""
        data = json.loads(text)
        return cls(
            [tuple(d) for d in data["documents"]],  # type: ignore[misc]
            [tuple(e) for e in data["errors"]],  # type: ignore[misc]
        )


def report_text(rng: random.Random, serial: int) -> str:
    """A synthetic wire report of about 150 words, unique by its serial number."""
    (a, country_a, city), (b, country_b, _) = rng.sample(LEADERS, 2)
    act, topic, day = rng.choice(ACTS), rng.choice(TOPICS), rng.choice(WEEKDAYS)
    paragraphs = [
        f"{city.upper()} — {a} {act} {b} on {day}, officials in both capitals said.",
        f"The two sides discussed {topic}, according to a statement released after the "
        f"contact, which aides described as businesslike but frank on several points.",
        f"A spokesman for the government of {country_a} said the talks would continue "
        f"at the level of ministers in the coming weeks, while officials in {country_b} "
        f"declined to say whether a visit was being prepared.",
        f"Analysts said the exchange, the {serial}th recorded in this series of reports, "
        f"showed how much both governments wanted to keep their channels open despite "
        f"disagreements that have shaped the relationship for years.",
        f"Report number {serial} ends here.",
    ]
    return "\n\n".join(paragraphs) + "\n"


def html_page(title: str, body: str) -> str:
    """A small news page with navigation furniture around the article."""
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n\n") if p.strip())
    return (
        f"<html><head><title>{title}</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{title}</h1>{paragraphs}</article>"
        "<footer>All rights reserved. Contact us.</footer></body></html>"
    )


def write_mixed_folder(
    root: Path, n_files: int, bad_share: float = 0.05, seed: int = 7, with_large: bool = True
) -> Manifest:
    """Write `n_files` files under `root` (in subfolders); return what ingest should find."""
    rng = random.Random(seed)
    manifest = Manifest()
    n_bad = round(n_files * bad_share)
    kinds = ["bad"] * n_bad + ["good"] * (n_files - n_bad)
    rng.shuffle(kinds)
    bad_cycle = 0
    for index, kind in enumerate(kinds):
        folder = root / f"batch{index // 100:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        if kind == "good":
            _write_good(folder, index, rng, manifest)
        else:
            kinds_here = ["large", *BAD_KINDS] if with_large else BAD_KINDS
            kind = (
                kinds_here[bad_cycle]
                if bad_cycle < len(kinds_here)
                else BAD_KINDS[bad_cycle % len(BAD_KINDS)]
            )
            _write_bad(folder, index, kind, rng, manifest)
            bad_cycle += 1
    (root.parent / f"{root.name}.manifest.json").write_text(manifest.to_json())
    return manifest


def _write_good(folder: Path, index: int, rng: random.Random, manifest: Manifest) -> None:
    """One good file, in a format chosen by its index."""
    text = report_text(rng, index)
    title = f"Leaders in contact, report {index}"
    shape = index % 10
    if shape <= 4:
        path = folder / f"r{index:05d}.txt"
        path.write_text(f"{title}\n\n{text}", encoding="utf-8")
        manifest.documents.append((str(path), None))
    elif shape == 5:
        path = folder / f"r{index:05d}.txt.gz"
        path.write_bytes(gzip.compress(f"{title}\n\n{text}".encode()))
        manifest.documents.append((str(path), None))
    elif shape == 6:
        path = folder / f"r{index:05d}.html"
        path.write_text(html_page(title, text), encoding="utf-8")
        manifest.documents.append((str(path), None))
    elif shape == 7:
        path = folder / f"r{index:05d}.jsonl"
        lines = [
            _record(f"j{index}-{k}", title, report_text(rng, index * 10 + k)) for k in range(3)
        ]
        path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
        manifest.documents += [(str(path), f"line {k + 1}") for k in range(3)]
    elif shape == 8:
        path = folder / f"r{index:05d}.csv"
        rows = [_record(f"c{index}-{k}", title, report_text(rng, index * 10 + k)) for k in range(2)]
        _write_csv(path, rows)
        manifest.documents += [(str(path), f"row {k + 1}") for k in range(2)]
    else:
        path = folder / f"r{index:05d}.txt"
        path.write_bytes(f"{title}\n\n{text} Caf\u00e9 talks.\n".encode("cp1252"))
        manifest.documents.append((str(path), None))


def _write_bad(folder: Path, index: int, kind: str, rng: random.Random, manifest: Manifest) -> None:
    """One bad file of the given kind, recording the error (and any good records in it)."""
    text = report_text(rng, index)
    if kind == "empty":
        path = folder / f"b{index:05d}.txt"
        path.write_bytes(b"")
        manifest.errors.append((str(path), None, "E101"))
    elif kind == "binary":
        path = folder / f"b{index:05d}.txt"
        path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(2048)))
        manifest.errors.append((str(path), None, "E102"))
    elif kind == "undecodable":
        path = folder / f"b{index:05d}.txt"
        path.write_bytes(text.encode() + b"\x81\x8d\x8f\x90\x9d broken \xc3\x28 bytes\n")
        manifest.errors.append((str(path), None, "E103"))
    elif kind == "no_article_html":
        path = folder / f"b{index:05d}.html"
        path.write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
        manifest.errors.append((str(path), None, "E108"))
    elif kind == "truncated_gzip":
        path = folder / f"b{index:05d}.jsonl.gz"
        lines = [
            _record(f"t{index}-{k}", "Cut", report_text(rng, index * 10 + k)) for k in range(40)
        ]
        whole = gzip.compress("".join(json.dumps(x) + "\n" for x in lines).encode())
        path.write_bytes(whole[: len(whole) * 3 // 4])
        manifest.errors.append((str(path), None, "E105"))
        manifest.documents.append((str(path), "line 1"))  # at least the first lines survive
    elif kind == "malformed_jsonl":
        path = folder / f"b{index:05d}.jsonl"
        good = json.dumps(_record(f"m{index}", "Fine", text))
        path.write_text(good + "\n" + '{"id": "broken", "text": "no end\n', encoding="utf-8")
        manifest.documents.append((str(path), "line 1"))
        manifest.errors.append((str(path), "line 2", "E106"))
    elif kind == "csv_missing_text":
        path = folder / f"b{index:05d}.csv"
        rows = [_record(f"k{index}-0", "Fine", text), _record(f"k{index}-1", "Empty", "")]
        _write_csv(path, rows)
        manifest.documents.append((str(path), "row 1"))
        manifest.errors.append((str(path), "row 2", "E107"))
    else:
        path = folder / f"b{index:05d}.txt"
        with path.open("wb") as handle:
            chunk = (text * 40).encode()
            while handle.tell() < 50_000_000:
                handle.write(chunk)
        manifest.errors.append((str(path), None, "E104"))


def _record(doc_id: str, title: str, text: str) -> dict[str, str]:
    """A JSON or CSV input record."""
    return {"id": doc_id, "title": title, "outlet": "Synthetic Wire", "url": "", "text": text}


def _write_csv(path: Path, rows: list[dict[str, str]]) -> None:
    """Rows with a header, in UTF-8."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def check_store(db_path: Path, manifest: Manifest) -> list[str]:
    """What is wrong with a store after ingesting the folder; empty when all is right."""
    import duckdb

    con = duckdb.connect(str(db_path), read_only=True)
    try:
        stored = con.execute(
            "SELECT source, location, count(*) FROM documents GROUP BY ALL"
        ).fetchall()
        errors = con.execute(
            "SELECT source, nullif(location, ''), code FROM ingest_errors"
        ).fetchall()
    finally:
        con.close()
    counts = {(s, loc): n for s, loc, n in stored}
    problems = [f"stored {n} times: {s} {loc}" for (s, loc), n in counts.items() if n > 1]
    problems += [f"missing: {s} {loc}" for s, loc in manifest.documents if (s, loc) not in counts]
    expected_sources = {s for s, _ in manifest.documents}
    problems += [
        f"unexpected document: {s} {loc}" for s, loc in counts if s not in expected_sources
    ]
    found = set(errors)
    problems += [f"error not listed: {e}" for e in manifest.errors if tuple(e) not in found]
    # a truncated archive may also report its cut last line; nothing else may be reported
    truncated = {s for s, _, code in manifest.errors if code == "E105"}
    expected = {tuple(e) for e in manifest.errors}
    problems += [f"unexpected error: {e}" for e in found - expected if e[0] not in truncated]
    return problems
