"""Anonymising old closed cases keeps the metrics; a person's data can be exported."""

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from backoffice import metrics, services
from backoffice.management.commands.anonymize_closed_cases import parse_age
from backoffice.models import Case, Person, TimelineEntry
from backoffice.vocabulary import Outcome, Status

from .conftest import open_case

pytestmark = pytest.mark.django_db


def _close(case, case_manager, supervisor, closed_at):
    services.case_note_add(case=case, actor=case_manager, kind="call", body="Private details")
    services.case_resolve(case=case, actor=case_manager, outcome=Outcome.KEPT, outcome_notes="x")
    services.case_status_set(case=case, actor=supervisor, status=Status.CLOSED)
    Case.objects.filter(pk=case.pk).update(closed_at=closed_at, resolved_at=closed_at)


def _figures(date_range):
    return [(t.key, t.rows) for t in metrics.metrics_dashboard(date_range=date_range)]


def test_anonymising_strips_personal_data_and_keeps_the_metrics(case_manager, supervisor):
    long_ago = timezone.now() - datetime.timedelta(days=800)
    old = open_case(assignee=case_manager, opened_at=long_ago - datetime.timedelta(days=5))
    _close(old, case_manager, supervisor, long_ago)
    recent = open_case(assignee=case_manager, name="Another Person", email="another@example.org")
    _close(recent, case_manager, supervisor, timezone.now())
    date_range = metrics.DateRange(
        start=(long_ago - datetime.timedelta(days=30)).date(), end=timezone.localdate()
    )
    before = _figures(date_range)

    call_command("anonymize_closed_cases", "--older-than", "24m")

    old.refresh_from_db()
    person = Person.objects.get(pk=old.person_id)
    assert (person.name, person.phone, person.email) == ("", "", "")
    assert person.anonymized_at and old.anonymized_at
    assert old.summary == "" and old.outcome_notes == ""
    assert not TimelineEntry.objects.filter(case=old).exclude(body="").exists()
    assert old.pets.get().name == "" and old.pets.get().species == "dog"
    assert old.outcome == Outcome.KEPT and old.needs.exists()  # what the metrics count stays
    recent.refresh_from_db()
    assert recent.anonymized_at is None and recent.person.name == "Another Person"
    assert _figures(date_range) == before
    # Running again changes nothing.
    assert services.cases_anonymize_closed(older_than=parse_age("24m")) == (0, 0)


def test_age_argument():
    assert parse_age("24m") == datetime.timedelta(days=720)
    assert parse_age("2y") == datetime.timedelta(days=730)
    with pytest.raises(CommandError):
        parse_age("soon")


def test_a_search_for_an_anonymised_name_no_longer_counts_it(case_manager, supervisor, client):
    """The queue's counts of a search are cached; anonymising writes with ``update()``, which
    sends no signal, and the count of the old name (the list's length) must follow at once."""
    from django.urls import reverse

    long_ago = timezone.now() - datetime.timedelta(days=800)
    old = open_case(assignee=case_manager, name="Winifred Quayle", opened_at=long_ago)
    _close(old, case_manager, supervisor, long_ago)
    client.force_login(supervisor)
    url = reverse("backoffice:queue") + "?status=all&q=Winifred"

    def found():
        response = client.get(url)
        tabs = {t["value"]: t["count"] for t in response.context["status_tabs"]}
        return tabs["all"], len(response.context["cases"])

    assert found() == (1, 1)
    call_command("anonymize_closed_cases", "--older-than", "24m")
    assert found() == (0, 0)
