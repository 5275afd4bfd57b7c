"""Each reader on small files written for the purpose: what comes out, and where from."""

from __future__ import annotations

import gzip
import io
import json
import logging
import sys
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from eventwire.ingest.readers import (
    count_input_files,
    headline_of,
    looks_like_headline,
    read_inputs,
)
from eventwire.ingest.readers.table import read_table
from eventwire.records import IngestError, RawRecord
from eventwire.settings import Settings

SETTINGS = Settings()

ARTICLE_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Putin congratulates Obama on re-election | World News Daily</title>
<meta property="og:title" content="Putin congratulates Obama on re-election">
<meta property="og:site_name" content="World News Daily">
<meta property="og:url" content="https://news.example.com/world/putin-obama">
<meta property="article:published_time" content="2012-11-07T10:15:00Z">
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/subscribe">Subscribe to our newsletter today</a></li></ul></nav></header>
<main><article>
<h1>Putin congratulates Obama on re-election</h1>
<p>MOSCOW, November 7 &#8212; Russian President Vladimir Putin sent a telegram to Barack
Obama on Wednesday congratulating him on his re-election, the Kremlin said.</p>
<p>Putin's spokesman Dmitry Peskov told reporters that the two leaders were expected to
speak by telephone in the near future.</p>
<p>Prime Minister Dmitry Medvedev said Obama was an understandable and predictable
partner for Moscow.</p>
</article></main>
<aside><h3>Trending Topics</h3><ul><li><a href="/x">Celebrity chef opens a restaurant
in the harbour district</a></li></ul></aside>
<footer><p>Copyright 2012 World News Daily. All rights reserved. Privacy policy.</p></footer>
</body></html>
"""


def read_all(*paths: str | Path, settings: Settings = SETTINGS) -> list[RawRecord | IngestError]:
    """Everything read_inputs yields for `paths`."""
    return list(read_inputs([str(path) for path in paths], settings))


def records(results: list[RawRecord | IngestError]) -> list[RawRecord]:
    """Only the records, failing the test on any error."""
    errors = [result.describe() for result in results if isinstance(result, IngestError)]
    assert not errors
    return [result for result in results if isinstance(result, RawRecord)]


def write_warc(
    path: Path, records_to_write: list[tuple[str, str, bytes, str | None]], compress: bool = True
) -> None:
    """A WARC of (uri, WARC type, payload, HTTP content type) records, gzipped by default."""
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=compress)
        for uri, kind, payload, content_type in records_to_write:
            if kind == "request":
                headers = StatusAndHeaders(
                    "GET / HTTP/1.1", [("Host", "news.example.com")], is_http_request=True
                )
            else:
                headers = StatusAndHeaders(
                    "200 OK", [("Content-Type", content_type or "")], protocol="HTTP/1.1"
                )
            record = writer.create_warc_record(
                uri, kind, payload=io.BytesIO(payload), http_headers=headers
            )
            writer.write_record(record)


# --- plain text ---------------------------------------------------------------------


def test_text_file_headline_becomes_title_and_text_is_whole_file(tmp_path: Path) -> None:
    content = (
        "Putin congratulates Obama\r\n\r\nMOSCOW (Reuters) - Russian President Vladimir Putin"
        " congratulated Barack Obama on his re-election.\r\n"
    )
    path = tmp_path / "report.txt"
    path.write_bytes(content.encode("utf-8"))
    [record] = records(read_all(path))
    assert record.title == "Putin congratulates Obama"
    assert record.text == content
    assert record.source == str(path)
    assert (record.fmt, record.location, record.encoding_fallback) == ("txt", None, False)


def test_text_file_starting_with_a_sentence_has_no_title(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text("Putin congratulated Obama on Wednesday.\nThe call came later.\n")
    [record] = records(read_all(path))
    assert record.title is None


def test_text_file_with_a_single_line_has_no_title(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text("Putin congratulates Obama\n")
    [record] = records(read_all(path))
    assert record.title is None


def test_hard_wrapped_first_line_is_not_a_headline() -> None:
    text = "MOSCOW - Russian President Vladimir Putin spoke with\nthe American president today.\n"
    assert headline_of(text, SETTINGS) is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Obama wins second term", True),
        ("Russia and U.S. agree on talks with Kazakhstan Inc.", True),
        ("Is the reset over?", True),
        ("Talks end without a deal.", False),
        ("Trending Topics", False),
        ("Skip to content", False),
        ("\u00ab Earlier story | Main | Later story \u00bb", False),
        ("World | Politics | Europe", False),
        ("By Andrew Osborn", False),
        ("November 7, 2012", False),
        ("https://news.example.com/a", False),
        ("MOSCOW -", False),
        ("word " * 31, False),
    ],
)
def test_headline_judgment(line: str, expected: bool) -> None:
    assert looks_like_headline(line.strip(), SETTINGS) is expected


def test_text_file_strips_utf8_bom(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(b"\xef\xbb\xbfKremlin statement\n\nPutin spoke.\n")
    [record] = records(read_all(path))
    assert record.text == "Kremlin statement\n\nPutin spoke.\n"


def test_text_file_in_cp1252_is_decoded_with_fallback_flag_and_logged(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(b"Medvedev: \x93predictable partner\x94\n\nMore text.\n")
    with caplog.at_level(logging.DEBUG, logger="eventwire.ingest.readers"):
        [record] = records(read_all(path))
    assert record.text.startswith("Medvedev: \u201cpredictable partner\u201d")
    assert (record.encoding, record.encoding_fallback) == ("cp1252", True)
    assert f"decoded {path} as cp1252" in caplog.text
    assert "offset 10" in caplog.text


def test_html_page_in_a_declared_charset_is_decoded_with_it(tmp_path: Path) -> None:
    page = ARTICLE_PAGE.replace('charset="utf-8"', 'charset="koi8-r"').replace(
        "Moscow.", "Moscow (\u041c\u043e\u0441\u043a\u0432\u0430)."
    )
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("koi8-r"))
    [record] = records(read_all(path))
    assert "Moscow (\u041c\u043e\u0441\u043a\u0432\u0430)" in record.text
    assert (record.encoding, record.encoding_fallback) == ("koi8-r", True)


# --- JSON -----------------------------------------------------------------------------


def test_jsonl_aliases_fill_fields_and_unknown_fields_stay_as_metadata(tmp_path: Path) -> None:
    lines = [
        {
            "doc_id": "a1",
            "headline": "Putin calls Obama",
            "body": "Putin called Obama.",
            "date": "2012-11-13",
            "publisher": "Interfax",
            "url": "https://example.com/a1",
            "lang": "en",
            "tags": ["russia", "usa"],
        },
        {"id": 7, "content": "Second text.", "published_at": "Nov 14 2012", "source": "TASS"},
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    first, second = records(read_all(path))
    assert (first.doc_id, first.title, first.text) == ("a1", "Putin calls Obama", lines[0]["body"])
    assert (first.published, first.outlet, first.url) == (
        "2012-11-13",
        "Interfax",
        "https://example.com/a1",
    )
    assert first.metadata == {"lang": "en", "tags": ["russia", "usa"]}
    assert (first.location, first.fmt) == ("line 1", "jsonl")
    assert (second.doc_id, second.text, second.published, second.outlet) == (
        "7",
        "Second text.",
        "Nov 14 2012",
        "TASS",
    )
    assert second.location == "line 2"


def test_jsonl_canonical_field_wins_and_alias_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "feed.ndjson"
    path.write_text(json.dumps({"text": "The text.", "body": "<p>The text.</p>"}) + "\n")
    [record] = records(read_all(path))
    assert record.text == "The text."
    assert record.metadata == {"body": "<p>The text.</p>"}


def test_jsonl_line_numbers_count_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text('{"text": "one"}\n\n   \n{"text": "two"}\n')
    locations = [record.location for record in records(read_all(path))]
    assert locations == ["line 1", "line 4"]


def test_json_array_yields_each_object_as_an_item(tmp_path: Path) -> None:
    path = tmp_path / "feed.json"
    path.write_text(
        json.dumps(
            [{"title": "One", "text": "First."}, {"title": "Two", "text": "Second."}], indent=2
        )
    )
    results = records(read_all(path))
    assert [(r.title, r.location, r.fmt) for r in results] == [
        ("One", "item 1", "jsonl"),
        ("Two", "item 2", "jsonl"),
    ]


def test_json_file_with_one_object_is_a_whole_file_record(tmp_path: Path) -> None:
    path = tmp_path / "story.json"
    path.write_text(json.dumps({"headline": "Call", "text": "Putin called."}, indent=2))
    [record] = records(read_all(path))
    assert (record.title, record.text, record.location) == ("Call", "Putin called.", None)


def test_json_file_holding_json_lines_is_read_line_by_line(tmp_path: Path) -> None:
    path = tmp_path / "feed.json"
    path.write_text('{"text": "one"}\n{"text": "two"}\n')
    assert [r.location for r in records(read_all(path))] == ["line 1", "line 2"]


# --- CSV and TSV ----------------------------------------------------------------------


def test_csv_rows_become_records_with_aliases_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "feed.csv"
    path.write_text(
        "id,headline,date,body,section\n"
        'r1,Putin calls Obama,2012-11-13,"Putin called Obama.\nThey spoke.",world\n'
        "r2,,,Second report.,\n",
        newline="",
    )
    first, second = records(read_all(path))
    assert (first.doc_id, first.title, first.published) == ("r1", "Putin calls Obama", "2012-11-13")
    assert first.text == "Putin called Obama.\nThey spoke."
    assert first.metadata == {"section": "world"}
    assert (first.location, first.fmt) == ("row 1", "csv")
    assert (second.doc_id, second.title, second.text, second.location) == (
        "r2",
        None,
        "Second report.",
        "row 2",
    )


def test_tsv_is_split_on_tabs(tmp_path: Path) -> None:
    path = tmp_path / "feed.tsv"
    path.write_text("id\ttext\toutlet\nt1\tA report, with commas.\tAP\n")
    [record] = records(read_all(path))
    assert (record.doc_id, record.text, record.outlet, record.fmt) == (
        "t1",
        "A report, with commas.",
        "AP",
        "csv",
    )


def test_csv_with_crlf_line_ends_keeps_text_clean(tmp_path: Path) -> None:
    path = tmp_path / "feed.csv"
    path.write_bytes(b"id,text\r\n1,First.\r\n2,Second.\r\n")
    assert [r.text for r in records(read_all(path))] == ["First.", "Second."]


# --- HTML and WARC --------------------------------------------------------------------


def test_html_page_gives_article_text_without_furniture(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(ARTICLE_PAGE)
    [record] = records(read_all(path))
    assert "Putin sent a telegram to Barack" in record.text
    assert "understandable and predictable" in record.text
    for furniture in ("Subscribe to our newsletter", "Trending Topics", "Celebrity chef"):
        assert furniture not in record.text
    assert "All rights reserved" not in record.text
    assert record.title == "Putin congratulates Obama on re-election"
    assert record.published == "2012-11-07"
    assert record.url == "https://news.example.com/world/putin-obama"
    assert record.outlet == "World News Daily"
    assert (record.fmt, record.location) == ("html", None)


@pytest.mark.parametrize(("name", "compress"), [("crawl.warc.gz", True), ("crawl.warc", False)])
def test_warc_yields_html_responses_and_skips_other_records(
    tmp_path: Path, name: str, compress: bool
) -> None:
    path = tmp_path / name
    write_warc(
        path,
        [
            ("https://news.example.com/world/putin-obama", "request", b"", None),
            (
                "https://news.example.com/world/putin-obama",
                "response",
                ARTICLE_PAGE.encode(),
                "text/html; charset=utf-8",
            ),
            ("https://news.example.com/logo.png", "response", b"\x89PNG\r\n\x1a\n", "image/png"),
            ("https://news.example.com/api", "response", b'{"a": 1}', "application/json"),
        ],
        compress,
    )
    [record] = records(read_all(path))
    assert (record.fmt, record.location) == ("warc", "record 2")
    assert record.url == "https://news.example.com/world/putin-obama"
    assert "Putin sent a telegram" in record.text
    assert "Trending Topics" not in record.text
    assert "warc_date" in record.metadata


# --- gzip, standard input, folders ----------------------------------------------------


def test_gzipped_jsonl_is_read_transparently(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl.gz"
    path.write_bytes(gzip.compress(b'{"text": "one"}\n{"text": "two"}\n'))
    assert [r.text for r in records(read_all(path))] == ["one", "two"]


def test_gzip_is_recognised_by_magic_bytes_without_gz_suffix(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_bytes(gzip.compress(b'{"text": "one"}\n'))
    assert [r.text for r in records(read_all(path))] == ["one"]


@pytest.mark.parametrize(
    ("data", "fmt", "text"),
    [
        (b'\n  {"text": "from a pipe"}\n{"text": "second"}\n', "jsonl", "from a pipe"),
        (ARTICLE_PAGE.encode(), "html", "Putin sent a telegram"),
        (b"Kremlin statement\n\nPutin spoke with Obama.\n", "txt", "Putin spoke with Obama."),
    ],
)
def test_standard_input_format_is_sniffed(
    monkeypatch: pytest.MonkeyPatch, data: bytes, fmt: str, text: str
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    found = records(read_all("-"))
    assert found[0].fmt == fmt
    assert text in found[0].text
    assert found[0].source == "<stdin>"


def test_gzipped_standard_input_is_decompressed(monkeypatch: pytest.MonkeyPatch) -> None:
    data = gzip.compress(b'{"text": "zipped"}\n')
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert [r.text for r in records(read_all("-"))] == ["zipped"]


def test_folder_walk_is_recursive_sorted_and_skips_hidden(tmp_path: Path) -> None:
    for relative in ["b.txt", "a.txt", "sub/z.txt", "sub/deeper/c.txt", "a_dir/x.txt"]:
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"Report {relative}\n")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD.txt").write_text("hidden folder\n")
    (tmp_path / ".draft.txt").write_text("hidden file\n")
    found = [Path(r.source).relative_to(tmp_path).as_posix() for r in records(read_all(tmp_path))]
    assert found == ["a.txt", "b.txt", "a_dir/x.txt", "sub/z.txt", "sub/deeper/c.txt"]
    again = [Path(r.source).relative_to(tmp_path).as_posix() for r in records(read_all(tmp_path))]
    assert again == found


def test_input_files_are_counted_as_the_walk_finds_them(tmp_path: Path) -> None:
    for relative in ["a.txt", "sub/b.jsonl", "sub/c.pdf", ".hidden.txt"]:
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x\n")
    assert count_input_files([str(tmp_path), "-", str(tmp_path / "a.txt")]) == 5


def test_paths_are_read_in_the_order_given(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("Second\n")
    (tmp_path / "a.txt").write_text("First\n")
    found = [r.text for r in records(read_all(tmp_path / "b.txt", tmp_path / "a.txt"))]
    assert found == ["Second\n", "First\n"]


# --- streaming ------------------------------------------------------------------------


class EndlessLines(io.RawIOBase):
    """A byte stream of the same line over and over, counting the bytes handed out."""

    def __init__(self, header: bytes, line: bytes, total: int) -> None:
        self.data = header
        self.line = line
        self.left = total
        self.delivered = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        while len(self.data) < len(buffer) and self.left > 0:
            self.data += self.line * 64
            self.left -= 64
        size = min(len(buffer), len(self.data))
        buffer[:size] = self.data[:size]
        self.data = self.data[size:]
        self.delivered += size
        return size


def test_jsonl_from_standard_input_is_read_record_by_record(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    source = EndlessLines(b"", b'{"text": "Putin spoke."}\n', total=10_000_000)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(source)))
    results = read_inputs(["-"], SETTINGS)
    first = [next(results) for _ in range(3)]
    assert [r.location for r in first] == ["line 1", "line 2", "line 3"]
    assert source.delivered < 1_000_000


def test_csv_is_read_row_by_row() -> None:
    source = EndlessLines(b"id,text\n", b"x,Putin spoke.\n", total=10_000_000)
    results = read_table("feed.csv", io.BufferedReader(source), SETTINGS, ",")
    first = [next(results) for _ in range(3)]
    assert [r.location for r in first] == ["row 1", "row 2", "row 3"]
    assert source.delivered < 1_000_000


@pytest.mark.slow
def test_fifty_megabyte_jsonl_file_yields_every_record(tmp_path: Path) -> None:
    line = json.dumps({"text": "Putin spoke with Obama by telephone. " * 25}) + "\n"
    count = 50_000_000 // len(line)
    path = tmp_path / "big.jsonl"
    path.write_text(line * count)
    total = sum(1 for result in read_inputs([str(path)], SETTINGS) if isinstance(result, RawRecord))
    assert total == count
