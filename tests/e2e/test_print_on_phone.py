"""The printable list on a 360 px phone: nothing wider than the screen (it was 490 px, with phone
numbers and hours cut off and the hotline number broken across lines), phone numbers to tap, and a
"Print this list" button where JavaScript can print."""

import pytest
from playwright.sync_api import expect

from directory.factories import LocationFactory, ResourceFactory, hours
from directory.models import Category

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}


@pytest.mark.parametrize("code", ["en", "ar"])
def test_the_printable_list_fits_a_phone_and_its_numbers_can_be_tapped(page, code):
    pet_food = Category.objects.get(slug="pet-food")
    resource = ResourceFactory(
        name_en="Riverbend Community Pet Food Pantry and Supply Closet",
        categories=[pet_food],
        url="https://www.riverbend-community-pet-food-pantry.example.org/services/weekly-distribution",
        eligibility_description_en="Anyone living in Riverbend County.",
        location=LocationFactory(address_1="1200 Mill Road, Building C, Suite 410"),
    )
    for weekday in range(5):
        hours(resource, weekday, "09:00", "17:30")
    page.set_viewport_size(PHONE)
    page.goto(f"/{code}/resources/pet-food/print/")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page is {width} px wide on a 360 px screen"
    phone = page.locator('.print-item a[href^="tel:"]').first
    expect(phone).to_have_attribute("href", "tel:5550102000")
    hotline = page.locator('.print-header__hotline a[href^="tel:"]')
    expect(hotline).to_have_count(1)
    lines = page.evaluate(
        "document.querySelector('.print-header__hotline bdi').getClientRects().length"
    )
    assert lines == 1, "the hotline number is broken across lines"
    expect(page.locator("[data-print]")).to_be_visible()  # JavaScript can print here
