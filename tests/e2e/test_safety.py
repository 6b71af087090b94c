"""Safety in the browser: "Leave this site" replaces the page (and Esc does the same), stays at
hand on a 360 px phone, and a person fleeing domestic violence finds the safe havens at once."""

from urllib.parse import unquote, urlsplit

import pytest
from django.utils import translation
from playwright.sync_api import expect

from content.models import QUICK_EXIT_DEFAULT_URL, HomePage, StandardPage

from .site_pages import in_language

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}


def neutral_site(tab):
    """The neutral site answers from the test itself: nothing leaves the machine."""
    tab.context.route(
        QUICK_EXIT_DEFAULT_URL + "**",
        lambda route: route.fulfill(body="<h1>Weather</h1>", content_type="text/html"),
    )


def path_of(tab):
    return unquote(urlsplit(tab.url).path)


def label(code, message):
    with translation.override(code):
        return translation.gettext(message)


def two_pages(tab, code="en"):
    """Open the home page, then a guide; return the home page's path."""
    home = HomePage.objects.get(locale__language_code="en")
    guide = StandardPage.objects.child_of(home).live().order_by("path").first()
    _home, home_url = in_language(home, code)
    _guide, guide_url = in_language(guide, code)
    tab.goto(home_url)
    tab.goto(guide_url)
    return home_url


def test_leave_button_replaces_the_page_so_back_does_not_return_to_it(page):
    neutral_site(page)
    home_url = two_pages(page, "es")
    page.get_by_role("link", name=label("es", "Leave this site")).click()
    expect(page.get_by_role("heading", name="Weather")).to_be_visible()
    assert page.url == QUICK_EXIT_DEFAULT_URL
    page.go_back()
    assert path_of(page) == home_url  # the guide the person was reading is gone from history


def test_escape_key_leaves_the_same_way(page):
    neutral_site(page)
    home_url = two_pages(page)
    page.keyboard.press("Escape")
    expect(page.get_by_role("heading", name="Weather")).to_be_visible()
    page.go_back()
    assert path_of(page) == home_url


def test_leave_button_works_without_javascript(browser, demo_site):
    context = browser.new_context(base_url=demo_site.url, java_script_enabled=False)
    tab = context.new_page()
    neutral_site(tab)
    two_pages(tab)
    tab.get_by_role("link", name="Leave this site").click()
    expect(tab.get_by_role("heading", name="Weather")).to_be_visible()
    context.close()


@pytest.mark.parametrize("code", ["en", "ar"])
def test_leave_button_is_compact_reachable_and_stays_on_screen_on_a_phone(page, code):
    page.set_viewport_size(PHONE)
    two_pages(page, code)
    button = page.get_by_role("link", name=label(code, "Leave this site"))
    box = button.bounding_box()
    assert box["y"] < 20 and box["height"] <= 48
    assert 0 <= box["x"] and box["x"] + box["width"] <= PHONE["width"]
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")
    expect(button).to_be_focused()
    page.mouse.wheel(0, 3000)
    # Not wait_for_function: Playwright polls a string predicate with eval, which the site's
    # Content-Security-Policy refuses (as it would any page's eval).
    expect(page.locator("footer")).to_be_in_viewport()
    box = button.bounding_box()
    assert 0 <= box["y"] < 20  # still at the top of the screen


@pytest.mark.parametrize("code", ["en", "es", "ar"])
def test_safe_havens_are_on_the_first_screen_of_the_directory_and_named_at_home(page, code):
    """On a 360 px phone a person in danger sees the safe havens without scrolling on the
    directory's first page, and among the first ways to get help on the home page."""
    page.set_viewport_size(PHONE)
    page.goto(f"/{code}/resources/")
    link = page.locator(".safety-link a")
    expect(link).to_be_visible()
    box = link.bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"]
    tiles = page.locator(".category-tile__title a")
    assert "/dv-safe-haven/" in "".join(tiles.nth(i).get_attribute("href") for i in range(2))

    home = HomePage.objects.get(locale__language_code="en")
    page.goto(in_language(home, code)[1])
    actions = page.locator("ul.actions > li")
    assert "safe-haven" in [actions.nth(i).get_attribute("id") for i in range(2)]
    action = page.locator("#safe-haven")
    expect(action.get_by_role("heading")).to_have_text(label(code, "Leaving domestic violence?"))
    assert action.bounding_box()["y"] < 2 * PHONE["height"]
    action.get_by_role("link", name=label(code, "Find a safe place for your pet")).click()
    assert path_of(page) == f"/{code}/resources/dv-safe-haven/"
