"""Faults the site must survive: SQLite busy with parallel writers, a write that still finds the
database locked, a cache that fails (unwritable folder, Redis unreachable), and /healthz/ saying
which part failed."""

import logging
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.core.cache import caches
from django.db import OperationalError
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from core import generations
from directory.factories import ResourceFactory
from directory.models import ProblemReport

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.django_db


# --- SQLite, the embedded default -------------------------------------------------------------


def test_eight_parallel_writers_on_the_default_sqlite_file_never_see_database_is_locked(tmp_path):
    """Each writer reads then writes in one transaction (as a service does): with SQLite's default
    deferred transactions two such writers deadlock on the upgrade and one fails at once."""
    script = textwrap.dedent(
        """
        import threading, time, django
        from django.db import connection, transaction
        django.setup()
        with connection.cursor() as cursor:
            cursor.execute("CREATE TABLE note (n integer)")
        errors = []
        def write():
            for n in range(15):
                try:
                    with transaction.atomic(), connection.cursor() as cursor:
                        cursor.execute("SELECT count(*) FROM note")
                        time.sleep(0.002)  # the service's own work between reading and writing
                        cursor.execute("INSERT INTO note (n) VALUES (%s)", [n])
                except Exception as error:
                    errors.append(repr(error))
            connection.close()
        threads = [threading.Thread(target=write) for _ in range(8)]
        for thread in threads: thread.start()
        for thread in threads: thread.join()
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM note"); count = cursor.fetchone()[0]
            cursor.execute("PRAGMA journal_mode"); mode = cursor.fetchone()[0]
        print(len(errors), count, mode, errors[:1])
        """
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    errors, count, mode, first = result.stdout.split(" ", 3)
    assert (errors, count, mode) == ("0", str(8 * 15), "wal"), first


def test_a_write_that_still_finds_the_database_locked_gets_a_try_again_page_keeping_the_text(
    client, monkeypatch, settings
):
    settings.ORGANISATION_PHONE = "(503) 555-0100"
    resource = ResourceFactory()

    def locked(**kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr("directory.services.problem_report_create", locked)
    with translation.override("es"):
        address = reverse("directory:report", args=[resource.pk])
    typed = {"reason": "phone", "details": "El número <ya> no existe.", "contact": "555-0199"}
    response = client.post(address, typed)

    assert response.status_code == 503
    assert response["Retry-After"]
    body = response.content.decode()
    assert "Inténtelo de nuevo" in body  # translated
    assert "llame a nuestra línea de ayuda: <bdi>(503) 555-0100</bdi>" in body  # no query
    assert f'<form method="post" action="{address}">' in body
    assert 'name="details" value="El número &lt;ya&gt; no existe."' in body
    assert 'name="contact" value="555-0199"' in body
    assert "csrfmiddlewaretoken" in body
    assert not ProblemReport.objects.exists()


def test_other_database_errors_are_not_taken_for_busy(client, monkeypatch):
    resource = ResourceFactory()

    def broken(**kwargs):
        raise OperationalError("no such table: directory_problemreport")

    monkeypatch.setattr("directory.services.problem_report_create", broken)
    client.raise_request_exception = False
    response = client.post(reverse("directory:report", args=[resource.pk]), {"reason": "phone"})
    assert response.status_code == 500


# --- A failing cache ----------------------------------------------------------------------------


def _wrapped(config):
    return {
        "default": {
            "BACKEND": "core.resilient_cache.ResilientCache",
            "WRAPPED": config,
            "RETRY_SECONDS": 60,
        }
    }


@pytest.fixture
def unwritable_cache(tmp_path):
    in_the_way = tmp_path / "a-file"
    in_the_way.write_text("not a folder")
    return _wrapped(
        {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(in_the_way / "cache"),
        }
    )


@pytest.fixture
def unreachable_redis():
    return _wrapped(
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.5},
        }
    )


@pytest.mark.parametrize("broken", ["unwritable_cache", "unreachable_redis"])
def test_pages_render_without_a_failing_cache_and_it_is_logged(
    client, site_tree, request, caplog, broken
):
    with override_settings(CACHES=request.getfixturevalue(broken), PAGE_CACHE_SECONDS=300):
        with caplog.at_level(logging.ERROR, logger="core.resilient_cache"):
            first = client.get("/en/")
            again = client.get("/es/")
        health = client.get("/healthz/")

    assert (first.status_code, again.status_code) == (200, 200)
    assert site_tree.page("home").title in first.content.decode()
    assert "The cache failed" in caplog.text
    assert health.status_code == 503
    assert health.content.decode().splitlines() == ["failed", "database: ok", "cache: failed"]


def test_healthz_says_ok_for_the_database_and_the_cache(client):
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.content.decode().splitlines() == ["ok", "database: ok", "cache: ok"]


def test_a_publish_during_a_cache_outage_is_not_hidden_when_the_cache_comes_back(monkeypatch):
    resilient = caches["default"]
    before = generations.generation("pages")

    def down(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(resilient.wrapped, "set", down)
    generations.invalidate("pages")  # a publish: its bump is lost
    monkeypatch.undo()
    resilient._down_until = 0  # the retry time has passed: the cache answers again
    assert generations.generation("pages") != before
