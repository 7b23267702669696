"""The import, decisions, attendance, declarations and forward-plan commands."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from meetings.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "oadby-wigston"
HELD = EXAMPLE / "meetings" / "2019-01-15-change-management.toml"
YEAR = ROOT / "tests" / "data" / "registers"


def test_import_twice_then_list(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    reg = str(tmp_path / "r.sqlite")
    assert main(["import", str(HELD), "--register", reg]) == 0
    out = capsys.readouterr().out
    assert "2 action(s) added (0 already there), 7 decision(s) added" in out
    assert "9 attendance record(s) added, no declarations" in out
    assert main(["import", str(HELD), "--register", reg]) == 0
    out = capsys.readouterr().out
    assert "0 action(s) added (2 already there), 7 decision(s) unchanged" in out
    # `meetings actions import` still works on the same file, and finds nothing new.
    assert main(["actions", "import", str(HELD), "--register", reg]) == 0
    assert "0 action(s) added, 2 already in" in capsys.readouterr().out

    assert main(["decisions", "--register", reg, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [d["minute"] for d in data["decisions"]] == [13, 14, 16, 17, 18, 19, 20]
    out_file = tmp_path / "decisions.csv"
    assert main(["decisions", "--register", reg, "-o", str(out_file), "--from", "2019-02-01"]) == 0
    assert out_file.read_bytes() == (
        b"key,date,body,body_name,minute,index,title,wording,outcome,decision_maker,executive,"
        b"key_decision,forward_plan,route,exempt,published,call_in_deadline,implement_from\r\n"
    )
    assert main(["decisions", "--register", reg, "--format", "md", "--key"]) == 0
    assert "| No decisions match. |" in capsys.readouterr().out

    assert main(["attendance", "--register", reg, "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert {r["member"]: r["substitute"] for r in rows}["J Kaufman"] == "1"
    html = tmp_path / "attendance.html"
    assert main(["attendance", "--register", reg, "-o", str(html)]) == 0
    assert "Present as substitute for M L Darr" in html.read_text(encoding="utf-8")
    assert main(["declarations", "--register", reg, "--format", "md"]) == 0
    assert "No interests were declared." in capsys.readouterr().out


def test_registers_report_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = str(tmp_path / "none.sqlite")
    assert main(["decisions", "--register", missing]) == 1
    assert "no action register here" in capsys.readouterr().err
    reg = str(tmp_path / "r.sqlite")
    assert main(["import", str(HELD), "--register", reg]) == 0
    assert main(["decisions", "--register", reg, "-o", str(tmp_path / "x.pdf")]) == 2
    assert "unknown format '.pdf'" in capsys.readouterr().err
    assert main(["decisions", "--register", reg, "--from", "15/01/2019"]) == 2


def test_import_uses_the_workspace_forward_plan(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reg = str(tmp_path / "r.sqlite")
    council = str(YEAR / "council.toml")
    for name in ("2019-05-21-finance-portfolio-holder", "2019-10-15-finance-portfolio-holder"):
        meeting = str(YEAR / "meetings" / f"{name}.toml")
        assert main(["import", meeting, "--register", reg, "--council", council]) == 0
    capsys.readouterr()
    argv = ["decisions", "--register", reg, "--council", council, "--format", "json"]
    assert main([*argv, "--open-to-call-in", "--today", "2019-05-31"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["council"] == "Testshire District Council"
    assert [(d["forward_plan"], d["route"], d["call_in_deadline"]) for d in data["decisions"]] == [
        ("FP-1", "forward-plan", "2019-05-31"),
        (None, None, "2019-05-31"),
    ]


def test_forward_plan_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan = str(EXAMPLE / "forward-plan.toml")
    assert main(["forward-plan", plan, "--format", "md"]) == 0
    out = capsys.readouterr().out
    assert "**Oadby and Wigston Borough Council**" in out
    assert "Draft Member Induction Programme (2019/20)" in out
    html = tmp_path / "fp.html"
    assert main(["forward-plan", plan, "-o", str(html)]) == 0
    assert "Notice of Decisions to be Taken" in html.read_text(encoding="utf-8")
    assert capsys.readouterr().out == f"wrote {html}\n"
    # A key decision published too late, with no exception: output written, exit status 1.
    late = tmp_path / "late.toml"
    late.write_text(
        (YEAR / "forward-plan.toml")
        .read_text(encoding="utf-8")
        .replace('ref = "FP-1"', 'ref = "FP-1"\nfirst_published = 2019-05-01'),
        encoding="utf-8",
    )
    assert main(["forward-plan", str(late), "--format", "json"]) == 1
    captured = capsys.readouterr()
    assert json.loads(captured.out)["decisions"][0]["route"] == "none"
    assert "FP-1: SI 2012/2089 reg 9: key decision on 2019-05-21" in captured.err
    assert main(["forward-plan", str(late), "--schedule", "s.json"]) == 1
    assert "give the council file" in capsys.readouterr().err


def test_import_a_year_in_one_transaction(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reg = tmp_path / "r.sqlite"
    files = sorted(str(p) for p in (YEAR / "meetings").glob("*.toml"))
    council = str(YEAR / "council.toml")
    # A bad file among them: nothing is recorded, not even the good ones before it.
    bad = tmp_path / "2019-12-03-audit.toml"
    bad.write_text("[minutes]\npresent = 3\n", encoding="utf-8")
    assert main(["import", *files, str(bad), "--register", str(reg), "--council", council]) == 1
    assert "present: expected" in capsys.readouterr().err
    assert not reg.exists()
    assert main(["import", *files, "--register", str(reg), "--council", council]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 7
    assert out[0].startswith("Finance Portfolio Holder's Meeting, 2019-05-21: 0 action(s)")
    assert out[-1] == f"recorded in {reg}"
    assert main(["declarations", "--register", str(reg), "--format", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["declarations"]) == 4


GOLDEN = ROOT / "tests" / "golden" / "registers"


@pytest.mark.parametrize(
    ("name", "argv"),
    [
        ("forward-plan.md", ["forward-plan", str(EXAMPLE / "forward-plan.toml")]),
        ("forward-plan.html", ["forward-plan", str(EXAMPLE / "forward-plan.toml")]),
        (
            "forward-plan-test.md",
            [
                "forward-plan",
                str(YEAR / "forward-plan.toml"),
                "--council",
                str(YEAR / "council.toml"),
            ],
        ),
        ("decisions.md", ["decisions"]),
        ("decisions.html", ["decisions"]),
        ("attendance.md", ["attendance"]),
        ("attendance.html", ["attendance"]),
        ("declarations.html", ["declarations"]),
    ],
)
def test_registers_golden(
    name: str, argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The published forms of the bundled example (rewritten with MEETINGS_REGEN_GOLDEN=1)."""
    import os  # noqa: PLC0415

    reg = str(tmp_path / "r.sqlite")
    assert main(["import", str(HELD), "--register", reg]) == 0
    options = [] if "--council" in argv else ["--council", str(EXAMPLE / "council.toml")]
    if argv[0] != "forward-plan":
        options += ["--register", reg]
    out = tmp_path / name
    assert main([*argv, *options, "-o", str(out)]) == 0
    capsys.readouterr()
    path = GOLDEN / name
    if os.environ.get("MEETINGS_REGEN_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(out.read_bytes())
    assert out.read_text(encoding="utf-8") == path.read_text(encoding="utf-8"), name
