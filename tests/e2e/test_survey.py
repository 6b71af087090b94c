"""The pet support survey in a browser, in Spanish and in Arabic (right to left): every step
answered by clicking, the error summary focused when an answer is missing, a pet added without
JavaScript, and axe-core finding nothing serious or critical on any step or the confirmation."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import translation
from playwright.sync_api import expect

from backoffice.models import Case

from .test_accessibility import BLOCKING_IMPACTS, describe

pytestmark = pytest.mark.browser


def gettext_in(lang, message):
    with translation.override(lang):
        return translation.gettext(message)


@pytest.mark.parametrize("lang", ["es", "ar"])
def test_the_whole_survey_in_spanish_and_arabic_is_accessible(page, lang):
    axe, problems = Axe(), []

    def check():
        violations = axe.run(page).response["violations"]
        problems.extend(
            describe(page.url, v) for v in violations if v["impact"] in BLOCKING_IMPACTS
        )

    def go_on():
        page.locator(".survey__buttons button.button--primary").click()

    page.goto(f"/{lang}/help/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl" if lang == "ar" else "ltr")
    check()
    go_on()  # nothing ticked: the summary says so, and has the focus
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    check()
    page.check('input[name="needs-needs"][value="temporary_care"]')
    go_on()
    check()
    page.check('input[name="situation-urgency"][value="high"]')
    page.check('input[name="situation-reasons"][value="housing"]')
    go_on()
    check()
    page.select_option('select[name="pets-0-species"]', "dog")
    page.fill('input[name="pets-0-name"]', "Canela")
    page.get_by_role("button", name=gettext_in(lang, "Add another pet")).click()
    page.select_option('select[name="pets-1-species"]', "cat")
    check()
    go_on()
    check()  # temporary care, asked for
    page.check('input[name="care-care_length"][value="weeks"]')
    go_on()
    check()
    page.check('input[name="home-living"][value="rent_not_allowed"]')
    page.check('input[name="home-safety"][value="no"]')
    go_on()
    check()
    page.fill('input[name="contact-name"]', "Lupe")
    page.fill('input[name="contact-phone"]', "(916) 555-0142")
    go_on()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        gettext_in(lang, "Check your answers")
    )
    expect(page.locator("main")).to_contain_text("Canela")
    check()
    go_on()
    case = Case.objects.get()
    expect(page.locator("main")).to_contain_text(case.reference)
    check()
    assert case.language == lang and case.pets.count() == 2
    assert not problems, "axe-core found serious or critical violations:\n" + "\n".join(problems)
