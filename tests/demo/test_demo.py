"""Smoke tests of the demo site: it loads, serves every language, loads again without duplicates,
and keeps its safe havens' places off every public page. Other tests never use the demo."""

import json
from datetime import time
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from modeltranslation.utils import build_localized_fieldname
from wagtail.models import Page

from backoffice.models import AuditEntry, Case, Person, Pet, TimelineEntry
from backoffice.vocabulary import Channel, Status
from demo.accounts import DEMO_ACCOUNTS
from demo.cases import DOG_BREEDS
from demo.listings import demo_files, demo_resources
from directory.hsds.model_rules import translated_fields
from directory.models import Category, Closure, Location, OpeningHours, Phone, Resource
from directory.vocabulary import Status as ResourceStatus
from tests.directory.test_hsds import assert_valid

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES]
COUNTED = [Page, Resource, Location, Phone, OpeningHours, Closure, Case, Person, Pet]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The whole demo, loaded once for the module in a transaction rolled back at the end."""
    with django_db_blocker.unblock(), transaction.atomic():
        output = StringIO()
        call_command("load_demo_data", stdout=output)
        yield output.getvalue()
        transaction.set_rollback(True)


def path(name, *args, lang="en"):
    with translation.override(lang):
        return reverse(f"directory:{name}", args=args)


def test_the_demo_loads_and_says_what_it_made(demo):
    assert f"{demo_resources().count()} resources" in demo
    assert "every one of the" in demo  # every leaf category has a public listing
    for username, _role, _first, _last, password in DEMO_ACCOUNTS:
        assert f"{username}" in demo and password in demo
    assert Case.objects.filter(client_token__startswith="demo-").count() >= 250


def safe_haven_markers() -> set[str]:
    """The street and name of every place a safe haven uses (staff know them; visitors never)."""
    havens = demo_resources().filter(confidential_address=True)
    assert havens.count() >= 3
    places = Location.objects.filter(resource_locations__resource__in=havens).distinct()
    return {text for place in places for text in (place.address_1, place.name_en) if text}


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_page_is_served_in_every_language_and_no_safe_haven_place_shows(client, demo, code):
    markers = safe_haven_markers()
    pages = Page.objects.live().filter(depth__gt=1, locale__language_code=code).specific()
    assert pages.count() >= 8
    urls = [page.url for page in pages] + [path("browse", lang=code)]
    for category in Category.objects.all():
        urls.append(path("category", category.slug, lang=code) + "?zip=95814")
    # Every listing where the places would show (the havens, their neighbours) and a sample.
    resources = demo_resources().public().order_by("hsds_id")
    shown = list(resources[:12]) + list(resources.filter(confidential_address=True))
    shown += list(resources.filter(resource_locations__location__name_en__in=markers))
    urls += [path("resource", resource.pk, lang=code) for resource in shown]
    urls.append(path("print_category", "dv-safe-haven", lang=code))
    if code == "en":
        urls += ["/api/hsds/services?per_page=200", "/api/hsds/organizations?per_page=200"]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        leaked = [marker for marker in markers if marker in body]
        assert not leaked, f"{url} shows {leaked}"


def test_staff_sign_in_and_see_the_back_office(client, demo):
    from django.contrib.auth import authenticate
    from django.http import HttpRequest

    for username, _role, _first, _last, password in DEMO_ACCOUNTS:
        assert authenticate(HttpRequest(), username=username, password=password), username
    client.login(
        request=HttpRequest(),  # django-axes checks the lockout of the request's address
        username="supervisor",
        password=dict((a[0], a[4]) for a in DEMO_ACCOUNTS)["supervisor"],
    )
    assert client.get(reverse("backoffice:queue")).status_code == 200
    assert client.get(reverse("backoffice:dashboard")).status_code == 200
    case = Case.objects.filter(status=Status.CLOSED).order_by("reference").first()
    assert client.get(reverse("backoffice:case", args=[case.reference])).status_code == 200


def test_loading_again_refreshes_and_duplicates_nothing(demo):
    before = {model.__name__: model.objects.count() for model in COUNTED}
    stories = sorted(
        Case.objects.filter(client_token__startswith="demo-").values_list(
            "client_token", "person__name", "status", "outcome", "channel"
        )
    )
    listing = demo_resources().order_by("hsds_id").first()
    english_name = listing.name_en
    listing.name_en = "Edited by hand"
    listing.save()

    call_command("load_demo_data", stdout=StringIO())

    assert {model.__name__: model.objects.count() for model in COUNTED} == before
    listing.refresh_from_db()
    assert listing.name_en == english_name
    assert (
        sorted(
            Case.objects.filter(client_token__startswith="demo-").values_list(
                "client_token", "person__name", "status", "outcome", "channel"
            )
        )
        == stories
    )


def test_the_directory_files_are_hsds_3_0(demo):
    documents = json.loads(demo_files()["en"].read_text(encoding="utf-8"))
    for document in documents:
        if "locations" in document:
            assert_valid(document, "compiled/organization.json")
        else:
            assert_valid(document, "compiled/service.json")


def test_the_directory_shows_every_kind_of_listing(demo):
    """Places, hours, phones and languages on every listing; a few due for review, closed or
    confidential, so each of those notices has an example; nobody is asked to prove an income."""
    resources = demo_resources()
    for resource in resources.prefetch_related("resource_locations", "phones"):
        assert resource.resource_locations.all(), resource.name_en
        assert resource.phones.all(), resource.name_en
        assert resource.languages, resource.name_en
    overnight = OpeningHours.objects.filter(closes_at__lt=time(6), opens_at__gt=time(12))
    assert overnight.filter(resource__in=resources).exists()
    assert Closure.objects.filter(resource__in=resources).count() >= 2
    stale = resources.needs_review()
    assert stale.filter(last_verified_at__isnull=True).exists()
    assert 5 <= stale.filter(last_verified_at__isnull=False).count() < resources.count() / 4
    assert resources.filter(status=ResourceStatus.TEMPORARILY_CLOSED).count() >= 2
    assert resources.filter(status=ResourceStatus.INACTIVE).exists()
    for documents in resources.exclude(required_documents_en="").values_list(
        "required_documents_en", flat=True
    ):
        assert "income" not in documents.lower() and "pay stub" not in documents.lower()


# Proper names a real organisation, place or service keeps in every language (as they are on its
# sign and when it answers the phone); every other text a visitor reads is translated.
KEPT_AS_THEY_ARE = {
    "Al-Noor Family Center",
    "Calm Companions Behavior Project",
    "Cedar Falls SPCA",
    "Fix Riverbend Spay & Neuter Clinic",
    "Gentle Goodbyes Pet Hospice",
    "Harbor House",
    "Harbor House Family Shelter",
    "Lakeside",
    "Millbrook Community Veterinary Clinic",
    "Oak Hollow Equine & Livestock Safety Net",
    "Paws Pantry of Riverbend County",
    "Paws Pantry, St. Brigid's",
    "Paws on Wheels Riverbend",
    "Riverbend 2-1-1",
    "Riverbend County Animal Services",
    "Riverbend County Humane Society",
    "Riverbend Rabbit & Small Animal Rescue",
    "Riverbend Valley Animal Emergency Center",
}


def test_every_field_a_visitor_reads_is_translated_into_every_language(demo):
    """Each listing, its organisation, places, phones and closures: every translated field that
    has English text has its own text in every other language (not empty, not the English)."""
    resources = demo_resources().select_related("organization")
    records = {record for resource in resources for record in (resource, resource.organization)}
    records.update(Location.objects.filter(resource_locations__resource__in=resources))
    records.update(Phone.objects.filter(resource__in=resources))
    records.update(Closure.objects.filter(resource__in=resources))
    gaps = []
    for record in records:
        for field in sorted(translated_fields(type(record))):
            english = getattr(record, build_localized_fieldname(field, "en")) or ""
            for code in LANGUAGES:
                text = getattr(record, build_localized_fieldname(field, code)) or ""
                if (
                    english
                    and code != "en"
                    and (not text.strip() or (text == english and english not in KEPT_AS_THEY_ARE))
                ):
                    gaps.append(f"{code} {type(record).__name__}.{field}: {english[:50]!r}")
    assert resources.count() > 80 and len(records) > 250
    assert not gaps, f"{len(gaps)} untranslated, e.g. {sorted(gaps)[:10]}"


def test_the_cases_are_a_year_of_work_the_product_could_have_done(demo):
    now = timezone.now()
    cases = Case.objects.filter(client_token__startswith="demo-")
    assert not TimelineEntry.objects.filter(case__in=cases, created_at__gt=now).exists()
    assert not AuditEntry.objects.filter(created_at__gt=now).exists()
    # The public survey opens cases itself (no staff member), as it does on the site.
    online = cases.filter(channel=Channel.SURVEY)
    assert online.count() >= 30 and not online.filter(opened_by__isnull=False).exists()
    assert not cases.exclude(channel=Channel.SURVEY).filter(opened_by__isnull=True).exists()
    assert set(cases.values_list("status", flat=True)) == set(Status.values)
    assert cases.filter(confidential=True).exists()
    assert len(set(cases.values_list("language", flat=True))) >= 5
    for breed, sizes in DOG_BREEDS.items():
        assert set(Pet.objects.filter(breed=breed).values_list("size", flat=True)) <= set(sizes)
    for phone, email in Person.objects.filter(cases__in=cases).values_list("phone", "email"):
        assert "555-01" in phone
        assert email == "" or email.endswith("@example.org")


def test_the_lost_and_found_reports_have_photos_are_on_the_board_and_match(client, demo):
    from backoffice.models import PetReport, ReportMatch
    from demo.lost_found import PAIRS, SINGLES, TOKEN_PREFIX

    reports = PetReport.objects.filter(case__client_token__startswith=TOKEN_PREFIX)
    assert reports.count() == 2 * len(PAIRS) + len(SINGLES) >= 60
    assert not reports.filter(photos__isnull=True).exists()
    board = client.get("/en/lost-and-found/")
    assert board.status_code == 200
    # Each lost pet's own finder ranks first among its candidates.
    for number in range(1, 2 * len(PAIRS), 2):
        lost = reports.get(case__client_token=f"{TOKEN_PREFIX}{number}")
        best = ReportMatch.objects.filter(lost=lost).order_by("-decisive", "-points").first()
        assert best is not None and best.found.case.client_token == f"{TOKEN_PREFIX}{number + 1}"
