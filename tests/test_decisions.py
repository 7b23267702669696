"""Decisions: the notice and call-in dates (real dates around holidays) and the records the
minutes give."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from meetings.dates import DayCount, WorkingCalendar
from meetings.decisions import (
    DecisionQuery,
    DecisionRecord,
    DecisionRules,
    NoticeRoute,
    decision_records,
    decisions_csv,
    is_executive,
)
from meetings.definitions import council_to_toml, load_council, loads_council
from meetings.errors import DefinitionError
from meetings.minutes import load_minutes

ROOT = Path(__file__).parent.parent
DATA = Path(__file__).parent / "data"
HELD = ROOT / "examples" / "oadby-wigston" / "meetings" / "2019-01-15-change-management.toml"
PORTFOLIO = DATA / "minutes" / "2009-07-23-sustainability-portfolio-holder.toml"
ENGLAND = WorkingCalendar()
D = dt.date


# -- the 28 clear days (SI 2012/2089 reg 9) ---------------------------------------------------


def test_key_decision_notice_lands_before_christmas_when_the_day_is_boxing_day() -> None:
    # Decision Fri 24 Jan 2020: 28 clear calendar days are 26 Dec 2019 .. 23 Jan 2020, so the
    # notice day would be Wed 25 Dec (a bank holiday): the last working day is Tue 24 Dec.
    rules = DecisionRules()
    assert rules.key_decision_notice_by(D(2020, 1, 24), ENGLAND) == D(2019, 12, 24)


def test_key_decision_notice_before_easter() -> None:
    # Decision Tue 21 May 2019 -> 29 days earlier is Easter Monday 22 Apr 2019; Good Friday
    # 19 Apr is a bank holiday too, so the notice must be in the plan by Thu 18 Apr 2019.
    assert DecisionRules().key_decision_notice_by(D(2019, 5, 21), ENGLAND) == D(2019, 4, 18)


def test_key_decision_notice_in_working_days_skips_easter() -> None:
    # Counting working days (a council setting): the 28 clear working days before Tue
    # 28 Apr 2020 run back to Tue 17 Mar, past Good Friday (10 Apr) and Easter Monday
    # (13 Apr), so the notice is due on Mon 16 Mar 2020.
    rules = DecisionRules(counting=DayCount.WORKING)
    assert rules.key_decision_notice_by(D(2020, 4, 28), ENGLAND) == D(2020, 3, 16)


def test_general_exception_notice_is_five_clear_working_days() -> None:
    # Decision Tue 28 May 2019: Mon 27 May is a bank holiday, so the five clear working days
    # are 20-24 May and the notice to the scrutiny chair is due on Fri 17 May (reg 10).
    assert DecisionRules().general_exception_notice_by(D(2019, 5, 28), ENGLAND) == D(2019, 5, 17)


# -- call-in ---------------------------------------------------------------------------------


def test_call_in_runs_over_the_spring_bank_holiday() -> None:
    rules = DecisionRules()
    # Published Thu 23 May 2019: 24, (27 is the bank holiday) 28, 29, 30, 31 May.
    assert rules.call_in(D(2019, 5, 23), ENGLAND) == (D(2019, 5, 31), D(2019, 6, 3))
    # Published Fri 24 May 2019: 28, 29, 30, 31 May and Mon 3 June; implemented Tue 4 June.
    assert rules.call_in(D(2019, 5, 24), ENGLAND) == (D(2019, 6, 3), D(2019, 6, 4))


def test_call_in_period_is_a_setting() -> None:
    rules = DecisionRules(call_in_working_days=3)
    assert rules.call_in(D(2019, 5, 23), ENGLAND) == (D(2019, 5, 29), D(2019, 5, 30))
    with pytest.raises(ValueError, match="call_in_working_days"):
        DecisionRules(call_in_working_days=-1)


def test_the_council_file_sets_the_call_in_period_and_the_decision_notice() -> None:
    text = (ROOT / "examples" / "oadby-wigston" / "council.toml").read_text(encoding="utf-8")
    text = text.replace("[council]\n", "[council]\ncall_in_working_days = 3\n", 1)
    text = text.replace("[council]\n", "[council]\ndecision_notice_working_days = 0\n", 1)
    council = loads_council(text, file="council.toml", base_dir=ROOT / "examples" / "oadby-wigston")
    rules = DecisionRules.for_council(council)
    assert (rules.call_in_working_days, rules.decision_notice_working_days) == (3, 0)
    # Published Fri 3 May 2019: three working days over the bank holiday of Mon 6 May
    assert rules.call_in(D(2019, 5, 3), ENGLAND) == (D(2019, 5, 9), D(2019, 5, 10))
    assert "call_in_working_days = 3" in council_to_toml(council)
    with pytest.raises(DefinitionError, match="call_in_working_days"):
        loads_council(text.replace("working_days = 3", "working_days = -1"), file="council.toml")


def test_council_closure_moves_call_in() -> None:
    council = load_council(ROOT / "examples" / "oadby-wigston" / "council.toml")
    calendar = council.working_calendar(2019, 2020)
    rules = DecisionRules.for_council(council)
    assert rules.call_in_working_days == 5
    assert rules.counting is DayCount.CALENDAR
    # Published Fri 20 Dec 2019: England alone would give Mon 23, Tue 24, Fri 27, Mon 30 and
    # Tue 31 Dec; the council's Christmas closure (24 Dec to 1 Jan) leaves Mon 23 Dec, Thu 2,
    # Fri 3, Mon 6 and Tue 7 Jan 2020.
    assert rules.call_in(D(2019, 12, 20), ENGLAND) == (D(2019, 12, 31), D(2020, 1, 2))
    assert rules.call_in(D(2019, 12, 20), calendar) == (D(2020, 1, 7), D(2020, 1, 8))


# -- records from minutes ----------------------------------------------------------------------


def test_committee_minutes_give_one_record_per_resolution() -> None:
    council = load_council(ROOT / "examples" / "oadby-wigston" / "council.toml")
    minutes = load_minutes(HELD, council)
    assert not is_executive(minutes, council)
    records = decision_records(minutes, calendar=council.working_calendar(2019))
    assert [r.minute for r in records] == [13, 14, 16, 17, 18, 19, 20]
    paperless = records[3]
    assert paperless.title == "Introduction of Paperless Committee Meetings"
    assert paperless.wording.startswith("(i) The next meeting of Change Management Committee")
    assert "(iv) That the Council's intention" in paperless.wording
    # Published two working days after Tue 15 Jan 2019 (custom), no call-in: not executive.
    assert paperless.published == D(2019, 1, 17)
    assert paperless.call_in_deadline is None
    assert not paperless.key_decision
    assert paperless.route is None
    # Minute 20 was taken in private: its wording is withheld.
    private = records[-1]
    assert private.exempt == (1, 2, 3)
    assert "withheld" in private.wording
    assert "noted" not in private.wording
    assert "paragraph(s) 1, 2 and 3 of Part 1 of Schedule 12A" in private.wording
    # The exclusion resolution itself is published.
    assert records[-2].exempt == ()
    assert "press and public be excluded" in records[-2].wording


def test_portfolio_holder_decisions_are_executive_with_call_in() -> None:
    minutes = load_minutes(PORTFOLIO)
    assert is_executive(minutes)
    records = decision_records(minutes, calendar=ENGLAND, executive=True)
    verbs = [r.outcome for r in records]
    assert verbs[:2] == ["agreed", "agreed"]
    first = records[0]
    assert first.decision_maker == "The Sustainability, Procurement and Efficiency Portfolio Holder"
    # Thu 23 July 2009 -> published Mon 27 July -> call-in to Mon 3 Aug, implemented Tue 4 Aug.
    assert first.published == D(2009, 7, 27)
    assert first.call_in_deadline == D(2009, 8, 3)
    assert first.implement_from == D(2009, 8, 4)
    assert first.open_to_call_in(D(2009, 7, 27))
    assert first.open_to_call_in(D(2009, 8, 3))
    assert not first.open_to_call_in(D(2009, 8, 4))
    assert not first.open_to_call_in(D(2009, 7, 24))


def test_published_day_from_the_minutes_wins() -> None:
    minutes = attrs.evolve(load_minutes(PORTFOLIO), decisions_published=D(2009, 7, 24))
    first = decision_records(minutes, calendar=ENGLAND, executive=True)[0]
    assert first.published == D(2009, 7, 24)
    assert first.call_in_deadline == D(2009, 7, 31)


def test_key_decision_without_a_plan_has_no_lawful_route() -> None:
    minutes = load_minutes(PORTFOLIO)
    item = attrs.evolve(minutes.minutes[1], key_decision=True)
    minutes = attrs.evolve(minutes, minutes=(minutes.minutes[0], item, *minutes.minutes[2:]))
    records = decision_records(minutes, calendar=ENGLAND, executive=True)
    assert records[0].key_decision
    assert records[0].route is NoticeRoute.NONE


def test_record_round_trips_and_filters() -> None:
    minutes = load_minutes(PORTFOLIO)
    records = decision_records(minutes, calendar=ENGLAND, executive=True)
    for r in records:
        assert DecisionRecord.from_dict(r.to_dict()) == r
    q = DecisionQuery(open_on=D(2009, 8, 10))
    assert not [r for r in records if q.matches(r)]
    assert DecisionQuery(body="sustainability-portfolio-holder").matches(records[0])
    assert not DecisionQuery(key_only=True).matches(records[0])
    text = decisions_csv(records)
    assert text.splitlines()[0].startswith("key,date,body")
    assert text.count("\r\n") == len(records) + 1


def test_minutes_keys_for_decisions_are_checked(tmp_path: Path) -> None:
    from meetings.errors import DefinitionError  # noqa: PLC0415

    path = tmp_path / "2019-05-21-finance-portfolio-holder.toml"
    path.write_text(
        "standard_items = false\n"
        "[minutes]\n"
        'chair = "E Eden"\n'
        'decision_maker = "The Finance Portfolio Holder"\n'
        "decisions_published = 2019-05-20\n"
        "[[minutes.items]]\n"
        'title = "Council Tax Support Scheme"\n'
        'key_decision = "yes"\n'
        "forward_plan = 1\n",
        encoding="utf-8",
    )
    with pytest.raises(DefinitionError) as info:
        load_minutes(path)
    text = str(info.value)
    assert "minutes.decisions_published: 2019-05-20 is before the meeting (2019-05-21)" in text
    assert "minutes.items[0].key_decision: expected" in text
    assert "minutes.items[0].forward_plan: expected a string" in text


YEAR = DATA / "registers"


def test_notice_is_judged_on_the_day_the_decision_was_taken() -> None:
    from meetings.forwardplan import load_forward_plan  # noqa: PLC0415

    council = load_council(YEAR / "council.toml")
    calendar = council.working_calendar(2019)
    minutes = load_minutes(YEAR / "meetings" / "2019-05-21-finance-portfolio-holder.toml", council)
    plan = load_forward_plan(YEAR / "forward-plan.toml")
    entry = plan.entries[0]
    # Left unscheduled in the plan, first published on 1 April: in time for 21 May.
    unscheduled = attrs.evolve(plan, entries=(attrs.evolve(entry, day=None),))
    records = decision_records(minutes, calendar=calendar, executive=True, plan=unscheduled)
    assert records[0].route is NoticeRoute.FORWARD_PLAN
    # First published on 1 May: too late for 21 May (the notice was due on 18 April).
    late = attrs.evolve(plan, entries=(attrs.evolve(entry, first_published=D(2019, 5, 1)),))
    records = decision_records(minutes, calendar=calendar, executive=True, plan=late)
    assert records[0].route is NoticeRoute.NONE
    # A plan naming only the decision maker is matched by date and title.
    bodiless = attrs.evolve(plan, entries=(attrs.evolve(entry, body=None),))
    item = attrs.evolve(minutes.minutes[1], forward_plan=None)
    unreferenced = attrs.evolve(minutes, minutes=(minutes.minutes[0], item, minutes.minutes[2]))
    records = decision_records(unreferenced, calendar=calendar, executive=True, plan=bodiless)
    assert records[0].forward_plan == "FP-1"
    assert records[0].key_decision


def test_a_decision_that_is_not_key_needs_no_notice_seed_004() -> None:
    from meetings.forwardplan import check_plan, load_forward_plan  # noqa: PLC0415

    plan = load_forward_plan(YEAR / "forward-plan-leicester.toml")
    (check,) = check_plan(plan, ENGLAND).checks
    assert check.entry.executive
    assert not check.entry.key
    assert check.route is None
    assert check.notice_by is None
    assert check.findings == ()


# -- properties ---------------------------------------------------------------------------------

days = st.dates(min_value=D(2015, 1, 1), max_value=D(2030, 12, 31))


@settings(max_examples=200, deadline=None)
@given(published=days, n=st.integers(min_value=1, max_value=15))
def test_call_in_period_is_n_working_days(published: dt.date, n: int) -> None:
    deadline, implement = DecisionRules(call_in_working_days=n).call_in(published, ENGLAND)
    assert ENGLAND.is_working_day(deadline)
    assert ENGLAND.is_working_day(implement)
    # n working days after publication, the publication day not counted.
    assert ENGLAND.working_days_between(published, deadline) == n - 1
    assert ENGLAND.working_days_between(deadline, implement) == 0
    assert published < deadline < implement


@settings(max_examples=200, deadline=None)
@given(day=days)
def test_key_decision_notice_leaves_28_clear_days(day: dt.date) -> None:
    notice = DecisionRules().key_decision_notice_by(day, ENGLAND)
    assert ENGLAND.is_working_day(notice)
    assert (day - notice).days - 1 >= 28
    # The next working day would leave fewer than 28 clear days.
    later = ENGLAND.add_working_days(notice, 1)
    assert (day - later).days - 1 < 28


def test_a_route_names_the_notice_period_of_the_rules_in_force() -> None:
    assert NoticeRoute.FORWARD_PLAN.describe() == "Forward plan (28 clear days, reg 9)"
    shorter = DecisionRules(key_decision_clear_days=20)
    assert NoticeRoute.FORWARD_PLAN.describe(shorter) == "Forward plan (20 clear days, reg 9)"
    assert NoticeRoute.SPECIAL_URGENCY.describe(shorter) == "Special urgency (reg 11)"
    # the period as the forward plan states it: a council counting working days says so
    working = DecisionRules(counting=DayCount.WORKING)
    assert NoticeRoute.FORWARD_PLAN.describe(working) == (
        "Forward plan (28 clear working days, reg 9)"
    )
