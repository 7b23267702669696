"""Council definition files (`council.toml`, schema 1): read into the model and written back.

`load_council(path)` reports every problem in the file at once (file, key path, the bad
value and what would be valid); `council_to_toml(council)` writes a council back so that
loading the text gives an equal council. The format is documented in docs/council-file.md.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sized
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs

from meetings._private import Reader, suggest
from meetings.committee import (
    CALL_IN_WORKING_DAYS,
    DECISION_NOTICE_WORKING_DAYS,
    DEFAULT_ACTION_STATUSES,
    DEFAULT_PROCEDURAL_ITEMS,
    LOGO_TYPES,
    Body,
    BodyKind,
    Contact,
    Council,
    MeetingDefaults,
    Membership,
    MinuteNumbering,
    Officer,
    ProceduralItem,
    QuorumRule,
    Role,
    SubstitutionDeadline,
    Venue,
    Weekday,
)
from meetings.dates import DayCount, Nation
from meetings.errors import DefinitionError, MeetingsError, Problem
from meetings.people import Person, parse_listed_name
from meetings.rules import ScheduleRules

SCHEMA = 1

# How a bracketed note after a member's name gives the role: "M H Charlesworth (Chair)".
_ROLE_NOTES = {
    "chair": Role.CHAIR,
    "chairman": Role.CHAIR,
    "chairwoman": Role.CHAIR,
    "vice-chair": Role.VICE_CHAIR,
    "vice chair": Role.VICE_CHAIR,
    "vice-chairman": Role.VICE_CHAIR,
    "vice chairman": Role.VICE_CHAIR,
}


def load_council(path: str | Path) -> Council:
    """Read a council definition; raise `DefinitionError` listing every problem in it."""
    p = Path(path)
    reader = Reader.load(p)
    if "council" not in reader.data and {"items", "minutes", "standard"} & set(reader.data):
        # one line for the wrong file instead of a page of missing and unknown keys
        message = (
            "this is a meeting file, not a council definition; give it to `meetings agenda` "
            "or `meetings minutes`, and the workspace's council.toml to this command"
        )
        raise DefinitionError([Problem(file=str(p), key="", message=message)])
    council = council_from_reader(reader, base_dir=p.parent)
    reader.raise_if_problems()
    assert council is not None  # no problems means the council was built
    return council


def loads_council(
    text: str, *, file: str = "<council.toml>", base_dir: Path | None = None
) -> Council:
    """Read a council definition from text (as `load_council` does from a file)."""
    reader = Reader.loads(text, file=file)
    council = council_from_reader(reader, base_dir=base_dir or Path.cwd())
    reader.raise_if_problems()
    assert council is not None
    return council


# -- reading -----------------------------------------------------------------------------------
def council_from_reader(reader: Reader, *, base_dir: Path) -> Council | None:
    """Build a council from the top-level table; problems go to `reader.problems`.

    Returns None when the pieces could not be put together (the problems say why).
    """
    schema = reader.integer("schema", required=True)
    if "schema" in reader and schema != SCHEMA and type(reader.data["schema"]) is int:
        reader.problem(
            "schema",
            f"unsupported schema version {schema}; this version of meetings reads schema = "
            f"{SCHEMA}",
        )
        return None  # the rest may mean something else in another version: read no further

    venue_tables = reader.named_tables("venues")
    officer_tables = reader.named_tables("officers")
    body_tables = reader.named_tables("bodies")
    venues = tuple(_venue(vid, r) for vid, r in venue_tables.items())
    officers = tuple(_officer(oid, r) for oid, r in officer_tables.items())

    head = reader.table("council", required=True) or Reader(
        {}, file=reader.file, path="council", problems=reader.problems
    )
    fields = _council_fields(head, officer_ids=officer_tables.keys(), base_dir=base_dir)
    default_quorum = fields.pop("default_quorum")
    bodies = tuple(
        _body(
            bid,
            r,
            venue_ids=venue_tables.keys(),
            body_ids=body_tables.keys(),
            default_quorum=default_quorum,
        )
        for bid, r in body_tables.items()
    )
    items_table = reader.named_tables("procedural_items")
    items = tuple(
        _procedural_item(iid, r, body_ids=body_tables.keys()) for iid, r in items_table.items()
    )

    schedule_reader = reader.table("schedule") or Reader(
        {}, file=reader.file, path="schedule", problems=reader.problems
    )
    schedule = ScheduleRules.from_reader(
        schedule_reader,
        bodies=tuple(body_tables),
        venues=tuple(venue_tables),
        base_dir=base_dir,
    )
    reader.done()

    # Pieces that could not be read (already reported) stand in as placeholders, so the
    # references to them still resolve and the model's checks report nothing twice.
    try:
        return Council(
            **fields,
            default_quorum=default_quorum,
            venues=venues,
            officers=tuple(
                o or Officer(id=oid, name=Person(surname=oid or "?"), code=None)
                for oid, o in zip(officer_tables, officers, strict=True)
            ),
            bodies=tuple(
                b or Body(id=bid, name=bid or "?", quorum=QuorumRule(minimum=1))
                for bid, b in zip(body_tables, bodies, strict=True)
            ),
            procedural_items=tuple(
                i or ProceduralItem(id=iid, title=iid or "?")
                for iid, i in zip(items_table, items, strict=True)
            )
            if "procedural_items" in reader
            else DEFAULT_PROCEDURAL_ITEMS,
            schedule=schedule,
        )
    except DefinitionError as exc:
        # The model's own checks (duplicate codes, references): report each one not
        # already reported at the same key.
        seen = {p.key for p in reader.problems}
        for p in exc.problems:
            if p.key not in seen:
                reader.problems.append(attrs.evolve(p, file=reader.file))
        return None
    except MeetingsError as exc:
        reader.problem("", str(exc))
        return None


def _council_fields(r: Reader, *, officer_ids: Iterable[str], base_dir: Path) -> dict[str, Any]:
    nation = r.choice("nation", Nation, Nation.ENGLAND) or Nation.ENGLAND
    contact = r.table("contact")
    fields: dict[str, Any] = {
        "name": r.text("name", required=True),
        "nation": nation,
        "timezone": r.text("timezone", "Europe/London"),
        "address": r.texts("address"),
        "contact": _contact(contact) if contact is not None else Contact(),
        "proper_officer": r.ref("proper_officer", officer_ids),
        "logo": _logo(r, base_dir),
        "key_decision_days_kind": r.choice("key_decision_days", DayCount, DayCount.CALENDAR),
        "decision_notice_working_days": r.integer(
            "decision_notice_working_days", DECISION_NOTICE_WORKING_DAYS, minimum=0
        ),
        "call_in_working_days": r.integer("call_in_working_days", CALL_IN_WORKING_DAYS, minimum=0),
        "large_print_notice_hours": r.opt_integer("large_print_notice_hours", minimum=1),
        "minute_numbering": r.choice(
            "minute_numbering", MinuteNumbering, MinuteNumbering.MUNICIPAL_YEAR
        ),
        "default_quorum": _quorum(r, "quorum") if "quorum" in r else None,
    }
    # The kind of council and the disputed readings (the dated table of rules, statutes.py).
    for key in ("kind", "local_clear_days", "retirement_reading"):
        value = r.opt_text(key)
        if value is not None:
            convert = getattr(attrs.fields(Council), key).converter
            try:
                fields[key] = convert(value)
            except MeetingsError as exc:
                r.problem(key, str(exc))
    clear_days = r.opt_integer("clear_days", minimum=0)
    if clear_days is not None:
        fields["clear_days"] = clear_days
    if "action_statuses" in r:
        fields["action_statuses"] = r.texts("action_statuses")
    else:
        fields["action_statuses"] = DEFAULT_ACTION_STATUSES
    fields["closed_statuses"] = r.texts("closed_statuses") if "closed_statuses" in r else None
    fields["issued_from"] = r.texts("issued_from")
    _done(r, "council")
    return fields


def _contact(r: Reader) -> Contact:
    contact = Contact(
        team=r.text("team"), phone=r.text("phone"), email=r.text("email"), web=r.text("web")
    )
    _done(r, "contact")
    return contact


def _venue(vid: str, r: Reader) -> Venue:
    venue = Venue(
        id=vid,
        name=r.text("name", required=True),
        address=r.texts("address"),
        label=r.text("label"),
    )
    _done(r, "venue")
    return venue


def _person(r: Reader, key: str, raw: object) -> Person | None:
    """A name: a string as councils write it, or a table of its parts."""
    if isinstance(raw, str):
        try:
            person, note = parse_listed_name(raw)
        except MeetingsError as exc:
            r.problem(key, str(exc))
            return None
        if note is not None:
            r.problem(key, f"unexpected note ({note}) in {raw!r}; write the name only")
        return person
    if isinstance(raw, dict):
        parts = Reader(raw, file=r.file, path=r.key_path(key), problems=r.problems)
        from_parts = _person_parts(parts)
        _done(parts, "name")
        return from_parts
    r.problem(key, f"expected a name like 'Mrs S Z Haq' or a table of its parts, found {raw!r}")
    return None


_NAME_PART_KEYS = ("title", "forenames", "surname", "post_nominals")


def _person_parts(r: Reader) -> Person | None:
    surname = r.text("surname", required=True)
    try:
        person = Person(
            title=r.text("title"),
            forenames=r.text("forenames"),
            surname=surname,
            post_nominals=r.texts("post_nominals"),
        )
    except MeetingsError as exc:
        r.problem("surname", str(exc))
        return None
    return person


def _officer(oid: str, r: Reader) -> Officer | None:
    if "name" in r:
        person = _person(r, "name", r.raw("name"))
    else:
        person = None
        r.problem("name", "missing; expected the officer's full name, like 'Samuel Ball'")
    job_titles = r.texts("job_titles")
    code = r.opt_text("code")
    extra: dict[str, Any] = {}
    if code is not None:
        if code == "":
            extra["code"] = None  # explicitly no action-list code
        elif not code.isalpha():
            r.problem("code", f"{code!r} is not a code; expected letters only, like 'SaBa'")
        else:
            extra["code"] = code
    email, phone = r.opt_text("email"), r.opt_text("phone")
    _done(r, "officer")
    if person is None:
        return None
    return Officer(id=oid, name=person, job_titles=job_titles, email=email, phone=phone, **extra)


# The keys each table may have (so an unknown key's message lists them all).
KEYS = {
    "council": [
        "name",
        "nation",
        "kind",
        "local_clear_days",
        "retirement_reading",
        "timezone",
        "address",
        "contact",
        "proper_officer",
        "logo",
        "clear_days",
        "key_decision_days",
        "decision_notice_working_days",
        "call_in_working_days",
        "large_print_notice_hours",
        "minute_numbering",
        "action_statuses",
        "closed_statuses",
        "issued_from",
        "quorum",
    ],
    "contact": ["team", "phone", "email", "web"],
    "venue": ["name", "address", "label"],
    "officer": ["name", "job_titles", "code", "email", "phone"],
    "body": [
        "name",
        "kind",
        "remit",
        "members",
        "seats",
        "substitutes",
        "quorum",
        "substitution_deadline",
        "quarterly_reporting",
        "receives_from",
        "meetings",
    ],
    "meetings": [
        "weekdays",
        "start",
        "duration_minutes",
        "venue",
        "per_year",
        "every_weeks",
        "cycle_position",
    ],
    "membership": ["name", "role", "from", "until", *_NAME_PART_KEYS],
    "procedural_item": ["title", "text", "rule", "bodies"],
    "substitution_deadline": ["days_before", "at", "working_days"],
    "quorum": ["minimum", "fraction"],
    "name": list(_NAME_PART_KEYS),
}


def _done(r: Reader, table: str) -> None:
    """Report unknown keys, listing every key the table may have."""
    r.done(known=KEYS[table])


def _logo(r: Reader, base_dir: Path) -> Path | None:
    """The council's logo or crest, relative to the council file, for every front sheet."""
    logo = r.opt_text("logo")
    if logo is None:
        return None
    path = base_dir / logo
    if not path.is_file() or path.suffix.lower() not in LOGO_TYPES:
        valid = ", ".join(LOGO_TYPES)
        r.problem("logo", f"{logo!r}: give an existing {valid} image (looked for {path})")
        return None
    return path


def _quorum(r: Reader, key: str) -> QuorumRule | None:
    raw = r.raw(key)
    try:
        if type(raw) is int:
            return QuorumRule(minimum=raw)
        if isinstance(raw, str):
            return QuorumRule(fraction=_fraction(raw))
        if isinstance(raw, dict):
            t = r.table(key)
            assert t is not None
            minimum = t.opt_integer("minimum")
            fraction_text = t.opt_text("fraction")
            _done(t, "quorum")
            fraction = _fraction(fraction_text) if fraction_text is not None else None
            if minimum is None and fraction is None and not _has_problem(r, key):
                r.problem(key, "a quorum table needs `minimum`, `fraction`, or both")
                return None
            return QuorumRule(minimum=minimum, fraction=fraction)
    except (MeetingsError, ValueError, ZeroDivisionError) as exc:
        r.problem(key, str(exc))
        return None
    r.problem(
        key,
        f'expected a whole number (3), a fraction of the membership ("1/3") or a table '
        f'{{ minimum = 3, fraction = "1/3" }}, found {raw!r}',
    )
    return None


def _fraction(text: str) -> Fraction:
    try:
        return Fraction(text.strip())
    except (ValueError, ZeroDivisionError):
        raise ValueError(
            f'{text!r} is not a fraction of the membership; write it like "1/3"'
        ) from None


def _has_problem(r: Reader, key: str) -> bool:
    prefix = r.key_path(key)
    return any(p.key == prefix or p.key.startswith(prefix + ".") for p in r.problems)


def _membership(r: Reader, key: str, raw: object) -> Membership | None:
    if isinstance(raw, str):
        try:
            person, note = parse_listed_name(raw)
        except MeetingsError as exc:
            r.problem(key, str(exc))
            return None
        role = Role.MEMBER
        if note is not None:
            found = _ROLE_NOTES.get(note.lower())
            if found is None:
                r.problem(
                    key,
                    f"unknown role note ({note}) in {raw!r}; valid: (Chair), (Vice-Chair)",
                )
                return None
            role = found
        return Membership(person=person, role=role)
    if isinstance(raw, dict):
        t = Reader(raw, file=r.file, path=r.key_path(key), problems=r.problems)
        who = _person(t, "name", t.raw("name")) if "name" in t else _person_parts(t)
        role = t.choice("role", Role, Role.MEMBER) or Role.MEMBER
        since, until = t.date("from"), t.date("until")
        _done(t, "membership")
        if who is None:
            return None
        try:
            return Membership(person=who, role=role, since=since, until=until)
        except MeetingsError as exc:
            t.problem("until", str(exc))
            return None
    r.problem(
        key,
        f"expected a name like 'M H Charlesworth (Chair)' or a table "
        f"{{ name = …, role = …, from = …, until = … }}, found {raw!r}",
    )
    return None


def _substitution_deadline(r: Reader) -> SubstitutionDeadline | None:
    days = r.integer("days_before", 0, minimum=0)
    at = r.time("at", required=True)
    working = r.flag("working_days")
    _done(r, "substitution_deadline")
    if at is None:
        return None
    return SubstitutionDeadline(days_before=days, at=at, working_days=working)


def _weekday(r: Reader, key: str, raw: object) -> Weekday | None:
    if isinstance(raw, str):
        try:
            return Weekday(raw.lower())
        except ValueError:
            r.problem(
                key, f"{raw!r} is not a weekday; {suggest(raw.lower(), [w.value for w in Weekday])}"
            )
            return None
    r.problem(key, f'expected a weekday like "tuesday", found {raw!r}')
    return None


def _defaults(r: Reader, *, venue_ids: Iterable[str]) -> MeetingDefaults:
    weekdays = r.items("weekdays", lambda k, raw: _weekday(r, k, raw), "weekdays")
    start = r.time("start")
    minutes = r.opt_integer("duration_minutes", minimum=1)
    venue = r.ref("venue", venue_ids)
    per_year = r.opt_integer("per_year", minimum=0, maximum=366)  # one a day at most
    every = r.opt_integer("every_weeks", minimum=1) or None
    if per_year is not None and every is not None:
        r.problem("every_weeks", "give `per_year` or `every_weeks`, not both")
        every = None
    cycle = r.opt_integer("cycle_position")
    _done(r, "meetings")
    return MeetingDefaults(
        weekdays=weekdays,
        start=start,
        duration=dt.timedelta(minutes=minutes) if minutes else MeetingDefaults().duration,
        venue=venue,
        meetings_per_year=per_year,
        every_weeks=every,
        cycle_position=cycle,
    )


def _body(
    bid: str,
    r: Reader,
    *,
    venue_ids: Iterable[str],
    body_ids: Iterable[str],
    default_quorum: QuorumRule | None,
) -> Body | None:
    name = r.text("name", required=True)
    kind = r.choice("kind", BodyKind, BodyKind.COMMITTEE) or BodyKind.COMMITTEE
    members = r.items("members", lambda k, raw: _membership(r, k, raw), "names")
    seats = r.opt_integer("seats", minimum=1) or None  # 0 only after a reported problem
    substitutes = r.items("substitutes", lambda k, raw: _person(r, k, raw), "names")
    remit = r.text("remit")
    if "quorum" in r:
        quorum = _quorum(r, "quorum")
    elif kind.single_decision_maker:
        # One member decides alone (LGA 2000 s.9E(2)(b)): nothing to be quorate.
        quorum = default_quorum or QuorumRule(minimum=1)
    else:
        quorum = default_quorum
        if quorum is None:
            r.problem(
                "quorum",
                'missing; every body needs a quorum rule: set `quorum` here (3, "1/3" or '
                '{ minimum = 3, fraction = "1/3" }) or a default `quorum` in [council]',
            )
    deadline_table = r.table("substitution_deadline")
    deadline = _substitution_deadline(deadline_table) if deadline_table is not None else None
    quarterly = r.flag("quarterly_reporting")
    others = [b for b in body_ids if b != bid]
    receives = r.items(
        "receives_from",
        lambda k, raw: _body_ref(r, k, raw, others),
        "body ids",
    )
    meetings = r.table("meetings")
    defaults = _defaults(meetings, venue_ids=venue_ids) if meetings is not None else None
    _done(r, "body")
    if quorum is None:
        return None
    try:
        return Body(
            id=bid,
            name=name,
            kind=kind,
            members=members,
            seats=seats,
            substitutes=substitutes,
            remit=remit,
            quorum=quorum,
            substitution_deadline=deadline,
            quarterly_reporting=quarterly,
            receives_from=receives,
            defaults=defaults or MeetingDefaults(),
        )
    except MeetingsError as exc:
        r.problem("", str(exc))
        return None


def _body_ref(r: Reader, key: str, raw: object, known: list[str]) -> str | None:
    if isinstance(raw, str) and raw in known:
        return raw
    r.problem(key, f"unknown body {raw!r}; {suggest(str(raw), known)}")
    return None


def _procedural_item(iid: str, r: Reader, *, body_ids: Iterable[str]) -> ProceduralItem | None:
    known = list(body_ids)
    title = r.text("title", required=True)
    text = r.text("text")
    rule = r.opt_text("rule")
    bodies = r.items("bodies", lambda k, raw: _body_ref(r, k, raw, known), "body ids")
    _done(r, "procedural_item")
    try:
        return ProceduralItem(id=iid, title=title, text=text, rule=rule, bodies=bodies)
    except MeetingsError as exc:
        r.problem("text", str(exc))
        return None


# -- writing -----------------------------------------------------------------------------------
def council_to_toml(council: Council) -> str:
    """The council as a `council.toml` text that `load_council` reads back to an equal council.

    Values equal to their defaults are left out; names are written as councils write them
    whenever that reads back to the same parts, and as a table of parts otherwise.
    """
    out = _Writer()
    out.line(f"schema = {SCHEMA}")
    if not council.procedural_items:
        out.line("procedural_items = {}  # no standard items")
    out.table("council")
    out.kv("name", council.name)
    out.kv("nation", council.nation.value)
    # Settings equal to Council's defaults are left out (the defaults live there alone).
    defaults = attrs.fields(Council)
    for key in ("kind", "local_clear_days", "retirement_reading", "timezone"):
        if getattr(council, key) != getattr(defaults, key).default:
            out.kv(key, str(getattr(council, key)))
    if council.address:
        out.kv("address", list(council.address))
    if council.proper_officer is not None:
        out.kv("proper_officer", council.proper_officer)
    if council.logo is not None:
        out.kv("logo", str(council.logo))
    out.kv("clear_days", council.clear_days)
    if council.key_decision_days_kind is not DayCount.CALENDAR:
        out.kv("key_decision_days", council.key_decision_days_kind.value)
    for setting in ("decision_notice_working_days", "call_in_working_days"):
        if getattr(council, setting) != getattr(defaults, setting).default:
            out.kv(setting, getattr(council, setting))
    if council.large_print_notice_hours is not None:
        out.kv("large_print_notice_hours", council.large_print_notice_hours)
    if council.minute_numbering is not MinuteNumbering.MUNICIPAL_YEAR:
        out.kv("minute_numbering", council.minute_numbering.value)
    if council.action_statuses != DEFAULT_ACTION_STATUSES:
        out.kv("action_statuses", list(council.action_statuses))
    if council.closed_statuses is not None:
        out.kv("closed_statuses", list(council.closed_statuses))
    if council.issued_from:
        out.kv("issued_from", list(council.issued_from))
    if council.default_quorum is not None:
        out.kv("quorum", _quorum_value(council.default_quorum))
    if council.contact != Contact():
        out.table("council.contact")
        for field in ("team", "phone", "email", "web"):
            value = getattr(council.contact, field)
            if value:
                out.kv(field, value)

    for v in council.venues:
        out.table(f"venues.{_key(v.id)}")
        out.kv("name", v.name)
        if v.address:
            out.kv("address", list(v.address))
        if v.label:
            out.kv("label", v.label)

    for o in council.officers:
        out.table(f"officers.{_key(o.id)}")
        out.kv("name", _name_value(o.name))
        if o.job_titles:
            out.kv("job_titles", list(o.job_titles))
        if o.code != Officer(id=o.id, name=o.name).code:
            out.kv("code", o.code or "")
        if o.email is not None:
            out.kv("email", o.email)
        if o.phone is not None:
            out.kv("phone", o.phone)

    for b in council.bodies:
        out.table(f"bodies.{_key(b.id)}")
        out.kv("name", b.name)
        out.kv("kind", b.kind.value)
        if b.remit:
            out.kv("remit", b.remit)
        if b.members:
            out.kv("members", [_membership_value(m) for m in b.members], multiline=True)
        if b.seats is not None:
            out.kv("seats", b.seats)
        if b.substitutes:
            out.kv("substitutes", [_name_value(p) for p in b.substitutes])
        out.kv("quorum", _quorum_value(b.quorum))
        if b.substitution_deadline is not None:
            d = b.substitution_deadline
            sub: dict[str, object] = {"days_before": d.days_before, "at": d.at}
            if d.working_days:
                sub["working_days"] = True
            out.kv("substitution_deadline", sub)
        if b.quarterly_reporting:
            out.kv("quarterly_reporting", True)
        if b.receives_from:
            out.kv("receives_from", list(b.receives_from))
        if b.defaults != MeetingDefaults():
            out.table(f"bodies.{_key(b.id)}.meetings")
            m = b.defaults
            if m.weekdays:
                out.kv("weekdays", [w.value for w in m.weekdays])
            if m.start is not None:
                out.kv("start", m.start)
            if m.duration != MeetingDefaults().duration:
                out.kv("duration_minutes", int(m.duration.total_seconds() // 60))
            if m.venue is not None:
                out.kv("venue", m.venue)
            if m.meetings_per_year is not None:
                out.kv("per_year", m.meetings_per_year)
            if m.every_weeks is not None:
                out.kv("every_weeks", m.every_weeks)
            if m.cycle_position is not None:
                out.kv("cycle_position", m.cycle_position)

    if council.procedural_items != DEFAULT_PROCEDURAL_ITEMS:
        for item in council.procedural_items:
            out.table(f"procedural_items.{_key(item.id)}")
            out.kv("title", item.title)
            if item.text:
                out.kv("text", item.text)
            if item.rule is not None:
                out.kv("rule", item.rule)
            if item.bodies:
                out.kv("bodies", list(item.bodies))

    if council.schedule != ScheduleRules():
        out.table("schedule")
        for key, value in council.schedule.to_toml_table().items():
            out.kv(key, value)
    return out.text()


def _name_value(person: Person) -> str | dict[str, object]:
    text = str(person)
    try:
        if parse_listed_name(text) == (person, None):
            return text
    except MeetingsError:
        pass
    return _name_parts(person)


def _name_parts(person: Person) -> dict[str, object]:
    parts: dict[str, object] = {}
    for key in _NAME_PART_KEYS:
        value = getattr(person, key)
        if value:
            parts[key] = list(value) if isinstance(value, tuple) else value
    parts.setdefault("surname", person.surname)
    return parts


def _membership_value(m: Membership) -> object:
    name = _name_value(m.person)
    if isinstance(name, str) and m.since is None and m.until is None:
        text = m.listed
        note = None if m.role is Role.MEMBER else m.role.label
        try:
            if parse_listed_name(text) == (m.person, note):
                return text
        except MeetingsError:
            pass
    table: dict[str, object] = {}
    if isinstance(name, str):
        table["name"] = name
    else:
        table.update(_name_parts(m.person))
    if m.role is not Role.MEMBER:
        table["role"] = m.role.value
    if m.since is not None:
        table["from"] = m.since
    if m.until is not None:
        table["until"] = m.until
    return table


def _quorum_value(q: QuorumRule) -> object:
    if q.fraction is None:
        return q.minimum
    if q.minimum is None:
        return str(q.fraction)
    return {"minimum": q.minimum, "fraction": str(q.fraction)}


_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def _key(key: str) -> str:
    return key if _BARE_KEY.match(key) else _string(key)


def _string(text: str) -> str:
    out = ['"']
    for ch in text:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):  # for the [schedule] table's weights
        return {"inf": "inf", "-inf": "-inf", "nan": "nan"}.get(repr(value), repr(value))
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, dt.datetime):
        raise TypeError("date-times are not part of a council definition")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        whole_minute = value.second == 0 and value.microsecond == 0
        return _string(value.isoformat(timespec="minutes") if whole_minute else value.isoformat())
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, Mapping):
        inner = ", ".join(f"{_key(str(k))} = {_value(v)}" for k, v in value.items())
        return "{ " + inner + " }" if inner else "{}"
    raise TypeError(f"cannot write {value!r} as TOML")


class _Writer:
    """A small TOML writer for the shapes a council definition has (tomllib only reads)."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def line(self, text: str) -> None:
        self.lines.append(text)

    def table(self, name: str) -> None:
        self.lines.extend(("", f"[{name}]"))

    def kv(self, key: str, value: object, *, multiline: bool = False) -> None:
        if multiline and isinstance(value, list) and value:
            self.lines.append(f"{_key(key)} = [")
            self.lines.extend(f"    {_value(v)}," for v in value)
            self.lines.append("]")
        else:
            self.lines.append(f"{_key(key)} = {_value(value)}")

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


# -- summary -----------------------------------------------------------------------------------
def council_summary(council: Council) -> str:
    """A plain-text summary of a council, as `meetings validate` prints it."""
    lines = [
        f"{council.name} ({council.nation.value}, {council.timezone})",
        f"  {_count(council.bodies, 'body', 'bodies')}, {_count(council.officers, 'officer')}, "
        f"{_count(council.venues, 'venue')}; notice {council.clear_days} clear days; "
        f"minutes numbered {council.minute_numbering.value}",
    ]
    signatory = council.signatory
    if signatory is not None:
        lines.append(f"  proper officer: {signatory.listed}")
    lines.extend(("", "Bodies:"))
    for b in council.bodies:
        lines.append(f"  {b.id}: {b.name} ({b.kind.value})")
        members = b.members_on()
        if members:
            chair = b.chair()
            who = f"{len(members)} members"
            who += f", chair {chair.councillor}" if chair else ", no chair"
        else:
            who = "no members appointed"
        if b.substitutes:
            who += f"; named substitutes: {', '.join(str(p) for p in b.substitutes)}"
        lines.append(f"    members: {who}")
        quorum = f"{b.quorum}"
        size, needed = b.membership_size(), b.quorum_count()
        if size is not None and needed is not None:
            quorum += f" (that is {needed} of {size}{'' if members else ' seats'})"
        elif needed is None:
            quorum += " (no members listed: `seats` would give the number)"
        deadline = str(b.substitution_deadline) if b.substitution_deadline else "none set"
        lines.append(
            f"    quorum: {quorum}; substitutes by: {deadline}; "
            f"quarterly reports: {'yes' if b.quarterly_reporting else 'no'}"
        )
        lines.append(f"    meets: {_defaults_text(council, b.defaults)}")
        if b.receives_from:
            lines.append(f"    receives recommendations from: {', '.join(b.receives_from)}")
    lines.extend(("", "Officers:"))
    for o in council.officers:
        code = o.code or "(no code)"
        lines.append(
            f"  {code:9} {o.name} ({o.job_title})" if o.job_titles else f"  {code:9} {o.name}"
        )
    return "\n".join(lines) + "\n"


def _count(items: Sized, one: str, many: str | None = None) -> str:
    n = len(items)
    return f"{n} {one if n == 1 else many or one + 's'}"


def _defaults_text(council: Council, d: MeetingDefaults) -> str:
    days = "/".join(w.value[:3].capitalize() for w in d.weekdays) or "any working day"
    when = "time not set"
    if d.start is not None:
        clock = d.start.strftime("%I.%M %p").lstrip("0")
        minutes = int(d.duration.total_seconds() // 60)
        when = (
            f"{clock} for {minutes // 60}h{minutes % 60:02d}"
            if minutes % 60
            else (f"{clock} for {minutes // 60}h")
        )
    where = council.venue(d.venue).text if d.venue else "venue TBC"
    parts = [days, when, where]
    if d.meetings_per_year is not None:
        parts.append(f"{d.meetings_per_year} a year")
    if d.every_weeks is not None:
        parts.append(f"every {d.every_weeks} weeks")
    if d.cycle_position is not None:
        parts.append(f"cycle position {d.cycle_position}")
    return "; ".join(parts)
