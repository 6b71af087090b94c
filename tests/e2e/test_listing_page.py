"""A listing's page in Arabic on a wide screen and a phone: the opening hours stay inside their
table (the last letter of "6:00 م" touched, and was cut at, the table's edge: the cells' padding
was physical, on the left only), and the table is named once by its heading."""

import pytest
from django.utils import translation
from playwright.sync_api import expect

from directory.factories import ResourceFactory, hours
from directory.models import Category

pytestmark = pytest.mark.browser

# Where a cell's text sits against its own box: each side has room left.
TEXT_INSIDE_CELLS = """() => [...document.querySelectorAll('.hours th, .hours td')].map(cell => {
  const range = document.createRange();
  range.selectNodeContents(cell);
  const text = range.getBoundingClientRect(), box = cell.getBoundingClientRect();
  return {text: cell.innerText, start: text.left - box.left, end: box.right - text.right};
})"""


@pytest.mark.parametrize("width", [1280, 360])
def test_arabic_opening_hours_stay_inside_their_cells(page, width):
    resource = ResourceFactory(categories=[Category.objects.get(slug="pet-food")])
    for weekday in range(7):  # whatever today is, its row is the highlighted one
        hours(resource, weekday, "08:00", "18:00")
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"/ar/resources/listing/{resource.pk}/")
    cells = page.evaluate(TEXT_INSIDE_CELLS)
    assert len(cells) == 14
    cramped = [c for c in cells if c["start"] < 4 or c["end"] < 4]
    assert not cramped, f"text touching its cell's edge: {cramped}"
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_the_hours_table_is_named_once_by_its_heading(page):
    resource = ResourceFactory(categories=[Category.objects.get(slug="pet-food")])
    hours(resource, 0, "09:00", "17:00")
    page.goto(f"/en/resources/listing/{resource.pk}/")
    with translation.override("en"):
        name = translation.gettext("Opening hours")
    expect(page.get_by_role("table", name=name)).to_have_count(1)
    expect(page.locator(".hours caption")).to_have_count(0)  # no second "Opening hours"
