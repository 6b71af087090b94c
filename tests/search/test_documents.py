"""What a listing's search document holds (both engines index it), built in bulk: a few queries
per chunk of listings, whatever their number."""

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from directory.factories import LocationFactory, OrganizationFactory, ResourceFactory, hours
from directory.hours import minute_of_week
from directory.models import MINUTES_PER_WEEK, Category, Closure, ResourceLocation
from directory.selectors import ListingFilters, resources_filtered
from directory.vocabulary import Status
from search.documents import iter_documents

pytestmark = pytest.mark.django_db


def test_a_document_holds_every_text_filter_value_place_and_period_of_a_listing():
    emergency = Category.objects.get(slug="vet-emergency")  # under vet-care
    food = Category.objects.get(slug="pet-food")
    organization = OrganizationFactory(name_en="Riverbend Animal Aid", name_es="Ayuda Animal")
    place = LocationFactory(postal_code="95814", latitude=38.58, longitude=-121.49)
    listing = ResourceFactory(
        organization=organization,
        name_en="Night emergency vet",
        name_es="Veterinario de emergencia nocturno",
        short_description_en="Open all night.",
        description_en="Surgery and urgent care.",
        short_description_es="Abierto toda la noche.",
        eligibility_description_en="Anyone.",
        cost_description_en="Payment plans.",
        categories=[emergency, food],
        cost="low_cost",
        species=["dog"],
        languages=["en", "vi"],
        location=place,
    )
    hours(listing, 4, "20:00", "02:00")
    hours(listing, 0, "09:00", "17:00")
    Closure.objects.create(
        resource=listing, start_date=date(2026, 12, 24), end_date=date(2026, 12, 26)
    )
    [document] = list(iter_documents())
    assert document.id == listing.pk and document.status == Status.ACTIVE
    assert (document.cost, document.species, document.spoken) == ("low_cost", ["dog"], ["en", "vi"])
    assert document.categories == ["vet-emergency", "vet-care", "pet-food"]
    assert document.points == [(38.58, -121.49)] and document.confidential is False
    friday = 4 * 24 * 60
    assert document.open_minutes == [(9 * 60, 17 * 60), (friday + 20 * 60, friday + 26 * 60)]
    assert document.closures == [(date(2026, 12, 24), date(2026, 12, 26))]
    assert set(document.texts) == {"en", "es"}  # nothing of it is written in the others
    english, spanish = document.texts["en"], document.texts["es"]
    assert english["name"] == "Night emergency vet"
    assert english["organization"] == "Riverbend Animal Aid"
    assert english["description"] == "Open all night.\nSurgery and urgent care."
    assert english["summary"] == "Open all night."
    assert english["eligibility"] == "Anyone.\nPayment plans."
    assert english["spoken"] == "English Vietnamese"
    assert english["categories"].split(" · ") == [
        emergency.name_en,
        emergency.parent.name_en,
        food.name_en,
    ]
    assert (
        spanish["organization"] == "Ayuda Animal" and spanish["summary"] == "Abierto toda la noche."
    )
    assert spanish["spoken"] == "Inglés Vietnamita"
    assert spanish["categories"].split(" · ")[0] == emergency.name_es


def test_a_place_shared_with_a_safe_haven_is_in_neither_document():
    shared = LocationFactory(postal_code="95814", latitude=38.58, longitude=-121.49)
    haven = ResourceFactory(name_en="Safe haven", confidential_address=True, location=shared)
    office = ResourceFactory(name_en="Office", location=shared)
    ResourceLocation.objects.create(
        resource=office, location=LocationFactory(latitude=38.6, longitude=-121.5)
    )
    documents = {d.id: d for d in iter_documents()}
    assert documents[haven.pk].points == [] and documents[haven.pk].confidential is True
    assert documents[office.pk].points == [(38.6, -121.5)]


def test_documents_are_built_in_a_few_queries_per_chunk(django_assert_num_queries):
    for n in range(12):
        listing = ResourceFactory(name_en=f"Pantry {n}", categories=[Category.objects.first()])
        hours(listing, n % 7, "09:00", "17:00")
    ResourceFactory(name_en="Closed for good", status=Status.INACTIVE)
    # Per chunk of 5: the listings, then their categories, places, hours and closures; and
    # the query that finds the chunk after the last empty.
    with django_assert_num_queries(3 * 5 + 1):
        documents = list(iter_documents(chunk_size=5))
    assert len(documents) == 12


@pytest.mark.parametrize(
    ("weekday", "opens", "closes"),
    [
        (2, "09:00", "17:00"),
        (6, "22:00", "02:00"),  # Sunday night, into Monday: past the end of the week
        (3, "00:00", "23:59"),  # the whole day
        (1, "10:00", "10:00"),  # round the clock, into the next day
        (4, "18:30", "00:00"),  # until midnight
    ],
)
def test_a_document_is_open_at_the_minutes_the_directory_says_it_is(weekday, opens, closes):
    """The index's "open now" ranges are the directory's own (one rule): at every half hour of
    the week, the listing is within one of its document's ranges exactly when the directory's
    "open now" filter lists it."""
    listing = ResourceFactory(name_en="Night vet")
    hours(listing, weekday, opens, closes)
    [document] = list(iter_documents())
    monday = timezone.make_aware(datetime(2026, 11, 30))
    for step in range(7 * 48):
        moment = monday + timedelta(minutes=30 * step)
        minute = minute_of_week(moment)
        in_document = any(
            start <= m < end
            for start, end in document.open_minutes
            for m in (minute, minute + MINUTES_PER_WEEK)
        )
        listed = resources_filtered(filters=ListingFilters(open_now=True), now=moment).exists()
        assert in_document == listed, moment
