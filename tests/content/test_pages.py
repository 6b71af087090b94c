import pytest
from django.utils.html import escape
from wagtail.rich_text import RichText

from content.factories import StandardPageFactory, translate
from content.models import ContactPage, StandardPage, StoryIndexPage, StoryPage
from tests.conftest import LANGUAGE_CODES

pytestmark = pytest.mark.django_db


def pages_of_every_type(home):
    return {
        "home": home,
        "standard": StandardPage.objects.child_of(home).first(),
        "story_index": StoryIndexPage.objects.child_of(home).first(),
        "story": StoryPage.objects.descendant_of(home).first(),
        "contact": ContactPage.objects.child_of(home).first(),
    }


@pytest.mark.parametrize("code", LANGUAGE_CODES)
@pytest.mark.parametrize("kind", ["home", "standard", "story_index", "story", "contact"])
def test_every_page_type_renders_in_every_language(client, home, code, kind):
    english = pages_of_every_type(home)[kind]
    page = english.get_translations(inclusive=True).get(locale__language_code=code)
    response = client.get(page.url)
    assert response.status_code == 200
    body = response.content.decode()
    assert f'<html lang="{code}" dir="{"rtl" if code == "ar" else "ltr"}">' in body
    assert escape(page.title) in body
    if code != "en":
        assert escape(english.title) not in body or english.title == page.title


def test_faq_works_without_javascript(client, home):
    question = {"question": "Do I have to pay?", "answer": RichText("<p>No, never.</p>")}
    guide = StandardPageFactory(
        parent=home, body=[("faq", {"heading": "Questions", "items": [question]})]
    )
    body = client.get(guide.url).content.decode()
    assert "<details" in body and "<summary>Do I have to pay?</summary>" in body
    assert "No, never." in body
    assert "<script>" not in body and "<script " not in body.replace("<script src=", "")


def test_contact_page_shows_hotline_and_hours_from_settings(client, home, site):
    from content.models import SiteSettings

    settings = SiteSettings.for_site(site)
    settings.hotline_phone = "(555) 010-9999"
    settings.hotline_hours_es = "Todos los días, de 7 a 22"
    settings.save()
    contact = ContactPage.objects.child_of(home).get()
    spanish = contact.get_translations().get(locale__language_code="es")
    body = client.get(spanish.url).content.decode()
    assert 'href="tel:5550109999"' in body
    assert "Todos los días, de 7 a 22" in body


def test_setting_untranslated_falls_back_to_english(client, home, site):
    from content.models import SiteSettings

    settings = SiteSettings.for_site(site)
    settings.emergency_notice_en = "Clinic closed Monday for the holiday."
    settings.emergency_notice_vi = ""
    settings.save()
    assert "Clinic closed Monday for the holiday." in client.get("/vi/").content.decode()


@pytest.mark.parametrize("code", ["en", "es", "ar"])
def test_home_page_query_count_is_bounded(client, django_assert_max_num_queries, code):
    client.get(f"/{code}/")  # warm Wagtail's site-root cache, as a running server would be
    # A render after a publish; cached visits take none. In every language: the site, the
    # locale, the page (and in another language its translation), its ancestors' view
    # restrictions, the calls to action, the guides and the stories (the safe havens category
    # is kept in the shared cache).
    with django_assert_max_num_queries(10):
        response = client.get(f"/{code}/")
    assert response.status_code == 200


def test_cached_home_page_needs_no_queries(client, settings, django_assert_max_num_queries):
    settings.PAGE_CACHE_SECONDS = 60
    client.get("/en/")
    with django_assert_max_num_queries(0):
        response = client.get("/en/?utm_source=newsletter")
    assert response["X-Page-Cache"] == "hit"


def test_home_page_lists_the_guides_and_links_calls_to_action_in_its_language(client, site_tree):
    second = StandardPageFactory(parent=site_tree.page("home"), title="Test second guide")
    second_es = translate(second, "es", title="Segunda guía")
    spanish_home = site_tree.page("home", "es")
    body = client.get(spanish_home.url).content.decode()
    spanish_guide = site_tree.page("guide", "es")
    (action,) = [block.value for block in spanish_home.actions]
    assert action["page"].pk == site_tree.guide  # the editor chose the English guide...
    assert f'href="{spanish_guide.url}"' in body  # ...the Spanish visitor is sent to theirs
    assert escape(action["title"]) in body
    for guide in (spanish_guide, second_es):  # the guides, listed in Spanish
        assert f'href="{guide.url}"' in body and escape(guide.title) in body
    assert escape(site_tree.page("guide").title) not in body


def test_unpublished_page_is_not_served(client, site_tree):
    guide = site_tree.page("guide")
    url = guide.url
    assert client.get(url).status_code == 200
    guide.unpublish()
    assert client.get(url).status_code == 404


def test_saved_site_settings_show_at_once(client, site):
    from content.models import SiteSettings

    client.get("/en/")  # the settings are now in the shared cache
    settings = SiteSettings.for_site(site)
    settings.emergency_notice_en = "Pantry closed on Thursday."
    settings.save()
    assert "Pantry closed on Thursday." in client.get("/en/").content.decode()


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_home_page_names_domestic_violence_among_the_first_ways_to_get_help(client, home, code):
    from django.utils import translation

    page = home.get_translations(inclusive=True).get(locale__language_code=code)
    body = client.get(page.url).content.decode()
    with translation.override(code):
        title = translation.gettext("Leaving domestic violence?")
        link = f'href="/{code}/resources/dv-safe-haven/"'
        find = translation.gettext("Find services near you")
    assert title in body and link in body
    assert body.index(title) < body.index(find)  # before browsing the whole directory


def test_the_safe_havens_link_follows_the_category_at_once(client, home):
    """The safe havens category is kept in the cache with the published content: renamed, the
    home page links its new address on the next visit."""
    from directory.models import Category

    assert 'href="/en/resources/dv-safe-haven/"' in client.get("/en/").content.decode()
    category = Category.objects.get(slug="dv-safe-haven")
    category.slug = "safe-havens"
    category.save()
    body = client.get("/en/").content.decode()
    assert 'href="/en/resources/dv-safe-haven/"' not in body


def test_the_footer_address_keeps_its_order_on_the_arabic_site(client, home, site):
    """A Latin-script address line in the right-to-left footer is isolated, so "1200 Mill Road"
    is not shown as "Mill Road 1200"; each line stays a line."""
    from content.models import SiteSettings

    settings = SiteSettings.for_site(site)
    settings.address_ar = "1200 Mill Road\nRiverbend <CA>"
    settings.email = "help@example.org"
    settings.save()
    body = client.get("/ar/").content.decode()
    assert "<address><bdi>1200 Mill Road</bdi><br><bdi>Riverbend &lt;CA&gt;</bdi></address>" in body
    assert "<bdi>help@example.org</bdi>" in body
