"""Safety on the public site: "Leave this site" on every public page, and the "Browse safely" page
in every language (the browser behaviour, replacing the page and the Esc key, is in
``tests/e2e/test_safety.py``)."""

import re

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation

from content.models import QUICK_EXIT_DEFAULT_URL, SiteSettings
from directory.factories import CategoryFactory, ResourceFactory
from tests.conftest import LANGUAGE_CODES

pytestmark = pytest.mark.django_db

QUICK_EXIT = re.compile(
    r'<a class="quick-exit" href="(?P<href>[^"]+)" rel="noreferrer" data-quick-exit>'
)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>")
FOCUSABLE = re.compile(r"<(a|button|input|select|textarea)\b")


def tr(code, message):
    with translation.override(code):
        return translation.gettext(message)


def public_pages(site_tree, code):
    """One address of each kind of public page, in the language ``code``."""
    category = CategoryFactory(slug=f"test-category-{code}")
    resource = ResourceFactory(categories=[category])
    with translation.override(code):
        directory = [
            reverse("directory:browse"),
            reverse("directory:category", args=[category.slug]),
            reverse("directory:resource", args=[resource.pk]),
            reverse("directory:report", args=[resource.pk]),
            reverse("directory:report_thanks", args=[resource.pk]),
            reverse("directory:print_category", args=[category.slug]),
            reverse("directory:print_selection") + f"?r={resource.pk}",
            reverse("browse_safely"),
        ]
    pages = [site_tree.page(name, code).url for name in ("home", "guide", "story_index", "story")]
    pages.append(site_tree.page("contact", code).url)
    return pages + directory


def assert_quick_exit_first(body, expected_href):
    """The button is there, goes where the settings say, and is the first thing focused after
    the skip link."""
    match = QUICK_EXIT.search(body)
    assert match, "no Leave this site button"
    assert match["href"] == expected_href
    before = body[body.index("<body") : match.start()]
    assert len(FOCUSABLE.findall(before)) <= 1  # the skip link at most
    assert not INLINE_SCRIPT.search(body)  # a Content-Security-Policy forbids inline scripts
    assert re.search(r'<script src="[^"]*portal/js/quick-exit\.js" defer></script>', body)


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_every_public_page_has_the_leave_button_first_in_its_language(client, site_tree, code):
    for path in public_pages(site_tree, code):
        response = client.get(path)
        assert response.status_code == 200, path
        body = response.content.decode()
        assert_quick_exit_first(body, QUICK_EXIT_DEFAULT_URL)
        assert f">{tr(code, 'Leave this site')}</a>" in body, path
        assert f'href="/{code}/browse-safely/"' in body, path


def test_not_found_and_server_error_pages_have_the_leave_button(site_tree):
    body = Client().get("/es/no-such-page/").content.decode()
    assert_quick_exit_first(body, QUICK_EXIT_DEFAULT_URL)
    assert tr("es", "Leave this site") in body

    from portal.views import server_error

    with translation.override("ar"):
        body = server_error(RequestFactory().get("/ar/")).content.decode()
    assert_quick_exit_first(body, QUICK_EXIT_DEFAULT_URL)
    assert tr("ar", "Leave this site") in body


def test_the_try_again_page_has_the_leave_button_too(django_assert_num_queries):
    """A busy database or a rate limit answers with it; it had no way out but Back."""
    from portal.middleware import try_again_response

    request = RequestFactory().get("/vi/resources/")
    with translation.override("vi"), django_assert_num_queries(0):
        response = try_again_response(request, reason="busy", status=503, retry_after=2)
        body = response.content.decode()
    assert_quick_exit_first(body, QUICK_EXIT_DEFAULT_URL)
    assert tr("vi", "Leave this site") in body


def test_the_neutral_site_is_set_in_the_site_settings(client, site_tree):
    settings = SiteSettings.for_site(site_tree.site)
    settings.quick_exit_url = "https://www.example.com/weather"
    settings.save()
    body = client.get(site_tree.page("home", "vi").url).content.decode()
    assert_quick_exit_first(body, "https://www.example.com/weather")


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_browse_safely_page_is_there_in_every_language(client, site_tree, code):
    response = client.get(f"/{code}/browse-safely/")
    assert response.status_code == 200
    body = response.content.decode()
    assert f'<html lang="{code}"' in body
    for heading in (
        "Leave quickly",
        "Use a private window",
        "Clear your history",
        "Shared phones and computers",
        "Call from a safe phone",
    ):
        translated = tr(code, heading)
        assert f"<h2>{translated}</h2>" in body
        if code != "en":
            assert translated != heading, f"{heading!r} is not translated into {code}"
    assert 'href="tel:5550107777"' in body  # the site's own hotline, from the settings
