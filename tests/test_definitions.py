"""Council definition files: the example, broken files and their messages, the TOML round trip,
and `meetings validate`."""

from __future__ import annotations

import datetime as dt
import string
from fractions import Fraction
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st

from meetings import (
    Body,
    BodyKind,
    ClashRule,
    Contact,
    Council,
    MeetingDefaults,
    Membership,
    MinuteNumbering,
    Nation,
    Officer,
    Person,
    ProceduralItem,
    QuorumRule,
    Role,
    ScheduleRules,
    Severity,
    SubstitutionDeadline,
    Venue,
    Weekday,
    council_to_toml,
    load_council,
    loads_council,
)
from meetings.cli import main
from meetings.closures import Category, Period
from meetings.committee import DEFAULT_PROCEDURAL_ITEMS
from meetings.dates import DayCount, FinancialQuarter, WindowOverride
from meetings.definitions import council_summary
from meetings.elections import PollKind
from meetings.errors import DefinitionError, MeetingsError
from meetings.people import TITLES
from meetings.rules import Budget, Election, Event, Ordering, Pin, Weights

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "oadby-wigston" / "council.toml"
DATA = Path(__file__).resolve().parent / "data" / "definitions"


# -- the example ----------------------------------------------------------------------------------
def test_example_loads_as_the_seeds_describe_it() -> None:
    council = load_council(EXAMPLE)
    assert council.name == "Oadby and Wigston Borough Council"
    assert council.nation is Nation.ENGLAND
    assert council.clear_days == 5
    assert council.signatory is not None
    assert council.signatory.name.with_initials == "Mrs A E Court"
    assert council.signatory.job_title == "Chief Executive / Head of Paid Service"
    assert council.contact.phone == "(0116) 257 2775"
    assert council.venue("council-offices").text == "Council Offices, Station Road, Wigston"
    assert [b.name for b in council.bodies] == [
        "Council",
        "Policy, Finance and Development Committee",
        "Service Delivery Committee",
        "Licensing and Regulatory Committee",
        "Development Control Committee",
        "Change Management Committee",
    ]
    # Seed 000 para 3.1.2: the three bodies that take quarterly performance reports.
    assert {b.id for b in council.bodies if b.quarterly_reporting} == {
        "policy-finance-development",
        "service-delivery",
        "licensing-regulatory",
    }
    cm = council.body("change-management")
    assert [m.listed for m in cm.members] == [
        "Miss A R Bond",
        "Mrs L M Broadley",
        "M H Charlesworth (Chair)",
        "M L Darr",
        "B Dave",
        "Mrs S Z Haq",
        "K J Loydall JP",
        "Mrs S B Morris",
    ]
    assert cm.chair() == Person.parse("M H Charlesworth")
    assert cm.substitutes == ()  # no named substitutes (seed 000, minute 16)
    assert cm.quorum_count() == 3
    assert cm.defaults.start == dt.time(18, 30)
    assert cm.defaults.venue == "council-offices"
    assert all(
        set(b.defaults.weekdays) == {Weekday.TUESDAY, Weekday.WEDNESDAY, Weekday.THURSDAY}
        for b in council.bodies
    )
    # The other bodies' members were appointed at the 2019 annual meeting: none in the seeds.
    assert all(b.members == () for b in council.bodies if b.id != "change-management")
    # Substitutes by 12 noon on the day: for the 5 March 2019 meeting, 12:00 that day.
    start = dt.datetime(2019, 3, 5, 18, 30, tzinfo=council.tz)
    assert cm.substitutes_deadline(start) == dt.datetime(2019, 3, 5, 12, 0, tzinfo=council.tz)
    # The action-list codes of seed 000.
    assert council.officer("SaBa").name == Person.parse("Samuel Ball")
    assert council.officer("KaPo").job_title == "Head of People & Performance"
    assert council.officer("j-sweeney").code is None
    items = {i.id: i for i in council.procedural_items}
    assert items["substitutes"].rule == "Rule 4 of Part 4 of the Constitution"
    assert items["minutes"].rule == "Rule 17 of Part 4 of the Constitution"
    assert items["petitions"].wording.endswith("under Rule 24 of Part 4 of the Constitution.")
    assert council.clashes() == ()


def test_example_round_trips() -> None:
    council = load_council(EXAMPLE)
    text = council_to_toml(council)
    again = loads_council(text, base_dir=EXAMPLE.parent)
    assert again == council  # the example's blackout calendars included


def test_minimal_file_takes_the_defaults() -> None:
    council = load_council(DATA / "minimal.toml")
    assert council.nation is Nation.ENGLAND
    assert council.timezone == "Europe/London"
    assert council.minute_numbering is MinuteNumbering.MUNICIPAL_YEAR
    assert council.key_decision_days_kind is DayCount.CALENDAR
    assert council.procedural_items == DEFAULT_PROCEDURAL_ITEMS
    assert council.body("council").quorum == QuorumRule(fraction=Fraction(1, 4))


# -- broken definitions ---------------------------------------------------------------------------
BROKEN = {
    "misspelt-venue": [
        "bodies.change-management.meetings.venue: unknown 'council-office'; valid: "
        "council-offices (did you mean 'council-offices'?)"
    ],
    "missing-name": ["bodies.change-management.name: missing; expected a string"],
    "unknown-key": [
        "bodies.change-management.quarterly_reports: unknown key; valid: kind, meetings, "
        "members, name, quarterly_reporting, quorum, receives_from, remit, seats, substitutes, "
        "substitution_deadline (did you mean 'quarterly_reporting'?)"
    ],
    "wrong-type": [
        "bodies.change-management.quarterly_reporting: expected true or false, found a string 'yes'"
    ],
    "schema-version": [
        "schema: unsupported schema version 2; this version of meetings reads schema = 1"
    ],
    "no-schema": ["schema: missing; expected an integer"],
    "syntax-error": ["not valid TOML: Invalid value (at line 5, column 14)"],
    "duplicate-code": [
        "officers.sam-bates.code: action-list code 'SaBa' is already samuel-ball's; two "
        "officers cannot share a code: set a different `code` for one of them"
    ],
    "missing-quorum": [
        "bodies.change-management.quorum: missing; every body needs a quorum rule: set "
        '`quorum` here (3, "1/3" or { minimum = 3, fraction = "1/3" }) or a default '
        "`quorum` in [council]"
    ],
    "bad-time": [
        "bodies.change-management.substitution_deadline.at: '5pm' is not a time; expected "
        "HH:MM like 18:30",
        "bodies.change-management.meetings.start: '6.30 PM' is not a time; expected HH:MM "
        "like 18:30",
    ],
    "bad-references": [
        "bodies.council.kind: 'counsel' is not allowed; valid: committee, council, event, "
        "executive, portfolio-holder, sub-committee, working-group (did you mean 'council'?)",
        "bodies.council.receives_from[0]: unknown body 'change-managment'; valid: "
        "change-management (did you mean 'change-management'?)",
        "procedural_items.substitutes.text: procedural item 'substitutes': text uses {rule} "
        "but no rule is set",
        "council.timezone: unknown time zone 'Europe/Wigston'; expected a zoneinfo key like "
        "Europe/London",
    ],
    "bad-ids": [
        "officers.j-sweeney.code: 'J.S.' is not a code; expected letters only, like 'SaBa'",
        "bodies.Change_Management: id 'Change_Management' is not a token: use lower-case "
        "letters, digits and hyphens, like 'change-management'",
    ],
    "several-problems": [
        "council.nation: 'britain' is not allowed; valid: england, northern-ireland, "
        "scotland, wales",
        "council.proper_officer: unknown 'anne-cort'; valid: anne-court (did you mean "
        "'anne-court'?)",
        "bodies.change-management.members[0]: unknown role note (Leader) in "
        "'M H Charlesworth (Leader)'; valid: (Chair), (Vice-Chair)",
        "bodies.change-management.quorum: 'one third' is not a fraction of the membership; "
        'write it like "1/3"',
        "bodies.change-management.meetings.weekdays[1]: 'thurs' is not a weekday; valid: "
        "friday, monday, saturday, sunday, thursday, tuesday, wednesday (did you mean "
        "'thursday'?)",
    ],
}


def test_every_broken_fixture_has_expectations() -> None:
    fixtures = {p.stem for p in DATA.glob("*.toml")} - {"minimal"}
    assert fixtures == set(BROKEN)


@pytest.mark.parametrize(("name", "messages"), BROKEN.items(), ids=list(BROKEN))
def test_broken_definition(name: str, messages: list[str]) -> None:
    path = DATA / f"{name}.toml"
    with pytest.raises(DefinitionError) as info:
        load_council(path)
    # Each problem names the file, the key path, the bad value and what would be valid.
    assert [str(p) for p in info.value.problems] == [f"{path}: {m}" for m in messages]


def test_missing_file() -> None:
    with pytest.raises(DefinitionError, match="No such file"):
        load_council(DATA / "absent.toml")


def test_definition_error_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="schema"):
        loads_council("schema = 3\n[council]\nname = 'X'\n")


def test_members_written_as_tables() -> None:
    council = loads_council(
        """
schema = 1
[council]
name = "Oadby and Wigston Borough Council"
[bodies.change-management]
name = "Change Management Committee"
quorum = { minimum = 3, fraction = "1/3" }
members = [
    { name = "M H Charlesworth", role = "chair", from = 2019-05-14 },
    { title = "Dr", forenames = "SEK", surname = "van de Ven", until = 2020-05-06 },
    "B Dave (Vice-Chair)",
]
substitution_deadline = { days_before = 1, at = 17:00:00 }
"""
    )
    cm = council.body("change-management")
    assert cm.members[0] == Membership(
        person=Person.parse("M H Charlesworth"), role=Role.CHAIR, since=dt.date(2019, 5, 14)
    )
    assert cm.members[1].person == Person.parse("Dr SEK van de Ven")
    assert cm.members[1].until == dt.date(2020, 5, 6)
    assert cm.vice_chair() == Person.parse("B Dave")
    assert cm.quorum == QuorumRule(minimum=3, fraction=Fraction(1, 3))
    assert cm.substitution_deadline == SubstitutionDeadline(days_before=1, at=dt.time(17))


# -- the round trip ---------------------------------------------------------------------------
TEXT = st.text(st.characters(exclude_categories=["Cs", "Cc"]), max_size=12)
NONBLANK = TEXT.filter(lambda s: bool(s.strip()))
IDS = st.from_regex(r"[a-z][a-z0-9]{0,5}(-[a-z0-9]{1,3}){0,2}", fullmatch=True)
NAMES = st.sampled_from(
    ["Miss A R Bond", "K J Loydall JP", "Dr SEK van de Ven", "Samuel Ball", "Mrs Anne E Court"]
).map(Person.parse)
PEOPLE = NAMES | st.builds(
    Person,
    title=st.sampled_from(("", *TITLES)) | TEXT,
    forenames=TEXT,
    surname=NONBLANK,
    post_nominals=st.lists(TEXT, max_size=2).map(tuple),
)
TIMES = st.times()
FRACTIONS = st.builds(Fraction, st.integers(1, 6), st.integers(6, 12))
QUORUMS = st.one_of(
    st.builds(QuorumRule, minimum=st.integers(1, 20)),
    st.builds(QuorumRule, fraction=FRACTIONS),
    st.builds(QuorumRule, minimum=st.integers(1, 20), fraction=FRACTIONS),
)


@st.composite
def memberships(draw: st.DrawFn) -> Membership:
    since = draw(st.none() | st.dates(dt.date(1900, 1, 1), dt.date(2199, 12, 31)))
    until = draw(
        st.none()
        | st.dates(min_value=since or dt.date(1900, 1, 1), max_value=dt.date(2199, 12, 31))
    )
    return Membership(
        person=draw(PEOPLE), role=draw(st.sampled_from(Role)), since=since, until=until
    )


DAYS = st.dates(dt.date(2015, 1, 1), dt.date(2030, 12, 31))
SEVERITIES = st.sampled_from(Severity)


@st.composite
def periods(draw: st.DrawFn) -> Period:
    start = draw(DAYS)
    end = start + dt.timedelta(days=draw(st.integers(0, 20)))
    name = draw(NONBLANK)
    return Period(
        name=name, start=start, end=end, category=Category.CLOSURE, source="council closure"
    )


@st.composite
def schedule_rules(draw: st.DrawFn, bodies: list[str], venues: list[str]) -> ScheduleRules:
    """Any `[schedule]` table but the blackout calendars (files; the example has those)."""
    some_body = st.sampled_from(bodies) if bodies else st.nothing()
    some_venue = st.none() | st.sampled_from(venues) if venues else st.none()
    pins = st.builds(
        Pin, body=some_body, date=DAYS, start=st.none() | TIMES, venue=some_venue, note=TEXT
    )
    pairs = st.tuples(some_body, some_body).filter(lambda p: p[0] != p[1])
    orderings = st.builds(
        lambda p, d: Ordering(before=p[0], after=p[1], days=d), pairs, st.integers(0, 30)
    )
    polls = st.builds(
        lambda poll, back, **kw: Election(
            poll=poll, purdah_start=poll - dt.timedelta(days=back) if back else None, **kw
        ),
        DAYS.filter(lambda d: d.weekday() != 6),  # a poll on a Sunday is an error
        st.integers(0, 40),
        name=TEXT,
        kind=st.sampled_from(PollKind),
        severity=SEVERITIES,
        exempt=st.lists(some_body, unique=True, max_size=2 if bodies else 0).map(tuple),
    )
    windows = st.builds(
        lambda q, start, days, reason: WindowOverride(
            quarter=FinancialQuarter(year=start.year, number=q).label,
            start=start,
            end=start + dt.timedelta(days=days),
            reason=reason,
        ),
        st.integers(1, 4),
        DAYS,
        st.integers(0, 20),
        TEXT,
    )
    events = st.builds(
        Event,
        title=NONBLANK,
        date=DAYS,
        start=TIMES,
        duration=st.integers(1, 600).map(lambda m: dt.timedelta(minutes=m)),
        venue=some_venue,
    )
    budget = st.none() | st.builds(
        Budget,
        body=st.none() | some_body,
        earliest=st.none() | DAYS,
        latest=st.none() | DAYS,
        severity=SEVERITIES,
    )
    weights = st.builds(Weights, **{f.name: st.integers(0, 500) for f in attrs.fields(Weights)})
    counts = st.dictionaries(some_body, st.integers(0, 24), max_size=3) if bodies else st.just({})
    annual = draw(st.none() | DAYS)  # the next annual meeting comes after this one
    after = DAYS.filter(lambda d: annual is None or d > annual)
    return ScheduleRules(
        year=draw(st.none() | st.integers(2015, 2030)),
        annual_meeting=annual,
        ordinary_election=draw(st.none() | DAYS),
        next_annual_meeting=draw(st.none() | after),
        adopted=draw(st.none() | DAYS),
        first_meeting_gap=draw(st.integers(0, 30)),
        counts=tuple(draw(counts).items()),
        pins=tuple(draw(st.lists(pins, max_size=2))) if bodies else (),
        orderings=tuple(draw(st.lists(orderings, max_size=2))) if len(bodies) > 1 else (),
        report_days=draw(st.integers(0, 30)),
        clash=draw(st.sampled_from(ClashRule)),
        clash_severity=draw(SEVERITIES),
        avoid_weekdays=tuple(draw(st.lists(st.integers(0, 6), unique=True, max_size=3))),
        max_per_week=draw(st.integers(1, 5)),
        spacing_tolerance=draw(st.integers(0, 30)),
        christmas_closure=draw(st.booleans()),
        closures=tuple(draw(st.lists(periods(), max_size=2))),
        elections=tuple(draw(st.lists(polls, max_size=2))),
        windows=tuple(draw(st.lists(windows, max_size=2, unique_by=lambda w: w.quarter))),
        events=tuple(draw(st.lists(events, max_size=2))),
        budget=draw(budget),
        weights=draw(st.just(Weights()) | weights),
    )


@st.composite
def councils(draw: st.DrawFn) -> Council:
    venue_ids = draw(st.lists(IDS, unique=True, max_size=3))
    officer_ids = draw(st.lists(IDS, unique=True, max_size=3))
    body_ids = draw(st.lists(IDS, unique=True, max_size=3))
    venues = tuple(
        Venue(
            id=v,
            name=draw(NONBLANK),
            address=tuple(draw(st.lists(TEXT, max_size=3))),
            label=draw(TEXT),
        )
        for v in venue_ids
    )
    officers = []
    for o in officer_ids:
        extra = draw(
            st.sampled_from(({}, {"code": None}))
            | st.text(string.ascii_letters, min_size=1, max_size=5).map(lambda c: {"code": c})
        )
        officers.append(
            Officer(
                id=o,
                name=draw(PEOPLE),
                job_titles=tuple(draw(st.lists(NONBLANK, max_size=2))),
                email=draw(st.none() | TEXT),
                phone=draw(st.none() | TEXT),
                **extra,
            )
        )
    bodies = []
    for b in body_ids:
        others = [x for x in body_ids if x != b]
        defaults = MeetingDefaults(
            weekdays=tuple(draw(st.lists(st.sampled_from(Weekday), max_size=3))),
            start=draw(st.none() | TIMES),
            duration=dt.timedelta(minutes=draw(st.integers(1, 600))),
            venue=draw(st.none() | st.sampled_from(venue_ids)) if venue_ids else None,
            meetings_per_year=draw(st.none() | st.integers(0, 20)),
            cycle_position=draw(st.none() | st.integers(-5, 10)),
        )
        deadline = draw(
            st.none()
            | st.builds(
                SubstitutionDeadline,
                days_before=st.integers(0, 3),
                at=TIMES,
                working_days=st.booleans(),
            )
        )
        bodies.append(
            Body(
                id=b,
                name=draw(NONBLANK),
                kind=draw(st.sampled_from(BodyKind)),
                members=tuple(draw(st.lists(memberships(), max_size=3))),
                seats=draw(st.none() | st.integers(1, 80)),
                substitutes=tuple(draw(st.lists(PEOPLE, max_size=2))),
                remit=draw(TEXT),
                quorum=draw(QUORUMS),
                substitution_deadline=deadline,
                quarterly_reporting=draw(st.booleans()),
                receives_from=tuple(draw(st.lists(st.sampled_from(others), max_size=2)))
                if others
                else (),
                defaults=defaults,
            )
        )
    items: tuple[ProceduralItem, ...]
    if draw(st.booleans()):
        items = DEFAULT_PROCEDURAL_ITEMS
    else:
        items = tuple(
            ProceduralItem(
                id=i,
                title=draw(NONBLANK),
                text=draw(TEXT),
                rule=draw(st.none() | TEXT),
                bodies=tuple(draw(st.lists(st.sampled_from(body_ids), max_size=2)))
                if body_ids
                else (),
            )
            for i in draw(st.lists(IDS, unique=True, max_size=3))
        )
    try:
        return Council(
            name=draw(NONBLANK),
            nation=draw(st.sampled_from(Nation)),
            timezone=draw(st.sampled_from(["Europe/London", "UTC", "Europe/Dublin"])),
            address=tuple(draw(st.lists(TEXT, max_size=3))),
            contact=Contact(team=draw(TEXT), phone=draw(TEXT), email=draw(TEXT), web=draw(TEXT)),
            proper_officer=draw(st.none() | st.sampled_from(officer_ids)) if officer_ids else None,
            venues=venues,
            officers=tuple(officers),
            bodies=tuple(bodies),
            procedural_items=items,
            clear_days=draw(st.integers(0, 30)),
            key_decision_days_kind=draw(st.sampled_from(DayCount)),
            large_print_notice_hours=draw(st.none() | st.integers(1, 200)),
            minute_numbering=draw(st.sampled_from(MinuteNumbering)),
            action_statuses=tuple(draw(st.lists(NONBLANK, min_size=1, max_size=4, unique=True))),
            default_quorum=draw(st.none() | QUORUMS),
            schedule=draw(schedule_rules(body_ids, venue_ids)),
        )
    except MeetingsError:  # two officers sharing a code, a {rule} with no rule: not a council
        reject()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(councils())
def test_any_council_round_trips_through_toml(council: Council) -> None:
    text = council_to_toml(council)
    assert loads_council(text) == council
    assert council_to_toml(loads_council(text)) == text  # and writes the same bytes again


# -- meetings validate ----------------------------------------------------------------------------
def test_validate_prints_a_summary(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(EXAMPLE)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out.startswith("Oadby and Wigston Borough Council (england, Europe/London)\n")
    assert "  change-management: Change Management Committee (committee)\n" in out
    assert "    members: 8 members, chair Councillor M H Charlesworth\n" in out
    assert (
        "    quorum: 3 (that is 3 of 8); substitutes by: 12 noon on the day; quarterly "
        "reports: no\n" in out
    )
    assert "    meets: Tue/Wed/Thu; 6.30 PM for 2h; Council Offices, Station Road, Wigston" in out
    assert "  SaBa      Samuel Ball (Senior Democratic Services Officer / Legal Officer)\n" in out
    assert out.count("    members: no members appointed\n") == 5
    assert (
        "    quorum: 1/4 of members (no members listed: `seats` would give the number); "
        "substitutes by: none set; quarterly reports: no\n"
    ) in out
    assert out == council_summary(load_council(EXAMPLE))


def test_validate_reports_every_problem_and_exits_1(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = DATA / "several-problems.toml"
    assert main(["validate", str(path)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(f"meetings validate: {path}: council.nation: 'britain'")
    assert err.count(str(path)) == 5


def test_validate_warns_about_clashes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        '[bodies.development-control]\nname = "Development Control Committee"\n',
        '[bodies.development-control]\nname = "Development Control Committee"\n'
        'members = ["B Dave", "J Kaufman"]\n',
    )
    path = tmp_path / "council.toml"
    path.write_text(text, encoding="utf-8")
    assert main(["validate", str(path)]) == 0
    _, err = capsys.readouterr()
    assert err == (
        "warning: Councillor B Dave sits on development-control and change-management, whose "
        "usual meeting times overlap\n"
    )


def test_validate_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate"]) == 2
    capsys.readouterr()


def test_a_file_that_is_not_utf8_is_a_definition_error(tmp_path: Path) -> None:
    path = tmp_path / "council.toml"
    path.write_bytes(b'schema = 1\n[council]\nname = "Oadby \xff Wigston"\n')
    with pytest.raises(DefinitionError, match=r"not UTF-8 text \(byte 35\); save it as UTF-8"):
        load_council(path)
    assert main(["validate", str(path)]) == 1


def test_seats_and_a_working_day_substitution_deadline() -> None:
    council = loads_council(
        """schema = 1
[council]
name = "Oadby and Wigston Borough Council"
[bodies.council]
name = "Council"
kind = "council"
seats = 26
quorum = "1/4"
substitution_deadline = { days_before = 1, at = "17:00", working_days = true }
"""
    )
    body = council.body("council")
    assert (body.seats, body.quorum_count()) == (26, 7)  # a quarter of 26, rounded up
    assert body.substitution_deadline == SubstitutionDeadline(
        days_before=1, at=dt.time(17), working_days=True
    )
    assert "seats = 26" in council_to_toml(council)


def test_closed_statuses_and_place_of_issue() -> None:
    text = """schema = 1
[council]
name = "Oadby and Wigston Borough Council"
action_statuses = ["Open", "In Hand", "Done"]
closed_statuses = ["Done"]
issued_from = ["Council Offices", "Wigston"]
"""
    council = loads_council(text)
    assert council.closed_statuses == ("Done",)
    assert council.issued_from == ("Council Offices", "Wigston")
    assert loads_council(council_to_toml(council)) == council
    with pytest.raises(DefinitionError, match=r"council.closed_statuses: 'Closed': each must be"):
        loads_council(text.replace('["Done"]', '["Closed"]'))


def test_the_wrong_kind_of_file_is_named_in_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    meeting = EXAMPLE.parent / "meetings" / "2019-03-05-change-management.toml"
    assert main(["validate", str(meeting)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.endswith("this is a meeting file, not a council definition; give it to "
                        "`meetings agenda` or `meetings minutes`, and the workspace's "
                        "council.toml to this command")  # fmt: skip
    assert "\n" not in err
    assert main(["agenda", str(EXAMPLE)]) == 1
    assert "this is a council definition, not a meeting file" in capsys.readouterr().err
