"""A safe haven's address never leaks: not on public pages, printed lists, PDFs, the API or exports,
and not through a distance, nor through another listing that shares its building."""

import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from directory.factories import LocationFactory, ResourceFactory
from directory.models import Category

pytestmark = pytest.mark.django_db

SECRET_STREET = "77 Quillfeather Lane"
SECRET_TOWN = "Hiddenvale"
SECRET_NAME = "Quillfeather house"


@pytest.fixture
def haven():
    dv = Category.objects.get(slug="dv-safe-haven")
    location = LocationFactory(
        name_en=SECRET_NAME,
        address_1=SECRET_STREET,
        city=SECRET_TOWN,
        postal_code="95670",
        latitude=38.59,
        longitude=-121.3,
    )
    return ResourceFactory(
        name_en="Safe haven for pets of survivors",
        confidential_address=True,
        categories=[dv],
        location=location,
        phone="(555) 010-0911",
    )


@pytest.fixture
def neighbour(haven):
    """A public office in the same building as the safe haven."""
    return ResourceFactory(
        name_en="Advocacy office",
        categories=list(haven.categories.all()),
        location=haven.resource_locations.get().location,
    )


def leaks(text):
    return [marker for marker in (SECRET_STREET, SECRET_TOWN, SECRET_NAME) if marker in text]


def pdf_text(content):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_listing_page_shows_the_phone_but_no_address(client, haven):
    from django.utils import translation

    with translation.override("en"):  # not the language an earlier test's request left active
        path = reverse("directory:resource", args=[haven.pk])
    body = client.get(path).content.decode()
    assert 'href="tel:5550100911"' in body
    assert "keeps its location confidential" in body
    assert "maps/dir" not in body
    assert leaks(body) == []


@pytest.mark.parametrize("lang", ["en", "es", "ar"])
def test_category_page_shows_no_town_or_distance(client, haven, neighbour, lang):
    from django.utils import translation

    with translation.override(lang):
        path = reverse("directory:category", args=["dv-safe-haven"])
    body = client.get(path, {"zip": "95670"}).content.decode()
    assert haven.name_en in body
    assert leaks(body) == []
    card = body[body.index(haven.name_en) :][:2000]
    assert "mi away" not in card


def test_a_public_listing_in_the_same_building_does_not_reveal_it(client, neighbour):
    body = client.get(reverse("directory:resource", args=[neighbour.pk])).content.decode()
    assert leaks(body) == []


def test_printed_list_and_pdf_show_no_address(client, haven, neighbour):
    page = client.get(reverse("directory:print_category", args=["dv-safe-haven"]))
    assert haven.name_en in page.content.decode()
    assert leaks(page.content.decode()) == []
    pdf = client.get(reverse("directory:print_category_pdf", args=["dv-safe-haven"]))
    assert pdf["Content-Type"] == "application/pdf"
    text = pdf_text(pdf.content)
    assert "Safe haven" in text and "010-0911" in text
    assert leaks(text) == []
    chosen = client.get(reverse("directory:print_selection_pdf"), {"r": [haven.pk, neighbour.pk]})
    assert leaks(pdf_text(chosen.content)) == []


def test_api_and_export_never_carry_the_address(client, haven, neighbour, tmp_path):
    for path in (
        "/api/hsds/services",
        f"/api/hsds/services/{haven.hsds_id}",
        "/api/hsds/organizations",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert leaks(response.content.decode()) == [], path
    call_command("export_hsds", output=tmp_path / "export", verbosity=0)
    for exported in (tmp_path / "export").rglob("*"):
        if exported.is_file():
            assert leaks(exported.read_text()) == [], exported.name
    # The listing itself is exported (with its phone): only its place is withheld.
    services = json.loads(client.get("/api/hsds/services").content)
    assert any(item["name"] == haven.name_en for item in services["contents"])


# --- The rule's one home ---------------------------------------------------------------------------


def test_locations_shown_are_the_same_prefetched_or_not(
    haven, neighbour, django_assert_num_queries
):
    from directory.confidential import locations_shown, shown_links_prefetch
    from directory.models import Resource

    public = ResourceFactory(name_en="Pet food pantry")
    expected = {
        haven.pk: [],
        neighbour.pk: [],
        public.pk: [public.resource_locations.get().location],
    }
    for resource in Resource.objects.filter(pk__in=expected):
        assert locations_shown(resource) == expected[resource.pk]
    resources = list(
        Resource.objects.filter(pk__in=expected).prefetch_related(shown_links_prefetch())
    )
    with django_assert_num_queries(0):
        assert {r.pk: locations_shown(r) for r in resources} == expected


def test_no_place_of_a_safe_haven_is_public(haven, neighbour):
    from directory.confidential import locations_public, resource_locations_public

    public = ResourceFactory(name_en="Pet food pantry")
    building = haven.resource_locations.get().location
    assert building not in locations_public()
    assert public.resource_locations.get().location in locations_public()
    assert list(resource_locations_public()) == list(public.resource_locations.all())


def test_the_rule_is_decided_in_directory_confidential_only():
    """No other module of the project reads ``confidential_address`` to decide what to show: a
    new reader (search, surveys...) must ask ``directory.confidential``. Writers and editors (the
    model, its admin screens, migrations, factories, the demo) may name the field."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    allowed = {
        "directory/confidential.py",
        "directory/models.py",
        "directory/wagtail_hooks.py",
        "directory/factories.py",
        "directory/demo.py",
    }
    decides = re.compile(r"confidential_address\s*(=[^=]|__)|\.confidential_address\b")
    offenders = []
    for package in sorted(p.parent for p in root.glob("*/__init__.py")):
        if package.name in ("tests", "bench", "demo"):
            continue
        for path in package.rglob("*.py"):
            name = path.relative_to(root).as_posix()
            if "/migrations/" in name or "/demo_data/" in name or name in allowed:
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if decides.search(line):
                    offenders.append(f"{name}:{number}: {line.strip()}")
    assert offenders == []
