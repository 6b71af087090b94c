"""Reads and exports are recorded by the selectors that perform them, whoever calls them."""

import pytest
from django.urls import reverse

from backoffice import metrics, selectors
from backoffice.models import AuditEntry

pytestmark = pytest.mark.django_db


def _entries():
    return list(
        AuditEntry.objects.order_by("id").values_list(
            "operation", "action", "case_reference", "person_id_ref", "confidential"
        )
    )


def test_reading_a_case_or_a_person_records_a_view(world, supervisor):
    secret = world["secret"]
    before = AuditEntry.objects.count()
    selectors.case_get(user=supervisor, reference=secret.reference)
    person, _cases = selectors.person_get(user=supervisor, person_id=secret.person_id)
    assert _entries()[before:] == [
        ("case_view", "view", secret.reference, secret.person_id, True),
        ("person_view", "view", "", secret.person_id, False),
    ]
    assert AuditEntry.objects.latest("id").detail == {"confidential_cases": [secret.reference]}
    assert AuditEntry.objects.latest("id").actor == supervisor


def test_lookups_before_a_write_record_nothing(world, case_manager):
    plain = world["plain"]
    before = AuditEntry.objects.count()
    selectors.person_visible(user=case_manager, person_id=plain.person_id)
    selectors.case_pets(user=case_manager, reference=plain.reference)
    assert AuditEntry.objects.count() == before


def test_exports_are_recorded_before_a_row_is_read(world, supervisor):
    plain = world["plain"]
    before = AuditEntry.objects.count()
    selectors.person_export(user=supervisor, person=plain.person)
    rows = selectors.case_queue_export(
        user=supervisor, cases=selectors.case_queue(user=supervisor), filters={"status": "all"}
    )
    range_ = metrics.DateRange.last_year()
    table = metrics.metrics_table_export(
        user=supervisor, date_range=range_, period="month", key="needs"
    )
    assert table.key == "needs"
    assert (
        metrics.metrics_table_export(
            user=supervisor, date_range=range_, period="month", key="nothing"
        )
        is None
    )
    new = AuditEntry.objects.order_by("id")[before:]
    assert [(e.operation, e.action) for e in new] == [
        ("person_export", "export"),
        ("queue_export", "export"),
        ("dashboard_export", "export"),
    ]
    assert new[1].detail == {"filters": {"status": "all"}}
    assert new[2].detail["table"] == "needs"
    assert len(list(rows)) == 3  # the header and both cases


def test_the_correction_page_of_a_case_is_a_view_of_it(world, case_manager, client):
    secret = world["secret"]
    client.force_login(case_manager)
    before = AuditEntry.objects.filter(operation="case_view").count()
    response = client.get(reverse("backoffice:case_details", args=[secret.reference]))
    assert response.status_code == 200
    assert AuditEntry.objects.filter(operation="case_view").count() == before + 1


def test_every_operation_recorded_is_named_in_words_for_the_audit_log():
    import re
    from pathlib import Path

    from backoffice.audit import OPERATIONS

    root = Path(__file__).resolve().parents[2]
    recorded = {
        name
        for app in ("backoffice", "directory", "content", "core", "portal", "messaging", "surveys")
        if (root / app).is_dir()
        for path in (root / app).glob("**/*.py")
        for name in re.findall(r'operation="([a-z_]+)"', path.read_text(encoding="utf-8"))
    }
    assert recorded and recorded <= set(OPERATIONS), recorded - set(OPERATIONS)


@pytest.mark.parametrize("page", ["case", "queue_search"])
def test_the_audit_line_of_a_view_makes_no_request_wait_for_another(page, case_manager, client):
    """Each view appends its line with one INSERT, committed on its own (no transaction held
    open around the page, so its row lock, the only one, lasts the statement): no UPDATE of a
    shared row (a counter, a "last seen"), no SELECT ... FOR UPDATE, no table lock, which would
    make every member of staff's page wait in turn for one another's (bench/backoffice.py
    shows it under 16 concurrent sessions)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from backoffice import audit

    from .conftest import open_case

    case = open_case(assignee=case_manager)
    client.force_login(case_manager)
    client.get(reverse("backoffice:queue"))  # the session's first write, not this test's
    url = (
        reverse("backoffice:case", args=[case.reference])
        if page == "case"
        else reverse("backoffice:queue") + "?status=all&q=Rosalind"
    )
    # The test's own transaction (every test runs in one) is the base: the view opens none.
    outside = len(connection.atomic_blocks)
    in_transaction = []
    record = audit.AuditEntry.objects.create

    def create(**kwargs):
        in_transaction.append(len(connection.atomic_blocks) > outside)
        return record(**kwargs)

    before = AuditEntry.objects.count()
    with CaptureQueriesContext(connection) as captured:
        audit.AuditEntry.objects.create = create
        try:
            assert client.get(url).status_code == 200
        finally:
            del audit.AuditEntry.objects.create
    assert AuditEntry.objects.count() == before + 1
    assert in_transaction == [False]  # in autocommit, the INSERT is its own transaction
    statements = [q["sql"].upper() for q in captured.captured_queries]
    inserts = [s for s in statements if s.startswith("INSERT")]
    assert len(inserts) == 1 and "BACKOFFICE_AUDITENTRY" in inserts[0]
    for sql in statements:
        assert "FOR UPDATE" not in sql and not sql.startswith(("LOCK", "UPDATE", "DELETE")), sql
