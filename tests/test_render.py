"""The Jinja2 adapter: filters derive dates, errors name the template, the sandbox holds."""

import datetime as dt
from pathlib import Path

import pytest

from meetings.errors import RenderError
from meetings.render import clock, css_string, md_text, month_year, render
from meetings.text import long_date, plain_date


def test_filters_derive_weekday_and_forms() -> None:
    # The seed action list printed "Monday, 15 January 2018" for Tuesday 15 January 2019.
    assert long_date(dt.date(2019, 1, 15)) == "Tuesday, 15 January 2019"
    assert plain_date(dt.date(2019, 2, 25)) == "25 February 2019"
    assert clock(dt.time(18, 30)) == "6.30 PM"
    assert clock(dt.time(0, 5)) == "12.05 AM"
    assert clock(dt.time(12, 0)) == "12.00 PM"
    assert month_year(dt.date(2019, 3, 31)) == "Mar-19"


def _write(folder: Path, name: str, text: str) -> Path:
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_user_folder_template_and_escaping(tmp_path: Path) -> None:
    _write(tmp_path, "hello.html", "<p>{{ title }} on {{ day | long_date }}</p>")
    out = render(
        "hello.html", {"title": "<b>Budget</b>", "day": dt.date(2019, 3, 5)}, template_dir=tmp_path
    )
    assert out == "<p>&lt;b&gt;Budget&lt;/b&gt; on Tuesday, 5 March 2019</p>"


def test_missing_field_fails_loudly_with_line(tmp_path: Path) -> None:
    _write(tmp_path, "t.txt", "line one\n{{ meeting.titel }}\n")
    with pytest.raises(RenderError, match=r"template t.txt, line 2: .*'titel'"):
        render("t.txt", {"meeting": {"title": "x"}}, template_dir=tmp_path)


def test_syntax_error_names_template_and_line(tmp_path: Path) -> None:
    _write(tmp_path, "t.txt", "ok\n{% for x in items %}\n{{ x }\n")
    with pytest.raises(RenderError, match=r"template t.txt, line 3"):
        render("t.txt", {"items": []}, template_dir=tmp_path)


def test_unknown_template() -> None:
    with pytest.raises(RenderError, match=r"no template 'nope\.html'"):
        render("nope.html", {})


def test_sandbox_blocks_python_internals(tmp_path: Path) -> None:
    _write(tmp_path, "evil.txt", "{{ ''.__class__.__mro__[1].__subclasses__() }}")
    with pytest.raises(RenderError, match="not allowed"):
        render("evil.txt", {}, template_dir=tmp_path)


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("ok\n{{ title + 1 }}\n", "TypeError: can only concatenate str"),
        ("ok\n\n{{ range(10**7) | list }}\n", "stopped: range() of 10000000 items"),
        ("ok\n{% include 'loop.txt' %}\n", "includes or calls itself without end"),
        ("ok\n{{ title | long_date }}\n", "ValueError"),
    ],
    ids=["type", "overflow", "recursion", "filter"],
)
def test_any_template_failure_names_template_and_line(tmp_path: Path, text: str, why: str) -> None:
    _write(tmp_path, "loop.txt", text)
    with pytest.raises(RenderError, match=r"template loop.txt, line \d+: ") as caught:
        render("loop.txt", {"title": "Budget"}, template_dir=tmp_path)
    assert why in str(caught.value)


def test_an_included_template_is_named_by_its_file(tmp_path: Path) -> None:
    _write(tmp_path, "outer.txt", "{% include 'inner.txt' %}")
    _write(tmp_path, "inner.txt", "one\n{{ 1 / 0 }}\n")
    with pytest.raises(RenderError, match=r"inner.txt, line 2: ZeroDivisionError"):
        render("outer.txt", {}, template_dir=tmp_path)


def test_markdown_and_css_escaping() -> None:
    assert md_text("~~not struck~~ *x* | y") == r"\~\~not struck\~\~ \*x\* \| y"
    assert str(css_string('Policy & "Finance" </style>')) == (
        r'"Policy \26  \22 Finance\22  \3c /style\3e "'
    )
