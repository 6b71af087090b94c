"""The survey under the things that go wrong: wrong or missing answers (errors in a summary that
receives focus, linked to their fields, nothing typed lost), pets added and removed without
JavaScript, a session that expired midway, tampered or missing wizard data, the honeypot, and the
submission limits. Never a 500."""

import pytest
from django.core.cache import cache
from django.test import override_settings

from backoffice.models import Case
from messaging.models import Message

from .helpers import PET, pets_data, post_step, send, step_url, url, walk

pytestmark = pytest.mark.django_db


def test_a_missing_answer_is_listed_in_a_focused_summary_linked_to_its_field(client):
    client.get(url("start"))
    response = post_step(client, "needs", {"needs_other": "My dog is old"})
    assert response.status_code == 400
    body = response.content.decode()
    assert 'class="error-summary' in body and "autofocus" in body
    assert 'href="#id_needs-needs_0"' in body
    assert "Choose at least one thing we can help with" in body
    assert 'value="My dog is old"' in body  # what was typed is kept


def test_wrong_answers_keep_everything_typed(client):
    walk(client)
    response = post_step(
        client,
        "contact",
        {"name": "", "phone": "call me maybe", "email": "not-an-email", "zip_code": "9581"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert 'href="#id_contact-name"' in body and 'href="#id_contact-phone"' in body
    assert 'href="#id_contact-zip_code"' in body
    assert 'value="call me maybe"' in body and 'value="not-an-email"' in body
    assert 'aria-describedby="id_contact-name_helptext id_contact-name_error"' in body
    assert Case.objects.count() == 0


def test_the_main_reason_must_be_one_of_those_ticked(client):
    walk(client)
    response = post_step(
        client, "situation", {"urgency": "high", "reasons": ["cost"], "main_reason": "housing"}
    )
    assert response.status_code == 400
    assert "among the ones you ticked" in response.content.decode()


def test_a_pet_is_added_and_removed_without_javascript_and_what_was_typed_stays(client):
    walk(client)
    response = post_step(
        client, "pets", pets_data({"species": "cat", "name": "Mama"}), extra={"pets_add": "1"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert 'value="Mama"' in body and 'name="pets-1-species"' in body
    assert "error-summary" not in body  # an empty new pet is no error
    response = post_step(
        client,
        "pets",
        pets_data({"species": "cat", "name": "Mama"}, {"species": "dog", "name": "Whiskey"}),
        extra={"pets_remove": "0"},
    )
    body = response.content.decode()
    assert 'value="Whiskey"' in body and 'value="Mama"' not in body
    assert 'name="pets-1-species"' not in body
    response = post_step(client, "pets", pets_data({"species": "dog", "name": "Whiskey"}))
    assert response.status_code == 302
    send(client)
    assert [p.name for p in Case.objects.get().pets.all()] == ["Whiskey"]


def test_at_least_one_pet_and_a_blank_extra_pet_is_ignored(client):
    walk(client)
    response = post_step(client, "pets", pets_data({}))
    assert response.status_code == 400
    assert "at least one pet" in response.content.decode()
    response = post_step(client, "pets", pets_data({"name": "Rex"}))
    assert "Choose the species." in response.content.decode()
    assert post_step(client, "pets", pets_data(PET, {})).status_code == 302


def test_too_many_pets_or_a_bad_count_is_an_error_not_a_500(client):
    walk(client)
    many = pets_data(*[PET] * 7)
    assert post_step(client, "pets", many).status_code == 400
    bad = {**pets_data(PET), "TOTAL_FORMS": "٣٣٣٣٣٣٣٣٣٣٣٣٣٣٣٣٣٣٣٣"}
    assert post_step(client, "pets", bad, extra={"pets_add": "1"}).status_code == 200
    assert post_step(client, "pets", bad).status_code in (302, 400)


def test_an_expired_session_midway_gets_a_clear_message_and_a_fresh_start(client):
    walk(client)
    client.cookies.clear()  # the session expired (or was cleared) while the visitor was away
    response = post_step(client, "contact", {"name": "Maria"})
    assert response.status_code == 302 and response["Location"] == step_url("needs")
    page = client.get(response["Location"])
    assert "no longer saved" in page.content.decode()
    assert "Step 1 of" in page.content.decode()
    # A bookmarked later step, and the final address, are a fresh start too.
    client.cookies.clear()
    assert client.get(step_url("review"))["Location"] == step_url("needs")
    client.cookies.clear()
    assert client.get(step_url("done"))["Location"] == step_url("needs")
    assert Case.objects.count() == 0


def test_missing_or_tampered_wizard_data_restarts_instead_of_failing(client):
    walk(client)
    assert client.post(step_url("contact"), {"contact-name": "x"}).status_code == 302
    walk(client)
    response = client.post(step_url("contact"), {"survey-current_step": "../../admin"})
    assert response.status_code == 302  # back to the step the visitor was on, nothing lost
    assert client.get(response["Location"]).status_code == 200
    assert client.session["wizard_survey"]["step_data"]["contact"]
    assert client.get(step_url("no-such-step")).status_code == 302
    response = client.post(step_url("needs"), {"survey-current_step": "needs", "needs-needs": "x"})
    assert response.status_code == 400


def test_huge_answers_are_refused_with_an_error(client):
    walk(client)
    response = post_step(
        client, "needs", {"needs": ["other"], "needs_other": "x" * 100_000}, lang="ar"
    )
    assert response.status_code == 400
    response = post_step(client, "contact", {"name": "ب" * 5000})
    assert response.status_code == 400


def test_the_honeypot_opens_nothing_and_sends_nothing_but_looks_the_same(client):
    walk(client, contact={"website": "http://spam.example"})
    page = send(client)
    assert page.status_code == 200
    assert "We received your request" in page.content.decode()
    assert Case.objects.count() == 0 and Message.objects.count() == 0


@override_settings(SURVEY_SUBMIT_RATE="1/h")
def test_the_limit_per_connection_keeps_every_answer(client):
    cache.clear()
    walk(client)
    send(client)
    client.cookies.clear()
    walk(client, contact={"phone": "(530) 555-0100", "email": "other@example.org"})
    response = post_step(client, "review", {})
    limited = client.get(response["Location"])
    assert limited.status_code == 429 and limited["Retry-After"]
    assert "Your answers are kept" in limited.content.decode()
    assert "Maria" in limited.content.decode()  # the review, with the answers
    assert Case.objects.count() == 1
    cache.clear()  # the window passed
    response = post_step(client, "review", {})
    client.get(response["Location"], follow=True)
    assert Case.objects.count() == 2


@override_settings(SURVEY_CONTACT_RATE="1/d")
def test_the_limit_per_contact_counts_the_phone_however_it_is_typed(client):
    cache.clear()
    walk(client, contact={"email": ""})
    send(client)
    client.cookies.clear()
    walk(client, contact={"email": "", "phone": "916-555-0142"})
    response = post_step(client, "review", {})
    assert client.get(response["Location"]).status_code == 429
    assert Case.objects.count() == 1


def test_the_confirmation_page_without_a_request_goes_to_the_start(client):
    assert client.get(url("received"))["Location"] == url("start")


def test_the_survey_is_never_served_from_the_page_cache(client, settings):
    settings.PAGE_CACHE_SECONDS = 600
    response = client.get(step_url("needs"))
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert "X-Page-Cache" not in response


def test_answers_left_untouched_too_long_are_forgotten(client, settings):
    walk(client)
    settings.SURVEY_IDLE_MINUTES = 30
    session = client.session
    session["wizard_survey"]["extra_data"]["seen"] -= 31 * 60
    session.save()
    response = client.get(step_url("review"))
    assert response["Location"] == step_url("needs")
    page = client.get(response["Location"])
    assert "no longer saved" in page.content.decode()
    assert client.session["wizard_survey"]["step_data"] == {}


def test_the_confirmation_is_not_shown_to_the_next_person_at_this_browser(client, settings):
    walk(client, safety="yes")
    send(client)
    assert client.get(url("received")).status_code == 200
    session = client.session
    session["survey_done"]["at"] -= settings.SURVEY_IDLE_MINUTES * 60 + 1
    session.save()
    assert client.get(url("received"))["Location"] == url("start")
    assert "survey_done" not in client.session
