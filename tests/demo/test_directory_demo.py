"""The demo directory: a full fictional county, loadable again and again without duplicates."""

from datetime import time

import pytest
from django.db import transaction
from django.db.models import Q

from directory.demo import demo_directory_load, demo_hsds_id
from directory.demo_data import RESOURCES
from directory.models import (
    Category,
    Closure,
    Location,
    OpeningHours,
    Organization,
    Phone,
    Resource,
    ResourceLocation,
)
from directory.vocabulary import PhoneType, Status

pytestmark = pytest.mark.django_db

COUNTED = [Organization, Location, Resource, ResourceLocation, Phone, OpeningHours, Closure]


@pytest.fixture(scope="module")
def report(django_db_setup, django_db_blocker):
    """Load once for the module (it takes a moment), in a transaction rolled back at the end."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield demo_directory_load()
        transaction.set_rollback(True)


def counts():
    return {model.__name__: model.objects.count() for model in COUNTED}


def test_loading_again_updates_instead_of_duplicating(report):
    before = counts()
    resource = Resource.objects.get(hsds_id=demo_hsds_id("resource", RESOURCES[0]["key"]))
    resource.name_en = "Edited by hand"
    resource.save()

    again = demo_directory_load()

    assert counts() == before
    resource.refresh_from_db()
    assert resource.name_en == RESOURCES[0]["name"]["en"]
    assert "(0 new," in again[0]
    assert report[0].startswith("directory: ") and "resources in Riverbend County" in report[0]


def test_a_whole_county_across_every_category(report):
    assert Resource.objects.count() >= 80
    public = Resource.objects.public()
    for category in Category.objects.all():
        in_category = Q(categories=category) | Q(categories__parent=category)
        assert public.filter(in_category).exists(), f"no public listing in {category.slug}"
    assert "every one of the" in report[-1]


def test_listings_have_places_hours_phones_and_languages(report):
    for resource in Resource.objects.prefetch_related("resource_locations", "phones"):
        assert resource.resource_locations.all(), resource.name
        assert resource.phones.all(), resource.name
        assert resource.languages, resource.name
    placed = Q(latitude__isnull=False, longitude__isnull=False, postal_code__regex=r"^95\d{3}$")
    assert not Location.objects.exclude(placed).exists()
    overnight = OpeningHours.objects.filter(closes_at__lt=time(6), opens_at__gt=time(12))
    assert overnight.exists()
    assert Resource.objects.filter(opening_hours__isnull=True).exclude(hours_notes_en="").exists()
    assert Closure.objects.count() >= 2


def test_confidential_safe_havens_are_phone_only(report):
    confidential = Resource.objects.filter(confidential_address=True)
    assert confidential.count() >= 3
    for resource in confidential:
        assert resource.categories.filter(slug="dv-safe-haven").exists()
        assert resource.phones.filter(type=PhoneType.HOTLINE).exists()
        # Staff know where the haven is; its site is used by no public listing.
        for link in resource.resource_locations.all():
            shared = link.location.resource_locations.exclude(resource__confidential_address=True)
            assert not shared.exists(), link.location.name


def test_some_listings_are_stale_or_closed(report):
    stale = Resource.objects.needs_review()
    assert stale.filter(last_verified_at__isnull=True).count() >= 2
    assert stale.filter(last_verified_at__isnull=False).count() >= 5
    assert stale.count() < Resource.objects.count() / 4
    assert Resource.objects.filter(status=Status.TEMPORARILY_CLOSED).count() >= 2
    assert Resource.objects.filter(status=Status.INACTIVE).count() == 1


def test_spanish_is_complete_and_other_languages_partial(report):
    resources = Resource.objects.all()
    for field in ("name", "short_description", "description", "application_process"):
        assert not resources.filter(
            Q(**{f"{field}_es__isnull": True}) | Q(**{f"{field}_es": ""})
        ).exists(), field
    total = resources.count()
    for code in ("zh_hans", "vi", "ar"):
        translated = resources.exclude(**{f"name_{code}__isnull": True}).count()
        assert total / 5 < translated < total * 2 / 3, code
    assert resources.filter(name_vi__isnull=True).exists()


def test_proof_of_income_is_never_asked_for(report):
    for resource in Resource.objects.exclude(required_documents_en=""):
        assert "income" not in resource.required_documents_en.lower()
        assert "pay stub" not in resource.required_documents_en.lower()
