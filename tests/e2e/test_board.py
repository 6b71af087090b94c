"""The lost and found board in a browser, on a 360 px phone, in Arabic (right to left): filtered
by ZIP code without JavaScript, a report's page with its photo, a message sent to staff, and
axe-core finding nothing serious or critical on any of these pages."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import translation
from playwright.sync_api import expect

from backoffice.factories import PersonFactory, PetReportFactory, ReportPhotoFactory
from backoffice.models import TimelineEntry
from backoffice.vocabulary import Colour, EventKind, ReportKind, Species

from .test_accessibility import BLOCKING_IMPACTS, describe

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}


def ar(message):
    with translation.override("ar"):
        return translation.gettext(message)


@pytest.fixture
def reports(tmp_path, settings):
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    person = PersonFactory(phone="(916) 555-0199", email="owner.private@example.org")
    lost = PetReportFactory(
        published=True,
        case__person=person,
        pet_name="Biscuit",
        breed="Labrador mix",
        colours=[Colour.BLACK, Colour.WHITE],
        marks="White patch on the chest, a very long description that must wrap on a phone",
    )
    ReportPhotoFactory(report=lost, width=640, height=480)
    PetReportFactory(
        published=True,
        kind=ReportKind.FOUND,
        species=Species.CAT,
        pet_name="",
        zip_code="90012",
        latitude=34.06,
        longitude=-118.24,
    )
    return lost


def test_the_board_in_arabic_on_a_phone(browser, demo_site, reports):
    context = browser.new_context(base_url=demo_site.url, viewport=PHONE)
    page = context.new_page()
    axe, problems = Axe(), []

    def check():
        violations = axe.run(page).response["violations"]
        problems.extend(
            describe(page.url, v) for v in violations if v["impact"] in BLOCKING_IMPACTS
        )
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{page.url} scrolls sideways ({width}px)"

    page.goto("/ar/")
    # The home page's tile (on a phone the main navigation is folded into "Menu").
    page.locator("li.action--board").get_by_role("link", name=ar("Lost and found pets")).click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.get_by_role("heading", level=1)).to_have_text(ar("Lost and found pets"))
    expect(page.locator(".board-card")).to_have_count(2)
    check()

    # The filters are a plain form: the ZIP code typed in Arabic-Indic digits.
    page.get_by_label(ar("Near the ZIP code")).fill("٩٥٨١٤")
    page.get_by_role("button", name=ar("Show pets")).click()
    expect(page.locator(".board-card")).to_have_count(1)
    expect(page.locator(".board-card bdi").first).to_have_text("Biscuit")
    check()

    page.locator(".board-card h3 a").click()
    image = page.locator(".board-photos img")
    expect(image).to_have_count(1)
    # The photo is decoded by the browser (not only named): wait for it to arrive,
    # since the page's load event may come before a slow photo on a busy machine.
    page.wait_for_function(
        "() => { const img = document.querySelector('.board-photos img');"
        " return img && img.complete && img.naturalWidth > 0; }",
        timeout=15_000,
    )
    expect(
        page.get_by_text(ar("The shelter never asks for money by text message."))
    ).to_be_visible()
    assert "owner.private@example.org" not in page.content()
    check()

    page.get_by_role("radio", name=ar("I have seen this pet")).check()
    page.get_by_label(ar("Your message")).fill("رأيته قرب الحديقة في السادسة مساءً")
    page.get_by_label(ar("Your phone number or email (optional)")).fill("٩١٦٥٥٥٠١٢٣")
    page.get_by_role("button", name=ar("Send my message")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(ar("Your message is sent"))
    check()
    entry = TimelineEntry.objects.get(case=reports.case, kind=EventKind.BOARD_SIGHTING)
    assert entry.data["contact"] == "9165550123"

    assert not problems, "axe-core found serious or critical violations:\n" + "\n".join(problems)
    context.close()
