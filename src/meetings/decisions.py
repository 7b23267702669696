"""Decisions: the notice rules for executive decisions, call-in, and the decision records the
minutes of a meeting produce.

The rules (England: the Local Authorities (Executive Arrangements) (Meetings and Access to
Information) (England) Regulations 2012, SI 2012/2089):

- a key decision is taken only after notice of it has been in the forward plan for at least
  28 clear days (reg 9);
- where that is impracticable, the general exception: the chair of the relevant overview and
  scrutiny committee is told in writing and a public notice is published, at least 5 clear
  days before the decision (reg 10);
- where even that is impracticable, special urgency: the chair of the overview and scrutiny
  committee agrees the decision is urgent and cannot reasonably be deferred; if there is no
  such chair or the chair is unable to act, the chair of the council, or failing that its
  vice-chair (reg 11);
- a written record of each executive decision is published as soon as reasonably practicable
  (regs 12 and 13);
- an overview and scrutiny committee may call in a decision made but not implemented (Local
  Government Act 2000 s.9F(4)(a)); the constitution fixes the period: a number of working
  days after the decision notice is published (a council setting, five by default), and the
  decision may be implemented after it.

Decisions of committees under a committee system, and of full Council, are recorded too; the
call-in dates apply only to executive decisions.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from meetings.committee import CALL_IN_WORKING_DAYS, DECISION_NOTICE_WORKING_DAYS
from meetings.dates import (
    DayCount,
    NoticeRules,
    WorkingCalendar,
    latest_notice_date,
    latest_publication_date,
)
from meetings.minutes import MinuteKind, Minutes, Outcome
from meetings.text import csv_text

if TYPE_CHECKING:
    from meetings.committee import Council
    from meetings.forwardplan import ForwardPlan


class NoticeRoute(enum.StrEnum):
    """How a key decision came to be taken lawfully, or that it was not."""

    FORWARD_PLAN = "forward-plan"  # 28 clear days in the forward plan (reg 9)
    GENERAL_EXCEPTION = "general-exception"  # reg 10
    SPECIAL_URGENCY = "special-urgency"  # reg 11
    NONE = "none"  # a key decision with none of the above: a breach

    def describe(self, rules: DecisionRules | None = None) -> str:
        """The route in words, with the period of `rules` as the forward plan states it (a
        council may change it): "Forward plan (28 clear days, reg 9)", or "(28 clear working
        days, reg 9)" where the council counts working days."""
        if self is NoticeRoute.FORWARD_PLAN:
            return f"Forward plan ({(rules or DecisionRules()).published_period()}, reg 9)"
        return {
            NoticeRoute.GENERAL_EXCEPTION: "General exception (reg 10)",
            NoticeRoute.SPECIAL_URGENCY: "Special urgency (reg 11)",
            NoticeRoute.NONE: "No lawful notice",
        }[self]


def clear_days_text(days: int, counting: DayCount | None = None) -> str:
    """A notice period in words, "5 clear days"; given how the days are counted (disputed for
    the 28 days, RULES.md), it says so: "28 clear calendar days"."""
    counted = f"{counting.value} " if counting is not None else ""
    return f"{days} clear {counted}days"


def _non_negative(_: object, attribute: attrs.Attribute[int], value: int) -> None:
    if value < 0:
        raise ValueError(f"{attribute.name} must be 0 or more, not {value}")


_STATUTORY = NoticeRules()  # the notice rules' own defaults, which these share


@attrs.frozen(kw_only=True)
class DecisionRules:
    """A council's settings for executive decisions; the defaults are the statutory ones."""

    # A key decision in the forward plan: 28 clear days (SI 2012/2089 reg 9).
    key_decision_clear_days: int = attrs.field(
        default=_STATUTORY.key_decision_clear_days, validator=_non_negative
    )
    # General exception: notice to the scrutiny chair and the public, 5 clear days (reg 10).
    exception_clear_days: int = attrs.field(default=5, validator=_non_negative)
    # Whether the 28 days are calendar or working days is disputed (RULES.md): a setting.
    counting: DayCount = _STATUTORY.long_notice_counting
    # Call-in: the constitution's period after the decision notice is published (s.9F(4)(a)).
    call_in_working_days: int = attrs.field(default=CALL_IN_WORKING_DAYS, validator=_non_negative)
    # Regs 12 and 13 say "as soon as reasonably practicable"; when the minutes do not give
    # the day the decisions were published, it is taken to be this many working days after the
    # meeting (council custom, not statute).
    decision_notice_working_days: int = attrs.field(
        default=DECISION_NOTICE_WORKING_DAYS, validator=_non_negative
    )
    # Constitutions commonly exempt decisions taken under special urgency from call-in (the
    # delay would harm the public interest that made them urgent); a setting.
    urgent_exempt_from_call_in: bool = True

    @classmethod
    def for_council(cls, council: Council | None) -> DecisionRules:
        """The rules of `council`: its key-decision day count, and its call-in period when the
        council file gives one (`call_in_working_days`, committee.CALL_IN_WORKING_DAYS)."""
        if council is None:
            return cls()
        rules = council.notice_rules
        return cls(
            key_decision_clear_days=rules.key_decision_clear_days,
            counting=rules.long_notice_counting,
            call_in_working_days=council.call_in_working_days,
            decision_notice_working_days=council.decision_notice_working_days,
        )

    # -- the periods in words, for the messages and notices ----------------------------
    def key_decision_period(self, *, counted: bool = False) -> str:
        """Reg 9's period: "28 clear days", or with `counted`, "28 clear calendar days"."""
        return clear_days_text(self.key_decision_clear_days, self.counting if counted else None)

    def published_period(self) -> str:
        """Reg 9's period as the forward plan states it: "28 clear days", or "28 clear
        working days" where the council counts working days."""
        return self.key_decision_period(counted=self.counting is DayCount.WORKING)

    def exception_period(self) -> str:
        """Reg 10's period (and reg 5(3)'s): "5 clear days"."""
        return clear_days_text(self.exception_clear_days)

    # -- the dates ----------------------------------------------------------------------
    def key_decision_notice_by(self, day: dt.date, calendar: WorkingCalendar) -> dt.date:
        """The last day a key decision on `day` can enter the forward plan (reg 9)."""
        return latest_notice_date(
            day, self.key_decision_clear_days, calendar, counting=self.counting
        )

    def general_exception_notice_by(self, day: dt.date, calendar: WorkingCalendar) -> dt.date:
        """The last day for the reg 10 notice to the scrutiny chair and the public: clear
        working days, as for the agenda (LGA 1972 s.100B(3); R v Swansea CC, ex p Elitestone)."""
        return latest_publication_date(day, self.exception_clear_days, calendar)

    def decision_notice(self, day: dt.date, calendar: WorkingCalendar) -> dt.date:
        """When the decisions of a meeting on `day` are taken to be published (regs 12, 13)."""
        if self.decision_notice_working_days == 0:
            return day
        return calendar.add_working_days(day, self.decision_notice_working_days)

    def call_in(self, published: dt.date, calendar: WorkingCalendar) -> tuple[dt.date, dt.date]:
        """(last day to call the decision in, first day it may be implemented): the period
        runs for `call_in_working_days` working days after the notice is published, and the
        decision may be implemented on the next working day."""
        deadline = calendar.add_working_days(published, self.call_in_working_days)
        return deadline, calendar.add_working_days(deadline, 1)


def is_executive(minutes: Minutes, council: Council | None = None) -> bool:
    """Whether the decisions in `minutes` are executive decisions: a single decision-maker's
    meeting (seed 003, a portfolio holder) or a body of an executive kind."""
    if minutes.decision_maker:
        return True
    if council is None:
        return False
    body = council.body(minutes.body)
    return body.kind.executive


# -- the record ------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class DecisionRecord:
    """One decision of a meeting: a resolution carried, or a single decision-maker's decision."""

    body: str
    body_name: str
    day: dt.date
    minute: int
    index: int  # 1, 2… among the minute's decisions
    title: str  # the minute's title
    wording: str
    outcome: str  # unanimous, carried (a resolution); agreed, noted, requested (a decision)
    decision_maker: str
    executive: bool = False
    key_decision: bool = False
    forward_plan: str | None = None  # the forward plan entry's reference
    route: NoticeRoute | None = None  # for a key decision
    exempt: tuple[int, ...] = ()  # Sch 12A paragraphs: the wording is withheld
    published: dt.date | None = None
    call_in_deadline: dt.date | None = None
    implement_from: dt.date | None = None

    @property
    def key(self) -> str:
        """The natural key: body, meeting date, minute and position."""
        return f"{self.body}/{self.day.isoformat()}/{self.minute}/{self.index}"

    @property
    def reference(self) -> str:
        """The minute number, with the decision's place after the first: "17", "17/2"."""
        return str(self.minute) if self.index == 1 else f"{self.minute}/{self.index}"

    def open_to_call_in(self, today: dt.date) -> bool:
        """Published and still within its call-in period on `today`."""
        if self.call_in_deadline is None or self.published is None:
            return False
        return self.published <= today <= self.call_in_deadline

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "body": self.body,
            "body_name": self.body_name,
            "date": self.day.isoformat(),
            "minute": self.minute,
            "index": self.index,
            "title": self.title,
            "wording": self.wording,
            "outcome": self.outcome,
            "decision_maker": self.decision_maker,
            "executive": self.executive,
            "key_decision": self.key_decision,
            "forward_plan": self.forward_plan,
            "route": self.route.value if self.route else None,
            "exempt": list(self.exempt),
            "published": iso_day(self.published),
            "call_in_deadline": iso_day(self.call_in_deadline),
            "implement_from": iso_day(self.implement_from),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> DecisionRecord:
        return cls(
            body=data["body"],
            body_name=data["body_name"],
            day=dt.date.fromisoformat(data["date"]),
            minute=int(data["minute"]),
            index=int(data["index"]),
            title=data["title"],
            wording=data["wording"],
            outcome=data["outcome"],
            decision_maker=data["decision_maker"],
            executive=bool(data["executive"]),
            key_decision=bool(data["key_decision"]),
            forward_plan=data.get("forward_plan"),
            route=NoticeRoute(data["route"]) if data.get("route") else None,
            exempt=tuple(int(p) for p in data.get("exempt", ())),
            published=optional_day(data.get("published")),
            call_in_deadline=optional_day(data.get("call_in_deadline")),
            implement_from=optional_day(data.get("implement_from")),
        )


# The optional dates of a record, to and from their ISO text (JSON here, the register's rows).
def iso_day(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def optional_day(text: object) -> dt.date | None:
    return dt.date.fromisoformat(text) if isinstance(text, str) and text else None


@attrs.frozen(kw_only=True)
class DecisionQuery:
    """A filter over decision records; every field given must match."""

    body: str | None = None
    since: dt.date | None = None  # meetings on or after
    until: dt.date | None = None  # meetings on or before
    key_only: bool = False
    open_on: dt.date | None = None  # only decisions open to call-in on this day

    def matches(self, record: DecisionRecord) -> bool:
        return (
            (self.body is None or record.body == self.body)
            and (self.since is None or record.day >= self.since)
            and (self.until is None or record.day <= self.until)
            and (not self.key_only or record.key_decision)
            and (self.open_on is None or record.open_to_call_in(self.open_on))
        )


# -- from minutes ------------------------------------------------------------------------------


def withheld(paragraphs: Iterable[int]) -> str:
    """The wording published for a decision taken in private (LGA 1972 s.100C(1): the public
    record excludes exempt information; SI 2012/2089 reg 20 for executive records)."""
    from meetings.agenda import exclusion_resolution  # noqa: PLC0415 - same layer, one use

    return (
        "Decision taken in private; its wording is withheld as exempt information under"
        f" {exclusion_resolution(paragraphs)} to the Local Government Act 1972."
    )


def decision_records(
    minutes: Minutes,
    *,
    calendar: WorkingCalendar,
    rules: DecisionRules | None = None,
    executive: bool = False,
    plan: ForwardPlan | None = None,
) -> tuple[DecisionRecord, ...]:
    """Every decision in `minutes`: each resolution carried (a lost motion decides nothing)
    and each decision of a single decision-maker, in minute order.

    A minute marked `key_decision`, or matching a key entry of `plan` (by its `forward_plan`
    reference, else by body, date and title), is a key decision, with the notice route the
    plan's check gives it (`none` when it is not in the plan at all). Executive decisions get
    their call-in deadline and implementation date from the day the decisions were published
    (the minutes' `decisions_published`, else the rules' custom).
    """
    r = rules or DecisionRules()
    published = minutes.decisions_published or r.decision_notice(minutes.day, calendar)
    maker = minutes.decision_maker or minutes.body_name
    out: list[DecisionRecord] = []
    for minute in minutes.minutes:
        texts: list[tuple[str, str]] = []
        for res in minute.resolutions:
            if res.outcome is Outcome.LOST:
                continue
            wording = " ".join(f"{label} {text}".strip() for label, text in res.labelled_parts())
            texts.append((wording, res.outcome.value))
        texts.extend((d.text, d.verb.value) for d in minute.decisions)
        if not texts:
            continue
        entry = (
            plan.entry_for(minutes.body, minutes.day, minute.title, minute.forward_plan)
            if (plan is not None)
            else None
        )
        key = minute.key_decision or bool(entry and entry.key)
        route: NoticeRoute | None = None
        if key:
            if plan is not None and entry is not None:
                # The notice is judged against the day the decision was taken, which may not
                # be the day the plan expected (or the plan left it unscheduled).
                route = plan.route(attrs.evolve(entry, day=minutes.day), calendar, r)
            route = route or NoticeRoute.NONE
        exempt = minute.exempt if minute.kind is not MinuteKind.EXCLUSION else ()
        deadline = implement = None
        exempt_from_call_in = r.urgent_exempt_from_call_in and route is NoticeRoute.SPECIAL_URGENCY
        if executive and not exempt_from_call_in:
            deadline, implement = r.call_in(published, calendar)
        for index, (wording, outcome) in enumerate(texts, start=1):
            out.append(
                DecisionRecord(
                    body=minutes.body,
                    body_name=minutes.body_name,
                    day=minutes.day,
                    minute=minute.number,
                    index=index,
                    title=minute.title,
                    wording=withheld(exempt) if exempt else wording,
                    outcome=outcome,
                    decision_maker=maker,
                    executive=executive,
                    key_decision=key,
                    forward_plan=(entry.ref if entry else minute.forward_plan),
                    route=route,
                    exempt=exempt,
                    published=published,
                    call_in_deadline=deadline,
                    implement_from=implement,
                )
            )
    return tuple(out)


# -- output ----------------------------------------------------------------------------------

CSV_COLUMNS = (
    "key",
    "date",
    "body",
    "body_name",
    "minute",
    "index",
    "title",
    "wording",
    "outcome",
    "decision_maker",
    "executive",
    "key_decision",
    "forward_plan",
    "route",
    "exempt",
    "published",
    "call_in_deadline",
    "implement_from",
)


def decisions_json(records: Iterable[DecisionRecord], *, council: str = "") -> str:
    data = {"council": council, "decisions": [r.to_dict() for r in records]}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def decisions_csv(records: Iterable[DecisionRecord]) -> str:
    return csv_text(CSV_COLUMNS, (r.to_dict() for r in records))
