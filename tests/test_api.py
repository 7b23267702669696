"""The public API: every name in `meetings.__all__` resolves, the names type checkers see are
the names the package exports, and deprecated names still work with a warning."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import meetings

INIT = Path(meetings.__file__)


def _type_checking_names() -> set[str]:
    tree = ast.parse(INIT.read_text(encoding="utf-8"))
    block = next(
        node
        for node in tree.body
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING"
    )
    names = {
        a.asname or a.name for n in block.body if isinstance(n, ast.ImportFrom) for a in n.names
    }
    return names | {"__version__"}


def test_every_exported_name_resolves_from_its_module() -> None:
    for name in meetings.__all__:
        assert getattr(meetings, name) is not None, name


def test_type_checkers_see_exactly_the_exported_names() -> None:
    assert _type_checking_names() == set(meetings.__all__)


def test_version_comes_from_the_installed_distribution() -> None:
    from importlib.metadata import version  # noqa: PLC0415

    assert meetings.__version__ == version("meetings")


@pytest.mark.parametrize("name", ["find_council", "folder_notice_warnings", "neighbours"])
def test_deprecated_names_still_work_with_a_warning(name: str) -> None:
    with pytest.deprecated_call(match=f"meetings.{name} is deprecated"):
        value = getattr(meetings, name)
    assert value is getattr(__import__("meetings.agenda", fromlist=[name]), name)
    assert name not in meetings.__all__


def test_unknown_names_are_attribute_errors() -> None:
    with pytest.raises(AttributeError, match="no attribute 'plan'"):
        meetings.plan  # type: ignore[attr-defined]  # noqa: B018


def test_the_calendar_layer_loads_without_the_layers_above() -> None:
    # A tool that wants only `latest_publication_date` loads only the calendar layer, and
    # a bank holiday look-up loads one country of `holidays`, not all of them.
    code = (
        "import datetime, sys, meetings\n"
        "meetings.latest_publication_date(datetime.date(2019, 3, 5))\n"
        "print(' '.join(sorted(sys.modules)))"
    )
    loaded = set(
        subprocess.run(
            [sys.executable, "-c", code], check=True, capture_output=True, text=True
        ).stdout.split()
    )
    assert "meetings.dates" in loaded
    above = {"committee", "schedule", "planner", "agenda", "ical", "render", "cli"}
    assert not {f"meetings.{m}" for m in above} & loaded
    assert not {"icalendar", "jinja2"} & loaded
    assert {m for m in loaded if m.startswith("holidays.countries")} == {
        "holidays.countries.united_kingdom"
    }
