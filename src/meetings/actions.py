"""Actions raised at meetings (or elsewhere) and the action list put to the next meeting.

An action is an informal request raised in debate, separate from the resolutions carried
(seed 000's action list: "All actions listed are those which are informally raised by
Members ... which do not form part of ... any motion(s) carried"). Each has where it arose
(a minute of a meeting, or another source such as an assessment element "4.1.2"), details,
a due form, responsible officers' codes, a status from the council's vocabulary and a history
of status changes. Whether it is overdue is derived from its due date and a `today` that the
caller passes in; it is never stored.

Storage is behind the small `ActionStore` protocol: `register.Register` (SQLite) is one
implementation, `MemoryStore` here another, and a council's own system can be a third.
"""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import enum
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Protocol, runtime_checkable

import attrs

from meetings.errors import RegisterError
from meetings.text import md_text, plain_date

# The default vocabulary (seed 000's action list uses "On Target to Complete" and "Ongoing").
DEFAULT_STATUSES: tuple[str, ...] = (
    "Not Started",
    "On Target to Complete",
    "Ongoing",
    "Completed",
    "Superseded",
)
# Statuses of the default vocabulary that end an action: it is shown once more on an action
# list, then dropped. A council with its own vocabulary says which of its statuses close one
# (`closing_statuses`).
CLOSED_STATUSES: frozenset[str] = frozenset({"Completed", "Superseded"})


class WorkingDays(Protocol):
    """What a due date of "N working days from a date" needs (dates.WorkingCalendar has it)."""

    def add_working_days(self, day: dt.date, n: int, /) -> dt.date: ...


class DueKind(enum.StrEnum):
    """The forms a due date takes on council action lists."""

    DATE = "date"  # a day
    MONTH = "month"  # "Due by Mar-19"
    ONGOING = "ongoing"  # "Due by Ongoing": never overdue
    NEXT_MEETING = "next-meeting"  # by the body's next meeting (its date once known)
    WORKING_DAYS = "working-days"  # N working days from a date (seeds 001/004: reply in 10)


def _month_end(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


@attrs.frozen(kw_only=True)
class Due:
    """When an action is due. `day` is the deadline (None for ongoing or an unknown meeting)."""

    kind: DueKind
    day: dt.date | None = None
    working_days: int | None = None
    start: dt.date | None = None

    # -- constructors ---------------------------------------------------------------------
    @classmethod
    def on(cls, day: dt.date) -> Due:
        return cls(kind=DueKind.DATE, day=day)

    @classmethod
    def month(cls, year: int, month: int) -> Due:
        return cls(kind=DueKind.MONTH, day=dt.date(year, month, 1))

    @classmethod
    def ongoing(cls) -> Due:
        return cls(kind=DueKind.ONGOING)

    @classmethod
    def next_meeting(cls, day: dt.date | None = None) -> Due:
        return cls(kind=DueKind.NEXT_MEETING, day=day)

    @classmethod
    def after_working_days(cls, start: dt.date, n: int, calendar: WorkingDays) -> Due:
        """N working days from `start`, counted by the council's working calendar."""
        return cls(
            kind=DueKind.WORKING_DAYS,
            day=calendar.add_working_days(start, n),
            working_days=n,
            start=start,
        )

    @classmethod
    def parse(
        cls,
        value: object,
        *,
        calendar: WorkingDays | None = None,
        next_meeting: dt.date | None = None,
        start: dt.date | None = None,
    ) -> Due:
        """A due value as written in a meeting file or on the command line.

        A date (TOML, or "2019-03-05"); "2019-03" (a month); "ongoing"; "next meeting";
        "10 working days" (from `start`); or a table `{working_days = 10, from = 2024-01-10}`.
        Raises ValueError naming what is valid.
        """
        valid = (
            "valid: a date (2019-03-05), a month ('2019-03'), 'ongoing', 'next meeting', "
            "'10 working days', or {working_days = 10, from = 2024-01-10}"
        )
        if type(value) is dt.date:
            return cls.on(value)
        if isinstance(value, str):
            text = " ".join(value.strip().lower().split())
            if text == "ongoing":
                return cls.ongoing()
            if text in ("next meeting", "next-meeting"):
                return cls.next_meeting(next_meeting)
            words = text.split(" ")
            if len(words) == 3 and words[0].isdigit() and words[1:] == ["working", "days"]:
                value = {"working_days": int(words[0]), "from": start}
            else:
                for form, make in (("%Y-%m-%d", cls.on), ("%Y-%m", None)):
                    try:
                        day = dt.datetime.strptime(text, form).date()
                    except ValueError:
                        continue
                    return make(day) if make else cls.month(day.year, day.month)
                raise ValueError(f"{value!r} is not a due date; {valid}")
        if isinstance(value, Mapping):
            n, begin = value.get("working_days"), value.get("from")
            if type(n) is int and n >= 0 and set(value) == {"working_days", "from"}:
                if type(begin) is not dt.date:
                    raise ValueError("a due date in working days needs the date to count from")
                if calendar is None:
                    raise ValueError("working-day due dates need the council's working calendar")
                return cls.after_working_days(begin, n, calendar)
        raise ValueError(f"{value!r} is not a due date; {valid}")

    # -- reading ----------------------------------------------------------------------------
    @property
    def deadline(self) -> dt.date | None:
        """The last day on which the action is still on time."""
        if self.day is None:
            return None
        return _month_end(self.day) if self.kind is DueKind.MONTH else self.day

    def label(self) -> str:
        """How an action list prints it after "Due by": "Mar-19", "Ongoing"…"""
        match self.kind:
            case DueKind.MONTH:
                assert self.day is not None
                return f"{self.day:%b-%y}"
            case DueKind.ONGOING:
                return "Ongoing"
            case DueKind.NEXT_MEETING:
                return (
                    "Next meeting" if self.day is None else f"Next meeting ({plain_date(self.day)})"
                )
            case DueKind.WORKING_DAYS:
                assert self.day is not None
                assert self.start is not None
                days = f"{self.working_days} working days from {plain_date(self.start)}"
                return f"{plain_date(self.day)} ({days})"
            case _:
                assert self.day is not None
                return plain_date(self.day)

    # -- storage token --------------------------------------------------------------------------
    def token(self) -> str:
        """A compact, lossless text form for the register and JSON ("month:2019-03")."""
        match self.kind:
            case DueKind.ONGOING:
                return "ongoing"
            case DueKind.NEXT_MEETING:
                return "next-meeting" if self.day is None else f"next-meeting:{self.day}"
            case DueKind.MONTH:
                assert self.day is not None
                return f"month:{self.day:%Y-%m}"
            case DueKind.WORKING_DAYS:
                return f"working-days:{self.working_days}:{self.start}:{self.day}"
            case _:
                return f"date:{self.day}"

    @classmethod
    def from_token(cls, token: str) -> Due:
        kind, _, rest = token.partition(":")
        try:
            match DueKind(kind):
                case DueKind.ONGOING:
                    return cls.ongoing()
                case DueKind.NEXT_MEETING:
                    return cls.next_meeting(dt.date.fromisoformat(rest) if rest else None)
                case DueKind.MONTH:
                    year, month = rest.split("-")
                    return cls.month(int(year), int(month))
                case DueKind.WORKING_DAYS:
                    n, start, day = rest.split(":")
                    return cls(
                        kind=DueKind.WORKING_DAYS,
                        day=dt.date.fromisoformat(day),
                        working_days=int(n),
                        start=dt.date.fromisoformat(start),
                    )
                case _:
                    return cls.on(dt.date.fromisoformat(rest))
        except ValueError:
            raise ValueError(f"{token!r} is not a stored due date") from None


@attrs.frozen(kw_only=True)
class Origin:
    """Where an action arose: a minute of a body's meeting, or another source.

    A minute: body id, meeting date, minute number and title ("17. - Introduction of
    Paperless Committee Meetings"). Another source: `reference` such as an assessment element
    "4.1.2", with a title and the date it was raised.
    """

    title: str
    raised: dt.date
    body: str | None = None
    minute: int | None = None
    reference: str | None = None

    @property
    def is_minute(self) -> bool:
        return self.body is not None and self.minute is not None

    def label(self) -> str:
        """The action list's "Minute Ref. / Item of Business" column."""
        if self.minute is not None:
            return f"{self.minute}. - {self.title}"
        if self.reference:
            return f"{self.reference} - {self.title}" if self.title else self.reference
        return self.title

    def key(self) -> str:
        """The natural key of the source; with the action's index it identifies an action."""
        if self.body is not None:
            minute = "" if self.minute is None else str(self.minute)
            return f"{self.body}/{self.raised}/{minute}"
        return f"source:{self.reference or self.title}/{self.raised}"


@attrs.frozen(kw_only=True)
class StatusChange:
    """One entry in an action's history."""

    day: dt.date
    status: str
    note: str = ""


@attrs.frozen(kw_only=True)
class Action:
    """One action. `id` is given by the store; `index` numbers it within its source."""

    origin: Origin
    index: int
    details: str
    due: Due
    officers: tuple[str, ...] = ()
    history: tuple[StatusChange, ...] = ()
    id: int | None = None

    @property
    def key(self) -> str:
        """Natural key: body + meeting date + minute + action index (importing twice adds none)."""
        return f"{self.origin.key()}/{self.index}"

    @property
    def status(self) -> str:
        return self.history[-1].status if self.history else DEFAULT_STATUSES[0]

    def status_on(self, day: dt.date) -> str | None:
        """The status as it stood at the end of `day` (None before the action existed)."""
        current = None
        for change in self.history:
            if change.day <= day:
                current = change.status
        return current

    def closed_on(self, closed: frozenset[str] = CLOSED_STATUSES) -> dt.date | None:
        """When the action was (last) closed, if it is closed now."""
        if not self.history or self.status not in closed:
            return None
        day = self.history[-1].day
        for change in reversed(self.history):
            if change.status not in closed:
                break
            day = change.day
        return day

    def is_open(self, closed: frozenset[str] = CLOSED_STATUSES) -> bool:
        return self.status not in closed

    def is_overdue(self, today: dt.date, closed: frozenset[str] = CLOSED_STATUSES) -> bool:
        """Open and past its deadline. Derived from `today`, never stored."""
        deadline = self.due.deadline
        if self.due.kind is DueKind.ONGOING or deadline is None:
            return False
        return self.is_open(closed) and today > deadline

    def with_status(self, status: str, day: dt.date, note: str = "") -> Action:
        if self.history and day < self.history[-1].day:
            raise RegisterError(
                f"action {self.id or self.key}: a change dated {day} is earlier than its last"
                f" change ({self.history[-1].day}); give --date on or after it"
            )
        return attrs.evolve(
            self, history=(*self.history, StatusChange(day=day, status=status, note=note))
        )

    # -- JSON -------------------------------------------------------------------------------------
    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "key": self.key,
            "body": self.origin.body,
            "raised": self.origin.raised.isoformat(),
            "minute": self.origin.minute,
            "reference": self.origin.reference,
            "title": self.origin.title,
            "index": self.index,
            "details": self.details,
            "due": self.due.token(),
            "officers": list(self.officers),
            "history": [
                {"date": c.day.isoformat(), "status": c.status, "note": c.note}
                for c in self.history
            ],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> Action:
        """The inverse of `to_dict`; raises ValueError naming the bad field."""

        def get(key: str, kind: type, optional: bool = False) -> object:
            value = data.get(key)
            if value is None and optional:
                return None
            if not isinstance(value, kind) or (isinstance(value, bool) and kind is int):
                raise ValueError(f"{key}: expected {kind.__name__}, found {value!r}")
            return value

        history = get("history", list)
        officers = get("officers", list)
        assert isinstance(history, list)
        assert isinstance(officers, list)
        changes = []
        for i, raw in enumerate(history):
            if not isinstance(raw, dict) or not isinstance(raw.get("status"), str):
                raise ValueError(f"history[{i}]: expected {{date, status, note}}, found {raw!r}")
            changes.append(
                StatusChange(
                    day=dt.date.fromisoformat(str(raw.get("date"))),
                    status=raw["status"],
                    note=str(raw.get("note") or ""),
                )
            )
        ident = get("id", int, optional=True)
        minute = get("minute", int, optional=True)
        return cls(
            id=ident if isinstance(ident, int) else None,
            origin=Origin(
                body=str(data["body"]) if data.get("body") is not None else None,
                raised=_iso_day(str(get("raised", str)), "raised"),
                minute=minute if isinstance(minute, int) else None,
                reference=str(data["reference"]) if data.get("reference") is not None else None,
                title=str(get("title", str)),
            ),
            index=int(str(get("index", int))),
            details=str(get("details", str)),
            due=Due.from_token(str(get("due", str))),
            officers=tuple(str(o) for o in officers),
            history=tuple(changes),
        )


@attrs.frozen(kw_only=True)
class ActionQuery:
    """Filters for listing actions; `today` is needed only for `overdue`."""

    open_only: bool = False
    overdue: bool = False
    officer: str | None = None
    body: str | None = None
    today: dt.date | None = None
    closed: frozenset[str] = CLOSED_STATUSES

    def matches(self, action: Action) -> bool:
        if self.open_only and not action.is_open(self.closed):
            return False
        if self.overdue:
            if self.today is None:
                raise RegisterError("listing overdue actions needs today's date")
            if not action.is_overdue(self.today, self.closed):
                return False
        if self.officer is not None and self.officer not in action.officers:
            return False
        return self.body is None or action.origin.body == self.body


@runtime_checkable
class ActionStore(Protocol):
    """Where actions are kept. `register.Register` is the SQLite implementation."""

    def add(self, actions: Iterable[Action]) -> tuple[Action, ...]:
        """Record actions not yet stored (by natural key), all or none; return the new ones."""
        ...

    def get(self, ident: int) -> Action:
        """The action with this id (RegisterError when there is none)."""
        ...

    def update(self, ident: int, *, status: str, day: dt.date, note: str = "") -> Action:
        """Append a status change to an action's history; return the updated action."""
        ...

    def find(self, query: ActionQuery | None = None) -> tuple[Action, ...]:
        """Actions matching `query`, in id order."""
        ...


class MemoryStore:
    """An `ActionStore` in memory: for tests, and a template for a council's own store."""

    def __init__(self, actions: Iterable[Action] = ()) -> None:
        self._actions: dict[int, Action] = {}
        self.add(actions)

    def add(self, actions: Iterable[Action]) -> tuple[Action, ...]:
        staged = dict(self._actions)
        keys = {a.key for a in staged.values()}
        added = []
        for action in actions:  # staged, so an error part-way leaves the store unchanged
            if action.key in keys:
                continue
            ident = max(staged, default=0) + 1
            stored = attrs.evolve(action, id=ident)
            staged[ident] = stored
            keys.add(action.key)
            added.append(stored)
        self._actions = staged
        return tuple(added)

    def get(self, ident: int) -> Action:
        try:
            return self._actions[ident]
        except KeyError:
            raise RegisterError(f"no action {ident}") from None

    def update(self, ident: int, *, status: str, day: dt.date, note: str = "") -> Action:
        action = self.get(ident).with_status(status, day, note)
        self._actions[ident] = action
        return action

    def find(self, query: ActionQuery | None = None) -> tuple[Action, ...]:
        q = query or ActionQuery()
        return tuple(a for _, a in sorted(self._actions.items()) if q.matches(a))


def _iso_day(text: str, key: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{key}: {text!r} is not a date like 2019-01-15") from None


def add_action(
    store: ActionStore,
    *,
    origin: Origin,
    details: str,
    due: Due,
    officers: Sequence[str] = (),
    status: str = DEFAULT_STATUSES[0],
    note: str = "",
) -> Action:
    """Record one action by hand (an assessment's area for improvement, a complaint to answer);
    it takes the next free index for its origin, so adding it again adds a second one."""
    query = ActionQuery(body=origin.body) if origin.body else None
    # Several people (or processes) adding actions of one origin at once: each attempt reads
    # the indexes taken, and the register's insert of a taken key adds nothing, so a loser
    # reads again and takes the next index. Writers are serialised (BEGIN IMMEDIATE), so with
    # N writers no attempt fails more than N times.
    for _attempt in range(ADD_ATTEMPTS):
        taken = {a.index for a in store.find(query) if a.origin.key() == origin.key()}
        action = Action(
            origin=origin,
            index=max(taken, default=0) + 1,
            details=details,
            due=due,
            officers=tuple(officers),
            history=(StatusChange(day=origin.raised, status=status, note=note),),
        )
        added = store.add([action])
        if added:
            return added[0]
    raise RegisterError(
        f"action {action.key}: {ADD_ATTEMPTS} other actions of the same origin were added"
        " at the same moment; try again"
    )


ADD_ATTEMPTS = 100  # far more writers than a democratic services team has at once


def closing_statuses(
    vocabulary: Sequence[str] = DEFAULT_STATUSES, closed: Iterable[str] | None = None
) -> frozenset[str]:
    """The statuses of a council's `vocabulary` that close an action.

    `closed` names them; each must be in the vocabulary (ValueError listing it). By default
    they are the vocabulary's standard closing statuses (Completed, Superseded) or, when it
    has neither, its last status, as in ["Open", "In Hand", "Done"].
    """
    if closed is None:
        found = frozenset(vocabulary) & CLOSED_STATUSES
        return found or frozenset(vocabulary[-1:])
    chosen = frozenset(check_status(s, vocabulary) for s in closed)
    if not chosen:
        raise ValueError(f"no status closes an action; choose from: {', '.join(vocabulary)}")
    return chosen


def check_status(status: str, vocabulary: Sequence[str] = DEFAULT_STATUSES) -> str:
    """The status if the council's vocabulary has it (any case), else ValueError listing it."""
    for known in vocabulary:
        if known.casefold() == status.strip().casefold():
            return known
    close = difflib.get_close_matches(status.strip(), vocabulary, n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    raise ValueError(f"unknown status {status!r}; valid: {', '.join(vocabulary)}{hint}")


# -- the action list ------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class ActionListRow:
    number: int
    action: Action
    status: str
    overdue: bool
    carried_forward: bool


@attrs.frozen(kw_only=True)
class ActionList:
    """The action list on a meeting's agenda: what arose at the body's previous meeting."""

    body: str
    body_name: str
    meeting: dt.date  # the meeting whose agenda carries the list
    previous: dt.date  # the meeting the actions arose from
    as_of: dt.date
    rows: tuple[ActionListRow, ...]
    warnings: tuple[str, ...] = ()


def action_list(
    actions: Iterable[Action],
    *,
    body: str,
    body_name: str,
    meeting: dt.date,
    previous: dt.date,
    today: dt.date,
    closed: frozenset[str] = CLOSED_STATUSES,
) -> ActionList:
    """The action list for `meeting`: actions from `previous` plus earlier ones still open.

    Statuses are taken as they stood on `as_of` = the earlier of `today` and the day before the
    meeting (the list goes out with the agenda), so a list printed again later reads as it did
    then. An action closed before the previous meeting was reported closed on that meeting's
    list and is dropped; one closed since (on the previous meeting's day or later) is shown
    once, with its closing status.
    """
    as_of = min(today, meeting - dt.timedelta(days=1))
    rows: list[tuple[tuple[dt.date, int, int], Action, str, bool]] = []
    for action in actions:
        origin = action.origin
        if origin.body != body or origin.raised > previous:
            continue
        status = action.status_on(as_of)
        if status is None:
            continue
        carried = origin.raised < previous
        if carried and status in closed:
            closed_day = _closed_on(action, as_of, closed)
            if closed_day is None or closed_day < previous:
                continue
        rows.append(((origin.raised, origin.minute or 0, action.index), action, status, carried))
    rows.sort(key=lambda r: r[0])
    out = []
    for n, (_, action, status, carried) in enumerate(rows, start=1):
        as_then = attrs.evolve(action, history=tuple(c for c in action.history if c.day <= as_of))
        out.append(
            ActionListRow(
                number=n,
                action=action,
                status=status,
                overdue=as_then.is_overdue(as_of, closed),
                carried_forward=carried,
            )
        )
    return ActionList(
        body=body,
        body_name=body_name,
        meeting=meeting,
        previous=previous,
        as_of=as_of,
        rows=tuple(out),
    )


def _closed_on(action: Action, as_of: dt.date, closed: frozenset[str]) -> dt.date | None:
    upto = attrs.evolve(action, history=tuple(c for c in action.history if c.day <= as_of))
    return upto.closed_on(closed)


def actions_table(
    actions: Iterable[Action],
    today: dt.date | None = None,
    closed: frozenset[str] = CLOSED_STATUSES,
) -> str:
    """A Markdown table of actions for `meetings actions list` (Overdue shown when `today`)."""
    lines = [
        "| No. | Raised | Minute Ref. / Item of Business | Action Details | Due | Officers"
        " | Status |",
        "|---|---|---|---|---|---|---|",
    ]
    for a in actions:
        status = a.status
        if today is not None and a.is_overdue(today, closed):
            status += " (Overdue)"
        cells = [
            str(a.id or ""),
            f"{a.origin.body or ''} {a.origin.raised}".strip(),
            a.origin.label(),
            a.details,
            a.due.label(),
            ", ".join(a.officers),
            status,
        ]
        lines.append("| " + " | ".join(md_text(c) for c in cells) + " |")
    return "\n".join(lines) + "\n"


def actions_json(
    actions: Iterable[Action],
    today: dt.date | None = None,
    closed: frozenset[str] = CLOSED_STATUSES,
) -> str:
    """JSON for `meetings actions list --format json`; `overdue` derived when `today` given."""
    out = []
    for a in actions:
        entry = a.to_dict()
        entry["status"] = a.status
        if today is not None:
            entry["overdue"] = a.is_overdue(today, closed)
        out.append(entry)
    return json.dumps(out, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
