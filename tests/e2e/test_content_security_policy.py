"""The Content-Security-Policy in the browser: an inline script or style on a public page is
refused and the browser tests' check sees it (so every other browser test, which must end with no
violation, would fail on one); the Wagtail admin's own editor works under the admin's policy."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

INJECTED = (
    '<script>document.title = "inline script ran";</script>'
    '<p id="styled" style="color: rgb(255, 0, 0)">styled inline</p>'
)


def test_an_inline_script_or_style_is_refused_and_the_check_catches_it(page, csp_violations):
    def with_inline_code(route):
        response = route.fetch()
        body = response.text().replace("</main>", INJECTED + "</main>", 1)
        route.fulfill(response=response, body=body)  # the site's own headers, its policy

    page.route("**/en/", with_inline_code)
    page.goto("/en/")
    expect(page.locator("#styled")).to_be_visible()

    assert page.title() != "inline script ran"
    assert page.locator("#styled").evaluate("p => getComputedStyle(p).color") != "rgb(255, 0, 0)"
    page.evaluate("() => new Promise((done) => setTimeout(done, 0))")  # reports are in by then
    refused = " ".join(csp_violations)
    assert "script-src" in refused and "style-src" in refused, csp_violations
    csp_violations.clear()  # made on purpose: this test passes


def test_the_admin_page_editor_works_under_the_admin_policy(admin_page):
    """Wagtail's editor (inline panels, date pickers, rich text, the preview) runs its inline
    scripts; the check of every browser test finds no violation here."""
    from content.models import StandardPage

    page = admin_page
    guide = StandardPage.objects.filter(locale__language_code="en").first()

    page.goto(f"/admin/pages/{guide.pk}/edit/")
    expect(page.locator("form#page-edit-form")).to_be_visible()
    page.goto("/admin/pages/")
    expect(page.locator("main")).to_be_visible()
