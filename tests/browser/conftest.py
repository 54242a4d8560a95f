"""Browser tests: Playwright for Python drives the system Chromium (Debian package
`chromium`) against pytest-django's live server. They fail, never skip, when the browser
is missing.

`visit(page, url)` opens a page and checks it the way every page must pass: axe-core with
the WCAG 2.1 A/AA rules, no horizontal scrolling, and no errors in the browser console
(which is also where Content Security Policy violations appear).

`screenshot(page, name)` keeps a picture of what a test saw for a person to look at, when
the SCREENSHOTS variable names a folder (`SCREENSHOTS=test-results uv run pytest
tests/browser`); otherwise it does nothing, as a picture proves nothing by itself.
"""

import json
import os
import shutil
from pathlib import Path

import pytest
from django.db import connections
from playwright.sync_api import Page, sync_playwright

from tests.english import english_in

# Playwright's sync API runs an event loop in the test thread; the database access of the
# tests in that thread is still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

AXE_SOURCE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text()
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WIDTHS = {"desktop": 1280, "phone": 375, "narrow": 320}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_path() -> str:
    path = (
        os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    )
    if not path:
        pytest.fail(
            "Chromium not found. Install the Debian package `chromium` (apt-get install chromium) "
            "or set CHROMIUM to the browser's path. Browser tests do not skip.",
            pytrace=False,
        )
    return path


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the test process's browser tests; each test opens its own contexts.

    While Playwright's sync API is started, an asyncio event loop runs in this thread, and
    Django keeps the thread's database connections in another store then (asgiref's Local).
    A connection opened by an earlier test would stay open, out of reach, in the store no
    longer in use, and PostgreSQL could neither copy nor drop the test database: the
    connections are closed before Playwright starts and before it stops."""
    connections.close_all()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield browser
        browser.close()
        connections.close_all()


class Console:
    """Collects what the browser reports as errors while a page is open."""

    def __init__(self, page):
        self.errors = []
        page.on("console", self._on_console)
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))

    def _on_console(self, message):
        # An HTTP error status (an expected 403, 404 or 500 page) is not a script error.
        if message.type == "error" and "the server responded with a status of" not in message.text:
            self.errors.append(message.text)


@pytest.fixture
def new_page(browser):
    """`new_page(width)` opens a fresh browser tab (its own cookies) of that width."""
    contexts = []

    def make(width: int = WIDTHS["desktop"]):
        context = browser.new_context(viewport={"width": width, "height": 900}, locale="nb-NO")
        contexts.append(context)
        page = context.new_page()
        page.console = Console(page)
        return page

    yield make
    for context in contexts:
        context.close()


def axe_violations(page) -> list[dict]:
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SOURCE)  # evaluated by the DevTools protocol, not subject to CSP
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
        }
        for v in result["violations"]
    ]


# From this width on, no table may need sideways scrolling in its box; below PHONE_MAX a
# table marked `stack-on-phone` (static/css/app.css) is a stack of cards that never does.
DESKTOP_MIN = 1024
PHONE_MAX = 640
TABLES_THAT_SCROLL = """(wide) => [...document.querySelectorAll('table')]
    .filter(table => wide || table.classList.contains('stack-on-phone'))
    .map(table => {
        const box = table.closest('.table-scroll') || table.parentElement;
        return {
            table: (table.querySelector('caption')?.innerText
                || box.getAttribute('aria-label')
                || table.querySelector('th')?.innerText || '').slice(0, 60),
            overflow: Math.max(box.scrollWidth - box.clientWidth,
                               table.scrollWidth - table.clientWidth),
        };
    })
    .filter(found => found.overflow > 1)"""


def tables_that_scroll(page) -> list[dict]:
    """The tables that would need sideways scrolling at this width: every table from
    DESKTOP_MIN on, the `stack-on-phone` tables at phone widths."""
    width = page.evaluate("() => document.documentElement.clientWidth")
    if width >= DESKTOP_MIN:
        return page.evaluate(TABLES_THAT_SCROLL, True)
    if width <= PHONE_MAX:
        return page.evaluate(TABLES_THAT_SCROLL, False)
    return []


def assert_page_is_sound(page) -> None:
    """axe finds nothing, neither the page nor (at desktop width) a table scrolls sideways,
    the console is clean."""
    page.wait_for_load_state("load")
    violations = axe_violations(page)
    assert not violations, f"axe on {page.url}:\n{json.dumps(violations, indent=2)}"
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px"
    tables = tables_that_scroll(page)
    assert not tables, f"tables on {page.url} scroll sideways: {tables}"
    assert not page.console.errors, f"browser console on {page.url}: {page.console.errors}"
    if page.evaluate("() => document.documentElement.lang") == "nb":
        found = english_in(page.inner_text("body"))
        assert not found, f"English on the Norwegian page {page.url}: {found}"


def screenshot(target, name: str) -> None:
    """`name`.png in the folder SCREENSHOTS names: the whole page for a page, the element for
    a locator. Without SCREENSHOTS nothing is taken (each full-page picture costs the
    browser a fifth of a second)."""
    folder = os.environ.get("SCREENSHOTS")
    if not folder:
        return
    Path(folder).mkdir(parents=True, exist_ok=True)
    options = {"full_page": True} if isinstance(target, Page) else {}
    target.screenshot(path=Path(folder) / f"{name}.png", **options)


def log_in(page, base_url: str, email: str, password: str) -> None:
    page.goto(f"{base_url}/logg-inn/")
    page.get_by_label("E-postadresse").fill(email)
    page.get_by_label("Passord").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Logg inn").click()
