"""The meetings site in a real browser: headless Chromium (Debian's chromium and
chromium-driver, driven by selenium) loads every page of the example's site, every link inside
the site leads to a page that loads, and axe-core reports no WCAG 2.2 A or AA violation.

axe-core comes from npm (tests/browser/package.json, `npm ci --prefix tests/browser`). The
tests skip when chromium, chromedriver, selenium or axe-core is missing.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag

import pytest

from meetings import website
from meetings.definitions import load_council
from meetings.planner import plan_schedule

WORKSPACE = Path(__file__).parent.parent / "examples" / "oadby-wigston"
AXE = Path(__file__).parent / "browser" / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
# The rules of WCAG 2.0, 2.1 and 2.2 at levels A and AA (axe-core's tags).
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

pytestmark = pytest.mark.skipif(
    CHROMIUM is None
    or DRIVER is None
    or importlib.util.find_spec("selenium") is None
    or not AXE.is_file(),
    reason="needs chromium, chromedriver, selenium and axe-core (npm ci --prefix tests/browser)",
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    council = load_council(WORKSPACE / "council.toml")
    out = tmp_path_factory.mktemp("site")
    built = website.build_site(
        plan_schedule(council),
        council,
        stamp=dt.datetime(2019, 3, 1, 9, tzinfo=dt.UTC),
        workspace=WORKSPACE,
        url="https://www.oadby-wigston.gov.uk/meetings/",
    )
    website.write_site(built, out)
    return out


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from selenium import webdriver  # noqa: PLC0415 - only when the tests run
    from selenium.webdriver.chrome.service import Service  # noqa: PLC0415

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM or ""
    for argument in (
        "--headless=new",
        "--no-sandbox",  # CI runs as root
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1280,1000",
    ):
        options.add_argument(argument)
    driver = webdriver.Chrome(options=options, service=Service(DRIVER or ""))
    driver.set_script_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_page_loads_and_every_link_inside_the_site_loads_a_page(
    site: Path, browser: Any
) -> None:
    loaded: dict[str, bool] = {}
    links: set[str] = set()
    for path in pages(site):
        browser.get(path.as_uri())
        assert browser.execute_script("return document.readyState") == "complete"
        assert browser.title, path.relative_to(site)
        loaded[path.as_uri()] = True
        hrefs = browser.execute_script(
            "return Array.from(document.querySelectorAll('a[href]'), a => a.href)"
        )
        links |= {h for h in hrefs if h.startswith("file:")}
    assert len(loaded) > 60
    missing = []
    for link in sorted(links):
        target, fragment = urldefrag(link)
        if target not in loaded:
            # .ics and Atom files are downloads: they must exist; pages must have loaded
            if not Path(target.removeprefix("file://")).is_file():
                missing.append(link)
            continue
        if fragment:
            browser.get(target)
            if not browser.execute_script(
                "return !!document.getElementById(arguments[0])", fragment
            ):
                missing.append(link)
    assert missing == [], missing


def axe_violations(browser: Any, uri: str) -> list[str]:
    """axe-core's WCAG 2.2 A and AA violations on the page at `uri`, one line each."""
    browser.get(uri)
    browser.execute_script(AXE.read_text(encoding="utf-8"))
    result = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}})"
        ".then(r => done(JSON.stringify(r.violations)))"
        ".catch(e => done(JSON.stringify([{id: 'axe-error', help: String(e), nodes: []}])));",
        WCAG,
    )
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])} element(s): "
        + "; ".join(str(n.get("target", [""])[0]) for n in v["nodes"][:3])
        + ")"
        for v in json.loads(result)
    ]


def test_axe_finds_no_wcag_22_aa_violation_on_any_page(site: Path, browser: Any) -> None:
    found = {}
    for path in pages(site):
        if violations := axe_violations(browser, path.as_uri()):
            found[str(path.relative_to(site))] = violations
    assert found == {}, json.dumps(found, indent=1)


def test_axe_does_find_violations(tmp_path: Path, browser: Any) -> None:
    """The check above can fail: a page without a language, an image without words and
    grey text on white is caught."""
    bad = tmp_path / "bad.html"
    bad.write_text(
        '<!DOCTYPE html><html><head><title>x</title></head><body><img src="a.png">'
        '<p style="color:#ccc">faint</p></body></html>'
    )
    found = {line.split(":")[0] for line in axe_violations(browser, bad.as_uri())}
    assert found == {"html-has-lang", "image-alt", "color-contrast"}


def test_the_pages_print_without_the_navigation(site: Path, browser: Any) -> None:
    browser.get((site / "index.html").as_uri())
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        shown = browser.execute_script(
            "return getComputedStyle(document.querySelector('header.site nav')).display"
        )
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert shown == "none"


def test_every_page_reflows_to_a_narrow_screen(site: Path, browser: Any) -> None:
    """WCAG 2.2 1.4.10: at 320 CSS pixels wide no page scrolls sideways (a month of the
    calendar becomes a list of its days with meetings)."""
    browser.set_window_size(320, 900)
    try:
        wide = []
        for path in pages(site):
            if path.name in ("agenda.html", "minutes.html", "action-list.html"):
                continue  # the papers are print layouts, made by their own templates
            browser.get(path.as_uri())
            width = browser.execute_script(
                "return [document.documentElement.scrollWidth, window.innerWidth]"
            )
            if width[0] > width[1]:
                wide.append(f"{path.relative_to(site)}: {width[0]} > {width[1]}")
    finally:
        browser.set_window_size(1280, 1000)
    assert wide == []


def test_the_schedule_table_and_grid_pages_pass_axe_too(tmp_path: Path, browser: Any) -> None:
    """The table and the calendar grid that `meetings schedule` writes (calendar.html is
    also the source of the grid PDF)."""
    from meetings import timetable  # noqa: PLC0415

    council = load_council(WORKSPACE / "council.toml")
    written = timetable.write(
        plan_schedule(council), council, tmp_path, ["html"], dt.datetime(2019, 3, 1, tzinfo=dt.UTC)
    )
    found = {p.name: axe_violations(browser, p.as_uri()) for p in written}
    assert found == {"schedule.html": [], "calendar.html": []}
