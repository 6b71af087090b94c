"""Reporting a found pet in a browser, in Vietnamese, with a photo: a bad file first (the error
summary takes the focus, what was typed stays), then a real photo; the private link opens the
report; axe-core finds nothing serious or critical on any page of the way."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import translation
from PIL import Image
from playwright.sync_api import expect

from backoffice.models import PetReport
from backoffice.vocabulary import ReportKind

from .test_accessibility import BLOCKING_IMPACTS, describe

pytestmark = pytest.mark.browser


def gettext_in(lang, message):
    with translation.override(lang):
        return translation.gettext(message)


@pytest.fixture
def photo(tmp_path, settings):
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    path = tmp_path / "meo.jpg"
    Image.new("RGB", (800, 600), (90, 90, 90)).save(path, "JPEG")
    bad = tmp_path / "meo-gia.jpg"
    bad.write_bytes(b"<?php echo 'not a photo'; ?>")
    return path, bad


def test_reporting_a_found_pet_with_a_photo_in_vietnamese(page, photo):
    good, bad = photo
    axe, problems = Axe(), []

    def check():
        violations = axe.run(page).response["violations"]
        problems.extend(
            describe(page.url, v) for v in violations if v["impact"] in BLOCKING_IMPACTS
        )

    page.set_viewport_size({"width": 360, "height": 740})
    page.goto("/vi/pet-report/found/")
    expect(page.get_by_role("heading", level=1)).to_have_text(gettext_in("vi", "I found a pet"))
    check()
    page.select_option('select[name="species"]', "cat")
    page.check('input[name="colours"][value="tabby"]')
    page.fill('input[name="happened_on"]', "2026-11-30")
    page.fill('input[name="place"]', "Gần chợ, đường J và đường 10")
    page.fill('input[name="zip_code"]', "95814")
    page.check('input[name="chip_scan"][value="not_scanned"]')
    page.check('input[name="can_keep"][value="yes"]')
    page.fill('input[name="name"]', "Quỳnh")
    page.fill('input[name="phone"]', "(916) 555-0142")
    page.set_input_files('input[name="photos"]', [str(bad)])
    page.get_by_role("button", name=gettext_in("vi", "Send my report")).click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("meo-gia.jpg")
    expect(page.locator('input[name="place"]')).to_have_value("Gần chợ, đường J và đường 10")
    check()
    page.set_input_files('input[name="photos"]', [str(good)])
    page.get_by_role("button", name=gettext_in("vi", "Send my report")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        gettext_in("vi", "Thank you. We received your report.")
    )
    check()
    report = PetReport.objects.get()
    assert report.kind == ReportKind.FOUND and report.photos.count() == 1
    assert report.case.language == "vi"
    page.get_by_role("link", name=gettext_in("vi", "Open my report")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        gettext_in("vi", "Your found pet report")
    )
    expect(page.locator(".report__photos img")).to_have_count(1)
    check()
    assert not problems, "axe-core found serious or critical violations:\n" + "\n".join(problems)
