"""The errors `meetings` raises: one root, each subclass also the built-in it refines."""

from __future__ import annotations

from collections.abc import Iterable

import attrs


class MeetingsError(Exception):
    """Root of every error raised by `meetings`."""


@attrs.frozen(kw_only=True)
class Problem:
    """One thing wrong with an input file: where it is, and what would be valid."""

    file: str
    key: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}: {self.key}" if self.key else self.file
        return f"{where}: {self.message}"


class DefinitionError(MeetingsError, ValueError):
    """A definition or meeting file is wrong; carries every problem found in it."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class CalendarError(MeetingsError, ValueError):
    """A date, nation, day count or calendar file that the calendar engine cannot use."""


class ScheduleError(MeetingsError, ValueError):
    """The hard rules of a schedule cannot all hold (names the conflicting rules)."""


class RenderError(MeetingsError, ValueError):
    """A template is missing, broken or asks for something that is not there."""


class MissingExtraError(MeetingsError, ImportError):
    """An optional output format was asked for without its extra installed."""

    def __init__(self, fmt: str, extra: str) -> None:
        super().__init__(
            f"the {fmt} format needs the optional extra: pip install 'meetings[{extra}]'"
        )


class RegisterError(MeetingsError, RuntimeError):
    """The action register cannot be read or written as asked."""
