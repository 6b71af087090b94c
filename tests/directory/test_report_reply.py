"""A directory editor's reply note on a visitor's problem report: kept with the report and shown
in the review queue; sent to the reporter, in the language the report came in, only when they
left a contact and said yes to a reply (an email carries the note, a text only asks them to
call); otherwise just kept."""

import pytest
from django.urls import reverse

from directory.models import Organization, ProblemReport, Resource
from messaging.models import Message, OptOut
from messaging.vocabulary import Channel, Purpose
from messaging.vocabulary import Status as MessageStatus

from .test_admin import staff

pytestmark = pytest.mark.django_db

NOTE = "Thank you: the new phone number is on the listing now."


@pytest.fixture
def resource():
    return Resource.objects.create(
        organization=Organization.objects.create(name_en="Riverbend Humane Society"),
        name_en="Saturday pet food pantry",
        name_es="Despensa de comida para mascotas",
    )


@pytest.fixture
def editor(client, django_user_model):
    user = staff(django_user_model, "dana", "Directory editors")
    client.force_login(user)
    return user


def report(resource, **fields):
    return ProblemReport.objects.create(
        resource=resource, reason="phone", language=fields.pop("language", "es"), **fields
    )


def reply(client, report, *, send):
    data = {"note": NOTE, **({"send": "on"} if send else {})}
    return client.post(reverse("directory_reply_report", args=[report.pk]), data, follow=True)


def test_a_reply_note_is_kept_with_the_report_and_shown_in_the_queue(client, editor, resource):
    kept = report(resource, contact="someone@example.org", reply_consent=False)
    page = reply(client, kept, send=False).content.decode()
    kept.refresh_from_db()
    assert kept.reply_note == NOTE and kept.replied_by == editor and kept.replied_at
    assert "is kept with the report" in page and NOTE in page
    assert "Asked for no reply" in page
    assert not Message.objects.exists()
    edit = reverse("wagtailsnippets_directory_problemreport:edit", args=[kept.pk])
    assert NOTE in client.get(edit).content.decode()  # kept with the report in its admin page


def test_the_reply_goes_by_email_in_the_reporters_language_when_they_agreed(
    client,
    editor,
    resource,
):
    agreed = report(resource, contact=" someone@example.org ", reply_consent=True, language="es")
    queue = client.get(reverse("directory_review")).content.decode()
    assert "Also email it to the reporter (in Spanish)" in queue
    page = reply(client, agreed, send=True).content.decode()
    message = Message.objects.get()
    assert message.channel == Channel.EMAIL and message.recipient == "someone@example.org"
    assert message.language == "es" and message.purpose == Purpose.REPLY
    assert NOTE in message.body and "Despensa de comida para mascotas" in message.body
    assert "respuesta" in message.subject.lower()
    agreed.refresh_from_db()
    assert agreed.reply_message == message
    assert "sent to the reporter" in page


def test_a_reply_by_text_only_asks_the_reporter_to_call(client, editor, resource):
    agreed = report(resource, contact="(503) 555-0142", reply_consent=True, language="vi")
    reply(client, agreed, send=True)
    message = Message.objects.get()
    assert message.channel == Channel.SMS and message.language == "vi"
    assert NOTE not in message.body and "STOP" in message.body


@pytest.mark.parametrize(
    "fields",
    [
        {"contact": "someone@example.org", "reply_consent": False},  # no yes to a reply
        {"contact": "", "reply_consent": True},  # nowhere to send it
        {"contact": "after five, ask for Sam", "reply_consent": True},  # no phone or email
    ],
)
def test_without_consent_or_a_usable_contact_the_note_is_only_kept(
    client,
    editor,
    resource,
    fields,
):
    kept = report(resource, **fields)
    page = reply(client, kept, send=True).content.decode()
    assert not Message.objects.exists()
    kept.refresh_from_db()
    assert kept.reply_note == NOTE and kept.reply_message is None
    assert "It was not sent" in page


def test_an_address_that_opted_out_gets_nothing(client, editor, resource):
    OptOut.objects.create(channel=Channel.EMAIL, address="someone@example.org")
    agreed = report(resource, contact="someone@example.org", reply_consent=True)
    page = reply(client, agreed, send=True).content.decode()
    assert Message.objects.get().status == MessageStatus.SUPPRESSED
    assert "It was not sent" in page


def test_only_directory_editors_may_reply(client, django_user_model, resource):
    target = report(resource, contact="someone@example.org", reply_consent=True)
    client.force_login(staff(django_user_model, "pat", "Editors"))
    response = client.post(reverse("directory_reply_report", args=[target.pk]), {"note": NOTE})
    assert response.status_code in (302, 403)  # Wagtail sends staff without access away
    target.refresh_from_db()
    assert target.reply_note == "" and not Message.objects.exists()


def test_an_empty_note_is_refused(client, editor, resource):
    target = report(resource)
    page = client.post(
        reverse("directory_reply_report", args=[target.pk]), {"note": "  "}, follow=True
    ).content.decode()
    assert "Write the reply note" in page
    target.refresh_from_db()
    assert target.reply_note == "" and target.replied_at is None


def test_the_reporter_says_whether_a_reply_is_welcome(client, resource):
    url = reverse("directory:report", args=[resource.pk])
    form = client.get(url).content.decode()
    assert 'name="reply_consent"' in form
    lonely = client.post(url, {"reason": "phone", "reply_consent": "on"})
    assert "Give a phone or email for the reply" in lonely.content.decode()
    assert not ProblemReport.objects.exists()
    client.post(url, {"reason": "phone", "contact": "a@example.org", "reply_consent": "on"})
    client.post(url, {"reason": "hours", "contact": "b@example.org"})
    consents = dict(ProblemReport.objects.values_list("contact", "reply_consent"))
    assert consents == {"a@example.org": True, "b@example.org": False}
