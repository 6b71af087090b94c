"""Staff sign-in: lockout after repeated failures that never tells whether a user exists, and the
idle timeout of staff sessions."""

import time

import pytest
from django.test import override_settings
from django.urls import reverse

from backoffice.factories import CaseManagerFactory
from portal.sign_in import LAST_SEEN_KEY

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"


def sign_in(client, username, password, **extra):
    return client.post(
        LOGIN, {"username": username, "password": password, "next": "/backoffice/"}, **extra
    )


@override_settings(AXES_FAILURE_LIMIT=3)
def test_after_three_failures_even_the_right_password_is_refused_for_a_while(client):
    CaseManagerFactory(username="maria")
    for _ in range(3):
        refused = sign_in(client, "maria", "wrong")
    assert refused.status_code == 429  # the third failure locks the pair

    locked = sign_in(client, "maria", "test-pass")
    assert locked.status_code == 429
    assert "too many failed sign-in attempts" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.get("/backoffice/").status_code == 302  # still signed out


@override_settings(AXES_FAILURE_LIMIT=3)
def test_the_lockout_does_not_tell_whether_the_user_exists(client):
    CaseManagerFactory(username="maria")
    answers = {}
    for username in ("maria", "nobody-by-that-name"):
        first = sign_in(client, username, "wrong")
        for _ in range(3):
            last = sign_in(client, username, "wrong")
        answers[username] = (first.status_code, last.status_code, last.content)
    assert answers["maria"][:2] == (200, 429)
    assert answers["maria"] == answers["nobody-by-that-name"]


@override_settings(AXES_FAILURE_LIMIT=3)
def test_the_lockout_page_is_translated(client):
    for _ in range(3):
        response = sign_in(client, "maria", "wrong", HTTP_ACCEPT_LANGUAGE="es")
    response = sign_in(client, "maria", "wrong", HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 429
    assert "demasiados intentos" in response.content.decode()


@override_settings(AXES_FAILURE_LIMIT=3)
def test_a_lockout_is_for_that_user_name_from_that_address_only(client):
    CaseManagerFactory(username="maria")
    CaseManagerFactory(username="tomas")
    for _ in range(3):
        sign_in(client, "maria", "wrong")
    assert sign_in(client, "tomas", "test-pass").status_code == 302
    client.logout()
    assert sign_in(client, "maria", "test-pass", REMOTE_ADDR="10.0.0.9").status_code == 302


@override_settings(STAFF_IDLE_MINUTES=30)
def test_a_staff_session_idle_for_longer_than_the_timeout_is_signed_out(client):
    client.force_login(CaseManagerFactory())
    assert client.get("/backoffice/").status_code == 200
    session = client.session
    session[LAST_SEEN_KEY] = int(time.time()) - 31 * 60
    session.save()

    response = client.get("/backoffice/", HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_login") + "?next=/backoffice/"
    assert "_auth_user_id" not in client.session
    login_page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="es")
    assert "30 minutos sin actividad" in login_page.content.decode()


@override_settings(STAFF_IDLE_MINUTES=30, STAFF_IDLE_RESOLUTION_SECONDS=60)
def test_a_staff_session_in_use_stays_signed_in(client):
    client.force_login(CaseManagerFactory())
    session = client.session
    session[LAST_SEEN_KEY] = int(time.time()) - 29 * 60
    session.save()
    assert client.get("/backoffice/").status_code == 200
    assert client.session[LAST_SEEN_KEY] >= int(time.time()) - 5  # activity pushes it back
