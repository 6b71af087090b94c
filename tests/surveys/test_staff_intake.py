"""The pet support survey typed by a case manager for someone on the phone or at the front desk:
the survey's own questions and checks on one back-office page, the same door (``survey_submit``),
channel phone or walk-in, opened by the staff member."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from backoffice.factories import CaseManagerFactory, PersonFactory, SupervisorFactory, UserFactory
from backoffice.models import AuditEntry, Case, Person
from backoffice.vocabulary import Channel
from messaging.models import Message

pytestmark = pytest.mark.django_db

URL = "/backoffice/cases/new/survey/"

PET = {"species": "cat", "name": "Nalla", "age_group": "adult", "has_vet": "no"}
CONTACT = {
    "name": "Maria",
    "preferred_language": "es",
    "phone": "(916) 555-0142",
    "email": "",
    "contact_method": "phone",
    "safe_to_leave_message": "yes",
    "best_time_to_contact": "morning",
    "zip_code": "95814",
    "message_consent": "no",
    "consent_referrals": "on",
}


def pets(*items):
    data = {
        "pets-TOTAL_FORMS": str(len(items)),
        "pets-INITIAL_FORMS": "0",
        "pets-MIN_NUM_FORMS": "1",
        "pets-MAX_NUM_FORMS": "6",
    }
    for i, pet in enumerate(items):
        data.update({f"pets-{i}-{k}": v for k, v in pet.items()})
    return data


def answers(
    *,
    needs=("food_supplies",),
    channel=Channel.PHONE,
    safety="no",
    contact=None,
    pet_list=(PET,),
    token="staff-token-1",
    **extra,
):
    data = {
        "client_token": token,
        "channel": channel,
        "needs-needs": list(needs),
        "needs-needs_other": "Her hours were cut this month.",
        "situation-urgency": "high",
        "situation-reasons": ["cost"],
        "situation-keep_pet": "yes",
        "home-living": "rent_allowed",
        "home-safety": safety,
        **pets(*pet_list),
        **{f"contact-{k}": v for k, v in {**CONTACT, **(contact or {})}.items()},
    }
    data.update(extra)
    return data


@pytest.fixture
def case_manager():
    return CaseManagerFactory(username="cm_carmen", first_name="Carmen")


@pytest.fixture
def content_editor():
    user = UserFactory(username="ed_erin")
    group, _ = Group.objects.get_or_create(name="Editors")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    user.groups.add(group)
    return user


def test_the_page_is_reached_from_the_queue_and_the_case_form(client, case_manager):
    client.force_login(case_manager)
    assert f'href="{URL}"' in client.get(reverse("backoffice:queue")).content.decode()
    assert f'href="{URL}"' in client.get(reverse("backoffice:case_create")).content.decode()
    page = client.get(URL)
    assert page.status_code == 200
    html = page.content.decode()
    # The survey's own questions, in its words; none of the public robots' trap.
    for question in (
        "What would you like help with?",
        "If this were solved, would you keep your pet?",
        "Is anyone in your home a danger to you or your pet?",
        "Your first name or a nickname",
        "Does your pet have a vet?",
    ):
        assert question in html
    assert 'name="contact-website"' not in html
    assert page["Cache-Control"].startswith("max-age=0")


def test_only_case_managers_and_supervisors_may_use_it(client, content_editor):
    anonymous = client.get(URL)
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]
    assert client.post(URL, answers()).status_code == 302

    client.force_login(content_editor)
    assert client.get(URL).status_code == 403
    refused = client.post(URL, answers())
    assert refused.status_code == 403
    assert not Case.objects.exists()
    assert AuditEntry.objects.filter(
        actor=content_editor, action="denied", operation="page"
    ).exists()

    client.force_login(SupervisorFactory(username="sup_sam"))
    assert client.get(URL).status_code == 200
    inactive = CaseManagerFactory(username="cm_gone", is_active=False)
    client.force_login(inactive)
    assert client.get(URL).status_code != 200


def test_a_phone_survey_opens_a_case_with_the_channel_and_every_answer(client, case_manager):
    client.force_login(case_manager)
    response = client.post(URL, answers())
    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("backoffice:case", args=[case.reference])
    assert case.channel == Channel.PHONE and case.opened_by == case_manager
    assert case.language == "es" and not case.confidential
    assert case.person.name == "Maria" and case.person.phone_digits == "9165550142"
    assert case.person.best_time_to_contact == "morning"
    assert [n.code for n in case.needs.all()] == ["food_supplies"]
    assert [r.code for r in case.reasons.all()] == ["cost"]
    assert case.summary == "Her hours were cut this month."
    assert [p.name for p in case.pets.all()] == ["Nalla"]
    assert case.intake_answers == {
        "needs_other": "Her hours were cut this month.",
        "main_reason": "cost",  # the one reason ticked, as the survey takes it
        "keep_pet": "yes",
        "pets": [
            {
                "has_vet": "no",
                "bite_history": "",
                "good_with_children": "",
                "good_with_dogs": "",
                "good_with_cats": "",
            }
        ],
        "living": "rent_allowed",
        "safety": "no",
        "consent_referrals": True,
    }
    page = client.get(response["Location"])
    assert f"Case {case.reference} opened." in page.content.decode()
    assert "Phone or hotline" in page.content.decode()
    assert "Does your pet have a vet?" in page.content.decode()  # the answers, in words


def test_a_walk_in_with_the_conditional_steps_and_a_second_pet(client, case_manager):
    client.force_login(case_manager)
    data = answers(
        channel=Channel.WALK_IN,
        needs=("temporary_care", "rehoming"),
        pet_list=(PET, {"species": "dog", "name": "Mama"}),
        **{
            "care-care_length": "weeks",
            "care-care_why": "A hospital stay.",
            "rehoming-rehoming_timeline": "month",
            "rehoming-pet_history": "Five years with us.",
        },
    )
    assert client.post(URL, data).status_code == 302
    case = Case.objects.get()
    assert case.channel == Channel.WALK_IN
    assert case.case_type == "rehoming"
    assert sorted(p.name for p in case.pets.all()) == ["Mama", "Nalla"]
    assert case.intake_answers["care_why"] == "A hospital stay."
    assert case.intake_answers["rehoming_timeline"] == "month"


def test_the_conditional_steps_answered_without_their_need_are_refused(client, case_manager):
    client.force_login(case_manager)
    response = client.post(URL, answers(**{"care-care_why": "A hospital stay."}))
    assert response.status_code == 400
    html = response.content.decode()
    assert "These answers are kept only when they ask for this help" in html
    assert "A hospital stay." in html
    assert not Case.objects.exists()


def test_bad_input_keeps_what_was_typed_and_lists_every_error(client, case_manager):
    client.force_login(case_manager)
    data = answers(
        needs=(),
        contact={"name": "", "phone": "call me maybe", "zip_code": "9581"},
        channel="survey",  # only the channels staff record
        **{"home-safety": "", "situation-main_reason": "housing"},
    )
    response = client.post(URL, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Please correct these" in html  # the error summary, focused on load
    assert "Choose at least one thing we can help with." in html
    assert "Tell us what to call you" in html
    assert "Choose an answer. “I prefer not to say” is fine." in html
    assert "Choose the one that matters most among the ones you ticked." in html
    assert 'href="#id_needs-needs_0"' in html  # each error links to its field
    # What was typed is still there.
    assert 'value="call me maybe"' in html and 'value="9581"' in html
    assert "Her hours were cut this month." in html
    assert 'value="Nalla"' in html
    assert not Case.objects.exists() and not Person.objects.exists()


def test_the_safety_answer_or_the_box_makes_it_confidential_and_hers(client, case_manager):
    client.force_login(case_manager)
    client.post(URL, answers(safety="yes", token="t1"))
    client.post(URL, answers(confidential="on", token="t2", contact={"phone": "(916) 555-0199"}))
    first, second = Case.objects.order_by("pk")
    assert first.confidential and first.safety_concern and first.assignee == case_manager
    assert second.confidential and not second.safety_concern
    assert second.assignee == case_manager  # or she could no longer see it


def safety_resources(html):
    """The safety resources on the staff page: whether they are there, and open."""
    start = html.find('id="staff-safety"')
    assert start != -1, "the staff page has no safety resources"
    tag = html[html.rfind("<details", 0, start) : html.find(">", start) + 1]
    return " open" in tag, html[start : html.find("</details>", start)]


def test_a_danger_at_home_opens_the_safety_resources_for_staff_to_read_out(client, case_manager):
    client.force_login(case_manager)
    opened, _resources = safety_resources(client.get(URL).content.decode())
    assert not opened  # nothing answered yet: there, but closed
    # She says yes; the page comes back (a pet added, or an answer still missing).
    for data in (
        answers(safety="yes", pets_add="1"),
        answers(safety="yes", contact={"name": ""}),
    ):
        response = client.post(URL, data)
        opened, resources = safety_resources(response.content.decode())
        assert opened
        assert "1-800-799-7233" in resources and "call 911" in resources
        assert "Find a safe place for your pet" in resources
    opened, _resources = safety_resources(
        client.post(URL, answers(safety="no", contact={"name": ""})).content.decode()
    )
    assert not opened
    assert not Case.objects.exists()


def test_a_double_submit_opens_one_case(client, case_manager):
    client.force_login(case_manager)
    first = client.post(URL, answers())
    second = client.post(URL, answers())
    assert Case.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_a_known_person_is_linked_and_staff_are_told_at_once(client, case_manager):
    from backoffice.factories import CaseFactory

    known = PersonFactory(name="Maria Lopez", phone="+1 916 555 0142", phone_digits="19165550142")
    earlier = CaseFactory(person=known)
    client.force_login(case_manager)
    response = client.post(URL, answers(), follow=True)
    case = Case.objects.exclude(pk=earlier.pk).get()
    assert case.person == known and Person.objects.count() == 1
    assert case.intake_answers["person_match"]["person"] == known.pk
    html = response.content.decode()
    assert "linked to the record of someone already known" in html
    assert 'id="person-match"' in html


def test_staff_are_never_linked_to_a_record_they_may_not_open(client, case_manager):
    """A record known only through someone else's confidential case: the phone survey opens a
    record of its own (as hotline intake does), so the case manager is shown nothing of it."""
    from backoffice.factories import CaseFactory

    hidden = PersonFactory(name="Hidden Name", phone="+1 916 555 0142")
    CaseFactory(person=hidden, confidential=True, assignee=CaseManagerFactory())
    client.force_login(case_manager)
    response = client.post(URL, answers(), follow=True)
    case = Case.objects.exclude(person=hidden).get()
    assert "person_match" not in case.intake_answers
    html = response.content.decode()
    assert "Hidden Name" not in html and 'id="person-match"' not in html
    # Her own confidential intake is hers to see, and still not linked to a record she may not
    # open: a colleague's confidential case stays out of her sight.
    client.post(URL, answers(confidential="on", token="t9"))
    mine = Case.objects.filter(assignee=case_manager).get()
    assert mine.confidential and mine.person != hidden


def test_a_confirmation_goes_only_with_consent_as_from_the_survey(client, case_manager):
    client.force_login(case_manager)
    client.post(URL, answers(token="a"))  # no consent
    assert not Message.objects.exists()
    client.post(
        URL,
        answers(
            token="b",
            contact={"message_consent": "yes", "email": "ana@example.org", "phone": ""},
        ),
    )
    message = Message.objects.get()
    assert message.recipient == "ana@example.org"
    assert Case.objects.get(person__email="ana@example.org").reference in message.body


def test_pets_are_added_and_removed_without_javascript_keeping_everything(client, case_manager):
    client.force_login(case_manager)
    added = client.post(URL, answers(needs=(), pets_add="1"))
    assert added.status_code == 200
    html = added.content.decode()
    assert 'name="pets-TOTAL_FORMS" value="2"' in html
    assert "Please correct" not in html  # adding a pet is no error, even with needs missing
    assert 'value="Maria"' in html
    removed = client.post(
        URL, answers(pet_list=(PET, {"species": "dog", "name": "Mama"}), pets_remove="0")
    )
    html = removed.content.decode()
    assert 'value="Mama"' in html and 'value="Nalla"' not in html
    assert not Case.objects.exists()


def test_another_staff_members_token_opens_the_case_typed(client, case_manager):
    other = CaseManagerFactory(username="cm_minh")
    client.force_login(other)
    client.post(URL, answers(contact={"name": "Ana", "phone": "(916) 555-0100"}))
    client.force_login(case_manager)
    client.post(URL, answers())
    assert sorted(Case.objects.values_list("person__name", flat=True)) == ["Ana", "Maria"]


def test_a_survey_linked_by_mistake_is_unlinked_by_staff_into_its_own_record(client, case_manager):
    from .helpers import send, walk

    known = PersonFactory(name="Maria Lopez", phone="+1 916 555 0142", phone_digits="19165550142")
    walk(client, contact={"name": "Mary", "email": "mary@example.org"})
    send(client)
    case = Case.objects.get()
    assert case.person == known
    client.force_login(case_manager)
    response = client.post(reverse("backoffice:case_person_unlink", args=[case.reference]))
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.person != known
    assert (case.person.name, case.person.email) == ("Mary", "mary@example.org")
    assert [p.name for p in case.person.pets.all()] == ["Nalla"]
    assert not known.pets.exists() and not known.cases.exists()
