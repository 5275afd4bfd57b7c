"""The web app in headless Chromium (Debian's package, driven by Playwright).

Skipped, with the reason, when /usr/bin/chromium or the playwright package is missing;
`make test` installs both. Playwright never downloads a browser here: it launches the
system Chromium with the flags this closed network needs. Set EVENTWIRE_SCREENSHOT to a
path (docs/dyad-page.png) to keep the screenshot of the dyad page there.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from web_helpers import HOSTILE_TEXT

CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking flags Chromium keeps calling Google's hosts, which
# this network refuses; no sandbox because CI runs as root.
FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
if not CHROMIUM.exists():
    pytest.skip(
        "no /usr/bin/chromium (apt-get install chromium; `make test` tries to)",
        allow_module_level=True,
    )
pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    """The app over a small store, served by uvicorn on a free loopback port."""
    from eventwire.web.background import served
    from web_helpers import build_web_store

    path = tmp_path_factory.mktemp("browser") / "web.duckdb"
    build_web_store(path)
    with served(path) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, headless."""
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    """A fresh page that records console errors, page errors and dialogs."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    opened.problems = []  # type: ignore[attr-defined]
    opened.on("console", lambda m: m.type == "error" and opened.problems.append(m.text))
    opened.on("pageerror", lambda e: opened.problems.append(str(e)))
    opened.on("dialog", lambda d: (opened.problems.append(f"dialog: {d.message}"), d.dismiss()))
    yield opened
    context.close()


def click_last_bar(page) -> None:
    """Click the chart's last bar with the mouse, as a person would."""
    page.wait_for_selector("#chart[data-ready='1']", timeout=20_000)
    bars = page.locator("#chart g.point path")
    boxes = [b for b in (bars.nth(i).bounding_box() for i in range(bars.count())) if b]
    box = max((b for b in boxes if b["height"] > 1), key=lambda b: b["x"])
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.click(x, y)
    page.wait_for_selector("#period-events li.period-event", timeout=10_000)


def test_clicking_a_chart_point_lists_its_events(page, base_url, tmp_path) -> None:
    page.goto(f"{base_url}/dyad/USA~RUS")
    click_last_bar(page)
    assert page.locator("#period-events").get_attribute("data-period") == "2012-11"
    assert "in 2012-11" in page.locator("#period-title").inner_text()
    listed = page.locator("#period-events li.period-event")
    series = page.request.get(f"{base_url}/dyad/USA~RUS.json").json()
    assert listed.count() == series["points"][-1]["events"]
    assert page.locator("#period-events mark.event").count() >= listed.count()
    assert page.problems == []  # no script error, no refused resource
    target = Path(os.environ.get("EVENTWIRE_SCREENSHOT") or tmp_path / "dyad-page.png")
    target.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(target), full_page=True)
    assert target.stat().st_size > 20_000


def test_a_hostile_article_runs_no_script(page, base_url) -> None:
    for url in ("/document/evil", "/event/evil/1", "/search?q=alert", "/documents"):
        page.goto(base_url + url)
        page.wait_for_load_state("load")
        page.mouse.move(300, 300)
        assert page.evaluate("window.__pwned") is None, url
        assert page.locator("img, b, i, iframe").count() == 0, url
    page.goto(f"{base_url}/document/evil")
    shown = page.locator("article.text").inner_text()
    assert '<img src=x onerror="window.__pwned = 2; alert(2)">' in shown
    assert "<script>window.__pwned = 3" in shown
    assert page.title().startswith("<script>window.__pwned = 1")
    assert page.problems == []
    control = page.context.new_page()  # the control: the same text, raw, does run
    control.on("dialog", lambda d: d.dismiss())
    control.set_content(HOSTILE_TEXT)
    control.wait_for_function("window.__pwned !== undefined", timeout=5_000)
