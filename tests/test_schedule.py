"""The schedule planner: the `[schedule]` rules, each rule on its own, check, the example."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import shutil
from pathlib import Path

import attrs
import pytest
from helpers import hard
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meetings import (
    ClashRule,
    Meeting,
    MeetingStatus,
    Schedule,
    Severity,
    check_schedule,
    plan_schedule,
    schedule_json,
    schedule_report,
)
from meetings.cli import main
from meetings.committee import BodyKind, Council
from meetings.definitions import council_to_toml, load_council, loads_council
from meetings.errors import DefinitionError, ScheduleError

DATA = Path(__file__).parent / "data" / "schedule"
SMALL = (DATA / "small.toml").read_text(encoding="utf-8")
EXAMPLE = Path(__file__).parent.parent / "examples" / "oadby-wigston" / "council.toml"


def council(extra: str = "", *, base: str = SMALL) -> Council:
    """The small test council with more `[schedule]` keys or tables appended."""
    return loads_council(base + "\n" + extra, file="small.toml", base_dir=DATA)


def days_of(schedule: Schedule, body: str) -> list[dt.date]:
    return [m.day for m in schedule.meetings if m.body == body]


# -- reading the [schedule] table ------------------------------------------------------------


def test_rules_read_every_table_of_the_example() -> None:
    rules = load_council(EXAMPLE).schedule
    assert rules.year == 2019
    assert rules.ordinary_election == dt.date(2019, 5, 2)
    assert rules.clash == ClashRule.EVENING
    assert rules.count("development-control") == 12
    assert [p.date for p in rules.pins] == [dt.date(2019, 6, 4), dt.date(2019, 6, 13)]
    assert rules.windows[0].quarter == "Q2 2019/20"
    assert rules.windows[0].start == dt.date(2019, 11, 25)
    (election,) = rules.elections
    assert election.purdah_start == dt.date(2020, 4, 7)
    assert election.exempt == ("development-control", "licensing-regulatory")
    assert {b.calendar for b in rules.blackouts} == {
        "school-holidays-leicestershire",
        "festivals",
        "party-conferences",
    }
    assert len(rules.events) == 7


def test_every_problem_in_the_schedule_table_is_reported_at_once() -> None:
    bad = """
[schedule.counts]
plannning = 4

[[schedule.pins]]
body = "polcy"
date = 2019-06-04

[[schedule.orderings]]
before = "policy"
after = "council"
days = "seven"

[[schedule.avoid]]
calendar = "no-such-calendar"

[[schedule.events]]
title = "Training"
date = 2019-06-05
start = "19:00"
venue = "hall"

[[schedule.windows]]
quarter = "Q5 2019/20"
start = 2019-11-25
end = 2019-12-06
"""
    with pytest.raises(DefinitionError) as info:
        council('clash = "sometimes"\navoid_weekdays = ["funday"]\n' + bad)
    text = str(info.value)
    for needle in (
        "schedule.counts.plannning: unknown body 'plannning'",
        "did you mean 'planning'",
        "schedule.pins[0].body: unknown 'polcy'",
        "schedule.orderings[0].days: expected an integer",
        "schedule.avoid[0].calendar: 'no-such-calendar' is neither a file",
        "schedule.events[0].venue: unknown 'hall'",
        "schedule.windows[0].quarter",
        "schedule.clash: 'sometimes' is not allowed",
        "schedule.avoid_weekdays[0]: 'funday' is not a weekday",
    ):
        assert needle in text, needle
    assert len(info.value.problems) == 8


def test_unknown_key_in_schedule_table_is_reported() -> None:
    with pytest.raises(DefinitionError, match=r"schedule\.yeer: unknown key"):
        council("yeer = 2019", base=SMALL.replace("year = 2019\n", ""))


# -- statutory dates -------------------------------------------------------------------------


def test_annual_meeting_is_the_eighth_day_after_retirement() -> None:
    # Poll Thu 2 May 2019, councillors retire Mon 6 May, annual meeting Tue 14 May
    # (LGA 1972 Sch 12 para 1; RULES.md).
    plan = plan_schedule(council())
    first = plan.meetings[0]
    assert (first.body, first.day) == ("council", dt.date(2019, 5, 14))
    assert "Sch 12 para 1" in first.reasons[0]


def test_annual_meeting_outside_the_21_days_is_refused() -> None:
    with pytest.raises(ScheduleError, match=r"outside the 21 days after councillors retire"):
        plan_schedule(council("annual_meeting = 2019-06-04"))


def test_budget_council_falls_before_11_march() -> None:
    # LGFA 1992 s.30(6): council tax set before 11 March 2020.
    plan = plan_schedule(council())
    assert any(dt.date(2020, 2, 1) <= d <= dt.date(2020, 3, 10) for d in days_of(plan, "council"))


def test_budget_window_with_no_allowed_day_is_infeasible() -> None:
    extra = """
[schedule.budget]
earliest = 2020-03-07
latest = 2020-03-08
"""
    with pytest.raises(
        ScheduleError, match="Council meeting 4: 7 Mar\N{EN DASH}8 Mar 2020 has no Tue, Wed, Thu"
    ):
        plan_schedule(council(extra))


# -- each rule on its own --------------------------------------------------------------------


def test_quarterly_bodies_meet_in_every_window_and_say_which_quarter() -> None:
    plan = plan_schedule(council())
    served = {m.reporting_quarter for m in plan.meetings if m.body == "licensing"}
    assert served == {"Q4 2018/19", "Q1 2019/20", "Q2 2019/20", "Q3 2019/20"}
    for m in plan.meetings:
        if m.reporting_quarter == "Q1 2019/20":
            assert dt.date(2019, 9, 1) <= m.day <= dt.date(2019, 9, 14)


def test_a_moved_window_moves_the_meetings() -> None:
    extra = """
[[schedule.windows]]
quarter = "Q2 2019/20"
start = 2019-11-25
end = 2019-12-06
"""
    plan = plan_schedule(council(extra))
    q2 = [m.day for m in plan.meetings if m.reporting_quarter == "Q2 2019/20"]
    assert len(q2) == 2
    assert all(dt.date(2019, 11, 25) <= d <= dt.date(2019, 12, 6) for d in q2)


def test_a_closure_is_never_used() -> None:
    extra = """
[[schedule.closures]]
name = "Office move"
start = 2019-09-01
end = 2019-09-06
"""
    plan = plan_schedule(council(extra))
    assert not [m for m in plan.meetings if dt.date(2019, 9, 1) <= m.day <= dt.date(2019, 9, 6)]
    # the Q1 meetings still happen, in the rest of their window
    assert len([m for m in plan.meetings if m.reporting_quarter == "Q1 2019/20"]) == 2


def test_christmas_closure_and_bank_holidays() -> None:
    plan = plan_schedule(council())
    for m in plan.meetings:
        assert not dt.date(2019, 12, 24) <= m.day <= dt.date(2020, 1, 1)
        assert m.day not in (dt.date(2019, 5, 27), dt.date(2019, 8, 26), dt.date(2020, 4, 13))


def test_no_meeting_in_purdah_except_exempt_bodies() -> None:
    # The seed: purdah from 7 April 2020 for the PCC election of 7 May 2020.
    extra = """
[[schedule.elections]]
poll = 2020-05-07
kind = "pcc"
purdah_start = 2020-04-07
exempt = ["planning"]
"""
    plan = plan_schedule(council(extra))
    inside = [m for m in plan.meetings if dt.date(2020, 4, 7) <= m.day <= dt.date(2020, 5, 7)]
    assert inside, "planning (exempt) should still meet in purdah"
    assert {m.body for m in inside} == {"planning"}
    assert any(p.category == "pre-election" for p in plan.periods)


def test_statutory_purdah_start_when_the_council_gives_none() -> None:
    # Notice of election for the poll of 7 May 2020 by Tue 31 March 2020 (25th working day).
    extra = """
[[schedule.elections]]
poll = 2020-05-07
kind = "pcc"
"""
    plan = plan_schedule(council(extra))
    (period,) = [p for p in plan.periods if p.category == "pre-election"]
    assert period.start == dt.date(2020, 3, 31)
    assert not [
        m for m in plan.meetings if m.body != "event" and period.start <= m.day <= period.end
    ]


def test_ordering_leaves_time_to_write_reports() -> None:
    extra = """
[[schedule.orderings]]
before = "planning"
after = "council"
days = 10
"""
    plan = plan_schedule(council(extra))
    for c in days_of(plan, "council"):
        for p in days_of(plan, "planning"):
            assert not 0 <= (c - p).days < 10
    # receives_from gives policy -> council with report_days (7 by default)
    for c in days_of(plan, "council"):
        for p in days_of(plan, "policy"):
            assert not 0 <= (c - p).days < 7


def test_evening_clash_rule() -> None:
    plan = plan_schedule(council())
    days = [m.day for m in plan.meetings]
    assert len(days) == len(set(days))


# Policy and Licensing must both meet in Q2, which then has one Wednesday.
ONE_WEDNESDAY_Q2 = """
[[schedule.windows]]
quarter = "Q2 2019/20"
start = 2019-11-25
end = 2019-11-29
"""


def test_venue_clash_rule_allows_two_meetings_in_different_rooms() -> None:
    # Everything on Wednesdays: the evening rule could not fit it, the venue rule can.
    base = SMALL.replace('["tuesday", "thursday"]', '["wednesday"]')
    with pytest.raises(ScheduleError):
        plan_schedule(council("max_per_week = 5" + ONE_WEDNESDAY_Q2, base=base))
    plan = plan_schedule(council('clash = "venue"\nmax_per_week = 5' + ONE_WEDNESDAY_Q2, base=base))
    by_day: dict[tuple[dt.date, str | None], int] = {}
    for m in plan.meetings:
        by_day[(m.day, m.venue)] = by_day.get((m.day, m.venue), 0) + 1
    assert max(by_day.values()) == 1
    assert len({m.day for m in plan.meetings}) < len(plan.meetings)


def test_member_clash_rule_lets_bodies_with_no_member_in_common_share_an_evening() -> None:
    base = SMALL.replace('["tuesday", "thursday"]', '["wednesday"]')
    seats = {
        "policy": '["Miss A R Bond", "Mrs L M Broadley", "M L Darr"]',
        "licensing": '["B Dave", "Mrs S Z Haq", "K J Loydall JP"]',
        "planning": '["Miss A R Bond", "Mrs S B Morris", "J Kaufman"]',
    }
    for body, members in seats.items():
        base = base.replace(f"[bodies.{body}]\n", f"[bodies.{body}]\nmembers = {members}\n")
    plan = plan_schedule(
        council('clash = "member"\nmax_per_week = 5' + ONE_WEDNESDAY_Q2, base=base)
    )
    assert not hard(plan.breaches)
    by_day: dict[dt.date, list[str]] = {}
    for m in plan.meetings:
        by_day.setdefault(m.day, []).append(m.body or "")
    shared = [bodies for bodies in by_day.values() if len(bodies) > 1]
    # Policy and Licensing have no member in common and share the one Q2 Wednesday.
    assert ["policy", "licensing"] in [sorted(b, reverse=True) for b in shared]
    for bodies in shared:
        assert "council" not in bodies  # full Council takes every member
        assert not {"policy", "planning"} <= set(bodies)  # both have Miss A R Bond
    # Licensing's members not yet appointed: it may share a member with anyone, so it cannot.
    unknown = base.replace(f"members = {seats['licensing']}\n", "")
    with pytest.raises(ScheduleError, match="Licensing Committee"):
        plan_schedule(
            council('clash = "member"\nmax_per_week = 5' + ONE_WEDNESDAY_Q2, base=unknown)
        )


def test_soft_clash_is_reported_with_its_reason() -> None:
    base = SMALL.replace('["tuesday", "thursday"]', '["wednesday"]')
    plan = plan_schedule(
        council('clash_severity = "soft"\nmax_per_week = 5' + ONE_WEDNESDAY_Q2, base=base)
    )
    clashes = [b for b in plan.breaches if b.rule == "clash"]
    assert clashes
    assert all(b.severity == Severity.SOFT for b in clashes)
    assert all("clashes with" in b.detail for b in clashes)


def test_forbidden_weekdays_never_used_and_avoided_ones_reported() -> None:
    plan = plan_schedule(council())
    for m in plan.meetings:
        if m.body == "planning":
            assert m.day.weekday() == 2
        if m.body in ("policy", "licensing"):
            assert m.day.weekday() in (1, 3)
    mondays = SMALL.replace('weekdays = ["wednesday"]', 'weekdays = ["monday"]')
    plan = plan_schedule(council(base=mondays))
    avoided = [b for b in plan.breaches if b.rule == "avoided-weekday"]
    assert len(avoided) == 10
    assert "no other allowed day" in avoided[0].detail


def test_pin_fixes_the_day_and_keeps_the_uid() -> None:
    before = plan_schedule(council())
    moved = next(m for m in before.meetings if m.body == "planning" and m.day.month == 10)
    pin = f"""
[[schedule.pins]]
body = "planning"
date = {moved.day + dt.timedelta(days=7)}
start = "18:00"
"""
    after = plan_schedule(council(pin))
    same = next(m for m in after.meetings if m.uid == moved.uid)
    assert same.day == moved.day + dt.timedelta(days=7)
    assert same.start.time() == dt.time(18, 0)
    assert "pinned" in same.reasons[0]


def test_pin_on_a_closed_day_names_the_pin_and_the_closure() -> None:
    pin = """
[[schedule.pins]]
body = "planning"
date = 2019-12-25
"""
    with pytest.raises(ScheduleError, match=r"pinned.*Christmas Day"):
        plan_schedule(council(pin))


def test_soft_calendar_is_avoided_and_shaded() -> None:
    extra = """
[[schedule.avoid]]
calendar = "holidays.ics"
category = "school-holiday"
weight = 100
"""
    plan = plan_schedule(council(extra))
    assert not [m for m in plan.meetings if dt.date(2019, 10, 28) <= m.day <= dt.date(2019, 11, 1)]
    assert any(p.name == "Autumn half term" for p in plan.periods)


def test_hard_calendar_is_never_used() -> None:
    extra = """
[[schedule.avoid]]
calendar = "holidays.ics"
category = "school-holiday"
severity = "hard"
"""
    plan = plan_schedule(council(extra))
    assert not [m for m in plan.meetings if dt.date(2019, 10, 28) <= m.day <= dt.date(2019, 11, 1)]


def test_events_are_carried_and_take_the_evening() -> None:
    extra = """
[[schedule.events]]
title = "Induction: planning law"
date = 2019-05-29
start = "18:00"
minutes = 90
"""
    plan = plan_schedule(council(extra))
    (event,) = [m for m in plan.meetings if m.kind == BodyKind.EVENT]
    assert event.day == dt.date(2019, 5, 29)
    assert event.end - event.start == dt.timedelta(minutes=90)
    assert event.uid == "2019-20-event-induction-planning-law-1@testborough-district-council"
    assert [m for m in plan.meetings if m.day == event.day] == [event]


# -- infeasible inputs -----------------------------------------------------------------------


def test_window_with_no_allowed_day_names_window_weekdays_and_closure() -> None:
    extra = """
[[schedule.windows]]
quarter = "Q2 2019/20"
start = 2019-11-25
end = 2019-12-06

[[schedule.closures]]
name = "Office refit"
start = 2019-11-26
end = 2019-12-05
"""
    with pytest.raises(ScheduleError) as info:
        plan_schedule(council(extra))
    text = str(info.value)
    assert "Policy Committee meeting 4" in text
    assert "Q2 2019/20 window 25 Nov\N{EN DASH}6 Dec 2019 has no allowed day" in text
    assert "Tue, Thu only" in text
    assert "Tue 26 Nov 2019, Thu 28 Nov 2019, Tue 3 Dec 2019, Thu 5 Dec 2019" in text
    assert "closed: Office refit" in text


def test_too_few_meetings_for_the_windows() -> None:
    with pytest.raises(ScheduleError, match=r"Licensing Committee reports quarterly.*meets 3"):
        plan_schedule(council("[schedule.counts]\nlicensing = 3"))


def test_every_day_taken_names_the_meetings_in_the_way() -> None:
    base = SMALL.replace('["tuesday", "thursday"]', '["tuesday"]')
    extra = """
[[schedule.windows]]
quarter = "Q2 2019/20"
start = 2019-11-26
end = 2019-11-26
"""
    with pytest.raises(ScheduleError, match=r"every allowed day is taken: Tue 26 Nov 2019 by"):
        plan_schedule(council(extra, base=base))


def test_no_year_anywhere() -> None:
    base = SMALL.replace("year = 2019\nordinary_election = 2019-05-02\n", "")
    with pytest.raises(ScheduleError, match="which municipal year"):
        plan_schedule(council(base=base))
    assert plan_schedule(council(base=base), 2021).municipal_year == "2021/22"


# -- determinism, stability, check -----------------------------------------------------------


def test_same_input_same_bytes() -> None:
    assert schedule_json(plan_schedule(council())) == schedule_json(plan_schedule(council()))


def test_pinning_one_meeting_moves_few_others() -> None:
    before = plan_schedule(council())
    target = next(m for m in before.meetings if m.uid.startswith("2019-20-council-3@"))
    pin = f"""
[[schedule.pins]]
body = "council"
date = {target.day + dt.timedelta(days=14)}
"""
    after = plan_schedule(council(pin))
    old = {m.uid: m.day for m in before.meetings}
    moved = [m.uid for m in after.meetings if m.uid != target.uid and old[m.uid] != m.day]
    assert len(moved) <= 2, moved


def test_adding_one_closure_moves_few_others() -> None:
    before = plan_schedule(council())
    hit = next(m for m in before.meetings if m.body == "planning" and m.day.month == 10)
    closure = f"""
[[schedule.closures]]
name = "Polling station"
start = {hit.day}
"""
    after = plan_schedule(council(closure))
    old = {m.uid: m.day for m in before.meetings}
    moved = [m.uid for m in after.meetings if old[m.uid] != m.day]
    assert hit.uid in moved
    assert len(moved) <= 3, moved


@pytest.mark.parametrize(
    ("start", "end"),
    [("2019-08-05", "2019-08-09"), ("2019-07-01", "2019-07-12"), ("2020-01-13", "2020-01-24")],
)
def test_a_long_closure_moves_only_the_meetings_it_closes(start: str, end: str) -> None:
    # A week or a fortnight of office closure: the meetings planned in it move, nothing else.
    c = load_council(EXAMPLE)
    before = plan_schedule(c)
    text = EXAMPLE.read_text(encoding="utf-8") + (
        f'\n[[schedule.closures]]\nname = "Office refit"\nstart = {start}\nend = {end}\n'
    )
    after = plan_schedule(loads_council(text, base_dir=EXAMPLE.parent))
    first, last = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    old = {m.uid: m.day for m in before.meetings}
    moved = [m.uid for m in after.meetings if old[m.uid] != m.day]
    closed = [u for u, d in old.items() if first <= d <= last]
    assert set(closed) <= set(moved)
    assert len(moved) - len(closed) <= 1, moved


def test_events_and_pins_of_another_year_stay_in_theirs() -> None:
    # The example pins two June 2019 meetings and carries the 2019 induction programme.
    plan = plan_schedule(load_council(EXAMPLE), 2020)
    assert plan.municipal_year == "2020/21"
    assert not [m for m in plan.meetings if m.day.year == 2019]
    assert not [m for m in plan.meetings if m.kind == BodyKind.EVENT]
    assert not [r for m in plan.meetings for r in m.reasons if "pinned" in r]


def test_check_finds_exactly_the_planned_breaches() -> None:
    c = load_council(EXAMPLE)
    plan = plan_schedule(c)
    assert check_schedule(plan, c) == plan.breaches
    again = Schedule.from_json(json.loads(schedule_json(plan)), file="schedule.json")
    assert check_schedule(again, c) == plan.breaches


def test_check_reports_hard_breaches_of_a_hand_made_schedule() -> None:
    c = council()
    plan = plan_schedule(c)
    first_planning = next(m for m in plan.meetings if m.body == "planning")
    boxing_day = dt.datetime(2019, 12, 26, 19, tzinfo=first_planning.start.tzinfo)
    edited = attrs.evolve(first_planning, start=boxing_day, end=boxing_day + dt.timedelta(hours=2))
    stray = attrs.evolve(first_planning, uid="x", body="scrutiny", title="Scrutiny")
    meetings = [edited if m is first_planning else m for m in plan.meetings] + [stray]
    breaches = check_schedule(attrs.evolve(plan, meetings=tuple(meetings)), c)
    rules = {b.rule for b in hard(breaches)}
    assert {"closed", "weekday", "unknown-body"} <= rules
    closed = next(b for b in breaches if b.rule == "closed")
    assert "Boxing Day" in closed.detail


def test_check_reports_a_missing_window_meeting_and_a_wrong_count() -> None:
    c = council()
    plan = plan_schedule(c)
    kept = tuple(
        m for m in plan.meetings if not (m.body == "policy" and m.reporting_quarter == "Q1 2019/20")
    )
    breaches = check_schedule(attrs.evolve(plan, meetings=kept), c)
    assert {"meeting-count", "reporting-window"} <= {b.rule for b in hard(breaches)}
    window = next(b for b in breaches if b.rule == "reporting-window")
    assert "Q1 2019/20 reporting window 1 Sep\N{EN DASH}14 Sep 2019" in window.detail


def test_report_groups_breaches_by_rule() -> None:
    plan = plan_schedule(load_council(EXAMPLE))
    text = schedule_report(plan)
    assert text.startswith("# Schedule of meetings 2019/20: Oadby and Wigston Borough Council")
    assert "## Soft rules broken" in text
    assert "| Tue 14 May 2019 | 19:00 | Council |" in text


# -- the example: seed 000's year ------------------------------------------------------------


def test_example_reproduces_the_seed_dates() -> None:
    plan = plan_schedule(load_council(EXAMPLE))
    first: dict[str, Meeting] = {}
    for m in plan.meetings:
        first.setdefault(m.body, m)
    assert first["council"].day == dt.date(2019, 5, 14)
    assert first["development-control"].day == dt.date(2019, 5, 23)
    assert first["service-delivery"].day == dt.date(2019, 6, 4)
    assert first["licensing-regulatory"].day == dt.date(2019, 6, 6)
    assert first["policy-finance-development"].day == dt.date(2019, 6, 11)
    assert first["change-management"].day == dt.date(2019, 6, 13)
    assert first["licensing-regulatory"].start.isoformat() == "2019-06-06T18:30:00+01:00"
    assert not hard(plan.breaches)
    # purdah from 7 April 2020: only the exempt bodies meet
    purdah = {m.body for m in plan.meetings if dt.date(2020, 4, 7) <= m.day <= dt.date(2020, 5, 7)}
    assert purdah <= {"development-control", "licensing-regulatory"}
    # Q2 moved to 25 Nov - 6 Dec 2019 for the Christmas closure
    q2 = [m.day for m in plan.meetings if m.reporting_quarter == "Q2 2019/20"]
    assert len(q2) == 3
    assert all(dt.date(2019, 11, 25) <= d <= dt.date(2019, 12, 6) for d in q2)
    assert all(m.status.value == "provisional" for m in plan.meetings)


def test_meeting_json_round_trip() -> None:
    plan = plan_schedule(council())
    data = json.loads(schedule_json(plan))
    assert data["municipal_year"] == "2019/20"
    back = Schedule.from_json(data, file="schedule.json")
    assert back.meetings == plan.meetings
    assert isinstance(back.meetings[0], Meeting)


# -- the command line ------------------------------------------------------------------------


def test_cli_schedule_writes_json_and_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    code = main(
        [
            "schedule",
            str(DATA / "small.toml"),
            "--out",
            str(out),
            "--format",
            "json",
            "--stamp",
            "2019-03-05T09:00:00Z",
        ]
    )
    assert code == 0
    data = json.loads((out / "schedule.json").read_text(encoding="utf-8"))
    assert data["council"] == "Testborough District Council"
    assert (out / "report.md").read_text(encoding="utf-8").startswith("# Schedule of meetings")
    assert "24 meetings" in capsys.readouterr().out
    assert main(["check", str(DATA / "small.toml"), str(out / "schedule.json")]) == 0


def test_cli_check_exits_1_on_a_hard_breach(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = plan_schedule(council())
    data = json.loads(schedule_json(plan))
    data["meetings"][1]["start"] = "2019-12-25T19:00:00+00:00"
    data["meetings"][1]["end"] = "2019-12-25T21:00:00+00:00"
    path = tmp_path / "hand-made.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert main(["check", str(DATA / "small.toml"), str(path)]) == 1
    assert "Christmas Day" in capsys.readouterr().out


def test_cli_schedule_infeasible_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "council.toml"
    bad.write_text(SMALL + "\n[schedule.counts]\nlicensing = 2\n", encoding="utf-8")
    assert main(["schedule", str(bad), "--out", str(tmp_path / "o")]) == 1
    assert "reports quarterly" in capsys.readouterr().err


def test_cli_deadlines_for_the_planned_year(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["deadlines", str(DATA / "small.toml")]) == 0
    out = capsys.readouterr().out
    # annual meeting Tue 14 May 2019 -> agenda published by Fri 3 May 2019 (RULES.md)
    assert "## Council: Meeting on Tuesday 14 May 2019 at 19:00" in out
    assert "Friday 3 May 2019" in out


def test_cli_deadlines_use_the_councils_purdah_start(capsys: pytest.CaptureFixture[str]) -> None:
    # the example's [[schedule.elections]]: PCC poll 7 May 2020, purdah from 7 Apr 2020; the
    # statutory latest start would be the notice of election, Tue 31 Mar 2020
    argv = ["deadlines", str(EXAMPLE), "--poll", "2020-05-07", "--poll-kind", "pcc"]
    assert main(argv) == 0
    assert "| Pre-election period begins | Tuesday 7 April 2020 | fixed by the council |" in (
        capsys.readouterr().out
    )
    assert main(["deadlines", str(EXAMPLE)]) == 0  # the planned year shows the poll too
    out = capsys.readouterr().out
    assert "## Poll (Police and Crime Commissioner election, 7 May 2020)" in out
    assert "| Pre-election period begins | Tuesday 7 April 2020 |" in out


def test_cli_schedule_says_which_dated_rules_another_year_leaves_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["schedule", str(EXAMPLE), "--out", str(tmp_path), "--format", "json"]
    assert main([*argv, "--year", "2021"]) == 0
    assert "not in 2021/22, so not used: 2 pin(s), 7 event(s), 1 election(s)" in (
        capsys.readouterr().out
    )
    assert main(argv) == 0
    assert "not used" not in capsys.readouterr().out


def test_cli_schedule_refuses_bad_formats_and_a_file_for_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    small = str(DATA / "small.toml")
    # an unknown format is wrong usage: exit 2, as documented
    assert main(["schedule", small, "--out", str(tmp_path), "--format", "ics,xlsx"]) == 2
    assert "unknown publication format xlsx; valid: json, ics, html, md, csv, pdf" in (
        capsys.readouterr().err
    )
    assert main(["schedule", small, "--out", str(tmp_path), "--format", ""]) == 2
    capsys.readouterr()
    assert main(["schedule", small, "--out", small]) == 1
    assert f"--out {small}: is a file, not a folder" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[]", 'expected an object with a "meetings" list'),
        ('{"meetings": 5}', 'expected an object with a "meetings" list'),
        ('{"meetings": [{}, 1]}', "meetings[0].uid: missing; a meeting needs uid, body"),
        ('{"meetings": [{}, 1]}', "meetings[1]: not a meeting: 1"),
        (b"\xb4\x00", "not UTF-8 text (byte 0)"),
    ],
)
def test_cli_check_of_malformed_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str | bytes, message: str
) -> None:
    path = tmp_path / "x.json"
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    assert main(["check", str(EXAMPLE), str(path)]) == 1
    assert f"{path}: " in (err := capsys.readouterr().err)
    assert message in err


# -- properties ------------------------------------------------------------------------------

WEEKDAY_SETS = st.sampled_from(
    [
        ["tuesday", "thursday"],
        ["tuesday", "wednesday", "thursday"],
        ["monday", "wednesday"],
        ["wednesday"],
    ]
)


@st.composite
def councils(draw: st.DrawFn) -> str:
    """The small council with random weekdays, counts, closures, purdah and orderings."""
    text = SMALL
    for body in ("policy", "licensing", "planning"):
        days = draw(WEEKDAY_SETS)
        text = text.replace(
            f"[bodies.{body}.meetings]\nweekdays = ",
            f"[bodies.{body}.meetings]\nweekdays = {days}\n#",
        )
    extra = [f'clash = "{draw(st.sampled_from(["evening", "venue"]))}"', "max_per_week = 3"]
    extra.append(f"[schedule.counts]\nplanning = {draw(st.integers(4, 12))}")
    for k in range(draw(st.integers(0, 3))):
        start = dt.date(2019, 6, 1) + dt.timedelta(days=draw(st.integers(0, 300)))
        end = start + dt.timedelta(days=draw(st.integers(0, 6)))
        extra.append(f'[[schedule.closures]]\nname = "Closure {k}"\nstart = {start}\nend = {end}')
    if draw(st.booleans()):
        start = dt.date(2020, 4, 1) + dt.timedelta(days=draw(st.integers(0, 20)))
        extra.append(
            f'[[schedule.elections]]\npoll = 2020-05-07\nkind = "pcc"\npurdah_start = {start}'
        )
    if draw(st.booleans()):
        extra.append(
            f'[[schedule.orderings]]\nbefore = "planning"\nafter = "council"\n'
            f"days = {draw(st.integers(1, 14))}"
        )
    return text + "\n" + "\n".join(extra) + "\n"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(councils())
def test_planned_schedules_keep_every_hard_rule(text: str) -> None:
    c = loads_council(text, file="random.toml", base_dir=DATA)
    try:
        plan = plan_schedule(c)
    except ScheduleError:
        return  # a random closure can empty a window: the message tests cover that
    bodies = {b.id: b for b in c.bodies}
    closures = c.schedule.closures
    elections = c.schedule.elections
    for m in plan.meetings:
        body = bodies[m.body]
        allowed = {w.number for w in body.defaults.weekdays}
        assert m.day.weekday() in allowed
        assert not any(m.day in p for p in closures)
        for e in elections:
            assert not (e.purdah_start is not None and e.purdah_start <= m.day <= e.poll)
        if body.quarterly_reporting and m.reporting_quarter is None:
            continue
    for body in bodies.values():
        if body.quarterly_reporting:
            quarters = [m.reporting_quarter for m in plan.meetings if m.body == body.id]
            assert {"Q4 2018/19", "Q1 2019/20", "Q2 2019/20", "Q3 2019/20"} <= set(quarters)
    for o in c.schedule.orderings:
        for a in days_of(plan, o.after):
            for b in days_of(plan, o.before):
                assert not 0 <= (a - b).days < o.days
    if c.schedule.clash == ClashRule.EVENING:
        assert len({m.day for m in plan.meetings}) == len(plan.meetings)
    assert not hard(plan.breaches)
    assert check_schedule(plan, c) == plan.breaches


def test_schedule_table_round_trips_through_council_to_toml() -> None:
    original = load_council(EXAMPLE)
    again = loads_council(council_to_toml(original), base_dir=EXAMPLE.parent)
    assert again.schedule == original.schedule
    assert schedule_json(plan_schedule(again)) == schedule_json(plan_schedule(original))


def test_check_reports_short_notice_in_the_workspaces_meeting_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workspace = tmp_path / "council"
    shutil.copytree(EXAMPLE.parent, workspace)
    meeting = workspace / "meetings" / "2019-03-05-change-management.toml"
    text = meeting.read_text(encoding="utf-8")
    at = text.index("\n[standard.minutes]")
    meeting.write_text(text[:at] + "\nissued = 2019-02-28\n" + text[at:], encoding="utf-8")
    council = str(workspace / "council.toml")
    assert main(["schedule", council, "--out", str(tmp_path / "out"), "--format", "json"]) == 0
    capsys.readouterr()
    assert main(["check", council, str(tmp_path / "out" / "schedule.json")]) == 0
    out = capsys.readouterr().out
    # Tue 5 Mar 2019 needs five clear days: issued on Thu 28 Feb it has 1, 4 (Fri, Mon).
    assert (
        "## Notice of meetings\n\n- 2019-03-05-change-management.toml: issued on Thursday 28" in out
    )
    assert "issue by Monday 25 February 2019" in out


def test_check_prices_a_hand_made_day_the_rules_do_not_allow() -> None:
    # The budget Council moved by hand to Thu 12 Mar 2020 (after the LGFA 1992 s.30(6) date):
    # its planned day, Tue 4 Feb 2020, is 37 points cheaper, not dearer.
    c = load_council(EXAMPLE)
    plan = plan_schedule(c)
    budget = next(m for m in plan.meetings if m.body == "council" and m.day == dt.date(2020, 2, 4))
    late = dt.date(2020, 3, 12) - budget.day
    moved = attrs.evolve(budget, start=budget.start + late, end=budget.end + late)
    given = attrs.evolve(plan, meetings=tuple(moved if m is budget else m for m in plan.meetings))
    found = {b.rule: b for b in check_schedule(given, c) if b.uid == budget.uid}
    assert found["budget"].severity == Severity.HARD
    assert found["even-spacing"].detail.endswith("Tue 4 Feb 2020 would avoid it and cost 37 less")
    # A Monday for a Tue-Thu body is a hard weekday breach, not an avoided-weekday one too.
    lr = next(m for m in plan.meetings if m.body == "licensing-regulatory")
    monday = attrs.evolve(
        lr, start=lr.start - dt.timedelta(days=3), end=lr.end - dt.timedelta(days=3)
    )
    given = attrs.evolve(plan, meetings=tuple(monday if m is lr else m for m in plan.meetings))
    rules = [b.rule for b in check_schedule(given, c) if b.uid == lr.uid]
    assert "weekday" in rules
    assert "avoided-weekday" not in rules


def test_a_cadence_instead_of_a_count() -> None:
    # Planning meets every six weeks on Wednesdays: as many as fit in the year, 42 days apart
    # but where the Christmas closure (cut out of its timeline) or a clash moves one.
    base = SMALL.replace("per_year = 10\ncycle_position = 1", "every_weeks = 6\ncycle_position = 1")
    plan = plan_schedule(council(base=base))
    days = days_of(plan, "planning")
    gaps = [(b - a).days for a, b in itertools.pairwise(days)]
    assert len(days) == 9
    assert gaps.count(42) >= 6
    assert all(28 <= g <= 63 for g in gaps)
    assert "every 6 weeks" in next(m for m in plan.meetings if m.body == "planning").reasons[0]
    both = base.replace("every_weeks = 6", "every_weeks = 6\nper_year = 8")
    with pytest.raises(DefinitionError, match="give `per_year` or `every_weeks`, not both"):
        council(base=both)


def test_an_adopted_schedule_is_confirmed() -> None:
    assert {m.status for m in plan_schedule(council()).meetings} == {MeetingStatus.PROVISIONAL}
    adopted = plan_schedule(council("adopted = 2019-05-14"))
    assert {m.status for m in adopted.meetings} == {MeetingStatus.CONFIRMED}
    assert '"status": "confirmed"' in schedule_json(adopted)
    # Adopting 2019/20 does not confirm the next year's draft.
    following = plan_schedule(council("adopted = 2019-05-14"), 2020)
    assert {m.status for m in following.meetings} == {MeetingStatus.PROVISIONAL}


def test_the_report_and_json_state_the_lower_bound_and_the_gap() -> None:
    # The example's plan meets its own lower bound: the report says it is the best possible.
    plan = plan_schedule(load_council(EXAMPLE))
    assert plan.quality is not None
    assert (plan.quality.penalty, plan.quality.lower_bound) == (80, 80)
    assert "Penalty 80 points: the best possible" in schedule_report(plan)
    assert json.loads(schedule_json(plan))["quality"] == {
        "penalty": 80,
        "lower_bound": 80,
        "gap": 0.0,
    }
    # A plan above its bound says how far at most; a schedule read back has no quality.
    above = attrs.evolve(plan, quality=attrs.evolve(plan.quality, penalty=88))
    assert "within 10.0% of the best possible" in schedule_report(above)
    again = Schedule.from_json(json.loads(schedule_json(plan)), file="schedule.json")
    assert again.quality is None
    assert "Penalty" not in schedule_report(again)
