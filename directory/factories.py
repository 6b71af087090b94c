"""factory_boy factories for directory tests. Translated fields are set per language:
``ResourceFactory(name_es="...")``; English is always filled in."""

from datetime import time

import factory
from django.utils import timezone

from .models import (
    Category,
    Location,
    OpeningHours,
    Organization,
    Phone,
    Resource,
    ResourceLocation,
)
from .services import listing_order_refresh
from .vocabulary import Cost, PhoneType


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name_en = factory.Sequence(lambda n: f"Community Helpers {n}")


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location

    name_en = factory.Sequence(lambda n: f"Community centre {n}")
    address_1 = factory.Sequence(lambda n: f"{100 + n} Mill Road")
    city = "Testville"
    state_province = "CA"
    postal_code = "95814"
    latitude = 38.5804
    longitude = -121.4922


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    slug = factory.Sequence(lambda n: f"test-category-{n}")
    name_en = factory.Sequence(lambda n: f"Test category {n}")


class ResourceFactory(factory.django.DjangoModelFactory):
    """A public listing with one location, one phone and no hours, checked today."""

    class Meta:
        model = Resource
        skip_postgeneration_save = True

    organization = factory.SubFactory(OrganizationFactory)
    name_en = factory.Sequence(lambda n: f"Pet food pantry {n}")
    short_description_en = "Free dog and cat food, no questions asked."
    cost = Cost.FREE
    languages = ["en", "es"]
    species = ["dog", "cat"]
    last_verified_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def categories(self, create, extracted, **kwargs):
        if create and extracted:
            self.categories.add(*extracted)
            listing_order_refresh(resource_ids=[self.pk])  # as the admin's save does

    @factory.post_generation
    def location(self, create, extracted, **kwargs):
        """``location=None`` for none, a Location to use it, else a new one."""
        if not create or extracted is False:
            return
        location = extracted or LocationFactory(organization=self.organization)
        ResourceLocation.objects.create(resource=self, location=location)

    @factory.post_generation
    def phone(self, create, extracted, **kwargs):
        if create and extracted is not False:
            Phone.objects.create(
                resource=self, number=extracted or "(555) 010-2000", type=PhoneType.VOICE
            )


def hours(resource, weekday, opens, closes, location=None):
    """An opening period from "HH:MM" strings."""
    return OpeningHours.objects.create(
        resource=resource,
        weekday=weekday,
        opens_at=time.fromisoformat(opens),
        closes_at=time.fromisoformat(closes),
        location=location,
    )
