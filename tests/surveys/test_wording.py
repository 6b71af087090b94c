"""The survey's wording as content editors write it in the Wagtail admin, per language: the
introduction, each step's help text and a line on the confirmation page; an empty text shows the
built-in wording of that language, never another language's edited text."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import translation
from wagtail.models import Site

from backoffice.factories import UserFactory
from surveys.models import SurveyWording
from surveys.wording import CONFIRMATION_TEXT, STEP_TEXT

from .helpers import send, step_url, url, walk

pytestmark = pytest.mark.django_db

EDITED_ES = "Cuéntenos con calma qué está pasando: aquí nadie le juzga."


def site():
    return Site.objects.get(is_default_site=True)


def reword(**texts):
    wording = SurveyWording.for_site(site())
    for name, text in texts.items():
        setattr(wording, name, text)
    wording.save()


def built_in(text, lang):
    with translation.override(lang):
        return str(text)


def first_page(client, lang):
    return client.get(url("start", lang), follow=True).content.decode()


def test_an_edited_spanish_intro_shows_in_spanish_and_english_keeps_its_own(client):
    reword(intro_es=EDITED_ES)
    spanish = first_page(client, "es")
    assert EDITED_ES in spanish
    assert built_in(STEP_TEXT["needs"][1], "es") not in spanish
    english = first_page(client, "en")
    assert "Tell us a little about what is going on" in english
    assert EDITED_ES not in english


def test_a_language_left_empty_shows_its_built_in_wording_not_another_languages_edit(client):
    reword(intro_en="We are here for you and your pet.")
    assert "We are here for you and your pet." in first_page(client, "en")
    vietnamese = first_page(client, "vi")
    assert built_in(STEP_TEXT["needs"][1], "vi") in vietnamese
    assert "We are here for you and your pet." not in vietnamese


def test_a_text_only_spaces_counts_as_empty(client):
    reword(intro_es="   ")
    assert built_in(STEP_TEXT["needs"][1], "es") in first_page(client, "es")


def test_a_new_edit_shows_at_once_though_the_wording_is_cached(client):
    assert built_in(STEP_TEXT["needs"][1], "es") in first_page(client, "es")
    reword(intro_es=EDITED_ES)
    assert EDITED_ES in first_page(client, "es")


def test_step_help_and_the_confirmation_line_are_edited_per_language(client):
    reword(
        pets_help_es="Díganos cómo se llama cada mascota, si quiere.",
        home_help_es="Solo lo que quiera contarnos.",
        confirmation_text_es="Nuestra oficina cierra los domingos: le llamaremos el lunes.",
    )
    responses = walk(client, lang="es")
    pets_page = client.get(step_url("pets", "es")).content.decode()
    assert "Díganos cómo se llama cada mascota, si quiere." in pets_page
    assert built_in(STEP_TEXT["pets"][1], "es") not in pets_page
    home_page = client.get(step_url("home", "es")).content.decode()
    assert "Solo lo que quiera contarnos." in home_page  # a step with no built-in help text
    assert responses["contact"].status_code == 302
    received = send(client, "es").content.decode()
    assert "Nuestra oficina cierra los domingos: le llamaremos el lunes." in received
    assert built_in(CONFIRMATION_TEXT, "es") not in received

    client.cookies.clear()
    walk(client, lang="en")
    received = send(client, "en").content.decode()
    assert "Help never depends on paperwork, and you will not be judged." in received


def test_content_editors_edit_the_wording_in_the_admin_one_tab_per_language(client):
    editor = UserFactory(username="ed_erin")
    group = Group.objects.get(name="Editors")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    editor.groups.add(group)
    client.force_login(editor)
    address = f"/admin/settings/surveys/surveywording/{site().pk}/"
    page = client.get(address)
    assert page.status_code == 200
    html = page.content.decode()
    for tab in ("English", "Spanish", "Simplified Chinese", "Vietnamese", "Arabic"):
        assert tab in html
    assert "(required)" not in html
    assert 'name="intro_es"' in html and 'name="confirmation_text_zh_hans"' in html
    data = {
        f"{name}_{code}": ""
        for name in SurveyWording.translated_fields
        for code in ("en", "es", "zh_hans", "vi", "ar")
    }
    data["intro_es"] = EDITED_ES
    saved = client.post(address, data)
    assert saved.status_code == 302, saved.content.decode()[:3000]
    assert EDITED_ES in first_page(client, "es")
