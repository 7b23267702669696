"""The one adapter over LibreOffice (a program, not a Python package): Word papers to PDF.

Reports are often written in Word. The pack binds PDF only, so a `.docx` paper is converted
with LibreOffice in headless mode (`soffice --convert-to pdf`), in a private profile folder
so that a LibreOffice the user has open is not disturbed. Without LibreOffice the conversion
is refused with a message naming the paper and what to install.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from meetings.errors import MeetingsError

PROGRAMS = ("soffice", "libreoffice")
# A long report converts in seconds; a hung conversion must not hang the pack.
TIMEOUT_SECONDS = 300


def find_office(search_path: str | None = None) -> str | None:
    """The LibreOffice program on `search_path` (default: PATH), or None."""
    for name in PROGRAMS:
        found = shutil.which(name, path=search_path)
        if found is not None:
            return found
    return None


def docx_to_pdf(paper: Path, *, search_path: str | None = None) -> bytes:
    """The PDF of a Word paper, converted by LibreOffice; MeetingsError naming the paper when
    LibreOffice is not installed or the conversion fails."""
    program = find_office(search_path)
    if program is None:
        raise MeetingsError(
            f"{paper}: a Word paper is converted to PDF for the pack with LibreOffice, which is "
            "not installed: install it (Debian/Ubuntu: apt install libreoffice-writer; others: "
            "https://www.libreoffice.org/download/) or save the paper as PDF and name the .pdf "
            "in the meeting file"
        )
    with tempfile.TemporaryDirectory(prefix="meetings-office-") as folder:
        work = Path(folder)
        command = [
            program,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            str(paper.resolve()),
        ]
        try:
            done = subprocess.run(
                command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False
            )
        except subprocess.TimeoutExpired as exc:
            raise MeetingsError(
                f"{paper}: LibreOffice did not finish converting it in {TIMEOUT_SECONDS} s"
            ) from exc
        out = work / f"{paper.stem}.pdf"
        if done.returncode != 0 or not out.is_file():
            detail = (done.stderr or done.stdout).strip().splitlines()
            why = detail[-1] if detail else f"exit status {done.returncode}"
            raise MeetingsError(f"{paper}: LibreOffice could not convert it to PDF ({why})")
        return out.read_bytes()
