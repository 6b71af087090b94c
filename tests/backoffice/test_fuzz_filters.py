"""Every filter and parameter of the back office's lists, signed in as a supervisor (who sees every
page), driven with arbitrary text, digits of many scripts, huge numbers, impossible dates and missing
fields: never a 5xx. Examples per test: the Hypothesis profile (see ``tests/conftest.py``)."""

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from backoffice.filters import SORT_CHOICES, STATUS_CHOICES
from backoffice.vocabulary import CaseType, Channel, Need, Priority
from tests.fuzz import hostile, params, request, value_for

from .conftest import open_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, supervisor, case_manager):
    case = open_case(assignee=case_manager, opened_by=case_manager)
    open_case(name="Zephyrine Quillfeather", phone="(503) 555-0177", reasons=["safety"])
    client.force_login(supervisor)
    return client, case


QUEUE_FIELDS = {
    "q": value_for(["Rosalind", "503-555-0142", "٥٠٣٥٥٥٠١٤٢", "PS-2026-1", "a@b.org"]),
    "status": value_for([code for code, _label in STATUS_CHOICES]),
    "priority": value_for([str(p) for p in Priority.values]),
    "case_type": value_for(CaseType.values),
    "assignee": value_for(["mine", "unassigned", "1", "2"]),
    "language": value_for(["en", "es", "ar", "zh"]),
    "need": value_for(Need.values),
    "overdue": value_for(["on", "true", "1"]),
    "opened_after": value_for(["2026-01-01", "2020-02-29"]),
    "opened_before": value_for(["2030-12-31"]),
    "sort": value_for([code for code, _label in SORT_CHOICES]),
    "page": value_for(["1", "2", "last"]),
}


@given(query=params(QUEUE_FIELDS))
def test_the_queue_and_its_export(signed_in, query):
    client, _case = signed_in
    for name in ("backoffice:queue", "backoffice:queue_export"):
        response_status = request(client, "get", reverse(name), query)
        assert response_status < 500


DASHBOARD_FIELDS = {
    "start": value_for(["2026-01-01", "2025-06-30"]),
    "end": value_for(["2026-12-31"]),
    "period": value_for(["month", "week"]),
}
TABLES = ["opened_resolved", "open_by_status", "overdue_followups", "first_contact", "outcomes"]


@given(query=params(DASHBOARD_FIELDS), table=st.one_of(st.sampled_from(TABLES), st.just("x")))
def test_the_dashboard_and_its_tables(signed_in, query, table):
    client, _case = signed_in
    assert request(client, "get", reverse("backoffice:dashboard"), query) < 500
    assert request(client, "get", reverse("backoffice:dashboard_csv", args=[table]), query) < 500


@given(query=params({"case": value_for(["PS-2026-000001"]), "page": hostile()}))
def test_the_audit_log_and_follow_ups(signed_in, query):
    client, _case = signed_in
    assert request(client, "get", reverse("backoffice:audit_log"), query) < 500
    assert request(client, "get", reverse("backoffice:followups"), query) < 500


@given(
    query=params(
        {"person": value_for(["1", "٢"]), "channel": value_for(Channel.values), "target": hostile()}
    )
)
def test_new_case_case_page_and_person_pages(signed_in, query):
    client, case = signed_in
    pages = [
        reverse("backoffice:case_create"),
        reverse("backoffice:case", args=[case.reference]),
        reverse("backoffice:person", args=[case.person.pk]),
        reverse("backoffice:person_merge", args=[case.person.pk]),
    ]
    for page in pages:
        assert request(client, "get", page, query) < 500


@given(
    reference=st.one_of(hostile(), st.just("PS-2026-000001")),
    person=st.integers(min_value=0, max_value=2**70),
)
def test_a_case_or_person_of_any_number(signed_in, reference, person):
    from urllib.parse import quote

    client, _case = signed_in
    assert request(client, "get", f"/backoffice/cases/{quote(reference, safe='') or 'x'}/") < 500
    assert request(client, "get", reverse("backoffice:person", args=[person])) < 500
