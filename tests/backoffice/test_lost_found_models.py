"""Lost and found reports as stored: one per case, colours and temperament filterable on both
databases, one spelling of a chip number, photos in the private store only."""

import pytest
from django.db import IntegrityError
from django.test import override_settings

from backoffice.factories import PetReportFactory, ReportPhotoFactory
from backoffice.models import PetReport
from backoffice.vocabulary import (
    REPORT_CASE_TYPES,
    CaseType,
    Colour,
    Publication,
    ReportKind,
    Temperament,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _private_store(tmp_path):
    with override_settings(PRIVATE_MEDIA_ROOT=str(tmp_path / "private")):
        yield tmp_path / "private"


def test_a_report_belongs_to_its_case_and_a_found_one_opens_a_found_pet_case():
    lost = PetReportFactory()
    found = PetReportFactory(found=True)
    assert lost.case.pet_report == lost
    assert (lost.kind, lost.case.case_type) == (ReportKind.LOST, CaseType.LOST_PET)
    assert (found.kind, found.case.case_type) == (ReportKind.FOUND, CaseType.FOUND_PET)
    assert REPORT_CASE_TYPES[ReportKind.FOUND] == CaseType.FOUND_PET
    assert found.private_detail == ""
    # Nothing goes on the board without consent.
    assert lost.state == Publication.PRIVATE and not lost.publish_consent


def test_one_case_has_at_most_one_report():
    report = PetReportFactory()
    with pytest.raises(IntegrityError):
        PetReportFactory(case=report.case)


def test_colours_and_temperament_are_filtered_by_code_on_both_databases():
    tabby = PetReportFactory(colours=[Colour.TABBY, Colour.WHITE], temperament=[Temperament.SHY])
    PetReportFactory(colours=[Colour.BLACK], temperament=[])
    assert list(PetReport.objects.filter(colours__has=Colour.WHITE)) == [tabby]
    assert list(PetReport.objects.filter(temperament__has=Temperament.SHY)) == [tabby]
    assert not PetReport.objects.filter(colours__has=Colour.GINGER).exists()


def test_a_chip_number_is_kept_in_one_spelling_however_it_was_typed():
    report = PetReportFactory(microchip="985 112-003 ٤٥٦")
    report.refresh_from_db()
    assert report.microchip == "985112003456"
    assert PetReport.objects.filter(microchip="985112003456").get() == report


def test_the_private_link_token_hash_opens_one_report_only():
    PetReportFactory(token_hash="a" * 64)
    with pytest.raises(IntegrityError):
        PetReportFactory(token_hash="a" * 64)


def test_a_photo_is_kept_in_the_private_store_with_no_url(_private_store):
    photo = ReportPhotoFactory()
    assert (_private_store / photo.file.name).is_file()
    assert photo.file.name.startswith("lost-found/")
    with pytest.raises(ValueError, match="no URL"):
        photo.file.url  # noqa: B018
    assert list(photo.report.photos.all()) == [photo]
