"""Bad input: each case gives its error code and place, and the good input around it survives."""

from __future__ import annotations

import dataclasses
import gzip
import io
import json
import os
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

import eventwire.ingest.readers.files as files_module
from eventwire.errors import INGEST_ERROR_CODES
from eventwire.ingest.readers import read_inputs
from eventwire.records import IngestError, RawRecord
from eventwire.settings import Settings

SETTINGS = Settings()

ARTICLE_PAGE = (
    "<html><head><title>Obama and Putin speak</title></head><body>"
    "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article><h1>Obama and Putin"
    " speak</h1><p>US President Barack Obama and Russian President Vladimir Putin spoke by"
    " telephone on Tuesday and agreed to meet at the next summit, the Kremlin said.</p>"
    "<p>The two leaders discussed trade, Syria and missile defence during the call.</p>"
    "</article></body></html>"
)
EMPTY_PAGE = (
    "<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a>"
    " <a href='/world'>World</a></nav><footer>Contact us</footer></body></html>"
)


def read_all(*paths: str | Path, settings: Settings = SETTINGS) -> list[RawRecord | IngestError]:
    """Everything read_inputs yields for `paths`."""
    return list(read_inputs([str(path) for path in paths], settings))


def errors_of(results: list[RawRecord | IngestError]) -> list[tuple[str, str | None]]:
    """(code, location) of each error, in order."""
    return [(r.code, r.location) for r in results if isinstance(r, IngestError)]


def texts_of(results: list[RawRecord | IngestError]) -> list[str]:
    """The text of each record, in order."""
    return [r.text for r in results if isinstance(r, RawRecord)]


def jsonl(*texts: str) -> bytes:
    """JSON lines with one `text` field each."""
    return b"".join(json.dumps({"text": text}).encode() + b"\n" for text in texts)


def warc_bytes(pages: list[tuple[str, str]]) -> bytes:
    """A gzipped WARC with one HTML response per (uri, html) pair."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    for uri, html in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            uri, "response", payload=io.BytesIO(html.encode()), http_headers=headers
        )
        writer.write_record(record)
    return out.getvalue()


def test_every_error_code_used_here_is_documented() -> None:
    for code in ("E101", "E102", "E103", "E104", "E105", "E106", "E107", "E108", "E109"):
        assert code in INGEST_ERROR_CODES
    for code in ("E110", "E111", "E113"):
        assert code in INGEST_ERROR_CODES


# --- E101 empty -----------------------------------------------------------------------


def test_empty_file_is_reported_and_its_neighbour_still_read(tmp_path: Path) -> None:
    (tmp_path / "a_empty.txt").write_bytes(b"")
    (tmp_path / "b_good.txt").write_text("Kremlin statement\n\nPutin spoke.\n")
    results = read_all(tmp_path)
    assert errors_of(results) == [("E101", None)]
    assert results[0].source == str(tmp_path / "a_empty.txt")
    assert texts_of(results) == ["Kremlin statement\n\nPutin spoke.\n"]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("blank.txt", b"  \n\t\n"),
        ("blank.jsonl", b"\n\n  \n"),
        ("empty.jsonl.gz", gzip.compress(b"")),
        ("header_only.csv", b"id,text\n"),
        ("empty_array.json", b"[]"),
    ],
)
def test_input_without_content_is_empty(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    assert errors_of(read_all(path)) == [("E101", None)]


# --- E102 binary ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "said"),
    [
        (b"Putin\x00\x00\x01\x02 spoke", "NUL byte at offset 5"),
        (b"\x89PNG\r\n\x1a\n" + b"x" * 100, "PNG image"),
        (b"%PDF-1.7\n%text follows", "PDF document"),
        (bytes(range(1, 9)) * 20 + b"some text", "control bytes"),
    ],
)
def test_binary_file_is_refused_saying_what_was_seen(
    tmp_path: Path, data: bytes, said: str
) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(data)
    [error] = read_all(path)
    assert isinstance(error, IngestError)
    assert error.code == "E102"
    assert said in error.reason


# --- E103 undecodable -----------------------------------------------------------------


def test_undecodable_text_file_names_the_offset_of_the_bad_byte(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(b"Putin \x81 spoke")
    [error] = read_all(path)
    assert isinstance(error, IngestError)
    assert error.code == "E103"
    assert "offset 6" in error.reason


def test_undecodable_json_line_spoils_only_itself(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    first = b'{"text": "one"}\n'
    path.write_bytes(first + b'{"text": "t\x81o"}\n' + b'{"text": "three"}\n')
    results = read_all(path)
    assert errors_of(results) == [("E103", "line 2")]
    bad = next(r for r in results if isinstance(r, IngestError))
    assert f"offset {len(first) + 11}" in bad.reason
    assert texts_of(results) == ["one", "three"]


def test_undecodable_csv_row_spoils_only_itself(tmp_path: Path) -> None:
    path = tmp_path / "feed.csv"
    path.write_bytes(b"id,text\n1,one\n2,t\x81o\n3,three\n")
    results = read_all(path)
    assert errors_of(results) == [("E103", "row 2")]
    assert texts_of(results) == ["one", "three"]


def test_utf16_text_is_refused_with_advice(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes("Putin spoke with Obama.".encode("utf-16"))
    [error] = read_all(path)
    assert isinstance(error, IngestError)
    assert (error.code, "UTF-8" in error.reason) == ("E103", True)


# --- E104 too large -------------------------------------------------------------------


def test_fifty_megabyte_text_file_is_refused_before_it_is_opened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "dump.txt"
    with path.open("w") as out:
        out.write("Putin spoke with Obama by telephone on Tuesday.\n" * 1_050_000)
    assert path.stat().st_size > 50_000_000
    (tmp_path / "small.txt").write_text("Kremlin statement\n\nPutin spoke.\n")
    opened: list[str] = []
    real_open = open

    def spying_open(file: str, *args: object, **kwargs: object) -> object:
        opened.append(str(file))
        return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(files_module, "open", spying_open, raising=False)
    results = read_all(tmp_path)
    assert errors_of(results) == [("E104", None)]
    assert "max_document_bytes" in results[0].reason
    assert opened == [str(tmp_path / "small.txt")]
    assert texts_of(results) == ["Kremlin statement\n\nPutin spoke.\n"]


def test_gzipped_text_is_decompressed_only_up_to_the_bound(tmp_path: Path) -> None:
    path = tmp_path / "dump.txt.gz"
    path.write_bytes(gzip.compress(b"Putin spoke.\n" * 1_000_000))
    settings = dataclasses.replace(SETTINGS, max_document_bytes=100_000)
    assert errors_of(read_all(path, settings=settings)) == [("E104", None)]


def test_overlong_json_line_is_skipped_and_its_neighbours_kept(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_bytes(jsonl("one", "x" * 5000, "three"))
    settings = dataclasses.replace(SETTINGS, max_record_bytes=1000)
    results = read_all(path, settings=settings)
    assert errors_of(results) == [("E104", "line 2")]
    assert texts_of(results) == ["one", "three"]


def test_record_text_over_the_document_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_bytes(jsonl("one", "x" * 5000))
    settings = dataclasses.replace(SETTINGS, max_document_bytes=1000)
    results = read_all(path, settings=settings)
    assert errors_of(results) == [("E104", "line 2")]
    assert texts_of(results) == ["one"]


def test_overlong_csv_row_is_skipped_and_its_neighbours_kept(tmp_path: Path) -> None:
    path = tmp_path / "feed.csv"
    path.write_text(f"id,text\n1,one\n2,{'x' * 5000}\n3,three\n")
    settings = dataclasses.replace(SETTINGS, max_record_bytes=1000)
    results = read_all(path, settings=settings)
    assert errors_of(results) == [("E104", "row 2")]
    assert texts_of(results) == ["one", "three"]


# --- E105 truncated or corrupt gzip ---------------------------------------------------


def test_truncated_gzip_jsonl_keeps_the_lines_before_the_break(tmp_path: Path) -> None:
    texts = [f"Report number {n} on the talks between Moscow and Washington." for n in range(50)]
    data = gzip.compress(jsonl(*texts))
    path = tmp_path / "feed.jsonl.gz"
    path.write_bytes(data[: len(data) - 40])
    results = read_all(path)
    good = texts_of(results)
    assert 10 < len(good) < 50
    assert good == texts[: len(good)]
    assert errors_of(results) == [("E105", None)]
    assert f"line {len(good) + 1}" in results[-1].reason


def test_truncated_gzip_csv_keeps_the_rows_before_the_break(tmp_path: Path) -> None:
    rows = "".join(f"{n},Report number {n} on the talks in Moscow.\n" for n in range(50))
    data = gzip.compress(f"id,text\n{rows}".encode())
    path = tmp_path / "feed.csv.gz"
    path.write_bytes(data[: len(data) - 40])
    results = read_all(path)
    good = texts_of(results)
    assert 10 < len(good) < 50
    assert texts_of(results) == [
        f"Report number {n} on the talks in Moscow." for n in range(len(good))
    ]
    assert errors_of(results) == [("E105", None)]
    assert f"line {len(good) + 2}" in results[-1].reason


def test_corrupt_gzip_text_file_is_reported(tmp_path: Path) -> None:
    data = gzip.compress(b"Kremlin statement\n\nPutin spoke with Obama.\n" * 20)
    path = tmp_path / "report.txt.gz"
    path.write_bytes(data[:12] + b"\xff" * 30 + data[42:])
    (tmp_path / "zz_good.txt").write_text("Kremlin statement\n\nPutin spoke.\n")
    results = read_all(tmp_path)
    assert errors_of(results) == [("E105", None)]
    assert len(texts_of(results)) == 1


# --- E106 malformed JSON --------------------------------------------------------------


def test_malformed_json_lines_are_named_and_the_others_go_on(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_bytes(jsonl("one") + b'{"text": "broken\n' + b'["an array"]\n' + jsonl("four"))
    results = read_all(path)
    assert errors_of(results) == [("E106", "line 2"), ("E106", "line 3")]
    assert texts_of(results) == ["one", "four"]
    assert "array" in results[2].reason


def test_json_array_broken_midway_keeps_the_items_before(tmp_path: Path) -> None:
    path = tmp_path / "feed.json"
    path.write_text('[{"text": "one"}, {"text": "two"}, {"text": "thr')
    results = read_all(path)
    assert texts_of(results) == ["one", "two"]
    assert errors_of(results) == [("E106", "item 3")]


# --- E107 no text ---------------------------------------------------------------------


def test_json_record_without_text_is_named_by_line(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [{"text": "one"}, {"title": "No body here"}, {"body": "   "}, {"text": "four"}]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    results = read_all(path)
    assert errors_of(results) == [("E107", "line 2"), ("E107", "line 3")]
    assert "title" in results[1].reason
    assert texts_of(results) == ["one", "four"]


def test_csv_row_without_text_is_named_by_row(tmp_path: Path) -> None:
    path = tmp_path / "feed.csv"
    path.write_text("id,title,text\n1,A,one\n2,B,\n3,C,three\n")
    results = read_all(path)
    assert errors_of(results) == [("E107", "row 2")]
    assert texts_of(results) == ["one", "three"]


# --- E108 no article ------------------------------------------------------------------


def test_html_page_without_an_article_is_reported(tmp_path: Path) -> None:
    (tmp_path / "a_menu.html").write_text(EMPTY_PAGE)
    (tmp_path / "b_story.html").write_text(ARTICLE_PAGE)
    results = read_all(tmp_path)
    assert errors_of(results) == [("E108", None)]
    assert results[0].source.endswith("a_menu.html")
    assert "Obama and Putin" in texts_of(results)[0]


# --- E109 unreadable ------------------------------------------------------------------


def test_missing_path_is_reported_and_the_next_path_read(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Kremlin statement\n\nPutin spoke.\n")
    results = read_all(tmp_path / "missing.txt", good)
    assert errors_of(results) == [("E109", None)]
    assert results[0].source == str(tmp_path / "missing.txt")
    assert len(texts_of(results)) == 1


def test_broken_symbolic_link_in_a_folder_is_reported(tmp_path: Path) -> None:
    os.symlink(tmp_path / "nowhere.txt", tmp_path / "a_link.txt")
    (tmp_path / "b_good.txt").write_text("Kremlin statement\n\nPutin spoke.\n")
    results = read_all(tmp_path)
    assert errors_of(results) == [("E109", None)]
    assert len(texts_of(results)) == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_file_without_read_permission_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("Kremlin statement\n\nPutin spoke.\n")
    path.chmod(0)
    assert errors_of(read_all(path)) == [("E109", None)]


def test_reader_failure_becomes_an_error_not_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_reader(*args: object) -> RawRecord:
        raise RuntimeError("reader bug")

    monkeypatch.setattr(files_module, "read_text_document", broken_reader)
    (tmp_path / "a.txt").write_text("Putin spoke.\n")
    (tmp_path / "b.jsonl").write_bytes(jsonl("one"))
    results = read_all(tmp_path)
    assert errors_of(results) == [("E109", None)]
    assert "reader bug" in results[0].reason
    assert texts_of(results) == ["one"]


# --- E110 unsupported -----------------------------------------------------------------


@pytest.mark.parametrize("name", ["report.pdf", "report.docx", "notes.xyz", "README"])
def test_unsupported_file_type_is_reported(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"%PDF-1.4 or anything else")
    [error] = read_all(path)
    assert isinstance(error, IngestError)
    assert error.code == "E110"
    assert ".txt" in error.reason


# --- E111 WARC ------------------------------------------------------------------------


def test_file_that_is_not_a_warc_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc"
    path.write_text("this is not an archive\n" * 5)
    [error] = read_all(path)
    assert isinstance(error, IngestError)
    assert (error.code, error.location) == ("E111", None)


@pytest.mark.parametrize("cut", [100, 300])
def test_truncated_warc_keeps_the_records_before_the_break(tmp_path: Path, cut: int) -> None:
    data = warc_bytes(
        [("https://a.example/1", ARTICLE_PAGE), ("https://a.example/2", ARTICLE_PAGE)]
    )
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(data[: len(data) - cut])
    results = read_all(path)
    assert [r.url for r in results if isinstance(r, RawRecord)] == ["https://a.example/1"]
    assert errors_of(results) == [("E111", "record 2")]


def test_warc_with_garbage_after_a_record_keeps_the_record(tmp_path: Path) -> None:
    data = warc_bytes([("https://a.example/1", ARTICLE_PAGE)])
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(data + gzip.compress(b"garbage that is no record\r\n\r\n"))
    results = read_all(path)
    assert len(texts_of(results)) == 1
    assert errors_of(results) == [("E111", "record 2")]


def test_warc_response_without_an_article_is_reported_by_record(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(
        warc_bytes([("https://a.example/menu", EMPTY_PAGE), ("https://a.example/2", ARTICLE_PAGE)])
    )
    results = read_all(path)
    assert errors_of(results) == [("E108", "record 1")]
    assert [r.location for r in results if isinstance(r, RawRecord)] == ["record 2"]


# --- E113 CSV -------------------------------------------------------------------------


def test_csv_without_a_text_column_cannot_be_parsed(tmp_path: Path) -> None:
    path = tmp_path / "feed.csv"
    path.write_text("This is prose, not a table.\nIt goes on for a while.\n")
    [error] = read_all(path)
    assert isinstance(error, IngestError)
    assert error.code == "E113"
    assert "no text column" in error.reason


# --- all together ---------------------------------------------------------------------


def test_a_folder_of_bad_files_never_stops_the_run(tmp_path: Path) -> None:
    bad = {
        "empty.txt": b"",
        "binary.txt": b"\x00\x01\x02\x03" * 100,
        "latin.txt": b"\x81\x8d\x8f",
        "broken.jsonl.gz": gzip.compress(jsonl("x" * 200))[:12],
        "bad.jsonl": b"{nope}\n",
        "notext.jsonl": b'{"title": "t"}\n',
        "menu.html": EMPTY_PAGE.encode(),
        "report.pdf": b"%PDF-1.4",
        "crawl.warc": b"not a warc",
        "prose.csv": b"just prose\n",
    }
    for name, data in bad.items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "good.jsonl").write_bytes(jsonl("survivor"))
    results = read_all(tmp_path)
    assert texts_of(results) == ["survivor"]
    reported = {Path(r.source).name for r in results if isinstance(r, IngestError)}
    assert reported == set(bad)
