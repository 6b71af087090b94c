"""The lost and found board's filters, its report pages, its message form and its photo
addresses, driven with arbitrary text, digits of many scripts, huge numbers and impossible dates:
never a 5xx.

Examples per test: the Hypothesis profile (``portal`` in CI; ``bench/fuzz.py`` runs ``fuzz``)."""

import pytest
from django.urls import reverse
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from backoffice.factories import PetReportFactory, ReportPhotoFactory
from backoffice.vocabulary import ReportKind, Species
from tests.conftest import LANGUAGE_CODES
from tests.fuzz import hostile, params, request, value_for

pytestmark = pytest.mark.django_db

LANGUAGES = st.sampled_from(LANGUAGE_CODES)


@pytest.fixture
def board(site, tmp_path, settings):
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    report = PetReportFactory(published=True)
    ReportPhotoFactory(report=report)
    PetReportFactory(published=True, kind=ReportKind.FOUND, species=Species.CAT, zip_code="")
    return report


def path(name, *args, lang="en"):
    with translation.override(lang):
        return reverse(name, args=args)


BOARD_FIELDS = {
    "kind": value_for(ReportKind.values),
    "species": value_for(Species.values),
    "zip": value_for(["95814", "٩٥٨١٤", "95670", "99950"]),
    "radius": value_for(["1", "3", "5", "10", "25"]),
    "since": value_for(["2026-01-01", "1900-01-01", "2999-12-31"]),
    "page": value_for(["1", "2"]),
}


@given(lang=LANGUAGES, query=params(BOARD_FIELDS))
def test_the_board_whatever_its_filters(client, board, lang, query):
    assert request(client, "get", path("board:board", lang=lang), query) < 500


@given(lang=LANGUAGES, pk=hostile())
def test_a_report_page_of_any_number(client, board, lang, pk):
    pk = pk.replace("/", "").replace("\x00", "") or "0"
    for name in ("board:report", "board:sent"):
        assert request(client, "get", path(name, pk, lang=lang)) < 500


MESSAGE_FIELDS = {
    "about": value_for(["mine", "seen"]),
    "message": hostile(),
    "name": hostile(),
    "contact": value_for(["(916) 555-0123", "a@example.org", "٩١٦٥٥٥٠١٢٣"]),
    "website": value_for([""]),
}


@given(lang=LANGUAGES, form=params(MESSAGE_FIELDS))
def test_the_message_form(client, board, lang, form):
    assert request(client, "post", path("board:write", board.pk, lang=lang), form) < 500


@given(photo_id=hostile())
def test_a_photo_of_any_id(client, board, photo_id):
    photo_id = photo_id.replace("/", "").replace("\x00", "") or "0"
    assert request(client, "get", f"/lost-and-found-photos/{photo_id}/") < 500
