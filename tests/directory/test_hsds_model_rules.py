"""The HSDS import reads the models' own rules: how long a text may be, which formats a field
accepts and which fields are translated come from the models, so a change to a model changes what
an import accepts, and a problem names the model's limit."""

import json

import pytest
from django.core.validators import RegexValidator

from directory.hsds import hsds_import
from directory.hsds.model_rules import max_length, translated_fields
from directory.models import Category, Location, Organization, Phone, Resource
from directory.translation import ResourceTranslation

pytestmark = pytest.mark.django_db

SERVICE_ID = "4c0d4f36-5d0e-4d6b-9f55-5d5f1f3f4a01"
LOCATION_ID = "5e2a9c1b-3f4d-4e5f-8a6b-7c8d9e0f1a2b"
TERM_ID = "6f3b0d2c-4a5e-4f60-9b7c-8d9e0f1a2b3c"
LONG = "Saturday pet food pantry for the dogs, cats and rabbits of every family in Riverbend"


def service(**fields) -> dict:
    document = {
        "id": SERVICE_ID,
        "name": "Pet food pantry",
        "status": "active",
        "description": "Free dog and cat food every Saturday.",
        "organization": {
            "id": "7f1d0c57-2a4e-4c0e-8a43-1b3f6f0c9a11",
            "name": "Riverbend Humane Society",
        },
        "phones": [{"id": "0b8e7d1c-6b55-4b4f-9d0c-4d3c2b1a0f01", "number": "555-0100"}],
    }
    document.update(fields)
    return document


def located(**address) -> dict:
    place = {"id": LOCATION_ID, "name": "Community centre", "addresses": [address]}
    link = {"id": "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d", "location": place}
    return service(service_at_locations=[link])


def run(tmp_path, document):
    path = tmp_path / "import.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return hsds_import(path=path)


# Each: the model field whose limit applies, the document, where the warning is, the stored value.
LIMITED = {
    "service name": (
        (Resource, "name"),
        service(name=LONG),
        "name",
        lambda: Resource.objects.get(hsds_id=SERVICE_ID).name_en,
    ),
    "organization name": (
        (Organization, "name"),
        service(organization={"id": "7f1d0c57-2a4e-4c0e-8a43-1b3f6f0c9a11", "name": LONG}),
        "organization.name",
        lambda: Organization.objects.get().name_en,
    ),
    "town": (
        (Location, "city"),
        located(address_1="1 Mill Road", city=LONG, postal_code="95814"),
        "service_at_locations[0].location.addresses[0].city",
        lambda: Location.objects.get(hsds_id=LOCATION_ID).city,
    ),
    "phone description": (
        (Phone, "description"),
        service(
            phones=[
                {
                    "id": "0b8e7d1c-6b55-4b4f-9d0c-4d3c2b1a0f01",
                    "number": "555-0100",
                    "description": LONG,
                }
            ]
        ),
        "phones[0].description",
        lambda: Phone.objects.get().description_en,
    ),
    "taxonomy term name": (
        (Category, "name"),
        {"id": TERM_ID, "name": LONG, "code": "long-term", "taxonomy": "Pet support taxonomy"},
        "name",
        lambda: Category.objects.get(hsds_id=TERM_ID).name_en,
    ),
}


@pytest.mark.parametrize("case", LIMITED)
def test_a_text_longer_than_the_model_allows_is_reported_with_the_models_limit(tmp_path, case):
    (model, name), document, path, stored = LIMITED[case]
    limit = max_length(model, name)
    document = json.loads(
        json.dumps(document).replace(LONG, (LONG + " ") * (limit // len(LONG) + 1))
    )
    report = run(tmp_path, document)
    assert report.ok, report.summary()
    assert [(w.where.path, w.message) for w in report.warnings] == [
        (path, f"longer than {limit} characters; shortened")
    ]
    assert len(stored()) <= limit


@pytest.mark.parametrize("case", LIMITED)
def test_the_limit_follows_the_model(tmp_path, monkeypatch, case):
    """With a shorter ``max_length`` on the model, the same import reports and applies it."""
    (model, name), document, path, stored = LIMITED[case]
    monkeypatch.setattr(model._meta.get_field(name), "max_length", 40)
    report = run(tmp_path, document)
    assert report.ok, report.summary()
    assert [(w.where.path, w.message) for w in report.warnings] == [
        (path, "longer than 40 characters; shortened")
    ]
    assert len(stored()) <= 40


def test_a_phone_number_is_checked_with_the_models_validators(tmp_path, monkeypatch):
    accepted = run(tmp_path, service())
    assert accepted.ok, accepted.summary()
    field = Phone._meta.get_field("number")
    monkeypatch.setattr(field, "validators", [RegexValidator(r"^\(\d{3}\) \d{3}-\d{4}$")])
    refused = run(tmp_path, service())
    assert [(e.where.path, e.message) for e in refused.errors] == [
        ("phones[0].number", "not a phone number: '555-0100'")
    ]
    assert run(tmp_path, service(phones=[{"id": SERVICE_ID, "number": "(555) 010-0100"}])).ok


def test_a_zip_code_is_checked_with_the_models_validators(tmp_path, monkeypatch):
    report = run(tmp_path, located(address_1="1 Mill Road", postal_code="95814-1234"))
    assert report.ok and report.warnings == []
    assert Location.objects.get(hsds_id=LOCATION_ID).postal_code == "95814"  # ZIP+4: its ZIP
    field = Location._meta.get_field("postal_code")
    monkeypatch.setattr(field, "validators", [RegexValidator(r"^9\d{4}$")])
    report = run(tmp_path, located(address_1="1 Mill Road", postal_code="10001"))
    assert [w.message for w in report.warnings] == ["'10001' is not a US ZIP code; left empty"]
    assert Location.objects.get(hsds_id=LOCATION_ID).postal_code == ""


def test_a_position_off_the_globe_is_refused_by_the_models_range(tmp_path):
    place = {"id": LOCATION_ID, "name": "Community centre", "latitude": 91, "longitude": 10}
    link = {"id": "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d", "location": place}
    report = run(tmp_path, service(service_at_locations=[link]))
    assert [w.message for w in report.warnings] == [
        "91 is out of range; the position is left empty"
    ]
    location = Location.objects.get(hsds_id=LOCATION_ID)
    assert (location.latitude, location.longitude) == (None, None)


def test_translated_fields_are_those_registered_with_modeltranslation():
    assert translated_fields(Resource) == set(ResourceTranslation.fields)
    assert "url" not in translated_fields(Resource)
