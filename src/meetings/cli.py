"""The `meetings` command: `main(argv=None) -> int`.

Exit status: 0 ok; 1 a problem with the input or an unmet hard rule (message on stderr,
naming the file and key); 2 wrong usage.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import TypeAlias

from meetings import __version__
from meetings.errors import MeetingsError

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
    parser.add_argument("--version", action="version", version=f"meetings {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    # Each command module section below adds its subparser and sets `run`.
    for add in COMMANDS:
        add(sub)
    return parser


# -- commands ----------------------------------------------------------------------------
# Each `_add_*` function adds one subcommand with `set_defaults(run=handler)`.

Subparsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"
COMMANDS: list[Callable[[Subparsers], None]] = []


def command(add: Callable[[Subparsers], None]) -> Callable[[Subparsers], None]:
    """Register a function that adds one subcommand (with `set_defaults(run=...)`)."""
    COMMANDS.append(add)
    return add


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
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
