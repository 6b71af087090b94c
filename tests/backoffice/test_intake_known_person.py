"""Hotline intake and a person already known: the form says "this person may already be known"
with the match, to open the case for them or to create a new record (it made a duplicate), by the
same matching rule as the survey's and the person page's (``person_matches``: the number however
it was typed, or the email address)."""

import pytest
from django.urls import reverse

from backoffice import selectors
from backoffice.factories import CaseFactory, PersonFactory
from backoffice.models import Case, Person

from .test_views import _new_case_form

pytestmark = pytest.mark.django_db

URL = reverse("backoffice:case_create")


@pytest.fixture
def known(case_manager):
    """Ifeoma, known from an earlier call, her number stored with its country code."""
    person = PersonFactory(name="Ifeoma Thornbury", phone="+1 503 555 0123", email="")
    CaseFactory(person=person)
    return person


def test_intake_shows_a_known_person_instead_of_making_a_second_record(case_manager, client, known):
    client.force_login(case_manager)
    response = client.post(URL, _new_case_form(**{"person-phone": "(503) 555-0123"}))
    page = response.content.decode()
    assert response.status_code == 200
    assert "This person may already be known" in page
    assert "Ifeoma Thornbury" in page and "+1 503 555 0123" in page
    assert f'formaction="{URL}?person={known.pk}"' in page  # open the case for her
    assert 'name="person_is_new" value="1"' in page  # or say this is someone else
    assert Case.objects.count() == 1 and Person.objects.count() == 1  # nothing made yet


def test_opening_the_case_for_the_known_person_links_it_to_her_record(case_manager, client, known):
    client.force_login(case_manager)
    response = client.post(f"{URL}?person={known.pk}", _new_case_form())
    assert response.status_code == 302
    assert known.cases.count() == 2 and Person.objects.count() == 1
    case = known.cases.order_by("-pk").first()
    assert [p.name for p in case.pets.all()] == ["Canela"]


def test_someone_else_with_the_number_gets_a_record_of_their_own(case_manager, client, known):
    client.force_login(case_manager)
    response = client.post(URL, _new_case_form(person_is_new="1"))
    assert response.status_code == 302
    new = Person.objects.exclude(pk=known.pk).get()
    assert new.name == "Ifeoma Thornbury" and new.cases.count() == 1


def test_a_number_in_arabic_digits_and_an_email_match_too(case_manager, client, known):
    client.force_login(case_manager)
    arabic = client.post(URL, _new_case_form(**{"person-phone": "٥٠٣٥٥٥٠١٢٣"}))
    assert "This person may already be known" in arabic.content.decode()
    emailed = PersonFactory(name="Bao Tran", phone="", email="bao@example.org")
    CaseFactory(person=emailed)
    by_email = client.post(
        URL, _new_case_form(**{"person-phone": "", "person-email": "Bao@Example.org "})
    )
    assert "Bao Tran" in by_email.content.decode()


def test_nobody_known_opens_the_case_at_once(case_manager, client, known):
    client.force_login(case_manager)
    response = client.post(URL, _new_case_form(**{"person-phone": "(916) 555-0199"}))
    assert response.status_code == 302


def test_a_person_known_only_through_someone_elses_confidential_case_is_not_revealed(
    case_manager, other_case_manager, supervisor, client
):
    hidden = PersonFactory(name="Safe Haven Client", phone="503-555-0177", email="")
    CaseFactory(person=hidden, confidential=True, assignee=other_case_manager)
    form = _new_case_form(**{"person-phone": "503 555 0177"})
    client.force_login(case_manager)
    response = client.post(URL, form)
    assert response.status_code == 302  # a case of her own, and no word of the other record
    assert "Safe Haven Client" not in response.content.decode()
    client.force_login(supervisor)
    response = client.post(URL, {**form, "client_token": "form-token-2"})
    assert "Safe Haven Client" in response.content.decode()


def test_the_person_page_finds_duplicates_by_the_same_rule():
    """The person page compared exact digits: "+1 503..." and "(503)..." were not duplicates."""
    first = PersonFactory(phone="+1 503 555 0123", email="")
    second = PersonFactory(phone="(503) 555-0123", email="")
    PersonFactory(phone="(503) 555-0124", email="")
    assert selectors.person_duplicates(person=second) == [first]
    assert selectors.person_duplicates(person=first) == [second]
