"""The pet support survey end to end, as a visitor lives it: every path through the wizard (with and
without its conditional steps) in English and Spanish, the confidential path, a double submit, a
returning person, and the confirmation with its recommended listings."""

import re

import pytest
from django.core import mail

from backoffice.factories import PersonFactory
from backoffice.models import Case, Person
from backoffice.vocabulary import Channel, Priority
from directory.factories import LocationFactory, ResourceFactory
from directory.models import Category
from messaging.models import Message
from search.indexing import rebuild_all

from .helpers import CONTACT, PET, post_step, send, step_url, url, walk

pytestmark = pytest.mark.django_db

REFERENCE = re.compile(r"PS-\d{4}-\d{6}")


def progress(response):
    match = re.search(r'class="survey__progress">([^<]+)<', response.content.decode())
    return match.group(1) if match else ""


@pytest.mark.parametrize(
    ("lang", "step_of", "received"),
    [
        ("en", "Step {} of {}", "We received your request"),
        ("es", "Paso {} de {}", "Recibimos su solicitud"),
    ],
)
def test_the_shortest_path_opens_one_case_and_confirms_it(client, lang, step_of, received):
    first = client.get(url("start", lang), follow=True)
    assert first.status_code == 200
    assert progress(first) == step_of.format(1, 6)  # no temporary care, no rehoming step
    responses = walk(client, lang=lang)
    for step in ("needs", "situation", "pets", "home", "contact"):
        assert responses[step].status_code == 302, (step, responses[step].content[:3000])
    assert responses["contact"]["Location"] == step_url("review", lang)
    review = client.get(step_url("review", lang))
    assert progress(review) == step_of.format(6, 6)
    assert "Nalla" in review.content.decode()
    assert review.content.decode().count('href="/' + lang + "/help/") >= 5  # a change link a step

    page = send(client, lang)

    assert page.status_code == 200
    case = Case.objects.get()
    assert case.channel == Channel.SURVEY and case.language == lang
    assert case.person.name == "Maria" and case.person.phone_digits == "9165550142"
    assert [p.name for p in case.pets.all()] == ["Nalla"]
    assert [n.code for n in case.needs.all()] == ["food_supplies"]
    assert not case.confidential and not case.at_risk_of_losing_pet
    assert case.intake_answers["keep_pet"] == "yes"
    assert case.intake_answers["pets"][0]["has_vet"] == ""
    body = page.content.decode()
    assert received in body and case.reference in body
    message = Message.objects.get()
    assert (message.channel, message.recipient, message.language) == (
        "email",
        "maria@example.org",
        lang,
    )
    assert case.reference in message.subject
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(("lang", "step_of"), [("en", "Step {} of {}"), ("es", "Paso {} de {}")])
def test_temporary_care_and_rehoming_steps_appear_only_when_asked_for(client, lang, step_of):
    post_step(client, "needs", {"needs": ["temporary_care", "rehoming"]}, lang)
    situation = client.get(step_url("situation", lang))
    assert progress(situation) == step_of.format(2, 8)
    responses = walk(
        client,
        lang=lang,
        needs=("temporary_care", "rehoming"),
        urgency="emergency",
        care={"care_length": "weeks", "care_why": "Hospital stay"},
        rehoming={"rehoming_timeline": "month", "pet_history": "Adopted in 2020"},
    )
    assert responses["pets"]["Location"] == step_url("care", lang)
    assert responses["care"]["Location"] == step_url("rehoming", lang)
    assert responses["rehoming"]["Location"] == step_url("home", lang)
    send(client, lang)
    case = Case.objects.get()
    assert case.case_type == "rehoming" and case.at_risk_of_losing_pet
    assert case.priority == Priority.URGENT
    assert case.intake_answers["care_length"] == "weeks"
    assert case.intake_answers["pet_history"] == "Adopted in 2020"


def test_a_step_left_out_is_skipped_when_the_need_is_unticked(client):
    walk(client, needs=("temporary_care",), care={"care_length": "days"})
    # Back to the first step from the review: without temporary care, its step disappears.
    post_step(client, "needs", {"needs": ["food_supplies"]})
    review = client.get(step_url("review"))
    assert progress(review) == "Step 6 of 6"
    send(client)
    assert "care_length" not in Case.objects.get().intake_answers


def test_the_confidential_path_sends_nothing_and_shows_the_safety_resources_at_once(client):
    responses = walk(client, safety="yes")
    contact_page = client.get(step_url("contact"))
    assert "Your safety comes first" in contact_page.content.decode()
    assert responses["contact"].status_code == 302
    page = send(client)
    case = Case.objects.get()
    assert case.confidential and case.safety_concern
    assert case.priority == Priority.URGENT
    assert Message.objects.count() == 0 and mail.outbox == []
    body = page.content.decode()
    assert "Your safety comes first" in body
    assert "1-800-799-7233" in body
    assert case.reference in body


def test_a_double_submit_opens_one_case_and_shows_the_same_confirmation(client):
    walk(client)
    first = post_step(client, "review", {})
    second = post_step(client, "review", {})  # the second click, before the first answered
    assert first.status_code == second.status_code == 302
    done_first = client.get(first["Location"], follow=True)
    done_second = client.get(second["Location"], follow=True)
    case = Case.objects.get()
    assert case.reference in done_first.content.decode()
    assert case.reference in done_second.content.decode()
    # A reload of the confirmation, and the review sent again with the Back button.
    assert case.reference in client.get(url("received")).content.decode()
    again = post_step(client, "review", {})
    assert client.get(again["Location"], follow=True).status_code == 200
    assert Case.objects.count() == 1 and Message.objects.count() == 1


def test_a_returning_person_is_linked_not_duplicated_and_the_visitor_sees_nothing(client):
    known = PersonFactory(name="M. García", phone="916.555.0142", email="old@example.org")
    page_new = None
    walk(client, contact={"phone": "+1 (916) 555-0142", "email": ""})
    page_new = send(client)
    case = Case.objects.get()
    assert Person.objects.count() == 1
    assert case.person == known
    match = case.intake_answers["person_match"]
    assert match["person"] == known.pk and match["confirmed"] is False
    assert match["contact_as_typed"]["name"] == "Maria"
    body = page_new.content.decode()
    assert "García" not in body and "old@example.org" not in body
    assert "916.555.0142" not in body
    # The confirmation goes to what the visitor typed, never to the old record's address.
    assert [m.recipient for m in Message.objects.all()] == ["+19165550142"]


def test_a_person_known_only_through_a_confidential_case_is_not_opened_to_all_staff(client):
    """Someone typing the phone number of a person whose only case is confidential (it may be
    the person who hurt them) must not give every case manager that record: the survey gets a
    record of its own; a survey that is confidential itself may be linked."""
    from backoffice.factories import CaseFactory, CaseManagerFactory

    hidden = PersonFactory(name="Hidden Name", phone="916.555.0142", household_notes="safe house")
    CaseFactory(person=hidden, confidential=True)
    walk(client, contact={"phone": "+1 (916) 555-0142", "name": "Mari"})
    send(client)
    case = Case.objects.get(channel=Channel.SURVEY)
    assert case.person != hidden and not case.confidential
    assert "person_match" not in case.intake_answers
    client.force_login(CaseManagerFactory())
    body = client.get(f"/backoffice/cases/{case.reference}/").content.decode()
    assert "Hidden Name" not in body and "safe house" not in body
    assert client.get(f"/backoffice/people/{hidden.pk}/").status_code == 404

    client.logout()
    client.cookies.clear()
    walk(client, contact={"phone": "(916) 555-0142", "name": "Mari"}, safety="yes")
    send(client)
    second = Case.objects.filter(channel=Channel.SURVEY).latest("pk")
    assert second.confidential and second.person == hidden


def test_a_person_with_a_case_open_to_all_staff_is_linked_even_beside_a_confidential_one(client):
    from backoffice.factories import CaseFactory

    known = PersonFactory(phone="916.555.0142")
    CaseFactory(person=known, confidential=True)
    CaseFactory(person=known, confidential=False)
    walk(client, contact={"phone": "+1 (916) 555-0142"})
    send(client)
    assert Case.objects.get(channel=Channel.SURVEY).person == known


def test_staff_see_the_link_to_a_known_person_and_what_was_typed(client):
    from backoffice.factories import SupervisorFactory

    PersonFactory(name="M. García", phone="916.555.0142")
    walk(client, contact={"phone": "+1 916 555 0142", "name": "Mari"})
    send(client)
    case = Case.objects.get()
    client.force_login(SupervisorFactory())
    body = client.get(f"/backoffice/cases/{case.reference}/").content.decode()
    assert 'id="person-match"' in body and "Mari" in body and "+1 916 555 0142" in body


def test_the_same_page_for_someone_unknown(client):
    PersonFactory(phone="(530) 555-0199")
    walk(client)
    page = send(client)
    assert Person.objects.count() == 2
    assert "person_match" not in Case.objects.get().intake_answers
    assert page.status_code == 200


def test_no_confirmation_without_consent_or_contact(client):
    walk(client, contact={"message_consent": "no"})
    send(client)
    assert Message.objects.count() == 0
    client.cookies.clear()
    walk(client, contact={"phone": "", "email": "", "message_consent": "yes"})
    page = send(client)
    assert Case.objects.count() == 2 and Message.objects.count() == 0
    assert "please call us and give your reference number" in page.content.decode()


def test_recommendations_match_the_needs_species_and_zip(client):
    food = Category.objects.get(slug="pet-food")
    vet = Category.objects.get(slug="vet-wellness")
    near = ResourceFactory(
        name_en="Pantry near you",
        categories=[food],
        species=["dog"],
        location=LocationFactory(postal_code="95814", latitude=38.5816, longitude=-121.4944),
    )
    ResourceFactory(name_en="Cat-only pantry", categories=[food], species=["cat"])
    ResourceFactory(name_en="Vaccine clinic", categories=[vet])
    rebuild_all()
    walk(client, lang="es")
    body = send(client, "es").content.decode()
    assert "Pantry near you" in body
    assert "Cat-only pantry" not in body and "Vaccine clinic" not in body
    assert near.pk in client.session["survey_done"]["resources"]


def test_the_recommended_cards_are_the_listing_cards_rendered_once(client):
    """The confirmation shows the same card as the category page, from the same store of
    rendered cards (``core.fragments``): seen again, the card is not rendered again."""
    food = Category.objects.get(slug="pet-food")
    ResourceFactory(name_en="Pantry near you", categories=[food], species=["dog"])
    rebuild_all()
    walk(client)
    first = send(client)
    assert "Pantry near you" in first.content.decode()
    again = client.get(url("received"))
    assert "Pantry near you" in again.content.decode()
    rendered = {template.name for template in again.templates}
    assert "surveys/received.html" in rendered
    assert "directory/includes/resource_card.html" not in rendered


def test_the_language_chosen_for_contact_is_the_case_language(client):
    walk(client, lang="es", contact={**CONTACT, "preferred_language": "vi"})
    send(client, "es")
    case = Case.objects.get()
    assert case.language == "vi" and case.person.preferred_language == "vi"
    assert Message.objects.get().language == "vi"
    assert PET["name"] in [p.name for p in case.pets.all()]


def test_the_recommendations_can_be_printed_and_sent_unless_confidential(client):
    food = Category.objects.get(slug="pet-food")
    pantry = ResourceFactory(name_en="Pantry", categories=[food], species=["dog"])
    rebuild_all()
    walk(client)
    body = send(client).content.decode()
    assert f"/en/resources/print/?r={pantry.pk}" in body
    assert f"/en/resources/send/?r={pantry.pk}" in body
    client.cookies.clear()
    walk(client, safety="yes", contact={"phone": "(530) 555-0101", "email": ""})
    body = send(client).content.decode()
    assert "Your safety comes first" in body and "/en/resources/send/" not in body


def test_answers_on_the_arabic_review_page_keep_their_own_direction(client):
    """A phone number typed in a right-to-left page is shown as typed, "(916) 555-0142", not
    reordered into "555-0142 (916)": each answer is isolated from the Arabic around it."""
    review = walk(client, lang="ar")["contact"]
    review = client.get(review["Location"]) if review.status_code == 302 else review
    html = review.content.decode()
    assert "<dd><bdi>(916) 555-0142</bdi></dd>" in html
    assert "<dd><bdi>Nalla</bdi></dd>" in html


def test_staff_read_the_contact_typed_in_words_not_field_codes(client):
    """The "Check the person" box names each detail as the person record does, and shows the
    language and yes/no answers in words, not ``preferred_language: es`` or ``True``."""
    from backoffice.factories import SupervisorFactory

    PersonFactory(name="M. García", phone="916.555.0142")
    walk(client, lang="es", contact={"phone": "+1 916 555 0142", "name": "Mari"})
    send(client, lang="es")
    case = Case.objects.get()
    client.force_login(SupervisorFactory())
    body = client.get(f"/backoffice/cases/{case.reference}/").content.decode()
    box = body[body.index('id="person-match"') :]
    box = box[: box.index("</dl>")]
    assert "<dt>Preferred language</dt>" in box and "<dt>Phone</dt>" in box
    assert "preferred_language" not in box and "message_consent" not in box
    assert "<dd><bdi>es</bdi></dd>" not in box and "True" not in box
