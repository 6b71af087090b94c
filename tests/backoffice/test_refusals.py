"""A refusal is the back office's own page, says nothing about what exists, and is recorded."""

import re

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from backoffice.models import AuditEntry

pytestmark = pytest.mark.django_db


def _page(response):
    """The page without what differs from one request to the next (the CSRF token)."""
    return re.sub(r'value="[^"]{20,}"', "", response.content.decode())


def test_a_hidden_case_and_an_unknown_one_get_the_same_back_office_page(
    world, other_case_manager, client
):
    client.force_login(other_case_manager)
    hidden = client.get(reverse("backoffice:case", args=[world["secret"].reference]))
    unknown = client.get(reverse("backoffice:case", args=["PS-1999-000001"]))
    assert hidden.status_code == unknown.status_code == 404
    assert "Location" not in hidden and "Location" not in unknown
    assert [t.name for t in hidden.templates][0] == "backoffice/404.html"
    assert _page(hidden).replace(world["secret"].reference, "") == _page(unknown).replace(
        "PS-1999-000001", ""
    )
    assert world["secret"].reference not in hidden.content.decode()


def test_back_office_refusals_speak_the_staff_members_language(world, other_case_manager, client):
    UserProfile.objects.update_or_create(
        user=other_case_manager, defaults={"preferred_language": "es"}
    )
    client.force_login(other_case_manager)
    missing = client.get("/backoffice/nothing-here/")
    assert missing.status_code == 404 and missing["Content-Language"] == "es"
    assert 'lang="es"' in missing.content.decode()
    refused = client.get(reverse("backoffice:dashboard"))
    assert refused.status_code == 403 and refused["Content-Language"] == "es"
    assert [t.name for t in refused.templates][0] == "backoffice/403.html"


def test_an_address_without_its_slash_is_still_redirected_to_it(case_manager, client):
    client.force_login(case_manager)
    response = client.get("/backoffice/dashboard")
    assert response.status_code == 301 and response["Location"] == "/backoffice/dashboard/"


def _refusals():
    return list(
        AuditEntry.objects.filter(action="denied")
        .order_by("id")
        .values_list("operation", "case_reference", "person_id_ref", "confidential")
    )


def test_refused_access_to_a_confidential_case_or_person_is_recorded(
    world, other_case_manager, client
):
    secret = world["secret"]
    client.force_login(other_case_manager)
    client.get(reverse("backoffice:case", args=[secret.reference]))
    client.post(reverse("backoffice:case_note", args=[secret.reference]), {"kind": "call"})
    client.get(reverse("backoffice:person", args=[secret.person_id]))
    client.get(reverse("backoffice:case", args=["PS-1999-000001"]))  # nothing to record
    assert _refusals() == [
        ("case_view", secret.reference, secret.person_id, True),
        ("case_view", secret.reference, secret.person_id, True),
        ("person_view", "", secret.person_id, True),
    ]
    assert AuditEntry.objects.filter(action="denied").order_by("id").last().detail == {
        "confidential_cases": [secret.reference]
    }


def test_refused_supervisor_pages_are_recorded(world, case_manager, client):
    client.force_login(case_manager)
    for url in (reverse("backoffice:dashboard"), reverse("backoffice:audit_log")):
        assert client.get(url).status_code == 403
    entries = AuditEntry.objects.filter(action="denied").order_by("id")
    assert [(e.operation, e.detail, e.actor) for e in entries] == [
        ("page", {"path": "/backoffice/dashboard/"}, case_manager),
        ("page", {"path": "/backoffice/audit/"}, case_manager),
    ]


def test_a_search_of_the_queue_is_recorded_and_browsing_it_is_not(world, case_manager, client):
    client.force_login(case_manager)
    client.get(reverse("backoffice:queue"))
    client.get(reverse("backoffice:queue") + "?status=all")
    assert not AuditEntry.objects.filter(operation="queue_search").exists()
    client.get(reverse("backoffice:queue") + "?status=all&q=Quillfeather")
    entry = AuditEntry.objects.get(operation="queue_search")
    assert entry.action == "search" and entry.actor == case_manager
    assert entry.detail == {"filters": {"status": "all", "q": "Quillfeather"}}


def test_the_audit_log_shows_names_and_links(world, case_manager, supervisor, client):
    secret = world["secret"]
    client.force_login(case_manager)
    client.get(reverse("backoffice:person", args=[secret.person_id]))
    client.get(reverse("backoffice:queue") + "?q=Quillfeather")
    client.force_login(supervisor)
    page = client.get(reverse("backoffice:audit_log")).content.decode()
    assert "<code>" not in page and "person_view" not in page and "queue_search" not in page
    assert "Person&#x27;s page" in page and "Searched the queue" in page
    assert f'<a href="{reverse("backoffice:case", args=[secret.reference])}">' in page
    assert (
        f'<a href="{reverse("backoffice:person", args=[secret.person_id])}">Zephyrine Quillfeather</a>'
        in page
    )
    assert "Quillfeather" in page  # the words searched for


def test_a_search_with_a_nul_character_is_recorded_without_it(case_manager, client):
    """PostgreSQL's JSON cannot hold a NUL: the search is recorded (and the queue shown)."""
    client.force_login(case_manager)
    assert client.get(reverse("backoffice:queue") + "?q=Quill%00feather").status_code == 200
    entry = AuditEntry.objects.get(operation="queue_search")
    assert entry.detail == {"filters": {"q": "Quillfeather"}}
