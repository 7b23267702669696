"""Minutes: the record of a held meeting, read from the `[minutes]` table of its meeting file.

The record has the attendance (chair, members present, substitutes, officers in attendance,
apologies), declarations of interest, each item's discussion and resolutions (moved and
seconded or by affirmation; unanimously, carried on a vote, or lost; numbered parts; or a
single decision-maker's AGREED / NOTED / REQUESTED), the exclusion of the press and public,
the close time, and the actions raised in debate. Minute numbers follow the council's
setting: per meeting, through the municipal year for the body, or council-wide.

Minutes are signed by the chair at the next suitable meeting (LGA 1972 Sch 12 para 41), so the
signature block carries the date of the body's next meeting.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from meetings import agenda
from meetings._private import Reader
from meetings.actions import (
    DEFAULT_STATUSES,
    Action,
    ActionList,
    ActionQuery,
    ActionStore,
    Due,
    Origin,
    StatusChange,
    WorkingDays,
    action_list,
    check_status,
    closing_statuses,
)
from meetings.committee import Body, Council, MinuteNumbering
from meetings.errors import DefinitionError, Problem
from meetings.people import Person, councillors, join_names, parse_listed_name


class InterestNature(enum.StrEnum):
    """The kinds of interest members declare (Localism Act 2011 codes use the first two;
    councils still on the 2007 model code use personal / prejudicial)."""

    PECUNIARY = "pecuniary"  # a disclosable pecuniary interest (Localism Act 2011 s.30)
    NON_PECUNIARY = "non-pecuniary"
    PERSONAL = "personal"
    PREJUDICIAL = "prejudicial"


class Outcome(enum.StrEnum):
    """How a motion ended."""

    UNANIMOUS = "unanimous"
    CARRIED = "carried"
    LOST = "lost"


class Verb(enum.StrEnum):
    """A single decision-maker's decisions (seed 003: the portfolio holder AGREED…)."""

    AGREED = "agreed"
    NOTED = "noted"
    REQUESTED = "requested"


class MinuteKind(enum.StrEnum):
    """Items whose text the minutes write from the attendance, or from the exempt paragraphs."""

    BUSINESS = "business"
    APOLOGIES = "apologies"
    SUBSTITUTES = "substitutes"
    DECLARATIONS = "declarations"
    EXCLUSION = "exclusion"


_ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii")


def roman(n: int) -> str:
    """Lower-case roman numeral for sub-resolution labels "(i)", "(ii)"…"""
    if 1 <= n <= len(_ROMAN):
        return _ROMAN[n - 1]
    out, rest = "", n
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c")):
        while rest >= value:
            out, rest = out + letters, rest - value
    for value, letters in ((90, "xc"), (50, "l"), (40, "xl"), (10, "x")):
        while rest >= value:
            out, rest = out + letters, rest - value
    return out + (_ROMAN[rest - 1] if rest else "")


def _councillor(name: str) -> str:
    return councillors([parse_listed_name(name)[0]])


# -- the record --------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Substitution:
    member: str  # the substitute, "J Kaufman"
    replaces: str  # "M L Darr"

    def sentence(self) -> str:
        """ "Councillor J Kaufman substituted for Councillor M L Darr." """
        return f"{_councillor(self.member)} substituted for {_councillor(self.replaces)}."


@attrs.frozen(kw_only=True)
class Attendee:
    """An officer in attendance: "Mrs A E Court (Chief Executive)"."""

    name: str
    role: str = ""


@attrs.frozen(kw_only=True)
class Declaration:
    member: str
    items: tuple[int, ...]  # the items (1-based positions in the minutes' items)
    nature: InterestNature
    details: str = ""
    action: str = ""  # what the member did: "left the room", "took no part in the vote"


@attrs.frozen(kw_only=True)
class Votes:
    for_: int
    against: int
    abstentions: int = 0

    def __str__(self) -> str:
        text = f"For {self.for_}, Against {self.against}"
        return f"{text}, Abstentions {self.abstentions}" if self.abstentions else text


@attrs.frozen(kw_only=True)
class Resolution:
    """A motion put to the meeting and what became of it."""

    parts: tuple[str, ...]
    outcome: Outcome = Outcome.UNANIMOUS
    moved: str | None = None  # None with `affirmation`
    seconded: str | None = None
    affirmation: bool = False
    votes: Votes | None = None

    @property
    def numbered(self) -> bool:
        return len(self.parts) > 1

    def labelled_parts(self) -> tuple[tuple[str, str], ...]:
        """(label, text): "(i)", "(ii)"… for several parts, "" for one."""
        if not self.numbered:
            return tuple(("", p) for p in self.parts)
        return tuple((f"({roman(i)})", p) for i, p in enumerate(self.parts, start=1))

    def preamble(self) -> str:
        """ "It was moved by the Chair, seconded by J Kaufman and" / "By affirmation…" """
        if self.affirmation:
            return "By affirmation of the meeting, it was"
        mover = self.moved or "the Chair"
        if self.outcome is Outcome.LOST:
            seconder = f" and seconded by {self.seconded}" if self.seconded else ""
            return f"It was moved by {mover}{seconder} that:"
        seconder = f", seconded by {self.seconded}" if self.seconded else ""
        return f"It was moved by {mover}{seconder} and"

    def verdict(self) -> str:
        """The line in capitals before the resolution (or after a lost motion)."""
        votes = f" ({self.votes})" if self.votes else ""
        match self.outcome:
            case Outcome.UNANIMOUS:
                return "UNANIMOUSLY RESOLVED THAT:"
            case Outcome.CARRIED:
                return f"RESOLVED THAT{votes}:"
            case _:
                return f"Upon being put to the vote, the motion was LOST{votes}."


@attrs.frozen(kw_only=True)
class Decision:
    verb: Verb
    text: str


@attrs.frozen(kw_only=True)
class RaisedAction:
    """An action raised in debate on an item, as the meeting file gives it."""

    details: str
    due: Due
    officers: tuple[str, ...] = ()
    status: str = DEFAULT_STATUSES[0]


@attrs.frozen(kw_only=True)
class Minute:
    number: int
    title: str
    kind: MinuteKind = MinuteKind.BUSINESS
    paragraphs: tuple[str, ...] = ()
    resolutions: tuple[Resolution, ...] = ()
    decisions: tuple[Decision, ...] = ()
    exempt: tuple[int, ...] = ()  # Sch 12A paragraphs: for an exclusion, or an exempt item
    actions: tuple[RaisedAction, ...] = ()
    key_decision: bool = False  # an executive key decision (SI 2012/2089 reg 8)
    forward_plan: str | None = None  # its forward plan entry's reference


@attrs.frozen(kw_only=True)
class Quorum:
    """The quorum check: members present (substitutes count for those they replace)."""

    present: int
    required: int | None  # None: no council given, so no rule to check against

    @property
    def quorate(self) -> bool | None:
        return None if self.required is None else self.present >= self.required


@attrs.frozen(kw_only=True)
class Minutes:
    council: str
    council_address: tuple[str, ...] = ()  # under "Printed and published by" (seed 000)
    body: str
    body_name: str
    day: dt.date
    start: dt.time | None
    venue: str | None
    chair: str | None
    chair_role: str = "Chair"  # "Portfolio Holder" for a single decision-maker's meeting
    attending: tuple[str, ...] = ()  # councillors in attendance who are not members
    present: tuple[str, ...]
    substitutes: tuple[Substitution, ...]
    officers: tuple[Attendee, ...]
    apologies: tuple[str, ...]
    declarations: tuple[Declaration, ...]
    minutes: tuple[Minute, ...]
    closed: dt.time | None
    signed: dt.date | None  # the next meeting, where the chair signs (Sch 12 para 41)
    decision_maker: str | None = None  # seed 003: "The ... Portfolio Holder"
    decisions_published: dt.date | None = None  # the decision notice (SI 2012/2089 regs 12-13)
    quorum: Quorum
    warnings: tuple[str, ...] = ()

    @property
    def numbers(self) -> tuple[int, int] | None:
        if not self.minutes:
            return None
        return self.minutes[0].number, self.minutes[-1].number

    def apologies_sentence(self) -> str:
        """ "An apology for absence was received from Councillors A, B and C." or "None." """
        if not self.apologies:
            return "None."
        people = [parse_listed_name(name)[0] for name in self.apologies]
        return f"An apology for absence was received from {councillors(people)}."

    def declaration_sentences(self) -> tuple[str, ...]:
        """ "Councillor X declared a non-pecuniary interest in minute 16 (Title): details" """
        by_item = dict(enumerate(self.minutes, start=1))
        out = []
        for d in self.declarations:
            which = [by_item[i] for i in d.items]
            refs = join_names(f"{m.number} ({m.title})" for m in which)
            details = f": {d.details.rstrip('.')}." if d.details else "."
            article = "an" if d.nature.value[0] in "aeiou" else "a"
            out.append(
                f"{_councillor(d.member)} declared {article} {d.nature.value} interest in"
                f" minute{'s' if len(which) > 1 else ''} {refs}{details}"
            )
        return tuple(out)

    def actions(self) -> tuple[Action, ...]:
        """The actions raised, ready for an `ActionStore` (natural key: body, date, minute)."""
        out = []
        for minute in self.minutes:
            origin = Origin(
                body=self.body, raised=self.day, minute=minute.number, title=minute.title
            )
            for index, raised in enumerate(minute.actions, start=1):
                out.append(
                    Action(
                        origin=origin,
                        index=index,
                        details=raised.details,
                        due=raised.due,
                        officers=raised.officers,
                        history=(
                            StatusChange(
                                day=self.day,
                                status=raised.status,
                                note=f"raised at the meeting (minute {minute.number})",
                            ),
                        ),
                    )
                )
        return tuple(out)

    def public(self) -> Minutes:
        """The minutes as published: an exempt item's discussion and decisions are withheld
        (the public's right to the minutes excludes exempt information, LGA 1972 s.100C(1)),
        leaving its title and a note of the paragraphs relied on."""
        out = []
        for minute in self.minutes:
            if minute.exempt and minute.kind is not MinuteKind.EXCLUSION:
                note = (
                    "This item was considered in private. The minute is not published: it"
                    " contains exempt information as defined in"
                    f" {agenda.exclusion_resolution(minute.exempt)} to the Local Government"
                    " Act 1972."
                )
                out.append(attrs.evolve(minute, paragraphs=(note,), resolutions=(), decisions=()))
            else:
                out.append(minute)
        return attrs.evolve(self, minutes=tuple(out))

    def context(self) -> dict[str, object]:
        """What the `minutes/minutes` templates get."""
        return {"m": self}


def exclusion(paragraphs: Iterable[int]) -> Resolution:
    """The resolution excluding the press and public (LGA 1972 s.100A(4); the public interest
    test of Sch 12A para 10), citing the paragraphs of Part 1 of Schedule 12A."""
    return Resolution(
        affirmation=True,
        parts=(
            "The press and public be excluded from the remainder of the meeting in accordance"
            " with Section 100A(4) of the Local Government Act 1972 (Exempt Information) during"
            " consideration of the item(s) on the grounds that it involved the likely disclosure"
            f" of exempt information, as defined in {agenda.exclusion_resolution(paragraphs)}"
            " of the Act and, in all the circumstances, the public interest in maintaining the"
            " exemption outweighed the public interest in disclosing the information.",
        ),
    )


# -- reading ------------------------------------------------------------------------------


def _names(reader: Reader, key: str) -> tuple[str, ...]:
    names = reader.texts(key)
    for i, name in enumerate(names):
        try:
            parse_listed_name(name)
        except ValueError as exc:
            reader.problem(f"{key}[{i}]", str(exc))
    return names


def _resolution(reader: Reader) -> Resolution:
    affirmation = reader.flag("affirmation")
    outcome = reader.choice("outcome", Outcome, Outcome.UNANIMOUS) or Outcome.UNANIMOUS
    moved, seconded = reader.opt_text("moved"), reader.opt_text("seconded")
    if affirmation and (moved or seconded):
        reader.problem("affirmation", "a resolution by affirmation has no mover or seconder")
    if affirmation and outcome is not Outcome.UNANIMOUS:
        reader.problem("outcome", "a resolution by affirmation is unanimous")
    parts: tuple[str, ...]
    if isinstance(reader.data.get("resolved"), str):
        parts = (reader.text("resolved"),)
    else:
        parts = reader.texts("resolved")
    if not parts:
        reader.problem("resolved", "missing; give the text resolved (a string, or a list of parts)")
    votes = None
    if any(k in reader for k in ("for", "against", "abstentions")):
        votes = Votes(
            for_=reader.integer("for", required=True, minimum=0),
            against=reader.integer("against", required=True, minimum=0),
            abstentions=reader.integer("abstentions", minimum=0),
        )
        if outcome is Outcome.UNANIMOUS and votes.against:
            reader.problem("against", f"{votes.against} against, but the outcome is unanimous")
        if outcome is Outcome.CARRIED and votes.for_ <= votes.against:
            reader.problem("for", f"carried with {votes}? the votes for must exceed those against")
        if outcome is Outcome.LOST and votes.for_ > votes.against:
            reader.problem("for", f"lost with {votes}? the votes for exceed those against")
    elif outcome is not Outcome.UNANIMOUS:
        reader.problem(
            "for", f"a {outcome.value} motion needs its votes: for, against, abstentions"
        )
    reader.done()
    return Resolution(
        parts=tuple(p.strip() for p in parts),
        outcome=outcome,
        moved=moved,
        seconded=seconded,
        affirmation=affirmation,
        votes=votes,
    )


def _paragraphs(text: str) -> tuple[str, ...]:
    """Blank-line separated paragraphs, each joined onto one line."""
    blocks = [" ".join(b.split()) for b in text.strip().split("\n\n")]
    return tuple(b for b in blocks if b)


def read_minutes(
    reader: Reader,
    *,
    council: str,
    body: str,
    body_name: str,
    day: dt.date,
    start: dt.time | None = None,
    venue: str | None = None,
    first_minute: int = 1,
    signed: dt.date | None = None,
    quorum_required: int | None = None,
    statuses: Sequence[str] = DEFAULT_STATUSES,
    officer_codes: Iterable[str] | None = None,
    calendar: WorkingDays | None = None,
    next_meeting: dt.date | None = None,
) -> Minutes:
    """The `[minutes]` table (in `reader`) as `Minutes`; problems collect in the reader.

    `first_minute` is used unless the table gives its own; `signed` is the body's next meeting
    (for the signature), `next_meeting` the same date for actions due "next meeting".
    """
    first = reader.opt_integer("first_minute", minimum=1) or first_minute
    chair = reader.opt_text("chair")
    chair_role = reader.text("chair_role", "Chair")
    attending = _names(reader, "attending")
    present = _names(reader, "present")
    apologies = _names(reader, "apologies")
    substitutes = []
    for sub in reader.tables("substitutes"):
        substitutes.append(
            Substitution(
                member=sub.text("member", required=True), replaces=sub.text("for", required=True)
            )
        )
        sub.done()
    officers = []
    for sub in reader.tables("officers"):
        officers.append(Attendee(name=sub.text("name", required=True), role=sub.text("role")))
        sub.done()
    codes = set(officer_codes) if officer_codes is not None else None
    items = []
    for i, sub in enumerate(reader.tables("items")):
        items.append(
            _minute(
                sub,
                first + i,
                day=day,
                statuses=statuses,
                codes=codes,
                calendar=calendar,
                next_meeting=next_meeting,
            )
        )
    declarations = []
    for sub in reader.tables("declarations"):
        # `item = 2`, or `item = [2, 3, 4]` for one interest in several items (seed 003).
        raw = sub.data.get("item")
        numbers = sub.integers("item") if isinstance(raw, list) else (sub.integer("item"),)
        if "item" not in sub:
            numbers = ()
            sub.problem("item", "missing; the item (1, 2…) or items ([2, 3]) declared on")
        valid = [n for n in numbers if 1 <= n <= len(items)]
        for n in sorted(set(numbers) - set(valid)):
            sub.problem("item", f"{n} is not an item of these minutes; valid: 1-{len(items)}")
        nature = sub.choice("nature", InterestNature, required=True)
        declarations.append(
            Declaration(
                member=sub.text("member", required=True),
                items=tuple(sorted(set(valid))),
                nature=nature or InterestNature.NON_PECUNIARY,
                details=sub.text("details"),
                action=sub.text("action"),
            )
        )
        sub.done()
    closed = reader.time("closed")
    if closed is not None and start is not None and closed <= start:
        reader.problem("closed", f"{closed:%H:%M} is not after the meeting's start, {start:%H:%M}")
    signed = reader.date("signed") or signed
    decision_maker = _the(reader.opt_text("decision_maker"))
    decisions_published = reader.date("decisions_published")
    if decisions_published is not None and decisions_published < day:
        reader.problem(
            "decisions_published", f"{decisions_published} is before the meeting ({day})"
        )
    # Seed 000 lists the chair apart from the other members present; both count.
    count = len(set(present) | ({chair} if chair else set()))
    warnings = []
    if quorum_required is not None and count < quorum_required:
        # No business may be transacted without a quorum (LGA 1972 Sch 12 para 6 for the full
        # council; standing orders fix it for committees), so the clerk must see it.
        warnings.append(
            f"{reader.file}: minutes: {count} member(s) present, but the quorum of {body_name}"
            f" is {quorum_required}: the meeting was inquorate"
        )
    for s in substitutes:
        if s.member not in present:
            reader.problem("substitutes", f"{s.member!r} substituted but is not listed in present")
    reader.done()
    return Minutes(
        council=council,
        body=body,
        body_name=body_name,
        day=day,
        start=start,
        venue=venue,
        chair=chair,
        chair_role=chair_role,
        attending=attending,
        present=present,
        substitutes=tuple(substitutes),
        officers=tuple(officers),
        apologies=apologies,
        declarations=tuple(declarations),
        minutes=tuple(items),
        closed=closed,
        signed=signed,
        decision_maker=decision_maker,
        decisions_published=decisions_published,
        quorum=Quorum(present=count, required=quorum_required),
        warnings=tuple(warnings),
    )


def _minute(
    reader: Reader,
    number: int,
    *,
    day: dt.date,
    statuses: Sequence[str],
    codes: set[str] | None,
    calendar: WorkingDays | None,
    next_meeting: dt.date | None,
) -> Minute:
    title = reader.text("title", required=True)
    kind = reader.choice("kind", MinuteKind, MinuteKind.BUSINESS) or MinuteKind.BUSINESS
    exempt, bad = agenda.read_exempt(reader)
    if kind is MinuteKind.EXCLUSION and not exempt and not bad:
        reader.problem("exempt", "an exclusion needs the Schedule 12A paragraphs, e.g. [1, 2, 3]")
    text = reader.text("text")
    resolutions = tuple(_resolution(sub) for sub in reader.tables("resolutions"))
    if kind is MinuteKind.EXCLUSION and not resolutions and exempt and not bad:
        resolutions = (exclusion(exempt),)
    decisions = []
    for sub in reader.tables("decisions"):
        verb = sub.choice("verb", Verb, required=True)
        decisions.append(Decision(verb=verb or Verb.NOTED, text=sub.text("text", required=True)))
        sub.done()
    key_decision = reader.flag("key_decision")
    forward_plan = reader.opt_text("forward_plan")
    actions = []
    for sub in reader.tables("actions"):
        actions.append(
            _raised(
                sub,
                day=day,
                statuses=statuses,
                codes=codes,
                calendar=calendar,
                next_meeting=next_meeting,
            )
        )
    reader.done()
    return Minute(
        number=number,
        title=title,
        kind=kind,
        paragraphs=_paragraphs(text),
        resolutions=resolutions,
        decisions=tuple(decisions),
        exempt=exempt,
        actions=tuple(actions),
        key_decision=key_decision,
        forward_plan=forward_plan,
    )


def _raised(
    reader: Reader,
    *,
    day: dt.date,
    statuses: Sequence[str],
    codes: set[str] | None,
    calendar: WorkingDays | None,
    next_meeting: dt.date | None,
) -> RaisedAction:
    details = reader.text("details", required=True)
    reader._seen.add("due")
    due = Due.ongoing()
    if "due" not in reader:
        reader.problem("due", "missing; e.g. '2019-03', 2019-03-05, 'ongoing', 'next meeting'")
    else:
        try:
            raw = reader.data["due"]
            if isinstance(raw, Mapping) and "from" not in raw:
                raw = {**raw, "from": day}  # "N working days" counts from the meeting
            due = Due.parse(raw, calendar=calendar, next_meeting=next_meeting)
        except ValueError as exc:
            reader.problem("due", str(exc))
    officers = reader.texts("officers")
    if codes is not None:
        for i, code in enumerate(officers):
            if code not in codes:
                reader.problem(
                    f"officers[{i}]",
                    f"unknown officer code {code!r}; valid: {', '.join(sorted(codes))}",
                )
    status = statuses[0]
    given = reader.opt_text("status")
    if given is not None:
        try:
            status = check_status(given, statuses)
        except ValueError as exc:
            reader.problem("status", str(exc))
    reader.done()
    return RaisedAction(details=details, due=due, officers=officers, status=status)


# -- numbering ----------------------------------------------------------------------------

# A meeting file's (date, body, number of minutes (None: no minutes yet), first_minute or None).
Earlier = tuple[dt.date, str, int | None, int | None]


def first_minute_number(
    day: dt.date,
    body: str,
    earlier: Iterable[Earlier],
    numbering: MinuteNumbering,
    same_year: Callable[[dt.date, dt.date], bool],
) -> int:
    """The number of this meeting's first minute.

    Per meeting: 1. Through the municipal year: one after the last minute of the body's
    earlier meetings that year (council-wide: of every body's). An earlier meeting with its
    own `first_minute` restarts the count from there.
    """
    if numbering is MinuteNumbering.PER_MEETING:
        return 1
    running = 1
    for _, _, count, first in _in_scope(day, body, earlier, numbering, same_year):
        running = (first or running) + (count or 0)
    return running


def _in_scope(
    day: dt.date,
    body: str,
    earlier: Iterable[Earlier],
    numbering: MinuteNumbering,
    same_year: Callable[[dt.date, dt.date], bool],
) -> list[Earlier]:
    if numbering is MinuteNumbering.PER_MEETING:
        return []
    return sorted(
        (
            e
            for e in earlier
            if e[0] < day
            and same_year(e[0], day)
            and (numbering is MinuteNumbering.COUNCIL_WIDE or e[1] == body)
        ),
        key=lambda e: (e[0], e[1]),
    )


def scan_earlier(folder: Path, day: dt.date | None = None) -> tuple[Earlier, ...]:
    """The minutes already written in a workspace's meeting files before `day` (None: in
    all of them)."""
    out: list[Earlier] = []
    for path in sorted(folder.glob("*.toml")):
        named = agenda.split_file_name(path)
        if named is None or (day is not None and named[0] >= day):
            continue
        reader = Reader.load(path)
        table = reader.data.get("minutes")
        if not isinstance(table, dict):
            out.append((named[0], named[1], None, None))
            continue
        items = table.get("items")
        first = table.get("first_minute")
        out.append(
            (
                named[0],
                named[1],
                len(items) if isinstance(items, list) else 0,
                first if type(first) is int else None,
            )
        )
    return tuple(out)


# -- loading a meeting file ----------------------------------------------------------------


def load_minutes(
    path: str | Path,
    council: Council | None = None,
    *,
    calendar: WorkingDays | None = None,
    same_year: Callable[[dt.date, dt.date], bool] | None = None,
) -> Minutes:
    """The minutes in a meeting file; DefinitionError with every problem when it is wrong.

    With `council`, the quorum is checked, officer codes and statuses are validated against
    its definitions and its `minute_numbering` setting is used (else: through the municipal
    year). Numbering continues from the body's earlier meeting files in the same folder unless
    the table gives `first_minute`.
    """
    meeting = agenda.load_meeting(Path(path), council)
    return minutes_of(meeting, council, calendar=calendar, same_year=same_year)


def minutes_of(
    meeting: agenda.MeetingFile,
    council: Council | None = None,
    *,
    earlier: Sequence[Earlier] | None = None,
    calendar: WorkingDays | None = None,
    same_year: Callable[[dt.date, dt.date], bool] | None = None,
) -> Minutes:
    """`load_minutes` of a meeting file already read; `earlier`: what `scan_earlier` finds
    in its folder (any days; the ones before this meeting count), when already scanned."""
    p = meeting.path
    if meeting.minutes_table is None:
        raise DefinitionError(
            [Problem(file=str(p), key="minutes", message="missing; this meeting has no minutes")]
        )
    reader = Reader(meeting.minutes_table, file=str(p), path="minutes")
    numbering = council.minute_numbering if council else MinuteNumbering.MUNICIPAL_YEAR
    statuses = council.action_statuses if council else DEFAULT_STATUSES
    body_name = meeting.body.replace("-", " ").title()
    council_name = ""
    venue = meeting.venue
    quorum_required = None
    codes = None
    body: Body | None = None  # looked up once, with the council
    if council is not None:
        council_name = council.name
        body = council.body(meeting.body)
        body_name = body.name
        # A single decision-maker acts alone: there is no quorum to check.
        if not body.kind.single_decision_maker:
            quorum_required = body.quorum_count(meeting.day)
        codes = {o.code for o in council.officers if o.code}
        if meeting.venue is not None:
            venue = council.venue(meeting.venue).text
    if calendar is None:
        calendar = _working_calendar(council, meeting.day.year)
    first = 1
    gaps: list[str] = []
    if "first_minute" not in reader:
        if earlier is None:
            earlier = scan_earlier(p.parent, meeting.day)
        year = same_year or same_municipal_year(council)
        first = first_minute_number(meeting.day, meeting.body, earlier, numbering, year)
        gaps = [
            f"{p}: the earlier meeting of {e[1]} on {e[0]} has no minutes yet, so the"
            f" numbering from {first} assumes it took none; give first_minute to be sure"
            for e in _in_scope(meeting.day, meeting.body, earlier, numbering, year)
            if e[2] is None
        ]
    previous, following = agenda.neighbours(meeting, council)
    minutes = read_minutes(
        reader,
        council=council_name,
        body=meeting.body,
        body_name=body_name,
        day=meeting.day,
        start=meeting.start,
        venue=venue,
        first_minute=first,
        signed=following,
        next_meeting=following,
        quorum_required=quorum_required,
        statuses=statuses,
        officer_codes=codes,
        calendar=calendar,
    )
    reader.raise_if_problems()
    address: tuple[str, ...] = ()
    if council is not None:
        address = council.address
    if body is not None:
        gaps += _attendance_warnings(minutes, body, p)
        if minutes.decision_maker is None and body.kind.single_decision_maker:
            minutes = attrs.evolve(minutes, decision_maker="The Portfolio Holder")
    minutes = _naming_previous(minutes, previous)
    return attrs.evolve(minutes, council_address=address, warnings=(*gaps, *minutes.warnings))


def _the(decision_maker: str | None) -> str | None:
    """'The' supplied: "Portfolio Holder" AGREED reads "The Portfolio Holder AGREED" (seed 003)."""
    if decision_maker is None or decision_maker.casefold().startswith("the "):
        return decision_maker
    return f"The {decision_maker}"


def _naming_previous(minutes: Minutes, previous: dt.date | None) -> Minutes:
    """`{previous_meeting}` in the minutes' text, resolutions and decisions as its date
    ("23 July 2009"), or "the previous meeting" when it is not known, as on the agenda."""

    def put(text: str) -> str:
        return agenda.naming_previous(text, previous)

    return attrs.evolve(
        minutes,
        minutes=tuple(
            attrs.evolve(
                m,
                paragraphs=tuple(map(put, m.paragraphs)),
                resolutions=tuple(
                    attrs.evolve(r, parts=tuple(map(put, r.parts))) for r in m.resolutions
                ),
                decisions=tuple(attrs.evolve(d, text=put(d.text)) for d in m.decisions),
            )
            for m in minutes.minutes
        ),
    )


def _same_person(a: Person, b: Person) -> bool:
    """Loosely: the minutes write "Mrs S Haq" for the member "Mrs S Z Haq"."""
    if a.surname.casefold() != b.surname.casefold():
        return False
    short, long = sorted((a.initials, b.initials), key=len)
    return long[: len(short)] == short


same_person = _same_person  # public: the members' records match minute names the same way


def _attendance_warnings(minutes: Minutes, body: Body, path: Path) -> list[str]:
    """Names in the attendance that are not members (or named substitutes) of the body."""
    seats = [m.person for m in body.members_on(minutes.day)]
    subs = {parse_listed_name(s.member)[0] for s in minutes.substitutes}
    # A body without named substitutes lets any councillor stand in (seed 000, minute 16).
    known = [*seats, *(body.substitutes or subs)]
    out = []
    listed = [("chair", minutes.chair)] if minutes.chair else []
    listed += [("present", n) for n in minutes.present]
    listed += [("apologies", n) for n in minutes.apologies]
    listed += [("substitutes", s.replaces) for s in minutes.substitutes]
    for key, name in listed:
        person = parse_listed_name(name)[0]
        pool = known if key == "present" or person in subs else seats
        if not any(_same_person(person, other) for other in pool):
            out.append(
                f"{path}: minutes.{key}: {name!r} is not a member of {body.name} on {minutes.day}"
            )
    return out


def _working_calendar(council: Council | None, year: int) -> WorkingDays:
    from meetings.dates import WorkingCalendar  # noqa: PLC0415 - the calendar engine

    # Due dates "N working days" on may run into the next year's Christmas closure.
    return council.working_calendar(year, year + 1) if council else WorkingCalendar()


def same_municipal_year(council: Council | None = None) -> Callable[[dt.date, dt.date], bool]:
    """Whether two days fall in the same municipal year of `council`.

    The year runs from one annual meeting to the next (custom; Sch 12 para 1 fixes when the
    annual meeting is held). The council's own dates win: `[schedule] annual_meeting` and
    `next_annual_meeting` for their years; other years take the default day, after the
    council's `ordinary_election` when that falls in the year.
    """
    from meetings.dates import MunicipalYear, default_annual_meeting  # noqa: PLC0415

    annual = council.schedule.annual_meeting_of if council else default_annual_meeting

    def year_of(day: dt.date) -> int:
        this = MunicipalYear(
            day.year, annual_meeting=annual(day.year), next_annual_meeting=annual(day.year + 1)
        )
        return day.year if day in this else day.year - 1

    return lambda a, b: year_of(a) == year_of(b)


def council_closing_statuses(council: Council | None) -> frozenset[str]:
    """The statuses that close an action for `council` (`actions.closing_statuses` of its
    vocabulary); without a council, those of the default vocabulary."""
    if council is None:
        return closing_statuses(DEFAULT_STATUSES)
    return closing_statuses(council.action_statuses, council.closed_statuses)


def minutes_context(minutes: Minutes) -> Mapping[str, Any]:
    return minutes.context()


# -- actions --------------------------------------------------------------------------------


def record_actions(minutes: Minutes, store: ActionStore) -> tuple[Action, ...]:
    """Put the actions raised in `minutes` into `store`; importing twice adds nothing."""
    return store.add(minutes.actions())


def action_list_for(
    path: str | Path,
    store: ActionStore,
    *,
    today: dt.date,
    council: Council | None = None,
    closed: frozenset[str] | None = None,
) -> ActionList:
    """The action list for the agenda of the meeting in `path` (its file need not hold
    minutes): the actions from the body's previous meeting and earlier ones still open.
    `closed` is the set of statuses that close an action (default: the council's)."""
    meeting = agenda.load_meeting(Path(path), council)
    return action_list_of(meeting, store, today=today, council=council, closed=closed)


def action_list_of(
    meeting: agenda.MeetingFile,
    store: ActionStore,
    *,
    today: dt.date,
    council: Council | None = None,
    closed: frozenset[str] | None = None,
    minutes: Callable[[Path], Minutes] | None = None,
) -> ActionList:
    """`action_list_for` a meeting file already read; `minutes` reads the previous
    meeting's minutes (default: `load_minutes` with the council)."""
    p = meeting.path
    previous, _ = agenda.neighbours(meeting, council)
    if previous is None:
        raise DefinitionError(
            [
                Problem(
                    file=str(p),
                    key="previous_meeting",
                    message="the body's previous meeting is not known; give previous_meeting ="
                    " <date>, add its meeting file to the folder, or a schedule.json",
                )
            ]
        )
    body_name = (
        council.body(meeting.body).name if council else meeting.body.replace("-", " ").title()
    )
    actions = store.find(ActionQuery(body=meeting.body))
    listing = action_list(
        actions,
        body=meeting.body,
        body_name=body_name,
        meeting=meeting.day,
        previous=previous,
        today=today,
        closed=closed if closed is not None else council_closing_statuses(council),
    )
    # A list missing the previous meeting's actions usually means they were never imported.
    earlier = p.parent / f"{previous.isoformat()}-{meeting.body}.toml"
    if earlier.is_file() and isinstance(Reader.load(earlier).data.get("minutes"), dict):
        known = {a.key for a in actions}
        read = minutes or (lambda path: load_minutes(path, council))
        missing = [a for a in read(earlier).actions() if a.key not in known]
        if missing:
            listing = attrs.evolve(
                listing,
                warnings=(
                    f"{earlier}: {len(missing)} action(s) raised in these minutes are not in the"
                    f" register; record them with `meetings actions import {earlier}`",
                ),
            )
    return listing
