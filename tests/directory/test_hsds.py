"""HSDS 3.0 interchange: import the official examples, export, validate, re-import; bad files are
refused with a clear report and nothing stored; confidential addresses never leave; the JSON API.

Longer than the ~500-line rule on purpose: one test module per interchange format keeps the
import, export and API round trips side by side.
"""

import datetime as dt
import json
import lzma
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from jsonschema import Draft202012Validator
from jsonschema.validators import validator_for
from referencing import Registry
from referencing import Resource as SchemaResource

from directory.hsds.exporter import hsds_documents, hsds_export
from directory.hsds.importer import hsds_import
from directory.models import (
    Category,
    Location,
    OpeningHours,
    Organization,
    Phone,
    Resource,
    ResourceLocation,
)
from directory.vocabulary import Cost, Status

pytestmark = pytest.mark.django_db

# The specification's files, kept beside the tests (see hsds-3.0/README.md).
HSDS_DIR = Path(__file__).resolve().parent / "hsds-3.0"
EXAMPLES_DIR = HSDS_DIR / "examples"
SCHEMA_DIR = HSDS_DIR / "schema"
EXAMPLES = [*sorted(EXAMPLES_DIR.glob("*.json")), EXAMPLES_DIR / "csv"]
SPEC_URL = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"
SERVICE_ID = "ac148810-d857-441c-9679-408f346de14b"  # the service of the official examples
MODELS = (Category, Organization, Location, Resource, ResourceLocation, Phone, OpeningHours)


# --- Helpers --------------------------------------------------------------------------------------


def _registry() -> Registry:
    """Every schema file, under its relative name and its published URL (refs use both)."""
    resources = []
    for path in [*SCHEMA_DIR.glob("*.json"), *SCHEMA_DIR.glob("compiled/*.json.xz")]:
        if path.name == "openapi.json":
            continue
        relative = path.relative_to(SCHEMA_DIR).as_posix().removesuffix(".xz")
        resource = SchemaResource.from_contents(_schema(relative), default_specification=_draft())
        resources += [(relative, resource), (SPEC_URL + relative, resource)]
    return Registry().with_resources(resources)


def _schema(relative: str) -> dict:
    """A schema file by its name in the specification (the compiled ones are stored as .xz)."""
    path = SCHEMA_DIR / relative
    if path.exists():
        return json.loads(path.read_text())
    return json.loads(lzma.decompress((SCHEMA_DIR / f"{relative}.xz").read_bytes()))


def _draft():
    from referencing.jsonschema import DRAFT202012

    return DRAFT202012


REGISTRY = _registry()


def assert_valid(document: dict, schema_path: str) -> None:
    schema = _schema(schema_path)
    # The HSDS files name no $schema; they are written for JSON Schema 2020-12 (OpenAPI 3.1).
    cls = validator_for(schema, default=Draft202012Validator)
    validator = cls(schema, registry=REGISTRY, format_checker=cls.FORMAT_CHECKER)
    errors = [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in validator.iter_errors(document)
    ]
    assert not errors, f"{schema_path}: " + "; ".join(errors[:5])


def assert_valid_page(document: dict, item_schema: str) -> None:
    """The HSDS page envelope (openapi.json, components.schemas.Page) and every item."""
    openapi = json.loads((SCHEMA_DIR / "openapi.json").read_text())
    page_schema = openapi["components"]["schemas"]["Page"]
    assert set(page_schema["properties"]) | {"contents"} == set(document)
    Draft202012Validator(page_schema).validate(document)
    assert document["size"] == len(document["contents"])
    for item in document["contents"]:
        assert_valid(item, item_schema)


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def import_ok(path, **kwargs):
    report = hsds_import(path=path, **kwargs)
    assert report.ok, "\n".join(report.summary())
    return report


def write_json(tmp_path: Path, name: str, data) -> Path:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def service_doc(**fields) -> dict:
    document = {
        "id": "4c0d4f36-5d0e-4d6b-9f55-5d5f1f3f4a01",
        "name": "Pet food pantry",
        "status": "active",
        "description": "Free dog and cat food every Saturday. Bring a bag.",
        "organization": {
            "id": "7f1d0c57-2a4e-4c0e-8a43-1b3f6f0c9a11",
            "name": "Riverbend Humane Society",
            "description": "Animal shelter.",
        },
        "phones": [{"id": "0b8e7d1c-6b55-4b4f-9d0c-4d3c2b1a0f01", "number": "555-0100"}],
    }
    document.update(fields)
    return document


@pytest.fixture
def organization():
    return Organization.objects.create(name_en="Riverbend Humane Society")


def make_resource(organization, name, **fields):
    fields.setdefault("short_description_en", f"{name}, short.")
    return Resource.objects.create(organization=organization, name_en=name, **fields)


# --- Import of the official examples, export, validation, re-import ------------------------------


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: path.name)
def test_every_official_example_imports(path):
    import_ok(path)


def test_official_examples_round_trip(tmp_path):
    for path in EXAMPLES:
        import_ok(path)
    resource = Resource.objects.get(hsds_id=SERVICE_ID)
    assert resource.name_en == "Community Counselling"
    assert resource.organization.name_en == "Example Organization Inc."
    assert resource.cost == Cost.FEE
    assert "35 GBP per 1 hour session" in resource.cost_description_en
    assert (resource.minimum_age, resource.maximum_age) == (12, 100)
    assert resource.short_description_en.startswith("Counselling Services provided")
    assert {(h.weekday, h.opens_at, h.closes_at) for h in resource.opening_hours.all()} == {
        (3, dt.time(10), dt.time(18)),
        (4, dt.time(10), dt.time(18)),
    }
    assert "lunch break" in resource.hours_notes_en
    assert resource.phones.get().number == "+44 1234 234567"
    location = resource.resource_locations.get().location
    assert (location.address_1, location.city) == ("1-30 Main Street", "MyCity")
    assert location.latitude is None  # the example's 100/101 is off the globe

    documents = hsds_documents()
    assert_valid_page(documents["services.json"], "compiled/service.json")
    assert_valid_page(documents["organizations.json"], "compiled/organization.json")
    assert_valid_page(documents["taxonomy_terms.json"], "taxonomy_term.json")
    assert_valid_page(documents["taxonomies.json"], "taxonomy.json")
    for service in documents["services.json"]["contents"]:
        assert_valid(service, "compiled/service_list.json")
    for organization in documents["organizations.json"]["contents"]:
        assert_valid(organization, "compiled/organization_list.json")

    hsds_export(output=tmp_path / "export")
    before = counts()
    for path in [*EXAMPLES, tmp_path / "export"]:
        import_ok(path)
    assert counts() == before
    # Our own export comes back unchanged, not merely undoubled.
    again = import_ok(tmp_path / "export")
    assert not again.created and not again.updated and not again.deleted


def test_reimport_updates_instead_of_duplicating(tmp_path):
    path = write_json(tmp_path, "service.json", service_doc())
    first = import_ok(path)
    assert first.created["services"] == 1
    before = counts()
    changed = service_doc(name="Saturday pet food pantry")
    changed["phones"][0]["number"] = "555-0199"
    second = import_ok(write_json(tmp_path, "service.json", changed))
    assert counts() == before
    assert second.updated["services"] == 1 and second.updated["phones"] == 1
    resource = Resource.objects.get(hsds_id=changed["id"])
    assert resource.name_en == "Saturday pet food pantry"
    assert resource.phones.get().number == "555-0199"


def test_service_attributes_link_existing_categories_by_code(tmp_path):
    category = Category.objects.get(slug="pet-food")
    document = service_doc(
        attributes=[
            {
                "id": "5a6b7c8d-0000-4000-8000-000000000001",
                "taxonomy_term": {
                    "id": "5a6b7c8d-0000-4000-8000-000000000002",
                    "code": "pet-food",
                    "name": "Pet food",
                    "description": "",
                },
            }
        ]
    )
    import_ok(write_json(tmp_path, "service.json", document))
    resource = Resource.objects.get(hsds_id=document["id"])
    assert list(resource.categories.all()) == [category]
    assert not Category.objects.filter(hsds_id="5a6b7c8d-0000-4000-8000-000000000002").exists()


def test_text_goes_into_the_chosen_language(tmp_path):
    spanish = service_doc(name="Despensa de comida", description="Comida gratis.")
    import_ok(write_json(tmp_path, "es.json", spanish), language="es")
    resource = Resource.objects.get(hsds_id=spanish["id"])
    assert resource.name_es == "Despensa de comida"
    assert resource.name_en == "Despensa de comida"  # English is required: filled on creation
    import_ok(write_json(tmp_path, "en.json", service_doc()))
    resource.refresh_from_db()
    assert (resource.name_en, resource.name_es) == ("Pet food pantry", "Despensa de comida")


def test_weekly_schedules_become_hours_and_the_rest_notes(tmp_path):
    document = service_doc(
        schedules=[
            {
                "id": "9d0e1f2a-0000-4000-8000-000000000001",
                "freq": "WEEKLY",
                "byday": "MO,WE",
                "opens_at": "09:00",
                "closes_at": "17:30",
            },
            {
                "id": "9d0e1f2a-0000-4000-8000-000000000002",
                "freq": "MONTHLY",
                "bymonthday": "1",
                "description": "Vaccine clinic on the first of the month.",
            },
        ]
    )
    import_ok(write_json(tmp_path, "service.json", document))
    resource = Resource.objects.get(hsds_id=document["id"])
    assert [(h.weekday, h.opens_at, h.closes_at) for h in resource.opening_hours.all()] == [
        (0, dt.time(9), dt.time(17, 30)),
        (2, dt.time(9), dt.time(17, 30)),
    ]
    assert resource.hours_notes_en == "Vaccine clinic on the first of the month."


# --- x_pet_support: what HSDS has no field for ---------------------------------------------------


def extension(**fields) -> dict:
    value = {
        "short_description": "Food for dogs and cats, every Saturday.",
        "other_requirements": "Bring your own bag.",
        "species": ["dog", "cat"],
        "confidential_address": True,
        "residency_zip_codes": "95814, 95815",
        "service_area_radius_miles": 12,
        "closures": [
            {"start_date": "2026-12-24", "end_date": "2026-12-26", "reason": "Holidays."},
            {"start_date": "2027-01-05", "end_date": "2027-01-05"},
        ],
    }
    value.update(fields)
    return value


def test_extension_carries_what_hsds_has_no_field_for(tmp_path):
    import_ok(write_json(tmp_path, "en.json", service_doc(x_pet_support=extension())))
    resource = Resource.objects.get(hsds_id=service_doc()["id"])
    assert resource.short_description_en == "Food for dogs and cats, every Saturday."
    assert resource.other_requirements_en == "Bring your own bag."
    assert resource.species == ["dog", "cat"]
    assert resource.confidential_address is True
    assert resource.residency_zip_codes == "95814 95815"
    assert resource.service_area_radius_miles == 12
    assert [(c.start_date, c.end_date, c.reason_en) for c in resource.closures.all()] == [
        (dt.date(2026, 12, 24), dt.date(2026, 12, 26), "Holidays."),
        (dt.date(2027, 1, 5), dt.date(2027, 1, 5), None),
    ]
    again = import_ok(write_json(tmp_path, "en.json", service_doc(x_pet_support=extension())))
    assert again.unchanged["closures"] == 2 and not again.created and not again.updated


def test_the_export_carries_the_extension_so_another_site_imports_the_listing_whole(tmp_path):
    import_ok(write_json(tmp_path, "en.json", service_doc(x_pet_support=extension())))
    exported = tmp_path / "export"
    hsds_export(output=exported)
    documents = hsds_documents()
    (service,) = documents["services.json"]["contents"]
    assert_valid(service, "compiled/service_list.json")  # an extra object: still HSDS
    assert service["x_pet_support"]["species"] == ["dog", "cat"]
    # Another site (here: this one emptied of what HSDS has no field for) imports it back whole.
    resource = Resource.objects.get(hsds_id=service_doc()["id"])
    resource.closures.all().delete()
    Resource.objects.filter(pk=resource.pk).update(
        species=[],
        confidential_address=False,
        residency_zip_codes="",
        service_area_radius_miles=None,
        other_requirements_en="",
    )
    import_ok(exported)
    resource = Resource.objects.get(pk=resource.pk)
    assert resource.species == ["dog", "cat"] and resource.confidential_address is True
    assert resource.residency_zip_codes == "95814 95815"
    assert resource.service_area_radius_miles == 12
    assert resource.other_requirements_en == "Bring your own bag."
    assert [(c.start_date, c.end_date, c.reason_en) for c in resource.closures.all()] == [
        (dt.date(2026, 12, 24), dt.date(2026, 12, 26), "Holidays."),
        (dt.date(2027, 1, 5), dt.date(2027, 1, 5), None),
    ]


def test_a_translation_file_adds_its_language_to_the_same_records(tmp_path):
    """A file of translations carries only what is translated: no name needed, closures matched
    on their dates, nothing else touched."""
    import_ok(write_json(tmp_path, "en.json", service_doc(x_pet_support=extension())))
    spanish = {
        "id": service_doc()["id"],
        "organization_id": service_doc()["organization"]["id"],
        "description": "Comida gratis cada sábado.",
        "x_pet_support": {
            "short_description": "Comida para perros y gatos.",
            "closures": [
                {"start_date": "2026-12-24", "end_date": "2026-12-26", "reason": "Fiestas."},
                {"start_date": "2027-01-05", "end_date": "2027-01-05"},
            ],
        },
    }
    import_ok(write_json(tmp_path, "es.json", [spanish]), language="es")
    resource = Resource.objects.get(hsds_id=spanish["id"])
    assert resource.name_en == "Pet food pantry" and resource.name_es is None
    assert resource.description_es == "Comida gratis cada sábado."
    assert resource.short_description_es == "Comida para perros y gatos."
    assert resource.short_description_en == "Food for dogs and cats, every Saturday."
    assert resource.species == ["dog", "cat"] and resource.confidential_address
    assert resource.phones.count() == 1
    closures = list(resource.closures.all())
    assert [(c.reason_en, c.reason_es) for c in closures] == [
        ("Holidays.", "Fiestas."),
        (None, None),
    ]


def test_a_translation_with_neither_name_nor_description_gets_no_empty_card_line(tmp_path):
    import_ok(write_json(tmp_path, "en.json", service_doc()))
    notes_only = {
        "id": service_doc()["id"],
        "organization_id": service_doc()["organization"]["id"],
        "schedules": [{"id": "9d0e1f2a-0000-4000-8000-000000000003", "notes": "Hay citas."}],
    }
    import_ok(write_json(tmp_path, "es.json", [notes_only]), language="es")
    resource = Resource.objects.get(hsds_id=notes_only["id"])
    assert resource.hours_notes_es == "Hay citas."
    assert resource.short_description_es is None  # visitors get the English line, with a notice


def test_closures_listed_again_replace_the_stored_ones(tmp_path):
    import_ok(write_json(tmp_path, "en.json", service_doc(x_pet_support=extension())))
    later = extension(
        closures=[{"start_date": "2027-02-01", "end_date": "2027-02-03", "reason": "Move."}]
    )
    report = import_ok(write_json(tmp_path, "en.json", service_doc(x_pet_support=later)))
    resource = Resource.objects.get(hsds_id=service_doc()["id"])
    assert [(c.start_date, c.reason_en) for c in resource.closures.all()] == [
        (dt.date(2027, 2, 1), "Move.")
    ]
    assert (report.created["closures"], report.deleted["closures"]) == (1, 2)
    import_ok(write_json(tmp_path, "en.json", service_doc()))  # no extension: left alone
    assert resource.closures.count() == 1


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("yes", ["field x_pet_support", "expected an object"]),
        (extension(species=["dog", "unicorn"]), ["x_pet_support.species", "unknown species"]),
        (extension(confidential_address="yes"), ["confidential_address", "true or false"]),
        (extension(residency_zip_codes="958"), ["residency_zip_codes", "ZIP codes"]),
        (extension(service_area_radius_miles=-3), ["service_area_radius_miles", "not a radius"]),
        (
            extension(closures=[{"start_date": "2027-01-05", "end_date": "2027-01-01"}]),
            ["closures[0].end_date", "ends before it starts"],
        ),
        (extension(closures=[{"start_date": "2027-01-05"}]), ["closures[0]", "needs its"]),
        (extension(closures=[{"start_date": "soon", "end_date": "2027-01-05"}]), ["not a date"]),
    ],
    ids=["not-object", "species", "boolean", "zip", "radius", "backwards", "no-end", "bad-date"],
)
def test_a_bad_extension_is_reported_and_nothing_is_written(tmp_path, value, expected):
    report = hsds_import(path=write_json(tmp_path, "s.json", service_doc(x_pet_support=value)))
    assert not report.ok
    text = "\n".join(report.summary())
    for fragment in expected:
        assert fragment in text
    assert not Resource.objects.exists()


def test_a_new_service_still_needs_its_name(tmp_path):
    unnamed = {k: v for k, v in service_doc().items() if k != "name"}
    report = hsds_import(path=write_json(tmp_path, "es.json", unnamed), language="es")
    assert "field name: required, but missing" in "\n".join(report.summary())
    assert not Resource.objects.exists()


# --- Bad input: a clear report, nothing written ---------------------------------------------------


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"id": "4c0d4f36-5d0e-4d6b-9f55-5d5f1f3f4a01", "name": ', ["not valid JSON", "line 1"]),
        (service_doc(name=123), ["field name", "expected text, got a number"]),
        ({k: v for k, v in service_doc().items() if k != "name"}, ["field name", "required"]),
        ({k: v for k, v in service_doc().items() if k != "id"}, ["field id", "required"]),
        (service_doc(id="not-a-uuid"), ["field id", "not a valid UUID"]),
        (service_doc(status="open"), ["field status", "unknown status 'open'"]),
        (service_doc(minimum_age="twelve"), ["field minimum_age", "expected a number"]),
        (service_doc(phones={"number": "1"}), ["field phones", "expected a list"]),
        (
            {
                "contents": [
                    service_doc(id="4c0d4f36-5d0e-4d6b-9f55-5d5f1f3f4a02"),
                    service_doc(phones=[{"id": "0b8e7d1c-6b55-4b4f-9d0c-4d3c2b1a0f09"}]),
                ]
            },
            ["contents[1]", "field phones[0].number", "required"],
        ),
        (
            service_doc(organization=None, organization_id=None),
            ["field organization", "needs its organization"],
        ),
    ],
    ids=[
        "bad-json",
        "wrong-type",
        "missing-name",
        "missing-id",
        "bad-uuid",
        "unknown-status",
        "bad-number",
        "not-a-list",
        "bad-second-record",
        "no-organization",
    ],
)
def test_malformed_file_is_refused_and_nothing_is_written(tmp_path, content, expected):
    path = write_json(tmp_path, "broken.json", content)
    before = counts()
    report = hsds_import(path=path)
    assert not report.ok
    message = "\n".join(report.summary())
    assert "broken.json" in message
    for text in expected:
        assert text in message
    assert "nothing was imported" in message
    assert counts() == before


def test_csv_with_a_bad_row_names_file_row_and_field(tmp_path):
    folder = tmp_path / "package"
    shutil.copytree(EXAMPLES_DIR / "csv", folder)
    (folder / "services.csv").chmod(0o644)
    with (folder / "services.csv").open("a", encoding="utf-8") as handle:
        handle.write(
            "not-a-uuid,d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610,,Second service,,,,,active"
            + "," * 14
            + "\n"
        )
        handle.write(
            "4c0d4f36-5d0e-4d6b-9f55-5d5f1f3f4a03,d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610,,Third,,,,,"
            "maybe" + "," * 14 + "\n"
        )
    before = counts()
    report = hsds_import(path=folder)
    message = "\n".join(report.summary())
    assert "services.csv, row 3, field id: not a valid UUID: 'not-a-uuid'" in message
    assert "services.csv, row 4, field status: unknown status 'maybe'" in message
    assert counts() == before


def test_command_exits_non_zero_with_the_report(tmp_path):
    path = write_json(tmp_path, "broken.json", service_doc(status="open"))
    with pytest.raises(CommandError, match=r"broken\.json, field status: unknown status"):
        call_command("import_hsds", str(path))


def test_dry_run_writes_nothing(tmp_path, capsys):
    before = counts()
    call_command("import_hsds", str(EXAMPLES_DIR / "service_full.json"), "--dry-run")
    output = capsys.readouterr().out
    assert "Dry run" in output
    assert "services (resources): would be 1 created" in output
    assert counts() == before


def test_export_command_writes_a_service_list(tmp_path, organization):
    make_resource(organization, "Saturday pet food pantry")
    target = tmp_path / "services.json"
    call_command("export_hsds", "--output", str(target))
    document = json.loads(target.read_text())
    assert_valid_page(document, "compiled/service.json")
    assert "Saturday pet food pantry" in {service["name"] for service in document["contents"]}


# --- Confidential addresses -----------------------------------------------------------------------

STREET = "742 Evergreen Terrace"
LATITUDE, LONGITUDE = 45.512345, -122.654321


@pytest.fixture
def confidential(organization):
    location = Location.objects.create(
        organization=organization,
        name_en="Safe haven house",
        address_1=STREET,
        city="Riverbend",
        postal_code="97201",
        latitude=LATITUDE,
        longitude=LONGITUDE,
    )
    resource = make_resource(
        organization, "Safe haven for pets", confidential_address=True, status=Status.ACTIVE
    )
    link = ResourceLocation.objects.create(resource=resource, location=location)
    Phone.objects.create(resource=resource, number="555-0177")
    OpeningHours.objects.create(
        resource=resource, weekday=0, opens_at=dt.time(9), closes_at=dt.time(17), location=location
    )
    return resource, location, link


def assert_no_address(text: str, location: Location) -> None:
    assert STREET not in text
    assert str(LATITUDE) not in text and str(LONGITUDE) not in text
    assert str(location.hsds_id) not in text


def test_confidential_address_never_exported(confidential):
    resource, location, _link = confidential
    text = json.dumps(hsds_documents())
    assert str(resource.hsds_id) in text and "555-0177" in text  # the service, with its phone
    assert_no_address(text, location)


def test_confidential_address_never_in_the_api(client, confidential):
    resource, location, link = confidential
    organization_id = resource.organization.hsds_id
    detail = client.get(f"/api/hsds/services/{resource.hsds_id}")
    assert detail.status_code == 200 and "555-0177" in detail.content.decode()
    pages = [
        detail,
        client.get("/api/hsds/services", {"full": "true", "organization_id": organization_id}),
        client.get("/api/hsds/services", {"organization_id": organization_id}),
        client.get(f"/api/hsds/organizations/{organization_id}"),
        client.get("/api/hsds/organizations", {"full": "true", "per_page": 200}),
        client.get("/api/hsds/service_at_locations", {"organization_id": organization_id}),
    ]
    for response in pages:
        assert response.status_code == 200
        assert_no_address(response.content.decode(), location)
    assert client.get(f"/api/hsds/service_at_locations/{link.hsds_id}").status_code == 404


# --- The API --------------------------------------------------------------------------------------


def test_api_base_information(client):
    response = client.get("/api/hsds/")
    assert response.status_code == 200
    assert response.json()["version"] == "3.0"
    assert response.json()["openapi_url"].endswith("openapi.json")


def test_api_paging(client, organization):
    for number in range(5):
        make_resource(organization, f"Pantry {number}")
    make_resource(organization, "Closed for good", status=Status.INACTIVE)
    params = {"organization_id": organization.hsds_id, "per_page": 2}
    first = client.get("/api/hsds/services", params).json()
    assert first["total_items"] == 5 and first["total_pages"] == 3
    assert (first["first_page"], first["last_page"], first["size"]) == (True, False, 2)
    last = client.get("/api/hsds/services", {**params, "page": 3}).json()
    assert (last["page_number"], last["size"], last["last_page"], last["empty"]) == (
        3,
        1,
        True,
        False,
    )
    names = [
        service["name"]
        for page in (1, 2, 3)
        for service in client.get("/api/hsds/services", {**params, "page": page}).json()["contents"]
    ]
    assert names == [f"Pantry {number}" for number in range(5)]  # inactive one left out
    assert_valid_page(first, "compiled/service_list.json")
    capped = client.get("/api/hsds/services", {"per_page": 10_000}).json()
    assert capped["size"] <= 200
    bad = client.get("/api/hsds/services", {"page": "two"})
    assert bad.status_code == 400 and bad.json()["parameter"] == "page"


def test_api_modified_after(client, organization):
    old = make_resource(organization, "Old listing")
    make_resource(organization, "New listing")
    Resource.objects.filter(pk=old.pk).update(updated_at=timezone.now() - dt.timedelta(days=30))
    since = (timezone.now() - dt.timedelta(days=1)).isoformat()
    response = client.get(
        "/api/hsds/services", {"organization_id": organization.hsds_id, "modified_after": since}
    )
    assert [service["name"] for service in response.json()["contents"]] == ["New listing"]
    bad = client.get("/api/hsds/services", {"modified_after": "last tuesday"})
    assert bad.status_code == 400
    assert bad["Content-Type"] == "application/json"
    assert bad.json()["parameter"] == "modified_after"


def test_api_unknown_ids_are_404(client):
    for path in (
        "services/6a0c3c1e-0000-4000-8000-000000000000",
        "services/not-a-uuid",
        "organizations/6a0c3c1e-0000-4000-8000-000000000000",
        "taxonomy_terms/6a0c3c1e-0000-4000-8000-000000000000",
        "taxonomies/6a0c3c1e-0000-4000-8000-000000000000",
        "service_at_locations/6a0c3c1e-0000-4000-8000-000000000000",
    ):
        response = client.get(f"/api/hsds/{path}")
        assert response.status_code == 404, path
        assert "error" in response.json()


def test_api_documents_validate(client, organization):
    location = Location.objects.create(
        organization=organization, name_en="Shelter", address_1="1 Main St", city="Riverbend"
    )
    resource = make_resource(organization, "Low-cost vaccines", cost=Cost.LOW_COST)
    resource.categories.add(Category.objects.get(slug="pet-food"))  # m2m: saved at once
    link = ResourceLocation.objects.create(resource=resource, location=location)
    Phone.objects.create(resource=resource, number="555-0100", languages=["en", "es"])
    OpeningHours.objects.create(
        resource=resource, weekday=5, opens_at=dt.time(10), closes_at=dt.time(14)
    )
    assert_valid(
        client.get(f"/api/hsds/services/{resource.hsds_id}").json(), "compiled/service.json"
    )
    assert_valid(
        client.get(f"/api/hsds/organizations/{organization.hsds_id}").json(),
        "compiled/organization.json",
    )
    assert_valid(
        client.get(f"/api/hsds/service_at_locations/{link.hsds_id}").json(),
        "compiled/service_at_location.json",
    )
    assert_valid_page(
        client.get(
            "/api/hsds/service_at_locations", {"organization_id": organization.hsds_id}
        ).json(),
        "compiled/service_at_location_list.json",
    )
    assert_valid_page(
        client.get("/api/hsds/organizations").json(), "compiled/organization_list.json"
    )
    assert_valid_page(client.get("/api/hsds/taxonomy_terms").json(), "taxonomy_term.json")
    taxonomies = client.get("/api/hsds/taxonomies").json()
    assert_valid_page(taxonomies, "taxonomy.json")
    taxonomy_id = taxonomies["contents"][0]["id"]
    assert client.get(f"/api/hsds/taxonomies/{taxonomy_id}").status_code == 200
    term = Category.objects.get(slug="pet-food")
    assert client.get(f"/api/hsds/taxonomy_terms/{term.hsds_id}").json()["code"] == "pet-food"


def test_api_language(client, organization):
    resource = make_resource(organization, "Pet food pantry", name_es="Despensa de comida")
    url = f"/api/hsds/services/{resource.hsds_id}"
    assert client.get(url).json()["name"] == "Pet food pantry"
    assert client.get(url, {"lang": "es"}).json()["name"] == "Despensa de comida"
    negotiated = client.get(url, headers={"accept-language": "es-MX,es;q=0.9"})
    assert negotiated.json()["name"] == "Despensa de comida"
    assert "Accept-Language" in negotiated["Vary"] and "private" in negotiated["Cache-Control"]
    assert client.get(url, {"lang": "vi"}).json()["name"] == "Pet food pantry"  # fallback
    assert "public" in client.get(url, {"lang": "es"})["Cache-Control"]
    assert client.get(url, {"lang": "xx"}).status_code == 400


def test_api_query_count_does_not_grow_with_the_page(
    client, organization, django_assert_max_num_queries
):
    location = Location.objects.create(organization=organization, name_en="Shelter")
    for number in range(12):
        resource = make_resource(organization, f"Listing {number}")
        Phone.objects.create(resource=resource, number="555-0100")
        OpeningHours.objects.create(
            resource=resource, weekday=1, opens_at=dt.time(9), closes_at=dt.time(12)
        )
        resource.categories.add(Category.objects.get(slug="pet-food"))  # m2m: saved at once
        ResourceLocation.objects.create(resource=resource, location=location)
    params = {"organization_id": organization.hsds_id, "full": "true", "per_page": 12}
    with django_assert_max_num_queries(9):
        response = client.get("/api/hsds/services", params)
    assert response.json()["size"] == 12
    with django_assert_max_num_queries(9):
        client.get("/api/hsds/service_at_locations", params)
    with django_assert_max_num_queries(6):
        client.get(f"/api/hsds/organizations/{organization.hsds_id}")


def test_imported_place_with_only_a_zip_code_is_placed_at_its_centre(tmp_path):
    location = {
        "id": "2d7c1a40-8b0e-4d3a-9a51-0c6f2e8d4b10",
        "name": "Cedar Falls library",
        "addresses": [
            {
                "id": "5e6f7a80-1b2c-4d3e-8f90-a1b2c3d4e5f6",
                "address_1": "11 Foundry Lane",
                "city": "Cedar Falls",
                "state_province": "CA",
                "postal_code": "95670",
                "country": "US",
                "address_type": "physical",
            }
        ],
    }
    document = service_doc(
        service_at_locations=[{"id": "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d", "location": location}]
    )
    import_ok(write_json(tmp_path, "service.json", document))
    placed = Location.objects.get(hsds_id=location["id"])
    assert round(placed.latitude, 1) == 38.6 and round(placed.longitude, 1) == -121.3


def test_import_shows_on_cached_public_pages_at_once(
    tmp_path, client, settings, django_capture_on_commit_callbacks, site
):
    """An import writes in bulk (no save signals); once it commits, cached pages are dropped."""
    settings.PAGE_CACHE_SECONDS = 600
    page = "/en/resources/"
    client.get(page)
    assert client.get(page)["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        import_ok(write_json(tmp_path, "service.json", service_doc()))
    assert client.get(page)["X-Page-Cache"] == "miss"
