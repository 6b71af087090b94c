"""The reporter's private page shows the reports on the board that may be their pet (nothing of the
other reporter) and lets them ask for an alert, at most daily, when a new one goes on the board."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from backoffice.factories import PetReportFactory
from backoffice.services import PersonDetails
from backoffice.services.lost_found import ReportDetails, report_open
from backoffice.services.matches import report_matches_refresh

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner_link():
    opened = report_open(
        kind="lost",
        person=PersonDetails(name="Rosa Owner", phone="(916) 555-0142", email="rosa@example.org"),
        details=ReportDetails(
            species="dog",
            happened_on=timezone.localdate() - dt.timedelta(days=2),
            breed="husky",
            colours=["grey", "white"],
            size="large",
            zip_code="95814",
            private_detail="A heart-shaped spot under her tail",
        ),
        client_token="private-matches-1",
        language="en",
    )
    return opened.report, opened.token


def _finder_report(**values):
    values = {
        "found": True,
        "breed": "siberian husky",
        "colours": ["grey"],
        "size": "large",
        "happened_on": timezone.localdate() - dt.timedelta(days=1),
        "publish_consent": True,
        **values,
    }
    finder = PetReportFactory(**values)
    finder.case.person.name = "Felix Finder"
    finder.case.person.phone = "(916) 555-0177"
    finder.case.person.email = "felix@example.org"
    finder.case.person.save()
    return finder


def test_the_private_page_shows_matches_on_the_board_and_nothing_of_the_finder(client, owner_link):
    owner, token = owner_link
    on_board = _finder_report(state="published", published_at=timezone.now())
    waiting = _finder_report(state="pending", breed="husky waiting")
    report_matches_refresh(report=on_board)
    report_matches_refresh(report=waiting)
    html = client.get(reverse("reports:private", args=[token])).content.decode()
    assert 'id="matches"' in html and "siberian husky" in html
    assert "husky waiting" not in html
    for private in ("Felix Finder", "555-0177", "felix@example.org"):
        assert private not in html


def test_the_reporter_turns_alerts_on_and_off(client, owner_link):
    owner, token = owner_link
    url = reverse("reports:private", args=[token])
    response = client.post(url, {"action": "match_alerts", "match_alerts": "on"})
    assert response.status_code == 302 and "done=alerts" in response["Location"]
    owner.refresh_from_db()
    assert owner.match_alerts is True
    client.post(url, {"action": "match_alerts"})
    owner.refresh_from_db()
    assert owner.match_alerts is False
