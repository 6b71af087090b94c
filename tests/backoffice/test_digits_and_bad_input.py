"""Phone numbers and ZIP codes typed in Arabic-Indic or Persian digits at intake are stored in ASCII
digits and found by the queue's search; anything else is refused with a translated error and
nothing typed is lost."""

import pytest
from django.urls import reverse

from backoffice.models import Case, Person

from .conftest import open_case

pytestmark = pytest.mark.django_db


def _intake(**extra):
    data = {
        "client_token": "digits-token",
        "case_type": "pet_support",
        "channel": "phone",
        "urgency": "high",
        "summary": "Needs food for the cat.",
        "person-name": "Layla Haddad",
        "person-preferred_language": "ar",
        "person-phone": "٠١٢٣ ٤٥٦ ٧٨٩٠",
        "person-zip_code": "٩٥٨١٤",
        "pets-TOTAL_FORMS": "1",
        "pets-INITIAL_FORMS": "0",
        "pets-MIN_NUM_FORMS": "0",
        "pets-MAX_NUM_FORMS": "6",
        "pets-0-species": "cat",
    }
    data.update(extra)
    return data


def test_arabic_indic_digits_at_intake_are_stored_as_ascii_and_found(case_manager, client):
    client.force_login(case_manager)
    response = client.post(reverse("backoffice:case_create"), _intake())
    assert response.status_code == 302
    person = Person.objects.get()
    assert (person.phone, person.phone_digits, person.zip_code) == (
        "0123 456 7890",
        "01234567890",
        "95814",
    )
    case = Case.objects.get()
    for query in ("0123 456 7890", "٤٥٦٧٨٩٠", "۴۵۶۷۸۹۰"):  # ASCII, Arabic-Indic, Persian
        body = client.get(reverse("backoffice:queue"), {"q": query}).content.decode()
        assert case.reference in body, query


def test_a_phone_or_zip_that_is_not_one_is_refused_with_a_translated_error(case_manager, client):
    client.force_login(case_manager)
    response = client.post(
        reverse("backoffice:case_create"),
        _intake(**{"person-phone": "call after 5", "person-zip_code": "²²²²²"}),
        HTTP_ACCEPT_LANGUAGE="es",
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Escriba un código postal de cinco dígitos" in body
    assert "call after 5" in body and "²²²²²" in body  # nothing typed is lost
    assert not Case.objects.exists()


def test_an_existing_person_phone_typed_in_persian_digits_is_matched(case_manager):
    first = open_case(phone="(503) 555-0142")
    second = open_case(phone="(۵۰۳) ۵۵۵-۰۱۴۲")
    assert second.person.phone_digits == first.person.phone_digits == "5035550142"


@pytest.mark.parametrize("person", ["²", "99999999999999999999", "-1", "٣x", str(2**63)])
def test_new_case_for_a_person_that_is_no_number_is_a_new_person(case_manager, client, person):
    client.force_login(case_manager)
    response = client.get(reverse("backoffice:case_create"), {"person": person})
    assert response.status_code == 200
    assert 'name="person-name"' in response.content.decode()  # asks who the person is


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"opened_before": "9999-12-31"}, "opened_before"),
        ({"opened_after": "9999-12-31"}, "opened_after"),
        ({"opened_after": "0001-01-01"}, "opened_after"),
    ],
)
def test_queue_dates_past_what_a_day_can_be_are_explained(supervisor, client, query, field):
    open_case()
    client.force_login(supervisor)
    response = client.get(reverse("backoffice:queue"), {**query, "status": "all"})
    assert response.status_code == 200
    assert "Enter a date between the years 1900 and 2999." in response.content.decode()


@pytest.mark.parametrize("query", [{"end": "9999-12-31"}, {"start": "0001-01-01"}])
def test_dashboard_dates_past_what_a_day_can_be_are_explained(supervisor, client, query):
    open_case()
    client.force_login(supervisor)
    response = client.get(reverse("backoffice:dashboard"), query)
    assert response.status_code == 200
    assert "Enter a date between the years 1900 and 2999." in response.content.decode()
    for table in ("opened_resolved", "outcomes"):
        csv = client.get(reverse("backoffice:dashboard_csv", args=[table]), query)
        assert csv.status_code == 200


def test_merging_into_a_record_number_past_the_databases_is_refused(supervisor, client):
    case = open_case()
    client.force_login(supervisor)
    url = reverse("backoffice:person_merge", args=[case.person.pk])
    response = client.post(url, {"target": "99999999999999999999"})
    assert response.status_code in (200, 400)
    assert "errorlist" in response.content.decode() or "error" in response.content.decode()


def test_a_nul_character_in_the_queue_export_or_audit_filter_is_no_500(supervisor, client):
    # PostgreSQL's JSON and text cannot hold NUL: the export's audit entry once failed there.
    open_case()
    client.force_login(supervisor)
    export = client.get(reverse("backoffice:queue_export"), {"q": "a\x00b", "x\x00": "1"})
    assert export.status_code == 200
    b"".join(export.streaming_content)
    assert client.get(reverse("backoffice:audit_log"), {"case": "PS\x00"}).status_code == 200


def test_a_case_reference_with_a_nul_character_is_not_found(supervisor, client):
    # PostgreSQL refuses to compare text holding NUL: the case page once answered 500 there.
    open_case()
    client.force_login(supervisor)
    response = client.get("/backoffice/cases/PS-2026%00/")
    assert response.status_code == 404
