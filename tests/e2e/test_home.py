"""The home page in English and Arabic: direction, the language switcher, the ways to get help."""

from urllib.parse import unquote, urlsplit

import pytest
from django.utils import translation
from playwright.sync_api import expect

from content.models import HomePage, StandardPage

from .site_pages import in_language

pytestmark = pytest.mark.browser


def path_of(tab):
    return unquote(urlsplit(tab.url).path)


def expect_language(tab, code, direction):
    html = tab.locator("html")
    expect(html).to_have_attribute("lang", code)
    expect(html).to_have_attribute("dir", direction)


def switch_language(tab, current, code):
    """Follow the language switcher's link to ``code``; its label is in the ``current`` language."""
    with translation.override(current):
        label = translation.gettext("Language")
    tab.get_by_role("navigation", name=label, exact=True).locator(f'a[hreflang="{code}"]').click()


def test_english_home_switches_to_arabic_and_its_action_leads_to_the_guide(page):
    home = HomePage.objects.get(locale__language_code="en")
    page.goto("/en/")
    expect_language(page, "en", "ltr")
    expect(page.get_by_role("heading", level=1)).to_have_text(home.hero_heading)

    arabic_home, arabic_url = in_language(home, "ar")
    switch_language(page, "en", "ar")
    expect_language(page, "ar", "rtl")
    assert path_of(page) == arabic_url
    expect(page.get_by_role("heading", level=1)).to_have_text(arabic_home.hero_heading)

    # The first way to get help that leads to a guide, as the Arabic home page shows it.
    action = next(block.value for block in arabic_home.actions if block.value["page"])
    linked_guide = action["page"].specific
    page.locator("li.action").filter(has_text=action["title"]).get_by_role(
        "link", name=action["link_text"]
    ).click()
    arabic_guide, _url = in_language(linked_guide, "ar")
    expect(page.get_by_role("heading", level=1)).to_have_text(arabic_guide.title)


def test_arabic_home_switches_to_english_and_a_guide_card_leads_to_the_guide(page):
    home = HomePage.objects.get(locale__language_code="en")
    arabic_home, arabic_url = in_language(home, "ar")
    page.goto(arabic_url)
    expect_language(page, "ar", "rtl")
    expect(page.get_by_role("heading", level=1)).to_have_text(arabic_home.hero_heading)

    switch_language(page, "ar", "en")
    expect_language(page, "en", "ltr")
    assert path_of(page) == home.url
    expect(page.get_by_role("heading", level=1)).to_have_text(home.hero_heading)

    guide = StandardPage.objects.child_of(home).live().order_by("path").first()
    page.locator(".card").get_by_role("link", name=guide.title, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(guide.title)
    assert path_of(page) == guide.url
