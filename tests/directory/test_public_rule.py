"""Which listings are public is defined once (``directory.models.PUBLIC_STATUSES``): every reader
follows that one definition, so narrowing it hides a listing everywhere at once."""

import pytest
from django.urls import reverse

from directory import models
from directory.factories import ResourceFactory
from directory.hsds.exporter import hsds_documents
from directory.models import Category, Resource
from directory.selectors import category_tree
from directory.vocabulary import Status

pytestmark = pytest.mark.django_db


def test_is_public_agrees_with_the_queryset():
    listings = [ResourceFactory(status=status) for status in Status.values]
    public = set(Resource.objects.public().values_list("pk", flat=True))
    assert {r.pk for r in listings if r.is_public} == public & {r.pk for r in listings}
    assert {r.status for r in listings if r.is_public} == {
        Status.ACTIVE,
        Status.TEMPORARILY_CLOSED,
    }


def test_every_reader_follows_the_one_definition(client, monkeypatch):
    pet_food = Category.objects.get(slug="pet-food")
    closed = ResourceFactory(
        name_en="Holiday pantry", categories=[pet_food], status=Status.TEMPORARILY_CLOSED
    )
    ResourceFactory(name_en="Open pantry", categories=[pet_food])

    def readers():
        count = next(c for c in category_tree() if c.slug == "pet-food").resource_count
        category = client.get(reverse("directory:category", args=["pet-food"])).content.decode()
        listing = client.get(reverse("directory:resource", args=[closed.pk])).status_code
        printed = client.get(reverse("directory:print_category", args=["pet-food"]))
        api = client.get("/api/hsds/services").json()["contents"]
        exported = hsds_documents()["services.json"]["contents"]
        return {
            "count": count,
            "category page": "Holiday pantry" in category,
            "listing page": listing,
            "printed list": "Holiday pantry" in printed.content.decode(),
            "api": any(s["name"] == "Holiday pantry" for s in api),
            "export": any(s["name"] == "Holiday pantry" for s in exported),
        }

    shown = {
        "count": 2,
        "category page": True,
        "listing page": 200,
        "printed list": True,
        "api": True,
        "export": True,
    }
    assert readers() == shown
    monkeypatch.setattr(models, "PUBLIC_STATUSES", (Status.ACTIVE,))
    assert not closed.is_public
    assert readers() == {
        "count": 1,
        "category page": False,
        "listing page": 410,  # "this service has ended"
        "printed list": False,
        "api": False,
        "export": False,
    }
