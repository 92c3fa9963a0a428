"""Playwright (sync API) driving Debian's Chromium against pytest-django's live server.

One browser per module, a fresh context (cookies, localStorage) per test. Playwright never
downloads a browser here: without /usr/bin/chromium the tests are skipped, or fail when
JUMELAGE_REQUIRE_BROWSER=1 (CI). Set JUMELAGE_SCREENSHOTS to a folder to keep a screenshot
of each step for people to look at.
"""

import os
import re
from itertools import count
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
TIMEOUT_MS = 10_000


def _unavailable(reason):
    if os.environ.get("JUMELAGE_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (JUMELAGE_REQUIRE_BROWSER=1, so the browser tests must run)")
    pytest.skip(reason)


def _pin_connections(saved):
    """Keep this thread on its own database connections while Playwright runs.

    Playwright's sync API marks its event loop as running in this thread between calls.
    Django keeps connections in an asgiref Local which, when a loop runs, switches from
    thread-local to context-local storage: the test would get new connection objects,
    without the serialized state a `serialized_rollback` restores, and, on in-memory
    SQLite, a second connection beside the one the live server shares.
    """
    from django.db import connections

    for alias, connection in saved.items():
        connections[alias] = connection


@pytest.fixture(scope="module")
def browser(django_db_setup):
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is missing: `apt-get install chromium` to run browser tests")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright is not installed: `pip install -e '.[test]'`")
    from django.db import connections

    saved = {alias: connections[alias] for alias in connections}
    # Playwright's sync API keeps an asyncio loop running in this thread, so Django would
    # refuse ORM calls from the test ("async context"). Django documents this escape hatch;
    # it is set only while the browser runs, and the live server has its own thread.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            _pin_connections(saved)
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def browser_locale():
    """The visitor's browser language; a test module may override it."""
    return "en-GB"


@pytest.fixture
def problems():
    """What went wrong in the test's pages: uncaught exceptions, console errors (CSP
    refusals among them) and sub-resources (scripts, styles, fetches) that failed."""
    return []


def _watch(tab, problems):
    def console(message):
        # Failed loads are reported with their address by `response` below.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            problems.append(f"console: {message.text}")

    def response(answer):
        request = answer.request
        failed = answer.status >= 400 and request.resource_type != "document"
        if failed and not answer.url.endswith("/favicon.ico"):
            problems.append(f"{answer.status} {request.method} {answer.url}")

    tab.on("pageerror", lambda error: problems.append(f"exception: {error}"))
    tab.on("console", console)
    tab.on("response", response)


@pytest.fixture
def page(browser, browser_locale, problems):
    context = browser.new_context(
        locale=browser_locale,
        timezone_id="Europe/Paris",
        viewport={"width": 1280, "height": 900},
    )
    context.set_default_timeout(TIMEOUT_MS)
    tab = context.new_page()
    _watch(tab, problems)
    yield tab
    context.close()


@pytest.fixture
def log_in(page, client, live_server):
    """`log_in(user)` starts the browser with the user's session (logging in is not what
    the tests that call it are about)."""
    from django.contrib.auth.backends import ModelBackend

    def start_session(user):
        client.force_login(user, backend=f"{ModelBackend.__module__}.{ModelBackend.__name__}")
        cookie = client.cookies["sessionid"]
        page.context.add_cookies(
            [{"name": "sessionid", "value": cookie.value, "url": live_server.url}]
        )

    return start_session


@pytest.fixture
def screenshot(page, request):
    """`screenshot("step")` saves the page into $JUMELAGE_SCREENSHOTS, if set."""
    folder = os.environ.get("JUMELAGE_SCREENSHOTS")
    name = re.sub(r"[^\w-]+", "-", request.node.name).strip("-")
    numbers = count(1)

    def take(step):
        if not folder:
            return
        path = Path(folder) / f"{name}-{next(numbers):02d}-{step}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(path), full_page=True)

    return take
