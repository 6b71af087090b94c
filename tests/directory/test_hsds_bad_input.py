"""What an HSDS import does with input that is wrong or hostile: digits of other scripts are read,
and everything else gets a clear error naming the file and field, never a traceback."""

import pytest

from directory.models import Location, Phone, Resource

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
