"""Shared test settings.

Property tests (hypothesis) are reproducible in CI: with CI set (.ci/run runs with CI=true)
the "ci" profile derives every example from the test itself (derandomize) and keeps no
example database, so a clean checkout runs the same examples every time and never flakes.
Elsewhere the "dev" profile searches afresh each run and remembers failures in
.hypothesis/ (ignored by git). HYPOTHESIS_PROFILE=ci chooses the CI profile by hand.
"""

from __future__ import annotations

import importlib.util
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

# deadline=None: a loaded CI machine must not fail a test for being slow
settings.register_profile("ci", derandomize=True, database=None, deadline=None, print_blob=True)
settings.register_profile("dev")
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture
def radicale(tmp_path: Path) -> Iterator[str]:
    """A Radicale CalDAV server on a free loopback port with its storage in `tmp_path`, its
    base URL; stopped after the test. One user, democratic-services, password "x" (Basic
    authentication, as a council's server would ask for). Skips the test when Radicale is not
    installed or does not start."""
    if importlib.util.find_spec("radicale") is None:
        pytest.skip("radicale is not installed")
    port = _free_port()
    config = tmp_path / "radicale.conf"
    users = tmp_path / "users"
    users.write_text("democratic-services:x\n", encoding="utf-8")
    config.write_text(
        f"[server]\nhosts = 127.0.0.1:{port}\n"
        f"[auth]\ntype = htpasswd\nhtpasswd_filename = {users}\nhtpasswd_encryption = plain\n"
        "[rights]\ntype = authenticated\n"
        f"[storage]\nfilesystem_folder = {tmp_path / 'collections'}\n"
        "[web]\ntype = none\n",
        encoding="utf-8",
    )
    log = (tmp_path / "radicale.log").open("wb")
    server = subprocess.Popen(
        [sys.executable, "-m", "radicale", "--config", str(config)], stdout=log, stderr=log
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(url, timeout=1)
                break
            except urllib.error.HTTPError:
                break  # it answers
            except OSError:
                if server.poll() is not None:
                    pytest.skip(
                        f"Radicale did not start: {(tmp_path / 'radicale.log').read_text()}"
                    )
                time.sleep(0.1)
        else:
            pytest.skip("Radicale did not answer within 10 s")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()
