"""Moderating the lost and found board: only staff with the permission see the queue and act on
it, every approval and hiding is on the case's timeline and in the audit log, a confidential
case's report is never approved, and staff see the photos of a waiting report."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from backoffice import permissions
from backoffice.board import report_on_board
from backoffice.factories import PetReportFactory, ReportPhotoFactory
from backoffice.models import AuditEntry, PetReport, TimelineEntry
from backoffice.services import board as board_services
from backoffice.vocabulary import EventKind, Publication, Status

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _private_store(tmp_path, settings):
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")


def waiting(**fields):
    return PetReportFactory(publish_consent=True, state=Publication.PENDING, **fields)


def test_supervisors_moderate_and_case_managers_only_when_given_the_permission(
    case_manager, supervisor
):
    assert permissions.user_can_moderate(supervisor)
    assert not permissions.user_can_moderate(case_manager)
    case_manager.user_permissions.add(
        Permission.objects.get(content_type__app_label="backoffice", codename="moderate_board")
    )
    case_manager = type(case_manager).objects.get(pk=case_manager.pk)  # fresh permission cache
    assert permissions.user_can_moderate(case_manager)


def test_without_the_permission_the_queue_and_its_actions_are_refused(login, case_manager):
    report = waiting()
    client = login(case_manager)
    assert client.get(reverse("backoffice:board_queue")).status_code == 403
    assert "Lost and found board" not in client.get(reverse("backoffice:queue")).content.decode()
    for name in ("backoffice:report_approve", "backoffice:report_hide"):
        response = client.post(reverse(name, args=[report.pk]), {"reason": "spam"})
        assert response.status_code == 403
    report.refresh_from_db()
    assert report.state == Publication.PENDING
    assert AuditEntry.objects.filter(operation="page", action="denied").count() == 3
    with pytest.raises(PermissionDenied):  # the service refuses too
        board_services.report_approve(report=report, actor=case_manager)


def test_the_queue_lists_waiting_reports_never_a_confidential_one(login, supervisor):
    mine = waiting(pet_name="Waitingpet")
    ReportPhotoFactory(report=mine)
    waiting(pet_name="Secretpet", case__confidential=True)
    PetReportFactory(pet_name="Privatepet")  # no consent: never to be published
    PetReportFactory(published=True, pet_name="Livepet")
    client = login(supervisor)
    html = client.get(reverse("backoffice:board_queue")).content.decode()
    assert mine.case.reference in html and "Secretpet" not in html
    photo = mine.photos.get()
    assert reverse("backoffice:report_photo", args=[photo.public_id]) in html
    live = client.get(reverse("backoffice:board_queue") + "?show=board").content.decode()
    assert PetReport.objects.get(pet_name="Livepet").case.reference in live
    assert mine.case.reference not in live
    assert AuditEntry.objects.filter(operation="board_queue", actor=supervisor).count() == 2


def test_approving_puts_the_report_on_the_board_for_the_configured_days(
    login, supervisor, settings
):
    settings.LOST_FOUND_BOARD_DAYS = 14
    report = waiting()
    client = login(supervisor)
    response = client.post(reverse("backoffice:report_approve", args=[report.pk]))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.state == Publication.PUBLISHED and report_on_board(report)
    assert report.ends_at - report.published_at == datetime.timedelta(days=14)
    # A second click changes nothing and records nothing more.
    client.post(reverse("backoffice:report_approve", args=[report.pk]))
    assert (
        TimelineEntry.objects.filter(case=report.case, kind=EventKind.BOARD_APPROVED).count() == 1
    )
    audit = AuditEntry.objects.filter(
        operation="report_approve", case_reference=report.case.reference
    )
    assert audit.count() == 1 and audit.get().actor == supervisor


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"publish_consent": False}, "did not agree"),
        ({"case__confidential": True}, "never shown"),
        ({"case__status": Status.RESOLVED}, "resolved or closed"),
    ],
)
def test_approval_is_refused_without_consent_for_a_confidential_or_ended_case(
    supervisor, fields, message
):
    report = PetReportFactory(state=Publication.PENDING, **{"publish_consent": True, **fields})
    with pytest.raises(Exception, match=message):
        board_services.report_approve(report=report, actor=supervisor)
    report.refresh_from_db()
    assert report.state == Publication.PENDING


def test_a_moderator_who_may_not_see_the_case_gets_not_found(login, case_manager, supervisor):
    case_manager.user_permissions.add(
        Permission.objects.get(content_type__app_label="backoffice", codename="moderate_board")
    )
    secret = waiting(case__confidential=True, case__assignee=supervisor)
    client = login(case_manager)
    assert client.get(reverse("backoffice:board_queue")).status_code == 200
    response = client.post(reverse("backoffice:report_approve", args=[secret.pk]))
    assert response.status_code == 404


def test_hiding_needs_a_reason_and_takes_the_report_off_the_board(login, supervisor, client):
    report = PetReportFactory(published=True)
    assert report_on_board(report)
    staff = login(supervisor)
    staff.post(reverse("backoffice:report_hide", args=[report.pk]), {"reason": "  "})
    report.refresh_from_db()
    assert report.state == Publication.PUBLISHED
    staff.post(
        reverse("backoffice:report_hide", args=[report.pk]),
        {"reason": "Photo shows the finder's house number", "next": "https://evil.example/"},
    )
    report.refresh_from_db()
    assert report.state == Publication.HIDDEN and not report_on_board(report)
    entry = TimelineEntry.objects.get(case=report.case, kind=EventKind.BOARD_HIDDEN)
    assert entry.body == "Photo shows the finder's house number" and entry.author == supervisor
    assert AuditEntry.objects.filter(operation="report_hide").count() == 1
    # The reason shows on the case page, for staff.
    page = staff.get(reverse("backoffice:case", args=[report.case.reference])).content.decode()
    assert "finder&#x27;s house number" in page or "finder's house number" in page


def test_staff_see_a_waiting_reports_photos_and_visitors_do_not(login, supervisor, client):
    report = waiting()
    photo = ReportPhotoFactory(report=report)
    url = reverse("backoffice:report_photo", args=[photo.public_id])
    assert client.get(url).status_code == 302  # to the sign-in
    staff = login(supervisor)
    response = staff.get(url)
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert staff.get(reverse("backoffice:report_photo", args=["not-a-uuid"])).status_code == 404


def test_a_report_approved_after_it_ended_goes_back_for_a_new_period(supervisor, settings):
    settings.LOST_FOUND_BOARD_DAYS = 30
    long_ago = timezone.now() - datetime.timedelta(days=45)
    report = PetReportFactory(published=True, published_at=long_ago, ends_at=None)
    assert not report_on_board(report)
    board_services.report_approve(report=report, actor=supervisor)
    report.refresh_from_db()
    assert report_on_board(report) and report.ends_at > timezone.now()


def test_the_case_page_says_where_its_report_stands_and_moderators_act_there(
    login, supervisor, case_manager
):
    report = waiting()
    url = reverse("backoffice:case", args=[report.case.reference])
    html = login(case_manager).get(url).content.decode()
    assert "Waiting for approval" in html and "Approve for the board" not in html
    staff = login(supervisor)
    assert "Approve for the board" in staff.get(url).content.decode()
    response = staff.post(
        reverse("backoffice:report_approve", args=[report.pk]), {"next": f"{url}#board"}
    )
    assert response["Location"] == f"{url}#board"
    html = staff.get(url).content.decode()
    assert "On the board until" in html and reverse("board:report", args=[report.pk]) in html
    assert "Approve for the board" not in html
