"""The bundled example corpus: shape, dates, outlets and the wire-copy features it must show."""

from __future__ import annotations

import datetime as dt
import json
import re
from importlib.resources import files

import pytest

KEYS = {"id", "url", "outlet", "title", "published", "text"}
RELATIVE_DAY = re.compile(
    r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|last week)\b"
)


@pytest.fixture(scope="module")
def reports() -> list[dict]:
    corpus = files("eventwire") / "data" / "examples" / "corpus.jsonl"
    lines = corpus.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def test_corpus_holds_between_25_and_40_reports(reports):
    assert 25 <= len(reports) <= 40


def test_every_report_has_exactly_the_six_keys(reports):
    for report in reports:
        assert set(report) == KEYS, report.get("id")


def test_report_ids_are_unique(reports):
    ids = [r["id"] for r in reports]
    assert len(ids) == len(set(ids))


def test_published_is_an_iso_date_or_empty(reports):
    for report in reports:
        if report["published"]:
            dt.date.fromisoformat(report["published"])


def test_four_or_five_reports_leave_the_date_to_be_inferred(reports):
    assert 4 <= sum(1 for r in reports if not r["published"]) <= 5


def test_reports_span_at_least_three_years(reports):
    assert len({r["published"][:4] for r in reports if r["published"]}) >= 3


def test_reports_come_from_at_least_four_outlets(reports):
    assert len({r["outlet"] for r in reports}) >= 4


def test_many_reports_date_events_relative_to_publication(reports):
    assert sum(1 for r in reports if RELATIVE_DAY.search(r["text"])) >= 8


def test_both_curly_and_straight_quotes_occur(reports):
    assert sum(1 for r in reports if "\u201c" in r["text"]) >= 3
    assert sum(1 for r in reports if '"' in r["text"]) >= 3


def test_no_report_is_shorter_than_100_words(reports):
    for report in reports:
        assert len(report["text"].split()) >= 100, report["id"]
