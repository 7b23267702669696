"""The forward plan: the notice of decisions to be taken, read from a plan file and checked.

A plan file (`forward-plan.toml`, see docs/registers.md) lists the decisions to be taken: a
reference, title, decision maker (a body, a portfolio holder, an officer), the expected date
(or none: unscheduled), whether it is a key decision and an executive one, the wards affected,
whether it will be taken in private and under which paragraphs of Schedule 12A, documents,
contact, and the day the entry first appeared in the plan (the fields of seed 004's decision
metadata and seed 003's forward plan).

`check_plan` applies the notice rules of SI 2012/2089 to each entry:

- a key decision must be in the plan 28 clear days before it is taken (reg 9); an entry
  published later is lawful only under the general exception (reg 10: notice to the chair of
  the relevant overview and scrutiny committee and to the public, 5 clear days before) or
  special urgency (reg 11: the scrutiny chair's agreement, or, with no chair able to act, the
  chair or else the vice-chair of the council), and the check writes that route's notice;
- a decision to be taken in private needs notice of the intention 28 clear days before and
  again 5 clear days before (reg 5(2) and (3)), unless the meeting is urgent with the same
  agreement as for special urgency (reg 5(6));
- an entry naming a body and a date must match a meeting of that body on that date in the
  schedule, when a schedule is given.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from meetings._private import Reader
from meetings.agenda import read_exempt
from meetings.dates import WorkingCalendar
from meetings.decisions import DecisionRules, NoticeRoute
from meetings.text import csv_text, long_date

if TYPE_CHECKING:
    from meetings.committee import Council
    from meetings.schedule import Schedule

SCHEMA = 1


class ExceptionRoute(enum.StrEnum):
    """The two lawful routes for a key decision without 28 clear days' notice."""

    GENERAL_EXCEPTION = "general-exception"  # SI 2012/2089 reg 10
    SPECIAL_URGENCY = "special-urgency"  # SI 2012/2089 reg 11


class Agreer(enum.StrEnum):
    """Who may agree that a decision is urgent (SI 2012/2089 reg 11(a)-(c), reg 5(6))."""

    SCRUTINY_CHAIR = "scrutiny-chair"
    COUNCIL_CHAIR = "council-chair"  # when there is no scrutiny chair, or the chair cannot act
    COUNCIL_VICE_CHAIR = "council-vice-chair"  # when there is no chair of the council either

    @property
    def label(self) -> str:
        return {
            Agreer.SCRUTINY_CHAIR: "the Chair of the relevant overview and scrutiny committee",
            Agreer.COUNCIL_CHAIR: "the Chair of the Council",
            Agreer.COUNCIL_VICE_CHAIR: "the Vice-Chair of the Council",
        }[self]


class Level(enum.StrEnum):
    """How serious a finding is: a breach of a rule fails the check; a note informs."""

    BREACH = "breach"
    NOTE = "note"


@attrs.frozen(kw_only=True)
class LateNotice:
    """How a late key decision was made lawful."""

    route: ExceptionRoute
    notice: dt.date | None = None  # reg 10: notice to the scrutiny chair and public; reg 11: the
    # notice of the reasons, published after the agreement
    agreed: dt.date | None = None  # reg 11: the day the urgency was agreed
    agreed_by: str = ""  # the person
    agreed_role: Agreer | None = None
    chair_unavailable: str = ""  # why the scrutiny chair (or the council's chair) did not agree
    reasons: str = ""  # why compliance with reg 9 (and reg 10) was impracticable


@attrs.frozen(kw_only=True)
class Entry:
    """One decision in the forward plan."""

    ref: str
    title: str
    decision_maker: str
    body: str | None = None  # the body that takes it, when a body does (the schedule check)
    day: dt.date | None = None  # None: unscheduled
    key: bool = False
    executive: bool = True
    purpose: str = ""
    wards: tuple[str, ...] = ()
    private: tuple[int, ...] = ()  # Sch 12A paragraphs when it will be taken in private
    private_reason: str = ""
    documents: tuple[str, ...] = ()
    contact: str = ""
    first_published: dt.date  # when the entry first appeared in the plan
    exception: LateNotice | None = None


@attrs.frozen(kw_only=True)
class ForwardPlan:
    """A forward plan: who publishes it, when, and its entries."""

    council: str = ""
    published: dt.date
    scrutiny_chair: str = ""
    entries: tuple[Entry, ...] = ()
    source: str = ""

    def entry(self, ref: str) -> Entry | None:
        for e in self.entries:
            if e.ref == ref:
                return e
        return None

    def entry_for(
        self, body: str, day: dt.date, title: str, ref: str | None = None
    ) -> Entry | None:
        """The entry for a decision in minutes: by its reference, else by body, date and
        title (case and spacing ignored)."""
        if ref is not None:
            return self.entry(ref)
        wanted = " ".join(title.split()).casefold()
        for e in self.entries:
            same_body = e.body in (body, None)  # a plan may name only the decision maker
            if same_body and e.day == day and " ".join(e.title.split()).casefold() == wanted:
                return e
        return None

    def route(
        self, entry: Entry, calendar: WorkingCalendar, rules: DecisionRules
    ) -> NoticeRoute | None:
        """The lawful route of a key entry (NONE: no lawful notice; None: not a key decision,
        or not yet dated)."""
        return check_entry(entry, calendar, rules).route


# -- reading --------------------------------------------------------------------------------


def load_forward_plan(path: str | Path) -> ForwardPlan:
    """The plan in a file; DefinitionError listing every problem in it."""
    reader = Reader.load(path)
    plan = read_forward_plan(reader, source=str(path))
    reader.raise_if_problems()
    return plan


def read_forward_plan(reader: Reader, *, source: str = "") -> ForwardPlan:
    schema = reader.integer("schema", required=True)
    if "schema" in reader and schema != SCHEMA:
        reader.problem("schema", f"unknown schema {schema}; this version reads schema = {SCHEMA}")
    published = reader.date("published", required=True) or dt.date.min
    council = reader.text("council")
    chair = reader.text("scrutiny_chair")
    entries = [_entry(sub, published) for sub in reader.tables("decisions")]
    seen: set[str] = set()
    for i, e in enumerate(entries):
        if e.ref in seen:
            reader.problem(f"decisions[{i}].ref", f"{e.ref!r} is used by an earlier entry")
        seen.add(e.ref)
    reader.done()
    return ForwardPlan(
        council=council,
        published=published,
        scrutiny_chair=chair,
        entries=tuple(entries),
        source=source,
    )


def _entry(r: Reader, published: dt.date) -> Entry:
    ref = r.text("ref", required=True)
    private, bad = read_exempt(r, "private")
    reason = r.text("private_reason")
    if (private or bad) and not reason:  # asked for privacy, even citing a wrong paragraph
        r.problem("private_reason", "missing; say why it will be taken in private (reg 5(2)(d))")
    day = r.date("date")
    first = r.date("first_published") or published
    if day is not None and first > day:
        r.problem("first_published", f"{first} is after the decision's date {day}")
    exception = None
    sub = r.table("exception")
    if sub is not None:
        exception = _exception(sub)
    key = r.flag("key")
    executive = r.flag("executive", True)
    if key and not executive:
        r.problem("key", "a key decision is an executive decision (SI 2012/2089 reg 8)")
    entry = Entry(
        ref=ref,
        title=r.text("title", required=True),
        decision_maker=r.text("decision_maker", required=True),
        body=r.opt_text("body"),
        day=day,
        key=key,
        executive=executive,
        purpose=r.text("purpose"),
        wards=r.texts("wards"),
        private=private,
        private_reason=reason,
        documents=r.texts("documents"),
        contact=r.text("contact"),
        first_published=first,
        exception=exception,
    )
    r.done()
    return entry


def _exception(r: Reader) -> LateNotice:
    route = r.choice("route", ExceptionRoute, required=True) or ExceptionRoute.GENERAL_EXCEPTION
    role = r.choice("agreed_role", Agreer)
    out = LateNotice(
        route=route,
        notice=r.date("notice"),
        agreed=r.date("agreed"),
        agreed_by=r.text("agreed_by"),
        agreed_role=role,
        chair_unavailable=r.text("chair_unavailable"),
        reasons=r.text("reasons"),
    )
    if route is ExceptionRoute.GENERAL_EXCEPTION and out.notice is None:
        r.problem("notice", "missing; the day the scrutiny chair and the public were given notice")
    if route is ExceptionRoute.SPECIAL_URGENCY:
        if out.agreed is None:
            r.problem("agreed", "missing; the day the urgency was agreed (reg 11)")
        if role is None:
            valid = ", ".join(a.value for a in Agreer)
            r.problem("agreed_role", f"missing; who agreed (reg 11), one of: {valid}")
        if not out.agreed_by:
            r.problem("agreed_by", "missing; the name of the person who agreed")
    if not out.reasons:
        # The file is read before a council's rules are known: reg 9's statutory period.
        period = DecisionRules().key_decision_period()
        r.problem("reasons", f"missing; why {period}' notice was impracticable")
    r.done()
    return out


# -- checking -------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Finding:
    ref: str
    level: Level
    rule: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return {
            "ref": self.ref,
            "level": self.level.value,
            "rule": self.rule,
            "message": self.message,
        }


@attrs.frozen(kw_only=True)
class Notice:
    """A notice the plan's entries call for (reg 10 or reg 11), ready to publish."""

    ref: str
    route: ExceptionRoute
    heading: str
    text: str
    day: dt.date | None


@attrs.frozen(kw_only=True)
class EntryCheck:
    """What the rules say about one entry."""

    entry: Entry
    notice_by: dt.date | None  # last day to enter the plan with 28 clear days (key decisions)
    route: NoticeRoute | None
    private_notice_by: dt.date | None = None  # reg 5(2): first notice of a private meeting
    private_final_notice_by: dt.date | None = None  # reg 5(3): 5 clear days
    findings: tuple[Finding, ...] = ()
    notices: tuple[Notice, ...] = ()


def check_entry(
    entry: Entry,
    calendar: WorkingCalendar,
    rules: DecisionRules | None = None,
    *,
    scrutiny_chair: str = "",
) -> EntryCheck:
    """The notice rules of SI 2012/2089 applied to one entry."""
    r = rules or DecisionRules()
    findings: list[Finding] = []
    notices: list[Notice] = []
    day = entry.day
    if day is None:
        if entry.key:
            findings.append(
                _note(
                    entry,
                    "reg 9",
                    f"unscheduled: the {r.key_decision_period()} run once it is dated",
                )
            )
        return EntryCheck(entry=entry, notice_by=None, route=None, findings=tuple(findings))
    notice_by = r.key_decision_notice_by(day, calendar)
    route: NoticeRoute | None = None
    if entry.key:
        route, found, notice = _key_route(
            entry, day=day, notice_by=notice_by, calendar=calendar, rules=r, chair=scrutiny_chair
        )
        findings.extend(found)
        notices.extend(notice)
    private_by = final_by = None
    if entry.private:
        # Reg 5(2) asks for the same clear days as reg 9, and reg 5(3) for reg 10's.
        private_by = notice_by
        final_by = r.general_exception_notice_by(day, calendar)
        urgent = entry.exception is not None and _agreed(entry.exception, day)
        if entry.first_published > private_by and not urgent:
            findings.append(
                Finding(
                    ref=entry.ref,
                    level=Level.BREACH,
                    rule="SI 2012/2089 reg 5(2)",
                    message=f"to be taken in private on {day}, so notice was due by"
                    f" {private_by} ({r.key_decision_period()}), but it was first published on"
                    f" {entry.first_published}, and no urgency was agreed (reg 5(6))",
                )
            )
        findings.append(
            _note(
                entry,
                "SI 2012/2089 reg 5(3)",
                f"the second notice of the private meeting is due by {final_by}"
                f" ({r.exception_period()})",
            )
        )
    return EntryCheck(
        entry=entry,
        notice_by=notice_by if entry.key else None,
        route=route,
        private_notice_by=private_by,
        private_final_notice_by=final_by,
        findings=tuple(findings),
        notices=tuple(notices),
    )


def _note(entry: Entry, rule: str, message: str) -> Finding:
    return Finding(ref=entry.ref, level=Level.NOTE, rule=rule, message=message)


def _agreed(exc: LateNotice, day: dt.date) -> bool:
    """A special-urgency agreement that satisfies reg 11 (and reg 5(6)) for a decision on
    `day`: given by someone entitled, on or before the day, with the reason a chair did not."""
    if exc.route is not ExceptionRoute.SPECIAL_URGENCY or exc.agreed is None:
        return False
    if exc.agreed > day or not exc.agreed_by or exc.agreed_role is None:
        return False
    return exc.agreed_role is Agreer.SCRUTINY_CHAIR or bool(exc.chair_unavailable)


def _key_route(
    entry: Entry,
    *,
    day: dt.date,
    notice_by: dt.date,
    calendar: WorkingCalendar,
    rules: DecisionRules,
    chair: str,
) -> tuple[NoticeRoute, list[Finding], list[Notice]]:
    if entry.first_published <= notice_by:
        return NoticeRoute.FORWARD_PLAN, [], []
    late = (
        f"key decision on {day}: it had to be in the forward plan by {notice_by}"
        f" ({rules.key_decision_period(counted=True)}, SI 2012/2089 reg 9), but was first"
        f" published on {entry.first_published}"
    )
    exc = entry.exception
    if exc is None:
        return (
            NoticeRoute.NONE,
            [
                Finding(
                    ref=entry.ref,
                    level=Level.BREACH,
                    rule="SI 2012/2089 reg 9",
                    message=f"{late}; use the general exception (reg 10) or special urgency"
                    " (reg 11), or move the decision",
                )
            ],
            [],
        )
    if exc.route is ExceptionRoute.GENERAL_EXCEPTION:
        by = rules.general_exception_notice_by(day, calendar)
        if exc.notice is None or exc.notice > by:
            when = f"given on {exc.notice}" if exc.notice else "not given"
            return (
                NoticeRoute.NONE,
                [
                    Finding(
                        ref=entry.ref,
                        level=Level.BREACH,
                        rule="SI 2012/2089 reg 10",
                        message=f"{late}; the general exception needs notice to the scrutiny"
                        f" chair and the public by {by} ({rules.exception_period()}), but it"
                        f" was {when}: special urgency (reg 11) is the route left",
                    )
                ],
                [],
            )
        return (
            NoticeRoute.GENERAL_EXCEPTION,
            [_note(entry, "SI 2012/2089 reg 10", f"{late}; taken under the general exception")],
            [_general_exception_notice(entry, day, exc, chair, rules)],
        )
    problems = _urgency_problems(exc, day)
    if problems:
        return (
            NoticeRoute.NONE,
            [
                Finding(
                    ref=entry.ref,
                    level=Level.BREACH,
                    rule="SI 2012/2089 reg 11",
                    message=f"{late}; special urgency is not made out: {'; '.join(problems)}",
                )
            ],
            [],
        )
    found = [_note(entry, "SI 2012/2089 reg 11", f"{late}; taken under special urgency")]
    if exc.notice is None:
        found.append(
            _note(
                entry,
                "SI 2012/2089 reg 11(2)",
                "publish the notice of the reasons for urgency as soon as reasonably practicable",
            )
        )
    return NoticeRoute.SPECIAL_URGENCY, found, [_special_urgency_notice(entry, day, exc)]


def _urgency_problems(exc: LateNotice, day: dt.date) -> list[str]:
    out = []
    if exc.agreed is None or exc.agreed_role is None or not exc.agreed_by:
        out.append("the agreement (who, in what role, when) is not recorded")
    elif exc.agreed > day:
        out.append(f"agreed on {exc.agreed}, after the decision on {day}")
    if exc.agreed_role in (Agreer.COUNCIL_CHAIR, Agreer.COUNCIL_VICE_CHAIR) and not (
        exc.chair_unavailable
    ):
        out.append(
            f"{exc.agreed_role.label} may agree only when there is no scrutiny chair or the"
            " chair is unable to act (and the Vice-Chair only when there is no Chair of the"
            " Council); give chair_unavailable"
        )
    if exc.notice is not None and exc.agreed is not None and exc.notice < exc.agreed:
        out.append(f"the notice ({exc.notice}) comes before the agreement ({exc.agreed})")
    return out


def _general_exception_notice(
    entry: Entry, day: dt.date, exc: LateNotice, scrutiny_chair: str, rules: DecisionRules
) -> Notice:
    to = scrutiny_chair or "the Chair of the relevant overview and scrutiny committee"
    text = (
        f"Notice is given under regulation 10 of the Local Authorities (Executive"
        f" Arrangements) (Meetings and Access to Information) (England) Regulations 2012 that"
        f' {entry.decision_maker} intends to take the key decision "{entry.title}" on'
        f" {_long(day)}. It has not been practicable to give {rules.key_decision_period()}'"
        f" notice in the forward plan because {_sentence(exc.reasons)} {to} was informed in"
        f" writing on {_long(exc.notice)}, and this notice was made available for inspection by the"
        f" public at the council's offices and on its website on the same day."
    )
    return Notice(
        ref=entry.ref,
        route=ExceptionRoute.GENERAL_EXCEPTION,
        heading=f"General exception notice: {entry.title}",
        text=text,
        day=exc.notice,
    )


def _special_urgency_notice(entry: Entry, day: dt.date, exc: LateNotice) -> Notice:
    role = exc.agreed_role.label if exc.agreed_role else ""
    why_not_chair = (
        f" The chair of the relevant overview and scrutiny committee could not agree because"
        f" {_sentence(exc.chair_unavailable)}"
        if exc.agreed_role is not Agreer.SCRUTINY_CHAIR
        else ""
    )
    text = (
        f"Notice is given under regulation 11 of the Local Authorities (Executive"
        f" Arrangements) (Meetings and Access to Information) (England) Regulations 2012 that"
        f' the key decision "{entry.title}" is to be taken by {entry.decision_maker} on'
        f" {_long(day)}. {exc.agreed_by}, {role}, agreed on {_long(exc.agreed)} that the"
        f" decision is urgent and cannot reasonably be deferred, because"
        f" {_sentence(exc.reasons)}{why_not_chair}"
    )
    return Notice(
        ref=entry.ref,
        route=ExceptionRoute.SPECIAL_URGENCY,
        heading=f"Special urgency notice: {entry.title}",
        text=text,
        day=exc.notice,
    )


def _long(day: dt.date | None) -> str:
    return long_date(day) if day else "(date not given)"


def _sentence(text: str) -> str:
    text = " ".join(text.split()).rstrip(".")
    return f"{text[:1].lower()}{text[1:]}." if text else "(reasons not given)."


# -- the whole plan ---------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class PlanCheck:
    """A plan with every entry checked, in date order (unscheduled last)."""

    plan: ForwardPlan
    checks: tuple[EntryCheck, ...]
    findings: tuple[Finding, ...]  # every entry's, then the schedule's
    rules: DecisionRules = attrs.field(factory=DecisionRules)  # the periods checked, printed

    @property
    def breaches(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.level is Level.BREACH)

    @property
    def notices(self) -> tuple[Notice, ...]:
        return tuple(n for c in self.checks for n in c.notices)

    def context(self) -> dict[str, object]:
        return {"fp": self}


def check_plan(
    plan: ForwardPlan,
    calendar: WorkingCalendar,
    rules: DecisionRules | None = None,
    *,
    schedule: Schedule | None = None,
    council: Council | None = None,
) -> PlanCheck:
    """Every entry checked against the notice rules, and against the schedule's meetings."""
    rules = rules or DecisionRules()
    checks = [
        check_entry(e, calendar, rules, scrutiny_chair=plan.scrutiny_chair) for e in plan.entries
    ]
    checks.sort(key=lambda c: (c.entry.day is None, c.entry.day or dt.date.min, c.entry.ref))
    findings = [f for c in checks for f in c.findings]
    findings.extend(_schedule_findings(plan.entries, schedule, council, plan.source))
    return PlanCheck(plan=plan, checks=tuple(checks), findings=tuple(findings), rules=rules)


def _schedule_findings(
    entries: Sequence[Entry], schedule: Schedule | None, council: Council | None, source: str
) -> list[Finding]:
    out: list[Finding] = []
    if council is not None:
        known = {b.id for b in council.bodies}
        for e in entries:
            if e.body is not None and e.body not in known:
                out.append(
                    Finding(
                        ref=e.ref,
                        level=Level.BREACH,
                        rule="council file",
                        message=f"{source}: body {e.body!r} is not a body of {council.name};"
                        f" valid: {', '.join(sorted(known))}",
                    )
                )
    if schedule is None or not schedule.meetings:
        return out
    held: dict[str, set[dt.date]] = {}
    for m in schedule.meetings:
        if str(m.status) != "cancelled":
            held.setdefault(m.body, set()).add(m.start.date())
    first = min(m.start.date() for m in schedule.meetings)
    last = max(m.start.date() for m in schedule.meetings)
    for e in entries:
        day = e.day
        if e.body is None or day is None:
            continue
        if not first <= day <= last:
            out.append(_note(e, "schedule", f"{e.day} is outside the schedule ({first} to {last})"))
            continue
        days = held.get(e.body, set())
        if day in days:
            continue
        near = sorted(days, key=lambda d: (abs((d - day).days), d))[:2]
        hint = f"; its nearest: {', '.join(str(d) for d in sorted(near))}" if near else ""
        out.append(
            Finding(
                ref=e.ref,
                level=Level.BREACH,
                rule="schedule",
                message=f"{e.body} has no meeting on {e.day} in the schedule{hint}",
            )
        )
    return out


# -- output ----------------------------------------------------------------------------------

CSV_COLUMNS = (
    "ref",
    "title",
    "decision_maker",
    "body",
    "date",
    "key",
    "executive",
    "wards",
    "private",
    "private_reason",
    "documents",
    "contact",
    "first_published",
    "notice_by",
    "route",
    "findings",
)


def _row(c: EntryCheck) -> dict[str, Any]:
    e = c.entry
    return {
        "ref": e.ref,
        "title": e.title,
        "decision_maker": e.decision_maker,
        "body": e.body,
        "date": e.day.isoformat() if e.day else None,
        "key": e.key,
        "executive": e.executive,
        "purpose": e.purpose,
        "wards": list(e.wards),
        "private": list(e.private),
        "private_reason": e.private_reason,
        "documents": list(e.documents),
        "contact": e.contact,
        "first_published": e.first_published.isoformat(),
        "notice_by": c.notice_by.isoformat() if c.notice_by else None,
        "route": c.route.value if c.route else None,
        "private_notice_by": c.private_notice_by.isoformat() if c.private_notice_by else None,
        "private_final_notice_by": (
            c.private_final_notice_by.isoformat() if c.private_final_notice_by else None
        ),
        "findings": [f.to_dict() for f in c.findings],
    }


def plan_json(check: PlanCheck) -> str:
    data = {
        "council": check.plan.council,
        "published": check.plan.published.isoformat(),
        "decisions": [_row(c) for c in check.checks],
        "notices": [
            {
                "ref": n.ref,
                "route": n.route.value,
                "heading": n.heading,
                "text": n.text,
                "date": n.day.isoformat() if n.day else None,
            }
            for n in check.notices
        ],
        "findings": [f.to_dict() for f in check.findings],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def plan_csv(check: PlanCheck) -> str:
    rows = []
    for c in check.checks:
        row = _row(c)
        row["findings"] = [f"{f['level']}: {f['message']}" for f in row["findings"]]
        rows.append(row)
    return csv_text(CSV_COLUMNS, rows)
