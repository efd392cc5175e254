"""The report in a real browser: headless Chromium opens it from disk with the network off.

Run with `python -m pytest -m browser`; it skips where no Chromium is found (Debian: `apt-get
install chromium`), unless SANCTIONS_GAP_REQUIRE_BROWSER is set, as `.ci/run` sets it, where a
missing Chromium fails. Screenshots and the printed PDF are kept in SANCTIONS_GAP_ARTIFACTS
(default: build/browser/), whose path the test prints.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

import sanctions_gap
from sanctions_gap.cli import app

from .chromium import Browser, find_chromium
from .conftest import ROOT

pytestmark = pytest.mark.browser

DATES = {"2022-03-21": "2022-03-21", "today": dt.date.today().isoformat()}


@pytest.fixture(scope="module")
def artifacts(request: pytest.FixtureRequest) -> Path:
    chosen = os.environ.get("SANCTIONS_GAP_ARTIFACTS")
    where = Path(chosen) if chosen else ROOT / "build" / "browser"
    where.mkdir(parents=True, exist_ok=True)
    # Printed past pytest's capture, so that a CI log names the directory whatever the options.
    capture = request.config.pluginmanager.getplugin("capturemanager")
    reporter = request.config.pluginmanager.getplugin("terminalreporter")
    if capture is not None and reporter is not None:
        with capture.global_and_fixture_disabled():
            reporter.write_line(f"\nbrowser test artifacts (screenshots, PDF): {where.resolve()}")
    return where


@pytest.fixture(scope="module")
def reports(artifacts: Path) -> dict[str, Path]:
    """The report of JP against the G7 on each date, written to disk as a user would."""
    made = {}
    for name, date in DATES.items():
        path = artifacts / f"report-{name}.html"
        result = CliRunner().invoke(
            app, ["report", "JP", "--vs", "G7", "--as-of", date, "-o", str(path)]
        )
        assert result.exit_code == 0, result.output
        made[name] = path
    return made


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory, artifacts: Path) -> Iterator[Browser]:
    executable = find_chromium()
    if executable is None:
        reason = (
            "no Chromium found: install Debian's chromium (apt-get install chromium) or set "
            "SANCTIONS_GAP_CHROMIUM to a Chromium or Chrome executable"
        )
        if os.environ.get("SANCTIONS_GAP_REQUIRE_BROWSER"):
            pytest.fail(reason)
        pytest.skip(reason)
    started = Browser(executable, tmp_path_factory.mktemp("profile"), artifacts / "chromium.log")
    try:
        yield started
    finally:
        started.close()


VISIBLE = """(() => {
  const box = (selector) => {
    const element = document.querySelector(selector);
    if (!element) return null;
    const r = element.getBoundingClientRect();
    const s = getComputedStyle(element);
    return {width: r.width, height: r.height, visible: s.visibility === "visible"
            && s.display !== "none" && Number(s.opacity) > 0};
  };
  const cells = document.querySelectorAll("table.heat td[tabindex]");
  const path = document.querySelector("figure.chart svg path.s0");
  return {heat: box("table.heat"), chart: box("figure.chart svg"), cells: cells.length,
          line: path ? path.getTotalLength() : 0,
          background: getComputedStyle(document.body).backgroundColor};
})()"""

FOCUS = """(() => {
  const cell = document.querySelector("table.heat tr.own td.gap");
  cell.focus();
  const tip = cell.querySelector(".tip").getBoundingClientRect();
  return {focused: document.activeElement === cell, width: tip.width, height: tip.height,
          text: cell.querySelector(".tip").innerText};
})()"""


@pytest.mark.parametrize("name", list(DATES))
def test_the_report_reads_in_a_browser(
    name: str, browser: Browser, reports: dict[str, Path], artifacts: Path
) -> None:
    started = time.monotonic()
    browser.events.clear()
    browser.media("", "light")
    browser.open(reports[name].resolve().as_uri())
    assert browser.problems() == []
    seen = browser.evaluate(VISIBLE)
    assert seen["heat"]["visible"] and seen["heat"]["width"] > 600 and seen["heat"]["height"] > 150
    assert seen["chart"]["visible"] and seen["chart"]["width"] > 600
    assert seen["chart"]["height"] > 200
    categories = len(sanctions_gap.load_dataset().categories)
    assert seen["cells"] == 7 * categories  # the G7 x the categories, each reachable with Tab
    assert seen["line"] > 100  # the member's line is drawn
    assert seen["background"] == "rgb(255, 255, 255)"
    browser.screenshot(artifacts / f"report-{name}-light.png")
    browser.screenshot(artifacts / f"report-{name}-light-top.png", full=False, height=1250)
    # A cell explains itself on keyboard focus, not only on hover.
    focus = browser.evaluate(FOCUS)
    assert focus["focused"] and focus["width"] > 100 and focus["height"] > 30
    assert "Gap:" in focus["text"] and "Level:" in focus["text"]
    browser.screenshot(artifacts / f"report-{name}-focus.png", full=False, height=1250)
    browser.evaluate("document.activeElement.blur()")
    # Dark mode: the page's own dark style sheet applies.
    browser.media("", "dark")
    assert browser.evaluate(VISIBLE)["background"] == "rgb(13, 17, 23)"
    browser.screenshot(artifacts / f"report-{name}-dark.png")
    browser.screenshot(artifacts / f"report-{name}-dark-top.png", full=False, height=1250)
    # Print: A4, light whatever the screen's scheme, the heat map's fills kept.
    browser.media("print", "dark")
    assert browser.evaluate(VISIBLE)["background"] == "rgb(255, 255, 255)"
    pdf = browser.pdf(artifacts / f"report-{name}.pdf")
    assert pdf.startswith(b"%PDF-")
    assert pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages") >= 3
    assert re.search(rb"/MediaBox \[0 0 59[45][.\d]* 84[12][.\d]*\]", pdf)  # A4, in points
    browser.media("", "light")
    assert browser.problems() == []
    elapsed = time.monotonic() - started
    assert elapsed < 30, f"the browser took {elapsed:.1f} s"


def test_the_browser_catches_a_request_and_a_console_error(
    browser: Browser, tmp_path: Path
) -> None:
    # The checks above must be able to fail: a page that fetches and logs an error is caught.
    page = tmp_path / "bad.html"
    page.write_text(
        '<!DOCTYPE html><html lang="en"><head><title>bad</title></head><body>'
        '<img src="https://example.org/x.png" alt="">'
        '<script>console.error("boom")</script></body></html>',
        encoding="utf-8",
    )
    browser.events.clear()
    browser.open(page.as_uri())
    found = "\n".join(browser.problems())
    assert "request off the disk: https://example.org/x.png" in found
    assert "console error" in found and "boom" in found
    browser.events.clear()
