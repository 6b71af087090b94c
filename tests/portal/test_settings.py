"""Settings read from the environment: email, search, file stores. Each case starts a fresh Python
with production settings, since settings are read once, at start."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]

SNIPPET = """
import json, django
django.setup()
from django.conf import settings as s
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
backend = get_search_backend()
index = getattr(backend.get_index_for_model(Page), "name", "")
print(json.dumps({
    "email": [s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_HOST_USER,
              s.EMAIL_HOST_PASSWORD, s.EMAIL_USE_TLS, s.EMAIL_USE_SSL, s.EMAIL_TIMEOUT],
    "from": [s.DEFAULT_FROM_EMAIL, s.SERVER_EMAIL],
    "search": s.WAGTAILSEARCH_BACKENDS["default"],
    "prefix": s.SEARCH_INDEX_PREFIX,
    "timeout": s.SEARCH_TIMEOUT_SECONDS,
    "index": index,
    "storages": s.STORAGES,
    "private_root": s.PRIVATE_MEDIA_ROOT,
    "database": {k: s.DATABASES["default"].get(k) for k in ("CONN_MAX_AGE", "CONN_HEALTH_CHECKS")},
}))
"""


def start(**environ):
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("EMAIL_", "ELASTICSEARCH_", "SEARCH_", "MEDIA_", "PRIVATE_"))
        and k not in ("DEFAULT_FROM_EMAIL", "SERVER_EMAIL", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "portal.settings.production",
            "SECRET_KEY": "x" * 64 + "-not-a-real-secret-but-long-enough",
            "ALLOWED_HOSTS": "pets.example.org",
            "DATABASE_URL": "sqlite:////tmp/portal-settings-check.sqlite3",
            **environ,
        }
    )
    return subprocess.run(
        [sys.executable, "-c", SNIPPET], cwd=ROOT, env=env, capture_output=True, text=True
    )


def read(**environ) -> dict:
    result = start(**environ)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_email_url_is_spelled_out_into_djangos_settings():
    found = read(
        EMAIL_URL="smtp+tls://mailer:p%40ss@smtp.example.org:587",
        DEFAULT_FROM_EMAIL="Shelter <help@shelter.example>",
    )
    assert found["email"] == [
        "django.core.mail.backends.smtp.EmailBackend",
        "smtp.example.org",
        587,
        "mailer",
        "p@ss",
        True,
        False,
        10,
    ]
    assert found["from"] == ["Shelter <help@shelter.example>"] * 2


def test_without_email_url_mail_goes_to_the_console_and_without_elasticsearch_to_the_database():
    found = read()
    assert found["email"][:3] == ["django.core.mail.backends.console.EmailBackend", "localhost", 25]
    assert found["search"] == {"BACKEND": "wagtail.search.backends.database"}
    assert found["prefix"] == "portal"
    assert found["storages"]["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert found["storages"]["private"]["BACKEND"] == "core.private_files.PrivateFileSystemStorage"
    assert found["private_root"].endswith("private")


def test_postgresql_connections_are_kept_by_each_worker_and_checked_before_reuse():
    """A new PostgreSQL connection per request cost more than a cached page; SQLite opens a file."""
    found = read(DATABASE_URL="postgres://portal@db.example.org:5432/portal")
    assert found["database"] == {"CONN_MAX_AGE": 60, "CONN_HEALTH_CHECKS": True}
    assert read(DATABASE_URL="postgres://portal@db:5432/portal", CONN_MAX_AGE="0")["database"] == {
        "CONN_MAX_AGE": 0,
        "CONN_HEALTH_CHECKS": True,
    }
    assert read()["database"]["CONN_MAX_AGE"] == 0  # SQLite


def test_elasticsearch_url_chooses_wagtails_backend_with_the_prefix_and_a_short_timeout():
    found = read(
        ELASTICSEARCH_URL="http://search.invalid:9200",
        SEARCH_INDEX_PREFIX="staging",
        SEARCH_TIMEOUT_SECONDS="1.5",
    )
    assert found["search"]["BACKEND"] == "wagtail.search.backends.elasticsearch8"
    assert found["search"]["URLS"] == ["http://search.invalid:9200"]
    assert found["search"]["TIMEOUT"] == 1.5
    # Wagtail 8 reads INDEX_PREFIX (an "INDEX" key would be ignored): the index carries it.
    assert found["index"] == "staging_wagtail_wagtailcore_page"


def test_the_default_store_is_configurable():
    found = read(
        MEDIA_STORAGE="django.core.files.storage.InMemoryStorage",
        MEDIA_STORAGE_OPTIONS='{"base_url": "/uploads/"}',
    )
    assert found["storages"]["default"] == {
        "BACKEND": "django.core.files.storage.InMemoryStorage",
        "OPTIONS": {"base_url": "/uploads/"},
    }


def test_a_private_folder_inside_the_public_one_stops_the_start(tmp_path):
    result = start(MEDIA_ROOT=str(tmp_path), PRIVATE_MEDIA_ROOT=str(tmp_path / "private"))
    assert result.returncode != 0
    assert "PRIVATE_MEDIA_ROOT" in result.stderr
    assert "must not be inside a public folder" in result.stderr


def test_tests_use_an_index_prefix_of_their_own():
    assert settings.SEARCH_INDEX_PREFIX == "test_portal"
    assert (
        settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] == "wagtail.search.backends.database"
    )


@pytest.mark.parametrize("module", ["base", "dev", "production", "test"])
def test_the_environment_is_read_in_one_place(module):
    source = (ROOT / "portal" / "settings" / f"{module}.py").read_text()
    assert source.count("environ.Env(") == (1 if module == "base" else 0)
    assert "os.environ" not in source
