"""Helpers shared by the modules that read TOML files: typed access that collects problems.

A `Reader` wraps one TOML table. Each accessor returns the value or, when the value is
missing or wrong, records a `Problem` (file, key path, what was found, what is valid) and
returns a harmless fallback so reading goes on and every problem is reported at once.
"""

from __future__ import annotations

import datetime as dt
import difflib
import enum
import tomllib
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TypeVar

from meetings import guards
from meetings.errors import DefinitionError, Problem

E = TypeVar("E", bound=enum.StrEnum)
T = TypeVar("T")


def suggest(value: str, valid: Iterable[str]) -> str:
    """'valid: a, b, c' with a 'did you mean' when one is close."""
    options = sorted(valid)
    close = difflib.get_close_matches(value, options, n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return f"valid: {', '.join(options) or 'none defined'}{hint}"


def _kind(value: object) -> str:
    return {
        str: "a string",
        int: "an integer",
        float: "a number",
        bool: "true/false",
        list: "a list",
        dict: "a table",
        dt.date: "a date",
        dt.datetime: "a date-time",
        dt.time: "a time",
    }.get(type(value), type(value).__name__)


class Reader:
    """Typed, problem-collecting access to one TOML table."""

    def __init__(
        self,
        data: Mapping[str, object],
        *,
        file: str,
        path: str = "",
        problems: list[Problem] | None = None,
    ) -> None:
        self.data = data
        self.file = file
        self.path = path
        self.problems: list[Problem] = [] if problems is None else problems
        self._seen: set[str] = set()

    # -- construction -------------------------------------------------------------------
    @classmethod
    def load(cls, path: str | Path) -> Reader:
        """Read a TOML file; a syntax error becomes a DefinitionError naming the line."""
        p = Path(path)
        try:
            data = p.read_bytes()
        except OSError as exc:
            raise DefinitionError(
                [Problem(file=str(p), key="", message=exc.strerror or str(exc))]
            ) from exc
        # TOML files are UTF-8 (TOML 1.0, "Spec"); say which line is not
        return cls.loads(guards.decode_text(data, file=str(p)), file=str(p))

    @classmethod
    def loads(cls, text: str, *, file: str) -> Reader:
        """Read TOML text: a syntax error, nesting too deep, or a value out of bounds (a
        control character, a year outside the supported range, an integer past 2^63, a
        time with a UTC offset: `guards.value_problems`) is a DefinitionError."""
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise DefinitionError(
                [Problem(file=file, key="", message=f"not valid TOML: {exc}")]
            ) from exc
        except RecursionError:  # tomllib recurses per level of nesting
            message = "not a file of ours: its arrays or tables are nested too deeply"
            raise DefinitionError([Problem(file=file, key="", message=message)]) from None
        problems = guards.value_problems(data)
        if problems:
            raise DefinitionError(
                [Problem(file=file, key=where, message=message) for where, message in problems]
            )
        return cls(data, file=file)

    def key_path(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def problem(self, key: str, message: str) -> None:
        self.problems.append(Problem(file=self.file, key=self.key_path(key), message=message))

    def raise_if_problems(self) -> None:
        if self.problems:
            raise DefinitionError(self.problems)

    def __contains__(self, key: str) -> bool:
        return key in self.data

    # -- scalars ------------------------------------------------------------------------
    def raw(self, key: str) -> object:
        """The value of a key that may take several types (None when absent); marks it read."""
        self._seen.add(key)
        return self.data.get(key)

    def _get(self, key: str, types: tuple[type, ...], what: str, required: bool) -> object:
        self._seen.add(key)
        if key not in self.data:
            if required:
                self.problem(key, f"missing; expected {what}")
            return None
        value = self.data[key]
        # bool is an int subclass, and datetime a date subclass: check exactly.
        if type(value) not in types:
            self.problem(key, f"expected {what}, found {_kind(value)} {value!r}")
            return None
        return value

    def text(self, key: str, default: str | None = None, *, required: bool = False) -> str:
        value = self._get(key, (str,), "a string", required)
        return value if isinstance(value, str) else (default or "")

    def opt_text(self, key: str) -> str | None:
        value = self._get(key, (str,), "a string", False)
        return value if isinstance(value, str) else None

    def integer(
        self,
        key: str,
        default: int = 0,
        *,
        required: bool = False,
        minimum: int | None = None,
        maximum: int | None = None,
    ) -> int:
        value = self._get(key, (int,), "an integer", required)
        if not isinstance(value, int):
            return default
        if minimum is not None and value < minimum:
            self.problem(key, f"{value} is too small; expected at least {minimum}")
            return default
        if maximum is not None and value > maximum:
            self.problem(key, f"{value} is too large; expected at most {maximum}")
            return default
        return value

    def opt_integer(
        self, key: str, *, minimum: int | None = None, maximum: int | None = None
    ) -> int | None:
        if key not in self.data:
            self._seen.add(key)
            return None
        return self.integer(key, minimum=minimum, maximum=maximum, required=True)

    def number(self, key: str, default: float = 0.0, *, required: bool = False) -> float:
        value = self._get(key, (int, float), "a number", required)
        return float(value) if isinstance(value, (int, float)) else default

    def flag(self, key: str, default: bool = False) -> bool:
        value = self._get(key, (bool,), "true or false", False)
        return value if isinstance(value, bool) else default

    def date(self, key: str, *, required: bool = False) -> dt.date | None:
        value = self._get(key, (dt.date,), "a date like 2019-05-14 (unquoted)", required)
        return value if isinstance(value, dt.date) else None

    def time(
        self, key: str, default: dt.time | None = None, *, required: bool = False
    ) -> dt.time | None:
        value = self._get(key, (dt.time, str), "a time like 18:30", required)
        if isinstance(value, dt.time):
            return value
        if isinstance(value, str):
            try:
                parsed = dt.time.fromisoformat(value)
            except ValueError:
                self.problem(key, f"{value!r} is not a time; expected HH:MM like 18:30")
                return default
            offset = guards.time_offset(parsed, value)
            if offset is None:
                return parsed
            self.problem(key, offset)
        return default

    def choice(
        self, key: str, enum_type: type[E], default: E | None = None, *, required: bool = False
    ) -> E | None:
        value = self._get(key, (str,), f"one of {', '.join(m.value for m in enum_type)}", required)
        if not isinstance(value, str):
            return default
        try:
            return enum_type(value)
        except ValueError:
            self.problem(
                key, f"{value!r} is not allowed; {suggest(value, (m.value for m in enum_type))}"
            )
            return default

    def ref(self, key: str, known: Iterable[str], *, required: bool = False) -> str | None:
        """A string that must name one of `known` (a venue id, a body id…)."""
        value = self._get(key, (str,), "a string", required)
        if not isinstance(value, str):
            return None
        known = set(known)
        if value not in known:
            self.problem(key, f"unknown {value!r}; {suggest(value, known)}")
            return None
        return value

    # -- collections --------------------------------------------------------------------
    def items(self, key: str, item: Callable[[str, object], T | None], what: str) -> tuple[T, ...]:
        """A list whose items `item(key_path, value)` converts (None = already reported)."""
        value = self._get(key, (list,), f"a list of {what}", False)
        if not isinstance(value, list):
            return ()
        out: list[T] = []
        for i, raw in enumerate(value):
            converted = item(f"{key}[{i}]", raw)
            if converted is not None:
                out.append(converted)
        return tuple(out)

    def texts(self, key: str) -> tuple[str, ...]:
        def one(k: str, raw: object) -> str | None:
            if isinstance(raw, str):
                return raw
            self.problem(k, f"expected a string, found {_kind(raw)} {raw!r}")
            return None

        return self.items(key, one, "strings")

    def integers(self, key: str) -> tuple[int, ...]:
        def one(k: str, raw: object) -> int | None:
            if type(raw) is int:
                return raw
            self.problem(k, f"expected an integer, found {_kind(raw)} {raw!r}")
            return None

        return self.items(key, one, "integers")

    def dates(self, key: str) -> tuple[dt.date, ...]:
        def one(k: str, raw: object) -> dt.date | None:
            if type(raw) is dt.date:
                return raw
            self.problem(k, f"expected a date like 2019-05-14, found {_kind(raw)} {raw!r}")
            return None

        return self.items(key, one, "dates")

    def table(self, key: str, *, required: bool = False) -> Reader | None:
        value = self._get(key, (dict,), "a table", required)
        if not isinstance(value, dict):
            return None
        return Reader(value, file=self.file, path=self.key_path(key), problems=self.problems)

    def tables(self, key: str) -> tuple[Reader, ...]:
        """An array of tables ([[key]]) as readers, each with its index in the key path."""
        value = self._get(key, (list,), "an array of tables", False)
        if not isinstance(value, list):
            return ()
        out = []
        for i, raw in enumerate(value):
            k = f"{key}[{i}]"
            if isinstance(raw, dict):
                out.append(
                    Reader(raw, file=self.file, path=self.key_path(k), problems=self.problems)
                )
            else:
                self.problem(k, f"expected a table, found {_kind(raw)} {raw!r}")
        return tuple(out)

    def named_tables(self, key: str) -> dict[str, Reader]:
        """A table of tables ([key.id]) as readers keyed by id, in file order."""
        sub = self.table(key)
        if sub is None:
            return {}
        out: dict[str, Reader] = {}
        for name in sub.data:
            child = sub.table(name)
            if child is not None:
                out[name] = child
        return out

    # -- closing ------------------------------------------------------------------------
    def done(self, known: Iterable[str] = ()) -> None:
        """Report keys that were never read: unknown keys are errors, never ignored.

        `known` adds the keys the table may have but did not, for the message.
        """
        valid = self._seen | set(known)
        for key in self.data:
            if key not in valid:
                self.problem(key, f"unknown key; {suggest(key, valid)}")
