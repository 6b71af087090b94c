"""A listing as its page shows it, and what the cards of a category show, are read once per
process (``core.fragments.kept``, ``kept_many``) until published content changes: an edit, a new
phone line, a closure or a listing taken off shows on the next request, in every language, and a
page served again reads only what depends on the visitor's filters."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from directory.factories import ResourceFactory, hours
from directory.models import Category, Closure, Phone
from directory.vocabulary import Status

pytestmark = pytest.mark.django_db

PET_FOOD = "/en/resources/pet-food/"


def body(client, url, data=None) -> str:
    response = client.get(url, data)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


@pytest.fixture
def pantry():
    pantry = ResourceFactory(
        name_en="Corner pantry",
        name_es="Despensa de la esquina",
        categories=[Category.objects.get(slug="pet-food")],
    )
    hours(pantry, 2, "09:00", "17:00")
    return pantry


def listing(pantry, code="en") -> str:
    return f"/{code}/resources/listing/{pantry.pk}/"


def test_an_edited_listing_shows_at_once_on_its_page(client, pantry):
    assert "Corner pantry" in body(client, listing(pantry))
    pantry.name_en = "Corner pantry and clinic"
    pantry.save()
    assert "Corner pantry and clinic" in body(client, listing(pantry))
    Phone.objects.create(resource=pantry, number="(555) 010-4242")
    assert "(555) 010-4242" in body(client, listing(pantry))


def test_a_closure_shows_at_once_on_the_page_and_the_card(client, pantry):
    with time_machine.travel(timezone.make_aware(datetime(2026, 12, 2, 12))):  # a Wednesday
        assert "Open now · until 5 p.m." in body(client, PET_FOOD)
        body(client, listing(pantry))
        today = timezone.localdate()
        Closure.objects.create(
            resource=pantry, start_date=today, end_date=today + timedelta(days=3), reason_en="Move"
        )
        assert "Move" in body(client, listing(pantry))
        assert "Open now · until 5 p.m." not in body(client, PET_FOOD)


def test_a_listing_taken_off_is_gone_at_once(client, pantry):
    body(client, listing(pantry)), body(client, PET_FOOD)
    pantry.status = Status.INACTIVE
    pantry.save()
    assert client.get(listing(pantry)).status_code == 410
    assert "Corner pantry" not in body(client, PET_FOOD)


def test_each_language_reads_its_own_text_from_the_same_listing(client, pantry):
    for _ in range(2):
        english, spanish = body(client, listing(pantry)), body(client, listing(pantry, "es"))
        assert "Corner pantry" in english and "Despensa de la esquina" not in english
        assert "Despensa de la esquina" in spanish
        cards_es = body(client, "/es/resources/pet-food/")
        assert "Despensa de la esquina" in cards_es


def test_pages_served_again_read_only_what_the_filters_decide(client, pantry):
    """Served again, a listing page reads nothing, and a category page only which listings
    its filters and order find (the count, the page of ids, nearest first by distance bands):
    never the listings' details, hours, closures or places again."""
    details = ("directory_openinghours", "directory_closure", "directory_phone")
    cases = [(listing(pantry), None), (PET_FOOD, None), (PET_FOOD, {"zip": "95814"})]
    for url, data in cases:
        body(client, url, data), body(client, url, data)  # the first also creates the settings
        with CaptureQueriesContext(connection) as queries:
            body(client, url, data)
        sqls = [q["sql"] for q in queries]
        if url == listing(pantry):
            assert sqls == []
        assert not [sql for sql in sqls if any(f'FROM "{table}"' in sql for table in details)]
        assert not [
            sql
            for sql in sqls
            if sql.startswith(
                'SELECT "directory_resource"."id", "directory_resource"."organization_id"'
            )
        ]


def test_the_browse_page_counts_a_new_listing_at_once(client, pantry):
    def pet_food_tile():
        page = body(client, "/en/resources/")
        return page.split('href="/en/resources/pet-food/"', 1)[1].split("</li>", 1)[0]

    assert "1 service" in pet_food_tile()
    ResourceFactory(name_en="Second pantry", categories=[Category.objects.get(slug="pet-food")])
    assert "2 services" in pet_food_tile()
