"""Poll days, the notice-of-election deadline and pre-election periods."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from meetings.cli import main
from meetings.closures import Category
from meetings.dates import AnnualMeetingWindow, ordinary_poll_day
from meetings.elections import (
    FIXED,
    STATUTORY,
    STATUTORY_DISSOLUTION,
    ParliamentaryTimetable,
    Poll,
    PollKind,
    PreElectionPeriod,
    election_calendar,
    notice_of_election_deadline,
    poll_deadlines,
    poll_timetables,
    pre_election_periods,
    scottish_notice_window,
    statutory_start,
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


def test_notice_uses_the_nations_rules() -> None:
    # England: the 25th working day before the poll (SI 2006/3304 Sch 2 r 1).
    assert notice_of_election_deadline(D(2022, 5, 5), "england") == D(2022, 3, 28)
    # Scotland: the 28th day (SSI 2011/399 Sch 1 r 1), earlier than England's 25th: the
    # count that said 29 March 2022 was later than the law allows.
    assert notice_of_election_deadline(D(2022, 5, 5), "scotland") == D(2022, 3, 23)


@pytest.mark.parametrize(
    ("poll", "earliest", "latest", "nominations"),
    [
        # Scottish council elections, 4 May 2017: notice published Mon 13 March 2017,
        # nominations closed 4 pm Wed 29 March 2017 (Renfrewshire Council's key dates; East
        # Dunbartonshire's notice, Milngavie Herald, 15 March 2017).
        (D(2017, 5, 4), D(2017, 3, 13), D(2017, 3, 22), D(2017, 3, 29)),
        # Scottish council elections, 5 May 2022: notice Mon 14 March 2022 ("not earlier than
        # the 35th day ... not later than the 28th day"), nominations 4 pm Wed 30 March 2022
        # (Electoral Commission; Dumfries and Galloway Council's timetable).
        (D(2022, 5, 5), D(2022, 3, 14), D(2022, 3, 23), D(2022, 3, 30)),
    ],
)
def test_scottish_local_election_timetables(
    poll: dt.date, earliest: dt.date, latest: dt.date, nominations: dt.date
) -> None:
    first, last, close = scottish_notice_window(poll)
    assert (first, last, close.date(), close.hour) == (earliest, latest, nominations, 16)
    assert notice_of_election_deadline(poll, "scotland") == latest
    # Easter Monday (17 April 2017, 18 April 2022) is disregarded, though not a Scottish bank
    # holiday: without that the published 23rd day would be the 24th.
    period = PreElectionPeriod.for_poll(poll, nation="scotland")
    assert period.start == latest
    found = {d.name: d for d in poll_deadlines(period, "scotland")}
    assert found["Notice of election: earliest (local elections)"].day == earliest
    assert found["Notice of election (local elections)"].source == "SSI 2011/399 Sch 1 rr 1-2"
    assert found["Nominations close (local elections)"].at == close
    assert "Annual meeting: default" not in found  # no retirement window in Scotland
    # LG(S)A 1973 Sch 7 para 1(1): a meeting within 21 days from the date of the election,
    # the day of the election counted as the first (the cautious reading).
    meeting = found["First meeting of the council: latest"]
    assert (meeting.day, meeting.source) == (
        poll + dt.timedelta(days=20),
        "LG(S)A 1973 Sch 7 para 1(1)",
    )


def test_a_scottish_poll_before_the_2011_order_is_refused() -> None:
    with pytest.raises(CalendarError, match="scotland principal from 3 May 2012"):
        notice_of_election_deadline(D(2007, 5, 3), "scotland")


def test_northern_irish_local_polls_are_refused() -> None:
    with pytest.raises(CalendarError, match=r"no rule for notice-of-election .* northern-ireland"):
        notice_of_election_deadline(D(2023, 5, 18), "northern-ireland")
    # a UK general election has one timetable for the whole UK
    poll = Poll(day=D(2024, 7, 4), kind="parliamentary")
    assert statutory_start(poll, "northern-ireland") == D(2024, 5, 30)


@pytest.mark.parametrize(
    ("poll", "dissolution", "notice", "nominations", "source"),
    [
        # 4 July 2024: Electoral Commission timetable (dissolution Thu 30 May, notice of
        # election by 4 pm Tue 4 June, nominations by 4 pm Fri 7 June).
        (D(2024, 7, 4), D(2024, 5, 30), D(2024, 6, 4), D(2024, 6, 7), "Parliament Act 2022"),
        # 12 December 2019: Electoral Commission (dissolution Wed 6 November, notice by 4 pm
        # Mon 11 November, nominations Thu 14 November); the St Andrew's Day holiday in
        # Scotland (Mon 2 December) is disregarded across the UK (Commons Library CBP-8728).
        (D(2019, 12, 12), D(2019, 11, 6), D(2019, 11, 11), D(2019, 11, 14), "FTPA 2011 s.3"),
        # 8 June 2017: dissolution Wed 3 May, notice Mon 8 May, nominations Thu 11 May
        # (Spring bank holiday Mon 29 May disregarded).
        (D(2017, 6, 8), D(2017, 5, 3), D(2017, 5, 8), D(2017, 5, 11), "ERAA 2013 s.14"),
        # 6 May 2010, the 17-working-day timetable before ERAA 2013: proclamation Mon 12 April,
        # notice by 4 pm Thu 15 April, nominations 4 pm Tue 20 April 2010.
        (D(2010, 5, 6), D(2010, 4, 12), D(2010, 4, 15), D(2010, 4, 20), "17-day timetable"),
    ],
)
def test_parliamentary_timetables(
    poll: dt.date, dissolution: dt.date, notice: dt.date, nominations: dt.date, source: str
) -> None:
    t = ParliamentaryTimetable.for_poll(poll)
    assert t.dissolution == dissolution
    assert (t.notice_of_election.date(), t.notice_of_election.hour) == (notice, 16)
    assert (t.nominations_close.date(), t.nominations_close.hour) == (nominations, 16)
    assert source in t.rule.source
    assert statutory_start(Poll(day=poll, kind="parliamentary")) == dissolution
    rows = {d.name: d for d in t.deadlines()}
    # the row called "Notice of election" is the notice, not the 25-day count
    assert rows["Notice of election (parliamentary election)"].day == notice
    assert rows["Dissolution of Parliament (proclamation)"].day == dissolution
    assert (
        "4 pm on the 3rd working day after"
        in rows["Notice of election (parliamentary election)"].rule
    )


def test_parliamentary_period_says_it_starts_at_dissolution() -> None:
    period = PreElectionPeriod.for_poll(D(2019, 12, 12), "parliamentary")
    assert (period.start, period.basis) == (D(2019, 11, 6), STATUTORY_DISSOLUTION)
    names = [d.name for d in poll_deadlines(period)]
    assert names[:4] == [
        "Dissolution of Parliament (proclamation)",
        "Writ received",
        "Notice of election (parliamentary election)",
        "Nominations close",
    ]


def test_pcc_polls_only_in_england_and_wales_and_from_2012() -> None:
    with pytest.raises(CalendarError, match="England and Wales only, not in scotland"):
        PreElectionPeriod.for_poll(D(2021, 5, 6), "pcc", nation="scotland")
    with pytest.raises(CalendarError, match="before the table's rules for it start"):
        PreElectionPeriod.for_poll(D(2012, 5, 3), "pcc")


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
    rows = {d.name: d for d in poll_deadlines(period)}
    found = {name: d.day for name, d in rows.items()}
    assert found["Notice of election (local elections)"] == D(2024, 3, 26)
    assert found["Councillors retire"] == D(2024, 5, 6)
    assert found["Annual meeting: default"] == D(2024, 5, 14)
    assert found["Annual meeting: latest"] == D(2024, 5, 27)
    # the eighth day is the statute's default, not a custom, and the reading is stated
    default = rows["Annual meeting: default"]
    assert "custom" not in default.rule
    assert default.source.startswith("LGA 1972 Sch 12 para 1(2)")
    assert "plain reading (the default)" in default.rule
    pcc = PreElectionPeriod.for_poll(D(2020, 5, 7), "pcc")
    assert "Annual meeting: default" not in {d.name for d in poll_deadlines(pcc)}


def test_retirement_on_a_bank_holiday_both_readings() -> None:
    # RULES.md: poll Thu 2 May 2024, the fourth day after is the bank holiday of Mon 6 May.
    period = PreElectionPeriod.for_poll(D(2024, 5, 2))
    plain = {d.name: d for d in poll_deadlines(period)}
    moved = {d.name: d for d in poll_deadlines(period, reading="next-working-day")}
    assert plain["Annual meeting: default"].day == D(2024, 5, 14)
    assert moved["Councillors retire"].day == D(2024, 5, 7)  # AEA/LLG opinion, 2019
    assert moved["Annual meeting: default"].day == D(2024, 5, 15)
    assert moved["Annual meeting: latest"].day == D(2024, 5, 28)
    assert "AEA/LLG opinion 2019" in moved["Annual meeting: default"].rule
    parish = AnnualMeetingWindow.after_poll(
        D(2019, 5, 2), reading="next-working-day", kind="parish"
    )
    assert (parish.retirement, parish.latest) == (D(2019, 5, 7), D(2019, 5, 21))
    # 2019: poll Thu 2 May, Mon 6 May a bank holiday too. NALC's legal newsletter of
    # 10 October 2018 reports the Electoral Commission's view for parish councillors: they
    # retire and take office on Tuesday 7 May 2019.
    window = AnnualMeetingWindow.after_poll(D(2019, 5, 2), reading="next-working-day")
    assert (window.retirement, window.default) == (D(2019, 5, 7), D(2019, 5, 15))
    with pytest.raises(CalendarError, match="valid: plain, next-working-day"):
        AnnualMeetingWindow.after_poll(D(2019, 5, 2), reading="later")


def test_parish_annual_meeting_window() -> None:
    # Parish councillors take office on the fourth day after the poll; the annual meeting
    # is on or within 14 days after (LGA 1972 Sch 12 para 7): no default day.
    period = PreElectionPeriod.for_poll(D(2023, 5, 4))
    found = {d.name: d for d in poll_deadlines(period, kind="parish")}
    assert found["Annual meeting: earliest"].day == D(2023, 5, 8)
    assert found["Annual meeting: latest"].day == D(2023, 5, 22)
    assert "Annual meeting: default" not in found
    assert found["Annual meeting: latest"].source == "LGA 1972 Sch 12 para 7; s.16"


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


def test_polls_on_different_days_keep_their_own_dates() -> None:
    # A county's ordinary election on 4 May 2017 and the general election of 8 June 2017
    # share one pre-election period; neither poll may be shown on the other's day.
    polls = [Poll(day=D(2017, 5, 4), kind="local"), Poll(day=D(2017, 6, 8), kind="parliamentary")]
    (period,) = pre_election_periods(polls)
    assert period.name == (
        "Pre-election period (local elections, 4 May 2017; parliamentary election, 8 June 2017)"
    )
    ((heading, rows),) = poll_timetables(polls)
    assert heading.startswith("Poll (local elections, 4 May 2017;")
    assert ("Poll (local elections)", D(2017, 5, 4)) in [(r.name, r.day) for r in rows]
