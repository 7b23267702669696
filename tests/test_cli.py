"""The command's contract: exit statuses and --version."""

import pytest

from meetings import __version__
from meetings.cli import main


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert __version__ in capsys.readouterr().out


def test_no_command_is_usage_error() -> None:
    assert main([]) == 2
