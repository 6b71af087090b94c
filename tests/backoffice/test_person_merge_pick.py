"""Merging two records of one person: staff pick the record to keep from the records that may be
the same person, or from a search by name, phone or email; no record number is typed, and no
record the user may not open (one known only through someone else's confidential case) is ever
offered or accepted."""

import pytest
from django.urls import reverse

from backoffice import selectors
from backoffice.models import Person

from .conftest import open_case

pytestmark = pytest.mark.django_db


def merge_page(client, person, **query):
    return client.get(reverse("backoffice:person_merge", args=[person.pk]), query)


def test_the_records_that_may_be_the_same_person_are_offered_to_pick(client, supervisor):
    kept = open_case(name="Rosalind Fairweather", phone="(503) 555-0142").person
    duplicate = open_case(name="Rosalind F.", phone="503.555.0142", email="").person
    open_case(name="Someone Else", phone="(503) 555-0199", email="else@example.org")
    client.force_login(supervisor)
    page = merge_page(client, duplicate).content.decode()
    assert "Keep this record (person number)" not in page  # nothing to type
    assert f'type="radio" name="target" value="{kept.pk}"' in page
    assert "Rosalind Fairweather" in page and "Someone Else" not in page
    response = client.post(
        reverse("backoffice:person_merge", args=[duplicate.pk]), {"target": kept.pk}
    )
    assert response.status_code == 302 and response["Location"].endswith(f"/{kept.pk}/")
    assert Person.objects.get(pk=duplicate.pk).merged_into_id == kept.pk


@pytest.mark.parametrize("query", ["quillon", "555 0188", "rq@example.org"])
def test_a_search_by_name_phone_or_email_finds_the_record_to_keep(client, supervisor, query):
    duplicate = open_case(name="R. Quillon", phone="", email="").person
    kept = open_case(name="Ruth Quillon", phone="(503) 555-0188", email="rq@example.org").person
    client.force_login(supervisor)
    page = merge_page(client, duplicate, q=query).content.decode()
    assert f'value="{kept.pk}"' in page and "Ruth Quillon" in page
    assert f'value="{duplicate.pk}"' not in page  # never the record itself
    response = client.post(
        reverse("backoffice:person_merge", args=[duplicate.pk]), {"target": kept.pk, "q": query}
    )
    assert response.status_code == 302
    assert Person.objects.get(pk=duplicate.pk).merged_into_id == kept.pk


def test_the_record_offered_from_the_person_page_is_ticked(client, supervisor):
    kept = open_case().person
    duplicate = open_case(name="Rosalind F.").person
    client.force_login(supervisor)
    page = merge_page(client, duplicate, target=kept.pk).content.decode()
    assert f'value="{kept.pk}" id="id_target" checked' in page
    for odd in ("99999999999999999999", "٢", "x", str(duplicate.pk)):  # none is ticked or fails
        response = merge_page(client, duplicate, target=odd)
        assert response.status_code == 200 and " checked" not in response.content.decode()


def test_nothing_picked_or_a_record_not_offered_is_refused(client, supervisor):
    duplicate = open_case().person
    other = open_case(name="Rosalind F.").person
    url = reverse("backoffice:person_merge", args=[duplicate.pk])
    client.force_login(supervisor)
    nothing = client.post(url, {})
    assert nothing.status_code == 400 and "Choose the record to keep." in nothing.content.decode()
    itself = client.post(url, {"target": duplicate.pk})
    assert "Choose one of the records offered." in itself.content.decode()
    other.merged_into = open_case(name="Third").person
    other.save(update_fields=["merged_into"])
    merged_away = client.post(url, {"target": other.pk})
    assert merged_away.status_code == 400
    assert Person.objects.get(pk=duplicate.pk).merged_into_id is None


def test_a_person_known_only_through_a_confidential_case_is_never_offered(
    world, case_manager, other_case_manager, supervisor
):
    """The merge candidates follow who may open a record: the secret case's person is offered to
    its own case manager and to supervisors, never to another case manager."""
    secret = Person.objects.get(cases=world["secret"])
    plain = open_case(name="Zephyrine Q.", phone="(503) 555-0177", assignee=other_case_manager)
    for query in ("", "Zephyrine", "555-0177"):
        offered = selectors.person_merge_candidates(
            user=other_case_manager, person=plain.person, query=query
        )
        assert secret not in offered, query
        assert secret in selectors.person_merge_candidates(
            user=supervisor, person=plain.person, query=query
        )
        assert secret in selectors.person_merge_candidates(
            user=case_manager, person=plain.person, query=query
        )
    assert (
        selectors.person_merge_target(
            user=other_case_manager, person=plain.person, target_id=secret.pk
        )
        is None
    )


def test_case_managers_may_not_merge(client, case_manager):
    duplicate = open_case(assignee=case_manager).person
    kept = open_case(name="Rosalind F.", assignee=case_manager).person
    client.force_login(case_manager)
    assert merge_page(client, duplicate).status_code == 403
    response = client.post(
        reverse("backoffice:person_merge", args=[duplicate.pk]), {"target": kept.pk}
    )
    assert response.status_code == 403
    assert Person.objects.get(pk=duplicate.pk).merged_into_id is None
