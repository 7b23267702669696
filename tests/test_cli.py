"""The command's contract: exit statuses, --version, and the examples its help shows."""

import argparse
import importlib.util
import shlex
import shutil
from pathlib import Path

import pytest

from meetings import __version__
from meetings.cli import _parser, main

ROOT = Path(__file__).resolve().parent.parent


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert __version__ in capsys.readouterr().out


def test_no_command_is_usage_error() -> None:
    assert main([]) == 2


def test_every_example_in_the_help_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    if importlib.util.find_spec("weasyprint") is None:
        pytest.skip("the pdf extra is not installed")
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    (sub,) = [a for a in _parser()._actions if isinstance(a, argparse._SubParsersAction)]
    commands: dict[str, argparse.ArgumentParser] = sub.choices
    examples = {
        name: [shlex.split(line)[1:] for line in (p.epilog or "").splitlines()[1:]]
        for name, p in commands.items()
    }
    assert set(examples) == set(commands)  # every command shows at least one
    assert all(examples.values())
    # planning writes what check reads, and minutes raise the actions an action list shows
    order = ["validate", "deadlines", "schedule", "check", "minutes", "actions", "import", "agenda"]
    for name in [*order, *sorted(set(commands) - set(order))]:
        for argv in examples[name]:
            # publish needs a CalDAV server: tests/test_publication.py runs its example
            assert name == "publish" or main(argv) == 0, " ".join(argv)
    assert "17. - Introduction of Paperless Committee Meetings" in capsys.readouterr().out
