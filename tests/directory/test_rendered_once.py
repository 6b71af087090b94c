"""Listing cards and the filter form are rendered once and reused (``core.fragments``): what a
visitor sees must still follow every change at once, the moment of the day, and what they typed."""

from datetime import datetime

import pytest
import time_machine
from django.utils import timezone

from directory.factories import ResourceFactory, hours
from directory.models import Category, Resource
from directory.vocabulary import Status

pytestmark = pytest.mark.django_db

PET_FOOD = "/en/resources/pet-food/"


@pytest.fixture
def pantry():
    pantry = ResourceFactory(
        name_en="Corner pantry",
        name_es="Despensa de la esquina",
        categories=[Category.objects.get(slug="pet-food")],
    )
    hours(pantry, 2, "09:00", "17:00")  # Wednesdays
    return pantry


def wednesday(hour):
    return timezone.make_aware(datetime(2026, 12, 2, hour))


def test_a_listing_edited_shows_its_new_name_and_status_on_the_next_request(client, pantry):
    assert "Corner pantry" in client.get(PET_FOOD).content.decode()
    pantry.name_en = "Corner pantry and clinic"
    pantry.save()
    body = client.get(PET_FOOD).content.decode()
    assert "Corner pantry and clinic" in body
    Resource.objects.filter(pk=pantry.pk).update(status=Status.TEMPORARILY_CLOSED)
    pantry.organization.save()  # any saved record of the directory: a bulk update says nothing
    assert "Temporarily closed" in client.get(PET_FOOD).content.decode()


def test_the_same_card_says_open_at_noon_and_closed_at_night(client, pantry):
    with time_machine.travel(wednesday(12)):
        assert "Open now · until 5 p.m." in client.get(PET_FOOD).content.decode()
    with time_machine.travel(wednesday(20)):
        body = client.get(PET_FOOD).content.decode()
    assert "Open now ·" not in body
    assert "Closed now · opens tomorrow at 9 a.m." not in body
    assert "Closed now · opens next Wednesday at 9 a.m." in body


def test_each_language_gets_its_own_card(client, pantry):
    assert "Corner pantry" in client.get(PET_FOOD).content.decode()
    spanish = client.get("/es/resources/pet-food/").content.decode()
    assert "Despensa de la esquina" in spanish and "Corner pantry" not in spanish


def test_a_distance_is_the_visitors_own(client, pantry):
    near = client.get(PET_FOOD, {"zip": "95814"}).content.decode()
    far = client.get(PET_FOOD, {"zip": "96161"}).content.decode()
    plain = client.get(PET_FOOD).content.decode()
    assert "away" in near and "away" in far and "away" not in plain
    assert near.count(" mi away") == far.count(" mi away") == 1
    assert near != far


def test_the_filter_form_shows_what_this_visitor_typed_and_its_error(client, pantry):
    wrong = client.get(PET_FOOD, {"zip": "9581"}).content.decode()
    assert 'value="9581"' in wrong and "Enter a five-digit ZIP code" in wrong
    right = client.get(PET_FOOD, {"zip": "95814", "species": "cat"}).content.decode()
    assert 'value="95814"' in right and "Enter a five-digit ZIP code" not in right
    assert '<option value="cat" selected>' in right
    plain = client.get(PET_FOOD).content.decode()
    assert 'value="95814"' not in plain and "selected>" not in plain.split("</form>")[0]


def test_other_services_follow_an_edit_and_never_list_the_listing_itself(client, pantry):
    food = Category.objects.get(slug="pet-food")
    others = [ResourceFactory(name_en=f"Pantry {n}", categories=[food]) for n in range(5)]
    page = f"/en/resources/listing/{pantry.pk}/"
    body = client.get(page).content.decode()
    related = body.split("Other services that may help")[1]
    assert "Corner pantry" not in related
    assert related.count('class="card"') == 4
    others[3].name_en = "A pantry, renamed"
    others[3].save()
    body = client.get(f"/en/resources/listing/{others[1].pk}/").content.decode()
    assert "A pantry, renamed" in body.split("Other services that may help")[1]
