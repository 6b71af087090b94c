"""The lost and found report forms and the private page, driven with arbitrary text, digits of
many scripts, huge numbers, impossible dates and missing fields: never a 5xx."""

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from backoffice.factories import PetReportFactory
from backoffice.services.lost_found import report_link_issue
from backoffice.vocabulary import AgeGroup, ChipScan, Colour, Sex, Size, Species, Temperament
from tests.conftest import LANGUAGE_CODES
from tests.fuzz import hostile, params, request, value_for

pytestmark = pytest.mark.django_db

LANGUAGES = st.sampled_from(LANGUAGE_CODES)

FIELDS = {
    "species": value_for(Species.values),
    "breed": hostile(),
    "colours": value_for(Colour.values),
    "sex": value_for(Sex.values),
    "size": value_for(Size.values),
    "age_group": value_for(AgeGroup.values),
    "marks": hostile(),
    "microchip": value_for(["985 112 003 456", "٩٨٥١١٢"]),
    "chip_scan": value_for(ChipScan.values),
    "happened_on": value_for(["2026-01-02", "٢٠٢٦-٠١-٠٢", "9999-12-31", "0001-01-01"]),
    "happened_time": value_for(["18:30", "25:61"]),
    "zip_code": value_for(["95814", "٩٥٨١٤", "00000"]),
    "temperament": value_for(Temperament.values),
    "can_keep": value_for(["yes", "no", ""]),
    "keep_until": value_for(["2026-02-01", "3000-01-01"]),
    "name": value_for(["Quynh"]),
    "phone": value_for(["(916) 555-0142", "٩١٦٥٥٥٠١٤٢"]),
    "email": value_for(["someone@example.org"]),
    "publish_consent": value_for(["on"]),
    "client_token": hostile(),
    "action": value_for(["update", "home"]),
    "confirm": value_for(["on"]),
    "website": st.one_of(st.just(""), hostile()),
}


@pytest.fixture(autouse=True)
def _private_store(tmp_path):
    with override_settings(PRIVATE_MEDIA_ROOT=str(tmp_path / "private")):
        yield


def path(name, *args, lang="en"):
    with translation.override(lang):
        return reverse(name, args=args)


@given(lang=LANGUAGES, kind=st.sampled_from(["lost", "found"]), form=params(FIELDS))
def test_the_report_forms(client, lang, kind, form):
    assert request(client, "post", path("reports:report", kind, lang=lang), form) < 500


@given(lang=LANGUAGES, form=params(FIELDS), found=st.booleans())
def test_the_private_page(client, lang, form, found):
    report = PetReportFactory(found=found)
    token = report_link_issue(report=report)
    assert request(client, "post", path("reports:private", token, lang=lang), form) < 500
    assert request(client, "get", path("reports:private", token, lang=lang)) < 500


@given(token=hostile(), pk=hostile())
def test_made_up_links_and_photos(client, token, pk):
    token = token.replace("/", "") or "x"
    assert request(client, "get", path("reports:private", token)) == 404
    assert (
        request(client, "get", path("reports:private_photo", token, pk.replace("/", "") or "1"))
        == 404
    )
