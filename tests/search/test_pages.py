"""The search pages as visitors and directory editors use them."""

import pytest
from django.contrib.auth.models import Group

from directory.factories import ResourceFactory
from directory.models import Category
from search.indexing import rebuild_all
from search.models import QueryRecord

pytestmark = pytest.mark.django_db


@pytest.fixture
def listings():
    food = Category.objects.get(slug="pet-food")
    ResourceFactory(
        name_en="Saturday pet food pantry",
        name_es="Despensa de comida del sábado",
        categories=[food],
        cost="free",
    )
    ResourceFactory(
        name_en="Kibble delivery",
        short_description_en="Pet food brought home.",
        categories=[food],
        cost="fee",
    )
    rebuild_all()


@pytest.mark.parametrize(
    ("lang", "direction"),
    [("en", "ltr"), ("es", "ltr"), ("zh-hans", "ltr"), ("vi", "ltr"), ("ar", "rtl")],
)
def test_results_page_in_every_language(client, listings, lang, direction):
    body = client.get(f"/{lang}/search/?q=food").content.decode()
    assert f'lang="{lang}"' in body and f'dir="{direction}"' in body
    assert "Saturday pet food pantry" in body or "Despensa de comida" in body


def test_results_highlight_count_and_removable_filters(client, listings):
    body = client.get("/en/search/?q=food&cost=free").content.decode()
    assert "1 service" in body
    assert "Saturday pet <mark>food</mark> pantry" in body
    assert "Kibble delivery" not in body
    assert 'href="?q=food"' in body  # removing the cost filter keeps the words


def test_nothing_found_offers_kinds_of_help_and_the_hotline(client, site, listings):
    from content.factories import SITE_SETTINGS

    body = client.get("/en/search/?q=zzqqxx").content.decode()
    assert "No service matches these words" in body
    assert f"<bdi>{SITE_SETTINGS['hotline_phone']}</bdi>" in body.split('id="search-hotline"')[1]
    assert "/en/resources/" in body


def test_each_search_is_counted_without_who_searched(client, listings):
    client.get("/en/search/?q=Pet+Food", REMOTE_ADDR="203.0.113.9")
    client.get("/en/search/?q=pet%20food")
    client.get("/en/search/?q=pet+food&page=2")  # a further page is the same search
    record = QueryRecord.objects.get()
    assert (record.query, record.language, record.searches, record.results) == (
        "pet food",
        "en",
        2,
        2,
    )
    assert "203.0.113.9" not in str(QueryRecord.objects.values().get())


def test_suggestions_while_typing(client, listings):
    data = client.get("/en/search/suggest/?q=satur").json()
    assert {"text": "Saturday pet food pantry", "kind": "resource"} in data["suggestions"]
    assert client.get("/en/search/suggest/?q=").json() == {"suggestions": []}
    # A NUL or another control character typed or pasted is read as a space (PostgreSQL
    # refuses NUL in any text, which answered 500 on that database).
    data = client.get("/en/search/suggest/", {"q": "satur\x00\x07"}).json()
    assert {"text": "Saturday pet food pantry", "kind": "resource"} in data["suggestions"]


def test_the_search_box_is_on_the_directory_and_in_the_header(client, listings):
    assert 'id="directory-search"' in client.get("/en/resources/").content.decode()
    assert 'id="header-search"' in client.get("/en/resources/pet-food/").content.decode()


@pytest.mark.parametrize(
    ("group", "allowed"), [("Directory editors", True), ("Case managers", False)]
)
def test_only_directory_editors_see_what_people_search_for(
    client, django_user_model, listings, group, allowed
):
    client.get("/en/search/?q=zzqqxx")
    user = django_user_model.objects.create_user("eve", password="x")
    user.groups.add(Group.objects.get_or_create(name=group)[0])
    client.force_login(user)
    response = client.get("/admin/search/queries/")
    if allowed:
        assert response.status_code == 200
        assert "zzqqxx" in response.content.decode()
        synonyms = client.get("/admin/snippets/search/synonymgroup/")
        assert synonyms.status_code == 200
    else:
        assert response.status_code in (302, 403)


def test_the_results_on_screen_can_be_printed_or_sent_as_they_are(client, listings):
    import re

    from messaging.models import Message

    body = client.get("/en/search/?q=food&cost=free").content.decode()
    send = re.search(r'href="(/en/resources/send/\?[^"]+)"', body).group(1).replace("&amp;", "&")
    printed = (
        re.search(r'href="(/en/resources/print/\?[^"]+)"', body).group(1).replace("&amp;", "&")
    )
    assert "Print this service" in body
    # Only the listing on screen (the cost filter left "Kibble delivery" out), on paper and sent.
    page = client.get(printed).content.decode()
    assert "Saturday pet food pantry" in page and "Kibble delivery" not in page
    client.post(send, {"channel": "email", "to": "me@example.org"})
    message = Message.objects.get()
    assert "Saturday pet food pantry" in message.body and "Kibble" not in message.body


@pytest.mark.parametrize(("zip_code", "outside"), [("10001", True), ("95814", False)])
def test_a_zip_code_outside_the_area_served_is_said_with_the_hotline(
    client, site, listings, zip_code, outside
):
    """New York's 10001 listed Sacramento's services "about 2,488 mi" away with no word."""
    from content.factories import SITE_SETTINGS

    body = client.get(f"/es/search/?q=food&zip={zip_code}").content.decode()
    notice = f"{zip_code} está fuera de la zona que atendemos."
    assert (notice in body) is outside
    if outside:
        assert f"<bdi>{SITE_SETTINGS['hotline_phone']}</bdi>" in body.split('id="outside-area"')[1]


def test_the_results_page_reads_as_many_queries_for_twenty_results_as_for_two(client, listings):
    """No query per result card (its places, hours, closures, organisation, categories)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from directory.factories import LocationFactory, hours

    path = "/en/search/?q=food&zip=95814"

    def queries() -> tuple[int, str]:
        """The queries of the directory and search (the site's chrome is cached or not)."""
        client.get(path)  # what a process reads once (the vocabulary)
        with CaptureQueriesContext(connection) as captured:
            body = client.get(path).content.decode()
        sqls = [q["sql"] for q in captured.captured_queries]
        return len([s for s in sqls if "directory_" in s or "search_" in s]), body

    two, body = queries()
    assert "2 services" in body
    food = Category.objects.get(slug="pet-food")
    for n in range(20):
        listing = ResourceFactory(
            name_en=f"Food bank {n}",
            categories=[food],
            location=LocationFactory(postal_code="95814", latitude=38.58, longitude=-121.49),
        )
        hours(listing, n % 7, "09:00", "17:00")
    rebuild_all()
    twenty, body = queries()
    assert "22 services" in body and body.count("Food bank") >= 18
    assert twenty <= two <= 20


def test_the_page_says_when_the_counts_beside_the_filters_are_of_the_first_thousand(
    client, listings, monkeypatch
):
    """The database engine counts each facet over the first 1,000 listings found (here the
    cap is 1, and two listings hold "food"); below the cap the numbers are every result's."""
    note = "The numbers beside each choice count the first 1,000 services found."
    assert note not in client.get("/en/search/?q=food").content.decode()
    from search.engines import database

    monkeypatch.setattr(database, "MAX_RESULTS", 1)
    assert note in client.get("/en/search/?q=food").content.decode()
