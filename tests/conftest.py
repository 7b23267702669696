"""Shared test settings.

Property tests (hypothesis) are reproducible in CI: with CI set (.ci/run runs with CI=true)
the "ci" profile derives every example from the test itself (derandomize) and keeps no
example database, so a clean checkout runs the same examples every time and never flakes.
Elsewhere the "dev" profile searches afresh each run and remembers failures in
.hypothesis/ (ignored by git). HYPOTHESIS_PROFILE=ci chooses the CI profile by hand.
"""

from __future__ import annotations

import os

from hypothesis import settings

# deadline=None: a loaded CI machine must not fail a test for being slow
settings.register_profile("ci", derandomize=True, database=None, deadline=None, print_blob=True)
settings.register_profile("dev")
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
)
