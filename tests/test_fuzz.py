"""Property tests: random bytes, and random but valid-looking files, fed to every loader.

Whatever comes in, only our own errors come out (`MeetingsError` and its subclasses, which
the command prints as one line with exit status 1): never a traceback from the standard
library or a dependency. The valid-looking files are the example's, with values replaced
by values of any type (huge and negative numbers, control characters, far dates, times with
offsets, nested lists and tables), keys deleted and keys added. Derandomised, so every run
tries the same inputs (CI and a developer see the same failures).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import math
import tempfile
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meetings import agenda, minutes, timetable
from meetings.cli import main
from meetings.definitions import load_council, loads_council
from meetings.errors import MeetingsError
from meetings.ics import parse_ics, read_feed
from meetings.planner import plan_schedule
from meetings.register import parse_export

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "oadby-wigston"
COUNCIL_DATA = tomllib.loads((EXAMPLE / "council.toml").read_text(encoding="utf-8"))
HELD = EXAMPLE / "meetings" / "2019-01-15-change-management.toml"
HELD_DATA = tomllib.loads(HELD.read_text(encoding="utf-8"))
COUNCIL = load_council(EXAMPLE / "council.toml")

FUZZ = settings(
    derandomize=True,
    deadline=None,
    max_examples=60,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
)


def only_our_errors(call: Callable[[], object]) -> None:
    """Run `call`: a MeetingsError is a fine answer, any other exception fails the test."""
    with contextlib.suppress(MeetingsError):
        call()


# -- random bytes -----------------------------------------------------------------------------

BYTES = st.one_of(
    st.binary(max_size=400),
    st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.sampled_from(
        [b"\xef\xbb\xbf", b"\xff\xfe", b"BEGIN:VCALENDAR\r\n", b"{", b"[[x]]\n"]
    ).flatmap(lambda head: st.binary(max_size=200).map(lambda tail: head + tail)),
)


@FUZZ
@given(BYTES)
def test_random_bytes_as_any_file(tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    for name in ("council.toml", "schedule.json", "schedule.csv", "schedule.ics"):
        (folder / name).write_bytes(data)
    meeting = folder / "meetings" / "2019-01-15-change-management.toml"
    meeting.parent.mkdir()
    meeting.write_bytes(data)
    only_our_errors(lambda: load_council(folder / "council.toml"))
    only_our_errors(lambda: agenda.load_meeting(meeting, COUNCIL))
    only_our_errors(lambda: minutes.load_minutes(meeting, COUNCIL))
    for name in ("schedule.json", "schedule.csv", "schedule.ics"):
        only_our_errors(lambda n=name: timetable.load_schedule(folder / n, COUNCIL))  # type: ignore[misc]
    only_our_errors(lambda: read_feed(data, file="feed.ics"))
    only_our_errors(lambda: parse_ics(data, where="calendar.ics"))
    text = data.decode("utf-8", "replace")
    only_our_errors(lambda: parse_export(text, source="export.json"))
    only_our_errors(lambda: loads_council(text))


# -- valid-looking files ------------------------------------------------------------------------

SCALARS = st.one_of(
    st.integers(),
    st.integers(-3, 400),
    st.sampled_from([0, -1, 2**63, 2**64, 10**30, -(10**30)]),
    st.floats(),
    st.booleans(),
    st.text(max_size=20),
    st.sampled_from(["", " ", "\x00", "18:30", "25:00", "18:30+05:00", "1/0", "england", "TBC"]),
    st.dates(),
    st.datetimes(timezones=st.none() | st.timezones()),
    st.times(timezones=st.none() | st.just(dt.UTC)),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


def paths(data: object, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every key path into a parsed file."""
    out = [prefix] if prefix else []
    if isinstance(data, dict):
        for key, value in data.items():
            out += paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            out += paths(value, (*prefix, index))
    return out


@st.composite
def mutated(draw: st.DrawFn, base: dict[str, Any]) -> dict[str, Any]:
    """`base` with a few values replaced, keys deleted or keys added."""
    data = tomllib.loads(dump_toml(base))  # a deep copy
    known = paths(data)
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(known))
        parent: Any = data
        try:
            for key in path[:-1]:
                parent = parent[key]
            action = draw(st.sampled_from(["replace", "replace", "delete", "add"]))
            if action == "replace":
                parent[path[-1]] = draw(VALUES)
            elif action == "delete" and isinstance(parent, dict):
                del parent[path[-1]]
            elif isinstance(parent, dict):
                parent[draw(st.text(min_size=1, max_size=8))] = draw(VALUES)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change removed this path
    return data


def dump_toml(data: dict[str, Any]) -> str:
    """Any parsed-TOML-like tree as TOML text (every table inline)."""
    return "".join(f"{_key(k)} = {_value(v)}\n" for k, v in data.items())


def _key(key: object) -> str:
    return _string(str(key))


def _string(text: str) -> str:
    out = []
    for char in text:
        if char in '"\\' or not (" " <= char <= "~"):
            out.append(f"\\U{ord(char):08X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(value)


def _toml_or_skip(data: dict[str, Any]) -> str:
    text = dump_toml(data)
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError:  # e.g. a time with an offset has no TOML form
        return text  # still a fine input: a syntax error is ours to report
    return text


@FUZZ
@given(mutated(COUNCIL_DATA))
def test_any_valid_looking_council_file(
    tmp_path_factory: pytest.TempPathFactory, data: dict[str, Any]
) -> None:
    path = tmp_path_factory.mktemp("council") / "council.toml"
    path.write_text(_toml_or_skip(data), encoding="utf-8")
    try:
        council = load_council(path)
    except MeetingsError:
        return
    only_our_errors(lambda: plan_schedule(council))


@FUZZ
@given(mutated(HELD_DATA))
def test_any_valid_looking_meeting_file(
    tmp_path_factory: pytest.TempPathFactory, data: dict[str, Any]
) -> None:
    folder = tmp_path_factory.mktemp("meeting") / "meetings"
    folder.mkdir()
    path = folder / HELD.name
    path.write_text(_toml_or_skip(data), encoding="utf-8")
    only_our_errors(lambda: agenda.agenda_for(path, COUNCIL))
    only_our_errors(lambda: minutes.load_minutes(path, COUNCIL))


PLAN = EXAMPLE / "forward-plan.toml"
PLAN_DATA = tomllib.loads(PLAN.read_text(encoding="utf-8"))


@FUZZ
@given(mutated(PLAN_DATA))
def test_any_valid_looking_forward_plan(
    tmp_path_factory: pytest.TempPathFactory, data: dict[str, Any]
) -> None:
    from meetings.forwardplan import load_forward_plan  # noqa: PLC0415

    path = tmp_path_factory.mktemp("plan") / "forward-plan.toml"
    path.write_text(_toml_or_skip(data), encoding="utf-8")
    only_our_errors(lambda: load_forward_plan(path))


def _planned_json() -> dict[str, Any]:
    from meetings.schedule import schedule_json  # noqa: PLC0415

    data: dict[str, Any] = json.loads(schedule_json(plan_schedule(COUNCIL)))
    data["meetings"] = data["meetings"][:6]  # a few meetings keep each example quick
    return data


def _exported_json() -> dict[str, Any]:
    from meetings.minutes import load_minutes, record_actions  # noqa: PLC0415
    from meetings.register import Register  # noqa: PLC0415

    with tempfile.TemporaryDirectory() as folder, Register(Path(folder) / "r.sqlite") as reg:
        record_actions(load_minutes(HELD, COUNCIL), reg)
        data: dict[str, Any] = json.loads(reg.export_json())
    return data


SCHEDULE_DATA = _planned_json()
EXPORT_DATA = _exported_json()


@st.composite
def mutated_json(draw: st.DrawFn, base: dict[str, Any]) -> dict[str, Any]:
    """`base` (JSON) with values replaced, deleted or added, as JSON can hold them."""
    data: dict[str, Any] = json.loads(json.dumps(base))
    known = paths(data)
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(known))
        parent: Any = data
        try:
            for key in path[:-1]:
                parent = parent[key]
            value = draw(JSON_VALUES)
            if draw(st.booleans()) or not isinstance(parent, dict):
                parent[path[-1]] = value
            else:
                del parent[path[-1]]
        except (KeyError, IndexError, TypeError):
            continue
    return data


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.sampled_from([2**63, -1, 0, 10**30])
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20)
    | st.sampled_from(["2019-06-04T19:00:00+01:00", "2019-06-04T19:00:00", "0001-01-01", ""]),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)


@FUZZ
@given(mutated_json(SCHEDULE_DATA))
def test_any_valid_looking_schedule_json(
    tmp_path_factory: pytest.TempPathFactory, data: dict[str, Any]
) -> None:
    from meetings.check import check_schedule  # noqa: PLC0415

    path = tmp_path_factory.mktemp("schedule") / "schedule.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    try:
        schedule = timetable.load_schedule(path, COUNCIL)
    except MeetingsError:
        return
    only_our_errors(lambda: check_schedule(schedule, COUNCIL))


@FUZZ
@given(mutated_json(EXPORT_DATA))
def test_any_valid_looking_register_export(
    tmp_path_factory: pytest.TempPathFactory, data: dict[str, Any]
) -> None:
    from meetings.register import Register  # noqa: PLC0415

    try:
        actions = parse_export(json.dumps(data), source="export.json")
    except MeetingsError:
        return
    with Register(tmp_path_factory.mktemp("register") / "r.sqlite") as register:
        only_our_errors(lambda: register.load_actions(actions))
        only_our_errors(register.export_json)


# -- the command line -------------------------------------------------------------------------

ARGS = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "deadlines",
                "--meeting",
                "--poll",
                "--year",
                "--purdah-start",
                "--mourning",
                "--nation",
                "--format",
                "json",
                "md",
                "2019-03-05",
                "0",
                "-1",
                "99999",
                "\x00",
            ]
        ),
        st.text(max_size=12),
        st.dates().map(str),
        st.integers().map(str),
    ),
    max_size=6,
)


@FUZZ
@given(args=ARGS)
def test_any_arguments_to_deadlines(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["deadlines", *args])
    err = capsys.readouterr().err
    assert status in (0, 1, 2)
    assert "Traceback" not in err
