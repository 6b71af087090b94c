"""What an HSDS import does with input that is wrong or hostile: digits of other scripts are read,
and everything else gets a clear error naming the file and field, never a traceback."""

import json
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from directory.hsds import files, hsds_import
from directory.models import Location, Organization, Phone, Resource

from .test_hsds_model_rules import LOCATION_ID, SERVICE_ID, located, run, service

pytestmark = pytest.mark.django_db


def test_zip_codes_and_phone_numbers_in_arabic_indic_digits_are_read_as_ascii(tmp_path):
    document = located(address_1="1 Mill Road", postal_code="٩٥٨١٤-١٢٣٤")
    document["phones"] = [{"id": "0b8e7d1c-6b55-4b4f-9d0c-4d3c2b1a0f01", "number": "٥٥٥-٠١٠٠"}]
    document["service_areas"] = [{"name": "Downtown", "extent": "۹۵۸۱۴ ۹۵۸۱۵"}]
    report = run(tmp_path, document)
    assert report.ok and report.warnings == [], report.summary()
    assert Location.objects.get(hsds_id=LOCATION_ID).postal_code == "95814"
    assert Phone.objects.get().number == "555-0100"
    assert Resource.objects.get(hsds_id=SERVICE_ID).service_area_zip_codes == "95814 95815"


def test_a_superscript_is_not_a_zip_code(tmp_path):
    report = run(tmp_path, located(address_1="1 Mill Road", postal_code="²²²²²"))
    assert [w.message for w in report.warnings] == ["'²²²²²' is not a US ZIP code; left empty"]
    assert Location.objects.get(hsds_id=LOCATION_ID).postal_code == ""


def test_a_phone_number_with_a_superscript_is_refused(tmp_path):
    report = run(tmp_path, service(phones=[{"id": SERVICE_ID, "number": "555²0100"}]))
    assert [(e.where.path, e.message) for e in report.errors] == [
        ("phones[0].number", "not a phone number: '555²0100'")
    ]


# --- Files outside the data folder, and files too big or too deep --------------------------------

EXAMPLES_CSV = Path(__file__).parent / "hsds-3.0" / "examples" / "csv"
SECRET = "Secret clinic that must never be published"


def csv_folder(tmp_path) -> Path:
    folder = tmp_path / "package"
    shutil.copytree(EXAMPLES_CSV, folder)
    for file in folder.iterdir():
        file.chmod(0o644)
    return folder


def secret_services_csv(tmp_path) -> Path:
    """A services table outside the data folder, naming a service nobody may publish."""
    outside = tmp_path / "outside"
    outside.mkdir()
    rows = (EXAMPLES_CSV / "services.csv").read_text(encoding="utf-8").splitlines()
    secret = outside / "services.csv"
    secret.write_text(
        "\n".join([rows[0], rows[1].replace("Community Counselling", SECRET)]), encoding="utf-8"
    )
    return secret


def nothing_published():
    assert not Resource.objects.exists()
    assert not Resource.objects.filter(name_en=SECRET).exists()


@pytest.mark.parametrize("how", ["dotdot", "absolute"])
def test_a_datapackage_naming_a_file_outside_its_folder_is_refused(tmp_path, how):
    secret = secret_services_csv(tmp_path)
    folder = csv_folder(tmp_path)
    (folder / "services.csv").unlink()
    path = "../outside/services.csv" if how == "dotdot" else str(secret)
    (folder / "datapackage.json").write_text(
        json.dumps({"resources": [{"name": "services", "path": path}]}), encoding="utf-8"
    )
    report = hsds_import(path=folder)
    assert not report.ok
    assert f"datapackage.json: refused: {path!r} leads out of the data folder" in [
        str(e) for e in report.errors
    ]
    nothing_published()


def test_a_link_leading_out_of_the_data_folder_is_refused(tmp_path):
    secret = secret_services_csv(tmp_path)
    folder = csv_folder(tmp_path)
    (folder / "services.csv").unlink()
    (folder / "services.csv").symlink_to(secret)
    report = hsds_import(path=folder)
    assert "services.csv: refused: the path leads out of the data folder" in [
        str(e) for e in report.errors
    ]
    nothing_published()


def test_a_link_inside_the_data_folder_is_read(tmp_path):
    folder = csv_folder(tmp_path)
    (folder / "services.csv").rename(folder / "real-services.csv.txt")
    (folder / "services.csv").symlink_to(folder / "real-services.csv.txt")
    assert hsds_import(path=folder).ok


def test_the_command_says_why_and_shows_no_traceback(tmp_path):
    secret = secret_services_csv(tmp_path)
    folder = csv_folder(tmp_path)
    (folder / "services.csv").unlink()
    (folder / "services.csv").symlink_to(secret)
    with pytest.raises(CommandError) as error:
        call_command("import_hsds", str(folder))
    assert "leads out of the data folder" in str(error.value)


def test_a_file_past_the_size_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    monkeypatch.setattr(files, "MAX_FILE_BYTES", 1000)
    path = tmp_path / "services.json"
    path.write_text(json.dumps([service(description="x" * 2000)]), encoding="utf-8")
    report = hsds_import(path=path)
    assert [e.message for e in report.errors] == [
        f"refused: larger than 0 MB ({path.stat().st_size} bytes)"
    ]


def test_files_past_the_total_limit_are_refused(tmp_path, monkeypatch):
    for n in range(3):
        other = dict(service(), id=f"4c0d4f36-5d0e-4d6b-9f55-5d5f1f3f4a0{n + 2}")
        (tmp_path / f"services{n}.json").write_text(json.dumps([other]), encoding="utf-8")
    monkeypatch.setattr(files, "MAX_TOTAL_BYTES", 2 * (tmp_path / "services0.json").stat().st_size)
    report = hsds_import(path=tmp_path)
    assert any("larger than" in e.message and "in all" in e.message for e in report.errors)
    assert not Resource.objects.exists()


@pytest.mark.parametrize("depth", [40, 100_000])
def test_json_nested_too_deep_is_refused(tmp_path, depth):
    path = tmp_path / "services.json"
    path.write_text("[" * depth + "]" * depth, encoding="utf-8")
    report = hsds_import(path=path)
    assert [e.message for e in report.errors] == ["refused: nested deeper than 32 levels"]


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_not_json(tmp_path, constant):
    place = {"id": LOCATION_ID, "name": "Centre", "latitude": "LAT", "longitude": 10}
    document = service(service_at_locations=[{"id": SERVICE_ID, "location": place}])
    path = tmp_path / "services.json"
    path.write_text(json.dumps(document).replace('"LAT"', constant), encoding="utf-8")
    report = hsds_import(path=path)
    assert [e.message for e in report.errors] == [
        f"not valid JSON: {constant} is not a number JSON allows"
    ]


@pytest.mark.parametrize("text", ["nan", "inf", "-Infinity", "1e400"])
def test_nan_written_as_text_is_not_a_number(tmp_path, text):
    report = run(tmp_path, service(minimum_age=text))
    assert [(e.where.path, e.message) for e in report.errors] == [
        ("minimum_age", f"expected a number, got {float(text)!r}")
    ]


def test_an_over_long_text_is_an_error(tmp_path):
    report = run(tmp_path, service(description="word " * 5000))
    assert [(e.where.path, e.message) for e in report.errors] == [
        ("description", "longer than 20000 characters (24999)")
    ]
    assert not Resource.objects.exists()


def test_an_email_address_past_254_characters_is_an_error(tmp_path):
    email = "a" * 64 + "@" + ".".join(["b" * 60] * 4) + ".org"
    assert len(email) > 254
    report = run(tmp_path, service(email=email))
    assert [(e.where.path, e.message) for e in report.errors] == [
        ("email", "longer than the 254 characters an address may have")
    ]


def test_an_over_long_website_is_an_error_not_dropped(tmp_path):
    limit = Organization._meta.get_field("website").max_length
    website = "https://example.org/" + "a" * limit
    organization = {
        "id": "7f1d0c57-2a4e-4c0e-8a43-1b3f6f0c9a11",
        "name": "Riverbend",
        "website": website,
    }
    report = run(tmp_path, service(organization=organization))
    assert [(e.where.path, e.message) for e in report.errors] == [
        ("organization.website", f"longer than the {limit} characters an address may have")
    ]
    report = run(tmp_path, service(url=website))
    assert [e.where.path for e in report.errors] == ["url"]
    assert not Organization.objects.exists()


# --- One id, two records -------------------------------------------------------------------------


def test_one_service_id_twice_in_a_file_with_different_names_is_an_error(tmp_path):
    path = tmp_path / "services.json"
    path.write_text(json.dumps([service(), service(name="Another pantry")]), encoding="utf-8")
    report = hsds_import(path=path)
    assert [str(e) for e in report.errors] == [
        f"services.json, record 1, field id: id {SERVICE_ID} is used twice in this file with "
        "different name (first at services.json, record 0)"
    ]
    assert not Resource.objects.exists()


def test_one_location_id_with_two_addresses_is_an_error(tmp_path):
    first = located(address_1="1 Mill Road", postal_code="95814")
    second = dict(
        located(address_1="9 Other Street", postal_code="95670"),
        id="4c0d4f36-5d0e-4d6b-9f55-5d5f1f3f4a09",
    )
    path = tmp_path / "services.json"
    path.write_text(json.dumps([first, second]), encoding="utf-8")
    report = hsds_import(path=path)
    assert len(report.errors) == 1
    assert f"id {LOCATION_ID} is used twice in this file with different" in str(report.errors[0])
    assert "address_1" in str(report.errors[0])
    assert not Location.objects.exists()


def test_a_location_with_two_physical_addresses_is_an_error(tmp_path):
    document = located(address_1="1 Mill Road", postal_code="95814", address_type="physical")
    place = document["service_at_locations"][0]["location"]
    place["addresses"].append({"address_1": "9 Other Street", "address_type": "physical"})
    report = run(tmp_path, document)
    assert [e.where.path for e in report.errors] == [
        "service_at_locations[0].location.addresses[1]"
    ]
    assert "a second address of the same kind" in report.errors[0].message


def test_the_same_organization_repeated_under_each_service_is_fine(tmp_path):
    other = dict(service(), id="4c0d4f36-5d0e-4d6b-9f55-5d5f1f3f4a09", name="Second pantry")
    path = tmp_path / "services.json"
    path.write_text(json.dumps([service(), other]), encoding="utf-8")
    assert hsds_import(path=path).ok
    assert Resource.objects.count() == 2 and Organization.objects.count() == 1


def test_two_rows_with_one_id_in_a_table_are_an_error(tmp_path):
    folder = csv_folder(tmp_path)
    rows = (folder / "services.csv").read_text(encoding="utf-8").splitlines()
    (folder / "services.csv").write_text("\n".join([*rows, rows[1]]) + "\n", encoding="utf-8")
    report = hsds_import(path=folder)
    assert any(
        str(e).startswith(f"services.csv, row {len(rows) + 1}, field id: id ")
        and e.message.endswith("is also in row 2")
        for e in report.errors
    ), report.errors
    assert not Resource.objects.exists()
