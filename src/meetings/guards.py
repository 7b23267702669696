"""The bounds every input is held to before it is used, and the safe decoding of input files.

A council file, a meeting file, a schedule or an export is data a person typed or a program
wrote; before any of it reaches the calendar engine it must be text without control
characters, dates in the years the engine supports, integers that fit in 64 bits, and (in the
files that hold a council's meetings) local times without a UTC offset. `value_problems`
walks a parsed tree once and returns every such problem with its key path; `load_json` and
`decode_text` turn the failures of the standard library's parsers (nesting too deep, NaN,
a spreadsheet's encoding) into messages that name the file.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import math
from collections.abc import Iterator
from typing import Any

from meetings.errors import DefinitionError, Problem

# The years the calendar engine supports: bank holidays, elections and municipal years are
# known from 1900, and a date past 2199 in a council's papers is a typing mistake, not a plan.
FIRST_YEAR = 1900
LAST_YEAR = 2199
YEARS = f"{FIRST_YEAR} to {LAST_YEAR}"
# Integers are stored in SQLite and handed to C code (datetime, the solver): 64-bit signed.
MAX_INT = 2**63 - 1
# Deeper than any file of ours is; the standard library's parsers recurse per level.
MAX_DEPTH = 64
# Control characters have no place in names, titles or text: NUL ends a C string (SQLite,
# WeasyPrint), and the others are invisible in a paper. Tab, newline and return are text.
_CONTROL = frozenset(chr(c) for c in (*range(32), 127)) - {"\t", "\n", "\r"}


def control_character(text: str) -> str | None:
    """A message when `text` holds a control character (NUL, ESC, …), else None."""
    for index, char in enumerate(text):
        if char in _CONTROL:
            return f"holds the control character U+{ord(char):04X} (at character {index + 1})"
    return None


def year_problem(year: int, what: str = "year") -> str | None:
    """A message when `year` is outside the supported years, else None."""
    if FIRST_YEAR <= year <= LAST_YEAR:
        return None
    return f"{what} {year} is outside the years meetings supports ({YEARS})"


def check_year(year: int, what: str) -> int:
    """`year`, or ValueError naming `what` (a command-line option, a key)."""
    if isinstance(year, bool) or not isinstance(year, int):
        raise ValueError(f"{what}: expected a year like 2019, found {year!r}")
    problem = year_problem(year, what)
    if problem:
        raise ValueError(problem)
    return year


def _walk(data: object, path: str, depth: int) -> Iterator[tuple[str, object, int]]:
    """(key path, value, depth) of every value in a tree of dicts and lists, iteratively."""
    stack: list[tuple[str, object, int]] = [(path, data, depth)]
    while stack:
        where, value, level = stack.pop()
        yield where, value, level
        if isinstance(value, dict):
            for key, child in reversed(value.items()):
                stack.append((f"{where}.{key}" if where else str(key), child, level + 1))
        elif isinstance(value, list):
            for index in reversed(range(len(value))):
                stack.append((f"{where}[{index}]", value[index], level + 1))


def value_problems(data: object, *, local_times: bool = True) -> list[tuple[str, str]]:
    """(key path, message) for every value out of bounds in a parsed file.

    `local_times`: a date-time or time with a UTC offset is a problem (a council's meetings
    are in its own local time: the offset would be silently dropped or clash with it).
    """
    found: list[tuple[str, str]] = []
    for where, value, depth in _walk(data, "", 0):
        if depth > MAX_DEPTH:
            found.append((where, f"nested more than {MAX_DEPTH} deep; this is not a file of ours"))
            break
        if isinstance(value, str):
            problem = control_character(value)
        elif isinstance(value, bool):
            problem = None
        elif isinstance(value, int):
            problem = None if -MAX_INT <= value <= MAX_INT else f"{value:.3g} is too large a number"
        elif isinstance(value, float):
            problem = None if math.isfinite(value) else f"{value} is not a number"
        elif isinstance(value, dt.datetime):
            problem = year_problem(value.year, "the year")
            if problem is None and value.tzinfo is not None and local_times:
                problem = (
                    f"{value.isoformat()} has a UTC offset; times here are the council's local"
                    " time (its timezone), so write it without one, e.g. "
                    f"{value.replace(tzinfo=None).isoformat()}"
                )
        elif isinstance(value, dt.date):
            problem = year_problem(value.year, "the year")
        elif isinstance(value, dt.time) and value.tzinfo is not None and local_times:
            problem = (
                f"{value.isoformat()} has a UTC offset; times here are the council's local time"
                f" (its timezone), so write it without one, e.g. {value:%H:%M}"
            )
        else:
            problem = None
        if problem:
            found.append((where, problem))
    return found


def time_offset(value: dt.time | dt.datetime, text: str) -> str | None:
    """A message when a time read from `text` carries a UTC offset, else None."""
    if value.tzinfo is None:
        return None
    return (
        f"{text!r} has a UTC offset; times here are the council's local time (its timezone),"
        f" so write it without one, e.g. {value:%H:%M}"
    )


def _no_constant(name: str) -> object:
    raise ValueError(f"{name} is not a number JSON allows")


def load_json(text: str, *, file: str) -> Any:
    """Parse JSON text; DefinitionError naming the file for bad syntax, NaN or Infinity,
    nesting too deep, or numbers too long to read (Python's 4,300-digit limit)."""
    try:
        data = json.loads(text, parse_constant=_no_constant)
    except RecursionError:
        message = "not JSON we can read: nested too deeply"
        raise DefinitionError([Problem(file=file, key="", message=message)]) from None
    except ValueError as exc:  # JSONDecodeError is a ValueError, and so is a huge number
        raise DefinitionError(
            [Problem(file=file, key="", message=f"not valid JSON: {exc}")]
        ) from exc
    problems = value_problems(data, local_times=False)
    if problems:
        raise DefinitionError(
            [Problem(file=file, key=where, message=message) for where, message in problems]
        )
    return data


def decode_text(data: bytes, *, file: str, spreadsheet: bool = False) -> str:
    """The text of an input file: UTF-8 (a byte-order mark allowed); with `spreadsheet`,
    also UTF-16 with its mark and Windows-1252 (what Excel saves as "CSV"); otherwise a
    DefinitionError saying what the file is and how to save it."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    else:
        if "\x00" in text:
            message = "not text (it holds NUL characters); save it as UTF-8 text"
            raise DefinitionError([Problem(file=file, key="", message=message)])
        return text
    if spreadsheet and data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        with contextlib.suppress(UnicodeDecodeError):
            return data.decode("utf-16")
    if spreadsheet and b"\x00" not in data:
        with contextlib.suppress(UnicodeDecodeError):
            return data.decode("cp1252")
    line = data[: utf8_error.start].count(b"\n") + 1
    valid = "UTF-8, UTF-16 or Windows-1252 (cp1252)" if spreadsheet else "UTF-8"
    message = f"line {line}: not {valid} text (byte {utf8_error.start}); save it as UTF-8"
    raise DefinitionError([Problem(file=file, key="", message=message)])
