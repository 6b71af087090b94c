"""A form sent when the idle timeout had run out: kept for its author, offered back after they
sign in again, never to anyone else, never for another site's forged form."""

import re
import time

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from backoffice.factories import CaseManagerFactory
from portal.sign_in import KEPT_FORM_KEY, LAST_SEEN_KEY

from .conftest import open_case

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_idle")]

NOTE = "Called Rosalind back: the landlord agreed to the dog if the deposit is paid by Friday."
LOGIN = "/admin/login/"


@pytest.fixture
def _idle(settings):
    settings.STAFF_IDLE_MINUTES = 30


def _asleep(client):
    """This client's staff session has had no request for 31 minutes."""
    session = client.session
    session[LAST_SEEN_KEY] = int(time.time()) - 31 * 60
    session.save()


def _signed_out_while_typing(client, user, case, **extra):
    client.force_login(user)
    assert client.get(reverse("backoffice:case", args=[case.reference])).status_code == 200
    _asleep(client)
    path = reverse("backoffice:case_note", args=[case.reference])
    response = client.post(path, {"kind": "call", "body": NOTE}, **extra)
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)
    return path, response


def _sign_in(client, user, path):
    response = client.post(
        LOGIN, {"username": user.username, "password": "test-pass", "next": path}
    )
    assert response.status_code == 302 and response["Location"] == path
    return response


def _hidden_fields(page):
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page))
    fields.pop("csrfmiddlewaretoken", None)
    return fields


def _notes(case):
    return list(case.timeline.filter(body=NOTE).values_list("body", flat=True))


def test_a_note_sent_after_the_timeout_is_offered_back_once_signed_in_and_sent(case_manager):
    client = Client()
    case = open_case()
    path, response = _signed_out_while_typing(client, case_manager, case)
    login_page = client.get(response["Location"]).content.decode()
    assert "What you were sending is kept: sign in again to send it." in login_page
    assert not _notes(case)  # nothing saved while signed out

    _sign_in(client, case_manager, path)
    page = client.get(path)
    text = page.content.decode()
    assert page.status_code == 200 and "Send what you typed?" in text
    assert NOTE in text  # shown, so that they see what they would send
    assert page["Cache-Control"].startswith("max-age=0") or "no-store" in page["Cache-Control"]
    fields = _hidden_fields(text)
    assert fields == {"kind": "call", "body": NOTE}

    sent = client.post(path, fields)
    assert sent.status_code == 302
    assert _notes(case) == [NOTE]
    assert KEPT_FORM_KEY not in client.session
    # Sent once: the address is the page's own again (the note action leads to the case).
    assert client.get(path)["Location"] == reverse("backoffice:case", args=[case.reference])


def test_do_not_send_forgets_it_and_sends_nothing(case_manager):
    client = Client()
    case = open_case()
    path, _response = _signed_out_while_typing(client, case_manager, case)
    _sign_in(client, case_manager, path)
    fields = _hidden_fields(client.get(path).content.decode())
    response = client.post(path, {**fields, "portal_kept_discard": "1"})
    assert response.status_code == 302 and response["Location"] == path
    assert not _notes(case) and KEPT_FORM_KEY not in client.session


def test_someone_else_signing_in_on_that_browser_never_sees_it(case_manager):
    client = Client()
    case = open_case()
    path, _response = _signed_out_while_typing(client, case_manager, case)
    colleague = CaseManagerFactory(username="cm_other")
    _sign_in(client, colleague, path)
    page = client.get(path)
    assert page.status_code == 302  # the note address's own answer: to the case page
    assert KEPT_FORM_KEY not in client.session  # and dropped, not kept for later
    _sign_in(client, case_manager, path)
    assert client.get(path).status_code == 302 and not _notes(case)


def test_a_form_forged_by_another_site_is_not_kept(case_manager):
    client = Client(enforce_csrf_checks=True)
    case = open_case()
    path, response = _signed_out_while_typing(client, case_manager, case)  # no CSRF token
    assert KEPT_FORM_KEY not in client.session
    login_page = client.get(response["Location"]).content.decode()
    assert "signed out after 30 minutes without activity" in login_page
    assert "is kept" not in login_page


def test_a_kept_form_is_dropped_after_a_while(case_manager):
    client = Client()
    case = open_case()
    path, _response = _signed_out_while_typing(client, case_manager, case)
    session = client.session
    session[KEPT_FORM_KEY]["at"] -= 31 * 60
    session.save()
    _sign_in(client, case_manager, path)
    assert client.get(path).status_code == 302 and KEPT_FORM_KEY not in client.session


def test_passwords_and_codes_are_never_kept(case_manager):
    client = Client()
    client.force_login(case_manager)
    client.get(reverse("backoffice:queue"))
    _asleep(client)
    path = reverse("two_factor:set_up")
    client.post(path, {"otp_token": "123456", "password": "secret", "label": "My phone"})
    kept = client.session[KEPT_FORM_KEY]
    assert kept["fields"] == [["label", ["My phone"]]]


@override_settings(LANGUAGE_CODE="en")
def test_the_page_speaks_the_staff_members_language(case_manager):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(case_manager)
    profile.preferred_language = "es"
    profile.save()
    client = Client()
    case = open_case()
    path, _response = _signed_out_while_typing(client, case_manager, case)
    _sign_in(client, case_manager, path)
    page = client.get(path).content.decode()
    assert '<html lang="es"' in page and "¿Enviar lo que escribió?" in page
