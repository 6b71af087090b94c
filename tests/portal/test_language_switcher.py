from urllib.parse import parse_qs, urlparse

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def switcher_links(response):
    """The language switcher's links, as {language: (switch URL, next)}."""
    links = {}
    for version in response.context["versions"]:
        query = parse_qs(urlparse(version["switch_url"]).query)
        links[version["code"]] = (version["switch_url"], query["next"][0])
    return links


def test_switcher_keeps_the_visitor_on_the_translated_page(client, site_tree):
    guide = site_tree.page("guide")
    spanish = site_tree.page("guide", "es")
    assert (
        spanish.slug != guide.slug
    )  # translated slug: the switcher must follow the page, not the URL

    links = switcher_links(client.get(guide.url))
    switch_url, next_url = links["es"]
    assert next_url == spanish.url

    response = client.get(switch_url)
    assert response.status_code == 302
    assert response["Location"] == spanish.url
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "es"
    assert "Saltar al contenido principal" in client.get(response["Location"]).content.decode()


def test_switcher_on_a_non_page_view_keeps_the_same_url(client):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    _switch_url, next_url = switcher_links(response)["vi"]
    assert next_url == "/vi/no-such-page/"


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example.com/",
        "//evil.example.com/en/",
        "/\\evil.example.com",
        "javascript:alert(1)",
        "http://testserver.evil.example.com/",
    ],
)
def test_next_cannot_redirect_off_site(client, target):
    response = client.get("/language/es/", {"next": target})
    assert response.status_code == 302
    assert response["Location"] == "/es/"


def test_unknown_language_is_refused(client):
    assert client.get("/language/klingon/", {"next": "/en/"}, follow=True).status_code == 404
