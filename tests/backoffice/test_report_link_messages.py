"""The reporter's private link reaches them: sent by email or text when they report (never for a
confidential case), and again when staff send a new one from the case page. The outbox keeps no
working copy of a link once it has gone."""

import re

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from backoffice.factories import PetReportFactory
from backoffice.models import AuditEntry
from backoffice.report_links import report_of_token
from backoffice.services.lost_found import report_link_issue, report_link_renew
from messaging.models import Message
from messaging.services import message_queue, optout_record
from messaging.vocabulary import Channel, Purpose, Status
from tests.surveys.test_lost_found_reports import lost_data

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://[^\s\"<]+/pet-report/private/([A-Za-z0-9_-]+)/")


@pytest.fixture(autouse=True)
def _private_store(tmp_path):
    with override_settings(PRIVATE_MEDIA_ROOT=str(tmp_path / "private")):
        yield


def _report_url(lang="es"):
    with translation.override(lang):
        return reverse("reports:report", args=["lost"])


def _stored_text(message):
    return message.subject + message.body + message.body_html


def test_a_reporter_with_an_email_is_sent_the_link_in_their_language(client):
    response = client.post(_report_url("es"), lost_data(phone=""))
    assert response.status_code == 302
    sent = client.get(response["Location"]).content.decode()
    assert "También le enviamos este enlace a su correo electrónico." in sent
    email = mail.outbox[-1]
    assert email.to == ["finder.private@example.org"]
    token = LINK.search(email.body).group(1)
    assert "/es/pet-report/private/" in email.body
    report = report_of_token(token)
    assert report is not None and report.case.language == "es"
    assert "enlace privado" in email.subject.lower()
    # The token is the one of the confirmation page too: one link, in two places.
    assert token in sent
    # The outbox keeps neutral words where the link was: staff never read a working link.
    message = Message.objects.get(template="backoffice/messages/report_link")
    assert message.status == Status.SENT and message.purpose == Purpose.CONFIRMATION
    assert token not in _stored_text(message) and message.secret == ""
    assert "enlace privado: eliminado de esta copia" in message.body
    assert message.subject_ref == f"case:{report.case.reference}"


def test_a_reporter_with_only_a_phone_is_sent_the_link_by_text(client):
    from messaging import sms

    sms.outbox.clear()
    response = client.post(_report_url("en"), lost_data(email=""))
    assert response.status_code == 302
    message = Message.objects.get(template="backoffice/messages/report_link")
    assert message.channel == Channel.SMS
    if message.status == Status.SENT:
        texted = sms.outbox[-1][1]
        assert report_of_token(LINK.search(texted).group(1)) is not None
        assert "/pet-report/private/" not in _stored_text(message)
    else:  # the night hours: it waits for the morning, and the case page does not show it
        assert message.status == Status.QUEUED
        assert "/pet-report/private/" not in message.body_shown


def test_no_link_is_sent_without_an_address_or_for_a_confidential_case():
    report = PetReportFactory()
    person = report.case.person
    person.email = person.phone = ""
    person.save()
    with pytest.raises(Exception, match="no email address or phone number"):
        report_link_renew(report=report, actor=None)
    secret = PetReportFactory()
    secret.case.confidential = True
    secret.case.save()
    secret.case.person.email = "hidden@example.org"
    secret.case.person.safe_to_email = True
    secret.case.person.save()
    token = report_link_issue(report=secret)
    with pytest.raises(Exception, match="confidential"):
        report_link_renew(report=secret, actor=None)
    assert report_of_token(token) == secret  # refused: the link the reporter has still works
    assert not Message.objects.exists()


def test_a_queued_message_s_secret_is_not_shown_and_a_refused_one_keeps_none():
    link = "https://example.org/en/pet-report/private/abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG/"
    optout_record(channel=Channel.EMAIL, address="stopped@example.org")
    refused = message_queue(
        channel=Channel.EMAIL,
        recipient="stopped@example.org",
        template="backoffice/messages/report_link",
        purpose=Purpose.CONFIRMATION,
        language="vi",
        context={"reference": "PS-1", "link": link, "days": 30},
        secret=link,
    )
    refused.refresh_from_db()
    assert refused.status == Status.SUPPRESSED
    assert link not in _stored_text(refused) and refused.secret == ""
    queued = Message(body=f"Open {link} now", secret=link, language="en")
    assert link not in queued.body_shown and "removed from this copy" in queued.body_shown


def _case_page_link_form(client, case):
    return client.get(reverse("backoffice:case", args=[case.reference])).content.decode()


def test_staff_send_a_new_link_from_the_case_page_and_the_old_one_stops(login, case_manager):
    report = PetReportFactory(case__assignee=case_manager)
    person = report.case.person
    person.email, person.preferred_language = "owner@example.org", "en"
    person.save()
    old = report_link_issue(report=report)
    client = login(case_manager)
    page = _case_page_link_form(client, report.case)
    assert "Send a new private link" in page
    url = reverse("backoffice:case_report_link", args=[report.case.reference])
    assert client.post(url, {}).status_code == 400  # the box says what it does: tick it
    assert report_of_token(old) == report
    response = client.post(url, {"confirm": "on"})
    assert response.status_code == 302
    assert report_of_token(old) is None
    new = LINK.search(mail.outbox[-1].body).group(1)
    assert report_of_token(new) == report
    entry = AuditEntry.objects.get(operation="report_link_issue")
    assert entry.actor == case_manager and entry.case_reference == report.case.reference
    # The case page's outbox shows the message, never the link.
    page = client.get(response["Location"]).content.decode()
    assert "A new private link is on its way to the reporter" in page
    assert new not in page and old not in page


def test_staff_are_told_why_no_link_can_be_sent(login, case_manager):
    report = PetReportFactory(case__assignee=case_manager)
    report.case.person.email = report.case.person.phone = ""
    report.case.person.save()
    client = login(case_manager)
    url = reverse("backoffice:case_report_link", args=[report.case.reference])
    response = client.post(url, {"confirm": "on"})
    assert response.status_code == 400
    assert "The reporter gave no email address or phone number." in response.content.decode()
    assert not AuditEntry.objects.filter(operation="report_link_issue").exists()
