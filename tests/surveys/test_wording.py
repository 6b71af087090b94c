"""The survey's wording as content editors write it in the Wagtail admin, per language: the
introduction, each step's help text and a line on the confirmation page; an empty text shows the
built-in wording of that language, never another language's edited text."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import translation
from wagtail.models import Site

from backoffice.factories import CaseManagerFactory, UserFactory
from surveys.models import SurveyWording
from surveys.questions import texts
from surveys.wording import CONFIRMATION_TEXT, STEP_TEXT

from .helpers import post_step, send, step_url, url, walk

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


# --- Every question, help text and option -------------------------------------------------------

QUESTION_ES = "¿Con qué podemos echarle una mano hoy?"
OPTION_ES = "Comida, arena o cosas para su mascota"
SAFETY_ES = "¿Hay alguien en casa que le haga daño a usted o a su mascota?"
SPECIES_ES = "¿Qué animal es?"


def editor_client(client):
    editor = UserFactory(username="ed_elena")
    group = Group.objects.get(name="Editors")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    editor.groups.add(group)
    client.force_login(editor)
    return f"/admin/settings/surveys/surveywording/{site().pk}/"


def built_in_es(text):
    with translation.override("es"):
        return translation.gettext(text)


def test_an_editor_rewords_a_question_and_an_option_in_spanish_for_the_wizard_and_staff(client):
    address = editor_client(client)
    saved = client.post(
        address,
        {
            "text_es__needs__needs": QUESTION_ES,
            "text_es__needs__needs__option__food_supplies": OPTION_ES,
            "text_es__home__safety": SAFETY_ES,
            "text_es__pets__species": SPECIES_ES,
        },
    )
    assert saved.status_code == 302, saved.content.decode()[:3000]
    client.logout()

    spanish = first_page(client, "es")
    assert QUESTION_ES in spanish and OPTION_ES in spanish
    assert built_in_es("What would you like help with?") not in spanish
    assert built_in_es("Pet food or supplies") not in spanish
    assert built_in_es("Urgent vet care") in spanish  # the options left alone keep theirs
    english = first_page(client, "en")
    assert "What would you like help with?" in english and "Pet food or supplies" in english
    assert built_in_es("Pet food or supplies") != "Pet food or supplies"
    assert QUESTION_ES not in english and OPTION_ES not in english
    assert "¿Con qué" not in first_page(client, "vi")  # never another language's edit

    # The checks and their messages stay the code's; the error names the edited question.
    client.cookies.clear()
    client.get(url("start", "es"))
    refused = post_step(client, "needs", {"needs": []}, "es")
    assert refused.status_code == 400
    html = refused.content.decode()
    message = "Choose at least one thing we can help with. If none fits, choose “Something else”."
    assert built_in_es(message) != message and built_in_es(message) in html
    assert QUESTION_ES in html

    # Every later step and the review show the editors' wording too.
    walk(client, lang="es")
    assert SPECIES_ES in client.get(step_url("pets", "es")).content.decode()
    assert SAFETY_ES in client.get(step_url("home", "es")).content.decode()
    review = client.get(step_url("review", "es")).content.decode()
    assert QUESTION_ES in review and OPTION_ES in review and SAFETY_ES in review

    # The staff survey intake asks the same questions in the same words.
    client.force_login(CaseManagerFactory(username="cm_celia"))
    staff = client.get("/backoffice/cases/new/survey/", HTTP_ACCEPT_LANGUAGE="es").content
    staff = staff.decode()
    assert QUESTION_ES in staff and OPTION_ES in staff and SAFETY_ES in staff
    assert SPECIES_ES in staff
    english_staff = client.get("/backoffice/cases/new/survey/", HTTP_ACCEPT_LANGUAGE="en")
    assert "What would you like help with?" in english_staff.content.decode()
    assert QUESTION_ES not in english_staff.content.decode()


def test_step_titles_and_help_texts_are_reworded_and_a_blank_box_keeps_the_built_in(client):
    wording = SurveyWording.for_site(site())
    wording.texts = {
        "es": {
            "needs__title": "¿Qué le pasa a su mascota?",
            "needs__needs__help": "Marque todo lo que necesite.",
        },
        "vi": {"needs__title": "   "},
    }
    wording.save()
    spanish = first_page(client, "es")
    assert "¿Qué le pasa a su mascota?" in spanish and "Marque todo lo que necesite." in spanish
    with translation.override("vi"):
        vietnamese = translation.gettext("What can we help with?")
    assert vietnamese != "What can we help with?" and vietnamese in first_page(client, "vi")


def test_the_admin_shows_each_languages_built_in_wording_right_to_left_for_arabic(client):
    address = editor_client(client)
    html = client.get(address).content.decode()
    with translation.override("ar"):
        arabic = translation.gettext("What would you like help with?")
    assert arabic != "What would you like help with?"
    name = 'name="text_ar__needs__needs"'
    assert name in html
    tag = html[html.rfind("<input", 0, html.index(name)) : html.index(">", html.index(name))]
    assert 'dir="rtl"' in tag and 'lang="ar"' in tag and f'placeholder="{arabic}"' in tag
    spanish_name = 'name="text_es__needs__needs__option__food_supplies"'
    start = html.index(spanish_name)
    tag = html[html.rfind("<input", 0, start) : html.index(">", start)]
    assert 'dir="ltr"' in tag and f'placeholder="{built_in_es("Pet food or supplies")}"' in tag
    # Saving it unchanged keeps nothing: every text stays the built-in one.
    data = {}
    assert client.post(address, data).status_code == 302
    assert SurveyWording.for_site(site()).texts == {}


def test_the_wording_is_read_from_the_cache_a_step_asks_the_database_nothing_more(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    reword(texts={"es": {"needs__needs": QUESTION_ES}})
    first_page(client, "es")  # fills the cache
    with CaptureQueriesContext(connection) as queries:
        page = client.get(step_url("needs", "es"))
    assert QUESTION_ES in page.content.decode()
    assert not [q for q in queries if "surveywording" in q["sql"].lower()]
    reword(texts={"es": {"needs__needs": "¿Qué necesita?"}})  # saving forgets the cached one
    assert "¿Qué necesita?" in client.get(step_url("needs", "es")).content.decode()


def test_the_wording_admin_is_one_light_page_with_each_built_in_wording_under_its_box(client):
    """About 180 texts in five languages: one panel a step (not a Wagtail field panel a text, which
    made a 2.7 MB page), each box named by its label and described by the built-in wording of its
    tab's language, marked with that language."""
    address = editor_client(client)
    page = client.get(address)
    html = page.content.decode()
    assert len(page.content) < 1_300_000
    assert html.count('name="text_') == 5 * len(texts())
    name = "text_ar__needs__needs"
    tag = html[html.rfind("<input", 0, html.index(f'name="{name}"')) :]
    tag = tag[: tag.index(">")]
    assert f'aria-describedby="{name}-default"' in tag
    line = html[html.index(f'id="{name}-default"') :]
    line = line[: line.index("</p>")]
    with translation.override("ar"):
        arabic = translation.gettext("What would you like help with?")
    assert f'<span lang="ar" dir="rtl">“{arabic}”</span>' in line
    assert f'<label class="w-field__label" for="id_{name}">' in html


def test_a_text_too_long_is_refused_beside_its_box_and_nothing_typed_is_lost(client):
    address = editor_client(client)
    refused = client.post(
        address,
        {"text_es__needs__needs": "x" * 601, "text_vi__home__safety": "Câu hỏi của quý vị"},
    )
    assert refused.status_code == 200
    html = refused.content.decode()
    name = "text_es__needs__needs"
    assert f'id="{name}-error"' in html
    tag = html[html.rfind("<input", 0, html.index(f'name="{name}"')) :]
    tag = tag[: tag.index(">")]
    assert 'aria-invalid="true"' in tag and f"{name}-error" in tag
    assert "Câu hỏi của quý vị" in html
    assert SurveyWording.for_site(site()).texts == {}
