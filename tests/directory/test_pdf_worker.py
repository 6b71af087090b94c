"""A PDF is made by the background worker: the request answers at once, with the PDF when it is
made, else a "being prepared" page that refreshes itself; one render per PDF however often it is
asked for; a failed or lost render says so instead of refreshing forever."""

import contextlib
import io
import threading
import time

import pytest
import time_machine
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from django.utils.module_loading import import_string
from django_tasks_db.models import DBTaskResult
from pypdf import PdfReader
from wagtail.models import Site

from content.models import SiteSettings
from core.slots import slot_take
from directory import pdf, pdf_jobs
from directory.factories import ResourceFactory
from directory.models import Category

pytestmark = pytest.mark.django_db


def path(name, *args, lang="en"):
    with translation.override(lang):
        return reverse(f"directory:{name}", args=args)


@pytest.fixture
def worker(settings):
    """The database backend, as in production: a request only queues, ``run()`` is the worker."""
    settings.TASKS = {
        **settings.TASKS,
        "background": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "pdf"]},
    }

    done = set()

    def run():
        # What ``db_worker --queue-name pdf`` does with each task, in the test's transaction (the
        # command closes the connection at the end, which PostgreSQL's test transaction cannot take).
        for row in DBTaskResult.objects.filter(queue_name="pdf").exclude(pk__in=done):
            done.add(row.pk)
            with contextlib.suppress(Exception):  # a failed render is recorded by pdf_make
                import_string(row.task_path).call(
                    *row.args_kwargs["args"], **row.args_kwargs["kwargs"]
                )

    return run


@pytest.fixture
def pet_food():
    # The site's settings exist, as on a running site (made on the first page otherwise, which
    # changes the generation of published content, and so the address of every PDF).
    SiteSettings.for_site(Site.objects.get(is_default_site=True))
    category = Category.objects.get(slug="pet-food")
    ResourceFactory(name_en="Alpha pantry", categories=[category])
    return category


def queued():
    return DBTaskResult.objects.filter(queue_name="pdf").count()


@pytest.mark.parametrize(
    "lang, heading, refresh_note",
    [
        ("en", "Your PDF is being prepared", "checks again by itself"),
        ("es", "Estamos preparando su PDF", "vuelve a comprobarlo sola"),
        ("vi", "Tệp PDF của quý vị đang được chuẩn bị", "tự kiểm tra lại"),
        ("zh-hans", "正在为您准备 PDF", "每隔几秒"),
        ("ar", "جارٍ تجهيز ملف PDF", "كل بضع ثوانٍ"),
    ],
)
def test_the_request_answers_at_once_with_a_page_that_waits_for_the_pdf(
    client, worker, renders, pet_food, lang, heading, refresh_note
):
    address = path("print_category_pdf", "pet-food", lang=lang)
    response = client.get(address)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "no-cache" in response["Cache-Control"]  # never kept by the page cache or a browser
    body = response.content.decode()
    assert heading in body and refresh_note in body
    assert f'<html lang="{lang}"' in body
    assert '<meta http-equiv="refresh" content="3">' in body  # no JavaScript needed
    assert f'href="{address}"' in body  # try again now
    assert f'href="{path("print_category", "pet-food", lang=lang)}"' in body  # works at once
    assert renders == [] and queued() == 1


def test_the_pdf_is_served_once_the_worker_has_made_it(client, worker, pet_food):
    address = path("print_category_pdf", "pet-food", lang="es")
    assert client.get(address)["Content-Type"].startswith("text/html")
    worker()  # a real render, as the worker makes it

    response = client.get(address)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="resources-pet-food-es.pdf"'
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Alpha pantry" in text and "Comida y suministros para mascotas" in text
    assert f"http://testserver{path('browse', lang='es')}" in text  # the visitor's site
    assert queued() == 1


def test_asking_again_queues_no_second_render(client, worker, renders, pet_food):
    first = ResourceFactory()
    address = path("print_selection_pdf") + f"?r={first.pk}"
    for _ in range(4):  # the page refreshing itself, a second click, another tab
        assert client.get(address).status_code == 200
    # the same list written with Arabic-Indic digits is the same PDF
    assert client.get(path("print_selection_pdf"), {"r": "".join(
        "٠١٢٣٤٥٦٧٨٩"[int(d)] for d in str(first.pk))}).status_code == 200  # fmt: skip
    assert queued() == 1
    worker()
    worker()
    assert renders == [address]
    assert client.get(address)["Content-Type"] == "application/pdf"
    assert queued() == 1


def test_a_published_change_makes_a_new_pdf(client, worker, renders, pet_food):
    address = path("print_category_pdf", "pet-food")
    client.get(address)
    worker()
    assert client.get(address)["Content-Type"] == "application/pdf"
    ResourceFactory(name_en="Beta pantry", categories=[pet_food])
    assert client.get(address)["Content-Type"].startswith("text/html")
    worker()
    assert client.get(address)["Content-Type"] == "application/pdf"
    assert len(renders) == 2


@override_settings(PDF_RATE="2/m")
def test_the_limit_counts_renders_queued_not_pages_refreshed(client, worker, renders, pet_food):
    one, two, three = (
        path("print_category_pdf", "pet-food", lang=lang) for lang in "en es vi".split()
    )
    for _ in range(5):
        assert client.get(one).status_code == 200
    assert client.get(two).status_code == 200
    refused = client.get(three)
    assert refused.status_code == 429
    assert "Xin quý vị đợi một phút" in refused.content.decode()
    assert '<meta http-equiv="refresh"' not in refused.content.decode()
    assert queued() == 2


def test_a_failed_render_says_so_instead_of_refreshing(client, worker, monkeypatch, pet_food):
    def broken(request, template, context):
        raise RuntimeError("no fonts")

    monkeypatch.setattr(pdf, "render_pdf", broken)
    address = path("print_category_pdf", "pet-food", lang="es")
    client.get(address)
    worker()

    failed = client.get(address)
    assert failed.status_code == 500
    body = failed.content.decode()
    assert "No se pudo crear el PDF" in body
    assert '<meta http-equiv="refresh"' not in body
    assert f'href="{path("print_category", "pet-food", lang="es")}"' in body
    assert client.get(address).status_code == 500
    assert queued() == 1  # asking again does not render again at once
    with time_machine.travel(time.time() + pdf_jobs.FAILED_SECONDS + 1):
        monkeypatch.undo()
        assert client.get(address).status_code == 200  # being prepared again
        assert queued() == 2


@override_settings(PDF_WAIT_SECONDS=60)
def test_a_render_nobody_makes_stops_the_refreshing(client, worker, renders, pet_food):
    address = path("print_category_pdf", "pet-food", lang="vi")
    client.get(address)  # and no worker runs
    with time_machine.travel(time.time() + 61):
        late = client.get(address)
    assert late.status_code == 500
    assert "Không thể tạo tệp PDF" in late.content.decode()
    assert '<meta http-equiv="refresh"' not in late.content.decode()
    assert queued() == 1


def test_a_cache_that_does_not_answer_gives_a_try_later_page(client, worker, renders, pet_food):
    from django.core.cache import cache

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cache, "get", lambda *a, **k: None)
        patch.setattr(cache, "add", lambda *a, **k: False)
        response = client.get(path("print_category_pdf", "pet-food", lang="es"))
    assert response.status_code == 503
    assert "no se pueden crear" in response.content.decode().lower()
    assert queued() == 0


@override_settings(PDF_RENDERS_AT_ONCE=1)
def test_the_worker_waits_for_a_free_slot():
    entered = []

    def render():
        with pdf_jobs._slot_wait():
            entered.append(True)

    with slot_take("pdf", slots=1) as taken:  # another PDF worker of this server is rendering
        assert taken
        thread = threading.Thread(target=render)
        thread.start()
        time.sleep(0.6)
        assert entered == []
    thread.join(timeout=10)
    assert entered == [True]


def test_the_worker_lowers_its_priority(monkeypatch):
    calls = []
    monkeypatch.setattr(pdf_jobs.os, "nice", lambda n: calls.append(n) or 3)
    pdf_jobs._priority_lower(10)
    assert calls == [0, 7]
