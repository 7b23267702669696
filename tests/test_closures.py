"""Bank holidays through `holidays`, council closures, festivals and blackout calendars."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from meetings import closures
from meetings.closures import Category, Period
from meetings.errors import CalendarError

DATA = Path(__file__).parent / "data" / "calendars"
D = dt.date


def test_period_contains_its_inclusive_days() -> None:
    half_term = Period(
        name="Autumn half term", start=D(2019, 10, 14), end=D(2019, 10, 18), category="x"
    )
    assert D(2019, 10, 14) in half_term
    assert D(2019, 10, 18) in half_term
    assert D(2019, 10, 19) not in half_term
    assert "2019-10-14" not in half_term
    assert len(half_term.days) == 5
    assert half_term.overlaps(D(2019, 10, 18), D(2019, 10, 30))
    assert not half_term.overlaps(D(2019, 10, 19), D(2019, 10, 30))


def test_period_cannot_end_before_it_starts() -> None:
    with pytest.raises(CalendarError, match=r"ends .* before it starts"):
        Period(name="x", start=D(2019, 1, 2), end=D(2019, 1, 1), category="x")


def test_england_includes_easter_monday_and_summer_bank_holiday() -> None:
    # Without the subdivision `holidays` omits these two (RULES.md).
    days = closures.bank_holidays("ENG", [2019])
    assert days[D(2019, 4, 22)] == "Easter Monday"
    assert D(2019, 8, 26) in days


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (D(2020, 5, 8), "May Day"),  # moved from 4 May for VE Day 75
        (D(2022, 6, 2), "Spring Bank Holiday"),
        (D(2022, 6, 3), "Platinum Jubilee"),
        (D(2022, 9, 19), "State Funeral"),
        (D(2023, 5, 8), "Coronation"),
        (D(2020, 12, 28), "Boxing Day (observed)"),  # substitute day
    ],
)
def test_special_and_substitute_bank_holidays(day: dt.date, name: str) -> None:
    for subdiv in closures.SUBDIVISIONS:
        assert name in closures.bank_holidays(subdiv, [day.year])[day]


def test_2020_early_may_monday_was_not_a_bank_holiday() -> None:
    assert D(2020, 5, 4) not in closures.bank_holidays("ENG", [2020])


def test_scotland_and_northern_ireland_differ() -> None:
    scotland = closures.bank_holidays("SCT", [2019])
    assert D(2019, 1, 2) in scotland  # 2 January
    assert D(2019, 8, 5) in scotland  # first Monday in August
    assert D(2019, 4, 22) not in scotland  # no Easter Monday
    assert D(2019, 11, 29) not in scotland  # St Andrew's Day 30 Nov 2019 is a Saturday…
    assert D(2019, 12, 2) in scotland  # …so the Monday after
    ni = closures.bank_holidays("NIR", [2019])
    assert D(2019, 3, 18) in ni  # St Patrick's Day (17th a Sunday)
    assert D(2019, 7, 12) in ni  # Battle of the Boyne


def test_unknown_subdivision() -> None:
    with pytest.raises(CalendarError, match=r"'FR'.*valid: ENG, WLS, SCT, NIR"):
        closures.bank_holidays("FR", [2019])


def test_bank_holiday_periods_are_one_day_each() -> None:
    periods = closures.bank_holiday_periods("ENG", D(2019, 12, 1), D(2020, 1, 31))
    assert [p.start for p in periods] == [D(2019, 12, 25), D(2019, 12, 26), D(2020, 1, 1)]
    assert all(p.category == Category.BANK_HOLIDAY and p.start == p.end for p in periods)
    assert "subdivision ENG" in periods[0].source


def test_christmas_shutdown_defaults_and_settings() -> None:
    shutdown = closures.christmas_shutdown(2019)
    assert (shutdown.start, shutdown.end) == (D(2019, 12, 24), D(2020, 1, 1))
    assert shutdown.category == Category.CLOSURE
    own = closures.christmas_shutdown(2020, first=(12, 23), last=(1, 4))
    assert (own.start, own.end) == (D(2020, 12, 23), D(2021, 1, 4))
    with pytest.raises(CalendarError, match="not a pair of"):
        closures.christmas_shutdown(2020, first=(13, 1))


@pytest.mark.parametrize(
    ("name", "start", "end"),
    [
        ("Diwali", D(2019, 10, 27), D(2019, 10, 27)),
        ("Diwali", D(2020, 11, 14), D(2020, 11, 14)),
        ("Vaisakhi", D(2019, 4, 14), D(2019, 4, 14)),
        ("Vaisakhi", D(2020, 4, 13), D(2020, 4, 13)),
        ("Eid al-Fitr", D(2019, 6, 4), D(2019, 6, 4)),
        ("Eid al-Fitr", D(2020, 5, 24), D(2020, 5, 24)),
        ("Eid al-Adha", D(2019, 8, 11), D(2019, 8, 11)),
        ("Eid al-Adha", D(2020, 7, 31), D(2020, 7, 31)),
        # Jewish festivals start at sunset: the eve is blocked too.
        ("Rosh Hashanah", D(2019, 9, 29), D(2019, 10, 1)),
        ("Yom Kippur", D(2019, 10, 8), D(2019, 10, 9)),
        ("Rosh Hashanah", D(2020, 9, 18), D(2020, 9, 20)),
        ("Yom Kippur", D(2020, 9, 27), D(2020, 9, 28)),
        ("Good Friday", D(2020, 4, 10), D(2020, 4, 10)),
        ("Christmas Day", D(2019, 12, 25), D(2019, 12, 25)),
    ],
)
def test_festivals_are_computed(name: str, start: dt.date, end: dt.date) -> None:
    found = [
        (p.start, p.end)
        for p in closures.festival_periods(D(2019, 1, 1), D(2020, 12, 31))
        if p.name == name
    ]
    assert (start, end) in found
    assert len(found) == 2  # once a year, a run of holiday days counted once


def test_festival_periods_say_where_they_come_from() -> None:
    periods = closures.festival_periods(D(2019, 5, 14), D(2020, 5, 18))
    assert all(p.category == Category.FESTIVAL for p in periods)
    assert all("computed by the holidays package" in p.source for p in periods)
    assert [p.start for p in periods] == sorted(p.start for p in periods)


def test_read_calendar_makes_periods_with_the_files_category() -> None:
    periods = closures.read_calendar(DATA / "closures.ics")
    shutdown = next(p for p in periods if p.name == "Christmas shutdown")
    assert (shutdown.start, shutdown.end) == (D(2019, 12, 23), D(2020, 1, 1))
    assert shutdown.category == "closure"
    assert shutdown.source == "Test closures (closures.ics)"
    again = closures.read_calendar(DATA / "closures.ics", "school-holiday", source="mine")
    assert {(p.category, p.source) for p in again} == {("school-holiday", "mine")}


def test_read_calendar_reports_malformed_files() -> None:
    with pytest.raises(CalendarError, match=r"no-start\.ics.*DTSTART"):
        closures.read_calendar(DATA / "no-start.ics")


def test_shipped_calendars_read_and_name_their_sources() -> None:
    names = closures.shipped_calendars()
    assert {"party-conferences", "school-holidays-leicestershire"} <= set(names)
    for name in names:
        periods = closures.shipped_calendar(name)
        assert periods, name
        assert all(p.source for p in periods)
    conferences = closures.shipped_calendar("party-conferences")
    assert {p.category for p in conferences} == {Category.PARTY_CONFERENCE}
    labour_2019 = next(p for p in conferences if p.name.startswith("Labour Party"))
    assert (labour_2019.start, labour_2019.end) == (D(2019, 9, 21), D(2019, 9, 25))
    schools = closures.shipped_calendar("school-holidays-leicestershire")
    assert {p.category for p in schools} == {Category.SCHOOL_HOLIDAY}
    assert D(2019, 10, 14) in schools[0]


def test_unknown_shipped_calendar() -> None:
    with pytest.raises(CalendarError, match="no shipped calendar 'pary-conferences'"):
        closures.shipped_calendar("pary-conferences")


def test_blackout_periods_resolve_names_and_paths() -> None:
    year = (D(2019, 5, 14), D(2020, 5, 18))
    assert closures.blackout_periods("festivals", *year)
    conferences = closures.blackout_periods("party-conferences", *year)
    assert {p.start.year for p in conferences} == {2019}
    local = closures.blackout_periods("closures.ics", *year, base_dir=DATA)
    assert any(p.name == "Christmas shutdown" for p in local)
    with pytest.raises(CalendarError, match="valid: festivals, party-conferences"):
        closures.blackout_periods("nowhere.ics", *year, base_dir=DATA)
