"""Demo cases: idempotent, deterministic, clearly fictional."""

import pytest

from backoffice.demo import demo_cases_load
from backoffice.models import Case, Person
from portal.demo import demo_accounts_load

pytestmark = pytest.mark.django_db


def test_demo_cases_load_is_idempotent_and_fictional():
    demo_accounts_load()
    report = demo_cases_load()
    first = sorted(Case.objects.values_list("reference", "person__name", "status"))
    assert len(first) == 300 and "300 demo cases" in report[0]
    demo_cases_load()
    assert sorted(Case.objects.values_list("reference", "person__name", "status")) == first
    assert Person.objects.count() == 300
    assert Case.objects.filter(confidential=True).exists()
    assert {c for (c,) in Case.objects.values_list("status")} >= {
        "new",
        "in_progress",
        "resolved",
        "closed",
    }
    assert len(set(Case.objects.values_list("language", flat=True))) >= 5
    for phone, email in Person.objects.values_list("phone", "email"):
        assert "555-01" in phone
        assert email == "" or email.endswith("@example.org")
