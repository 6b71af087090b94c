"""The order of a category's listings (issue 9): by what the category is for, editors' weights
first, then distance from a ZIP code or the name; kept up to date by every writer of categories.

The taxonomy comes with the migrations: under veterinary care, emergency vet care comes first
(``sort_order`` 0), then wellness, spay and neuter, microchips, end-of-life care."""

import json
from datetime import date, datetime
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation

from directory.factories import LocationFactory, ResourceFactory, hours
from directory.models import Category, CategoryListing, Closure
from directory.selectors import nearby
from directory.selectors.listings import ListingFilters, listing_page, resources_for_print
from directory.services import listing_order_refresh
from directory.vocabulary import Cost, Status, Weekday

pytestmark = pytest.mark.django_db

NEAR_95814 = {"postal_code": "95814", "latitude": 38.581, "longitude": -121.494}
FAR_FROM_95814 = {"postal_code": "95670", "latitude": 38.6, "longitude": -121.27}  # ~12 mi


def category(slug):
    return Category.objects.get(slug=slug)


def listing(name, slugs, place=NEAR_95814, **fields):
    return ResourceFactory(
        name_en=name,
        categories=[category(slug) for slug in slugs],
        location=LocationFactory(**place),
        **fields,
    )


def page_names(slug="vet-care", lang="en", client=None, **query):
    if client is not None:
        with translation.override(lang):
            path = reverse("directory:category", args=[slug])
        response = client.get(f"{path}?{urlencode(query)}")
        assert response.status_code == 200
        return response.content.decode()
    page = listing_page(
        category=category(slug), filters=ListingFilters(**query), language=lang, per_page=50
    )
    return [resource.name for resource in page.object_list]


@pytest.fixture
def vet_care():
    chips = listing("$10 microchips and free registration", ["microchip"])
    spay = listing("Affordable spay and neuter", ["spay-neuter"], NEAR_95814)
    urgent = listing("Riverbend urgent care", ["vet-emergency"], FAR_FROM_95814)
    # In two parents: grief support is mental health care first, but under veterinary care it is
    # end-of-life care, the last of them (its rank elsewhere does not lift it here).
    grief = listing("A pet loss support group", ["end-of-life", "mental-health"])
    return chips, spay, urgent, grief


def test_without_a_zip_code_urgent_care_comes_before_ten_dollar_microchips(client, vet_care):
    assert page_names() == [
        "Riverbend urgent care",
        "Affordable spay and neuter",
        "$10 microchips and free registration",
        "A pet loss support group",
    ]
    body = page_names(client=client)
    assert body.index("Riverbend urgent care") < body.index("$10 microchips")


def test_with_a_zip_code_urgent_care_ranks_above_nearer_spay_and_neuter(client, vet_care):
    # Spay and neuter is next door to 95814, the urgent care clinic 12 miles away.
    assert page_names(zip_code="95814") == [
        "Riverbend urgent care",
        "Affordable spay and neuter",
        "$10 microchips and free registration",
        "A pet loss support group",
    ]
    body = page_names(client=client, zip="95814")
    assert body.index("Riverbend urgent care") < body.index("Affordable spay and neuter")


def test_within_the_same_purpose_the_nearest_comes_first():
    far = listing("Another clinic, far", ["vet-emergency"], FAR_FROM_95814)
    near = listing("Zebra emergency clinic, near", ["vet-emergency"], NEAR_95814)
    assert page_names(zip_code="95814") == [near.name, far.name]
    assert page_names() == [far.name, near.name]  # by name without a ZIP code


def test_a_subcategory_page_is_by_name_or_distance_alone():
    """On a subcategory's own page every listing is there for the same purpose: a listing that is
    also urgent care does not jump ahead in microchips."""
    also_urgent = listing("Zoo microchips and urgent care", ["microchip", "vet-emergency"])
    chips = listing("$10 microchips", ["microchip"], FAR_FROM_95814)
    assert page_names("microchip") == [chips.name, also_urgent.name]
    assert page_names("microchip", zip_code="95814") == [also_urgent.name, chips.name]
    assert page_names() == [also_urgent.name, chips.name]  # under the parent it is urgent care


def test_a_listing_filed_under_the_parent_alone_comes_after_its_subcategories():
    general = listing("A general vet practice", ["vet-care"])
    chips = listing("Microchips", ["microchip"])
    assert page_names() == [chips.name, general.name]


def test_names_in_the_visitors_language_order_a_purpose():
    first = listing("Zeta clinic", ["vet-emergency"], name_es="Ayuda urgente")
    second = listing("Beta clinic", ["vet-emergency"])  # no Spanish name: read in English
    assert page_names(lang="es") == [first.name_en, second.name_en]
    assert page_names(lang="en") == [second.name_en, first.name_en]


def editor_client(client, django_user_model):
    editor = django_user_model.objects.create_user("dana", password="x")
    editor.groups.add(Group.objects.get_or_create(name="Directory editors")[0])
    client.force_login(editor)
    return client


def admin_post(client, url, changes, *, categories=None):
    """The admin edit form posted back as it came, with ``changes``."""
    form = client.get(url).context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is not None and name != "mark_checked":
            data[name] = value
    for formset_name in getattr(form, "formsets", {}):
        data[f"{formset_name}-TOTAL_FORMS"] = 0
        data[f"{formset_name}-INITIAL_FORMS"] = 0
        data[f"{formset_name}-MIN_NUM_FORMS"] = 0
        data[f"{formset_name}-MAX_NUM_FORMS"] = 1000
    if categories is not None:
        data["categories"] = categories
    data.update(changes)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    return response


def test_an_editor_pins_a_listing_to_the_top_in_the_admin(client, django_user_model, vet_care):
    chips = vet_care[0]
    editor_client(client, django_user_model)
    url = reverse("wagtailsnippets_directory_resource:edit", args=[chips.pk])
    assert "before every listing with a lower one" in client.get(url).content.decode()  # help
    admin_post(client, url, {"list_weight": 1}, categories=[category("microchip").pk])
    assert page_names()[0] == chips.name
    assert page_names(zip_code="95814")[0] == chips.name
    assert page_names("microchip")[0] == chips.name
    # and the print list follows the page
    printed = resources_for_print(category=category("vet-care"))
    assert printed[0] == chips


def test_a_negative_weight_moves_a_listing_to_the_end(vet_care):
    urgent = vet_care[2]
    urgent.list_weight = -1
    urgent.save()
    listing_order_refresh(resource_ids=[urgent.pk])
    assert page_names()[-1] == urgent.name


def test_categories_changed_in_the_admin_move_the_listing(client, django_user_model, vet_care):
    chips = vet_care[0]
    editor_client(client, django_user_model)
    url = reverse("wagtailsnippets_directory_resource:edit", args=[chips.pk])
    admin_post(client, url, {}, categories=[category("vet-emergency").pk])
    assert page_names()[0] == chips.name  # now urgent care, and by name before Riverbend's
    assert chips.name not in page_names("microchip")


def test_reordering_categories_in_the_admin_reorders_the_listings(
    client, django_user_model, vet_care
):
    editor_client(client, django_user_model)
    chips = category("microchip")
    url = reverse("wagtailsnippets_directory_category:edit", args=[chips.pk])
    admin_post(client, url, {"sort_order": 0})
    urgent = category("vet-emergency")
    url = reverse("wagtailsnippets_directory_category:edit", args=[urgent.pk])
    admin_post(client, url, {"sort_order": 9})
    names = page_names()
    assert names.index("$10 microchips and free registration") < names.index(
        "Riverbend urgent care"
    )
    assert names[-1] == "Riverbend urgent care"


def test_a_subcategory_moved_to_another_parent_leaves_the_old_one(
    client, django_user_model, vet_care
):
    editor_client(client, django_user_model)
    chips = category("microchip")
    url = reverse("wagtailsnippets_directory_category:edit", args=[chips.pk])
    admin_post(client, url, {"parent": category("lost-found").pk})
    assert "$10 microchips and free registration" not in page_names()
    assert page_names("lost-found") == ["$10 microchips and free registration"]


def test_a_deleted_subcategory_takes_its_listings_off_the_parents_page(client, django_user_model):
    editor_client(client, django_user_model)
    extra = Category.objects.create(slug="vet-extra", name_en="Extra", parent=category("vet-care"))
    listing("Only in the extra one", ["vet-extra"])
    assert page_names() == ["Only in the extra one"]
    url = reverse("wagtailsnippets_directory_category:delete", args=[extra.pk])
    assert client.post(url).status_code == 302
    assert page_names() == []
    assert not CategoryListing.objects.exists()


def test_the_search_squares_never_put_a_nearer_listing_before_a_pinned_far_one(monkeypatch):
    """Nearest first looks in small squares around the ZIP code first; a pinned listing (or one
    of a more urgent purpose) outside the square still comes first."""
    monkeypatch.setattr(nearby, "RING_AFTER", 0)  # the squares even for a short list
    near = [listing(f"Spay clinic {n}", ["spay-neuter"], NEAR_95814) for n in range(3)]
    pinned = listing("Pinned far away", ["microchip"], FAR_FROM_95814, list_weight=2)
    urgent_far = listing("Urgent far away", ["vet-emergency"], FAR_FROM_95814)
    names = page_names(zip_code="95814")
    assert names == [pinned.name, urgent_far.name, *(r.name for r in near)]
    page = listing_page(
        category=category("vet-care"), filters=ListingFilters(zip_code="95814"), per_page=2
    )
    assert [r.name for r in page.object_list] == [pinned.name, urgent_far.name]


def test_the_squares_rank_the_same_as_the_whole_list(monkeypatch):
    places = [
        {"postal_code": "95814", "latitude": 38.581 + n * 0.01, "longitude": -121.494}
        for n in range(8)
    ]
    slugs = ["vet-emergency", "spay-neuter", "vet-wellness", "microchip"]
    for n, place in enumerate(places):
        listing(f"Listing {n}", [slugs[n % 4]], place, list_weight=1 if n == 7 else 0)
    whole = page_names(zip_code="95814")
    monkeypatch.setattr(nearby, "RING_AFTER", 0)
    assert page_names(zip_code="95814") == whole
    # Pages of one (a band holds more than a page: its nearest are looked for in the squares)
    # and of three (bands taken whole), each the same slice of the whole list.
    for per_page in (1, 3):
        for number in range(1, -(-len(whole) // per_page) + 1):
            page = listing_page(
                category=category("vet-care"),
                filters=ListingFilters(zip_code="95814"),
                per_page=per_page,
                page=number,
            )
            expected = whole[(number - 1) * per_page : number * per_page]
            assert [r.name for r in page.object_list] == expected


def test_a_confidential_listing_is_ranked_by_purpose_without_a_distance():
    haven = listing("Safe haven vet fund", ["vet-emergency"], confidential_address=True)
    near = listing("Near urgent care", ["vet-emergency"], NEAR_95814)
    chips = listing("Chips next door", ["microchip"], NEAR_95814)
    # Its place is never measured from: after the urgent care that has a distance, still
    # before the less urgent purpose.
    assert page_names(zip_code="95814") == [near.name, haven.name, chips.name]


# --- Nearest first with filters: the few that may pass, ranked by distance ------------------------

WEDNESDAY_NOON = datetime(2026, 12, 2, 12, 0, tzinfo=ZoneInfo(settings.TIME_ZONE))


def nearest_names(*, per_page=50, page=1, slug="vet-care", **filters):
    """The listings of a page at noon on a Wednesday, nearest to 95814 first."""
    listed = listing_page(
        category=category(slug),
        filters=ListingFilters(zip_code="95814", **filters),
        page=page,
        per_page=per_page,
        now=WEDNESDAY_NOON,
        language="en",
    )
    return [resource.name for resource in listed.object_list]


@pytest.fixture
def urgent_care_around():
    """Twelve urgent care listings north of 95814, free or not, open on Wednesdays or not; some
    share a place (as near as each other: then by name)."""
    resources, place = [], None
    for n in range(12):
        if n % 4 != 1:  # the second of every four shares the place of the first
            place = LocationFactory(
                postal_code="95814", latitude=38.581 + n * 0.004, longitude=-121.494
            )
        resource = ResourceFactory(
            name_en=f"Urgent care {11 - n:02d}",  # names run against the distance
            categories=[category("vet-emergency")],
            location=place,
            cost=Cost.FREE if n % 3 else Cost.FEE,
        )
        if n % 5:
            hours(resource, Weekday.WEDNESDAY, "09:00", "17:00")
        resources.append(resource)
    return resources


@pytest.mark.parametrize(
    "filters",
    [{"open_now": True, "costs": ("free",)}, {"open_now": True}, {"costs": ("free",)}, {}],
    ids=["open-and-free", "open", "free", "none"],
)
def test_nearest_first_with_filters_is_the_same_however_it_is_found(
    monkeypatch, urgent_care_around, filters
):
    """A short list is ranked at once; a long one band by band, in the squares around the ZIP
    code, or (when few of a band's listings may pass the filters) by ranking those few and
    checking them nearest first. Every way gives the pages of the whole ranking."""
    passing = [
        resource
        for resource in urgent_care_around
        if (not filters.get("costs") or resource.cost in filters["costs"])
        and (not filters.get("open_now") or resource.opening_hours.exists())
    ]
    place = {r.pk: r.resource_locations.get().location.latitude for r in passing}
    expected = [r.name for r in sorted(passing, key=lambda r: (place[r.pk], r.name))]
    assert nearest_names(**filters) == expected
    monkeypatch.setattr(nearby, "RING_AFTER", 0)
    monkeypatch.setattr(nearby, "CHECKED_FIRST", 1)  # a few at a time, more each time
    for band_ranked in (0, 10_000):  # in the squares; the few that may pass
        monkeypatch.setattr(nearby, "BAND_RANKED", band_ranked)
        for per_page in (1, 3, 5):
            pages = [
                nearest_names(per_page=per_page, page=number, **filters)
                for number in range(1, -(-len(expected) // per_page) + 1)
            ]
            assert sum(pages, []) == expected, (band_ranked, per_page)


def few_may_pass_first(**filters):
    """The first listing nearest to 95814, ranked among the few that may pass the filters."""
    return nearest_names(per_page=1, **filters)


@pytest.fixture
def long_list(monkeypatch):
    monkeypatch.setattr(nearby, "RING_AFTER", 0)  # a long list: band by band


def test_a_listing_made_free_in_the_admin_comes_first_among_the_free_ones(
    client, django_user_model, long_list
):
    near = listing("Near clinic", ["vet-emergency"], NEAR_95814, cost=Cost.FEE)
    listing("Far clinic", ["vet-emergency"], FAR_FROM_95814, cost=Cost.FREE)
    assert few_may_pass_first(costs=("free",)) == ["Far clinic"]
    editor_client(client, django_user_model)
    url = reverse("wagtailsnippets_directory_resource:edit", args=[near.pk])
    admin_post(client, url, {"cost": Cost.FREE}, categories=[category("vet-emergency").pk])
    assert few_may_pass_first(costs=("free",)) == ["Near clinic"]
    admin_post(client, url, {"cost": Cost.FEE}, categories=[category("vet-emergency").pk])
    assert few_may_pass_first(costs=("free",)) == ["Far clinic"]


def test_a_listing_reopened_in_the_admin_comes_first_among_those_open_now(
    client, django_user_model, long_list
):
    near = listing("Near clinic", ["vet-emergency"], NEAR_95814, status=Status.TEMPORARILY_CLOSED)
    far = listing("Far clinic", ["vet-emergency"], FAR_FROM_95814)
    editor_client(client, django_user_model)
    url = reverse("wagtailsnippets_directory_resource:edit", args=[near.pk])
    admin_post(client, url, {"status": Status.ACTIVE}, categories=[category("vet-emergency").pk])
    for resource in (near, far):
        hours(resource, Weekday.WEDNESDAY, "09:00", "17:00")
    assert few_may_pass_first(open_now=True) == ["Near clinic"]
    admin_post(
        client,
        url,
        {"status": Status.TEMPORARILY_CLOSED},
        categories=[category("vet-emergency").pk],
    )
    assert few_may_pass_first(open_now=True) == ["Far clinic"]
    assert few_may_pass_first() == ["Near clinic"]  # still listed, saying it is closed


def test_hours_and_closures_edited_need_no_rewrite_of_the_order(long_list):
    """What "open now" reads of the hours is never copied: hours added or a closure are seen at
    once, without ``listing_order_refresh``."""
    near = listing("Near clinic", ["vet-emergency"], NEAR_95814)
    far = listing("Far clinic", ["vet-emergency"], FAR_FROM_95814)
    hours(far, Weekday.WEDNESDAY, "09:00", "17:00")
    assert few_may_pass_first(open_now=True) == ["Far clinic"]
    hours(near, Weekday.WEDNESDAY, "11:30", "12:30")
    assert few_may_pass_first(open_now=True) == ["Near clinic"]
    Closure.objects.create(resource=near, start_date=date(2026, 12, 2), end_date=date(2026, 12, 2))
    assert few_may_pass_first(open_now=True) == ["Far clinic"]


def test_an_import_that_makes_a_listing_free_puts_it_first_among_the_free_ones(tmp_path, long_list):
    from directory.hsds.importer import hsds_import

    listing("Far clinic", ["vet-emergency"], FAR_FROM_95814, cost=Cost.FREE)
    near = listing("Near clinic", ["vet-emergency"], NEAR_95814, cost=Cost.FEE)
    document = {
        "id": str(near.hsds_id),
        "name": "Near clinic",
        "status": "active",
        "description": "Urgent care.",
        "organization": {"id": str(near.organization.hsds_id), "name": near.organization.name},
        "cost_options": [{"id": "5a6b7c8d-0000-4000-8000-00000000000a", "amount": 0}],
    }
    path = tmp_path / "service.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert few_may_pass_first(costs=("free",)) == ["Far clinic"]
    report = hsds_import(path=path)
    assert report.ok, "\n".join(report.summary())
    near.refresh_from_db()
    assert near.cost == Cost.FREE
    assert few_may_pass_first(costs=("free",)) == ["Near clinic"]


def test_every_listing_order_row_copies_its_listings_cost_and_status():
    listing("For a fee", ["vet-emergency"], cost=Cost.FEE)
    listing("Closed for now", ["microchip"], status=Status.TEMPORARILY_CLOSED, cost=Cost.LOW_COST)
    copied = set(CategoryListing.objects.values_list("resource__name_en", "cost", "status"))
    assert copied == {
        ("For a fee", Cost.FEE, Status.ACTIVE),
        ("Closed for now", Cost.LOW_COST, Status.TEMPORARILY_CLOSED),
    }
