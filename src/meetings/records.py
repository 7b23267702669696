"""Members' records from the minutes: attendance at each meeting and the declarations of
interest made there, with the yearly attendance figures councils publish (as Modern.gov does:
meetings expected, present as expected, present as a substitute, apologies, absent, and the
percentage of expected meetings attended).

`meeting_records(minutes, ...)` gathers everything one set of minutes puts in the council's
workspace register: its actions, decisions, attendance and declarations (`MeetingRecords`),
which a `RecordStore` (the SQLite `Register`) imports in one transaction.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import attrs

from meetings.actions import Action
from meetings.decisions import (
    DecisionQuery,
    DecisionRecord,
    DecisionRules,
    decision_records,
)
from meetings.decisions import is_executive as _is_executive
from meetings.minutes import Minutes, same_person
from meetings.people import Person, parse_listed_name
from meetings.text import csv_text

if TYPE_CHECKING:
    from meetings.committee import Council
    from meetings.dates import WorkingCalendar
    from meetings.forwardplan import ForwardPlan


class Presence(enum.StrEnum):
    """A member's attendance at one meeting."""

    PRESENT = "present"  # a member of the body, there
    SUBSTITUTE = "substitute"  # there in place of a member (substituting_for)
    APOLOGIES = "apologies"  # a member who sent apologies
    ABSENT = "absent"  # a member neither there nor sending apologies
    IN_ATTENDANCE = "in-attendance"  # a councillor there who is not a member (no vote)


@attrs.frozen(kw_only=True)
class AttendanceRecord:
    body: str
    body_name: str
    day: dt.date
    member: str  # as the council file names the member (else as the minutes do)
    presence: Presence
    expected: bool  # a member of the body on the day, so expected to attend
    substituting_for: str = ""
    substituted_by: str = ""

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.body, self.day.isoformat(), self.member)

    def to_dict(self) -> dict[str, Any]:
        return {
            "body": self.body,
            "body_name": self.body_name,
            "date": self.day.isoformat(),
            "member": self.member,
            "presence": self.presence.value,
            "expected": self.expected,
            "substituting_for": self.substituting_for,
            "substituted_by": self.substituted_by,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> AttendanceRecord:
        return cls(
            body=data["body"],
            body_name=data["body_name"],
            day=dt.date.fromisoformat(data["date"]),
            member=data["member"],
            presence=Presence(data["presence"]),
            expected=bool(data["expected"]),
            substituting_for=data.get("substituting_for", ""),
            substituted_by=data.get("substituted_by", ""),
        )


@attrs.frozen(kw_only=True)
class DeclarationRecord:
    """One member's interest in one item of one meeting."""

    body: str
    body_name: str
    day: dt.date
    member: str
    minute: int
    item: str  # the minute's title
    nature: str  # pecuniary, non-pecuniary, personal, prejudicial
    details: str = ""
    action: str = ""  # what the member did (left the room, took no part in the vote…)

    @property
    def key(self) -> tuple[str, str, str, int]:
        return (self.body, self.day.isoformat(), self.member, self.minute)

    def to_dict(self) -> dict[str, Any]:
        return {
            "body": self.body,
            "body_name": self.body_name,
            "date": self.day.isoformat(),
            "member": self.member,
            "minute": self.minute,
            "item": self.item,
            "nature": self.nature,
            "details": self.details,
            "action": self.action,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> DeclarationRecord:
        return cls(
            body=data["body"],
            body_name=data["body_name"],
            day=dt.date.fromisoformat(data["date"]),
            member=data["member"],
            minute=int(data["minute"]),
            item=data["item"],
            nature=data["nature"],
            details=data.get("details", ""),
            action=data.get("action", ""),
        )


@attrs.frozen(kw_only=True)
class RecordQuery:
    """A filter over attendance and declaration records."""

    body: str | None = None
    member: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None

    def matches(self, record: AttendanceRecord | DeclarationRecord) -> bool:
        return (
            (self.body is None or record.body == self.body)
            and (self.member is None or record.member == self.member)
            and (self.since is None or record.day >= self.since)
            and (self.until is None or record.day <= self.until)
        )


def name_key(name: str) -> tuple[str, str]:
    """Sort members by surname, then forenames ("Miss A R Bond" before "B Dave")."""
    person = parse_listed_name(name)[0]
    return person.surname.casefold(), person.forenames.casefold()


# -- from minutes ------------------------------------------------------------------------------


class _Names:
    """Minute names mapped to the body's members as the council file names them."""

    def __init__(self, seats: Iterable[Person]) -> None:
        self.seats = tuple(seats)

    def canonical(self, name: str) -> str:
        person = parse_listed_name(name)[0]
        for seat in self.seats:
            if same_person(person, seat):
                return str(seat)
        return str(person)


def attendance_records(
    minutes: Minutes, members: Iterable[Person] | None = None
) -> tuple[AttendanceRecord, ...]:
    """Each member's attendance at the meeting, sorted by name.

    `members` are the body's members on the day (from the council file); without them, the
    members are those the minutes list as present (not as substitutes), with apologies, or
    replaced by a substitute. A substitute is present in place of a member, who is recorded
    with apologies (or absent) and the substitute's name.
    """
    seats = tuple(members) if members is not None else None
    names = _Names(seats or ())
    present = {names.canonical(n) for n in minutes.present}
    if minutes.chair:
        present.add(names.canonical(minutes.chair))
    apologies = {names.canonical(n) for n in minutes.apologies}
    replaced = {names.canonical(s.replaces): names.canonical(s.member) for s in minutes.substitutes}
    stood_in = {v: k for k, v in replaced.items()}
    if seats is not None:
        expected = {str(p) for p in seats}
    else:
        expected = (present - set(stood_in)) | apologies | set(replaced)
    out: dict[str, AttendanceRecord] = {}

    def put(member: str, presence: Presence, **extra: str) -> None:
        out[member] = AttendanceRecord(
            body=minutes.body,
            body_name=minutes.body_name,
            day=minutes.day,
            member=member,
            presence=presence,
            expected=member in expected,
            **extra,
        )

    for member in sorted(expected):
        if member in present and member not in stood_in:
            put(member, Presence.PRESENT)
        else:
            presence = Presence.APOLOGIES if member in apologies else Presence.ABSENT
            put(member, presence, substituted_by=replaced.get(member, ""))
    for member in sorted(stood_in):
        put(member, Presence.SUBSTITUTE, substituting_for=stood_in[member])
    for member in sorted(present - set(out)):  # present without a seat or a substitution
        put(member, Presence.PRESENT)
    for name in minutes.attending:
        member = names.canonical(name)
        if member not in out:
            put(member, Presence.IN_ATTENDANCE)
    return tuple(sorted(out.values(), key=lambda r: name_key(r.member)))


def declaration_records(
    minutes: Minutes, members: Iterable[Person] | None = None
) -> tuple[DeclarationRecord, ...]:
    """Every interest declared at the meeting, one record per member and item."""
    names = _Names(members or ())
    by_item = dict(enumerate(minutes.minutes, start=1))
    out = []
    for d in minutes.declarations:
        for item in d.items:
            minute = by_item[item]
            out.append(
                DeclarationRecord(
                    body=minutes.body,
                    body_name=minutes.body_name,
                    day=minutes.day,
                    member=names.canonical(d.member),
                    minute=minute.number,
                    item=minute.title,
                    nature=d.nature.value,
                    details=d.details,
                    action=d.action,
                )
            )
    return tuple(sorted(out, key=lambda r: (r.minute, r.member)))


# -- one meeting's records, and the store ----------------------------------------------------


@attrs.frozen(kw_only=True)
class MeetingRecords:
    """What one set of minutes puts in the register."""

    body: str
    body_name: str
    day: dt.date
    actions: tuple[Action, ...] = ()
    decisions: tuple[DecisionRecord, ...] = ()
    attendance: tuple[AttendanceRecord, ...] = ()
    declarations: tuple[DeclarationRecord, ...] = ()


def meeting_records(
    minutes: Minutes,
    *,
    calendar: WorkingCalendar,
    council: Council | None = None,
    rules: DecisionRules | None = None,
    plan: ForwardPlan | None = None,
) -> MeetingRecords:
    """The actions, decisions, attendance and declarations of `minutes`. With `council`, the
    members are its members of the body on the day (so absences are seen), its rules apply,
    and decisions of executive bodies get call-in dates."""
    members = None
    if council is not None:
        members = [m.person for m in council.body(minutes.body).members_on(minutes.day)] or None
    return MeetingRecords(
        body=minutes.body,
        body_name=minutes.body_name,
        day=minutes.day,
        actions=minutes.actions(),
        decisions=decision_records(
            minutes,
            calendar=calendar,
            rules=rules or DecisionRules.for_council(council),
            executive=_is_executive(minutes, council),
            plan=plan,
        ),
        attendance=attendance_records(minutes, members),
        declarations=declaration_records(minutes, members),
    )


@attrs.frozen(kw_only=True)
class ImportResult:
    """What an import changed: actions added, and per kind of record whether the meeting's
    records were new, replaced (the minutes changed) or left as they were."""

    actions_added: int = 0
    decisions: str = "unchanged"  # added, replaced, unchanged
    attendance: str = "unchanged"
    declarations: str = "unchanged"

    @property
    def changed(self) -> bool:
        kinds = (self.decisions, self.attendance, self.declarations)
        return bool(self.actions_added) or any(v != "unchanged" for v in kinds)


@runtime_checkable
class RecordStore(Protocol):
    """Where a council keeps its decisions and members' records (the SQLite `Register`)."""

    def import_meeting(self, records: MeetingRecords) -> ImportResult: ...

    def decisions(self, query: DecisionQuery | None = None) -> tuple[DecisionRecord, ...]: ...

    def attendance(self, query: RecordQuery | None = None) -> tuple[AttendanceRecord, ...]: ...

    def declarations(self, query: RecordQuery | None = None) -> tuple[DeclarationRecord, ...]: ...


# -- the yearly figures --------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class AttendanceSummary:
    """One member's attendance at one body's meetings over the records given."""

    member: str
    body: str
    body_name: str
    expected: int
    present: int  # present as expected
    substitute: int  # present in place of another member
    apologies: int
    absent: int
    in_attendance: int

    @property
    def percent(self) -> float | None:
        """Expected meetings attended, as a percentage (None: none expected)."""
        return round(100 * self.present / self.expected, 1) if self.expected else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "member": self.member,
            "body": self.body,
            "body_name": self.body_name,
            "expected": self.expected,
            "present": self.present,
            "substitute": self.substitute,
            "apologies": self.apologies,
            "absent": self.absent,
            "in_attendance": self.in_attendance,
            "percent": self.percent,
        }


def attendance_summary(records: Iterable[AttendanceRecord]) -> tuple[AttendanceSummary, ...]:
    """Counts per member and body, sorted by member then body; a member's "all bodies" line
    comes after their bodies when they sat on more than one (body "*")."""
    counts: dict[tuple[str, str], list[int]] = {}
    names: dict[str, str] = {}
    order = list(Presence)
    for r in records:
        names[r.body] = r.body_name
        # Present without a seat or a substitution: there, but not as expected (Modern.gov
        # counts only expected meetings in the percentage).
        presence = r.presence
        if presence is Presence.PRESENT and not r.expected:
            presence = Presence.IN_ATTENDANCE
        for body in (r.body, "*"):
            row = counts.setdefault((r.member, body), [0] * (len(order) + 1))
            row[order.index(presence)] += 1
            row[-1] += r.expected
    out = []
    bodies_of: dict[str, int] = {}
    for member, body in counts:
        if body != "*":
            bodies_of[member] = bodies_of.get(member, 0) + 1

    def order_of(item: tuple[tuple[str, str], list[int]]) -> tuple[tuple[str, str], bool, str]:
        (member, body), _ = item
        return name_key(member), body == "*", body

    for (member, body), row in sorted(counts.items(), key=order_of):
        if body == "*" and bodies_of[member] < 2:
            continue
        out.append(
            AttendanceSummary(
                member=member,
                body=body,
                body_name=names.get(body, "All bodies"),
                expected=row[-1],
                present=row[order.index(Presence.PRESENT)],
                substitute=row[order.index(Presence.SUBSTITUTE)],
                apologies=row[order.index(Presence.APOLOGIES)],
                absent=row[order.index(Presence.ABSENT)],
                in_attendance=row[order.index(Presence.IN_ATTENDANCE)],
            )
        )
    return tuple(out)


# -- output ----------------------------------------------------------------------------------

ATTENDANCE_COLUMNS = (
    "member",
    "body",
    "body_name",
    "expected",
    "present",
    "substitute",
    "apologies",
    "absent",
    "in_attendance",
    "percent",
)
MEETING_ATTENDANCE_COLUMNS = (
    "date",
    "body",
    "body_name",
    "member",
    "presence",
    "expected",
    "substituting_for",
    "substituted_by",
)
DECLARATION_COLUMNS = (
    "date",
    "body",
    "body_name",
    "minute",
    "item",
    "member",
    "nature",
    "details",
    "action",
)


def attendance_json(records: Sequence[AttendanceRecord], *, council: str = "") -> str:
    data = {
        "council": council,
        "summary": [s.to_dict() for s in attendance_summary(records)],
        "meetings": [r.to_dict() for r in records],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def attendance_csv(records: Sequence[AttendanceRecord], *, meetings: bool = False) -> str:
    """The summary per member and body; with `meetings`, one row per member per meeting."""
    if meetings:
        return csv_text(MEETING_ATTENDANCE_COLUMNS, (r.to_dict() for r in records))
    return csv_text(ATTENDANCE_COLUMNS, (s.to_dict() for s in attendance_summary(records)))


def declarations_json(records: Sequence[DeclarationRecord], *, council: str = "") -> str:
    data = {"council": council, "declarations": [r.to_dict() for r in records]}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def declarations_csv(records: Sequence[DeclarationRecord]) -> str:
    return csv_text(DECLARATION_COLUMNS, (r.to_dict() for r in records))
