"""The dated table of statutory rules, and the deadlines of councils of each nation and kind."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from meetings.cli import main
from meetings.closures import Period
from meetings.dates import (
    NoticeRules,
    WorkingCalendar,
    general_exception,
    latest_local_notice_date,
    latest_publication_date,
    meeting_deadlines,
    section_243_days,
    special_urgency,
)
from meetings.definitions import load_council, loads_council
from meetings.errors import CalendarError, DefinitionError
from meetings.statutes import (
    RULES,
    CouncilKind,
    Duty,
    LocalClearDays,
    Rule,
    rule_for,
    rules_in_force,
    rules_table,
)

D = dt.date
ENGLAND = WorkingCalendar()
WALES = WorkingCalendar(nation="wales")
SCOTLAND = WorkingCalendar(nation="scotland")
PARISH = NoticeRules.for_council("england", kind="parish")
COMMUNITY = NoticeRules.for_council("wales", kind="community")


# -- the table ---------------------------------------------------------------------------------


def test_every_row_has_a_source_and_a_sane_span() -> None:
    for row in RULES:
        assert row.source
        assert row.summary
        assert row.end is None or row.start < row.end
    # no two rows for the same duty, nation and kind are in force on the same day
    for a in RULES:
        for b in RULES:
            if a is b or a.duty is not b.duty:
                continue
            if not (a.nations & b.nations and a.kinds & b.kinds):
                continue
            assert (a.end is not None and a.end <= b.start) or (
                b.end is not None and b.end <= a.start
            ), (a, b)


def test_five_clear_days_from_1_october_2002() -> None:
    # LGA 1972 s.100B(3): "three" until SI 2002/715 made it "five" in England from 1 Oct 2002.
    before = rule_for(Duty.AGENDA, "england", "principal", D(2002, 9, 30))
    after = rule_for(Duty.AGENDA, "england", "principal", D(2002, 10, 1))
    assert (before.days, after.days) == (3, 5)
    assert "SI 2002/715" in after.source
    assert rule_for(Duty.AGENDA, "wales", "principal", D(2019, 3, 5)).days == 3
    assert after.period == "from 1 October 2002"
    assert before.period == "1 April 1986 to 30 September 2002"


def test_a_future_change_is_one_row() -> None:
    change = Rule(
        duty=Duty.AGENDA,
        nations=frozenset({"england"}),
        kinds=frozenset({CouncilKind.PRINCIPAL}),
        days=7,
        counting=RULES[1].counting,
        summary="seven clear days",
        source="a future Order",
        start=D(2030, 1, 1),
    )
    table = (*(attrs.evolve(r, end=D(2030, 1, 1)) if r is RULES[1] else r for r in RULES), change)
    assert rule_for(Duty.AGENDA, "england", "principal", D(2029, 12, 31), table=table).days == 5
    assert rule_for(Duty.AGENDA, "england", "principal", D(2030, 1, 1), table=table).days == 7


def test_unknown_cases_are_errors_not_guesses() -> None:
    with pytest.raises(CalendarError, match="no meeting rules for a principal council in north"):
        rules_in_force("northern-ireland", "principal", D(2024, 5, 9))
    with pytest.raises(CalendarError, match=r"9 May 1985 is before the table of rules starts"):
        rules_in_force("england", "principal", D(1985, 5, 9))
    with pytest.raises(CalendarError, match="community council in england"):
        rules_in_force("england", "community", D(2024, 5, 9))
    with pytest.raises(CalendarError, match="valid: principal, parish, community"):
        CouncilKind.parse("county")
    ni = WorkingCalendar(nation="northern-ireland")
    with pytest.raises(CalendarError, match="northern-ireland"):
        meeting_deadlines(D(2024, 5, 9), ni)
    with pytest.raises(CalendarError, match="before the table of rules starts"):
        meeting_deadlines(D(1985, 5, 9))


# -- principal councils over time ---------------------------------------------------------------


def test_a_2001_meeting_gets_the_2001_rules() -> None:
    # Monday 24 September 2001: three clear days (before SI 2002/715), key decisions in the
    # forward plan for September 2001 under SI 2000/3272, no 28-day private-meeting notice
    # (SI 2012/2089 came into force on 10 September 2012).
    found = meeting_deadlines(D(2001, 9, 24))
    assert found.agenda == D(2001, 9, 18)  # clear days 19, 20 and 21 September
    assert found.key_decision_notice == D(2001, 8, 17)  # 14 clear days before 1 September
    assert found.private_notice is None
    assert found.private_final_notice is None
    assert found.general_exception_notice == D(2001, 9, 18)  # three clear days (reg 15)
    sources = [d.source for d in found.deadlines]
    assert "SI 2000/3272 regs 12-14" in sources
    assert "SI 2000/3272 reg 15" in sources
    assert not any("2012/2089" in s for s in sources)


def test_the_seed_2009_meeting_is_not_given_the_2012_regulations() -> None:
    # Seed 003: portfolio holder's meeting Thursday 24 September 2009, letter 16 September.
    found = meeting_deadlines(D(2009, 9, 24))
    assert found.agenda == D(2009, 9, 16)
    assert found.key_decision_notice == D(2009, 8, 17)  # forward plan for September 2009
    assert found.rule(Duty.KEY_DECISION) == rule_for(
        Duty.KEY_DECISION, "england", "principal", D(2009, 9, 24)
    )
    assert found.private_notice is None


def test_the_2012_regulations_from_10_september_2012() -> None:
    before = meeting_deadlines(D(2012, 9, 7))
    after = meeting_deadlines(D(2012, 9, 10))
    assert before.private_notice is None
    assert after.private_notice == D(2012, 8, 10)  # 28 clear calendar days
    assert after.private_final_notice == D(2012, 8, 31)  # five clear days, reg 5(4)
    final = next(d for d in after.deadlines if d.name.startswith("Final notice"))
    assert final.source == "SI 2012/2089 reg 5(4)"


def test_a_council_setting_never_shortens_the_law() -> None:
    # A council file saying two clear days still gets the five the law requires.
    found = meeting_deadlines(D(2019, 3, 5), rules=NoticeRules(agenda_clear_days=2))
    assert found.agenda == D(2019, 2, 25)
    longer = meeting_deadlines(D(2019, 3, 5), rules=NoticeRules(agenda_clear_days=7))
    assert longer.agenda == D(2019, 2, 21)
    assert "council setting; the law's minimum is 5" in longer.deadlines[0].rule


# -- executive decisions: the general exception and special urgency --------------------------


def test_general_exception_and_special_urgency() -> None:
    # SI 2012/2089 reg 10: decision Tuesday 5 March 2019 -> chair told and notice published by
    # Monday 25 February (five clear days: 26, 27, 28 February, 1 and 4 March).
    route = general_exception(D(2019, 3, 5))
    assert route.notice_by == D(2019, 2, 25)
    assert route.source == "SI 2012/2089 reg 10"
    assert any("overview and scrutiny committee" in n for n in route.notices)
    assert any("reasons" in n for n in route.notices)  # reg 10(3)
    urgent = special_urgency(D(2019, 3, 5))
    assert urgent.source == "SI 2012/2089 reg 11"
    assert urgent.agree == (
        "the chair of the relevant overview and scrutiny committee",
        "the chair of the council",
        "the vice-chair of the council",
    )
    assert urgent.notice_by is None
    assert "vice-chair" in urgent.deadline().rule
    # Before 10 September 2012: SI 2000/3272 regs 15 and 16, three clear days.
    old = general_exception(D(2009, 9, 24))
    assert (old.notice_by, old.source) == (D(2009, 9, 18), "SI 2000/3272 reg 15")
    assert special_urgency(D(2009, 9, 24)).source == "SI 2000/3272 reg 16"
    with pytest.raises(CalendarError, match="general-exception for a principal council in scot"):
        general_exception(D(2019, 3, 5), SCOTLAND)


# -- Scotland -----------------------------------------------------------------------------------


def test_scottish_council_three_clear_days_and_scottish_holidays() -> None:
    # LG(S)A 1973 s.50B: three clear days. Meeting Thursday 5 December 2019: the St Andrew's
    # Day holiday (Saturday 30 November, substitute Monday 2 December) is not a clear day in
    # Scotland, so the agenda goes out on Thursday 28 November.
    found = meeting_deadlines(D(2019, 12, 5), SCOTLAND)
    assert found.agenda == D(2019, 11, 28)
    assert latest_publication_date(D(2019, 12, 5), 3, WALES) == D(2019, 11, 29)
    # Wednesday 9 January 2019: 1 and 2 January are Scottish bank holidays.
    assert meeting_deadlines(D(2019, 1, 9), SCOTLAND).agenda == D(2019, 1, 3)
    sources = [d.source for d in found.deadlines]
    assert sources[:3] == [
        "LG(S)A 1973 s.50B",
        "LG(S)A 1973 s.50A; Sch 7 para 2(1)(a)",
        "LG(S)A 1973 Sch 7 para 2(1)(b)",
    ]
    assert found.key_decision_notice is None  # no executive arrangements in Scotland
    assert not any("1972" in s for s in sources)


# -- parish and community councils --------------------------------------------------------------


def test_section_243_breaks() -> None:
    days = section_243_days("england", [2024])
    # Easter break: Thursday 28 March to Tuesday 2 April 2024 (Easter Day 31 March).
    assert {D(2024, 3, 28), D(2024, 4, 2)} <= days
    assert D(2024, 3, 27) not in days
    assert D(2024, 4, 3) not in days
    # The early May bank holiday break: Saturday 4 to Tuesday 7 May 2024.
    assert {D(2024, 5, 4), D(2024, 5, 7)} <= days
    assert D(2024, 5, 8) not in days
    # Christmas break: Tuesday 24 to Friday 27 December 2024.
    assert {D(2024, 12, 24), D(2024, 12, 27)} <= days
    assert D(2024, 12, 23) not in days


def test_parish_council_is_not_given_the_principal_rule() -> None:
    # A parish meeting on Wednesday 8 May 2024: Tuesday 7 May ends the bank holiday break
    # (LGA 1972 s.243), so the clear days are 1, 2 and 3 May and notice goes up on 30 April;
    # a principal council's three clear working days would allow 1 May.
    found = meeting_deadlines(D(2024, 5, 8), rules=PARISH)
    assert found.public_notice == found.summons == D(2024, 4, 30)
    assert latest_publication_date(D(2024, 5, 8), 3) == D(2024, 5, 1)
    assert found.agenda is None
    assert found.key_decision_notice is None
    rows = {d.name: d for d in found.deadlines}
    assert rows["Summons sent to members"].source == "LGA 1972 Sch 12 para 10(2)(b), with s.243"
    assert "cautious reading" in rows["Summons sent to members"].rule


def test_parish_council_around_easter_both_readings() -> None:
    # Wednesday 3 April 2024, after the Easter break (Thursday 28 March - Tuesday 2 April):
    # cautious reading, clear days 25, 26 and 27 March, notice by Friday 22 March;
    # the s.243 reading (Saturdays count), the same clear days, notice on Saturday 23 March.
    assert meeting_deadlines(D(2024, 4, 3), rules=PARISH).summons == D(2024, 3, 22)
    s243 = LocalClearDays.SECTION_243
    assert latest_local_notice_date(D(2024, 4, 3), reading=s243) == D(2024, 3, 23)
    # A principal council (Wales, three clear working days) could publish on 26 March.
    assert latest_publication_date(D(2024, 4, 3), 3, WALES) == D(2024, 3, 26)


def test_parish_council_and_days_of_mourning_nalc_2021() -> None:
    # NALC advice, April 2021: national mourning from Friday 9 to Saturday 17 April 2021 is
    # disregarded (s.243); notice given during it allows a meeting on Thursday 22 April with
    # Monday to Wednesday the clear days.
    mourning = Period(name="mourning", start=D(2021, 4, 9), end=D(2021, 4, 17), category="closure")
    cal = WorkingCalendar(extra_closures=[mourning])
    s243 = LocalClearDays.SECTION_243
    on_any_day = latest_local_notice_date(
        D(2021, 4, 22), 3, cal, reading=s243, publish_on_any_day=True
    )
    assert on_any_day == D(2021, 4, 18)
    # Notice only on a day that counts (the default): before the mourning began.
    assert latest_local_notice_date(D(2021, 4, 22), 3, cal, reading=s243) == D(2021, 4, 8)


def test_community_council_in_wales() -> None:
    found = meeting_deadlines(D(2024, 5, 8), WALES, COMMUNITY)
    assert found.summons == D(2024, 4, 30)
    assert {d.source for d in found.deadlines if d.name != "Large-print agenda requests"} == {
        "LGA 1972 Sch 12 para 26(2)(a), with s.243; Public Bodies (Admission to Meetings) Act "
        "1960 s.1(4)(a)",
        "LGA 1972 Sch 12 para 26(2)(b), with s.243",
    }
    with pytest.raises(CalendarError, match="no meeting rules for a community council in scot"):
        meeting_deadlines(D(2024, 5, 8), SCOTLAND, COMMUNITY)


# -- council files of each nation and kind -------------------------------------------------------

COUNCIL = """\
schema = 1

[council]
name = "{name}"
nation = "{nation}"
{extra}

[bodies.council]
name = "Council"
kind = "council"
quorum = "1/4"
"""


def _file(tmp_path: Path, nation: str, extra: str = "") -> Path:
    path = tmp_path / f"{nation}.toml"
    path.write_text(COUNCIL.format(name=f"A {nation} council", nation=nation, extra=extra))
    return path


@pytest.mark.parametrize(
    ("nation", "extra", "sources"),
    [
        ("england", "", ["LGA 1972 s.100B(3), five days in England by SI 2002/715"]),
        ("wales", "", ["LGA 1972 s.100B(3) (three clear days in Wales)"]),
        ("scotland", "", ["LG(S)A 1973 s.50B", "LG(S)A 1973 Sch 7 para 2(1)(b)"]),
        ("england", 'kind = "parish"', ["LGA 1972 Sch 12 para 10(2)(b), with s.243"]),
        ("wales", 'kind = "community"', ["LGA 1972 Sch 12 para 26(2)(b), with s.243"]),
    ],
)
def test_cli_deadlines_for_a_council_file_of_each_nation_and_kind(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], nation: str, extra: str, sources: list[str]
) -> None:
    path = _file(tmp_path, nation, extra)
    assert main(["deadlines", str(path), "--meeting", "2024-05-08", "--format", "json"]) == 0
    (group,) = json.loads(capsys.readouterr().out)
    shown = [d["source"] for d in group["deadlines"]]
    for source in sources:
        assert source in shown
    assert all(d["rule"] and d["source"] for d in group["deadlines"])
    assert main(["deadlines", str(path), "--meeting", "2024-05-08"]) == 0
    assert "| Deadline | By | Rule | Source |" in capsys.readouterr().out


def test_cli_deadlines_refuse_a_northern_irish_council(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _file(tmp_path, "northern-ireland")
    assert main(["deadlines", str(path), "--meeting", "2024-05-08"]) == 1
    assert "no meeting rules for a principal council in northern-ireland" in (
        capsys.readouterr().err
    )


def test_cli_shows_the_councils_retirement_reading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _file(tmp_path, "england", 'retirement_reading = "next-working-day"')
    assert main(["deadlines", str(path), "--poll", "2024-05-02"]) == 0
    out = capsys.readouterr().out
    assert "| Annual meeting: default | Wednesday 15 May 2024 |" in out
    assert "next-working-day reading (LGA 1972 s.243(1)" in out
    assert main(["deadlines", "--poll", "2024-05-02"]) == 0
    out = capsys.readouterr().out
    assert "| Annual meeting: default | Tuesday 14 May 2024 |" in out
    assert "plain reading (the default)" in out


def test_cli_kind_option(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["deadlines", "--kind", "parish", "--meeting", "2024-05-08"]
    assert main(argv) == 0
    assert "| Summons sent to members | Tuesday 30 April 2024 |" in capsys.readouterr().out


def test_council_file_kind_and_readings(tmp_path: Path) -> None:
    council = load_council(
        _file(tmp_path, "wales", 'kind = "community"\nlocal_clear_days = "section-243"')
    )
    assert (council.kind, council.local_clear_days) == ("community", "section-243")
    assert council.clear_days == 3
    assert council.notice_rules.kind is CouncilKind.COMMUNITY
    assert load_council(_file(tmp_path, "scotland")).clear_days == 3  # LG(S)A 1973 s.50B
    bad = COUNCIL.format(
        name="x", nation="england", extra='kind = "county"\nretirement_reading = "x"'
    )
    with pytest.raises(DefinitionError) as info:
        loads_council(bad, file="bad.toml")
    text = str(info.value)
    assert "council.kind" in text
    assert "valid: principal, parish, community" in text
    assert "council.retirement_reading" in text
    assert "valid: plain, next-working-day" in text


def test_the_docs_table_is_the_table() -> None:
    docs = (Path(__file__).parents[1] / "docs" / "calendar-engine.md").read_text("utf-8")
    start = docs.index("<!-- rules-table -->\n") + len("<!-- rules-table -->\n")
    end = docs.index("<!-- /rules-table -->")
    assert docs[start:end] == rules_table()


@settings(max_examples=100, deadline=None)
@given(
    meeting=st.dates(min_value=D(2015, 1, 1), max_value=D(2030, 12, 31)),
    nation=st.sampled_from(["england", "wales"]),
)
def test_parish_notice_is_never_later_than_three_clear_working_days(
    meeting: dt.date, nation: str
) -> None:
    cal = WorkingCalendar(nation=nation)
    cautious = latest_local_notice_date(meeting, 3, cal)
    assert cautious <= latest_publication_date(meeting, 3, cal)
    # the cautious reading is never later than the s.243 reading either
    s243 = latest_local_notice_date(meeting, 3, cal, reading=LocalClearDays.SECTION_243)
    assert cautious <= s243
    # and the s.243 reading leaves exactly three days that count between notice and meeting
    breaks = section_243_days(nation, range(meeting.year - 1, meeting.year + 1))
    between = [s243 + dt.timedelta(days=i) for i in range(1, (meeting - s243).days)]
    counted = [d for d in between if d.weekday() != 6 and d not in breaks]
    assert len(counted) == 3
    assert s243.weekday() != 6
    assert s243 not in breaks
