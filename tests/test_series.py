"""Dyad series: fused events per day, week or month, each point backed by its sentences."""

from __future__ import annotations

import pytest

from across_helpers import MEDVEDEV, OBAMA, PUTIN, actor, add
from eventwire.across import update_across
from eventwire.across.periods import bucket_of
from eventwire.across.series import DyadError, dyad_series, parse_dyad

TEXT = (
    "Obama spoke with Putin on Tuesday.\n"
    "Putin praised Obama on Wednesday.\n"
    "Obama accused Russia of meddling in November.\n"
    "Putin is expected to call Obama soon.\n"
    "Medvedev signed a treaty with Obama in 2010.\n"
    "The Russian army praised Obama."
)
TEXT_B = (
    "In Washington officials said Obama spoke with Putin for half an hour.\n"
    "Moscow reported that Putin praised Obama warmly after the vote.\n"
    "Earlier this month Obama accused Russia of meddling in its neighbours.\n"
    "Aides said Putin is expected to call Obama again before the year ends.\n"
    "Both sides recall that Medvedev signed a treaty with Obama in Prague.\n"
    "Separately, the Russian army praised Obama for his restraint."
)
RUSSIA = actor("RUS", "Russia")
ARMY = actor("RUSMIL", "The Russian army")


@pytest.fixture
def events_store(store):
    """A store with US–Russia events at several precisions and modalities, two reports each."""
    events = [
        ("spoke with", OBAMA, PUTIN, "041", "2012-11-13"),
        ("praised", PUTIN, OBAMA, "051", "2012-11-14"),
        ("accused", OBAMA, RUSSIA, "112", "2012-11"),
        ("expected to call", PUTIN, OBAMA, "041", "2012-11", "future"),
        ("signed", MEDVEDEV, OBAMA, "057", "2010"),
        ("army praised", ARMY, OBAMA, "051", "2012-11-20"),
    ]
    add(store, "a", TEXT, "2012-11-14", "Meridian Wire", events)
    add(store, "b", TEXT_B, "2012-11-15", "Harbor Daily", events)
    update_across(store)
    return store


def test_dyads_read_directed_either_way_and_with_sectors() -> None:
    assert parse_dyad("USA-RUS").source == ("USA", None)
    assert parse_dyad("usa-rusgov").target == ("RUS", "GOV")
    assert parse_dyad("USA~RUS").either_direction
    assert str(parse_dyad("RUSMIL~UKR")) == "RUSMIL~UKR"
    for bad in ("USA", "USA-RUSSIAN", "US-RUS", "USA_RUS", "USA-"):
        with pytest.raises(DyadError, match="E801"):
            parse_dyad(bad)


def test_buckets_are_days_monday_weeks_and_months() -> None:
    assert bucket_of("2012-11-14", "day", "week") == "2012-11-12"
    assert bucket_of("2012-11-14", "day", "month") == "2012-11"
    assert bucket_of("2012-11", "month", "day") is None
    assert bucket_of("2012-11", "month", "month") == "2012-11"
    with pytest.raises(ValueError, match="E804"):
        bucket_of("2012-11-14", "day", "year")


def test_monthly_series_counts_fused_events_once_asserted_only(events_store) -> None:
    series = dyad_series(events_store, "USA~RUS", "month")
    (point,) = series.points
    assert (point.period, point.events) == ("2012-11", 4)
    assert point.quad_class == {"verbal_cooperation": 3, "verbal_conflict": 1}
    assert point.types == {"SUPPORT": 2, "ACCUSE": 1, "CONSULT": 1}
    assert point.goldstein_sum == pytest.approx(1.0 + 3.5 + 3.5 - 2.0)
    assert point.goldstein_mean == pytest.approx(6.0 / 4)
    assert series.coarser == 1  # the 2010 treaty, dated to the year


def test_all_modalities_adds_the_expected_call(events_store) -> None:
    assert dyad_series(events_store, "USA~RUS", "month", all_modalities=True).points[0].events == 5


def test_direction_and_sector_narrow_the_dyad(events_store) -> None:
    assert [p.events for p in dyad_series(events_store, "RUS-USA", "month").points] == [2]
    assert [p.events for p in dyad_series(events_store, "RUSGOV-USA", "month").points] == [1]
    assert [p.events for p in dyad_series(events_store, "RUSMIL-USA", "month").points] == [1]


def test_daily_series_leaves_months_out_and_points_open_on_their_sentences(events_store) -> None:
    series = dyad_series(events_store, "USA~RUS", "day", evidence=True)
    assert [(p.period, p.events) for p in series.points] == [
        ("2012-11-13", 1), ("2012-11-14", 1), ("2012-11-20", 1)]  # fmt: skip
    assert series.coarser == 2
    (call,) = series.points[0].evidence
    assert call["num_articles"] == 2
    assert [m["sentence"] for m in call["mentions"]] == [
        "Obama spoke with Putin on Tuesday.",
        "In Washington officials said Obama spoke with Putin for half an hour.",
    ]
    assert [m["outlet"] for m in call["mentions"]] == ["Meridian Wire", "Harbor Daily"]
