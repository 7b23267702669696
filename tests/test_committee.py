"""The council model: quorum, substitution deadlines, attendance, lookups and checks."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from zoneinfo import ZoneInfo

import attrs
import pytest

from meetings import (
    Body,
    BodyKind,
    Council,
    MeetingDefaults,
    Membership,
    Nation,
    Officer,
    Person,
    ProceduralItem,
    QuorumRule,
    Role,
    SubstitutionDeadline,
    Venue,
    Weekday,
)
from meetings.dates import DayCount
from meetings.errors import DefinitionError, MeetingsError

LONDON = ZoneInfo("Europe/London")

# Seed 000, the summons of 25 February 2019.
CHANGE_MANAGEMENT = (
    "Miss A R Bond",
    "Mrs L M Broadley",
    "M H Charlesworth (Chair)",
    "M L Darr",
    "B Dave",
    "Mrs S Z Haq",
    "K J Loydall JP",
    "Mrs S B Morris",
)

OFFICERS_PROPOSAL = QuorumRule(minimum=3)  # "a minimum baseline of 3 Members"
WORKING_GROUP_PROPOSAL = QuorumRule(minimum=3, fraction=Fraction(1, 3))  # the larger of both


def members(names: tuple[str, ...]) -> tuple[Membership, ...]:
    out = []
    for name in names:
        role = Role.CHAIR if "(Chair)" in name else Role.MEMBER
        out.append(Membership(person=Person.parse(name), role=role))
    return tuple(out)


def body(**kw: object) -> Body:
    fields: dict[str, object] = {
        "id": "change-management",
        "name": "Change Management Committee",
        "quorum": OFFICERS_PROPOSAL,
        "members": members(CHANGE_MANAGEMENT),
    }
    fields.update(kw)
    return Body(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("size", "fixed", "larger"),
    [(8, 3, 3), (10, 3, 4), (12, 3, 4)],
)
def test_quorum_under_both_proposals(size: int, fixed: int, larger: int) -> None:
    assert OFFICERS_PROPOSAL.quorum(size) == fixed
    assert WORKING_GROUP_PROPOSAL.quorum(size) == larger


def test_quorum_fraction_alone_rounds_up_and_is_never_zero() -> None:
    third = QuorumRule(fraction=Fraction(1, 3))
    assert [third.quorum(n) for n in (0, 1, 3, 4, 8, 9, 10)] == [1, 1, 1, 2, 3, 3, 4]
    # Full Council: one quarter of the whole number of members (LGA 1972 Sch 12 para 6).
    assert QuorumRule(fraction=Fraction(1, 4)).quorum(26) == 7


def test_quorum_rule_must_say_something() -> None:
    with pytest.raises(MeetingsError, match="minimum, a fraction"):
        QuorumRule()
    with pytest.raises(MeetingsError, match="at least 1"):
        QuorumRule(minimum=0)
    with pytest.raises(MeetingsError, match="fraction"):
        QuorumRule(fraction=Fraction(3, 2))
    assert str(WORKING_GROUP_PROPOSAL) == "3 or 1/3 of members, whichever is more"


def test_quorate_attendance_seed_000() -> None:
    cm = body()
    assert cm.quorum_count() == 3
    # 15 January 2019: Charlesworth, Dave and Loydall present, Kaufman substituting for Darr.
    present = [Person.parse(n) for n in ("M H Charlesworth", "B Dave", "K J Loydall JP")]
    assert cm.is_quorate(present)
    assert not cm.is_quorate(present[:2])
    # A substitute is not a member; they count only as a substitute for an absent member.
    kaufman = Person.parse("J Kaufman")
    assert not cm.is_quorate([*present[:2], kaufman])
    assert cm.is_quorate(present[:2], substitutes=[kaufman])
    assert not cm.is_quorate(present[:1], substitutes=[kaufman])
    assert cm.is_quorate(3)
    assert not cm.is_quorate(2)
    # Under the working group's rule a 12-member body needs 4.
    twelve = body(
        quorum=WORKING_GROUP_PROPOSAL,
        members=members(tuple(f"A B Member{i}" for i in range(12))),
    )
    assert not twelve.is_quorate(3)
    assert twelve.is_quorate(4)


def test_body_without_members_is_accepted() -> None:
    pfd = Body(
        id="policy-finance-development",
        name="Policy, Finance and Development Committee",
        quorum=OFFICERS_PROPOSAL,
    )
    assert pfd.members == ()
    assert pfd.chair() is None
    assert pfd.quorum_count() == 3
    assert not pfd.is_quorate(0)


def test_roles_and_dated_membership() -> None:
    old = Membership(person=Person.parse("A B Old"), role=Role.CHAIR, until=dt.date(2019, 5, 13))
    new = Membership(
        person=Person.parse("M H Charlesworth"), role=Role.CHAIR, since=dt.date(2019, 5, 14)
    )
    vice = Membership(person=Person.parse("B Dave"), role=Role.VICE_CHAIR)
    cm = body(members=(old, new, vice))
    assert str(cm.chair(dt.date(2019, 3, 5))) == "A B Old"
    assert str(cm.chair(dt.date(2019, 6, 13))) == "M H Charlesworth"
    assert str(cm.vice_chair()) == "B Dave"
    assert len(cm.members_on(dt.date(2019, 6, 13))) == 2
    assert new.listed == "M H Charlesworth (Chair)"
    assert vice.listed == "B Dave (Vice-Chair)"
    with pytest.raises(MeetingsError, match="ends"):
        Membership(person=old.person, since=dt.date(2019, 5, 14), until=dt.date(2019, 5, 1))


def test_substitution_deadlines() -> None:
    meeting = dt.datetime(2019, 3, 5, 18, 30, tzinfo=LONDON)  # Tuesday, 5 March 2019, 6.30 PM
    officers = SubstitutionDeadline(days_before=1, at=dt.time(17))
    working_group = SubstitutionDeadline(days_before=0, at=dt.time(12))
    assert officers.deadline(meeting) == dt.datetime(2019, 3, 4, 17, 0, tzinfo=LONDON)
    assert working_group.deadline(meeting) == dt.datetime(2019, 3, 5, 12, 0, tzinfo=LONDON)
    assert str(officers) == "17:00 the day before"
    assert str(working_group) == "12 noon on the day"
    # Across the clock change (BST began Sunday 29 March 2020): wall-clock time is kept.
    monday = dt.datetime(2020, 3, 30, 18, 30, tzinfo=LONDON)
    deadline = SubstitutionDeadline(days_before=2, at=dt.time(17)).deadline(monday)
    assert deadline.isoformat() == "2020-03-28T17:00:00+00:00"
    assert monday.isoformat() == "2020-03-30T18:30:00+01:00"
    # A naive meeting time is read in the council's zone.
    naive = dt.datetime(2019, 6, 13, 18, 30)
    assert working_group.deadline(naive, LONDON).isoformat() == "2019-06-13T12:00:00+01:00"
    with pytest.raises(MeetingsError, match="time zone"):
        working_group.deadline(naive)
    cm = body(substitution_deadline=working_group)
    assert cm.substitutes_deadline(meeting) == dt.datetime(2019, 3, 5, 12, tzinfo=LONDON)
    assert body().substitutes_deadline(meeting) is None


def test_substitution_deadline_is_on_the_councils_clock() -> None:
    # 13 June 2019, 6.30 PM BST given in UTC: noon on the day is noon in London.
    utc = dt.datetime(2019, 6, 13, 17, 30, tzinfo=dt.UTC)
    noon = SubstitutionDeadline(days_before=0, at=dt.time(12))
    assert noon.deadline(utc, LONDON) == dt.datetime(2019, 6, 13, 12, tzinfo=LONDON)
    # 00:30 BST on Friday 14 June is 23:30 UTC on the 13th: the day is the London day.
    late = dt.datetime(2019, 6, 13, 23, 30, tzinfo=dt.UTC)
    assert noon.deadline(late, LONDON).date() == dt.date(2019, 6, 14)


def test_substitution_deadline_in_working_days() -> None:
    officers = SubstitutionDeadline(days_before=1, at=dt.time(17), working_days=True)
    assert str(officers) == "17:00 the working day before"
    monday = dt.datetime(2019, 3, 4, 18, 30, tzinfo=LONDON)
    assert officers.deadline(monday) == dt.datetime(2019, 3, 1, 17, tzinfo=LONDON)  # Friday
    # Tuesday after Easter 2020: Monday 13 April and Good Friday 10 April are bank holidays.
    after_easter = dt.datetime(2020, 4, 14, 18, 30, tzinfo=LONDON)
    assert officers.deadline(after_easter).date() == dt.date(2020, 4, 9)
    calendar_days = SubstitutionDeadline(days_before=1, at=dt.time(17))
    assert calendar_days.deadline(monday).date() == dt.date(2019, 3, 3)  # the Sunday


def test_quorum_of_a_body_not_yet_appointed() -> None:
    # Full Council: a quarter of the whole number of members (LGA 1972 Sch 12 para 6).
    quarter = QuorumRule(fraction=Fraction(1, 4))
    council = body(quorum=quarter, members=())
    assert council.quorum_count() is None  # no members listed, no seats: unknown
    with pytest.raises(MeetingsError, match="give `seats`"):
        council.is_quorate(5)
    seated = body(quorum=quarter, members=(), seats=26)
    assert seated.quorum_count() == 7
    assert seated.is_quorate(7)
    assert not seated.is_quorate(6)
    assert body(quorum=QuorumRule(minimum=3), members=()).quorum_count() == 3  # needs none
    with pytest.raises(MeetingsError, match="seats must be at least 1"):
        body(seats=0)


def test_meeting_defaults() -> None:
    d = MeetingDefaults(weekdays=(Weekday.TUESDAY, Weekday.THURSDAY), start=dt.time(18, 30))
    assert d.allows(dt.date(2019, 3, 5))  # a Tuesday
    assert not d.allows(dt.date(2019, 3, 4))  # a Monday
    assert Weekday.of(dt.date(2019, 3, 5)) is Weekday.TUESDAY
    assert Weekday.THURSDAY.number == 3
    assert MeetingDefaults().allows(dt.date(2019, 3, 4))
    later = MeetingDefaults(weekdays=(Weekday.TUESDAY,), start=dt.time(20, 30))
    other_day = MeetingDefaults(weekdays=(Weekday.WEDNESDAY,), start=dt.time(18, 30))
    overlapping = MeetingDefaults(weekdays=(Weekday.TUESDAY,), start=dt.time(19))
    assert not d.overlaps(later)  # 18.30-20.30 then 20.30: back to back
    assert not d.overlaps(other_day)
    assert d.overlaps(overlapping)
    assert not d.overlaps(MeetingDefaults())  # no usual time, no clash
    with pytest.raises(MeetingsError, match="whole number of minutes"):
        MeetingDefaults(duration=dt.timedelta(seconds=90))


def oadby(**kw: object) -> Council:
    fields: dict[str, object] = {
        "name": "Oadby and Wigston Borough Council",
        "venues": (Venue(id="council-offices", name="Council Offices"),),
        "officers": (
            Officer(id="samuel-ball", name=Person.parse("Samuel Ball")),
            Officer(id="karen-pollard", name=Person.parse("Karen Pollard")),
            Officer(id="j-sweeney", name=Person.parse("Miss J Sweeney")),
        ),
        "bodies": (body(),),
        "proper_officer": "samuel-ball",
    }
    fields.update(kw)
    return Council(**fields)  # type: ignore[arg-type]


def test_council_lookups() -> None:
    council = oadby()
    assert council.body("change-management").name == "Change Management Committee"
    assert council.officer("SaBa").id == "samuel-ball"
    assert council.officer("karen-pollard").code == "KaPo"
    assert council.officer("j-sweeney").code is None
    assert council.venue("council-offices").text == "Council Offices"
    assert council.signatory is not None
    assert council.signatory.id == "samuel-ball"
    with pytest.raises(DefinitionError, match=r"unknown body 'change-managment'.*did you mean"):
        council.body("change-managment")
    with pytest.raises(DefinitionError, match="valid: council-offices"):
        council.venue("chamber")
    with pytest.raises(DefinitionError, match="KaPo"):
        council.officer("XyZz")


def test_council_settings_and_defaults() -> None:
    council = oadby()
    assert council.nation is Nation.ENGLAND
    assert council.clear_days == 5  # LGA 1972 s.100B(3)
    assert council.tz == LONDON
    assert council.key_decision_days_kind is DayCount.CALENDAR
    assert council.notice_rules.agenda_clear_days == 5
    assert oadby(nation=Nation.WALES).clear_days == 3
    assert oadby(large_print_notice_hours=48).notice_rules.large_print_hours == 48
    assert [i.id for i in council.procedural_items] == [
        "apologies",
        "substitutes",
        "declarations",
        "minutes",
        "action-list",
        "petitions",
    ]
    assert council.action_statuses[:3] == ("Not Started", "On Target to Complete", "Ongoing")
    assert council.schedule is not None


def test_procedural_item_wording() -> None:
    item = ProceduralItem(
        id="substitutes",
        title="Appointment of Substitutes",
        text="To appoint substitute members under {rule}.",
        rule="Rule 4 of Part 4 of the Constitution",
        bodies=("change-management",),
    )
    assert item.wording == (
        "To appoint substitute members under Rule 4 of Part 4 of the Constitution."
    )
    assert item.applies_to("change-management")
    assert not item.applies_to("council")
    assert oadby(procedural_items=(item,)).procedural_items_for("change-management") == (item,)
    with pytest.raises(MeetingsError, match="no rule"):
        ProceduralItem(id="x", title="X", text="under {rule}")


def test_two_officers_cannot_share_a_code() -> None:
    officers = (
        Officer(id="samuel-ball", name=Person.parse("Samuel Ball")),
        Officer(id="sam-bates", name=Person.parse("Sam Bates")),
    )
    with pytest.raises(DefinitionError) as info:
        oadby(officers=officers, proper_officer=None)
    assert [str(p) for p in info.value.problems] == [
        "Oadby and Wigston Borough Council: officers.sam-bates.code: action-list code 'SaBa' "
        "is already samuel-ball's; two officers cannot share a code: set a different `code` "
        "for one of them"
    ]
    # Setting a code explicitly resolves it.
    fixed = (officers[0], Officer(id="sam-bates", name=officers[1].name, code="SBa"))
    assert oadby(officers=fixed, proper_officer=None).officer("SBa").id == "sam-bates"


def test_broken_references_are_all_reported() -> None:
    broken = body(
        id="change-management",
        defaults=MeetingDefaults(venue="council-office"),
        receives_from=("council",),
    )
    with pytest.raises(DefinitionError) as info:
        oadby(bodies=(broken, body(id="Change Management")), proper_officer="anne-court")
    keys = [p.key for p in info.value.problems]
    assert keys == [
        "bodies.Change Management",
        "council.proper_officer",
        "bodies.change-management.meetings.venue",
        "bodies.change-management.receives_from[0]",
    ]
    assert "did you mean 'council-offices'" in str(info.value)


def test_clashes_between_bodies() -> None:
    tuesday_evening = MeetingDefaults(weekdays=(Weekday.TUESDAY,), start=dt.time(18, 30))
    cm = body(defaults=tuesday_evening)
    other = Body(
        id="licensing-regulatory",
        name="Licensing and Regulatory Committee",
        kind=BodyKind.COMMITTEE,
        quorum=OFFICERS_PROPOSAL,
        members=members(("B Dave", "J Kaufman")),
        defaults=MeetingDefaults(weekdays=(Weekday.TUESDAY,), start=dt.time(19)),
    )
    clashes = oadby(bodies=(cm, other)).clashes()
    assert [str(c) for c in clashes] == [
        "Councillor B Dave sits on change-management and licensing-regulatory, whose usual "
        "meeting times overlap"
    ]
    wednesday = attrs.evolve(other.defaults, weekdays=(Weekday.WEDNESDAY,))
    moved = attrs.evolve(other, defaults=wednesday)
    assert oadby(bodies=(cm, moved)).clashes() == ()
