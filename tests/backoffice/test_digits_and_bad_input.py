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
