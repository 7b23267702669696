"""The forward plan: reading, the notice rules (reg 9, both exception routes, reg 5), the
schedule check and the published forms."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import attrs
import pytest

from meetings.dates import DayCount, WorkingCalendar
from meetings.decisions import DecisionRules, NoticeRoute
from meetings.definitions import load_council
from meetings.errors import DefinitionError
from meetings.forwardplan import (
    Agreer,
    ExceptionRoute,
    ForwardPlan,
    LateNotice,
    Level,
    check_entry,
    check_plan,
    load_forward_plan,
    plan_csv,
    plan_json,
)
from meetings.planner import plan_schedule
from meetings.render import render

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "examples" / "oadby-wigston"
DATA = Path(__file__).parent / "data" / "registers"
ENGLAND = WorkingCalendar()
D = dt.date


@pytest.fixture(scope="module")
def test_plan() -> ForwardPlan:
    return load_forward_plan(DATA / "forward-plan.toml")


def test_example_plan_is_the_seed_decisions_and_passes() -> None:
    plan = load_forward_plan(EXAMPLE / "forward-plan.toml")
    assert plan.published == D(2019, 2, 25)
    assert [e.ref for e in plan.entries][:4] == [f"CMC-2019-03-{i}" for i in (1, 2, 3, 4)]
    # A committee system: nothing is an executive or key decision.
    assert not any(e.key or e.executive for e in plan.entries)
    council = load_council(EXAMPLE / "council.toml")
    check = check_plan(plan, council.working_calendar(2019, 2020), council=council)
    assert not check.breaches
    # Dated entries first, in date order; the Constitution review (no date) last.
    assert check.checks[-1].entry.ref == "COU-2019-04-1"
    assert [c.entry.day for c in check.checks[:-1]] == sorted(
        c.entry.day for c in check.checks[:-1] if c.entry.day
    )


def test_example_plan_matches_the_planned_schedule() -> None:
    council = load_council(EXAMPLE / "council.toml")
    plan = load_forward_plan(EXAMPLE / "forward-plan.toml")
    schedule = plan_schedule(council, 2019)
    check = check_plan(plan, council.working_calendar(2019, 2020), schedule=schedule)
    # The annual meeting of 14 May 2019 is on the schedule; the March meetings come before it.
    assert not check.breaches
    outside = [f.ref for f in check.findings if f.rule == "schedule"]
    assert outside == [
        "CMC-2019-03-1",
        "CMC-2019-03-2",
        "CMC-2019-03-3",
        "CMC-2019-03-4",
        "PFD-2019-03-1",
    ]
    # A decision on a day Council does not meet is a breach naming its nearest meetings.
    moved = attrs.evolve(plan.entries[-1], day=D(2019, 5, 15))
    plan2 = attrs.evolve(plan, entries=(*plan.entries[:-1], moved))
    check = check_plan(plan2, council.working_calendar(2019, 2020), schedule=schedule)
    (breach,) = check.breaches
    assert breach.ref == "COU-2019-05-1"
    assert "council has no meeting on 2019-05-15" in breach.message
    assert "2019-05-14" in breach.message


def test_unknown_body_is_a_breach() -> None:
    council = load_council(EXAMPLE / "council.toml")
    plan = load_forward_plan(EXAMPLE / "forward-plan.toml")
    wrong = attrs.evolve(plan.entries[0], body="cabinet")
    check = check_plan(attrs.evolve(plan, entries=(wrong,)), ENGLAND, council=council)
    (breach,) = check.breaches
    assert "'cabinet' is not a body" in breach.message
    assert "change-management" in breach.message


def test_south_cambridgeshire_plan_gives_28_clear_days() -> None:
    plan = load_forward_plan(DATA / "forward-plan-south-cambs.toml")
    check = check_plan(plan, ENGLAND)
    assert not check.breaches
    by_ref = {c.entry.ref: c for c in check.checks}
    # 10 Dec 2009 - 29 days = Wed 11 Nov 2009; 21 Jan 2010 - 29 days = Wed 23 Dec 2009.
    assert by_ref["SPE-1"].notice_by == D(2009, 11, 11)
    assert by_ref["SPE-1"].route is NoticeRoute.FORWARD_PLAN
    assert by_ref["SPE-3"].notice_by == D(2009, 12, 23)
    assert by_ref["SPE-2"].route is None  # not a key decision
    assert by_ref["SPE-5"].route is None  # unscheduled
    assert [f.level for f in by_ref["SPE-5"].findings] == [Level.NOTE]


def test_late_key_decision_without_a_route_is_a_breach(test_plan: ForwardPlan) -> None:
    entry = attrs.evolve(test_plan.entries[0], first_published=D(2019, 4, 19))
    result = check_entry(entry, ENGLAND)
    # Decision Tue 21 May 2019: the notice was due Thu 18 Apr (Good Friday, Easter Monday).
    assert result.notice_by == D(2019, 4, 18)
    assert result.route is NoticeRoute.NONE
    (breach,) = result.findings
    assert breach.level is Level.BREACH
    assert breach.rule == "SI 2012/2089 reg 9"
    assert "by 2019-04-18" in breach.message
    # Published on the last day, it is in time.
    on_time = check_entry(attrs.evolve(entry, first_published=D(2019, 4, 18)), ENGLAND)
    assert on_time.route is NoticeRoute.FORWARD_PLAN
    assert not on_time.findings


def test_general_exception_route_and_notice(test_plan: ForwardPlan) -> None:
    entry = test_plan.entries[1]
    result = check_entry(entry, ENGLAND, scrutiny_chair=test_plan.scrutiny_chair)
    assert result.route is NoticeRoute.GENERAL_EXCEPTION
    assert not [f for f in result.findings if f.level is Level.BREACH]
    (notice,) = result.notices
    assert notice.route is ExceptionRoute.GENERAL_EXCEPTION
    assert "regulation 10" in notice.text
    assert "Councillor G Gale was informed in writing on Monday, 7 October 2019" in notice.text
    assert "Tuesday, 15 October 2019" in notice.text
    # Decision Tue 15 Oct 2019: 5 clear working days are 8-14 Oct, so notice by Mon 7 Oct.
    assert entry.exception is not None
    late = attrs.evolve(entry, exception=attrs.evolve(entry.exception, notice=D(2019, 10, 8)))
    result = check_entry(late, ENGLAND)
    assert result.route is NoticeRoute.NONE
    assert not result.notices
    (breach,) = result.findings
    assert breach.rule == "SI 2012/2089 reg 10"
    assert "by 2019-10-07" in breach.message


OCT_14 = D(2019, 10, 14)


def _urgent(
    *,
    agreed: dt.date = OCT_14,
    agreed_by: str = "Councillor G Gale",
    agreed_role: Agreer = Agreer.SCRUTINY_CHAIR,
    notice: dt.date = OCT_14,
) -> LateNotice:
    return LateNotice(
        route=ExceptionRoute.SPECIAL_URGENCY,
        agreed=agreed,
        agreed_by=agreed_by,
        agreed_role=agreed_role,
        reasons="The contract ends on 31 October 2019.",
        notice=notice,
    )


def test_special_urgency_with_the_scrutiny_chair(test_plan: ForwardPlan) -> None:
    entry = attrs.evolve(test_plan.entries[1], exception=_urgent())
    result = check_entry(entry, ENGLAND)
    assert result.route is NoticeRoute.SPECIAL_URGENCY
    (notice,) = result.notices
    assert "regulation 11" in notice.text
    assert "Councillor G Gale, the Chair of the relevant overview and scrutiny committee" in (
        notice.text
    )
    assert "agreed on Monday, 14 October 2019" in notice.text
    assert "because the contract ends on 31 October 2019." in notice.text


def test_special_urgency_by_the_council_chair_needs_the_scrutiny_chair_unable(
    test_plan: ForwardPlan,
) -> None:
    council_chair = _urgent(agreed_by="Councillor H Hale", agreed_role=Agreer.COUNCIL_CHAIR)
    entry = attrs.evolve(test_plan.entries[1], exception=council_chair)
    result = check_entry(entry, ENGLAND)
    assert result.route is NoticeRoute.NONE
    (breach,) = result.findings
    assert breach.rule == "SI 2012/2089 reg 11"
    assert "chair_unavailable" in breach.message
    unable = attrs.evolve(
        council_chair, chair_unavailable="The scrutiny chair declared an interest."
    )
    result = check_entry(attrs.evolve(entry, exception=unable), ENGLAND)
    assert result.route is NoticeRoute.SPECIAL_URGENCY
    assert "could not agree because the scrutiny chair declared an interest." in (
        result.notices[0].text
    )


def test_special_urgency_agreed_after_the_decision_is_a_breach(test_plan: ForwardPlan) -> None:
    entry = attrs.evolve(test_plan.entries[1], exception=_urgent(agreed=D(2019, 10, 16)))
    result = check_entry(entry, ENGLAND)
    assert result.route is NoticeRoute.NONE
    assert "after the decision on 2019-10-15" in result.findings[0].message


def test_private_decision_needs_28_days_unless_urgent(test_plan: ForwardPlan) -> None:
    entry = attrs.evolve(
        test_plan.entries[0],
        key=False,
        private=(3,),
        private_reason="Commercial terms",
        first_published=D(2019, 5, 1),
    )
    result = check_entry(entry, ENGLAND)
    assert result.private_notice_by == D(2019, 4, 18)
    # Five clear working days before Tue 21 May 2019: 14-20 May, so by Mon 13 May.
    assert result.private_final_notice_by == D(2019, 5, 13)
    assert [f.rule for f in result.findings if f.level is Level.BREACH] == ["SI 2012/2089 reg 5(2)"]
    agreed = attrs.evolve(entry, exception=_urgent(agreed=D(2019, 5, 2), notice=D(2019, 5, 2)))
    assert not [f for f in check_entry(agreed, ENGLAND).findings if f.level is Level.BREACH]


def test_working_day_counting_is_a_council_setting(test_plan: ForwardPlan) -> None:
    from meetings.dates import DayCount  # noqa: PLC0415

    rules = DecisionRules(counting=DayCount.WORKING)
    result = check_entry(test_plan.entries[0], ENGLAND, rules)
    # 28 clear working days before Tue 21 May 2019, skipping 6 May, Easter Monday and Good
    # Friday, run back to Mon 8 Apr, so the notice is due on Fri 5 Apr 2019.
    assert result.notice_by == D(2019, 4, 5)
    assert result.route is NoticeRoute.FORWARD_PLAN


def test_every_problem_in_a_plan_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "plan.toml"
    path.write_text(
        "schema = 2\n"
        "[[decisions]]\nref = 'A'\ntitle = 'One'\nprivate = [9]\nkye = true\n"
        "[[decisions]]\nref = 'A'\ndecision_maker = 'Cabinet'\ndate = 2019-01-01\n"
        "first_published = 2019-02-01\n"
        "[decisions.exception]\nroute = 'special-urgency'\n",
        encoding="utf-8",
    )
    with pytest.raises(DefinitionError) as info:
        load_forward_plan(path)
    text = str(info.value)
    for expected in (
        "schema: unknown schema 2",
        "published: missing",
        "decisions[0].decision_maker: missing",
        "decisions[0].private: [9] are not paragraphs",
        "decisions[0].private_reason: missing",
        "decisions[0].kye: unknown key",
        "decisions[1].title: missing",
        "decisions[1].first_published: 2019-02-01 is after",
        "decisions[1].exception.agreed: missing",
        "decisions[1].exception.agreed_role: missing",
        "decisions[1].exception.reasons: missing",
        "decisions[1].ref: 'A' is used by an earlier entry",
    ):
        assert expected in text, expected
    assert str(path) in text


def test_published_forms(test_plan: ForwardPlan) -> None:
    check = check_plan(test_plan, ENGLAND)
    data = json.loads(plan_json(check))
    assert [d["ref"] for d in data["decisions"]] == ["FP-1", "FP-2"]
    assert data["decisions"][0]["notice_by"] == "2019-04-18"
    assert data["decisions"][1]["route"] == "general-exception"
    assert data["notices"][0]["date"] == "2019-10-07"
    rows = list(csv.DictReader(io.StringIO(plan_csv(check))))
    assert rows[0]["key"] == "yes"
    assert rows[0]["wards"] == "All"
    assert rows[1]["route"] == "general-exception"
    html = render("registers/forward-plan.html", check.context())
    assert "General exception notice: Fees and Charges 2020/21" in html
    assert "Tuesday, 21 May 2019" in html
    md = render("registers/forward-plan.md", check.context())
    assert "| FP-2 | Tuesday, 15 October 2019 |" in md
    # The notice period printed is the one checked: a council counting working days says so.
    assert "at least 28 clear days before" in md
    working = check_plan(test_plan, ENGLAND, DecisionRules(counting=DayCount.WORKING))
    counted = render("registers/forward-plan.md", working.context())
    assert "at least 28 clear working days before" in counted
    # and each key decision's route says the same period as the introduction
    assert "Forward plan (28 clear working days, reg 9)" in counted
    assert "Forward plan (28 clear days, reg 9)" not in counted
