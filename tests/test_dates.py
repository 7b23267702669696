"""Working days, clear days, statutory deadlines, the municipal year and reporting windows."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from meetings import closures
from meetings.cli import main
from meetings.closures import Period
from meetings.dates import (
    LONDON,
    AnnualMeetingWindow,
    DayCount,
    FinancialQuarter,
    MunicipalYear,
    Nation,
    NoticeRules,
    ReportingRule,
    WindowOverride,
    WorkingCalendar,
    as_date,
    clear_days_between,
    format_deadlines,
    latest_notice_date,
    latest_publication_date,
    meeting_deadlines,
    meeting_label,
    parse_meeting,
    reporting_windows,
)
from meetings.errors import CalendarError

D = dt.date
ENGLAND = WorkingCalendar()
WALES = WorkingCalendar(nation="wales")
SCOTLAND = WorkingCalendar(nation=Nation.SCOTLAND)
NI = WorkingCalendar(nation="northern-ireland")


# -- nations and working days ------------------------------------------------------------------


def test_nation_tokens_and_subdivisions() -> None:
    assert [n.value for n in Nation] == ["england", "wales", "scotland", "northern-ireland"]
    assert Nation.parse("Northern Ireland") is Nation.NORTHERN_IRELAND
    assert Nation.parse("SCT") is Nation.SCOTLAND
    assert Nation.WALES.subdivision == "WLS"


def test_unknown_nation_names_the_valid_ones() -> None:
    with pytest.raises(CalendarError, match="unknown nation 'france'; valid: england, wales"):
        WorkingCalendar(nation="france")


def test_weekends_and_bank_holidays_are_not_working_days() -> None:
    assert ENGLAND.is_working_day(D(2019, 3, 5))
    assert not ENGLAND.is_working_day(D(2019, 3, 2))  # Saturday
    assert not ENGLAND.is_working_day(D(2019, 5, 6))  # early May bank holiday
    assert ENGLAND.why_closed(D(2019, 5, 6)) == "May Day (bank holiday)"
    assert ENGLAND.why_closed(D(2019, 3, 2)) == "Saturday"
    assert ENGLAND.why_closed(D(2019, 3, 5)) is None


@pytest.mark.parametrize(
    "day",
    [D(2020, 5, 8), D(2022, 6, 2), D(2022, 6, 3), D(2022, 9, 19), D(2023, 5, 8), D(2020, 12, 28)],
)
def test_special_bank_holidays_close_every_nation(day: dt.date) -> None:
    for cal in (ENGLAND, WALES, SCOTLAND, NI):
        assert not cal.is_working_day(day)


def test_2020_may_day_moved_to_friday() -> None:
    assert ENGLAND.is_working_day(D(2020, 5, 4))
    assert not ENGLAND.is_working_day(D(2020, 5, 8))


def test_welsh_and_scottish_calendars() -> None:
    easter_monday = D(2019, 4, 22)
    assert not WALES.is_working_day(easter_monday)
    assert SCOTLAND.is_working_day(easter_monday)  # no Easter Monday in Scotland
    assert not SCOTLAND.is_working_day(D(2019, 1, 2))  # 2 January
    assert ENGLAND.is_working_day(D(2019, 1, 2))
    assert not SCOTLAND.is_working_day(D(2019, 8, 5))  # Scottish summer holiday
    assert ENGLAND.is_working_day(D(2019, 8, 5))
    assert not ENGLAND.is_working_day(D(2019, 8, 26))
    assert SCOTLAND.is_working_day(D(2019, 8, 26))
    assert not NI.is_working_day(D(2019, 7, 12))


def test_christmas_shutdown_as_extra_closure() -> None:
    council = WorkingCalendar(extra_closures=[closures.christmas_shutdown(2019)])
    for day in (D(2019, 12, 24), D(2019, 12, 27), D(2019, 12, 30), D(2019, 12, 31)):
        assert ENGLAND.is_working_day(day)
        assert not council.is_working_day(day)
    assert council.why_closed(D(2019, 12, 27)) == "Christmas shutdown"
    assert council.add_working_days(D(2019, 12, 23), 1) == D(2020, 1, 2)
    assert ENGLAND.add_working_days(D(2019, 12, 23), 1) == D(2019, 12, 24)
    # Meeting Tuesday 7 January 2020: clear days 6, 3, 2 January, 23 and 20 December.
    assert latest_publication_date(D(2020, 1, 7), calendar=council) == D(2019, 12, 19)
    assert latest_publication_date(D(2020, 1, 7), calendar=ENGLAND) == D(2019, 12, 27)


def test_extra_closures_accept_plain_dates() -> None:
    cal = WorkingCalendar(extra_closures=[D(2019, 3, 4)])
    assert not cal.is_working_day(D(2019, 3, 4))
    assert cal.why_closed(D(2019, 3, 4)) == "council closure"
    with pytest.raises(CalendarError, match="neither a date nor a Period"):
        WorkingCalendar(extra_closures=["2019-03-04"])  # type: ignore[list-item]


def test_calendars_are_frozen_hashable_and_equal_by_value() -> None:
    a = WorkingCalendar(nation="england", extra_closures=[D(2019, 3, 4)])
    b = WorkingCalendar(nation=Nation.ENGLAND, extra_closures=(D(2019, 3, 4),))
    a.is_working_day(D(2019, 3, 4))  # fills a's memo; equality must not depend on it
    assert a == b
    assert hash(a) == hash(b)
    assert len({a, b, ENGLAND}) == 2
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        a.nation = Nation.WALES  # type: ignore[misc]


def test_closures_view_is_the_scheduler_protocol() -> None:
    closed = ENGLAND.closures
    assert D(2019, 5, 6) in closed
    assert D(2019, 5, 7) not in closed
    assert "2019-05-06" not in closed
    assert ENGLAND.closed(D(2019, 5, 4))


def test_add_working_days_forwards_backwards_and_over_years() -> None:
    assert ENGLAND.add_working_days(D(2019, 5, 3), 1) == D(2019, 5, 7)  # over the bank holiday
    assert ENGLAND.add_working_days(D(2019, 5, 7), -1) == D(2019, 5, 3)
    assert ENGLAND.add_working_days(D(2019, 5, 4), 1) == D(2019, 5, 7)  # from a Saturday
    assert ENGLAND.add_working_days(D(2019, 5, 4), -1) == D(2019, 5, 3)
    assert ENGLAND.add_working_days(D(2019, 5, 4), 0) == D(2019, 5, 4)
    assert ENGLAND.add_working_days(D(2019, 12, 24), 1) == D(2019, 12, 27)
    assert ENGLAND.add_working_days(D(2019, 12, 31), 1) == D(2020, 1, 2)
    assert ENGLAND.add_working_days(D(2020, 1, 2), -1) == D(2019, 12, 31)
    # 2019: 261 weekdays less 8 bank holidays = 253 working days.
    assert ENGLAND.add_working_days(D(2019, 1, 1), 253) == D(2019, 12, 31)
    assert len(ENGLAND.working_days(D(2019, 1, 1), D(2019, 12, 31))) == 253
    with pytest.raises(CalendarError, match="whole number"):
        ENGLAND.add_working_days(D(2019, 1, 1), 1.5)  # type: ignore[arg-type]
    with pytest.raises(CalendarError, match="'5 March' is not a date"):
        ENGLAND.add_working_days("5 March", 2)  # type: ignore[arg-type]
    assert ENGLAND.add_working_days("2019-03-05", 2) == D(2019, 3, 7)  # type: ignore[arg-type]


def test_a_datetime_counts_as_its_day() -> None:
    # A meeting start is a datetime; Christmas Day 2019 at 6.30 PM is still Christmas Day.
    evening = dt.datetime(2019, 12, 25, 18, 30, tzinfo=LONDON)
    assert not ENGLAND.is_working_day(evening)
    assert ENGLAND.is_working_day(dt.datetime(2019, 12, 23, 18, 30))
    assert ENGLAND.add_working_days(evening, 1) == D(2019, 12, 27)


def test_working_days_between_excludes_both_ends() -> None:
    assert ENGLAND.working_days_between(D(2019, 2, 25), D(2019, 3, 5)) == 5
    assert ENGLAND.working_days_between(D(2019, 3, 5), D(2019, 2, 25)) == -5
    assert ENGLAND.working_days_between(D(2019, 3, 4), D(2019, 3, 5)) == 0
    assert ENGLAND.working_days_between(D(2019, 12, 20), D(2020, 1, 6)) == 7
    assert len(ENGLAND.working_days(D(2019, 12, 20), D(2020, 1, 6))) == 9


def test_periods_for_a_grid() -> None:
    council = WorkingCalendar(extra_closures=[closures.christmas_shutdown(2019)])
    periods = council.periods(D(2019, 12, 1), D(2020, 1, 31))
    assert [p.name for p in periods][:2] == ["Christmas shutdown", "Christmas Day"]
    assert all(isinstance(p, Period) for p in periods)


# -- clear days (RULES.md vectors) -------------------------------------------------------------


@pytest.mark.parametrize(
    ("meeting", "published"),
    [
        (D(2019, 3, 5), D(2019, 2, 25)),  # seed 000 agenda dated 25 February
        (D(2009, 9, 24), D(2009, 9, 16)),  # seed 003 letter dated 16 September
        (D(2020, 5, 12), D(2020, 5, 1)),  # over the VE Day bank holiday of 8 May 2020
        (D(2019, 5, 14), D(2019, 5, 3)),  # publication day itself a working day, not 6 May
    ],
)
def test_latest_publication_date_rules_vectors(meeting: dt.date, published: dt.date) -> None:
    assert latest_publication_date(meeting) == published
    assert clear_days_between(published, meeting) >= 5


def test_publication_on_any_day_setting() -> None:
    # Clear days 7-13 May 2019; the day before them is the bank holiday of Monday 6 May.
    assert latest_publication_date(D(2019, 5, 14), publish_on_any_day=True) == D(2019, 5, 6)


def test_meeting_just_after_easter() -> None:
    # Tuesday 14 April 2020: Good Friday 10 and Easter Monday 13 April are not clear days,
    # so the clear days are 3, 6, 7, 8 and 9 April and the agenda goes out on Thursday 2 April.
    assert latest_publication_date(D(2020, 4, 14)) == D(2020, 4, 2)
    assert clear_days_between(D(2020, 4, 2), D(2020, 4, 14)) == 5
    assert clear_days_between(D(2020, 4, 3), D(2020, 4, 14)) == 4


def test_three_clear_days_for_wales_and_parishes() -> None:
    assert NoticeRules.for_council("wales").agenda_clear_days == 3
    assert NoticeRules.for_council("england", parish=True).agenda_clear_days == 3
    assert NoticeRules.for_council("england").agenda_clear_days == 5
    # Welsh council meeting Tuesday 5 March 2019: clear days 28 Feb, 1 and 4 March.
    assert latest_publication_date(D(2019, 3, 5), 3, WALES) == D(2019, 2, 27)
    assert meeting_deadlines(D(2019, 3, 5), WALES).agenda == D(2019, 2, 27)


def test_scottish_meeting_after_2_january() -> None:
    # 1 and 2 January are holidays in Scotland, only 1 January in England.
    assert latest_publication_date(D(2019, 1, 9), calendar=SCOTLAND) == D(2018, 12, 28)
    assert latest_publication_date(D(2019, 1, 9), calendar=ENGLAND) == D(2018, 12, 31)


def test_negative_clear_days_are_refused() -> None:
    with pytest.raises(CalendarError, match="clear days must be a whole number of days, 0 or"):
        latest_publication_date(D(2019, 3, 5), -1)
    with pytest.raises(CalendarError, match="large print hours"):
        NoticeRules(large_print_hours=-48)


def test_meeting_day_that_is_not_a_date() -> None:
    with pytest.raises(CalendarError, match=r"meeting day '2019-02-30' is not a date; expected"):
        latest_publication_date("2019-02-30")  # type: ignore[arg-type]
    assert as_date("2019-03-05") == D(2019, 3, 5)
    with pytest.raises(CalendarError, match="is not a date"):
        as_date(20190305)


# -- statutory deadlines for a meeting ---------------------------------------------------------


def test_meeting_deadlines_for_the_seed_meeting() -> None:
    deadlines = meeting_deadlines(D(2019, 3, 5))
    assert deadlines.agenda == deadlines.public_notice == D(2019, 2, 25)
    assert deadlines.summons == D(2019, 2, 27)  # three clear days: 28 Feb, 1 and 4 March
    assert deadlines.key_decision_notice == D(2019, 2, 4)  # 28 clear calendar days
    assert deadlines.private_notice == D(2019, 2, 4)
    assert deadlines.private_final_notice == D(2019, 2, 25)
    assert deadlines.large_print_request == D(2019, 3, 3)
    # a key decision that missed its notice: five clear days after telling the scrutiny chair
    assert deadlines.general_exception_notice == D(2019, 2, 25)
    assert [d.source for d in deadlines.deadlines] == [
        "LGA 1972 s.100B(3), five days in England by SI 2002/715",
        "LGA 1972 s.100A(6)(a), five days in England by SI 2002/715",
        "LGA 1972 Sch 12 para 4(2)(b)",
        "SI 2012/2089 reg 9",
        "SI 2012/2089 reg 5(2)",
        "SI 2012/2089 reg 5(4)",  # the final notice: 5(4), not 5(3)
        "SI 2012/2089 reg 10",
        "council custom (seed 003: at least 48 hours)",
    ]


def test_key_decision_days_counted_as_working_days() -> None:
    rules = NoticeRules(long_notice_counting=DayCount.WORKING)
    deadlines = meeting_deadlines(D(2019, 3, 5), rules=rules)
    assert deadlines.key_decision_notice == latest_publication_date(D(2019, 3, 5), 28)
    assert clear_days_between(deadlines.key_decision_notice, D(2019, 3, 5)) == 28


def test_calendar_day_notice_moves_back_to_a_working_day() -> None:
    # 14 May 2019 - 29 days = Monday 15 April, a working day; 28 May 2019 - 29 = Mon 29 April.
    assert latest_notice_date(D(2019, 5, 14), 28, counting=DayCount.CALENDAR) == D(2019, 4, 15)
    # 22 April 2019 is Easter Monday: meeting 21 May 2019 moves back to Thursday 18 April.
    assert latest_notice_date(D(2019, 5, 21), 28, counting=DayCount.CALENDAR) == D(2019, 4, 18)


def test_large_print_deadline_from_a_start_time() -> None:
    # Seed 003: "at least 48 hours before the meeting", Thursday 24 September 2009 at 10 a.m.
    start = dt.datetime(2009, 9, 24, 10, 0, tzinfo=LONDON)
    deadlines = meeting_deadlines(start)
    assert deadlines.large_print_request == dt.datetime(2009, 9, 22, 10, 0, tzinfo=LONDON)
    assert deadlines.agenda == D(2009, 9, 16)
    rules = NoticeRules(large_print_hours=72)
    later = meeting_deadlines(start, rules=rules)
    assert later.large_print_request == dt.datetime(2009, 9, 21, 10, 0, tzinfo=LONDON)
    with pytest.raises(CalendarError, match="no time zone"):
        meeting_deadlines(dt.datetime(2009, 9, 24, 10, 0))


def test_parse_meeting_and_label() -> None:
    assert parse_meeting("2019-03-05") == D(2019, 3, 5)
    start = parse_meeting("2019-03-05T18:30")
    assert isinstance(start, dt.datetime)
    assert start.tzinfo is LONDON
    assert meeting_label(start) == "Meeting on Tuesday 5 March 2019 at 18:30"
    with pytest.raises(CalendarError, match="YYYY-MM-DDTHH:MM"):
        parse_meeting("2019-03-05T25:00")


def test_format_deadlines_md_and_json() -> None:
    deadlines = meeting_deadlines(D(2019, 3, 5)).deadlines
    md = format_deadlines([("Change Management Committee", deadlines)], "md")
    assert "## Change Management Committee" in md
    assert "| Agenda and reports published | Monday 25 February 2019 |" in md
    data = json.loads(format_deadlines([("x", deadlines)], "json"))
    assert data[0]["deadlines"][0] == {
        "name": "Agenda and reports published",
        "day": "2019-02-25",
        "weekday": "Monday",
        "at": None,
        "rule": "5 clear working days",
        "source": "LGA 1972 s.100B(3), five days in England by SI 2002/715",
    }
    assert "| Deadline | By | Rule | Source |" in md
    with pytest.raises(CalendarError, match="valid: json, md"):
        format_deadlines([], "pdf")


# -- the municipal year ------------------------------------------------------------------------


def test_municipal_year_label_and_span() -> None:
    year = MunicipalYear(2019, annual_meeting=D(2019, 5, 14))
    assert year.label == "2019/20"
    assert MunicipalYear(1999).label == "1999/00"
    assert year.start == D(2019, 5, 14)
    assert D(2019, 5, 14) in year
    assert D(2019, 5, 13) not in year
    following = MunicipalYear(
        2019, annual_meeting=D(2019, 5, 14), next_annual_meeting=D(2020, 5, 19)
    )
    assert following.end == D(2020, 5, 18)
    assert following.as_period().name == "Municipal year 2019/20"


def test_default_annual_meeting_is_eighth_day_after_retirement() -> None:
    # Poll 2 May 2019 -> retire 6 May -> the seed's AGM on Tuesday 14 May 2019.
    assert MunicipalYear(2019).start == D(2019, 5, 14)


@pytest.mark.parametrize(
    ("year", "poll", "annual"),
    [
        (2009, D(2009, 6, 4), D(2009, 6, 16)),  # with the European poll (SI 2008/2857)
        (2014, D(2014, 5, 22), D(2014, 6, 3)),  # with the European poll (SI 2013/2277)
        (2020, D(2020, 5, 7), D(2020, 5, 19)),  # postponed to 2021: the usual May default
    ],
)
def test_default_annual_meeting_follows_a_moved_poll(year: int, poll: D, annual: D) -> None:
    # Sch 12 para 1(2): never before the poll and the retirement four days after it.
    assert MunicipalYear(year).start == annual
    assert MunicipalYear(year).start == AnnualMeetingWindow.after_poll(poll).default
    assert MunicipalYear(year - 1).end == annual - dt.timedelta(days=1)


def test_annual_meeting_window_after_an_election() -> None:
    window = AnnualMeetingWindow.after_poll(D(2024, 5, 2))
    assert window.retirement == D(2024, 5, 6)
    assert window.default == D(2024, 5, 14)
    assert window.earliest == D(2024, 5, 7)
    assert window.latest == D(2024, 5, 27)


def test_budget_deadline_is_before_11_march() -> None:
    assert MunicipalYear(2019).budget_deadline == D(2020, 3, 10)


def test_municipal_year_refuses_non_years() -> None:
    with pytest.raises(CalendarError, match="not a year like 2019"):
        MunicipalYear("2019")  # type: ignore[arg-type]


# -- financial quarters and reporting windows --------------------------------------------------


def test_financial_quarters() -> None:
    q2 = FinancialQuarter(year=2019, number=2)
    assert q2.label == "Q2 2019/20"
    assert (q2.start, q2.end) == (D(2019, 7, 1), D(2019, 9, 30))
    assert q2.covers == "Jul-Sep"
    q4 = FinancialQuarter(year=2018, number=4)
    assert (q4.start, q4.end) == (D(2019, 1, 1), D(2019, 3, 31))
    assert q4.next() == FinancialQuarter(year=2019, number=1)
    assert FinancialQuarter.parse("Q3 2019/20") == FinancialQuarter(year=2019, number=3)
    with pytest.raises(CalendarError, match=r"expected e\.g\. 'Q2 2019/20'"):
        FinancialQuarter.parse("second quarter")


SEED_Q2 = WindowOverride(
    quarter="Q2 2019/20",
    start=D(2019, 11, 25),
    end=D(2019, 12, 6),
    reason="last week of November / first week of December (Christmas closure)",
)


def test_reporting_windows_2019_20_match_the_seed_table() -> None:
    windows = reporting_windows(2019, ReportingRule(overrides=(SEED_Q2,)))
    got = [
        (w.quarter, w.covers, w.data_collection, w.reports_finished, w.start, w.end)
        for w in windows
    ]
    assert got == [
        ("Q4 2018/19", "Jan-Mar", D(2019, 4, 1), D(2019, 5, 1), D(2019, 6, 1), D(2019, 6, 14)),
        ("Q1 2019/20", "Apr-Jun", D(2019, 7, 1), D(2019, 8, 1), D(2019, 9, 1), D(2019, 9, 14)),
        ("Q2 2019/20", "Jul-Sep", D(2019, 10, 1), D(2019, 11, 1), D(2019, 11, 25), D(2019, 12, 6)),
        ("Q3 2019/20", "Oct-Dec", D(2020, 1, 1), D(2020, 2, 1), D(2020, 3, 1), D(2020, 3, 14)),
    ]
    assert windows[2].note.startswith("last week of November")
    assert D(2019, 12, 3) in windows[2]
    assert windows[0].as_period().category == "reporting-window"


def test_bad_reporting_rules() -> None:
    with pytest.raises(CalendarError, match="must rise from 0"):
        ReportingRule(data_months_after=3, report_months_after=2)
    with pytest.raises(CalendarError, match="first day must be 1-31"):
        ReportingRule(meeting_first_day=0)
    with pytest.raises(CalendarError, match=r"ends \(2019-11-01\) before it starts"):
        WindowOverride(quarter="Q2 2019/20", start=D(2019, 12, 1), end=D(2019, 11, 1))


def test_reporting_offsets_are_data() -> None:
    rule = ReportingRule(meeting_months_after=2, meeting_first_day=15, meeting_days=10)
    window = rule.window(FinancialQuarter(year=2019, number=1))
    assert (window.start, window.end) == (D(2019, 8, 15), D(2019, 8, 24))
    assert MunicipalYear(2019).reporting_windows(rule)[0].quarter == "Q4 2018/19"


# -- properties --------------------------------------------------------------------------------

days = st.dates(min_value=D(2015, 1, 1), max_value=D(2030, 12, 31))
calendars = st.sampled_from([ENGLAND, WALES, SCOTLAND, NI])
# The table of rules has no Northern Irish meeting rules (an error, tested below).
ruled = st.sampled_from([ENGLAND, WALES, SCOTLAND])


@settings(max_examples=200, deadline=None)
@given(day=days, n=st.integers(min_value=-300, max_value=300), cal=calendars)
def test_add_working_days_inverts(day: dt.date, n: int, cal: WorkingCalendar) -> None:
    start = day if cal.is_working_day(day) else cal.add_working_days(day, 1)
    moved = cal.add_working_days(start, n)
    assert cal.add_working_days(moved, -n) == start
    if n:
        assert cal.is_working_day(moved)
        assert abs(cal.working_days_between(start, moved)) == abs(n) - 1


@settings(max_examples=200, deadline=None)
@given(meeting=days, clear=st.integers(min_value=0, max_value=30), cal=calendars)
def test_latest_publication_leaves_exactly_the_clear_days(
    meeting: dt.date, clear: int, cal: WorkingCalendar
) -> None:
    published = latest_publication_date(meeting, clear, cal)
    assert cal.is_working_day(published)
    assert clear_days_between(published, meeting, cal) == clear
    # One working day later would be too late.
    later = cal.add_working_days(published, 1)
    assert later >= meeting or clear_days_between(later, meeting, cal) < clear


@settings(max_examples=100, deadline=None)
@given(meeting=days, clear=st.integers(min_value=1, max_value=30), cal=calendars)
def test_publication_on_any_day_also_leaves_exactly_the_clear_days(
    meeting: dt.date, clear: int, cal: WorkingCalendar
) -> None:
    published = latest_publication_date(meeting, clear, cal, publish_on_any_day=True)
    assert clear_days_between(published, meeting, cal) == clear
    # The next day would be a clear day itself, so one too few would be left.
    assert clear_days_between(published + dt.timedelta(days=1), meeting, cal) == clear - 1
    # Never later than the working-day reading.
    assert published >= latest_publication_date(meeting, clear, cal)


@settings(max_examples=100, deadline=None)
@given(meeting=days, cal=ruled, counting=st.sampled_from(list(DayCount)))
def test_no_computed_deadline_is_a_non_working_day(
    meeting: dt.date, cal: WorkingCalendar, counting: DayCount
) -> None:
    found = meeting_deadlines(meeting, cal, NoticeRules(long_notice_counting=counting))
    for deadline in found.deadlines:
        if deadline.name.startswith("Large-print"):
            continue  # counted in hours before the meeting: requests arrive any day
        assert cal.is_working_day(deadline.day), deadline


# -- the command -------------------------------------------------------------------------------


def test_cli_deadlines_for_a_meeting(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["deadlines", "--meeting", "2019-03-05"]) == 0
    out = capsys.readouterr().out
    assert "## Meeting on Tuesday 5 March 2019" in out
    assert "| Agenda and reports published | Monday 25 February 2019 |" in out
    assert "| Summons sent to members | Wednesday 27 February 2019 |" in out


def test_cli_deadlines_json_with_time_and_nation(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["deadlines", "--nation", "wales", "--meeting", "2019-03-05T18:30", "--format", "json"]
    assert main(argv) == 0
    (group,) = json.loads(capsys.readouterr().out)
    assert group["label"] == "Meeting on Tuesday 5 March 2019 at 18:30"
    by_name = {d["name"]: d for d in group["deadlines"]}
    assert by_name["Agenda and reports published"]["day"] == "2019-02-27"  # three clear days
    assert by_name["Large-print agenda requests"]["at"] == "2019-03-03T18:30:00+00:00"


def test_cli_deadlines_bad_input(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["deadlines", "--meeting", "2019-02-30"]) == 1
    assert "meeting '2019-02-30' is not a date" in capsys.readouterr().err
    assert main(["deadlines"]) == 2
    assert main(["deadlines", "--nation", "france", "--meeting", "2019-03-05"]) == 2


def test_cli_deadlines_take_the_councils_settings(capsys: pytest.CaptureFixture[str]) -> None:
    council = Path(__file__).parents[1] / "examples" / "oadby-wigston" / "council.toml"
    assert main(["deadlines", str(council), "--meeting", "2019-03-05T18:30"]) == 0
    out = capsys.readouterr().out
    assert "| Agenda and reports published | Monday 25 February 2019 |" in out
    assert "| Large-print agenda requests | Sunday 3 March 2019, 18:30 |" in out


def test_cli_deadlines_keep_the_councils_christmas_closure(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # The example closes 24 Dec 2019 - 1 Jan 2020: the five clear days before Tue 7 Jan 2020
    # are 2, 3 and 6 January and 20 and 23 December, so the agenda goes out on Thu 19 Dec.
    council = Path(__file__).parents[1] / "examples" / "oadby-wigston" / "council.toml"
    assert main(["deadlines", str(council), "--meeting", "2020-01-07"]) == 0
    assert "| Agenda and reports published | Thursday 19 December 2019 |" in capsys.readouterr().out
    assert main(["deadlines", "--meeting", "2020-01-07"]) == 0  # no council: bank holidays only
    assert "| Agenda and reports published | Friday 27 December 2019 |" in capsys.readouterr().out
