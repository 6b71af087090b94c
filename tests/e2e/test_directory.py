"""A Spanish-speaking visitor browses the directory, opens a listing and prints a list; axe-core
finds nothing serious on any directory page in any language."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.utils import translation
from playwright.sync_api import expect

from directory.models import Category, Resource

from .test_accessibility import BLOCKING_IMPACTS, describe

pytestmark = pytest.mark.browser


def es(message):
    with translation.override("es"):
        return translation.gettext(message)


def test_browse_category_listing_and_print_in_spanish(page, demo_directory):
    vet_care = Category.objects.get(slug="vet-care")
    page.goto("/es/")
    page.get_by_role("link", name=es("Find help"), exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(es("Find help for you and your pet"))

    page.get_by_role("link", name=vet_care.name_es).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(vet_care.name_es)

    # Nearest first from a ZIP code, with the form's own button (no JavaScript needed).
    page.get_by_label(es("Your ZIP code")).fill("95815")
    page.get_by_role("button", name=es("Show services")).click()
    expect(page.get_by_text(es("nearest to %(zip)s first") % {"zip": "95815"})).to_be_visible()
    first_card = page.locator(".resource-card").first
    expect(first_card).to_contain_text("mi")

    title = first_card.get_by_role("heading", level=3)
    name = title.inner_text()
    title.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    expect(page.locator("html")).to_have_attribute("lang", "es")
    assert page.locator('a[href^="tel:"]').count() >= 1

    page.get_by_role("link", name=es("Print this listing")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    expect(page.get_by_role("link", name=es("Download as PDF"))).to_be_visible()
    href = page.get_by_role("link", name=es("Download as PDF")).get_attribute("href")
    pdf = page.request.get(href)
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")


def test_ticked_listings_print_together(page, demo_directory):
    page.goto("/es/resources/pet-food/")
    boxes = page.get_by_role("checkbox", name=es("Add to printed list"))
    boxes.nth(0).check()
    boxes.nth(1).check()
    page.get_by_role("button", name=es("Print the listings I ticked")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(es("Selected services"))
    assert page.locator(".print-item").count() == 2


@pytest.mark.parametrize("code", [code for code, _name in settings.LANGUAGES])
def test_directory_pages_have_no_serious_accessibility_violations(page, demo_directory, code):
    listing = Resource.objects.public().filter(confidential_address=False).order_by("pk").first()
    haven = Resource.objects.public().filter(confidential_address=True).order_by("pk").first()
    urls = [
        f"/{code}/resources/",
        f"/{code}/resources/vet-care/?zip=95815&cost=free",
        f"/{code}/resources/vet-care/?zip=123",  # with a form error
        f"/{code}/resources/listing/{listing.pk}/",
        f"/{code}/resources/listing/{haven.pk}/",
        f"/{code}/resources/listing/{listing.pk}/report/",
        f"/{code}/resources/vet-care/print/",
    ]
    axe = Axe()
    problems = []
    for url in urls:
        response = page.goto(url)
        assert response.status == 200, f"{url} answered {response.status}"
        page.locator("details").evaluate_all("all => all.forEach(d => { d.open = true; })")
        violations = axe.run(page).response["violations"]
        problems += [describe(url, v) for v in violations if v["impact"] in BLOCKING_IMPACTS]
    assert not problems, "axe-core found serious or critical violations:\n" + "\n".join(problems)


def test_category_icons_are_drawn_without_an_emoji_font(page, demo_directory):
    """Each tile's icon is an SVG drawn in the link's colour at the size of the title, so it shows
    on a phone with no colour-emoji font (emoji showed there as empty boxes)."""
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto("/ar/resources/")
    icons = page.locator(".category-tile__icon svg")
    expect(icons.first).to_be_visible()
    assert icons.count() == Category.objects.filter(parent=None).count()
    for index in range(icons.count()):
        box = icons.nth(index).bounding_box()
        assert 16 <= box["width"] <= 32 and 16 <= box["height"] <= 32
        assert icons.nth(index).evaluate("svg => getComputedStyle(svg).stroke") != "none"
    violations = Axe().run(page).response["violations"]
    problems = [describe(page.url, v) for v in violations if v["impact"] in BLOCKING_IMPACTS]
    assert not problems, "\n".join(problems)
