"""The public meetings site: the year published as plain, accessible static pages.

`build_site` makes every file of the site as bytes (a home page with the year's calendar and
table; a page per body, per meeting and per member; the meetings' papers rendered with the
agenda, minutes and action-list templates; the iCalendar feeds, one .ics per meeting, and an
Atom feed per body and for the council); `write_site` writes only the files whose content
changed, so publishing again after a change rewrites what the change touched.

Every URL is derived from what a thing is, never from when it is: a meeting's page is named
after its UID ("meetings/change-management-2019-20-1.html"), a body's after its id, a
member's after their name; a meeting that is moved keeps its page. The state of the last
publication (`site.json`) is what the next one is compared with: meetings no longer planned
stay on the site, cancelled (as they do in the feeds), and the differences ("meeting moved",
"meeting cancelled", "agenda published") become entries of the Atom feeds.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import re
import urllib.parse
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

import attrs

from meetings import agenda as papers
from meetings import files, guards, ical, pack, timetable
from meetings.actions import ActionStore, MemoryStore
from meetings.committee import Body, BodyKind, Council, Membership, Role
from meetings.errors import DefinitionError, MeetingsError, Problem
from meetings.minutes import (
    Earlier,
    Minutes,
    action_list_of,
    minutes_of,
    same_person,
    scan_earlier,
)
from meetings.people import Person, parse_listed_name
from meetings.render import Format, clock, render, render_document
from meetings.schedule import Meeting, MeetingStatus, Schedule
from meetings.text import long_date, meeting_slug, slug

STATE = "site.json"  # the last publication, compared with the next
STATE_VERSION = 1
FEEDS = "feeds"  # the folder of the .ics and Atom feeds
ATOM_ENTRIES = 50  # entries an Atom feed keeps, newest first
PACK_SUFFIX = "-pack.pdf"  # a meeting's printed agenda pack, beside its meeting file


# -- names and addresses --------------------------------------------------------------------


def member_slug(person: Person) -> str:
    """A member's page name: their name without title or letters ('m-h-charlesworth')."""
    return slug(f"{' '.join(person.initials)} {person.surname}")


# -- what the pages show --------------------------------------------------------------------


class ChangeKind(enum.StrEnum):
    """The changes a publication reports in the Atom feeds (tokens in `site.json`)."""

    SCHEDULE = "schedule-published"
    ADDED = "meeting-added"
    MOVED = "meeting-moved"
    CANCELLED = "meeting-cancelled"
    AGENDA = "agenda-published"
    MINUTES = "minutes-published"


class PaperKind(enum.StrEnum):
    """The papers of a meeting the site publishes (tokens in `site.json`)."""

    AGENDA = "agenda"
    PACK = "pack"
    ACTION_LIST = "action-list"
    MINUTES = "minutes"


@attrs.frozen(kw_only=True)
class Paper:
    """A document of a meeting on the site: its label and its file, relative to the site."""

    kind: PaperKind
    label: str
    path: str


@attrs.frozen(kw_only=True)
class Decision:
    """A resolution or decision of a meeting, from its published minutes."""

    minute: int
    title: str
    lines: tuple[str, ...]


@attrs.frozen(kw_only=True)
class Attendance:
    """One member's part in a meeting whose minutes are published."""

    page: str  # the meeting's page
    meeting: str  # "Change Management Committee, Tuesday, 15 January 2019"
    day: dt.date
    record: str  # "Present (Chair)", "Apologies", "Substituted for M L Darr"


@attrs.frozen(kw_only=True)
class SiteMeeting:
    """A meeting as its page shows it."""

    meeting: Meeting
    row: timetable.Row
    page: str  # "meetings/<slug>.html"
    ics: str  # "meetings/<slug>.ics"
    body_name: str
    body_page: str | None  # None: an event, not a body of the council
    file: Path | None = None  # its meeting file in the workspace, when there is one
    papers: tuple[Paper, ...] = ()
    decisions: tuple[Decision, ...] = ()
    in_year: bool = True  # in the published year (else an earlier meeting with papers)
    notice: str = ""  # the notice its agenda must give ("5 clear working days")

    @property
    def when(self) -> str:
        return _when(self.row.start)


def _when(at: dt.datetime) -> str:
    """A meeting's day and time as the pages show them: "Tuesday, 5 March 2019, 7.00 PM"."""
    return f"{long_date(at.date())}, {clock(at)}"


@attrs.frozen(kw_only=True)
class Change:
    """An entry of the Atom feeds: what changed, for which meeting, at which publication."""

    kind: ChangeKind
    stamp: dt.datetime
    title: str
    text: str
    page: str  # the page it links to
    body: str | None  # None: the council's feed only
    key: str  # what makes it unique: kind, the meeting and the new state

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value,
            "stamp": self.stamp.isoformat(),
            "title": self.title,
            "text": self.text,
            "page": self.page,
            "body": self.body,
            "key": self.key,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Change:
        return cls(
            kind=ChangeKind(data["kind"]),
            stamp=dt.datetime.fromisoformat(data["stamp"]),
            title=str(data["title"]),
            text=str(data["text"]),
            page=str(data["page"]),
            body=data.get("body"),
            key=str(data["key"]),
        )


# -- the last publication -------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Publication:
    """What a publication of the site held (`site.json`): its meetings, as the schedule's
    JSON writes them, the papers each had, and the changes reported so far."""

    municipal_year: str
    meetings: tuple[Meeting, ...] = ()
    papers: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict)  # uid -> paper kinds
    changes: tuple[Change, ...] = ()
    folder: Path | None = attrs.field(default=None, eq=False)  # the site it was read from

    def file(self, name: str) -> bytes | None:
        """A file of the published site (`feeds/schedule.ics`), or None."""
        if self.folder is None or not (self.folder / name).is_file():
            return None
        return (self.folder / name).read_bytes()

    def to_json(self) -> str:
        data = {
            "version": STATE_VERSION,
            "municipal_year": self.municipal_year,
            "meetings": [m.to_json() for m in self.meetings],
            "papers": {uid: list(kinds) for uid, kinds in sorted(self.papers.items())},
            "changes": [c.to_json() for c in self.changes],
        }
        return json.dumps(data, indent=1, ensure_ascii=False) + "\n"

    @classmethod
    def read(cls, path: Path) -> Publication | None:
        """The publication in `path` (a site folder or its site.json); None when there is
        none. DefinitionError when the file is not one `write_site` wrote."""
        path = Path(path)
        if path.is_dir():
            path = path / STATE
        if not path.is_file():
            return None
        try:
            data = guards.load_json(
                guards.decode_text(path.read_bytes(), file=str(path)), file=str(path)
            )
            if not isinstance(data, dict):
                raise ValueError("expected an object with the site's meetings")
            if data.get("version") != STATE_VERSION:
                raise ValueError(f"version {data.get('version')!r}, expected {STATE_VERSION}")
            schedule = Schedule.from_json(data, file=str(path))
            return cls(
                municipal_year=str(data.get("municipal_year", "")),
                meetings=schedule.meetings,
                papers={uid: tuple(kinds) for uid, kinds in data.get("papers", {}).items()},
                changes=tuple(Change.from_json(c) for c in data.get("changes", ())),
                folder=path.parent,
            )
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            message = f"not the state of a published site ({exc}); delete it to start afresh"
            raise DefinitionError([Problem(file=str(path), key="", message=message)]) from exc


# -- the workspace's papers -----------------------------------------------------------------


_T = TypeVar("_T")


class _Read:
    """The workspace's meeting files and their minutes, each parsed once per build (a build
    looks at a file for its meeting, agenda, pack, minutes, action list, officers and
    attendance), and each folder's minutes scanned once for their numbering. A file that
    cannot be read raises the same DefinitionError every time it is asked for. (Finding a
    meeting's neighbours still lists its folder, and an action list still looks into the
    previous meeting's file for its minutes.)"""

    def __init__(self, council: Council) -> None:
        self.council = council
        self._meetings: dict[Path, papers.MeetingFile | DefinitionError] = {}
        self._minutes: dict[Path, Minutes | DefinitionError] = {}
        self._folders: dict[Path, tuple[Earlier, ...]] = {}

    def meeting(self, path: Path) -> papers.MeetingFile:
        return _once(self._meetings, path, lambda p: papers.load_meeting(p, self.council))

    def minutes(self, path: Path) -> Minutes:
        return _once(self._minutes, path, self._load_minutes)

    def _load_minutes(self, path: Path) -> Minutes:
        if path.parent not in self._folders:
            self._folders[path.parent] = scan_earlier(path.parent)
        earlier = self._folders[path.parent]
        return minutes_of(self.meeting(path), self.council, earlier=earlier)


def _once(cache: dict[Path, _T | DefinitionError], path: Path, load: Callable[[Path], _T]) -> _T:
    """`load(path)` the first time, its result (or its DefinitionError) after."""
    if path not in cache:
        try:
            cache[path] = load(path)
        except DefinitionError as exc:
            cache[path] = exc
    found = cache[path]
    if isinstance(found, DefinitionError):
        raise found
    return found


def _actions_store(files: Sequence[Path], read: _Read, register: Path | None) -> ActionStore:
    """The actions for the action lists: the register when there is one (its statuses are
    the latest), else those raised in the workspace's minutes, as raised."""
    if register is not None and register.is_file():
        from meetings.register import open_register  # noqa: PLC0415 - only when there is one

        with open_register(register, create=False) as kept:
            return MemoryStore(kept.find())
    store = MemoryStore()
    for path in files:
        try:
            store.add(read.minutes(path).actions())
        except DefinitionError:
            continue  # a meeting file without minutes
    return store


def _decisions(minutes: Minutes) -> tuple[Decision, ...]:
    """The resolutions and decisions of published (public) minutes, minute by minute."""
    out = []
    for minute in minutes.minutes:
        lines: list[str] = []
        for resolution in minute.resolutions:
            lines.append(resolution.verdict())
            lines += [f"{label} {text}".strip() for label, text in resolution.labelled_parts()]
        lines += [f"{d.verb.value.capitalize()}: {d.text}" for d in minute.decisions]
        if lines:
            out.append(Decision(minute=minute.number, title=minute.title, lines=tuple(lines)))
    return tuple(out)


# -- building the site ----------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Site:
    """Every file of the site (path relative to its folder -> content), the publication to
    compare the next one with, and the warnings met on the way (a meeting file that could
    not be rendered)."""

    files: Mapping[str, bytes]
    publication: Publication
    warnings: tuple[str, ...] = ()


def _carried(schedule: Schedule, before: Publication | None) -> Schedule:
    """The schedule with the meetings of the last publication that are no longer planned,
    cancelled: their pages stay (so links to them keep working) and say so."""
    if before is None or before.municipal_year != schedule.municipal_year:
        return schedule
    planned = {m.uid for m in schedule.meetings}
    gone = tuple(
        attrs.evolve(m, status=MeetingStatus.CANCELLED)
        for m in before.meetings
        if m.uid not in planned
    )
    if not gone:
        return schedule
    meetings = tuple(sorted((*schedule.meetings, *gone), key=lambda m: (m.start, m.uid)))
    return attrs.evolve(schedule, meetings=meetings)


def _filed_meeting(path: Path, read: _Read, domain: str) -> Meeting:
    """A meeting known only from its meeting file (held before the published year): its UID
    from its body and day, which are what it is."""
    council = read.council
    meeting = read.meeting(path)
    body = council.body(meeting.body)
    start = dt.datetime.combine(
        meeting.day, meeting.start or body.defaults.start or dt.time(0), council.tz
    )
    return Meeting(
        uid=f"{body.id}-{meeting.day.isoformat()}@{domain}",
        body=body.id,
        title=body.name,
        kind=body.kind,
        start=start,
        end=start + body.defaults.duration,
        venue=meeting.venue or body.defaults.venue,
        status=MeetingStatus.CONFIRMED,
    )


def build_site(
    schedule: Schedule,
    council: Council,
    *,
    stamp: dt.datetime,
    workspace: Path | None = None,
    previous: Publication | None = None,
    previous_feed: bytes | None = None,
    url: str | None = None,
    template_dir: Path | None = None,
) -> Site:
    """Every file of the site for `schedule`.

    `workspace` is the folder of the council file: its `meetings/` files give each meeting
    its agenda, minutes (the public version, LGA 1972 s.100C) and action list (statuses from
    its `actions.sqlite` when there is one), and meetings held before the year are listed
    with their papers. `previous` is the last publication (`Publication.read`) and
    `previous_feed` its whole-council feed (default: the one in the folder `previous` was
    read from); the feeds and each meeting's .ics are compared with them, so a changed
    meeting's SEQUENCE rises (RFC 5545 s.3.8.7.4); `url` is where the site will be served from
    ("https://example.gov.uk/meetings/"): with it the feeds get webcal:// subscribe links
    and each meeting's calendar entry links to its page. `stamp` is the publication time.
    """
    if stamp.tzinfo is None:
        raise MeetingsError(f"the stamp {stamp.isoformat()} has no UTC offset")
    base = _base(url)
    facts = timetable.Facts.of(council)
    domain = council.uid_domain
    shown = _carried(schedule, previous)
    warnings: list[str] = []
    files: dict[str, bytes] = {}
    bodies = {b.id: b for b in council.bodies}
    read = _Read(council)

    # the meetings: the year's, and those held earlier whose files are in the workspace
    folder = workspace / "meetings" if workspace is not None else None
    meeting_files = papers.meeting_files(folder) if folder and folder.is_dir() else ()
    by_day = {(m.body, m.start.astimezone(facts.tz).date()): m for m in shown.meetings}
    filed: dict[str, Path] = {}
    year_start = min(
        (m.start.astimezone(facts.tz).date() for m in shown.meetings), default=dt.date.max
    )
    earlier: list[Meeting] = []
    for path in meeting_files:
        named = papers.split_file_name(path)
        if named is None or named[1] not in bodies:
            continue
        day, body_id = named
        found = by_day.get((body_id, day))
        if found is None:
            try:
                found = _filed_meeting(path, read, domain)
            except DefinitionError as exc:
                warnings.append(str(exc))
                continue
            if day >= year_start:  # a meeting of the year that the schedule does not have
                warnings.append(
                    f"{path}: no meeting of {body_id} on {day} in the {shown.municipal_year} "
                    "schedule; its papers are published on a page of their own, not on a "
                    "planned meeting's (rename the file to the planned meeting's date)"
                )
            earlier.append(found)
        filed[found.uid] = path
    everything = Schedule(
        council=shown.council,
        municipal_year=shown.municipal_year,
        meetings=tuple(sorted((*shown.meetings, *earlier), key=lambda m: (m.start, m.uid))),
    )
    rows = {r.uid: r for r in timetable.rows(everything, facts)}
    year_uids = {m.uid for m in shown.meetings}

    store = _actions_store(list(filed.values()), read, _register(workspace))
    site_meetings: dict[str, SiteMeeting] = {}
    for meeting in everything.meetings:
        name = meeting_slug(meeting.uid)
        body = bodies.get(meeting.body)
        row = rows[meeting.uid]
        entry = SiteMeeting(
            meeting=meeting,
            row=row,
            page=f"meetings/{name}.html",
            ics=f"meetings/{name}.ics",
            body_name=body.name if body else meeting.title,
            body_page=f"bodies/{body.id}.html" if body else None,
            file=filed.get(meeting.uid),
            in_year=meeting.uid in year_uids,
            notice=papers.notice_period(row.date, council) if body else "",
        )
        if entry.file is not None:
            entry, rendered, problems = _papers(entry, read, store, template_dir)
            files.update(rendered)
            warnings += problems
        site_meetings[meeting.uid] = entry

    links = {uid: base + m.page for uid, m in site_meetings.items()} if base else None
    page_url = base or None

    # the feeds: the council's, each body's and the useful dates (timetable.feeds), compared
    # with the last publication's for SEQUENCE; and one .ics per meeting for "add to calendar"
    earlier_site = (
        previous if previous and previous.municipal_year == shown.municipal_year else None
    )
    if previous_feed is None and earlier_site is not None:
        previous_feed = earlier_site.file(f"{FEEDS}/{timetable.COUNCIL_FEED}")
    for name, data in timetable.feeds(
        shown, council, stamp=stamp, previous=previous_feed, links=links, url=page_url
    ).items():
        files[f"{FEEDS}/{name}"] = data
    # each body's feed, by name; a feed of meetings that are not a body's (events) as a group
    labels = {f"schedule-{timetable.feed_name(m.body)}.ics": m for m in shown.meetings}
    body_feeds = tuple(
        (name, facts.bodies.get(labels[name].body, "Other meetings and events"))
        for name in sorted(labels)
    )
    for entry in site_meetings.values():
        files[entry.ics] = ical.to_ical(
            [entry.meeting],
            name=f"{council.name}: {entry.meeting.title}, {long_date(entry.row.date)}",
            stamp=stamp,
            timezone=council.timezone,
            venues=facts.locations,
            bodies=facts.bodies,
            links=links,
            url=page_url,
            previous=earlier_site.file(entry.ics) if earlier_site else None,
        )

    # what changed since the last publication: the Atom feeds' entries
    publication = _publication(shown, site_meetings, previous, stamp)

    context = _Context(
        council=council,
        read=read,
        schedule=shown,
        meetings=site_meetings,
        facts=facts,
        base=base,
        template_dir=template_dir,
        feeds=body_feeds,
    )
    files.update(context.pages())
    from meetings.atom import atom_feed  # noqa: PLC0415 - the `site` extra, loaded when used

    feed_base = base or ""
    news: dict[str, tuple[str | None, str, str]] = {
        "news.atom": (None, f"{council.name}: meetings", "index.html")
    } | {
        f"news-{b.id}.atom": (b.id, f"{council.name}: {b.name}", f"bodies/{b.id}.html")
        for b in council.bodies
    }
    for name, (feed_body, title, home) in news.items():
        files[f"{FEEDS}/{name}"] = atom_feed(
            title=title,
            home=feed_base + home,
            feed_url=f"{base}{FEEDS}/{name}" if base else None,
            feed_id=f"tag:{domain},2000:meetings" + (f"/{feed_body}" if feed_body else ""),
            author=council.name,
            author_link=council.contact.web or None,
            entries=_atom_entries(publication.changes, feed_body, feed_base, domain),
            stamp=stamp,
        )
    files[STATE] = publication.to_json().encode()
    return Site(files=files, publication=publication, warnings=tuple(warnings))


def _base(url: str | None) -> str:
    """The site's address ending in '/', or '' when not given."""
    if not url:
        return ""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise MeetingsError(
            f"the site's address {url!r} is not an http(s) URL; expected e.g. "
            "https://www.example.gov.uk/meetings/"
        )
    return url if url.endswith("/") else url + "/"


def _register(workspace: Path | None) -> Path | None:
    if workspace is None:
        return None
    from meetings.register import DEFAULT_NAME  # noqa: PLC0415

    return workspace / DEFAULT_NAME


def _pack(meeting_file: Path, read: _Read, template_dir: Path | None) -> tuple[bytes | None, str]:
    """(the meeting's public pack or None, why it could not be made or "")."""
    ready = meeting_file.with_name(f"{meeting_file.stem}{PACK_SUFFIX}")
    if ready.is_file():
        return ready.read_bytes(), ""
    meeting = read.meeting(meeting_file)
    if not pack.paper_files(meeting):
        return None, ""
    from meetings import assembly  # noqa: PLC0415 - WeasyPrint and pypdf, the `pdf` extra

    try:
        # the public pack only: exempt papers never reach the site
        packs = assembly.bind_packs(
            meeting, read.council, template_dir=template_dir, restricted=False
        )
        return packs.public, ""
    except MeetingsError as exc:  # the pdf extra or LibreOffice missing, a paper unreadable
        return None, f"{meeting_file.name}: no agenda pack on the site: {exc}"


def _papers(
    entry: SiteMeeting, read: _Read, store: ActionStore, template_dir: Path | None
) -> tuple[SiteMeeting, dict[str, bytes], list[str]]:
    """A meeting's agenda, public minutes and action list, rendered from its meeting file."""
    assert entry.file is not None
    council = read.council
    folder = entry.page.removesuffix(".html")
    files: dict[str, bytes] = {}
    found: list[Paper] = []
    problems: list[str] = []
    decisions: tuple[Decision, ...] = ()
    try:
        agenda = papers.build_agenda(read.meeting(entry.file), council)
    except DefinitionError as exc:
        return entry, files, [str(exc)]
    path = f"{folder}/agenda.html"
    files[path] = render_document(
        "agenda/agenda", {"agenda": agenda}, Format.HTML, template_dir=template_dir
    )
    found.append(Paper(kind=PaperKind.AGENDA, label="Summons and agenda", path=path))
    # The printed agenda pack, with its reports: the one beside the meeting file
    # (`<date>-<body>-pack.pdf`) as it is, else bound from the papers the file names (the
    # public pack only: exempt papers never reach the site).
    bound, problem = _pack(entry.file, read, template_dir)
    if problem:
        problems.append(problem)
    if bound is not None:
        path = f"{folder}/pack.pdf"
        files[path] = bound
        size = f"{max(1, round(len(files[path]) / 1024))} KB"
        found.append(Paper(kind=PaperKind.PACK, label=f"Agenda pack (PDF, {size})", path=path))
    try:
        listing = action_list_of(
            read.meeting(entry.file),
            store,
            today=agenda.issued,
            council=council,
            minutes=read.minutes,
        )
    except DefinitionError:
        listing = None  # the body's previous meeting is not known: no action list
    if listing is not None:
        path = f"{folder}/action-list.html"
        files[path] = render_document(
            "actions/action_list", {"al": listing}, Format.HTML, template_dir=template_dir
        )
        found.append(Paper(kind=PaperKind.ACTION_LIST, label="Action list", path=path))
    if council_minutes := _minutes(entry.file, read, problems):
        public = council_minutes.public()  # exempt items withheld (LGA 1972 s.100C(1))
        path = f"{folder}/minutes.html"
        files[path] = render_document(
            "minutes/minutes", public.context(), Format.HTML, template_dir=template_dir
        )
        found.append(Paper(kind=PaperKind.MINUTES, label="Minutes", path=path))
        decisions = _decisions(public)
    return (
        attrs.evolve(entry, papers=tuple(found), decisions=decisions),
        files,
        problems,
    )


def _minutes(path: Path, read: _Read, problems: list[str]) -> Minutes | None:
    meeting = read.meeting(path)
    if meeting.minutes_table is None:
        return None
    try:
        return read.minutes(path)
    except DefinitionError as exc:
        problems.append(str(exc))
        return None


# -- what changed ---------------------------------------------------------------------------


def _publication(
    schedule: Schedule,
    meetings: Mapping[str, SiteMeeting],
    before: Publication | None,
    stamp: dt.datetime,
) -> Publication:
    """This publication, with the changes since `before` added to those reported so far."""
    changes = list(before.changes) if before else []
    known = {c.key for c in changes}

    def report(kind: ChangeKind, entry: SiteMeeting, title: str, text: str, state: str) -> None:
        key = f"{kind}:{entry.meeting.uid}:{state}"
        if key not in known:
            known.add(key)
            changes.append(
                Change(
                    kind=kind,
                    stamp=stamp,
                    title=title,
                    text=text,
                    page=entry.page,
                    body=entry.meeting.body,
                    key=key,
                )
            )

    same_year = before is not None and before.municipal_year == schedule.municipal_year
    old = {m.uid: m for m in before.meetings} if before and same_year else {}
    if not same_year:
        key = f"{ChangeKind.SCHEDULE}:{schedule.municipal_year}"
        if key not in known:
            known.add(key)
            changes.append(
                Change(
                    kind=ChangeKind.SCHEDULE,
                    stamp=stamp,
                    title=f"Schedule of meetings {schedule.municipal_year} published",
                    text=f"{len(schedule.meetings)} meetings of {schedule.council} in "
                    f"the municipal year {schedule.municipal_year}.",
                    page="index.html",
                    body=None,
                    key=key,
                )
            )
    for entry in meetings.values():
        meeting, name = entry.meeting, f"{entry.body_name}, {entry.when}"
        was = old.get(meeting.uid)
        if entry.in_year and same_year and was is None:
            report(ChangeKind.ADDED, entry, f"Meeting added: {name}", _where(entry), "added")
        if was is not None and meeting.status is MeetingStatus.CANCELLED:
            if was.status is not MeetingStatus.CANCELLED:
                report(
                    ChangeKind.CANCELLED,
                    entry,
                    f"Meeting cancelled: {name}",
                    f"The meeting of {entry.body_name} on {entry.when} is cancelled.",
                    "cancelled",
                )
        elif was is not None and (was.start, was.end, was.venue) != (
            meeting.start,
            meeting.end,
            meeting.venue,
        ):
            then = was.start.astimezone(entry.row.start.tzinfo)  # as the pages show it
            report(
                ChangeKind.MOVED,
                entry,
                f"Meeting moved: {name}",
                f"The meeting of {entry.body_name} planned for {_when(then)} is now on "
                f"{entry.when}. {_where(entry)}",
                f"{meeting.start.isoformat()}/{meeting.venue}",
            )
        had = before.papers.get(meeting.uid, ()) if before else ()
        for paper in entry.papers:
            if paper.kind in had:
                continue
            if paper.kind is PaperKind.AGENDA:
                report(
                    ChangeKind.AGENDA,
                    entry,
                    f"Agenda published: {name}",
                    f"The summons and agenda for the meeting of {entry.body_name} on "
                    f"{entry.when} are published.",
                    "agenda",
                )
            elif paper.kind is PaperKind.MINUTES:
                report(
                    ChangeKind.MINUTES,
                    entry,
                    f"Minutes published: {name}",
                    f"The minutes of the meeting of {entry.body_name} on {entry.when} "
                    "are published.",
                    "minutes",
                )
    return Publication(
        municipal_year=schedule.municipal_year,
        meetings=schedule.meetings,
        papers={
            uid: tuple(p.kind for p in entry.papers)
            for uid, entry in meetings.items()
            if entry.papers
        },
        changes=tuple(sorted(changes, key=lambda c: (c.stamp, c.key))),
    )


def _where(entry: SiteMeeting) -> str:
    row = entry.row
    venue = "venue to be confirmed" if row.venue_tbc else row.venue
    return f"Venue: {venue}."


def _atom_entries(
    changes: Iterable[Change], body: str | None, base: str, domain: str
) -> list[dict[str, Any]]:
    """The newest changes of a feed (a body's, or with None the council's) as entries."""
    chosen = [c for c in changes if body is None or c.body in (body, None)]
    chosen.sort(key=lambda c: (c.stamp, c.key), reverse=True)
    return [
        {
            "title": c.title,
            "link": base + c.page,
            "text": c.text,
            "updated": c.stamp,
            # RFC 4151 tag URI: unique and the same in every publication of the change
            "id": f"tag:{domain},{c.stamp:%Y-%m-%d}:{urllib.parse.quote(c.key, safe=':/@-.')}",
            "category": c.kind,
        }
        for c in chosen[:ATOM_ENTRIES]
    ]


# -- the pages ------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class MemberPage:
    person: Person
    page: str
    seats: tuple[tuple[Body, Role, str], ...]  # (body, role, dates)
    attendance: tuple[Attendance, ...]


@attrs.frozen(kw_only=True)
class _Context:
    council: Council
    read: _Read
    schedule: Schedule
    meetings: Mapping[str, SiteMeeting]
    facts: timetable.Facts
    base: str
    template_dir: Path | None
    feeds: tuple[tuple[str, str], ...] = ()  # (file under feeds/, whose meetings)

    def _render(self, name: str, page: str, context: Mapping[str, object]) -> bytes:
        depth = page.count("/")
        common: dict[str, object] = {
            "council": self.council,
            "year": self.schedule.municipal_year,
            "root": "../" * depth,
            "page": page,
            "base": self.base,
            "webcal": _webcal(self.base),
        }
        return render(
            f"site/{name}.html", {**common, **context}, template_dir=self.template_dir
        ).encode()

    def pages(self) -> dict[str, bytes]:
        meetings = list(self.meetings.values())
        in_year = [m for m in meetings if m.in_year]
        earlier = sorted(
            (m for m in meetings if not m.in_year), key=lambda m: m.row.start, reverse=True
        )
        by_uid = {m.meeting.uid: m for m in meetings}
        members = self._members(meetings)
        files: dict[str, bytes] = {}
        files["site.css"] = render("site/site.css", {}, template_dir=self.template_dir).encode()
        months = timetable.months(self.schedule, self.facts)
        groups = timetable.groups(self.schedule, self.facts)
        files["index.html"] = self._render(
            "index",
            "index.html",
            {
                "months": months,
                "weekdays": timetable.WEEKDAYS,
                "tables": [(g.heading, [by_uid[r.uid] for r in g.rows]) for g in groups],
                "by_uid": by_uid,
                "earlier": earlier,
                "bodies": self._bodies(in_year),
                "provisional": any(m.meeting.status is MeetingStatus.PROVISIONAL for m in in_year),
                "legend": timetable.legend(self.schedule),
                "feeds": self.feeds,
                "useful_dates": bool(timetable.shown_periods(self.schedule)),
            },
        )
        for body, its in self._bodies(meetings):
            page = f"bodies/{body.id}.html"
            files[page] = self._render(
                "body",
                page,
                {
                    "body": body,
                    "meetings": [m for m in its if m.in_year],
                    "earlier": [m for m in its if not m.in_year][::-1],
                    "members": [
                        (m, members[member_slug(m.person)].page, _dates(m)) for m in body.members
                    ],
                    "officers": self._officers(its),
                    "kind": _KIND.get(body.kind, "Body"),
                },
            )
        for entry in meetings:
            files[entry.page] = self._render(
                "meeting",
                entry.page,
                {"m": entry},
            )
        files["members/index.html"] = self._render(
            "members",
            "members/index.html",
            {"members": sorted(members.values(), key=lambda p: (p.person.surname, str(p.person)))},
        )
        for member in members.values():
            files[member.page] = self._render("member", member.page, {"member": member})
        return files

    def _bodies(self, meetings: Sequence[SiteMeeting]) -> list[tuple[Body, list[SiteMeeting]]]:
        out = []
        for body in self.council.bodies:
            its = sorted(
                (m for m in meetings if m.meeting.body == body.id), key=lambda m: m.row.start
            )
            out.append((body, its))
        return out

    def _officers(self, meetings: Sequence[SiteMeeting]) -> list[tuple[str, str]]:
        """(name, job title) of the officers who wrote reports to the body's meetings or
        attended them, by the council's record of them where it has one."""
        found: dict[str, tuple[str, str]] = {}
        for entry in meetings:
            if entry.file is None:
                continue
            meeting = self.read.meeting(entry.file)
            for item in meeting.items:
                if item.author:
                    officer = self.council.officer(item.author)
                    found[officer.id] = (str(officer.name), officer.job_title)
            if meeting.minutes_table is not None:
                for attendee in meeting.minutes_table.get("officers", ()):
                    name = str(attendee.get("name", ""))
                    person = parse_listed_name(name)[0]
                    match = next(
                        (o for o in self.council.officers if same_person(person, o.name)), None
                    )
                    if match is not None:
                        found[match.id] = (str(match.name), match.job_title)
                    else:
                        found[slug(name)] = (name, str(attendee.get("role", "")))
        return sorted(found.values(), key=lambda o: parse_listed_name(o[0])[0].surname)

    def _members(self, meetings: Sequence[SiteMeeting]) -> dict[str, MemberPage]:
        seats: dict[str, list[tuple[Body, Role, str]]] = {}
        people: dict[str, Person] = {}
        for body in self.council.bodies:
            for membership in body.members:
                key = member_slug(membership.person)
                people.setdefault(key, membership.person)
                seats.setdefault(key, []).append((body, membership.role, _dates(membership)))
        attendance: dict[str, list[Attendance]] = {key: [] for key in people}
        for entry in sorted(meetings, key=lambda m: m.row.start):
            minutes = _held(entry, self.read)
            if minutes is None:
                continue
            for key, person in people.items():
                record = _record(person, minutes)
                if record:
                    attendance[key].append(
                        Attendance(
                            page=entry.page,
                            meeting=f"{entry.body_name}, {entry.when}",
                            day=entry.row.date,
                            record=record,
                        )
                    )
        return {
            key: MemberPage(
                person=person,
                page=f"members/{key}.html",
                seats=tuple(seats[key]),
                attendance=tuple(attendance[key]),
            )
            for key, person in people.items()
        }


_KIND = {
    BodyKind.COUNCIL: "Full Council",
    BodyKind.COMMITTEE: "Committee",
    BodyKind.SUB_COMMITTEE: "Sub-Committee",
    BodyKind.WORKING_GROUP: "Working Group",
    BodyKind.PORTFOLIO_HOLDER: "Portfolio Holder",
    BodyKind.EVENT: "Event",
}


def _dates(membership: Membership) -> str:
    since, until = membership.since, membership.until
    if since and until:
        return f"from {long_date(since)} to {long_date(until)}"
    if since:
        return f"from {long_date(since)}"
    if until:
        return f"until {long_date(until)}"
    return ""


def _held(entry: SiteMeeting, read: _Read) -> Minutes | None:
    if entry.file is None or not any(p.kind is PaperKind.MINUTES for p in entry.papers):
        return None
    return read.minutes(entry.file)


def _record(person: Person, minutes: Minutes) -> str:
    """How the minutes record a member: present (as chair), apologies, or substituted."""

    def named(names: Iterable[str]) -> bool:
        return any(same_person(person, parse_listed_name(n)[0]) for n in names)

    if minutes.chair and named([minutes.chair]):
        return f"Present ({minutes.chair_role})"
    for sub in minutes.substitutes:
        if named([sub.member]):
            return f"Present, substituting for {sub.replaces}"
    if named(minutes.present):
        return "Present"
    if named(minutes.apologies):
        replaced = [s.member for s in minutes.substitutes if named([s.replaces])]
        return "Apologies" + (f" ({replaced[0]} substituted)" if replaced else "")
    return ""


def _webcal(base: str) -> str:
    """The site's address as a webcal:// link prefix (calendar programs subscribe to it)."""
    if not base:
        return ""
    return "webcal://" + base.split("://", 1)[1]


# -- writing --------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Written:
    """What `write_site` did: the files it wrote and those it left as they were."""

    written: tuple[str, ...]
    unchanged: tuple[str, ...]


_DTSTAMP = re.compile(rb"^DTSTAMP:[0-9TZ]+\r\n", re.MULTILINE)


def _same(path: Path, data: bytes) -> bool:
    """Whether the file at `path` holds `data`. A feed differing only in its DTSTAMPs (the
    time of publication, RFC 5545 s.3.8.7.2) is the same: nothing in it changed."""
    if not path.is_file():
        return False
    old = path.read_bytes()
    if old == data:
        return True
    return path.suffix == ".ics" and _DTSTAMP.sub(b"", old) == _DTSTAMP.sub(b"", data)


def write_site(site: Site, out_dir: Path) -> Written:
    """Write the site into `out_dir`, only the files whose content changed."""
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise MeetingsError(f"{out_dir}: is a file, not a folder")
    written, unchanged = [], []
    for name, data in sorted(site.files.items()):
        path = out_dir / name
        if _same(path, data):
            unchanged.append(name)
            continue
        files.make_folder(path.parent)
        files.write_atomic(path, data)  # a visitor never gets half a page (files.py)
        written.append(name)
    return Written(written=tuple(written), unchanged=tuple(unchanged))
