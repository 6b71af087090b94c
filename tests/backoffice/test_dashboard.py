"""The supervisors' dashboard: figures, CSV downloads, date range."""

import csv
import io

import pytest
from django.urls import reverse

from backoffice import services
from backoffice.vocabulary import Outcome

from .conftest import open_case

pytestmark = pytest.mark.django_db


def test_dashboard_figures_and_csv(case_manager, supervisor, client):
    kept = open_case(assignee=case_manager, preferred_language="es")
    services.case_note_add(case=kept, actor=case_manager, kind="call", body="Hello")
    services.case_resolve(case=kept, actor=case_manager, outcome=Outcome.KEPT)
    surrendered = open_case(assignee=case_manager)
    services.case_resolve(case=surrendered, actor=case_manager, outcome=Outcome.SURRENDERED)
    open_case()

    client.force_login(supervisor)
    response = client.get(reverse("backoffice:dashboard"))
    assert response.status_code == 200
    tables = {t.key: t for t in response.context["tables"]}
    assert sum(row[1] for row in tables["opened_resolved"].rows) == 3
    assert sum(row[2] for row in tables["opened_resolved"].rows) == 2
    outcomes = {row[0]: row[1:] for row in tables["outcomes"].rows}
    assert outcomes["Pet kept with family"] == [1, 1, "50%"]
    assert "50%" in tables["outcomes"].note
    assert dict(tables["languages"].rows) == {"English": 2, "Spanish": 1}
    board = tables["kept_together_board"].rows
    assert board == [["Carmen Casework", 1, 2]]
    assert tables["first_contact"].rows[0][1] != "—"

    download = client.get(reverse("backoffice:dashboard_csv", args=["outcomes"]))
    assert download["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(download.content.decode())))
    assert rows[0] == ["Outcome", "Cases", "Pets", "Share of pets"]
    assert ["Pet kept with family", "1", "1", "50%"] in rows

    weekly = client.get(
        reverse("backoffice:dashboard") + "?period=week&start=2000-01-01&end=2000-12-31"
    )
    assert {t.key: t for t in weekly.context["tables"]}["opened_resolved"].rows == []
    bad = client.get(reverse("backoffice:dashboard") + "?start=2020-02-01&end=2020-01-01")
    assert "The start date must be before the end date." in bad.content.decode()


def test_the_dashboard_is_counted_once_for_every_supervisor_until_a_case_changes(
    case_manager, supervisor, client
):
    """The dashboard's aggregates over every case (1.5 s at 500,000 cases) are the same for
    every supervisor: a second supervisor's visit counts nothing again; a case opened, or a
    follow-up planned, shows at once; a case manager still gets no dashboard."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from backoffice.factories import SupervisorFactory

    open_case(assignee=case_manager)
    url = reverse("backoffice:dashboard")

    def opened(user):
        client.force_login(user)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        tables = {t.key: t for t in response.context["tables"]}
        counted = [q for q in queries if "GROUP BY" in q["sql"] and "backoffice_case" in q["sql"]]
        return sum(row[1] for row in tables["opened_resolved"].rows), len(counted)

    first, counted = opened(supervisor)
    assert first == 1 and counted > 5
    assert opened(SupervisorFactory(username="sup_two")) == (1, 0)
    open_case(assignee=case_manager)
    assert opened(supervisor)[0] == 2
    client.force_login(case_manager)
    assert client.get(url).status_code == 403
