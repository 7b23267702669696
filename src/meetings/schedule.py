"""A municipal year's schedule of meetings: the meetings, the rules they break, its JSON and
its report. The planning layer's model: the planner (planner.py) makes one, the check
(check.py) judges one, and publishing writes it out."""

from __future__ import annotations

import datetime as dt
import enum
import json
from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from meetings import guards
from meetings.closures import Period
from meetings.committee import BodyKind
from meetings.errors import DefinitionError, Problem
from meetings.rules import Severity
from meetings.text import md_text


class MeetingStatus(enum.StrEnum):
    """Provisional until the annual meeting adopts the schedule (seed 000, para 4.1)."""

    PROVISIONAL = "provisional"
    CONFIRMED = "confirmed"
    CANCELLED = "cancelled"


@attrs.frozen(kw_only=True)
class Meeting:
    """One meeting in the schedule. `uid` names what the meeting is, never its date."""

    uid: str
    body: str
    title: str
    kind: BodyKind
    start: dt.datetime
    end: dt.datetime
    venue: str | None = None  # None is shown as "TBC"
    status: MeetingStatus = MeetingStatus.PROVISIONAL
    reporting_quarter: str | None = None
    reasons: tuple[str, ...] = ()  # why this date: the rules that shaped it

    @property
    def day(self) -> dt.date:
        return self.start.date()

    def to_json(self) -> dict[str, Any]:
        return {
            "uid": self.uid,
            "body": self.body,
            "title": self.title,
            "kind": self.kind.value,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "venue": self.venue,
            "status": self.status.value,
            "reporting_quarter": self.reporting_quarter,
            "reasons": list(self.reasons),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any], *, file: str, key: str) -> Meeting:
        """One meeting of `schedule.json`; every field checked for its type and value, and
        every problem of the meeting reported at once (DefinitionError)."""
        problems: list[Problem] = []

        def bad(field: str, message: str) -> None:
            problems.append(Problem(file=file, key=f"{key}.{field}", message=message))

        def text(field: str, *, required: bool, default: str | None = None) -> str | None:
            if field not in data or (data[field] is None and not required):
                if required and default is None:
                    bad(field, "missing; a meeting needs uid, body, start and end")
                return default
            value = data[field]
            if not isinstance(value, str):
                bad(field, f"expected a string, found {type(value).__name__} {value!r:.60}")
                return None
            if required and not value.strip():
                bad(field, "is empty")
                return None
            return value

        def choice(field: str, kind: type[enum.StrEnum], default: str) -> Any:
            value = data.get(field, default)
            try:
                return kind(value)
            except ValueError:
                valid = ", ".join(m.value for m in kind)
                bad(field, f"{value!r:.60} is not allowed; valid: {valid}")
                return None

        def moment(field: str) -> dt.datetime | None:
            value = text(field, required=True)
            if value is None:
                return None
            try:
                return _aware(value)
            except ValueError as exc:
                bad(field, str(exc))
                return None

        uid = text("uid", required=True)
        body = text("body", required=True)
        title = text("title", required=False, default=body)
        kind = choice("kind", BodyKind, BodyKind.COMMITTEE.value)
        start, end = moment("start"), moment("end")
        venue = text("venue", required=False)
        status = choice("status", MeetingStatus, MeetingStatus.PROVISIONAL.value)
        quarter = text("reporting_quarter", required=False)
        reasons = data.get("reasons", [])
        if not isinstance(reasons, list) or not all(isinstance(r, str) for r in reasons):
            bad("reasons", f"expected a list of strings, found {reasons!r:.60}")
        if problems:
            raise DefinitionError(problems)
        assert uid is not None
        assert body is not None
        assert start is not None
        assert end is not None
        return cls(
            uid=uid,
            body=body,
            title=title or body,
            kind=kind,
            start=start,
            end=end,
            venue=venue,
            status=status,
            reporting_quarter=quarter,
            reasons=tuple(reasons),
        )


def _aware(text: str) -> dt.datetime:
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(
            f"{text!r} is not a date-time; expected e.g. 2019-06-13T18:30:00+01:00"
        ) from None
    if value.tzinfo is None:
        raise ValueError(f"{text!r} has no UTC offset; expected e.g. 2019-06-13T18:30:00+01:00")
    if problem := guards.year_problem(value.year, "the year"):
        raise ValueError(problem)
    return value


def meeting_problems(
    meetings: Sequence[Meeting], keys: Sequence[str], *, file: str, uid_key: str = "uid"
) -> list[Problem]:
    """What no schedule may hold, however it was read (JSON, CSV, .ics): a meeting that
    ends before it starts, a UID given twice (a calendar keeps one of the two, so a meeting
    would silently vanish), a date outside the supported years. `keys[i]` names where
    meeting i is in the file (a key, a row)."""
    problems = []
    first: dict[str, str] = {}
    for meeting, key in zip(meetings, keys, strict=True):
        if meeting.end <= meeting.start:
            problems.append(
                Problem(
                    file=file,
                    key=key,
                    message=f"ends ({meeting.end.isoformat()}) before it starts "
                    f"({meeting.start.isoformat()}); the end must be after the start",
                )
            )
        for moment in (meeting.start, meeting.end):
            if problem := guards.year_problem(moment.year, "the year"):
                problems.append(Problem(file=file, key=key, message=problem))
                break
        if not meeting.uid.strip():
            problems.append(Problem(file=file, key=key, message=f"{uid_key} is empty"))
        elif meeting.uid in first:
            message = (
                f"{uid_key} {meeting.uid!r} is also the {uid_key} of {first[meeting.uid]}; each"
                " meeting needs its own (a calendar keeps only one of the two)"
            )
            problems.append(Problem(file=file, key=key, message=message))
        else:
            first[meeting.uid] = key
    return problems


@attrs.frozen(kw_only=True)
class Breach:
    """A rule a schedule breaks: which, how hard, which meeting, and why."""

    rule: str
    severity: Severity
    uid: str | None
    detail: str

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "uid": self.uid,
            "detail": self.detail,
        }


@attrs.frozen(kw_only=True)
class Quality:
    """How good a planned schedule is: its penalty (the points of its soft breaches) and a
    lower bound no plan of the same year can beat (the planner's relaxation)."""

    penalty: int
    lower_bound: int

    @property
    def gap(self) -> float:
        """At most how far the penalty is above the best possible, as a share of it."""
        if self.penalty <= self.lower_bound:
            return 0.0
        return (self.penalty - self.lower_bound) / self.lower_bound if self.lower_bound else 1.0

    def to_json(self) -> dict[str, Any]:
        return {
            "penalty": self.penalty,
            "lower_bound": self.lower_bound,
            "gap": round(self.gap, 4),
        }

    @property
    def text(self) -> str:
        if self.penalty <= self.lower_bound:
            return (
                f"Penalty {self.penalty} points: the best possible (no plan can cost less, "
                f"lower bound {self.lower_bound})."
            )
        return (
            f"Penalty {self.penalty} points; no plan can cost less than {self.lower_bound} "
            f"(lower bound), so this plan is within {self.gap:.1%} of the best possible."
        )


@attrs.frozen(kw_only=True)
class Schedule:
    """The meetings of one municipal year, in date order, and the rules they break."""

    council: str
    municipal_year: str  # label, "2019/20"
    meetings: tuple[Meeting, ...]
    breaches: tuple[Breach, ...] = ()
    periods: tuple[Period, ...] = ()  # days shown shaded in the grid: holidays, closures, purdah
    # the dated rules of other years the plan did not use: ("2 pin(s)", "7 event(s)", …)
    left_out: tuple[str, ...] = ()
    quality: Quality | None = None  # planned schedules only: not for one read from a file

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "council": self.council,
            "municipal_year": self.municipal_year,
            "meetings": [m.to_json() for m in self.meetings],
            "breaches": [b.to_json() for b in self.breaches],
        }
        if self.quality is not None:
            out["quality"] = self.quality.to_json()
        return out

    @classmethod
    def from_json(cls, data: object, *, file: str) -> Schedule:
        """The form `to_json` writes; every meeting's problem reported at once."""
        if not isinstance(data, Mapping) or not isinstance(data.get("meetings", []), list):
            message = 'expected an object with a "meetings" list, as `meetings schedule` writes'
            raise DefinitionError([Problem(file=file, key="", message=message)])
        found, keys, problems = [], [], []
        for i, m in enumerate(data.get("meetings", ())):
            key = f"meetings[{i}]"
            if not isinstance(m, Mapping):
                message = f"not a meeting: {m!r:.60}; expected an object with uid, body, start, end"
                problems.append(Problem(file=file, key=key, message=message))
                continue
            try:
                found.append(Meeting.from_json(m, file=file, key=key))
                keys.append(key)
            except DefinitionError as exc:
                problems.extend(exc.problems)
        problems += meeting_problems(found, keys, file=file)
        for field in ("council", "municipal_year"):
            if not isinstance(data.get(field, ""), str):
                message = f"expected a string, found {data[field]!r:.60}"
                problems.append(Problem(file=file, key=field, message=message))
        breaches = _breaches_from_json(data.get("breaches", []), file=file, problems=problems)
        if problems:
            raise DefinitionError(problems)
        meetings = tuple(found)
        return cls(
            council=str(data.get("council", "")),
            municipal_year=str(data.get("municipal_year", "")),
            meetings=tuple(sorted(meetings, key=lambda m: (m.start, m.uid))),
            breaches=breaches,
        )


def _breaches_from_json(raw: object, *, file: str, problems: list[Problem]) -> tuple[Breach, ...]:
    """The "breaches" list of schedule.json; problems are added to `problems`."""
    if not isinstance(raw, list):
        message = f"expected a list of breaches, found {raw!r:.60}"
        problems.append(Problem(file=file, key="breaches", message=message))
        return ()
    out = []
    for i, b in enumerate(raw):
        key = f"breaches[{i}]"
        if not isinstance(b, Mapping):
            message = f"expected an object with rule, severity, uid, detail, found {b!r:.60}"
            problems.append(Problem(file=file, key=key, message=message))
            continue
        severity = b.get("severity", Severity.SOFT.value)
        if not isinstance(severity, str) or severity not in set(Severity):
            valid = ", ".join(s.value for s in Severity)
            message = f"{severity!r:.60} is not allowed; valid: {valid}"
            problems.append(Problem(file=file, key=f"{key}.severity", message=message))
            continue
        texts = {f: b.get(f) for f in ("rule", "uid", "detail")}
        wrong = [f for f, v in texts.items() if v is not None and not isinstance(v, str)]
        for field in wrong:
            message = f"expected a string, found {texts[field]!r:.60}"
            problems.append(Problem(file=file, key=f"{key}.{field}", message=message))
        if wrong:
            continue
        out.append(
            Breach(
                rule=texts["rule"] or "",
                severity=Severity(severity),
                uid=texts["uid"],
                detail=texts["detail"] or "",
            )
        )
    return tuple(out)


# -- the rules of a municipal year: the `[schedule]` table ---------------------------------


class Rule(enum.StrEnum):
    """The rules a breach names (soft calendar rules use the calendar's category)."""

    CLOSED = "closed"
    WEEKDAY = "weekday"
    PRE_ELECTION = "pre-election"
    REPORTING_WINDOW = "reporting-window"
    ORDERING = "ordering"
    CLASH = "clash"
    PIN = "pin"
    ANNUAL_MEETING = "annual-meeting"
    BUDGET = "budget"
    MEETING_COUNT = "meeting-count"
    MUNICIPAL_YEAR = "municipal-year"
    UNKNOWN_BODY = "unknown-body"
    EVEN_SPACING = "even-spacing"
    AVOIDED_WEEKDAY = "avoided-weekday"
    BUSY_WEEK = "busy-week"
    POLLING_DAY = "polling-day"  # a poll or its count: the officers run the election
    AFTER_THE_POLL = "after-the-poll"  # between an ordinary poll and the annual meeting
    CYCLE = "cycle"  # [[schedule.cycle]]: follows / reports to, one meeting a cycle
    NOTICE = "notice"  # an added meeting called with too few clear days


SHORT_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def short_date(day: dt.date) -> str:
    return f"{SHORT_WEEKDAYS[day.weekday()]} {day.day} {day:%b %Y}"


DASH = "\N{EN DASH}"  # between the ends of a span of days: "25 Nov\N{EN DASH}6 Dec 2019"


def date_span(start: dt.date, end: dt.date) -> str:
    if start == end:
        return short_date(start)
    if start.year == end.year:
        return f"{start.day} {start:%b}{DASH}{end.day} {end:%b %Y}"
    return f"{start.day} {start:%b %Y}{DASH}{end.day} {end:%b %Y}"


def slug(text: str) -> str:
    out = "".join(c if c.isalnum() else "-" for c in text.lower())
    return "-".join(p for p in out.split("-") if p)


def schedule_report(schedule: Schedule) -> str:
    """The human report (Markdown): every rule broken, grouped by rule, with the reasons."""
    lines = [
        f"# Schedule of meetings {md_text(schedule.municipal_year)}: {md_text(schedule.council)}",
        "",
        f"{len(schedule.meetings)} meetings; "
        f"{sum(1 for b in schedule.breaches if b.severity == Severity.HARD)} hard rule(s) broken; "
        f"{sum(1 for b in schedule.breaches if b.severity == Severity.SOFT)} soft rule breach(es).",
        "",
    ]
    if schedule.quality is not None:
        lines += [schedule.quality.text, ""]
    for severity, heading in (
        (Severity.HARD, "Hard rules broken (the schedule cannot be used as it is)"),
        (Severity.SOFT, "Soft rules broken (kept as far as possible)"),
    ):
        found = [b for b in schedule.breaches if b.severity == severity]
        if not found and severity == Severity.HARD:
            continue
        lines += [f"## {heading}", ""]
        if not found:
            lines += ["None.", ""]
        for rule in sorted({b.rule for b in found}):
            group = [b for b in found if b.rule == rule]
            lines += [f"### {md_text(rule)} ({len(group)})", ""]
            lines += [f"- {md_text(b.detail)}" for b in group]
            lines.append("")
    # A schedule read from CSV or .ics carries no reasons: no column of empty cells for it.
    explained = any(m.reasons for m in schedule.meetings)
    why, rule = (" Why this date |", "---|") if explained else ("", "")
    lines += [
        "## Meetings",
        "",
        f"| Date | Time | Meeting | Quarter |{why}",
        f"|---|---|---|---|{rule}",
    ]
    for m in schedule.meetings:
        quarter = md_text(m.reporting_quarter or "")
        row = f"| {short_date(m.day)} | {m.start:%H:%M} | {md_text(m.title)} | {quarter} |"
        if explained:
            row += " " + md_text("; ".join(m.reasons)) + " |"
        lines.append(row)
    return "\n".join(lines) + "\n"


def schedule_json(schedule: Schedule) -> str:
    """The JSON form of DESIGN.md, byte-stable: same schedule, same text."""
    return json.dumps(schedule.to_json(), indent=2, ensure_ascii=False) + "\n"
