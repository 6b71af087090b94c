"""A category's list on a 360 px phone: the first listing starts on the first screen (it started
1,260 px down, 1,720 px after "Show services"), a submission lands on the list with "More filters"
folded, the filters in use are named above the list and one tap away, and the header's menu and
search box fold into "Menu" on a phone (without JavaScript) but not on a wide screen."""

import pytest
from django.utils import translation
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}


def t(code, message):
    with translation.override(code):
        return translation.gettext(message)


def test_the_first_listing_starts_on_a_phones_first_screen(page, demo_directory):
    page.set_viewport_size(PHONE)
    for code in ("en", "es", "vi", "ar"):
        page.goto(f"/{code}/resources/vet-care/")
        card = page.locator(".resource-card").first.bounding_box()
        # A card's title and the start of its text are on the first screen.
        assert card["y"] + 100 <= PHONE["height"], (
            f"{code}: the first listing is {card['y']:.0f} px down"
        )
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_submission_lands_on_the_list_with_the_filters_named_and_folded(page, demo_directory):
    page.set_viewport_size(PHONE)
    page.goto("/es/resources/vet-care/")
    page.get_by_role(
        "link", name=t("es", "Filter the list: ZIP code, open now, cost, animal, language")
    ).click()
    expect(page.get_by_label(t("es", "Your ZIP code"))).to_be_in_viewport()
    page.get_by_label(t("es", "Your ZIP code")).fill("95815")
    page.locator("details.filters__more > summary").click()
    page.get_by_label(t("es", "Free"), exact=True).check()
    page.get_by_role("button", name=t("es", "Show services")).click()

    heading = page.locator("#results-heading")
    expect(heading).to_contain_text("95815")
    box = heading.bounding_box()
    assert 0 <= box["y"] < 200, f"the list's heading is {box['y']:.0f} px down after a submission"
    expect(page.locator(".resource-card").first).to_be_in_viewport()
    # "More filters" stays folded, and says that one of its filters is in use.
    expect(page.locator("details.filters__more")).not_to_have_attribute("open", "")
    expect(page.locator("details.filters__more > summary")).to_contain_text("1")

    in_use = page.get_by_role("list", name=t("es", "Filters in use"))
    expect(in_use).to_be_in_viewport()
    expect(in_use).to_contain_text(t("es", "Near %(zip)s") % {"zip": "95815"})
    expect(in_use).to_contain_text(t("es", "Free"))
    # Removing one filter keeps the other.
    in_use.get_by_role("link", name=t("es", "Free")).click()
    expect(page.get_by_role("list", name=t("es", "Filters in use"))).not_to_contain_text(
        t("es", "Free")
    )
    assert "zip=95815" in page.url and "cost=" not in page.url
    # The filters are one tap away from the summary.
    page.get_by_role("link", name=t("es", "Change the filters")).click()
    expect(page.get_by_label(t("es", "Your ZIP code"))).to_have_value("95815")
    expect(page.get_by_label(t("es", "Your ZIP code"))).to_be_in_viewport()


def test_the_header_menu_folds_on_a_phone_without_javascript(browser, demo_site):
    context = browser.new_context(base_url=demo_site.url, java_script_enabled=False)
    tab = context.new_page()
    tab.set_viewport_size(PHONE)
    tab.goto("/en/resources/vet-care/")
    header = tab.locator(".site-header").bounding_box()
    assert header["height"] <= 180, f"the header is {header['height']:.0f} px tall on a phone"
    search = tab.locator("#header-search")
    expect(search).to_be_hidden()
    expect(tab.get_by_role("link", name="Ask for help", exact=True)).to_be_visible()
    expect(tab.locator(".header-call")).to_be_visible()
    expect(tab.get_by_role("navigation", name="Language")).to_be_visible()
    tab.locator(".site-menu > summary").click()
    expect(search).to_be_visible()
    expect(
        tab.get_by_role("navigation", name="Main").get_by_role("link", name="Home")
    ).to_be_visible()

    tab.set_viewport_size(DESKTOP)
    tab.goto("/en/resources/vet-care/")
    expect(tab.locator(".site-menu > summary")).to_be_hidden()
    expect(search).to_be_visible()
    expect(tab.get_by_role("navigation", name="Main")).to_be_visible()
    context.close()
