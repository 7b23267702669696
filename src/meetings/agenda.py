"""Agendas and summonses: a meeting file's business, numbered, paged and ready to render.

A **meeting file** (`<workspace>/meetings/<date>-<body>.toml`) holds the business of one
meeting. `load_meeting(path)` reads it into a `MeetingFile`; `build_agenda(meeting, council)`
turns it into an `Agenda` (the summons front sheet and the numbered agenda), which the
templates in `templates/agenda/` render. The workspace convention: `council.toml` sits in the
folder above `meetings/` (`find_council` finds it).

Top-level keys of a meeting file read here (see docs/agenda.md for the full reference):
`body`, `date` (both optional when the file name follows `<date>-<body>.toml`), `start`,
`venue`, `issued`, `previous_meeting`, `next_meeting`, `standard_items`, `[standard.<id>]`,
`date_of_next_meeting`, `headings`, `[[items]]`.

The `[minutes]` table belongs to the minutes (meetings.minutes). `load_meeting` accepts it
without reading it: its raw TOML table is kept, unparsed, as `MeetingFile.minutes_table`
(None when absent), and the minutes module parses it from there (or from the file itself) and
reports its problems. Any other unknown top-level key is an error.

Previous and next meetings of a body come from `neighbours(meeting, ...)`: explicit keys in
the meeting file win, then the other meeting files of the same body in the same folder, then
the workspace's `schedule.json` (meetings.schedule.Schedule) when there is one.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import zoneinfo
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from meetings import guards
from meetings._private import Reader, suggest
from meetings.committee import LOGO_TYPES, Council, Role
from meetings.dates import clear_days_between, meeting_deadlines
from meetings.errors import DefinitionError, Problem
from meetings.people import join_names, split_annotation
from meetings.schedule import Meeting, MeetingStatus, Schedule
from meetings.statutes import Counting, Duty, Rule
from meetings.text import plain_date, weekday_date

# -- the rules ----------------------------------------------------------------------------

# Exempt information: the paragraphs of Part 1 of Schedule 12A to the Local Government Act 1972
# (England), as inserted by SI 2006/88. An item is taken in private under s.100A(4).
EXEMPT_PARAGRAPHS: Mapping[int, str] = {
    1: "Information relating to any individual.",
    2: "Information which is likely to reveal the identity of an individual.",
    3: "Information relating to the financial or business affairs of any particular person "
    "(including the authority holding that information).",
    4: "Information relating to any consultations or negotiations, or contemplated "
    "consultations or negotiations, in connection with any labour relations matter.",
    5: "Information in respect of which a claim to legal professional privilege could be "
    "maintained in legal proceedings.",
    6: "Information which reveals that the authority proposes to give a notice, or to make "
    "an order or direction, under any enactment.",
    7: "Information relating to any action taken or to be taken in connection with the "
    "prevention, investigation or prosecution of crime.",
}

_FILE_NAME = re.compile(r"^(?P<date>\d{4}-\d{2}-\d{2})-(?P<body>[a-z0-9][a-z0-9-]*)\.toml$")


class ItemKind(enum.StrEnum):
    """What an agenda item asks of the meeting; the token is the meeting file's `kind`."""

    PROCEDURAL = "procedural"  # apologies, declarations, minutes: standard business
    DECISION = "decision"  # a report asking the meeting to decide
    INFORMATION = "information"  # a report for noting or comment
    STANDING = "standing"  # business on every agenda: a forward plan, a work programme
    VERBAL = "verbal"  # a verbal update or presentation: no papers, so no pages


class Letter(enum.StrEnum):
    """How the front sheet calls members to the meeting; the token is the meeting file's
    `letter` and names the template `agenda/_<token>.html` (and .md, .txt)."""

    SUMMONS = "summons"  # "I hereby SUMMON you to attend" (LGA 1972 Sch 12 para 4(2))
    INVITATION = "invitation"  # "You are invited to attend the next meeting of" (seed 003)


def logo_uri(path: Path) -> str:
    """The logo as a `data:` URI, so the HTML carries it and printing needs no file access."""
    import base64  # noqa: PLC0415

    kind = LOGO_TYPES[path.suffix.lower()]
    return f"data:{kind};base64,{base64.b64encode(path.read_bytes()).decode()}"


# Kinds whose items are presented by an officer, so the agenda must say who.
_NEEDS_AUTHOR = frozenset({ItemKind.DECISION, ItemKind.INFORMATION, ItemKind.VERBAL})


def exclusion_resolution(paragraphs: Iterable[int]) -> str:
    """The paragraphs of Schedule 12A an exclusion resolution relies on, as minutes cite them.

    >>> exclusion_resolution([3, 1, 2])
    'paragraph(s) 1, 2 and 3 of Part 1 of Schedule 12A'

    The resolution is made under LGA 1972 s.100A(4); the paragraphs are those of Part 1 of
    Schedule 12A (1 to 7, England). Anything else is a DefinitionError naming them.
    """
    found = sorted(set(paragraphs))
    if not found:
        raise DefinitionError(
            [Problem(file="exempt paragraphs", key="", message=f"none given; {_VALID_RANGE}")]
        )
    bad = [p for p in found if p not in EXEMPT_PARAGRAPHS]
    if bad:
        raise DefinitionError(
            [
                Problem(
                    file="exempt paragraphs",
                    key="",
                    message=f"{_paragraph_error(bad)}; {_valid_paragraphs()}",
                )
            ]
        )
    return f"paragraph(s) {join_names(str(p) for p in found)} of Part 1 of Schedule 12A"


def exclusion_wording(paragraphs: Iterable[int]) -> str:
    """The full motion to exclude the press and public (LGA 1972 s.100A(4), Sch 12A para 10)."""
    return (
        "That the press and public be excluded from the remainder of the meeting in "
        "accordance with Section 100A(4) of the Local Government Act 1972 during consideration "
        "of the item(s) below on the grounds that they involve the likely disclosure of exempt "
        f"information, as defined in {exclusion_resolution(paragraphs)} of the Act and, in all "
        "the circumstances, the public interest in maintaining the exemption outweighs the "
        "public interest in disclosing the information."
    )


def _paragraph_error(bad: Sequence[int]) -> str:
    which = ", ".join(str(p) for p in bad)
    return f"paragraph {which} is not a paragraph of Part 1 of Schedule 12A"


# What each paragraph is about, for error messages.
_EXEMPT_SHORT = {
    1: "an individual",
    2: "identity of an individual",
    3: "financial or business affairs",
    4: "labour relations",
    5: "legal professional privilege",
    6: "a proposed notice, order or direction",
    7: "crime",
}


_VALID_RANGE = f"valid: {min(EXEMPT_PARAGRAPHS)}-{max(EXEMPT_PARAGRAPHS)}"


def _valid_paragraphs() -> str:
    return "valid: " + ", ".join(f"{n} ({about})" for n, about in _EXEMPT_SHORT.items())


def read_exempt(reader: Reader, key: str = "exempt") -> tuple[tuple[int, ...], list[int]]:
    """The Schedule 12A paragraphs under `key` (of minutes, reports and forward plans): the
    valid ones, sorted and once each, and the invalid ones as given, each reported."""
    found = reader.integers(key)
    bad = [p for p in found if p not in EXEMPT_PARAGRAPHS]
    if bad:
        reader.problem(key, f"{bad} are not paragraphs of Part 1 of Schedule 12A; {_VALID_RANGE}")
    return tuple(sorted(set(found) - set(bad))), bad


# -- pages --------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class PageRange:
    """Pages of the agenda pack an item's papers fill: '1 - 5', or '6' for one page."""

    first: int
    last: int

    def __str__(self) -> str:
        return str(self.first) if self.first == self.last else f"{self.first} - {self.last}"


def allocate_pages(counts: Sequence[int | None], *, start: int = 1) -> tuple[PageRange | None, ...]:
    """Number the pack's pages in agenda order from each item's page count.

    >>> [str(r) if r else None for r in allocate_pages([5, 1, None, 2])]
    ['1 - 5', '6', None, '7 - 8']

    None (no papers: procedural, verbal or "to follow") takes no pages.
    """
    out: list[PageRange | None] = []
    page = start
    for count in counts:
        if count is None or count <= 0:
            out.append(None)
            continue
        out.append(PageRange(first=page, last=page + count - 1))
        page += count
    return tuple(out)


# -- the meeting file ---------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class AgendaItem:
    """One piece of business as the meeting file gives it (before numbering)."""

    title: str
    kind: ItemKind
    purpose: str = ""  # the line under the title: the purpose of the report, or the wording
    report_title: str | None = None  # when the report's title differs from the agenda's
    author: str | None = None  # officer id in the council file
    report_of: str | None = None  # "Report of the ..." text, overriding the author's title
    pages: int | None = None
    to_follow: bool = False  # the papers exist but are not yet published
    exempt: tuple[int, ...] = ()  # Schedule 12A paragraphs: taken in private
    urgent: str | None = None  # the chair's reasons for taking a late item (s.100B(4)(b))
    standard: str | None = None  # the council's standard item this is, if any
    papers: tuple[Paper, ...] = ()  # the report and its appendices, in order


@attrs.frozen(kw_only=True)
class StandardOverride:
    """Per-meeting settings of one of the council's standard items (`[standard.<id>]`)."""

    pages: int | None = None
    to_follow: bool = False
    purpose: str | None = None
    papers: tuple[Paper, ...] = ()


@attrs.frozen(kw_only=True)
class MeetingFile:
    """A meeting file as read: what was written, validated but not yet combined with the council.

    `standard_items` is None for "all the council's standard items", else the ids to use in
    that order (empty: none). `minutes_table` is the raw `[minutes]` table, left to the minutes
    module.
    """

    path: Path
    body: str
    day: dt.date
    start: dt.time | None = None
    venue: str | None = None
    issued: dt.date | None = None
    previous_meeting: dt.date | None = None
    next_meeting: dt.date | None = None
    standard_items: tuple[str, ...] | None = None
    # Tables as read: compared, but left out of the hash (a dict has none).
    standard: Mapping[str, StandardOverride] = attrs.field(factory=dict, hash=False)
    date_of_next_meeting: bool = False
    headings: bool = False  # group the business under headings by kind (seed 003's style)
    items: tuple[AgendaItem, ...] = ()
    minutes_table: Mapping[str, Any] | None = attrs.field(default=None, hash=False)
    # None: a summons to the members (LGA 1972 Sch 12 para 4(2)); a single decision-maker is
    # not summoned, so those attending a portfolio holder's meeting are invited
    letter: Letter | None = None
    logo: Path | None = None  # the council's logo or crest for the front sheet
    roles: Mapping[str, str] = attrs.field(factory=dict, hash=False)  # member name -> role
    invited: tuple[str, ...] = ()  # others the papers go to: "Dr SA Harangozo (Opposition ...)"


class PaperKind(enum.StrEnum):
    """What a paper file is, and so how the pack makes it into PDF pages."""

    PDF = "pdf"  # bound as it is
    WORD = "word"  # a .docx, converted through LibreOffice
    REPORT = "report"  # a report file (.md) printed with the report front sheet
    MINUTES = "minutes"  # a meeting file (.toml): its minutes, as published
    ACTION_LIST = "action-list"  # a meeting file under the action-list item: its actions


PAPER_SUFFIXES: Mapping[str, PaperKind] = {
    ".pdf": PaperKind.PDF,
    ".docx": PaperKind.WORD,
    ".md": PaperKind.REPORT,
    ".toml": PaperKind.MINUTES,
}


@attrs.frozen(kw_only=True)
class Paper:
    """One file of an item's papers (relative names resolved against the meeting file)."""

    path: Path
    kind: PaperKind

    @property
    def name(self) -> str:
        return str(self.path)


def read_papers(reader: Reader, folder: Path, *, item: str | None = None) -> tuple[Paper, ...]:
    """The `papers` key: one file or a list, relative to the meeting file's folder; each must
    exist and have one of PAPER_SUFFIXES. Under the standard item `action-list`, a meeting
    file stands for the action list arising from that meeting."""
    single = isinstance(reader.raw("papers"), str)
    names = (reader.text("papers"),) if single else reader.texts("papers")
    out = []
    for i, name in enumerate(names):
        key = "papers" if single else f"papers[{i}]"
        path = folder / name
        kind = PAPER_SUFFIXES.get(path.suffix.lower())
        if kind is None:
            valid = ", ".join(PAPER_SUFFIXES)
            reader.problem(key, f"{name!r} is not a paper the pack can take; valid: {valid}")
        elif not path.is_file():
            reader.problem(key, f"{name!r}: no such file (looked for {path})")
        else:
            if kind is PaperKind.MINUTES and item == "action-list":
                kind = PaperKind.ACTION_LIST
            out.append(Paper(path=path, kind=kind))
    return tuple(out)


def _read_item(reader: Reader, folder: Path) -> AgendaItem:
    title = reader.text("title", required=True)
    kind = reader.choice("kind", ItemKind, ItemKind.DECISION) or ItemKind.DECISION
    pages = reader.opt_integer("pages", minimum=1)
    to_follow = reader.flag("to_follow")
    papers = read_papers(reader, folder) if "papers" in reader else ()
    if papers and (pages is not None or to_follow):
        # Pages are counted from the papers themselves; a typed count is for a paper not to hand.
        reader.problem(
            "pages",
            "the papers are given, so their pages are counted: remove "
            "`pages` / `to_follow` (they are for a paper not yet to hand)",
        )
        pages, to_follow = None, False
    if to_follow and pages is not None:
        # The pack is numbered before the papers are in, so a late paper has no page numbers.
        reader.problem("to_follow", "an item 'to follow' has no page numbers; remove `pages`")
        pages = None
    if kind is ItemKind.VERBAL and (pages is not None or to_follow or papers):
        reader.problem("pages", "a verbal item has no papers; remove `pages` / `to_follow`")
        pages, to_follow, papers = None, False, ()
    exempt = reader.integers("exempt")  # its message names each paragraph's subject
    bad = [p for p in exempt if p not in EXEMPT_PARAGRAPHS]
    if bad:
        reader.problem("exempt", f"{_paragraph_error(bad)}; {_valid_paragraphs()}")
    item = AgendaItem(
        title=title,
        kind=kind,
        purpose=reader.text("purpose"),
        report_title=reader.opt_text("report_title"),
        author=reader.opt_text("author"),
        report_of=reader.opt_text("report_of"),
        pages=pages,
        to_follow=to_follow,
        exempt=tuple(sorted(set(exempt) - set(bad))),
        urgent=reader.opt_text("urgent"),
        papers=papers,
    )
    if kind in _NEEDS_AUTHOR and item.author is None and item.report_of is None:
        reader.problem(
            "author",
            f"missing; a {kind.value} item needs the officer presenting it: give `author` "
            "(an officer id from the council file) or `report_of` (the words after "
            "'Report of the')",
        )
    if item.urgent is not None and not item.urgent.strip():
        reader.problem("urgent", "give the chair's reasons for urgency (LGA 1972 s.100B(4)(b))")
    reader.done()
    return item


def split_file_name(path: Path) -> tuple[dt.date, str] | None:
    """(date, body id) from a name like '2019-03-05-change-management.toml', else None."""
    match = _FILE_NAME.match(path.name)
    if match is None:
        return None
    try:
        return dt.date.fromisoformat(match["date"]), match["body"]
    except ValueError:
        return None


def read_meeting(reader: Reader, path: Path) -> MeetingFile:
    """Read a meeting file's table; problems are collected in `reader.problems`."""
    from_name = split_file_name(path)
    body = reader.opt_text("body")
    day = reader.date("date")
    if from_name is not None:
        name_day, name_body = from_name
        if day is not None and day != name_day:
            reader.problem(
                "date", f"{day} disagrees with the file name's date {name_day}; rename one"
            )
        if body is not None and body != name_body:
            reader.problem(
                "body", f"{body!r} disagrees with the file name's body {name_body!r}; rename one"
            )
        day = day or name_day
        body = body or name_body
    # the file name is the usual source of both: say so once, with the form it should take
    named = "name the file <date>-<body>.toml, e.g. 2019-03-05-change-management.toml"
    if body is None:
        reader.problem("body", f"missing; give the body's id or {named}")
    if day is None:
        reader.problem("date", f"missing; give the date or {named}")

    standard_items: tuple[str, ...] | None = None
    if "standard_items" in reader:
        raw = reader.data["standard_items"]
        if isinstance(raw, bool):
            reader.flag("standard_items")
            standard_items = None if raw else ()
        else:
            standard_items = reader.texts("standard_items")
    overrides: dict[str, StandardOverride] = {}
    for key, sub in reader.named_tables("standard").items():
        pages = sub.opt_integer("pages", minimum=1)
        papers = read_papers(sub, path.parent, item=key) if "papers" in sub else ()
        if papers and pages is not None:
            sub.problem("pages", "the papers are given, so their pages are counted: remove `pages`")
            pages = None
        overrides[key] = StandardOverride(
            pages=pages,
            to_follow=sub.flag("to_follow"),
            purpose=sub.opt_text("purpose"),
            papers=papers,
        )
        sub.done()

    items = tuple(_read_item(sub, path.parent) for sub in reader.tables("items"))
    logo = reader.opt_text("logo")
    logo_path = path.parent / logo if logo else None
    if logo_path is not None and not logo_path.is_file():
        reader.problem("logo", f"{logo!r}: no such file (looked for {logo_path})")
        logo_path = None
    elif logo_path is not None and logo_path.suffix.lower() not in LOGO_TYPES:
        reader.problem("logo", f"{logo!r}: give a {', '.join(LOGO_TYPES)} image")
    roles: dict[str, str] = {}
    roles_table = reader.table("roles")
    if roles_table is not None:
        for name in list(roles_table.data):
            roles[name] = roles_table.text(name, required=True)
        roles_table.done()
    minutes = reader.table("minutes")  # the minutes module's: kept raw, not read here
    meeting = MeetingFile(
        path=path,
        body=body or "",
        day=day or dt.date.min,
        start=reader.time("start"),
        venue=reader.opt_text("venue"),
        issued=reader.date("issued"),
        previous_meeting=reader.date("previous_meeting"),
        next_meeting=reader.date("next_meeting"),
        standard_items=standard_items,
        standard=overrides,
        date_of_next_meeting=reader.flag("date_of_next_meeting"),
        headings=reader.flag("headings"),
        items=items,
        minutes_table=dict(minutes.data) if minutes is not None else None,
        letter=reader.choice("letter", Letter),
        logo=logo_path,
        roles=roles,
        invited=reader.texts("invited"),
    )
    reader.done()
    for name, when in (
        ("previous_meeting", meeting.previous_meeting),
        ("next_meeting", meeting.next_meeting),
    ):
        if when is None or day is None:
            continue
        if (name == "previous_meeting") != (when < day):
            side = "before" if name == "previous_meeting" else "after"
            reader.problem(name, f"{when} is not {side} the meeting on {day}")
    if meeting.issued is not None and day is not None and meeting.issued > day:
        reader.problem("issued", f"{meeting.issued} is after the meeting on {day}")
    return meeting


def load_meeting(path: str | Path, council: Council | None = None) -> MeetingFile:
    """Read and check a meeting file; every problem is reported at once (DefinitionError).

    With `council` (a meetings.committee.Council), references are checked too: the body,
    venue, authors and standard items must be defined there.
    """
    p = Path(path)
    reader = Reader.load(p)
    if {"council", "bodies"} <= set(reader.data):  # one line for the wrong file
        message = "this is a council definition, not a meeting file (meetings/<date>-<body>.toml)"
        raise DefinitionError([Problem(file=str(p), key="", message=message)])
    meeting = read_meeting(reader, p)
    if council is not None:
        _check_against(meeting, council, reader)
    reader.raise_if_problems()
    return meeting


def _check_against(meeting: MeetingFile, council: Council, reader: Reader) -> None:
    """Problems with references from the meeting file into the council definition."""
    bodies = [b.id for b in council.bodies]
    if meeting.body and meeting.body not in bodies:
        reader.problem("body", f"unknown body {meeting.body!r}; {suggest(meeting.body, bodies)}")
        return
    venues = [v.id for v in council.venues]
    if meeting.venue is not None and meeting.venue not in venues:
        reader.problem(
            "venue", f"unknown venue {meeting.venue!r}; {suggest(meeting.venue, venues)}"
        )
    standard = [i.id for i in council.procedural_items_for(meeting.body)]
    for i, key in enumerate(meeting.standard_items or ()):
        if key not in standard:
            reader.problem(
                f"standard_items[{i}]", f"unknown item {key!r}; {suggest(key, standard)}"
            )
    for key in meeting.standard:
        if key not in standard:
            reader.problem(f"standard.{key}", f"unknown item {key!r}; {suggest(key, standard)}")
    officers = [o.id for o in council.officers]
    for i, item in enumerate(meeting.items):
        if item.author is None:
            continue
        try:
            council.officer(item.author)
        except DefinitionError:
            reader.problem(
                f"items[{i}].author",
                f"unknown officer {item.author!r}; {suggest(item.author, officers)}",
            )


# -- the workspace ------------------------------------------------------------------------

COUNCIL_FILE = "council.toml"
# Where `meetings schedule --format json` output is looked for, relative to the workspace.
SCHEDULE_FILES = ("schedule.json", "schedule/schedule.json")


def workspace_of(meeting_path: str | Path) -> Path:
    """The workspace folder of a meeting file: the folder above `meetings/`."""
    folder = Path(meeting_path).parent
    return folder.parent if folder.name == "meetings" else folder


def find_workspace(meeting: str | Path | None = None, council: str | Path | None = None) -> Path:
    """The workspace a command works in, which holds the register (`actions.sqlite`): the
    meeting file's (`workspace_of`), else the folder of the council file given, else the
    current folder."""
    if meeting is not None:
        return workspace_of(meeting)
    return Path(council).parent if council is not None else Path()


def find_council(meeting_path: str | Path) -> Path:
    """The council file of a meeting file's workspace (`council.toml` above `meetings/`)."""
    if not Path(meeting_path).is_file():
        raise DefinitionError([Problem(file=str(meeting_path), key="", message="file not found")])
    folder = Path(meeting_path).parent
    candidates = [workspace_of(meeting_path) / COUNCIL_FILE, folder / COUNCIL_FILE]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    looked = " or ".join(str(c) for c in dict.fromkeys(candidates))
    raise DefinitionError(
        [
            Problem(
                file=str(meeting_path),
                key="",
                message=f"no council file found (looked for {looked}); give one with --council",
            )
        ]
    )


def find_schedule(meeting_path: str | Path) -> Schedule | None:
    """The planned schedule (`schedule.json`) of a meeting file's workspace, or None."""
    return workspace_schedule(workspace_of(meeting_path))


def workspace_schedule(workspace: str | Path) -> Schedule | None:
    """The workspace's planned schedule (`schedule.json`), or None when there is none."""
    for name in SCHEDULE_FILES:
        candidate = Path(workspace) / name
        if candidate.is_file():
            try:
                raw = candidate.read_bytes()
            except OSError as exc:
                raise DefinitionError(
                    [Problem(file=str(candidate), key="", message=f"not a schedule: {exc}")]
                ) from exc
            data = guards.load_json(
                guards.decode_text(raw, file=str(candidate)), file=str(candidate)
            )
            return Schedule.from_json(data, file=str(candidate))
    return None


def meeting_files(folder: str | Path) -> tuple[Path, ...]:
    """The meeting files in a folder (named `<date>-<body>.toml`), in date order."""
    found = [p for p in Path(folder).glob("*.toml") if split_file_name(p) is not None]
    return tuple(sorted(found, key=lambda p: (split_file_name(p) or (dt.date.min, ""), p.name)))


@attrs.frozen(kw_only=True)
class Neighbours:
    """The previous and next meeting days of the same body (None: not known), and the next
    meeting's start time when its meeting file or the schedule gives one."""

    previous: dt.date | None = None
    next: dt.date | None = None
    next_start: dt.time | None = None

    def __iter__(self) -> Iterator[dt.date | None]:
        """`previous, following = neighbours(meeting)` unpacks in that order."""
        return iter((self.previous, self.next))


def neighbours(
    meeting: MeetingFile, council: Council | None = None, *, schedule: Schedule | None = None
) -> Neighbours:
    """The previous and next meetings of `meeting`'s body.

    Each is taken from the first source that knows it: the meeting file's own
    `previous_meeting` / `next_meeting` keys; the other meeting files of the same body in the
    same folder (by their `<date>-<body>.toml` names); the `schedule` given, or else the
    workspace's `schedule.json` (cancelled meetings are skipped). With `council`, the body
    must be one of its bodies.
    """
    if council is not None:
        council.body(meeting.body)  # raises DefinitionError naming the valid bodies
    folder, body = meeting.path.parent, meeting.body
    previous, following = meeting.previous_meeting, meeting.next_meeting
    if previous is None or following is None:
        days = _filed_days(folder, body)
        previous = previous or _before(days, meeting.day)
        following = following or _after(days, meeting.day)
    plan = schedule
    if previous is None or following is None:
        plan = plan if plan is not None else find_schedule(meeting.path)
        if plan is not None:
            days = [m.day for m in _scheduled(plan, body)]
            previous = previous or _before(days, meeting.day)
            following = following or _after(days, meeting.day)
    start = None
    if following is not None:
        filed = folder / f"{following.isoformat()}-{body}.toml"
        if filed.is_file():
            start = Reader.load(filed).time("start")
        elif plan is not None:
            start = next(
                (m.start.time() for m in _scheduled(plan, body) if m.day == following), None
            )
    return Neighbours(previous=previous, next=following, next_start=start)


def next_meeting_of(body: str, after: dt.date, workspace: str | Path) -> dt.date | None:
    """The body's first meeting after `after`, from the workspace's meeting files (in
    `meetings/`), else its `schedule.json`; None when neither knows one."""
    found = _after(_filed_days(Path(workspace) / "meetings", body), after)
    if found is None:
        plan = workspace_schedule(workspace)
        found = _after((m.day for m in _scheduled(plan, body)), after) if plan else None
    return found


def _filed_days(folder: Path, body: str) -> list[dt.date]:
    named = filter(None, map(split_file_name, meeting_files(folder)))
    return [day for day, of in named if of == body]


def _scheduled(plan: Schedule, body: str) -> list[Meeting]:
    return [m for m in plan.meetings if m.body == body and m.status is not MeetingStatus.CANCELLED]


def _before(days: Iterable[dt.date], day: dt.date) -> dt.date | None:
    return max((d for d in days if d < day), default=None)


def _after(days: Iterable[dt.date], day: dt.date) -> dt.date | None:
    return min((d for d in days if d > day), default=None)


# -- the agenda ---------------------------------------------------------------------------

NEXT_MEETING_ITEM = "Date of Next Meeting"
_UNSIGNED = (
    "the council file names no proper_officer, so the summons is unsigned: set "
    "council.proper_officer (LGA 1972 Sch 12 para 4(2): the proper officer signs the summons)"
)
EXCLUSION_ITEM = "Exclusion of the Press and Public"
# Standard items about the previous meeting: they show its date.
_ABOUT_PREVIOUS = frozenset({"minutes", "action-list"})
# An item's wording, or a minute's text, may name the previous meeting ("the Minutes of the
# meeting held on {previous_meeting}", seed 003); minutes fill it in too (naming_previous).
PREVIOUS_MEETING = "{previous_meeting}"


def naming_previous(text: str, previous: dt.date | None) -> str:
    """`{previous_meeting}` in `text` as that meeting's date ("23 July 2009"), or "the
    previous meeting" when it is not known."""
    words = plain_date(previous) if previous else "the previous meeting"
    return text.replace(PREVIOUS_MEETING, words)


@attrs.frozen(kw_only=True)
class AgendaEntry:
    """One numbered line of the agenda.

    `presenter` is the officer's job title as the agenda names it ("Chief Executive / Head of
    Paid Service"): the templates write "Report of the ..." or, for a verbal item, "Verbal
    update of the ...". `meeting_date` is the date the item is about: the previous meeting for
    the minutes and action list, the next meeting (and `meeting_time`, its start) for "Date
    of Next Meeting".
    """

    number: int
    title: str
    kind: ItemKind
    purpose: str = ""
    report_title: str | None = None
    presenter: str | None = None
    author_name: str | None = None
    pages: PageRange | None = None
    to_follow: bool = False
    exempt: tuple[int, ...] = ()
    urgent: str | None = None
    standard: str | None = None
    meeting_date: dt.date | None = None
    meeting_time: dt.time | None = None  # the next meeting's start, for "Date of Next Meeting"
    heading: str | None = None  # a group heading shown before this entry ("Decision Items")
    papers: tuple[Paper, ...] = ()  # its papers, in the pack's order

    @property
    def page_text(self) -> str:
        """'1 - 5', '6', 'To Follow', or '' (no papers)."""
        if self.pages is not None:
            return str(self.pages)
        return "To Follow" if self.to_follow else ""

    @property
    def verbal(self) -> bool:
        return self.kind is ItemKind.VERBAL

    @property
    def exempt_text(self) -> str:
        """'paragraph(s) 1 and 2 of Part 1 of Schedule 12A', or ''."""
        return exclusion_resolution(self.exempt) if self.exempt else ""


@attrs.frozen(kw_only=True)
class Member:
    """A member as the summons lists them: 'M H Charlesworth', role 'Chair'."""

    name: str
    role: str | None = None

    @property
    def listed(self) -> str:
        return f"{self.name} ({self.role})" if self.role else self.name


@attrs.frozen(kw_only=True)
class Agenda:
    """The summons front sheet and the numbered agenda of one meeting, ready to render.

    `public` holds the items taken in public, ending (when there is exempt business) with the
    exclusion resolution; `private` the exempt items after it. Page ranges run through both.
    """

    council: str
    body: str
    body_id: str
    body_kind: str
    start: dt.datetime
    venue: str | None  # None: to be confirmed
    members: tuple[Member, ...]
    issued: dt.date
    latest_issue: dt.date
    clear_days: int
    signatory_name: str
    signatory_title: str
    issued_from: tuple[str, ...]
    large_print_hours: int | None
    contact_team: str
    contact_address: tuple[str, ...]
    contact_phone: str
    contact_email: str
    contact_web: str
    public: tuple[AgendaEntry, ...]
    private: tuple[AgendaEntry, ...]
    previous_meeting: dt.date | None
    next_meeting: dt.date | None
    warnings: tuple[str, ...] = ()
    letter: Letter = Letter.SUMMONS
    logo: str | None = None  # a data: URI (logo_uri)
    invited: tuple[Member, ...] = ()  # others the papers go to, after the members

    @property
    def day(self) -> dt.date:
        return self.start.date()

    @property
    def entries(self) -> tuple[AgendaEntry, ...]:
        return self.public + self.private

    @property
    def grouped(self) -> bool:
        """Whether the business is grouped under headings by kind (seed 003's style)."""
        return any(e.heading for e in self.entries)

    @property
    def pages(self) -> int:
        """Pages in the pack."""
        return max((e.pages.last for e in self.entries if e.pages), default=0)


def _meeting_start(meeting: MeetingFile, council: Council, reader: Reader) -> dt.datetime:
    body = council.body(meeting.body)
    start = meeting.start or body.defaults.start
    if start is None:
        reader.problem(
            "start",
            f"missing; the body {body.id!r} has no usual start time: give `start = 18:30`",
        )
        start = dt.time(0)
    return dt.datetime.combine(meeting.day, start, tzinfo=zoneinfo.ZoneInfo(council.timezone))


def _notice(day: dt.date, council: Council) -> tuple[dt.date, int, Rule]:
    """(latest issue date, clear days, the rule) in force for a meeting on `day` for the
    council's nation and kind: the agenda's (LGA 1972 s.100B(3); five clear working days
    in England since SI 2002/715, three before it and in Wales; LG(S)A 1973 s.50B in
    Scotland), else the summons's (a parish's three clear days, Sch 12 para 10)."""
    found = meeting_deadlines(day, council.working_calendar(day.year), council.notice_rules)
    for duty, latest in ((Duty.AGENDA, found.agenda), (Duty.SUMMONS, found.summons)):
        used = next(((rule, n) for d, rule, n in found.used if d is duty), None)
        if latest is not None and used is not None:
            return latest, used[1], used[0]
    raise ValueError(f"no notice rule for {day}")  # every council has a summons rule


def notice_period(day: dt.date, council: Council) -> str:
    """The notice a meeting on `day` is called with, in words, by the rule `_notice` finds:
    "5 clear working days" (England), "3 clear days" (a parish, counted as s.243 says)."""
    _, n, rule = _notice(day, council)
    return f"{n} clear working days" if rule.counting is Counting.WORKING else f"{n} clear days"


def latest_issue_date(meeting: MeetingFile, council: Council) -> dt.date:
    """The last day the agenda may lawfully be published, by the rule in force on the
    meeting's day for the council's nation and kind (`_notice`)."""
    return _notice(meeting.day, council)[0]


def notice_warnings(meeting: MeetingFile, council: Council) -> list[str]:
    """What is wrong with the notice given for a meeting, as sentences (empty: nothing).

    A date of issue later than the latest lawful publication date leaves fewer clear days
    than the law requires (LGA 1972 s.100A(6)(a), s.100B(3)); papers "to follow" must also be
    published by then unless the chair takes the item as urgent (s.100B(4)(b)).
    """
    return _notice_warnings(meeting, council, _notice(meeting.day, council))


def _notice_warnings(
    meeting: MeetingFile, council: Council, notice: tuple[dt.date, int, Rule]
) -> list[str]:
    """`notice_warnings` with the rule in force already found (`_notice`): build_agenda
    finds it once for the agenda's dates and its warnings."""
    out: list[str] = []
    latest, required, rule = notice
    where = f"{meeting.path.name}: "
    if meeting.issued is not None and meeting.issued > latest:
        calendar = council.working_calendar(meeting.day.year)
        if meeting.issued >= meeting.day:
            left = 0
        else:
            left = clear_days_between(meeting.issued, meeting.day, calendar=calendar)
        out.append(
            f"{where}issued on {weekday_date(meeting.issued)}, which leaves {left} clear day"
            f"{'' if left == 1 else 's'} before the meeting on {weekday_date(meeting.day)}; "
            f"{required} are required ({rule.source}): issue by {weekday_date(latest)}"
        )
    for i, item in enumerate(meeting.items):
        if item.to_follow and item.urgent is None:
            out.append(
                f"{where}items[{i}] {item.title!r} is to follow: its papers must be published "
                f"by {weekday_date(latest)}, or the chair must agree to take it as urgent "
                "(LGA 1972 s.100B(4)(b))"
            )
    return out


def folder_notice_warnings(folder: str | Path, council: Council) -> list[str]:
    """`notice_warnings` for every meeting file in a folder, in date order (none when there is
    no such folder). A broken meeting file raises DefinitionError."""
    out: list[str] = []
    for path in meeting_files(folder):
        out.extend(notice_warnings(load_meeting(path, council), council))
    return out


def workspace_notice_warnings(council_path: str | Path, council: Council) -> list[str]:
    """`notice_warnings` for the meeting files of the workspace of `council_path` (the
    `meetings/` folder beside it), for `meetings check`: a date of issue leaving fewer clear
    days than the law requires, and papers still to follow."""
    return folder_notice_warnings(Path(council_path).parent / "meetings", council)


def build_agenda(
    meeting: MeetingFile,
    council: Council,
    *,
    around: Neighbours | None = None,
    page_counts: Mapping[Paper, int] | None = None,
    pack: bool = False,
) -> Agenda:
    """Number, page and assemble the agenda of `meeting` with `council`'s standard items.

    `around` gives the previous and next meetings; by default `neighbours(meeting)` finds them.
    `page_counts` are the real page counts of the papers (meetings.binding.page_count): an
    item's pages are those of its papers; without them, an item with papers has no page
    numbers (and a warning says so). With `pack`, the agenda is the front sheet of the pack,
    so an item whose typed `pages` stand for a paper not to hand is printed "To Follow".
    Problems (an unknown body, venue or author) raise DefinitionError naming the meeting file.
    """
    reader = Reader({}, file=str(meeting.path))
    _check_against(meeting, council, reader)
    reader.raise_if_problems()
    body = council.body(meeting.body)
    around = around if around is not None else neighbours(meeting)
    start = _meeting_start(meeting, council, reader)
    reader.raise_if_problems()

    # The council's standard items first, in its order, unless the file picks its own.
    standard = {i.id: i for i in council.procedural_items_for(body.id)}
    chosen = meeting.standard_items if meeting.standard_items is not None else tuple(standard)
    drafts: list[AgendaItem] = []
    dates: list[dt.date | None] = []
    for key in chosen:
        proc = standard[key]
        override = meeting.standard.get(key, StandardOverride())
        drafts.append(
            AgendaItem(
                title=proc.title,
                kind=ItemKind.PROCEDURAL,
                purpose=override.purpose if override.purpose is not None else proc.wording,
                pages=override.pages,
                to_follow=override.to_follow,
                standard=key,
                papers=override.papers,
            )
        )
        dates.append(around.previous if key in _ABOUT_PREVIOUS else None)
    public = [i for i in meeting.items if not i.exempt]
    private = [i for i in meeting.items if i.exempt]
    drafts.extend(public)
    dates.extend([None] * len(public))
    if meeting.date_of_next_meeting:
        drafts.append(
            AgendaItem(title=NEXT_MEETING_ITEM, kind=ItemKind.PROCEDURAL, standard="next")
        )
        dates.append(around.next)
    if private:
        # Exempt business comes last, after the resolution to exclude the press and public
        # (LGA 1972 s.100A(4)), which cites every paragraph the exempt items rely on.
        paragraphs = sorted({p for i in private for p in i.exempt})
        drafts.append(
            AgendaItem(
                title=EXCLUSION_ITEM,
                kind=ItemKind.PROCEDURAL,
                purpose=exclusion_wording(paragraphs),
                standard="exclusion",
            )
        )
        dates.append(None)
        drafts.extend(private)
        dates.extend([None] * len(private))

    drafts, paging = _counted(drafts, page_counts, pack=pack, where=meeting.path.name)
    ranges = allocate_pages([d.pages for d in drafts])
    drafts = [attrs.evolve(d, purpose=naming_previous(d.purpose, around.previous)) for d in drafts]
    entries = [
        _entry(number, draft, pages, day, council)
        for number, (draft, pages, day) in enumerate(zip(drafts, ranges, dates, strict=True), 1)
    ]
    split = len(entries) - len(private)
    if around.next is not None:
        # Seed 003: "Date of Next Meeting Thursday 10 December 2009 at 11 am".
        next_start = around.next_start or body.defaults.start
        entries = [
            attrs.evolve(e, meeting_time=next_start) if e.standard == "next" else e for e in entries
        ]
    if meeting.headings:
        entries = _with_headings(entries)

    officer = council.signatory
    members = sorted(
        body.members_on(meeting.day), key=lambda m: (m.person.surname.lower(), str(m.person))
    )
    roles = dict(meeting.roles)
    listed = tuple(
        Member(
            name=str(m.person),
            role=roles.pop(str(m.person), None)
            or (None if m.role is Role.MEMBER else m.role.label),
        )
        for m in members
    )
    invited = tuple(_invited(text) for text in meeting.invited)
    unknown = [name for name in roles if name not in {i.name for i in invited}]
    if unknown:
        known = ", ".join(m.name for m in listed) or "none listed"
        raise DefinitionError(
            [
                Problem(
                    file=str(meeting.path),
                    key=f"roles.{name}",
                    message=f"{name!r} is not a member of {body.name} on {meeting.day}; "
                    f"members: {known} (list others under `invited`)",
                )
                for name in unknown
            ]
        )
    venue_id = meeting.venue or body.defaults.venue
    contact = council.contact
    notice = _notice(meeting.day, council)  # once: the dates below and the warnings
    latest_issue = notice[0]
    return Agenda(
        council=council.name,
        body=body.name,
        body_id=body.id,
        body_kind=body.kind.value,
        start=start,
        venue=council.venue(venue_id).text if venue_id else None,
        members=listed,
        invited=invited,
        letter=meeting.letter
        or (Letter.INVITATION if body.kind.single_decision_maker else Letter.SUMMONS),
        logo=logo_uri(logo) if (logo := meeting.logo or council.logo) is not None else None,
        issued=meeting.issued or latest_issue,
        latest_issue=latest_issue,
        clear_days=council.clear_days,
        large_print_hours=council.large_print_notice_hours,
        signatory_name=str(officer.name) if officer else "",
        signatory_title=officer.job_titles[0] if officer and officer.job_titles else "",
        issued_from=council.issued_from or issued_from(council.address),
        contact_team=contact.team,
        contact_address=(council.name, *council.address),
        contact_phone=contact.phone,
        contact_email=contact.email,
        contact_web=contact.web,
        public=tuple(entries[:split]),
        private=tuple(entries[split:]),
        previous_meeting=around.previous,
        next_meeting=around.next,
        warnings=tuple(_notice_warnings(meeting, council, notice))
        + tuple(paging)
        + (() if officer else (f"{meeting.path.name}: {_UNSIGNED}",)),
    )


def _invited(text: str) -> Member:
    """'Dr SA Harangozo (Opposition Spokesman)' as a listed Member."""
    name, role = split_annotation(text)
    return Member(name=name, role=role)


def _counted(
    drafts: Sequence[AgendaItem],
    page_counts: Mapping[Paper, int] | None,
    *,
    pack: bool,
    where: str,
) -> tuple[list[AgendaItem], list[str]]:
    """Each item's pages from its papers' real page counts, with the warnings that arise."""
    out: list[AgendaItem] = []
    warnings: list[str] = []
    for draft in drafts:
        if draft.papers:
            if page_counts is None:
                warnings.append(
                    f"{where}: {draft.title!r} has papers but their pages were not counted, "
                    "so it has no page numbers (`meetings pack` counts them)"
                )
                out.append(attrs.evolve(draft, pages=None))
            else:
                out.append(attrs.evolve(draft, pages=sum(page_counts[p] for p in draft.papers)))
        elif pack and draft.pages is not None:
            # Typed pages stand for a paper not to hand: the pack cannot number what it lacks.
            warnings.append(
                f"{where}: {draft.title!r} gives `pages` but no `papers`, so its paper is not "
                "in the pack: it is printed To Follow"
            )
            out.append(attrs.evolve(draft, pages=None, to_follow=True))
        else:
            out.append(draft)
    return out, warnings


# A trailing UK postcode line ("LE18 2DR"), which a letter's place of issue leaves out.
_POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$", re.IGNORECASE)


def issued_from(address: Sequence[str]) -> tuple[str, ...]:
    """Where the summons is issued from, written above its date and the signature (seed 000:
    "Council Offices", "Wigston", "25 February 2019"): the council's address without its
    postcode, which a place of issue leaves out."""
    return tuple(line for line in address if not _POSTCODE.match(line.strip()))


KIND_HEADINGS: Mapping[ItemKind, str] = {
    ItemKind.PROCEDURAL: "Procedural Items",
    ItemKind.DECISION: "Decision Items",
    ItemKind.INFORMATION: "Information Items",
    ItemKind.STANDING: "Standing Items",
    ItemKind.VERBAL: "Verbal Updates",
}


def _with_headings(entries: Sequence[AgendaEntry]) -> list[AgendaEntry]:
    """A heading before each run of business of one kind; the closing items (date of next
    meeting, exclusion resolution) and the exempt part carry none."""
    out: list[AgendaEntry] = []
    current: ItemKind | None = None
    for entry in entries:
        if entry.standard in ("next", "exclusion") or entry.exempt:
            current = None
            out.append(entry)
            continue
        heading = KIND_HEADINGS[entry.kind] if entry.kind is not current else None
        current = entry.kind
        out.append(attrs.evolve(entry, heading=heading))
    return out


def _entry(
    number: int, item: AgendaItem, pages: PageRange | None, day: dt.date | None, council: Council
) -> AgendaEntry:
    presenter, name = item.report_of, None
    if item.author is not None:
        officer = council.officer(item.author)
        presenter = presenter or officer.job_title
        name = officer.name.without_title
    return AgendaEntry(
        number=number,
        title=item.title,
        kind=item.kind,
        purpose=item.purpose,
        report_title=item.report_title,
        presenter=presenter,
        author_name=name,
        pages=pages,
        to_follow=item.to_follow,
        exempt=item.exempt,
        urgent=item.urgent,
        standard=item.standard,
        meeting_date=day,
        papers=item.papers,
    )


def agenda_for(
    path: str | Path, council: Council | None = None, *, council_path: str | Path | None = None
) -> Agenda:
    """Load a meeting file (and its workspace's council file unless given) into an Agenda."""
    if council is None:
        from meetings.definitions import load_council  # noqa: PLC0415 - avoids a cycle

        council = load_council(council_path or find_council(path))
    return build_agenda(load_meeting(path, council), council)
