import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings
from django.urls import path

from portal import views

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("code", "text"),
    [
        ("en", "We could not find that page"),
        ("es", "No encontramos esa página"),
        ("ar", "لم نتمكن من العثور على تلك الصفحة"),
    ],
)
def test_404_is_translated(client, code, text):
    response = client.get(f"/{code}/there-is-nothing-here/")
    assert response.status_code == 404
    assert text in response.content.decode()


def _boom(request):
    raise RuntimeError("boom")


urlpatterns = [path("<str:lang>/boom/", _boom)]
handler500 = views.server_error


@override_settings(ROOT_URLCONF=__name__)
def test_500_is_translated_and_needs_no_database(client, django_assert_num_queries):
    client.raise_request_exception = False
    with django_assert_num_queries(0):
        response = client.get("/es/boom/", HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 500
    body = response.content.decode()
    assert 'lang="es"' in body
    assert "Algo salió mal" in body


def test_production_settings_pass_the_deploy_check():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "x" * 64 + "-not-a-real-secret-but-long-enough",
        "ALLOWED_HOSTS": "pets.example.org",
        "DATABASE_URL": "sqlite:////tmp/portal-deploy-check.sqlite3",
    }
    # The browser tests' conftest allows async-unsafe calls for this process only.
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env.update({"DJANGO_SETTINGS_MODULE": "portal.settings.production", "ALLOWED_HOSTS": "x"})
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


# --- The hotline number on the error pages --------------------------------------------------------


def test_404_gives_the_hotline_number_to_tap(client, site):
    from content.factories import SITE_SETTINGS

    response = client.get("/es/there-is-nothing-here/")
    body = response.content.decode()
    assert response.status_code == 404
    phone = SITE_SETTINGS["hotline_phone"]
    assert f"llame a nuestra línea de ayuda: <bdi>{phone}</bdi>" in body
    assert 'href="tel:' in body.split('id="main"', 1)[1]


def test_500_gives_the_hotline_number_last_read_without_touching_the_database(
    client, site, django_assert_num_queries
):
    from content.factories import SITE_SETTINGS

    assert client.get("/en/").status_code == 200  # any page reads the site settings once
    client.raise_request_exception = False
    with override_settings(ROOT_URLCONF=__name__), django_assert_num_queries(0):
        response = client.get("/ar/boom/")
    body = response.content.decode()
    assert response.status_code == 500
    assert f"<bdi>{SITE_SETTINGS['hotline_phone']}</bdi>" in body
    assert 'href="tel:' in body


@override_settings(ROOT_URLCONF=__name__, ORGANISATION_PHONE="(503) 555-0100")
def test_500_with_nothing_cached_gives_the_organisation_phone_setting(client):
    client.raise_request_exception = False
    body = client.get("/en/boom/").content.decode()
    assert "please call our hotline: <bdi>(503) 555-0100</bdi>" in body
