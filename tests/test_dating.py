"""Publication dates: metadata values normalised, and dates read from the text only where stated."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from eventwire.ingest.dating import infer_published, parse_published
from eventwire.records import PublishedDate

SHARED = Path(__file__).resolve().parents[2] / "shared"

BODY = (
    "Russian President Vladimir Putin congratulated Barack Obama on his re-election on "
    "Wednesday, the Kremlin said.\n\n"
    "The two leaders are expected to speak by telephone in the near future.\n"
)


# ---------------------------------------------------------------- parse_published


@pytest.mark.parametrize(
    "value",
    ["2012-11-07", "2012-11-07T10:31:00Z", "2012-11-07 10:31", "2012-11-07T23:31:00-05:00"],
)
def test_iso_date_or_datetime_gives_day_as_written(value: str) -> None:
    assert parse_published(value) == PublishedDate("2012-11-07", "day")


def test_year_and_month_gives_month_precision() -> None:
    assert parse_published("2012-11") == PublishedDate("2012-11", "month")


def test_year_alone_gives_year_precision() -> None:
    assert parse_published("2012") == PublishedDate("2012", "year")


def test_rfc_2822_date_gives_day() -> None:
    assert parse_published("Wed, 07 Nov 2012 10:31:00 GMT") == PublishedDate("2012-11-07", "day")


@pytest.mark.parametrize(
    "value", ["Nov. 7, 2012", "7 November 2012", "November 7, 2012", "Wednesday, November 7, 2012"]
)
def test_written_dates_give_day(value: str) -> None:
    assert parse_published(value) == PublishedDate("2012-11-07", "day")


def test_written_month_and_year_gives_month() -> None:
    assert parse_published("November 2012") == PublishedDate("2012-11", "month")


def test_missing_day_is_never_filled_from_today() -> None:
    assert parse_published("Nov 2012 at 10am") == PublishedDate("2012-11", "month")


def test_non_english_date_goes_through_dateparser() -> None:
    assert parse_published("le 7 novembre 2012") == PublishedDate("2012-11-07", "day")


@pytest.mark.parametrize("value", [None, "", "   "])
def test_empty_value_gives_none(value: str | None) -> None:
    assert parse_published(value) is None


@pytest.mark.parametrize("value", ["soon", "n/a", "12 12", "yesterday"])
def test_unreadable_value_raises_value_error(value: str) -> None:
    with pytest.raises(ValueError, match="not a date"):
        parse_published(value)


def test_impossible_day_raises_value_error() -> None:
    with pytest.raises(ValueError, match="no such day"):
        parse_published("2012-02-30")


def test_weekday_contradicting_date_raises_value_error() -> None:
    with pytest.raises(ValueError, match="weekday"):
        parse_published("Tue, 07 Nov 2012 10:31:00 GMT")


def test_numeric_date_with_ambiguous_order_raises_value_error() -> None:
    with pytest.raises(ValueError, match="ambiguous"):
        parse_published("03/04/2012")


def test_ambiguous_numeric_date_is_not_guessed_by_fallback() -> None:
    with pytest.raises(ValueError):
        parse_published("Date: 03/04/2012")


@pytest.mark.parametrize("value", ["13/04/2012", "04/13/2012", "13.04.2012", "2012/04/13"])
def test_numeric_date_with_one_possible_order_gives_day(value: str) -> None:
    assert parse_published(value) == PublishedDate("2012-04-13", "day")


def test_dotted_numeric_date_reads_day_first() -> None:
    assert parse_published("07.11.2012") == PublishedDate("2012-11-07", "day")


def test_ctime_style_date_gives_day() -> None:
    assert parse_published("Wed Nov 07 10:31:00 +0000 2012") == PublishedDate("2012-11-07", "day")


def test_metadata_date_is_not_marked_inferred() -> None:
    found = parse_published("2012-11-07")
    assert found is not None and not found.inferred and found.evidence is None


# ---------------------------------------------------------------- infer_published


def _day(text: str) -> str | None:
    """The inferred value when it has day precision, else None."""
    found = infer_published(text)
    return found.value if found is not None and found.precision == "day" else None


def test_dateline_with_full_date_gives_day() -> None:
    text = "Putin congratulates Obama\n\nMOSCOW, Nov. 7, 2012 (Reuters) - " + BODY
    found = infer_published(text)
    assert found is not None
    assert (found.value, found.precision, found.inferred) == ("2012-11-07", "day", True)
    assert found.evidence == "MOSCOW, Nov. 7, 2012 (Reuters) -"


@pytest.mark.parametrize(
    "dateline",
    [
        "WASHINGTON, March 9, 2012 (Xinhua) -- ",
        "LONDON, 12 March 2013 — ",
        "SAN FRANCISCO, California, March 9, 2012 (AP) — ",
    ],
)
def test_dateline_forms_give_day(dateline: str) -> None:
    found = infer_published(dateline + BODY)
    assert found is not None and found.precision == "day"
    assert found.value in {"2012-03-09", "2013-03-12"}


def test_dateline_without_date_gives_none() -> None:
    assert infer_published("(MOSCOW) -- " + BODY) is None


def test_dateline_without_year_gives_none() -> None:
    assert infer_published("MOSCOW, Nov. 7 (Reuters) - " + BODY) is None


def test_dateline_without_year_takes_year_from_copyright_line() -> None:
    text = "MOSCOW, Nov. 7 (Reuters) - " + BODY + "\nCopyright 2012 Example News\n"
    found = infer_published(text)
    assert found is not None and (found.value, found.precision) == ("2012-11-07", "day")
    assert found.evidence == "MOSCOW, Nov. 7 (Reuters) -"


def test_dateline_without_year_near_new_year_gives_only_copyright_year() -> None:
    text = "MOSCOW, Dec. 30 (Reuters) - " + BODY + "\nCopyright 2012 Example News\n"
    found = infer_published(text)
    assert found is not None and (found.value, found.precision) == ("2012", "year")


@pytest.mark.parametrize(
    "stamp",
    [
        "Published: 7 November 2012",
        "Posted Nov 7, 2012 10:32 AM",
        "Updated: 2012-11-07",
        "First published on Wed 7 Nov 2012 10.31 GMT",
        "Posted by newsdesk on November 7, 2012",
        "By Jane Doe | Published November 7, 2012",
    ],
)
def test_publication_stamp_gives_day(stamp: str) -> None:
    assert _day("Putin congratulates Obama\n" + stamp + "\n" + BODY) == "2012-11-07"


def test_stamp_with_wrong_weekday_gives_none() -> None:
    assert infer_published("Published: Tuesday, 7 November 2012\n" + BODY) is None


def test_dateline_with_wrong_weekday_gives_none() -> None:
    assert infer_published("WASHINGTON, Monday, Nov. 13, 2012 (AP) — " + BODY) is None


def test_dateline_weekday_matching_date_gives_day() -> None:
    assert _day("WASHINGTON, Tuesday, Nov. 13, 2012 (AP) — " + BODY) == "2012-11-13"


def test_sentence_opening_like_a_stamp_is_not_a_stamp() -> None:
    text = "Released on 7 November 2010, the report found little change.\n" + BODY
    assert infer_published(text) is None


def test_stamp_in_the_middle_of_a_long_text_is_ignored() -> None:
    filler = "".join(f"Paragraph {n} of the report.\n" for n in range(20))
    assert infer_published(filler + "Published: 7 November 2012\n" + filler) is None


def test_published_stamp_beats_later_updated_stamp() -> None:
    text = "Published: 7 November 2012\nUpdated: 9 November 2012\n" + BODY
    assert _day(text) == "2012-11-07"


def test_stamp_and_dateline_far_apart_give_none() -> None:
    text = "Published: 7 November 2012\nMOSCOW, March 4, 2012 (Reuters) - " + BODY
    assert infer_published(text) is None


def test_stamp_disagreeing_with_yearless_dateline_gives_none() -> None:
    text = "Published: 7 November 2012\nMOSCOW, March 4 (Reuters) - " + BODY
    assert infer_published(text) is None


def test_date_only_line_at_top_gives_day() -> None:
    text = "Putin congratulates Obama\n\nWed Nov 7, 2012 10:31AM\n\n" + BODY
    assert _day(text) == "2012-11-07"


def test_several_date_lines_are_a_timeline_not_a_stamp() -> None:
    text = "Timeline\nMarch 4, 2012\nPutin wins the election.\nMay 7, 2012\nPutin sworn in.\n"
    assert infer_published(text) is None


def test_closing_source_line_with_compact_date_gives_day() -> None:
    text = BODY + "\n[Source: Xinhua, Brussels, 07Nov12]\n"
    assert _day(text) == "2012-11-07"


def test_copyright_year_gives_year_precision() -> None:
    found = infer_published(BODY + "\nCopyright 2012 Example News\n\nExample News\n")
    assert found is not None
    assert (found.value, found.precision, found.evidence) == (
        "2012",
        "year",
        "Copyright 2012 Example News",
    )


@pytest.mark.parametrize(
    "line",
    [
        "© 2012 Example News",
        "© Example News 2012",
        "© Example News 2012. All rights reserved.",
        "Copyright © 2012 The Example Times. All rights reserved.",
    ],
)
def test_copyright_sign_gives_year_precision(line: str) -> None:
    found = infer_published(BODY + "\n" + line + "\n")
    assert found is not None and (found.value, found.precision) == ("2012", "year")


def test_copyright_line_inside_the_body_is_ignored() -> None:
    filler = "".join(f"Paragraph {n} of the report.\n" for n in range(20))
    assert infer_published(filler + "Copyright 2010 law reform passed.\n" + filler) is None


def test_windows_line_ends_keep_evidence_clean() -> None:
    text = "Headline\r\nPublished: 7 November 2012\r\n" + BODY.replace("\n", "\r\n")
    found = infer_published(text)
    assert found is not None and found.evidence == "Published: 7 November 2012"


def test_copyright_range_gives_none() -> None:
    assert infer_published(BODY + "\n© 1999-2024 Example News\n") is None


def test_copyright_year_before_a_reported_date_gives_none() -> None:
    text = BODY + "The court ruled on March 3, 2013.\n\nCopyright 2012 Example News\n"
    assert infer_published(text) is None


def test_stamp_disagreeing_with_copyright_year_gives_none() -> None:
    text = "Published: 7 November 2015\n" + BODY + "\nCopyright 2012 Example News\n"
    assert infer_published(text) is None


def test_background_full_date_is_not_publication() -> None:
    text = (
        "Obama and Medvedev spoke on Tuesday about the treaty, which they signed on "
        "April 8, 2010 in Prague.\n" + BODY
    )
    assert infer_published(text) is None


def test_weekday_beside_body_date_gives_none() -> None:
    text = "Obama, who won a decisive victory on Tuesday, Nov. 6, 2012, thanked leaders.\n" + BODY
    assert infer_published(text) is None


def test_stamp_earlier_than_a_reported_date_gives_none() -> None:
    text = "Published: 7 November 2012\n" + BODY + "The court ruled on December 3, 2012.\n"
    assert infer_published(text) is None


def test_planned_later_date_does_not_reject_stamp() -> None:
    text = "Published: 7 November 2012\n" + BODY + "Talks are scheduled for January 15, 2013.\n"
    assert _day(text) == "2012-11-07"


def test_evidence_offsets_point_into_text() -> None:
    text = "Headline\n\nLONDON, 12 March 2013 — " + BODY
    found = infer_published(text)
    assert found is not None and found.start is not None and found.end is not None
    assert text[found.start : found.end] == found.evidence


def test_no_evidence_gives_none() -> None:
    assert infer_published(BODY) is None
    assert infer_published("") is None


# ---------------------------------------------------------------- example articles


def _gold_dates() -> dict[str, tuple[str, int]]:
    """Gold publication date and tolerance of the example articles, by document id."""
    path = SHARED / "data" / "gold" / "articles.docs.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return {r["doc"]: (r["published"], int(r.get("published_tolerance_days", 0))) for r in rows}


def test_example_articles_never_contradict_gold_dates() -> None:
    articles = SHARED / "data" / "articles"
    if not articles.is_dir():
        pytest.skip("shared example articles not available")
    gold = _gold_dates()
    for path in sorted(articles.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        found = infer_published(text)
        if found is None:
            continue
        gold_date, tolerance = gold[path.stem]
        assert text[found.start : found.end] == found.evidence
        if found.precision == "day":
            gap = abs((date.fromisoformat(found.value) - date.fromisoformat(gold_date)).days)
            assert gap <= tolerance, (path.stem, found)
        else:
            assert gold_date.startswith(found.value), (path.stem, found)
