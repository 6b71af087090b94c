"""The site's chrome (header, menus, footer) is rendered once and reused (``portal_tags.chrome``,
``core.fragments``): a published change or a settings change shows at once, what links to the
current address or belongs to one visitor stays per request, and nothing per request is kept."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from content.models import SiteSettings
from core import fragments

pytestmark = pytest.mark.django_db


def html(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def chrome_keys() -> list:
    return [key for key in fragments._store if "portal:chrome" in key]


def test_a_settings_change_shows_at_once_on_every_page(client, site_tree):
    guide = site_tree.page("guide")
    for url in ("/en/", guide.url, "/en/resources/"):
        page = html(client.get(url))
        assert "(555) 010-7777" in page
        assert "notice-banner" not in page
    settings = SiteSettings.for_site(site_tree.site)
    settings.hotline_phone = "(555) 010-9999"
    settings.emergency_notice_en = "Clinic closed Monday for the holiday."
    settings.organisation_name_en = "Renamed County Pet Help"
    settings.save()
    for url in ("/en/", guide.url, "/en/resources/"):
        page = html(client.get(url))
        assert "(555) 010-7777" not in page
        header, footer = page.split("<main", 1)[0], page.split("</main>", 1)[1]
        assert 'href="tel:5550109999"' in header and "(555) 010-9999" in footer
        assert "Clinic closed Monday for the holiday." in header
        assert f'class="site-name" href="{site_tree.page("home").url}">Renamed County' in header
        assert '<p class="site-footer__name">Renamed County Pet Help</p>' in footer


def test_a_published_menu_change_shows_at_once(client, site_tree):
    guide = site_tree.page("guide")
    guide.show_in_menus = True
    guide.save_revision().publish()
    assert f'<a href="{guide.url}">Test guide</a>' in html(client.get("/en/"))
    guide.title = "Renamed guide"
    guide.save_revision().publish()
    page = html(client.get("/en/"))
    assert f'<a href="{guide.url}">Renamed guide</a>' in page
    assert "Test guide" not in page
    guide.unpublish()
    assert "Renamed guide" not in html(client.get("/en/"))


def test_the_menu_marks_the_current_page(client, site_tree):
    guide = site_tree.page("guide")
    guide.show_in_menus = True
    guide.save_revision().publish()
    home = site_tree.page("home")
    directory, board = reverse("directory:browse"), reverse("board:board")

    def current(url):
        nav = html(client.get(url)).split('class="primary-nav"', 1)[1].split("</nav>", 1)[0]
        return re.findall(r'<a href="([^"]+)" aria-current="page"', nav)

    assert current(home.url) == [home.url]
    assert current(guide.url) == [guide.url]
    assert current(directory) == [directory]
    assert current(board) == [board]
    assert current(site_tree.page("story").url) == []  # not in the menu: nothing is current
    assert current(home.url) == [home.url]  # each kept apart, none overwrites another


def test_the_language_switcher_links_to_this_very_address(client, site_tree):
    first = html(client.get("/en/resources/", {"zip": "95814"}))
    second = html(client.get("/en/resources/", {"zip": "95616"}))
    assert "next=%2Fes%2Fresources%2F%3Fzip%3D95814" in first
    assert "next=%2Fes%2Fresources%2F%3Fzip%3D95616" in second
    assert "95814" not in second
    spanish = html(client.get(site_tree.page("guide", "es").url))
    assert re.search(r'hreflang="es" lang="es" dir="ltr" aria-current="true">[^<]+</a>', spanish)
    assert 'hreflang="en" href="http://testserver' + site_tree.page("guide").url in spanish


def test_no_address_is_kept_in_the_chrome(client, site_tree):
    """The chrome's keys name the language, the site, the home page and the menu's current
    item: asking for many addresses (any visitor can make up a query string) adds nothing."""
    fragments.fragments_clear()
    client.get("/en/resources/", {"zip": "95814"})
    client.get("/en/no-such-page/")
    kept = len(chrome_keys())
    assert kept
    for number in range(20):
        client.get("/en/resources/", {"zip": "95814", "page": str(number)})
        client.get(f"/en/no-such-page-{number}/")
    assert len(chrome_keys()) == kept
    assert not any("95814" in repr(key) or "no-such-page" in repr(key) for key in fragments._store)


def test_the_chrome_sees_nothing_of_the_request(rf, site_tree, settings, tmp_path):
    """Its templates get the values of their key only: were one of them to print the visitor's
    address, user, CSRF token or messages, it would print nothing."""
    from django.template import engines

    from portal.templatetags import portal_tags

    (tmp_path / "includes" / "chrome").mkdir(parents=True)
    probe = "[{{ request.path }}|{{ user }}|{{ csrf_token }}|{{ messages }}|{{ perms }}]"
    (tmp_path / "includes" / "chrome" / "footer.html").write_text(probe + "\n")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    assert engines["django"].engine.dirs == [tmp_path]
    request = rf.get("/en/secret-address/")
    request.user = type("User", (), {"__str__": lambda self: "staff-name"})()
    request.session = {}
    assert portal_tags._chrome_render("footer", request, None, None) == "[||||]"


def test_the_staff_userbar_and_forms_stay_per_request(client, admin_client, site_tree):
    contact = site_tree.page("contact")
    anonymous = html(client.get(contact.url))
    staff = html(admin_client.get(contact.url))
    again = html(client.get(contact.url))
    assert "wagtail-userbar" in staff
    assert "wagtail-userbar" not in anonymous and "wagtail-userbar" not in again
    survey = [html(c.get("/en/help/", follow=True)) for c in (client, Client(), client)]
    tokens = [re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', p) for p in survey]
    assert all(tokens) and tokens[0] != tokens[1]


@pytest.mark.parametrize("name", ["guide", "directory", "survey"])
def test_a_page_finds_its_site_without_a_query(client, site_tree, name):
    """Wagtail's site for the request (with its root page) comes from the shared cache
    (``SiteFromCacheMiddleware`` before Wagtail's page view; ``core.chrome.site_for_request``
    for the site settings and the chrome of every other view), not from a query a page."""
    url = {
        "guide": site_tree.page("guide").url,
        "directory": reverse("directory:browse"),
        "survey": "/en/help/needs/",
    }[name]
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    assert not [q["sql"] for q in queries.captured_queries if "wagtailcore_site" in q["sql"]]
