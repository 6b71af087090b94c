"""Browser tests: one Chromium for the whole session, a fresh page (and context) per test.

Debian's Chromium is used as it is; Playwright's own browser download is never needed. Without
Chromium the tests are skipped loudly on a workstation and fail on CI, where a silent skip would
hide that nothing was tested.
"""

import os
import re
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the main thread; Django would otherwise refuse the
# database queries that the tests and the live server make beside it.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
RESULTS_DIR = Path(__file__).resolve().parents[2] / "test-results"

# Every page the browser opens reports what its Content-Security-Policy refused: the DOM's
# ``securitypolicyviolation`` event (sent to the test through a binding; Playwright's init script
# runs whatever the page's policy says) and Chromium's console message "Refused to ...".
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolation(`${event.effectiveDirective} refused ${event.blockedURI || "inline"}`
    + ` at ${event.documentURI} (${event.sourceFile || ""}:${event.lineNumber})`);
});
"""
# (Playwright's wait_for_function polls a string predicate with eval, which the policy refuses:
# wait with expect(...) or page.evaluate instead.)
CONSOLE_VIOLATION = re.compile(r"Content Security Policy|Content-Security-Policy")


class CspViolations(list):
    """What the Content-Security-Policy refused on the pages of the contexts it watches."""

    def watch(self, context):
        context.expose_binding("__cspViolation", lambda _source, text: self.append(text))
        context.add_init_script(REPORT_VIOLATIONS)
        context.on("page", self._listen)
        for tab in context.pages:
            self._listen(tab)
        return context

    def _listen(self, tab):
        def on_console(message):
            if CONSOLE_VIOLATION.search(message.text):
                self.append(f"console: {message.text}")

        tab.on("console", on_console)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test item, so fixtures can tell that the test failed."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        message = f"Chromium missing at {CHROMIUM}, install Debian's chromium"
        if os.environ.get("CI"):
            pytest.fail(f"{message}: browser tests cannot run on CI without it.", pytrace=False)
        pytest.skip(f"SKIPPED LOUDLY: {message}.")

    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def csp_violations(request, monkeypatch):
    """Every browser test fails on any Content-Security-Policy violation: each context that a test
    opens (through ``page`` or ``browser.new_context``) is watched, and the list must stay empty.
    A test that makes violations on purpose empties the list itself."""
    violations = CspViolations()
    if "browser" not in request.fixturenames:
        yield violations
        return
    browser = request.getfixturevalue("browser")
    new_context = browser.new_context
    monkeypatch.setattr(
        browser,
        "new_context",
        lambda *args, **kwargs: violations.watch(new_context(*args, **kwargs)),
    )
    yield violations
    assert not violations, "Content-Security-Policy violations:\n" + "\n".join(violations)


@pytest.fixture
def demo_site(live_server):
    """The demo site, (re)built: transactional tests empty the database after each test."""
    from django.conf import settings
    from django.core.cache import cache
    from wagtail.models import Locale, Page

    from demo.pages import demo_pages_load
    from directory.models import Category
    from directory.taxonomy import taxonomy_load

    taxonomy_load(Category)  # a flush also emptied what the data migrations made
    if not Page.get_first_root_node():
        # A flush also removed the tree root that Wagtail's migrations create.
        locale, _created = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    demo_pages_load()
    cache.clear()  # Wagtail caches the site root paths; the site has new ids now.
    return live_server


@pytest.fixture
def demo_directory(demo_site):
    """The demo resource directory of Riverbend County, on top of the demo site."""
    from django.core.cache import cache

    from demo.listings import demo_directory_load

    demo_directory_load()
    cache.clear()
    return demo_site


@pytest.fixture
def page(request, browser, demo_site):
    """A browser tab on the live server; a full-page screenshot is saved when the test fails."""
    context = browser.new_context(base_url=demo_site.url)
    tab = context.new_page()
    yield tab
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        RESULTS_DIR.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)
        tab.screenshot(path=RESULTS_DIR / f"{name}.png", full_page=True)
    context.close()


@pytest.fixture
def admin_page(page):
    """The browser tab, signed in to the Wagtail admin as a superuser."""
    from django.contrib.auth import get_user_model
    from playwright.sync_api import expect

    get_user_model().objects.create_superuser("editor", "editor@example.org", "a-long-pass-phrase")
    page.goto("/admin/login/")
    page.fill('input[name="username"]', "editor")
    page.fill('input[name="password"]', "a-long-pass-phrase")
    page.locator('button[type="submit"]').click()
    expect(page.locator("main h1, main h2").first).to_be_visible()
    return page
