"""Poll days, the notice-of-election deadline and pre-election periods."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from meetings.cli import main
from meetings.closures import Category
from meetings.dates import ordinary_poll_day
from meetings.elections import (
    FIXED,
    STATUTORY,
    Poll,
    PollKind,
    PreElectionPeriod,
    election_calendar,
    notice_of_election_deadline,
    poll_deadlines,
    pre_election_periods,
)
from meetings.errors import CalendarError

D = dt.date


@pytest.mark.parametrize(
    ("poll", "notice"),
    [
        (D(2016, 5, 5), D(2016, 3, 30)),
        (D(2020, 5, 7), D(2020, 3, 31)),
        (D(2024, 5, 2), D(2024, 3, 26)),
        (D(2025, 5, 1), D(2025, 3, 25)),
        (D(2026, 5, 7), D(2026, 3, 30)),
    ],
)
def test_notice_of_election_rules_vectors(poll: dt.date, notice: dt.date) -> None:
    assert notice_of_election_deadline(poll) == notice
    assert notice_of_election_deadline(poll.isoformat()) == notice


def test_christmas_eve_is_disregarded_in_election_timetables() -> None:
    cal = election_calendar()
    assert not cal.is_working_day(D(2019, 12, 24))
    # A by-election poll on Thursday 23 January 2020: 25 days back skip Christmas Eve too.
    ordinary_count = election_calendar().add_working_days(D(2020, 1, 23), -25)
    assert ordinary_count == D(2019, 12, 13)
    assert notice_of_election_deadline(D(2020, 1, 23)) == D(2019, 12, 13)


def test_days_of_mourning_are_disregarded() -> None:
    # A day of mourning between notice and poll moves the notice a working day earlier.
    plain = notice_of_election_deadline(D(2024, 5, 2))
    mourning = notice_of_election_deadline(D(2024, 5, 2), disregarded=[D(2024, 4, 10)])
    assert mourning == D(2024, 3, 25)
    assert plain == D(2024, 3, 26)


def test_notice_uses_the_nations_bank_holidays() -> None:
    # Easter Monday is not a Scottish bank holiday, so Scotland counts one more working day.
    assert notice_of_election_deadline(D(2022, 5, 5), "england") == D(2022, 3, 28)
    assert notice_of_election_deadline(D(2022, 5, 5), "scotland") == D(2022, 3, 29)


def test_a_poll_date_that_is_not_a_date() -> None:
    with pytest.raises(CalendarError, match=r"poll day '7 May 2020' is not a date; expected"):
        notice_of_election_deadline("7 May 2020")
    with pytest.raises(CalendarError, match="poll day 2020 is not a date"):
        notice_of_election_deadline(2020)  # type: ignore[arg-type]
    with pytest.raises(CalendarError, match="unknown nation"):
        notice_of_election_deadline(D(2020, 5, 7), "cornwall")


@pytest.mark.parametrize(
    ("year", "poll"),
    [
        (2016, D(2016, 5, 5)),
        (2019, D(2019, 5, 2)),
        (2001, D(2001, 6, 7)),  # Elections Act 2001 (foot and mouth)
        (2004, D(2004, 6, 10)),  # SI 2004/222, with the European elections
        (2009, D(2009, 6, 4)),  # SI 2008/2857
        (2014, D(2014, 5, 22)),  # SI 2013/2277
        (2020, D(2021, 5, 6)),  # Coronavirus Act 2020 s.60
        (2021, D(2021, 5, 6)),
        (2024, D(2024, 5, 2)),
    ],
)
def test_ordinary_poll_days(year: int, poll: dt.date) -> None:
    assert ordinary_poll_day(year) == poll
    assert poll.weekday() == 3  # always a Thursday


def test_ordinary_poll_day_refuses_non_years() -> None:
    with pytest.raises(CalendarError, match="not a year like 2019"):
        ordinary_poll_day(19)


def test_council_fixed_start_of_purdah_from_the_seed() -> None:
    period = PreElectionPeriod.for_poll(D(2020, 5, 7), PollKind.PCC, start=D(2020, 4, 7))
    assert (period.start, period.end) == (D(2020, 4, 7), D(2020, 5, 7))
    assert period.basis == FIXED
    assert period.statutory_start == D(2020, 3, 31)
    as_period = period.as_period()
    assert as_period.category == Category.PRE_ELECTION
    assert (
        as_period.name == "Pre-election period (Police and Crime Commissioner election, 7 May 2020)"
    )
    assert D(2020, 4, 6) not in period
    assert D(2020, 4, 7) in period


def test_statutory_start_when_none_is_given() -> None:
    period = PreElectionPeriod.for_poll("2024-05-02")
    assert period.start == D(2024, 3, 26)
    assert period.basis == STATUTORY
    assert "statutory" in period.as_period().source


def test_combined_polls_give_one_period() -> None:
    polls = [Poll(day=D(2021, 5, 6), kind="local"), Poll(day=D(2021, 5, 6), kind="pcc")]
    periods = pre_election_periods(polls)
    assert len(periods) == 1
    assert periods[0].name == (
        "Pre-election period (local elections and Police and Crime Commissioner election, "
        "6 May 2021)"
    )
    separate = pre_election_periods([*polls, Poll(day=D(2024, 5, 2), kind="mayoral")])
    assert [p.end for p in separate] == [D(2021, 5, 6), D(2024, 5, 2)]


def test_referendum_and_parliamentary_starts() -> None:
    referendum = PreElectionPeriod.for_poll(D(2016, 6, 23), "referendum")
    assert referendum.start == D(2016, 5, 27)  # the 28 days ending with the poll
    general = PreElectionPeriod.for_poll(D(2019, 12, 12), "parliamentary")
    assert general.start == D(2019, 11, 6)  # dissolution, 25 working days before


def test_bad_poll_kind_and_start() -> None:
    with pytest.raises(CalendarError, match="unknown poll kind 'euro'; valid: local, pcc"):
        Poll(day=D(2019, 5, 23), kind="euro")
    with pytest.raises(CalendarError, match="after the poll"):
        PreElectionPeriod.for_poll(D(2020, 5, 7), start=D(2020, 5, 8))
    with pytest.raises(CalendarError, match="at least one poll"):
        PreElectionPeriod.for_polls([])


def test_poll_deadlines_include_the_annual_meeting_window() -> None:
    period = PreElectionPeriod.for_poll(D(2024, 5, 2))
    found = {d.name: d.day for d in poll_deadlines(period)}
    assert found["Notice of election (local elections)"] == D(2024, 3, 26)
    assert found["Councillors retire"] == D(2024, 5, 6)
    assert found["Annual meeting: default"] == D(2024, 5, 14)
    pcc = PreElectionPeriod.for_poll(D(2020, 5, 7), "pcc")
    assert "Annual meeting: default" not in {d.name for d in poll_deadlines(pcc)}


@settings(max_examples=100, deadline=None)
@given(poll=st.dates(min_value=D(2015, 1, 1), max_value=D(2030, 12, 31)))
def test_notice_deadline_is_never_a_disregarded_day(poll: dt.date) -> None:
    notice = notice_of_election_deadline(poll)
    cal = election_calendar()
    assert cal.is_working_day(notice)
    assert cal.working_days_between(notice, poll) == 24  # the notice day is the 25th


def test_cli_deadlines_for_a_poll(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["deadlines", "--poll", "2020-05-07", "--poll-kind", "pcc"]
    assert main([*argv, "--purdah-start", "2020-04-07"]) == 0
    out = capsys.readouterr().out
    assert "## Poll (Police and Crime Commissioner election, 7 May 2020)" in out
    assert "| Notice of election (Police and Crime Commissioner election) |" in out
    assert "Tuesday 31 March 2020" in out
    assert "| Pre-election period begins | Tuesday 7 April 2020 | fixed by the council |" in out


def test_cli_poll_with_a_day_of_mourning(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["deadlines", "--poll", "2024-05-02", "--mourning", "2024-04-10", "--format", "json"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert '"day": "2024-03-25"' in out
    assert main(["deadlines", "--poll", "May 2024"]) == 1
    assert "poll day 'May 2024' is not a date" in capsys.readouterr().err
