"""The `meetings` command: `main(argv=None) -> int`.

Exit status: 0 ok; 1 a problem with the input or an unmet hard rule (message on stderr,
naming the file and key); 2 wrong usage.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable, Collection, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias, TypeVar

from meetings.errors import MeetingsError, ScheduleError

if TYPE_CHECKING:
    from meetings.committee import Council

EPILOG = """\
examples:
  meetings validate examples/oadby-wigston/council.toml
  meetings schedule examples/oadby-wigston/council.toml --out schedule/ --format ics,html,json
  meetings agenda examples/oadby-wigston/meetings/2019-03-05-change-management.toml -o agenda.html
  meetings actions list --open --register actions.sqlite
"""

Handler = Callable[[argparse.Namespace], int]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="meetings",
        description="Plan, publish and paper the meetings of a UK council.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action=_Version)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    # Each command module section below adds its subparser and sets `run`.
    for add in COMMANDS:
        add(sub)
    for name, command_parser in sub.choices.items():
        command_parser.formatter_class = _Help
        if name in EXAMPLES:
            command_parser.epilog = "examples:\n" + "".join(f"  {e}\n" for e in EXAMPLES[name])
    return parser


class _Version(argparse.Action):
    """--version, read from the installed distribution when asked, without the package."""

    def __init__(self, option_strings: Sequence[str], dest: str, **_: Any) -> None:
        super().__init__(option_strings, argparse.SUPPRESS, nargs=0, help="show the version")

    def __call__(self, parser: argparse.ArgumentParser, *_: Any) -> None:
        from importlib.metadata import version  # noqa: PLC0415 - only when asked

        print(f"meetings {version('meetings')}")
        parser.exit()


class _Help(argparse.HelpFormatter):
    """Descriptions wrapped to the terminal; an epilog's examples kept as written."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if text.startswith("examples:"):
            return "".join(indent + line for line in text.splitlines(keepends=True))
        return super()._fill_text(text, width, indent)


_MEETING = "examples/oadby-wigston/meetings/2019-03-05-change-management.toml"
_HELD = "examples/oadby-wigston/meetings/2019-01-15-change-management.toml"
EXAMPLES = {  # shown under each command's --help; the tests run every one of them
    "validate": ["meetings validate examples/oadby-wigston/council.toml"],
    "agenda": [f"meetings agenda {_MEETING}", f"meetings agenda {_MEETING} -o agenda.pdf"],
    "minutes": [f"meetings minutes {_HELD} -o minutes.html", f"meetings minutes {_HELD} --public"],
    "action-list": [f"meetings action-list {_MEETING} --today 2019-02-25"],
    "actions": [
        f"meetings actions import {_HELD}",
        "meetings actions list --council examples/oadby-wigston/council.toml --open",
    ],
    "check": ["meetings check examples/oadby-wigston/council.toml schedule/schedule.json"],
}


# -- commands ----------------------------------------------------------------------------
# Each `_add_*` function adds one subcommand with `set_defaults(run=handler)`.

Subparsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"
COMMANDS: list[Callable[[Subparsers], None]] = []


def command(add: Callable[[Subparsers], None]) -> Callable[[Subparsers], None]:
    """Register a function that adds one subcommand (with `set_defaults(run=...)`)."""
    COMMANDS.append(add)
    return add


@command
def _add_agenda(sub: Subparsers) -> None:
    p = sub.add_parser(
        "agenda",
        help="render the summons and agenda of a meeting",
        description="Render the summons front sheet and agenda of a meeting file. The council "
        "file is the workspace's council.toml (the folder above meetings/) unless --council "
        "is given. Notice warnings (too few clear days) go to stderr.",
    )
    _f_document(p)
    p.set_defaults(run=_run_agenda)


def _run_agenda(args: argparse.Namespace) -> int:
    from meetings.assembly import counted_agenda  # noqa: PLC0415

    # Page numbers counted from the papers the meeting file names, as the pack numbers them.
    agenda = counted_agenda(args.meeting, council_path=args.council, template_dir=args.templates)
    return _f_write(args, "agenda/agenda", {"agenda": agenda}, agenda.warnings)


# -- minutes and actions (issue 7) ---------------------------------------------------------


def _f_council(args: argparse.Namespace, *, required: bool = True) -> Any:
    """The council for a command: --council, else the meeting file's workspace council.toml
    (required: an error when missing), else ./council.toml if there is one."""
    from meetings.agenda import COUNCIL_FILE, find_council  # noqa: PLC0415
    from meetings.definitions import load_council  # noqa: PLC0415
    from meetings.errors import DefinitionError  # noqa: PLC0415

    meeting: Path | None = getattr(args, "meeting", None)
    if args.council is not None:
        return load_council(args.council)
    if meeting is None:
        return load_council(COUNCIL_FILE) if Path(COUNCIL_FILE).is_file() else None
    try:
        return load_council(find_council(meeting))
    except DefinitionError:
        if required:
            raise
        return None


def _f_register(args: argparse.Namespace, *, create: bool = False) -> Any:
    """The register: --register, else actions.sqlite in the workspace (`find_workspace`: the
    meeting file's, else --council's folder, else the current folder)."""
    from meetings.agenda import find_workspace  # noqa: PLC0415
    from meetings.register import open_register  # noqa: PLC0415

    workspace = find_workspace(getattr(args, "meeting", None), args.council)
    return open_register(args.register, workspace=workspace, create=create)


def _f_today(args: argparse.Namespace) -> dt.date:
    # The only place the clock is read: the library takes `today` as an argument.
    today: dt.date | None = args.today
    return today if today is not None else dt.date.today()


def _f_date(text: str) -> dt.date:
    from meetings.guards import year_problem  # noqa: PLC0415

    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2019-03-05") from None
    if problem := year_problem(day.year, f"{text}: the year"):
        raise argparse.ArgumentTypeError(problem)
    return day


def _f_year(text: str) -> int:
    """--year: a year the calendar engine supports (not 0, not 99999)."""
    from meetings.guards import YEARS, check_year  # noqa: PLC0415

    try:
        return check_year(int(text), text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text[:40]!r} is not a year like 2019 (valid: {YEARS})"
        ) from None


def _f_number(text: str) -> int:
    """A minute or action number: a whole number from 1."""
    from meetings.guards import MAX_INT  # noqa: PLC0415

    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= MAX_INT:
        raise argparse.ArgumentTypeError(f"{text[:40]!r} is not a number like 17 (1 or more)")
    return value


def _f_text(value: str, option: str) -> str:
    """A text option that must say something, with no control characters in it."""
    from meetings.guards import control_character  # noqa: PLC0415

    if not value.strip():
        raise MeetingsError(f"{option}: is empty; say what it is")
    if problem := control_character(value):
        raise MeetingsError(f"{option}: {problem}")
    return value


def _f_document(p: argparse.ArgumentParser) -> None:
    from meetings.render import Format  # noqa: PLC0415

    p.add_argument("meeting", type=Path, metavar="MEETING.toml")
    p.add_argument(
        "--format",
        choices=[f.value for f in Format],
        help="output format (default: from the -o suffix, else html)",
    )
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help="write here; its suffix (.html, .md, .txt, .docx, .pdf, any case) picks the format "
        "unless --format is given (default: standard output)",
    )
    p.add_argument("--council", type=Path, metavar="FILE", help="the council definition")
    _f_templates_option(p)


def _f_write(
    args: argparse.Namespace,
    name: str,
    context: dict[str, object],
    warnings: Sequence[str] = (),
) -> int:
    """Render document `name` in the format asked for, print `warnings`, write it to -o."""
    from meetings.render import Format, render_document  # noqa: PLC0415

    target = _f_target(args, tuple(Format))
    if target is None:
        return 2
    out, fmt = target[0], Format(target[1])
    if out is None and fmt in (Format.DOCX, Format.PDF):
        print(f"meetings {args.command}: the {fmt} format needs -o FILE", file=sys.stderr)
        return 2
    _f_ready(args, out)
    data = render_document(name, context, fmt, template_dir=args.templates)
    for warning in warnings:
        print(f"meetings {args.command}: warning: {warning}", file=sys.stderr)
    return _f_deliver(out, data)


def _f_target(args: argparse.Namespace, formats: Collection[str]) -> tuple[Path | None, str] | None:
    """-o and the format: --format, else -o's suffix, else html; None (having said why) when
    the suffix names none of `formats`."""
    from meetings.files import check_path  # noqa: PLC0415

    out: Path | None = args.output and check_path(args.output, label=f"-o {args.output}")
    if args.format is not None or out is None or not out.suffix:
        return out, str(args.format or "html")
    if (fmt := out.suffix[1:].lower()) in formats:
        return out, fmt
    valid = ", ".join(f".{f}" for f in formats)
    print(
        f"meetings {args.command}: -o {out}: unknown format {out.suffix!r}; name a file"
        f" ending {valid}, or give --format",
        file=sys.stderr,
    )
    return None


def _f_templates_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--templates", type=Path, metavar="DIR", help="a folder of templates overriding ours"
    )


def _f_templates(args: argparse.Namespace) -> None:
    if args.templates is not None and not args.templates.is_dir():
        raise MeetingsError(f"--templates {args.templates}: not a folder")


def _f_folder(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise MeetingsError(f"--out {out}: is a file, not a folder")


def _f_ready(args: argparse.Namespace, out: Path | None) -> None:
    """--templates is a folder and -o's folder exists, before anything is made."""
    _f_templates(args)
    if out is not None and not out.parent.is_dir():
        raise MeetingsError(f"-o {out}: there is no folder {out.parent}; create it first")


def _f_deliver(out: Path | None, data: bytes | str) -> int:
    """`data` to standard output, or written to `out` all at once."""
    if out is None:
        sys.stdout.write(data if isinstance(data, str) else data.decode())
        return 0
    from meetings.files import write_atomic  # noqa: PLC0415

    write_atomic(out, data, label=f"-o {out}")
    print(f"wrote {out}")
    return 0


@command
def _add_minutes(sub: Subparsers) -> None:
    p = sub.add_parser(
        "minutes",
        help="render the minutes of a held meeting",
        description="Render the minutes in a meeting file's [minutes] table. Minute numbers "
        "continue from the body's earlier meeting files (the council's minute_numbering); "
        "the signature is dated with the body's next meeting. Warnings (inquorate) go to stderr.",
    )
    _f_document(p)
    p.add_argument(
        "--public",
        action="store_true",
        help="withhold the discussion and decisions of exempt items (the version to publish)",
    )
    p.set_defaults(run=_run_minutes)


def _run_minutes(args: argparse.Namespace) -> int:
    from meetings.minutes import load_minutes  # noqa: PLC0415

    minutes = load_minutes(args.meeting, _f_council(args))
    shown = minutes.public() if args.public else minutes
    return _f_write(args, "minutes/minutes", shown.context(), minutes.warnings)


@command
def _add_action_list(sub: Subparsers) -> None:
    p = sub.add_parser(
        "action-list",
        help="render the action list for a meeting's agenda",
        description="The action list for a meeting: the actions arising from the body's "
        "previous meeting and earlier actions still open, with their status in the register.",
    )
    _f_document(p)
    p.add_argument(
        "--register", type=Path, metavar="FILE", help="default: <workspace>/actions.sqlite"
    )
    p.add_argument("--today", type=_f_date, metavar="DATE", help="default: today's date")
    p.set_defaults(run=_run_action_list)


def _run_action_list(args: argparse.Namespace) -> int:
    from meetings.minutes import action_list_for  # noqa: PLC0415

    council = _f_council(args)
    with _f_register(args) as register:
        listing = action_list_for(args.meeting, register, today=_f_today(args), council=council)
    return _f_write(args, "actions/action_list", {"al": listing}, listing.warnings)


@command
def _add_actions(sub: Subparsers) -> None:
    p = sub.add_parser(
        "actions",
        help="the action register: add, import, update, list, export, load",
        description="Keep the actions raised at meetings in the register: actions.sqlite in "
        "the workspace (the folder of council.toml), found from the meeting file, else from "
        "--council, else the current folder; --register names another file.",
    )
    verbs = p.add_subparsers(dest="verb", metavar="VERB", required=True)

    def verb(name: str, help_text: str) -> argparse.ArgumentParser:
        v = verbs.add_parser(name, help=help_text, description=help_text)
        v.add_argument(
            "--register", type=Path, metavar="FILE", help="default: <workspace>/actions.sqlite"
        )
        v.add_argument(
            "--council",
            type=Path,
            metavar="FILE",
            help="the council definition (vocabulary, calendar, officers, bodies); its folder is"
            " the workspace (default: the meeting file's, else ./council.toml)",
        )
        return v

    v = verb("import", "record the actions raised in a meeting's minutes (idempotent)")
    v.add_argument("meeting", type=Path, metavar="MEETING.toml")
    v.set_defaults(run=_run_actions_import)

    v = verb("add", "record an action that did not arise in minutes (or add one by hand)")
    v.add_argument("--details", required=True, help="what is to be done")
    v.add_argument("--title", required=True, help="the item or subject it arose from")
    source = v.add_mutually_exclusive_group(required=True)
    source.add_argument("--reference", help="another source, e.g. an assessment element 4.1.2")
    source.add_argument(
        "--minute", type=_f_number, help="the minute number it arose under (with --body)"
    )
    v.add_argument("--body", help="the body whose meeting it arose at (with --minute)")
    v.add_argument(
        "--due",
        default="ongoing",
        help="2019-03-05, 2019-03 (a month), ongoing, 'next meeting' (of --body, after"
        " --raised) or '10 working days' (from --raised); default ongoing",
    )
    v.add_argument("--officer", action="append", default=[], metavar="CODE", help="repeatable")
    v.add_argument("--raised", type=_f_date, metavar="DATE", help="default: today")
    v.add_argument("--status", help="default: the first status of the council's vocabulary")
    v.add_argument("--note", default="", help="a note for its history")
    v.add_argument("--today", type=_f_date, metavar="DATE", help=argparse.SUPPRESS)
    v.set_defaults(run=_run_actions_add)

    v = verb("update", "change an action's status, with a note, on a date")
    v.add_argument("id", type=_f_number, metavar="N", help="the action's number in the register")
    v.add_argument("--status", required=True, help="a status from the council's vocabulary")
    v.add_argument("--note", default="", help="what changed")
    v.add_argument("--date", type=_f_date, metavar="DATE", help="default: today")
    v.add_argument("--today", type=_f_date, metavar="DATE", help=argparse.SUPPRESS)
    v.set_defaults(run=_run_actions_update)

    v = verb("list", "list actions")
    v.add_argument(
        "--open", action="store_true", help="only actions whose status does not close them"
    )
    v.add_argument("--overdue", action="store_true", help="only open actions past their due date")
    v.add_argument("--officer", metavar="CODE", help="only this officer's (e.g. SaBa)")
    v.add_argument("--body", metavar="ID", help="only this body's (e.g. change-management)")
    v.add_argument("--format", choices=["md", "json"], default="md")
    v.add_argument("--today", type=_f_date, metavar="DATE", help="default: today's date")
    v.set_defaults(run=_run_actions_list)

    v = verb("export", "write every action and its history to a JSON file")
    v.add_argument("file", type=Path, metavar="FILE", help="'-' for standard output")
    v.set_defaults(run=_run_actions_export)

    v = verb("load", "load actions from an exported JSON file (all or nothing)")
    v.add_argument("file", type=Path, metavar="FILE")
    v.set_defaults(run=_run_actions_load)


def _run_actions_import(args: argparse.Namespace) -> int:
    from meetings.minutes import load_minutes, record_actions  # noqa: PLC0415

    minutes = load_minutes(args.meeting, _f_council(args))
    with _f_register(args, create=True) as register:
        added = record_actions(minutes, register)
        total = len(minutes.actions())
        print(f"{len(added)} action(s) added, {total - len(added)} already in {register.path}")
        for action in added:
            print(f"  {action.id}. {action.origin.label()}: {action.status}")
    return 0


def _run_actions_add(args: argparse.Namespace) -> int:
    from meetings.actions import DEFAULT_STATUSES, Due, DueKind, Origin, add_action, check_status  # noqa: PLC0415
    from meetings.agenda import find_workspace, next_meeting_of  # noqa: PLC0415
    from meetings.dates import WorkingCalendar  # noqa: PLC0415

    council = _f_council(args, required=False)
    vocabulary = council.action_statuses if council is not None else DEFAULT_STATUSES
    raised = args.raised or _f_today(args)
    _f_text(args.details, "--details")
    _f_text(args.title, "--title")
    for option, value in (("--reference", args.reference), ("--note", args.note)):
        if value:
            _f_text(value, option)
    if args.minute is not None and args.body is None:
        raise MeetingsError("--minute needs --body (the body whose meeting it arose at)")
    if council is not None and args.body is not None:
        bodies = [b.id for b in council.bodies]
        if args.body not in bodies:
            raise MeetingsError(f"--body: unknown body {args.body!r}; valid: {', '.join(bodies)}")
    workspace = find_workspace(None, args.council)
    # "next meeting" becomes the body's next meeting after the action was raised, when the
    # workspace's meeting files or schedule know it, so the action can fall overdue.
    following = next_meeting_of(args.body, raised, workspace) if args.body else None
    try:
        status = check_status(args.status, vocabulary) if args.status else vocabulary[0]
        calendar = council.working_calendar(raised.year, raised.year + 1) if council else None
        due = Due.parse(
            args.due, calendar=calendar or WorkingCalendar(), start=raised, next_meeting=following
        )
    except ValueError as exc:
        raise MeetingsError(f"--status/--due: {exc}") from exc
    if due.day is not None:
        _f_in_years(due.day, f"--due {args.due}")
    if due.kind is DueKind.NEXT_MEETING and due.day is None:
        if args.body is None:
            raise MeetingsError("--due 'next meeting' needs --body (whose next meeting)")
        print(
            f"meetings actions: warning: no meeting of {args.body} after {raised} is known (no"
            f" meeting file in {workspace / 'meetings'}, nor in a schedule.json), so the action"
            " is due by 'Next meeting' and never shown overdue; give --due DATE to date it",
            file=sys.stderr,
        )
    if council is not None:
        codes = {o.code for o in council.officers if o.code}
        unknown = [c for c in args.officer if c not in codes]
        if unknown:
            valid = ", ".join(sorted(codes))
            raise MeetingsError(f"--officer: unknown code(s) {', '.join(unknown)}; valid: {valid}")
    origin = Origin(
        title=args.title,
        raised=raised,
        body=args.body,
        minute=args.minute,
        reference=args.reference,
    )
    with _f_register(args, create=True) as register:
        action = add_action(
            register,
            origin=origin,
            details=args.details,
            due=due,
            officers=args.officer,
            status=status,
            note=args.note,
        )
    print(f"{action.id}. {action.origin.label()}: due {action.due.label()}, {action.status}")
    return 0


def _run_actions_update(args: argparse.Namespace) -> int:
    from meetings.actions import DEFAULT_STATUSES, check_status  # noqa: PLC0415

    council = _f_council(args, required=False)
    vocabulary = council.action_statuses if council is not None else DEFAULT_STATUSES
    try:
        status = check_status(args.status, vocabulary)
    except ValueError as exc:
        raise MeetingsError(f"--status: {exc}") from exc
    day = args.date or _f_today(args)
    if args.note:
        _f_text(args.note, "--note")
    with _f_register(args) as register:
        action = register.update(args.id, status=status, day=day, note=args.note)
    print(f"{action.id}. {action.origin.label()}: {action.status} ({day})")
    return 0


def _run_actions_list(args: argparse.Namespace) -> int:
    from meetings.actions import ActionQuery, actions_json, actions_table  # noqa: PLC0415
    from meetings.minutes import council_closing_statuses  # noqa: PLC0415

    today = _f_today(args)
    closed = council_closing_statuses(_f_council(args, required=False))
    query = ActionQuery(
        open_only=args.open,
        overdue=args.overdue,
        officer=args.officer,
        body=args.body,
        today=today,
        closed=closed,
    )
    with _f_register(args) as register:
        found = register.find(query)
    write = actions_json if args.format == "json" else actions_table
    sys.stdout.write(write(found, today, closed))
    return 0


def _run_actions_export(args: argparse.Namespace) -> int:
    with _f_register(args) as register:
        text = register.export_json()
    if str(args.file) == "-":
        sys.stdout.write(text)
        return 0
    from meetings.files import write_atomic  # noqa: PLC0415

    write_atomic(args.file, text)
    return 0


def _run_actions_load(args: argparse.Namespace) -> int:
    from meetings.files import reason  # noqa: PLC0415
    from meetings.guards import decode_text  # noqa: PLC0415

    try:
        text = decode_text(args.file.read_bytes(), file=str(args.file))
    except OSError as exc:
        raise MeetingsError(f"{args.file}: {reason(exc)}") from exc
    from meetings.register import parse_export  # noqa: PLC0415

    actions = parse_export(text, source=str(args.file))
    council = _f_council(args, required=False)
    if council is not None:  # an export from elsewhere may use statuses this council has not
        vocabulary = council.action_statuses
        for i, action in enumerate(actions):
            for change in action.history:
                if change.status not in vocabulary:
                    raise MeetingsError(
                        f"{args.file}: actions[{i}].history: status {change.status!r} is not in"
                        f" the council's vocabulary; valid: {', '.join(vocabulary)}"
                    )
    with _f_register(args, create=True) as register:
        added, skipped = register.load_actions(actions)
    print(f"{added} action(s) loaded, {skipped} already present")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    # A command line from a shell cannot hold NUL; one built in Python can, and no file name
    # or value may (the file system would refuse it with a ValueError).
    bad = [a for a in argv or () if "\x00" in a]
    if bad:
        print(f"meetings: argument {bad[0]!r} holds a NUL character", file=sys.stderr)
        return 2
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: --help/--version (0) or wrong usage (2)
        return exc.code if isinstance(exc.code, int) else 2
    run: Handler = args.run
    try:
        return run(args)
    except MeetingsError as exc:
        print(f"meetings {args.command}: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # `meetings actions list | head`: the reader has all it wanted. Point stdout at
        # /dev/null so the interpreter's final flush does not fail again on the closed pipe.
        _f_quiet_stdout()
        return 0
    except KeyboardInterrupt:
        print(f"meetings {args.command}: interrupted", file=sys.stderr)
        return 130


def _f_quiet_stdout() -> None:
    import os  # noqa: PLC0415

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real file descriptor (a test's captured stdout)
        pass


# -- validate (council definitions) -----------------------------------------------------
@command
def _add_validate(sub: Subparsers) -> None:
    p = sub.add_parser(
        "validate",
        help="check a council definition and summarise it",
        description="Check a council definition file (council.toml) and print a summary of its "
        "bodies, members, quorums, substitution deadlines and officers; every problem in the "
        "file is reported at once (exit 1).",
    )
    p.add_argument("council", metavar="COUNCIL.toml", help="the council definition file")
    p.set_defaults(run=_run_validate)


def _run_validate(args: argparse.Namespace) -> int:
    from meetings.definitions import council_summary, load_council  # noqa: PLC0415

    council = load_council(args.council)
    sys.stdout.write(council_summary(council))
    for clash in council.clashes():
        print(f"warning: {clash}", file=sys.stderr)
    return 0


# -- deadlines (issue 2: given dates; issue 4 adds the planned year of a council) ------------
DEADLINES_EPILOG = """\
examples:
  meetings deadlines --meeting 2019-03-05
  meetings deadlines --meeting 2019-03-05T18:30 --meeting 2019-05-14 --format json
  meetings deadlines --nation wales --meeting 2019-05-14
  meetings deadlines --nation england --kind parish --meeting 2024-05-09
  meetings deadlines --nation scotland --poll 2022-05-05
  meetings deadlines --poll 2024-07-04 --poll-kind parliamentary
  meetings deadlines --poll 2020-05-07 --poll-kind pcc --purdah-start 2020-04-07
  meetings deadlines examples/oadby-wigston/council.toml --meeting 2019-03-05
"""


@command
def _add_deadlines(sub: Subparsers) -> None:
    from meetings.dates import Nation  # noqa: PLC0415
    from meetings.elections import PollKind  # noqa: PLC0415
    from meetings.statutes import CouncilKind  # noqa: PLC0415

    p = sub.add_parser(
        "deadlines",
        help="statutory deadlines for meetings and polls",
        description="Print the statutory deadlines for meetings on given dates (agenda and "
        "public notice, summons, key-decision and private-meeting notices, large-print "
        "requests) and for polls (notice of election, pre-election period, annual meeting), "
        "each with the rule and its source in force on that day for the council's nation and "
        "kind. A council file supplies the nation, kind, notice settings and readings.",
        epilog=DEADLINES_EPILOG,
    )
    p.add_argument(
        "council",
        nargs="?",
        type=Path,
        metavar="COUNCIL.toml",
        help="the council's nation, notice settings, closures and elections; alone, the "
        "deadlines of every meeting and poll of its planned year",
    )
    p.add_argument(
        "--year",
        type=_f_year,
        metavar="YYYY",
        help="with COUNCIL.toml alone: plan the municipal year starting in May YYYY",
    )
    p.add_argument(
        "--meeting",
        action="append",
        default=[],
        metavar="DATE",
        help="a meeting day (2019-03-05) or start (2019-03-05T18:30, UK time); repeatable",
    )
    p.add_argument("--nation", choices=[n.value for n in Nation], help="default: england")
    p.add_argument(
        "--kind",
        choices=[k.value for k in CouncilKind],
        help="the kind of council whose rules apply (default: the council file's, else principal)",
    )
    p.add_argument("--poll", action="append", default=[], metavar="DATE", help="a poll day")
    p.add_argument(
        "--poll-kind",
        choices=[k.value for k in PollKind],
        default=PollKind.LOCAL.value,
        help="the kind of every --poll (default: local)",
    )
    p.add_argument("--purdah-start", metavar="DATE", help="the council's own start of purdah")
    p.add_argument(
        "--mourning",
        action="append",
        default=[],
        metavar="DATE",
        help="a day of public mourning or thanksgiving, disregarded in election timetables",
    )
    p.add_argument("--format", choices=["md", "json"], default="md", help="default: md tables")
    p.set_defaults(run=_run_deadlines)


def _run_deadlines(args: argparse.Namespace) -> int:
    from meetings import dates, elections  # noqa: PLC0415

    rules: dates.NoticeRules | None = None
    nation = dates.Nation.parse(args.nation or "england")
    schedule_rules = None
    if args.council is not None:
        from meetings.definitions import load_council  # noqa: PLC0415

        council = load_council(args.council)
        nation = dates.Nation.parse(args.nation or council.nation)
        rules = council.notice_rules
        schedule_rules = council.schedule
    if args.kind:  # the rules of the kind of council given, with the file's settings
        import attrs  # noqa: PLC0415

        rules = (
            attrs.evolve(rules, kind=args.kind)
            if rules is not None
            else dates.NoticeRules.for_council(nation, kind=args.kind)
        )
    groups: list[tuple[str, Sequence[dates.Deadline]]] = []
    for text in args.meeting:
        meeting = _f_in_years(dates.parse_meeting(text), f"--meeting {text}")
        calendar = (  # the council's own closures (Christmas) count too
            schedule_rules.working_calendar(nation, meeting.year)
            if schedule_rules is not None
            else dates.WorkingCalendar(nation=nation)
        )
        found = dates.meeting_deadlines(meeting, calendar, rules)
        groups.append((dates.meeting_label(meeting), found.deadlines))
    if args.poll:
        mourning = [
            _f_in_years(dates.as_date(d, "--mourning"), f"--mourning {d}") for d in args.mourning
        ]
        polls = [
            elections.Poll(
                day=_f_in_years(dates.as_date(p, "poll day"), f"--poll {p}"), kind=args.poll_kind
            )
            for p in args.poll
        ]
        # the council's own start of the pre-election period for a poll it lists, unless given
        listed = schedule_rules.elections if schedule_rules else ()
        own = {e.poll: e.purdah_start for e in listed if e.purdah_start}
        starts = {p.day.year: own[p.day] for p in polls if p.day in own}
        if args.purdah_start:
            start = _f_in_years(
                dates.as_date(args.purdah_start, "--purdah-start"), "--purdah-start"
            )
            starts[start.year] = start
        days = {p.day.year for p in polls}
        groups += elections.poll_timetables(
            polls,
            starts=starts,
            nation=nation,
            disregarded=mourning,
            kind=rules.kind if rules else "principal",
            reading=rules.retirement_reading if rules else "plain",
            calendar=(  # the council's working days, for the retirement reading
                schedule_rules.working_calendar(nation, *days) if schedule_rules else None
            ),
        )
    if not groups:
        if args.council is None:
            print(
                "meetings deadlines: give --meeting DATE or --poll DATE "
                "(or a COUNCIL.toml for its planned year)",
                file=sys.stderr,
            )
            return 2
        from meetings.planner import planned_deadlines  # noqa: PLC0415

        groups = planned_deadlines(council, args.year, rules)

    sys.stdout.write(dates.format_deadlines(groups, args.format))
    return 0


# -- schedule and check (issue 4: plan a municipal year) ------------------------------------
SCHEDULE_EPILOG = """\
examples:
  meetings schedule examples/oadby-wigston/council.toml --out demo-output
  meetings schedule examples/oadby-wigston/council.toml --year 2019 --format json,ics
  meetings check examples/oadby-wigston/council.toml demo-output/schedule.json
"""
# changes after adoption: the adopted schedule keeps every meeting not named on its date
SCHEDULE_EPILOG += (
    "  meetings schedule examples/oadby-wigston/council.toml --out changed"
    " --adopted demo-output/schedule.json --previous demo-output --cancel change-management:4"
    " --move council:3=2019-11-19 --add council=2020-01-14T19:00 --today 2019-12-02\n"
)


@command
def _add_schedule(sub: Subparsers) -> None:
    p = sub.add_parser(
        "schedule",
        help="plan a municipal year of meetings",
        description="Plan every meeting of the municipal year from a council file: hard rules "
        "(closures, purdah, reporting windows, orderings, clashes, pins) always hold, soft "
        "rules are traded by weight. Writes report.md (every soft rule broken, with the "
        "reason no better date existed) and the formats asked for (schedule.json, the feeds, "
        "the table and the calendar grid by default).",
        epilog=SCHEDULE_EPILOG,
    )
    p.add_argument("council", type=Path, metavar="COUNCIL.toml")
    p.add_argument("--year", type=_f_year, metavar="YYYY", help="first year of the municipal year")
    p.add_argument(
        "--out",
        type=Path,
        default=Path("schedule"),
        metavar="DIR",
        help="the folder to write into, made if missing (default: ./schedule)",
    )
    p.add_argument(
        "--format",
        default="json,ics,html,md,csv",
        metavar="FORMATS",
        help="comma-separated: json, ics, html, md, csv, pdf (default: json,ics,html,md,csv)",
    )
    p.add_argument("--stamp", metavar="ISO", help="publication time (default: now, UTC)")
    p.add_argument(
        "--previous",
        type=Path,
        metavar="FILE_OR_DIR",
        help="the last publication's schedule.ics, or its folder, to compare the feeds with "
        "(default: the schedule.ics already in --out, if any)",
    )
    _f_templates_option(p)
    _f_changes(p)
    p.set_defaults(run=_run_schedule)


def _f_changes(p: argparse.ArgumentParser) -> None:
    """Changes after adoption, as [schedule] adopted_schedule, [[schedule.cancel]], move, add."""
    p.add_argument(
        "--adopted",
        type=Path,
        metavar="SCHEDULE.json",
        help="the schedule.json as adopted: every meeting in it keeps its date",
    )
    p.add_argument(
        "--cancel",
        action="append",
        default=[],
        metavar="BODY:N",
        help="cancel meeting N of BODY (it stays in the feeds, cancelled); repeatable",
    )
    p.add_argument(
        "--move",
        action="append",
        default=[],
        metavar="BODY:N=DATE[THH:MM]",
        help="move meeting N of BODY to DATE (same UID, higher SEQUENCE); repeatable",
    )
    p.add_argument(
        "--add",
        action="append",
        default=[],
        metavar="BODY=DATE[THH:MM]",
        help="add an extraordinary meeting of BODY, called --today; repeatable",
    )
    p.add_argument(
        "--today",
        type=_f_date,
        metavar="YYYY-MM-DD",
        help="the day the changes are made: an added meeting's notice is counted from it "
        "(default: today)",
    )


def _with_changes(council: Any, args: argparse.Namespace) -> Any:
    """The council with the command line's changes added to its [schedule]."""
    import attrs  # noqa: PLC0415

    from meetings.rules import Cancel, Extra, Move  # noqa: PLC0415

    def body_number(text: str, flag: str) -> tuple[str, int]:
        body, _, number = text.partition(":")
        if body not in {b.id for b in council.bodies}:
            raise MeetingsError(f"{flag} {text}: unknown body {body!r}")
        if not number.isdigit() or int(number) < 1:
            raise MeetingsError(f"{flag} {text}: expected BODY:N, N the meeting's number (1, 2…)")
        return body, int(number)

    def when(text: str, flag: str) -> tuple[dt.date, dt.time | None]:
        try:
            if "T" in text:
                at = dt.datetime.fromisoformat(text)
                return at.date(), at.time()
            return dt.date.fromisoformat(text), None
        except ValueError:
            raise MeetingsError(
                f"{flag}: {text!r} is not a date; expected e.g. 2020-01-22 or 2020-01-22T19:00"
            ) from None

    rules = council.schedule
    cancels = [
        Cancel(body=b, meeting=n) for b, n in (body_number(c, "--cancel") for c in args.cancel)
    ]
    moves = []
    for text in args.move:
        which, _, to = text.partition("=")
        body, number = body_number(which, "--move")
        day, start = when(to, "--move")
        moves.append(Move(body=body, meeting=number, date=day, start=start))
    today = args.today or dt.date.today()
    extras = []
    for text in args.add:
        body, _, at = text.partition("=")
        if body not in {b.id for b in council.bodies}:
            raise MeetingsError(f"--add {text}: unknown body {body!r}")
        day, start = when(at, "--add")
        extras.append(Extra(body=body, date=day, start=start, called=today))
    adopted = rules.adopted_schedule
    if args.adopted is not None:
        if not args.adopted.is_file():
            raise MeetingsError(f"--adopted {args.adopted}: no such file")
        adopted = args.adopted
    changed = attrs.evolve(
        rules,
        cancel=(*rules.cancel, *cancels),
        move=(*rules.move, *moves),
        add=(*rules.add, *extras),
        adopted_schedule=adopted,
    )
    return attrs.evolve(council, schedule=changed)


def _run_schedule(args: argparse.Namespace) -> int:
    from meetings import planner, schedule, timetable  # noqa: PLC0415
    from meetings.definitions import load_council  # noqa: PLC0415
    from meetings.rules import Severity  # noqa: PLC0415

    formats = [f.strip() for f in args.format.split(",") if f.strip()]
    valid = ("json", *timetable.FORMATS)
    unknown = [f for f in formats if f not in valid] if formats else [repr(args.format)]
    if unknown:  # wrong usage: exit 2, as argparse does
        print(
            f"meetings schedule: --format: unknown publication format {', '.join(unknown)}; "
            f"valid: {', '.join(valid)}",
            file=sys.stderr,
        )
        return 2
    from meetings.files import check_path  # noqa: PLC0415

    out: Path = check_path(args.out, label=f"--out {args.out}")
    _f_folder(out)
    stamp = _stamp(args.stamp)
    _f_templates(args)
    council = _with_changes(load_council(args.council), args)
    for warning in council.schedule.warnings():
        print(f"meetings schedule: warning: {args.council}: {warning}", file=sys.stderr)
    try:
        plan = planner.plan_schedule(council, args.year, today=args.today or dt.date.today())
    except ScheduleError as exc:  # name the file whose [schedule] rules cannot all hold
        raise ScheduleError(f"{args.council}: [schedule]: {exc}") from exc
    # The feeds are compared with the last publication, so subscribers see changed meetings
    # updated and removed ones cancelled; by default the one in --out, which is where
    # publishing again into the same folder finds it.
    previous, note = None, ""
    if "ics" in formats:
        where: Path = args.previous or out
        # a damaged feed is an error: read on, every SEQUENCE would restart
        published = timetable.read_previous(where)
        note = f"no previous publication in {where}: every SEQUENCE starts at 0"
        try:
            found = timetable.same_year(published, plan, council) if published else None
        except MeetingsError as exc:
            if args.previous is not None:
                raise
            # Say so and go on: --out may hold last year's feeds, not this schedule's.
            print(f"meetings schedule: warning: {exc}", file=sys.stderr)
            found, note = None, "previous publication not used: every SEQUENCE starts at 0"
        if found is None and args.previous is not None:
            raise MeetingsError(
                f"--previous {where}: no feed there; expected the schedule.ics of the last "
                "publication, or the folder holding it"
            )
        if found is not None:
            previous = found[1]
            note = f"previous publication: {found[0]} (compared for SEQUENCE and cancellations)"
    from meetings.files import make_folder, write_atomic  # noqa: PLC0415

    make_folder(out, label=f"--out {out}")
    written = []
    if "json" in formats:
        write_atomic(out / "schedule.json", schedule.schedule_json(plan))
        written.append(out / "schedule.json")
    write_atomic(out / "report.md", schedule.schedule_report(plan))
    written.append(out / "report.md")
    others = [f for f in formats if f != "json"]
    if others:
        written += timetable.write(
            plan, council, out, others, stamp, template_dir=args.templates, previous=previous
        )
    hard = [b for b in plan.breaches if b.severity != Severity.SOFT]
    soft = len(plan.breaches) - len(hard)
    # A change after adoption (--move, --add) can break a hard rule: say so, never only "0 soft".
    broken = f"{len(hard)} hard rule(s) broken, " if hard else ""
    print(
        f"{plan.council} {plan.municipal_year}: {len(plan.meetings)} meetings, "
        f"{broken}{soft} soft rule breach(es); see {out / 'report.md'}"
    )
    for b in hard:
        print(f"meetings schedule: hard rule {b.rule} broken: {b.detail}", file=sys.stderr)
    if note:
        print(note)
    if plan.left_out:  # so an officer planning --year 2021 does not wonder where pins went
        listed = ", ".join(plan.left_out)
        print(f"not in {plan.municipal_year}, so not used: {listed} of {args.council}")
    for path in written:
        print(f"wrote {path}")
    return 0


def _stamp(text: str | None) -> dt.datetime:
    if text is None:
        return dt.datetime.now(dt.UTC).replace(microsecond=0)
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        raise MeetingsError(
            f"--stamp {text!r} is not an ISO date-time; expected e.g. 2019-03-05T09:00:00Z"
        ) from None
    _f_in_years(value, f"--stamp {text}")
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


D = TypeVar("D", bound=dt.date)


def _f_in_years(day: D, option: str) -> D:
    """`day`, if its year is one the calendar engine supports; else a MeetingsError."""
    from meetings.guards import year_problem  # noqa: PLC0415

    if problem := year_problem(day.year, "the year"):
        raise MeetingsError(f"{option}: {problem}")
    return day


@command
def _add_check(sub: Subparsers) -> None:
    p = sub.add_parser(
        "check",
        help="check a schedule against a council's rules",
        description="Check a schedule (JSON, CSV or .ics; made by `meetings schedule` or by "
        "hand) against the rules of a council file and print the report. Exit 1 when a hard "
        "rule is broken.",
    )
    p.add_argument("council", type=Path, metavar="COUNCIL.toml")
    p.add_argument("schedule", type=Path, metavar="SCHEDULE")
    p.add_argument("--year", type=_f_year, metavar="YYYY", help="default: the schedule's year")
    p.set_defaults(run=_run_check)


def _run_check(args: argparse.Namespace) -> int:
    import attrs  # noqa: PLC0415

    from meetings import (  # noqa: PLC0415
        check,
        schedule,
        timetable,
    )
    from meetings.definitions import load_council  # noqa: PLC0415
    from meetings.rules import Severity  # noqa: PLC0415

    council = load_council(args.council)
    for warning in council.schedule.warnings():
        print(f"meetings check: warning: {args.council}: {warning}", file=sys.stderr)
    given = timetable.load_schedule(args.schedule, council)
    try:
        breaches = check.check_schedule(given, council, args.year)
    except ScheduleError as exc:
        raise ScheduleError(f"{args.council}: [schedule]: {exc}") from exc
    sys.stdout.write(schedule.schedule_report(attrs.evolve(given, breaches=breaches)))
    # The workspace's meeting files: a date of issue that leaves too few clear days
    # (LGA 1972 s.100B(3)) is a warning here, as in `meetings agenda`.
    from meetings.agenda import workspace_notice_warnings  # noqa: PLC0415

    notices = workspace_notice_warnings(args.council, council)
    if notices:
        sys.stdout.write("\n## Notice of meetings\n\n" + "".join(f"- {n}\n" for n in notices))
    return 1 if any(b.severity == Severity.HARD for b in breaches) else 0


# -- decisions, members' records and the forward plan (issue 17) ---------------------------

_REGISTER_FORMATS = ("html", "md", "csv", "json")
_PLAN = "examples/oadby-wigston/forward-plan.toml"
EXAMPLES.update(
    {
        "import": [f"meetings import {_HELD} --register demo.sqlite"],
        "decisions": ["meetings decisions --register demo.sqlite --format md"],
        "attendance": ["meetings attendance --register demo.sqlite --format csv"],
        "declarations": ["meetings declarations --register demo.sqlite -o declarations.html"],
        "forward-plan": [
            f"meetings forward-plan {_PLAN} --format md",
            f"meetings forward-plan {_PLAN} -o forward-plan.html",
        ],
    }
)


def _f_register_args(p: argparse.ArgumentParser, *, filters: bool = True) -> None:
    p.add_argument(
        "--register", type=Path, metavar="FILE", help="default: <workspace>/actions.sqlite"
    )
    p.add_argument(
        "--council",
        type=Path,
        metavar="FILE",
        help="the council definition (its name, members, calendar and rules); its folder is the"
        " workspace (default: ./council.toml when there is one)",
    )
    if filters:
        p.add_argument("--body", metavar="ID", help="only this body's (e.g. change-management)")
        p.add_argument("--from", dest="since", type=_f_date, metavar="DATE", help="on or after")
        p.add_argument("--to", dest="until", type=_f_date, metavar="DATE", help="on or before")
    _f_output(p)


def _f_output(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--format",
        choices=_REGISTER_FORMATS,
        help="output format (default: from the -o suffix, else html)",
    )
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help="write here; its suffix (.html, .md, .csv, .json) picks the format unless --format"
        " is given (default: standard output)",
    )
    _f_templates_option(p)


def _f_emit(
    args: argparse.Namespace,
    template: str,
    context: dict[str, object],
    data: Callable[[str], str],
) -> int:
    """Write a register in the format asked for: html and md from `template`, csv and json
    from `data(fmt)`."""
    from meetings.render import render  # noqa: PLC0415

    target = _f_target(args, _REGISTER_FORMATS)
    if target is None:
        return 2
    out, fmt = target
    _f_ready(args, out)
    if fmt in ("html", "md"):
        return _f_deliver(out, render(f"{template}.{fmt}", context, template_dir=args.templates))
    return _f_deliver(out, data(fmt))


def _f_records(
    args: argparse.Namespace,
    council: Council | None,
    template: str,
    records: Sequence[Any],
    writers: tuple[Callable[..., str], Callable[[Sequence[Any]], str]],
    **context: object,
) -> int:
    """A register's records, through `template` (html, md) or `writers` (json, csv)."""
    name = council.name if council else ""
    to_json, to_csv = writers
    return _f_emit(
        args,
        template,
        {"council": name, **context, "records": records},
        lambda fmt: to_json(records, council=name) if fmt == "json" else to_csv(records),
    )


def _f_filters(args: argparse.Namespace, *extra: str) -> list[str]:
    """The filters given, as words for the heading of a register."""
    out = [f"body {args.body}"] if args.body else []
    if args.since:
        out.append(f"from {args.since.isoformat()}")
    if args.until:
        out.append(f"to {args.until.isoformat()}")
    return [*out, *extra]


def _f_calendar(council: Any, years: Sequence[int]) -> Any:
    from meetings.dates import WorkingCalendar  # noqa: PLC0415

    if council is None:
        return WorkingCalendar()
    return council.working_calendar(*range(min(years), max(years) + 1))


@command
def _add_import(sub: Subparsers) -> None:
    p = sub.add_parser(
        "import",
        help="record a meeting's actions, decisions, attendance and declarations",
        description="Import the minutes of meeting files into the workspace register in one "
        "transaction (all of them, or none): their actions (as `meetings actions import`), "
        "their decisions (with call-in dates for executive decisions and the notice route of "
        "key decisions), each member's attendance and the interests declared. Importing the "
        "same minutes again changes nothing; importing corrected minutes replaces that "
        "meeting's records. Key decisions are matched to the forward plan: --forward-plan, "
        "else <workspace>/forward-plan.toml.",
    )
    p.add_argument(
        "meetings",
        type=Path,
        nargs="+",
        metavar="MEETING.toml",
        help="one or more meeting files, imported together in one transaction",
    )
    p.add_argument(
        "--register", type=Path, metavar="FILE", help="default: <workspace>/actions.sqlite"
    )
    p.add_argument("--council", type=Path, metavar="FILE", help="the council definition")
    p.add_argument("--forward-plan", type=Path, metavar="PLAN.toml", help="the forward plan")
    p.set_defaults(run=_run_import)


def _run_import(args: argparse.Namespace) -> int:
    from meetings.agenda import find_workspace  # noqa: PLC0415
    from meetings.forwardplan import load_forward_plan  # noqa: PLC0415
    from meetings.minutes import load_minutes  # noqa: PLC0415
    from meetings.records import meeting_records  # noqa: PLC0415

    files: list[Path] = args.meetings
    args.meeting = files[0]  # the workspace (council, register, plan) is the first file's
    council = _f_council(args)
    plan_path = args.forward_plan
    if plan_path is None:
        found = find_workspace(args.meeting, args.council) / "forward-plan.toml"
        plan_path = found if found.is_file() else None
    plan = load_forward_plan(plan_path) if plan_path is not None else None
    all_minutes = [load_minutes(path, council) for path in files]  # every file read first
    years = [y for m in all_minutes for y in (m.day.year, m.day.year + 1)]
    calendar = _f_calendar(council, years)
    records = [
        meeting_records(m, calendar=calendar, council=council, plan=plan) for m in all_minutes
    ]
    with _f_register(args, create=True) as register:
        results = register.import_meetings(records)
        where = register.path

    def counted(n: int, what: str, status: str) -> str:
        return f"no {what}s" if n == 0 else f"{n} {what}(s) {status}"

    for minutes, meeting, result in zip(all_minutes, records, results, strict=True):
        total = len(meeting.actions)
        print(
            f"{minutes.body_name}, {minutes.day.isoformat()}: {result.actions_added} action(s)"
            f" added ({total - result.actions_added} already there),"
            f" {counted(len(meeting.decisions), 'decision', result.decisions)},"
            f" {counted(len(meeting.attendance), 'attendance record', result.attendance)},"
            f" {counted(len(meeting.declarations), 'declaration', result.declarations)}"
        )
        for d in meeting.decisions:
            if d.route is not None and d.route.value == "none":
                print(
                    f"meetings import: warning: {minutes.body_name}, {minutes.day.isoformat()},"
                    f" minute {d.reference} ({d.title}) is a key decision without lawful"
                    " notice (SI 2012/2089 regs 9-11)",
                    file=sys.stderr,
                )
    print(f"recorded in {where}")
    return 0


@command
def _add_decisions(sub: Subparsers) -> None:
    p = sub.add_parser(
        "decisions",
        help="the register of decisions, with call-in deadlines",
        description="List the decisions imported from minutes (`meetings import`): body, "
        "meeting, minute, wording, key decision and its notice route, the day the decision "
        "notice was published, and for executive decisions the call-in deadline and the day "
        "the decision may be implemented.",
    )
    _f_register_args(p)
    p.add_argument("--key", action="store_true", help="only key decisions")
    p.add_argument(
        "--open-to-call-in",
        action="store_true",
        help="only executive decisions still open to call-in on --today",
    )
    p.add_argument("--today", type=_f_date, metavar="DATE", help="default: today's date")
    p.set_defaults(run=_run_decisions)


def _run_decisions(args: argparse.Namespace) -> int:
    from meetings.decisions import (  # noqa: PLC0415
        DecisionQuery,
        DecisionRules,
        decisions_csv,
        decisions_json,
    )

    council = _f_council(args, required=False)
    today = _f_today(args) if args.open_to_call_in else None
    query = DecisionQuery(
        body=args.body, since=args.since, until=args.until, key_only=args.key, open_on=today
    )
    with _f_register(args) as register:
        records = register.decisions(query)
    extra = ["key decisions only"] if args.key else []
    if today is not None:
        extra.append(f"open to call-in on {today.isoformat()}")
    return _f_records(
        args,
        council,
        "registers/decisions",
        records,
        (decisions_json, decisions_csv),
        title="Decisions",
        filters=_f_filters(args, *extra),
        rules=DecisionRules.for_council(council),  # the notice periods the routes name
    )


@command
def _add_attendance(sub: Subparsers) -> None:
    p = sub.add_parser(
        "attendance",
        help="members' attendance at meetings, with yearly figures",
        description="Each member's attendance from the imported minutes: meetings expected, "
        "present as expected, present as a substitute, apologies, absent, in attendance, and "
        "the percentage of expected meetings attended, per body and over all bodies; then "
        "every member's attendance at each meeting.",
    )
    _f_register_args(p)
    p.add_argument("--member", help="only this member, as the register names them")
    p.add_argument("--meetings", action="store_true", help="CSV: one row per member per meeting")
    p.set_defaults(run=_run_attendance)


def _run_attendance(args: argparse.Namespace) -> int:
    from meetings.records import (  # noqa: PLC0415
        Presence,
        RecordQuery,
        attendance_csv,
        attendance_json,
        attendance_summary,
    )

    council = _f_council(args, required=False)
    query = RecordQuery(body=args.body, member=args.member, since=args.since, until=args.until)
    with _f_register(args) as register:
        records = register.attendance(query)
    labels = {
        Presence.PRESENT: "Present",
        Presence.SUBSTITUTE: "Present as substitute",
        Presence.APOLOGIES: "Apologies",
        Presence.ABSENT: "Absent",
        Presence.IN_ATTENDANCE: "In attendance",
    }
    return _f_records(
        args,
        council,
        "registers/attendance",
        records,
        (attendance_json, lambda found: attendance_csv(found, meetings=args.meetings)),
        title="Attendance at meetings",
        filters=_f_filters(args, *([f"member {args.member}"] if args.member else [])),
        summary=attendance_summary(records),
        labels=labels,
    )


@command
def _add_declarations(sub: Subparsers) -> None:
    p = sub.add_parser(
        "declarations",
        help="the register of interests declared at meetings",
        description="The interests members declared at meetings, from the imported minutes: "
        "member, meeting, minute and item, kind of interest, details and the action taken.",
    )
    _f_register_args(p)
    p.add_argument("--member", help="only this member, as the register names them")
    p.set_defaults(run=_run_declarations)


def _run_declarations(args: argparse.Namespace) -> int:
    from meetings.records import (  # noqa: PLC0415
        RecordQuery,
        declarations_csv,
        declarations_json,
    )

    council = _f_council(args, required=False)
    query = RecordQuery(body=args.body, member=args.member, since=args.since, until=args.until)
    with _f_register(args) as register:
        records = register.declarations(query)
    return _f_records(
        args,
        council,
        "registers/declarations",
        records,
        (declarations_json, declarations_csv),
        title="Declarations of interest",
        filters=_f_filters(args, *([f"member {args.member}"] if args.member else [])),
    )


@command
def _add_forward_plan(sub: Subparsers) -> None:
    p = sub.add_parser(
        "forward-plan",
        help="publish and check the forward plan (notice of key decisions)",
        description="Publish the forward plan in PLAN.toml and check each entry: a key "
        "decision needs 28 clear days' notice (SI 2012/2089 reg 9), else the general "
        "exception (reg 10) or special urgency (reg 11), whose notices are written out; a "
        "decision in private needs notice under reg 5. With a schedule, each entry's meeting "
        "must be in it on that date. The council file is --council, else the council.toml "
        "beside the plan. Breaches go to stderr and make the exit status 1.",
    )
    p.add_argument("plan", type=Path, metavar="PLAN.toml")
    p.add_argument("--council", type=Path, metavar="FILE", help="the council definition")
    p.add_argument(
        "--schedule",
        type=Path,
        metavar="FILE",
        help="the schedule (schedule.json, its CSV table or .ics feed; needs a council file)",
    )
    _f_output(p)
    p.set_defaults(run=_run_forward_plan)


def _run_forward_plan(args: argparse.Namespace) -> int:
    from meetings.decisions import DecisionRules  # noqa: PLC0415
    from meetings.definitions import load_council  # noqa: PLC0415
    from meetings.forwardplan import check_plan, load_forward_plan, plan_csv, plan_json  # noqa: PLC0415

    plan = load_forward_plan(args.plan)
    council_path = args.council
    if council_path is None and (args.plan.parent / "council.toml").is_file():
        council_path = args.plan.parent / "council.toml"
    council = load_council(council_path) if council_path is not None else None
    schedule = None
    if args.schedule is not None:
        if council is None:
            raise MeetingsError(f"--schedule {args.schedule}: give the council file (--council)")
        from meetings.timetable import load_schedule  # noqa: PLC0415

        schedule = load_schedule(args.schedule, council)
    days = [e.day.year for e in plan.entries if e.day] + [plan.published.year]
    check = check_plan(
        plan,
        _f_calendar(council, days),
        DecisionRules.for_council(council),
        schedule=schedule,
        council=council,
    )
    if council is not None and not plan.council:
        import attrs  # noqa: PLC0415

        check = attrs.evolve(check, plan=attrs.evolve(plan, council=council.name))
    status = _f_emit(
        args,
        "registers/forward-plan",
        check.context(),
        lambda fmt: plan_json(check) if fmt == "json" else plan_csv(check),
    )
    for f in check.breaches:
        print(
            f"meetings forward-plan: {args.plan}: {f.ref}: {f.rule}: {f.message}", file=sys.stderr
        )
    return status or (1 if check.breaches else 0)


# -- publish (a CalDAV server) ------------------------------------------------------------------
@command
def _add_publish(sub: Subparsers) -> None:
    p = sub.add_parser(
        "publish",
        help="push the feeds to a CalDAV server",
        description="Push the council's calendar, each body's and the useful dates to a CalDAV "
        "server, one calendar each under the calendar home URL (made when missing): new "
        "meetings are created, changed ones updated in place (same UID, higher SEQUENCE), "
        "meetings no longer planned cancelled (STATUS:CANCELLED); unchanged ones are not sent. "
        "What the server holds is the previous publication. The year is planned from the "
        "council file unless --schedule gives it. Needs the caldav extra.",
    )
    p.add_argument("council", type=Path, metavar="COUNCIL.toml")
    p.add_argument(
        "--caldav",
        required=True,
        metavar="URL",
        help="the calendar home, e.g. https://dav.example.gov.uk/democratic-services/",
    )
    p.add_argument("--user", metavar="NAME", help="the CalDAV user name")
    p.add_argument(
        "--password-env",
        metavar="VAR",
        help="the environment variable holding the password (never on the command line)",
    )
    p.add_argument(
        "--schedule",
        type=Path,
        metavar="FILE",
        help="a schedule (.json, .csv or .ics) to publish instead of planning the year",
    )
    p.add_argument("--year", type=_f_year, metavar="YYYY", help="first year of the municipal year")
    p.add_argument("--stamp", metavar="ISO", help="publication time (default: now, UTC)")
    p.add_argument(
        "--site",
        metavar="URL",
        help="the council's meetings site: each meeting's URL is {URL}/meetings/<slug>.html, "
        "the slug its UID before @ in lower case (other characters as -)",
    )
    p.set_defaults(run=_run_publish)


# needs a CalDAV server: tests/test_publication.py runs it against Radicale
EXAMPLES["publish"] = [
    "meetings publish examples/oadby-wigston/council.toml --caldav "
    "http://127.0.0.1:5232/democratic-services/ --user democratic-services "
    "--password-env CALDAV_PASSWORD"
]


def _run_publish(args: argparse.Namespace) -> int:
    import os  # noqa: PLC0415

    from meetings import ical, planner, publication, timetable  # noqa: PLC0415
    from meetings.definitions import load_council  # noqa: PLC0415

    password = None
    if args.password_env:
        password = os.environ.get(args.password_env)
        if password is None:
            raise MeetingsError(
                f"--password-env {args.password_env}: no such environment variable; "
                "set it to the CalDAV password"
            )
    if not args.caldav.startswith(("http://", "https://")):
        raise MeetingsError(f"--caldav {args.caldav!r}: expected an http:// or https:// URL")
    stamp = _stamp(args.stamp)
    council = load_council(args.council)
    if args.schedule is not None:
        plan = timetable.load_schedule(args.schedule, council)
    else:
        try:
            plan = planner.plan_schedule(council, args.year)
        except ScheduleError as exc:
            raise ScheduleError(f"{args.council}: [schedule]: {exc}") from exc
    links = ical.meeting_pages(plan.meetings, args.site) if args.site else None
    pushed = publication.publish_caldav(
        plan,
        council,
        url=args.caldav,
        stamp=stamp,
        username=args.user,
        password=password,
        links=links,
        site=args.site,
    )
    print(f"{plan.council} {plan.municipal_year}: {len(plan.meetings)} meetings")
    for item in pushed:
        print(item.summary)
    return 0


# -- pack (issue 15) ---------------------------------------------------------------------
EXAMPLES["pack"] = [f"meetings pack {_MEETING} -o pack.pdf"]
EXAMPLES["report"] = [
    "meetings report examples/oadby-wigston/reports/2019-03-05-corporate-plan.md -o report.pdf"
]


@command
def _add_pack(sub: Subparsers) -> None:
    p = sub.add_parser(
        "pack",
        help="bind the agenda pack of a meeting: front sheet, then its papers",
        description="Bind the agenda pack of a meeting file as one PDF: the summons and agenda, "
        "then each item's papers (the `papers` of the meeting file: PDF, Word, report files, "
        "meeting files for minutes and action lists) in agenda "
        "order, the agenda's page numbers counted from the papers, each paper's first page "
        "stamped 'Agenda Item N', every page after the front sheet numbered, a bookmark per "
        "item. Exempt (Schedule 12A) papers go only into the restricted pack, written beside "
        "-o as NAME-part-ii.pdf (or --restricted). Needs the pdf extra; Word papers need "
        "LibreOffice.",
    )
    p.add_argument("meeting", type=Path, metavar="MEETING.toml")
    p.add_argument("-o", "--output", type=Path, metavar="FILE", required=True, help="the pack")
    p.add_argument(
        "--restricted",
        type=Path,
        metavar="FILE",
        help="the restricted pack of exempt papers (default: beside -o, NAME-part-ii.pdf)",
    )
    p.add_argument("--council", type=Path, metavar="FILE", help="the council definition")
    _f_templates_option(p)
    p.set_defaults(run=_run_pack)


def _run_pack(args: argparse.Namespace) -> int:
    from meetings.assembly import make_packs  # noqa: PLC0415

    out: Path = args.output
    restricted: Path = args.restricted or out.with_name(f"{out.stem}-part-ii{out.suffix}")
    for path in (out, restricted):
        if not path.parent.is_dir():
            raise MeetingsError(f"{path}: there is no folder {path.parent}; create it first")
    _f_templates(args)
    council = _f_council(args) if args.council is not None else None
    packs = make_packs(args.meeting, council, template_dir=args.templates)
    for warning in packs.warnings:
        print(f"meetings pack: warning: {warning}", file=sys.stderr)
    _f_deliver(out, packs.public)
    if packs.restricted is not None:
        _f_deliver(restricted, packs.restricted)
    return 0


@command
def _add_report(sub: Subparsers) -> None:
    p = sub.add_parser(
        "report",
        help="render a committee report: its front sheet and body",
        description="Render a report file (Markdown with TOML front matter between +++ lines) "
        "with the report front sheet: title, authors, purpose, summary, recommendations, "
        "contacts, priorities, implications, statutory officers' comments, consultees, "
        "background papers and appendices. Officer ids are looked up in the council file "
        "(--council, else council.toml in the report's folder or the one above it).",
    )
    p.add_argument("report", type=Path, metavar="REPORT.md")
    p.add_argument(
        "--format",
        choices=["html", "docx", "pdf"],
        help="output format (default: from the -o suffix, else html)",
    )
    p.add_argument("-o", "--output", type=Path, metavar="FILE", help="default: standard output")
    p.add_argument("--council", type=Path, metavar="FILE", help="the council definition")
    _f_templates_option(p)
    p.set_defaults(run=_run_report)


def _run_report(args: argparse.Namespace) -> int:
    from meetings.definitions import load_council  # noqa: PLC0415
    from meetings.report import load_report  # noqa: PLC0415

    path: Path = args.report
    found = [
        c
        for c in (path.parent / "council.toml", path.parent.parent / "council.toml")
        if c.is_file()
    ]
    council_file = args.council or (found[0] if found else None)
    council = load_council(council_file) if council_file is not None else None
    out: Path | None = args.output
    if (
        args.format is None
        and out is not None
        and out.suffix.lower()
        not in (
            ".html",
            ".docx",
            ".pdf",
        )
    ):
        print(
            f"meetings report: -o {out}: a report is written as .html, .docx or .pdf",
            file=sys.stderr,
        )
        return 2
    return _f_write(args, "report/report", {"report": load_report(path, council)})


# -- site (issue 16: the public meetings site) ------------------------------------------------
@command
def _add_site(sub: Subparsers) -> None:
    p = sub.add_parser(
        "site",
        help="publish the year as a static website",
        description="Write the public meetings site into --out: a home page with the year's "
        "calendar and table, a page per body, meeting and councillor, the papers of the "
        "workspace's meeting files (agenda, public minutes, action list), the iCalendar feeds "
        "and an Atom feed per body. Publishing again into the same folder compares with the "
        "last publication (site.json there): only changed files are rewritten, and moved or "
        "cancelled meetings and new papers are announced in the Atom feeds.",
    )
    p.add_argument("council", type=Path, metavar="COUNCIL.toml")
    p.add_argument("--year", type=int, metavar="YYYY", help="first year of the municipal year")
    p.add_argument("--out", type=Path, default=Path("site"), metavar="DIR", help="default: ./site")
    p.add_argument(
        "--schedule",
        type=Path,
        metavar="FILE",
        help="publish this schedule (.json, .csv or .ics) instead of planning the year",
    )
    p.add_argument(
        "--url",
        metavar="URL",
        help="where the site will be served from, e.g. https://www.example.gov.uk/meetings/ "
        "(gives webcal:// subscribe links, and each calendar entry a link to its page)",
    )
    p.add_argument("--stamp", metavar="ISO", help="publication time (default: now, UTC)")
    _f_templates_option(p)
    p.set_defaults(run=_run_site)


EXAMPLES["site"] = [
    "meetings site examples/oadby-wigston/council.toml --out site",
    "meetings site examples/oadby-wigston/council.toml --out site "
    "--url https://www.oadby-wigston.gov.uk/meetings/",
]


def _run_site(args: argparse.Namespace) -> int:
    from meetings import planner, timetable, website  # noqa: PLC0415
    from meetings.definitions import load_council  # noqa: PLC0415

    out: Path = args.out
    _f_folder(out)
    _f_templates(args)
    stamp = _stamp(args.stamp)
    council = load_council(args.council)
    if args.schedule is not None:
        plan = timetable.load_schedule(args.schedule, council)
    else:
        try:
            plan = planner.plan_schedule(council, args.year)
        except ScheduleError as exc:
            raise ScheduleError(f"{args.council}: [schedule]: {exc}") from exc
    previous = website.Publication.read(out)
    feed = None
    if previous is not None and previous.municipal_year == plan.municipal_year:
        found = timetable.previous_feed(out / website.FEEDS, plan, council)
        feed = found[1] if found else None
    site = website.build_site(
        plan,
        council,
        stamp=stamp,
        workspace=args.council.parent,
        previous=previous,
        previous_feed=feed,
        url=args.url,
        template_dir=args.templates,
    )
    for warning in site.warnings:
        print(f"meetings site: warning: {warning}", file=sys.stderr)
    done = website.write_site(site, out)
    print(
        f"{plan.council} {plan.municipal_year}: {len(done.written)} file(s) written, "
        f"{len(done.unchanged)} unchanged in {out}; open {out / 'index.html'}"
    )
    return 0
