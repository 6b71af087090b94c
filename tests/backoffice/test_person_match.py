"""A request linked to a person already known (the survey's person matching): on the case page
staff confirm that it is the same person, or undo the link, which gives the request a person record
of its own made from what was typed, moves the case and its pets to it, and is recorded."""

import pytest
from django.urls import reverse

from backoffice import services
from backoffice.models import AuditEntry, Person, TimelineEntry
from backoffice.vocabulary import Channel, EventKind, Need

from .conftest import open_case

pytestmark = pytest.mark.django_db

TYPED = {
    "name": "Maria",
    "preferred_language": "es",
    "phone": "(916) 555-0142",
    "email": "maria.new@example.org",
    "safe_to_text": True,
    "zip_code": "95814",
}


def linked_case(known, typed=None, **kwargs):
    """A case opened the way the survey opens one for someone already known."""
    return services.case_open(
        case_type="pet_support",
        channel=Channel.SURVEY,
        existing_person=known,
        pets=[services.PetDetails(species="cat", name="Nalla")],
        needs=[Need.FOOD_SUPPLIES],
        intake_answers={
            "keep_pet": "yes",
            "person_match": {
                "person": known.pk,
                "confirmed": False,
                "contact_as_typed": TYPED if typed is None else typed,
            },
        },
        language="es",
        **kwargs,
    )


@pytest.fixture
def known():
    """Someone already known, with an earlier case and a pet of their own."""
    return open_case(name="Maria Lopez", phone="+1 916 555 0142", email="maria@example.org").person


def url(case, action):
    return reverse(f"backoffice:case_person_{action}", args=[case.reference])


def page(client, case):
    return client.get(reverse("backoffice:case", args=[case.reference])).content.decode()


def test_the_case_page_offers_to_confirm_or_unlink(login, case_manager, known):
    case = linked_case(known)
    html = page(login(case_manager), case)
    assert "Check the person" in html
    assert f'action="{url(case, "confirm")}"' in html
    assert f'action="{url(case, "unlink")}"' in html
    assert "maria.new@example.org" in html  # what they typed this time


def test_confirming_keeps_the_link_says_so_and_a_second_click_changes_nothing(
    login, case_manager, known
):
    case = linked_case(known)
    client = login(case_manager)
    response = client.post(url(case, "confirm"))
    assert response.status_code == 302 and response["Location"].endswith("#person-match")
    case.refresh_from_db()
    assert case.person == known and case.intake_answers["person_match"]["confirmed"] is True
    html = client.get(response["Location"]).content.decode()
    assert "Confirmed: the request stays with this person&#x27;s record." in html
    assert "Known person confirmed" in html
    assert f'action="{url(case, "confirm")}"' not in html
    assert f'action="{url(case, "unlink")}"' in html  # a confirmation made by mistake

    assert client.post(url(case, "confirm")).status_code == 302
    entries = TimelineEntry.objects.filter(case=case, kind=EventKind.PERSON_CONFIRMED)
    assert entries.count() == 1 and entries.get().author == case_manager
    audit = AuditEntry.objects.filter(
        operation="case_person_confirm", case_reference=case.reference
    )
    assert audit.count() == 1 and audit.get().actor == case_manager


def test_unlinking_makes_a_record_from_what_was_typed_and_moves_the_case_and_its_pets(
    login, case_manager, known
):
    earlier = known.cases.get()
    case = linked_case(known)
    client = login(case_manager)
    response = client.post(url(case, "unlink"))
    assert response.status_code == 302

    case.refresh_from_db()
    person = case.person
    assert person != known and Person.objects.count() == 2
    assert (person.name, person.phone, person.phone_digits) == (
        "Maria",
        "(916) 555-0142",
        "9165550142",
    )
    assert person.email == "maria.new@example.org" and person.preferred_language == "es"
    assert person.safe_to_text and person.zip_code == "95814"
    assert [p.name for p in person.pets.all()] == ["Nalla"]
    # The known person keeps their earlier case and their own pet.
    known.refresh_from_db()
    assert list(known.cases.all()) == [earlier]
    assert [p.name for p in known.pets.all()] == ["Biscuit"]
    assert case.intake_answers["person_match"]["unlinked"] is True

    entry = TimelineEntry.objects.get(case=case, kind=EventKind.PERSON_UNLINKED)
    assert entry.author == case_manager
    assert entry.data["from_person"] == known.pk and entry.data["to_person"] == person.pk
    audit = AuditEntry.objects.get(operation="case_person_unlink")
    assert audit.actor == case_manager and audit.case_reference == case.reference
    assert audit.detail == {"from_person": known.pk, "to_person": person.pk}

    html = client.get(response["Location"]).content.decode()
    assert "The request now has a person record of its own" in html
    assert "Given a record of its own" in html  # the block and the timeline say it
    assert f'action="{url(case, "unlink")}"' not in html
    assert f'action="{url(case, "confirm")}"' not in html
    assert f'href="{reverse("backoffice:person", args=[person.pk])}"' in html


def test_a_second_unlink_makes_no_second_record_and_confirming_after_it_is_refused(
    login, case_manager, known
):
    case = linked_case(known)
    client = login(case_manager)
    client.post(url(case, "unlink"))
    assert client.post(url(case, "unlink")).status_code == 302
    assert Person.objects.count() == 2
    assert TimelineEntry.objects.filter(case=case, kind=EventKind.PERSON_UNLINKED).count() == 1

    refused = client.post(url(case, "confirm"))
    assert refused.status_code == 400
    assert "This request was already given a record of its own." in refused.content.decode()
    case.refresh_from_db()
    assert case.intake_answers["person_match"]["confirmed"] is False


def test_a_case_never_linked_has_nothing_to_confirm_or_unlink(login, case_manager, known):
    case = open_case(name="Ana", phone="(916) 555-0100", email="ana@example.org")
    client = login(case_manager)
    assert "person-match" not in page(client, case)
    for action in ("confirm", "unlink"):
        assert client.post(url(case, action)).status_code == 400
    assert Person.objects.count() == 2
    assert not TimelineEntry.objects.filter(
        kind__in=[EventKind.PERSON_CONFIRMED, EventKind.PERSON_UNLINKED]
    ).exists()


def test_stored_answers_too_thin_for_a_record_are_refused_whole(login, case_manager, known):
    case = linked_case(known, typed={"phone": "(916) 555-0142"})  # no name (an old request)
    response = login(case_manager).post(url(case, "unlink"))
    assert response.status_code == 400
    assert "not enough to make a record of its own" in response.content.decode()
    case.refresh_from_db()
    assert case.person == known and Person.objects.count() == 1


def test_a_confidential_linked_case_is_decided_only_by_who_may_see_it(
    login, case_manager, other_case_manager, supervisor, known
):
    case = linked_case(known, safety_concern=True, assignee=case_manager)
    assert case.confidential
    client = login(other_case_manager)
    for action in ("confirm", "unlink"):
        assert client.post(url(case, action)).status_code == 404  # it does not exist for her
    case.refresh_from_db()
    assert case.person == known and not case.intake_answers["person_match"]["confirmed"]
    assert Person.objects.count() == 1

    assert login(supervisor).post(url(case, "confirm")).status_code == 302
    assert login(case_manager).post(url(case, "unlink")).status_code == 302
    case.refresh_from_db()
    assert case.person != known and case.confidential
    assert AuditEntry.objects.get(operation="case_person_unlink").confidential
    # The known person's record no longer carries the confidential request.
    assert not known.cases.filter(confidential=True).exists()


def test_people_without_back_office_access_cannot(client, login, content_editor, known):
    case = linked_case(known)
    assert client.post(url(case, "unlink")).status_code == 302  # to sign in
    assert login(content_editor).post(url(case, "unlink")).status_code == 403
    case.refresh_from_db()
    assert case.person == known
