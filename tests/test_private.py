"""The TOML reader every definition file goes through: every problem, with file and key."""

import datetime as dt
import enum
from pathlib import Path

import pytest

from meetings._private import Reader, suggest
from meetings.errors import DefinitionError


class Colour(enum.StrEnum):
    RED = "red"
    GREEN = "green"


def test_reports_every_problem_at_once() -> None:
    r = Reader(
        {"name": 3, "day": "2019-03-05", "colour": "gren", "venue": "chamber", "extra": 1},
        file="council.toml",
    )
    assert r.text("name", required=True) == ""
    assert r.date("day") is None
    assert r.choice("colour", Colour) is None
    assert r.ref("venue", ["council-offices", "civic-centre"]) is None
    assert r.text("missing", required=True) == ""
    r.done()
    with pytest.raises(DefinitionError) as info:
        r.raise_if_problems()
    lines = str(info.value).splitlines()
    assert lines == [
        "council.toml: name: expected a string, found an integer 3",
        "council.toml: day: expected a date like 2019-05-14 (unquoted), found a string "
        "'2019-03-05'",
        "council.toml: colour: 'gren' is not allowed; valid: green, red (did you mean 'green'?)",
        "council.toml: venue: unknown 'chamber'; valid: civic-centre, council-offices",
        "council.toml: missing: missing; expected a string",
        "council.toml: extra: unknown key; valid: colour, day, missing, name, venue",
    ]
    assert len(info.value.problems) == 6


def test_nested_key_paths() -> None:
    r = Reader({"bodies": {"cm": {"quorum": True}}, "items": [{"title": 1}, 2]}, file="f.toml")
    bodies = r.named_tables("bodies")
    assert bodies["cm"].integer("quorum") == 0
    items = r.tables("items")
    assert items[0].text("title") == ""
    assert [p.key for p in r.problems] == ["bodies.cm.quorum", "items[1]", "items[0].title"]


def test_values_read_when_right() -> None:
    r = Reader(
        {
            "day": dt.date(2019, 3, 5),
            "start": "18:30",
            "n": 8,
            "flag": True,
            "days": [dt.date(2019, 12, 24)],
            "colour": "red",
        },
        file="f.toml",
    )
    assert r.date("day") == dt.date(2019, 3, 5)
    assert r.time("start") == dt.time(18, 30)
    assert r.integer("n", minimum=1) == 8
    assert r.flag("flag") is True
    assert r.dates("days") == (dt.date(2019, 12, 24),)
    assert r.choice("colour", Colour) is Colour.RED
    r.done()
    assert r.problems == []


def test_minimum_and_bad_time() -> None:
    r = Reader({"n": -1, "start": "half six"}, file="f.toml")
    assert r.integer("n", default=3, minimum=0) == 3
    assert r.time("start") is None
    assert [p.message for p in r.problems] == [
        "-1 is too small; expected at least 0",
        "'half six' is not a time; expected HH:MM like 18:30",
    ]


def test_toml_syntax_error_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "council.toml"
    path.write_text('schema = 1\nname = "Oadby\n', encoding="utf-8")
    with pytest.raises(DefinitionError, match=r"council.toml: not valid TOML: .*line 2"):
        Reader.load(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DefinitionError, match="No such file"):
        Reader.load(tmp_path / "nope.toml")


def test_suggest_without_options() -> None:
    assert suggest("x", []) == "valid: none defined"
