"""A content editor rewords a survey question in Spanish in the Wagtail admin: the step's panel
opens, the box is labelled and described by the built-in wording, the saved text is what the
Spanish survey asks; axe-core finds nothing serious in the survey's panels, and the admin's
policy sees no violation."""

import os

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.browser

QUESTION_ES = "¿Con qué podemos echarle una mano hoy?"


def test_an_editor_rewords_a_spanish_question(admin_page):
    from wagtail.models import Site

    page = admin_page
    site = Site.objects.get(is_default_site=True)
    page.goto(f"/admin/settings/surveys/surveywording/{site.pk}/")
    page.get_by_role("tab", name="Spanish").click()
    box = page.locator('[name="text_es__needs__needs"]')
    step = page.get_by_role("region", name="Questions of the step “What can we help with?”")
    step.get_by_role("button", name="Toggle section").click()  # the step's panel starts folded
    expect(box).to_be_visible()
    described = page.locator("#text_es__needs__needs-default")
    expect(described).to_contain_text("¿Con qué le gustaría recibir ayuda?")
    violations = (
        Axe().run(page, context="[id^='panel-child-spanish-questions']").response["violations"]
    )
    serious = [v["id"] for v in violations if v["impact"] in {"serious", "critical"}]
    assert not serious, serious

    box.fill(QUESTION_ES)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("updated")).to_be_visible()
    page.goto("/es/help/")
    expect(page.get_by_text(QUESTION_ES)).to_be_visible()
