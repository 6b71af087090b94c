"""Every kind of answer carries the Content-Security-Policy and the Permissions-Policy: public
pages (fresh and from the page cache), the directory, printed lists and PDFs (and their busy
page), the HSDS API, the back office, the Wagtail admin, 404, 500, the "try again" page, static
files. The public site and the back office allow no inline script or style; only the admin's
policy does (docs/security.md). The browser side is ``tests/e2e/test_content_security_policy.py``."""

import pytest
from django.db import OperationalError
from django.test import Client, override_settings
from django.urls import path, reverse
from django.utils import translation

from backoffice.factories import CaseManagerFactory
from directory import pdf
from directory.factories import CategoryFactory, ResourceFactory
from portal import views

pytestmark = pytest.mark.django_db

STRICT = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self'",
    "object-src": "'none'",
    "frame-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
ADMIN = {
    **STRICT,
    "script-src": "'self' 'unsafe-inline'",
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data: blob:",
    "frame-src": "'self'",
    "frame-ancestors": "'self'",
}


def directives(response):
    header = response["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in header.split(";"))


def assert_policies(response, expected=STRICT):
    assert directives(response) == {**directives(response), **expected}, response.request
    assert "nonce-" not in response["Content-Security-Policy"]
    permissions = response["Permissions-Policy"]
    for feature in ("camera=()", "geolocation=()", "microphone=()", "payment=()", "usb=()"):
        assert feature in permissions


def _boom(request):
    raise RuntimeError("boom")


urlpatterns = [path("<str:lang>/boom/", _boom)]
handler500 = views.server_error


@pytest.fixture
def fake_pdfs(monkeypatch):
    monkeypatch.setattr(pdf, "render_pdf", lambda request, template, context: b"%PDF-1.7 fake")


@pytest.fixture
def listing():
    category = CategoryFactory(slug="pet-food-test")
    return category, ResourceFactory(categories=[category])


def test_public_pages_directory_prints_pdfs_and_the_api(client, site_tree, listing, fake_pdfs):
    category, resource = listing
    with translation.override("es"):
        addresses = [
            site_tree.page("home", "es").url,
            site_tree.page("guide", "es").url,
            reverse("directory:browse"),
            reverse("directory:category", args=[category.slug]),
            reverse("directory:resource", args=[resource.pk]),
            reverse("directory:print_category", args=[category.slug]),
            reverse("directory:print_category_pdf", args=[category.slug]),
            reverse("directory:print_selection") + f"?r={resource.pk}",
            reverse("browse_safely"),
            "/api/hsds/services",
            "/healthz/",
            "/es/there-is-nothing-here/",
            "/static/portal/css/site.css",
        ]
    for address in addresses:
        response = client.get(address)
        assert response.status_code in (200, 404), address
        assert_policies(response)
    assert response.status_code == 200 and response.streaming  # whitenoise's static file


@override_settings(PAGE_CACHE_SECONDS=300)
def test_a_page_from_the_page_cache_has_the_same_headers(client, site_tree):
    address = site_tree.page("home", "vi").url
    fresh = client.get(address)
    cached = client.get(address)
    assert cached["X-Page-Cache"] == "hit"
    assert cached["Content-Security-Policy"] == fresh["Content-Security-Policy"]
    assert_policies(cached)


def test_the_being_prepared_page_of_a_pdf(client, listing, fake_pdfs, settings):
    settings.TASKS = {
        **settings.TASKS,
        "background": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "pdf"]},
    }
    category, _resource = listing
    waiting = client.get(reverse("directory:print_category_pdf", args=[category.slug]))
    assert waiting.status_code == 200 and b'http-equiv="refresh"' in waiting.content
    assert_policies(waiting)


def test_the_back_office_is_as_strict_as_the_public_site(client):
    client.force_login(CaseManagerFactory())
    for address in ("/backoffice/", "/backoffice/cases/new/", "/backoffice/no-such-page/"):
        assert_policies(client.get(address))


def test_the_admin_has_its_own_looser_policy_and_only_the_admin(client, site_tree):
    assert_policies(client.get("/admin/login/"), ADMIN)
    client.force_login(CaseManagerFactory())
    assert_policies(client.get("/admin/"), ADMIN)
    assert_policies(client.get(site_tree.page("home", "en").url))  # a staff member on the site


@override_settings(ROOT_URLCONF=__name__)
def test_server_errors(client):
    client.raise_request_exception = False
    response = client.get("/ar/boom/")
    assert response.status_code == 500
    assert_policies(response)


def test_the_try_again_page(client, monkeypatch):
    resource = ResourceFactory()

    def locked(**kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr("directory.services.problem_report_create", locked)
    response = client.post(reverse("directory:report", args=[resource.pk]), {"reason": "phone"})
    assert response.status_code == 503
    assert_policies(response)


@override_settings(PUBLIC_POST_RATE="1/h")
def test_the_rate_limit_page(client):
    resource = ResourceFactory()
    address = reverse("directory:report", args=[resource.pk])
    client.post(address, {"reason": "phone"})
    refused = client.post(address, {"reason": "phone"})
    assert refused.status_code == 429
    assert_policies(refused)


def test_no_public_template_needs_a_nonce_or_an_inline_script(client, site_tree):
    """A cached public page must never carry a nonce (the next visitor would get the same)."""
    body = Client().get(site_tree.page("home", "ar").url).content.decode()
    assert "nonce" not in body
    assert " style=" not in body
