"""Writes to the directory. Each is atomic; views and admin screens only call these."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.geography import zip_point
from messaging.addresses import address_normalise
from messaging.services import message_queue
from messaging.vocabulary import Channel, Purpose

from .models import Location, ProblemReport, Resource


@transaction.atomic
def listing_verify(*, resource: Resource, user, commit: bool = True) -> Resource:
    """Record that ``user`` checked the listing with the organisation today."""
    resource.last_verified_at = timezone.now()
    resource.last_verified_by = user
    if commit:
        resource.save(update_fields=["last_verified_at", "last_verified_by", "updated_at"])
    return resource


@transaction.atomic
def problem_report_resolve(*, report: ProblemReport, user) -> ProblemReport:
    report.resolved_at = timezone.now()
    report.resolved_by = user
    report.save(update_fields=["resolved_at", "resolved_by"])
    return report


@transaction.atomic
def problem_report_create(
    *,
    resource: Resource,
    reason: str,
    details: str = "",
    contact: str = "",
    reply_consent: bool = False,
    language: str,
) -> ProblemReport:
    """A visitor's report about a listing, queued for directory editors (review queue)."""
    contact = contact.strip()
    report = ProblemReport(
        resource=resource,
        reason=reason,
        details=details.strip(),
        contact=contact,
        reply_consent=reply_consent and bool(contact),
        language=language,
    )
    report.full_clean()
    report.save()
    return report


REPLY_EMAIL_TEMPLATE = "directory/messages/report_reply"
# A text never carries what it is about (``messaging.safety``): it asks the person to call back.
REPLY_TEXT_TEMPLATE = "messaging/callback"


def problem_report_reply_channel(report: ProblemReport) -> str:
    """The channel a reply may go by: the reporter left an email or a mobile number and said
    yes to a reply; ``""`` when the reply can only be kept with the report."""
    if not (report.reply_consent and report.contact):
        return ""
    for channel in (Channel.EMAIL, Channel.SMS):
        if address_normalise(channel, report.contact):
            return channel
    return ""


def _reply_language(report: ProblemReport) -> str:
    """The language the report came in, when the site speaks it; else English."""
    site = {code for code, _name in settings.LANGUAGES}
    return report.language if report.language in site else settings.LANGUAGE_CODE


@transaction.atomic
def problem_report_reply(
    *, report: ProblemReport, user, note: str, send: bool = False
) -> ProblemReport:
    """Keep an editor's reply note with the report; with ``send``, and only when the reporter
    left a contact and agreed to a reply, also send it to them in the language they wrote in
    (an email carries the note; a text, which never says what it is about, asks them to call).
    ``report.reply_message`` is the message queued (or suppressed, with its reason, when the
    address opted out); ``None`` when it was only kept."""
    note = note.strip()
    if not note:
        raise ValidationError({"note": _("Write the reply note.")})
    report.reply_note = note
    report.replied_at = timezone.now()
    report.replied_by = user
    report.reply_message = None
    channel = problem_report_reply_channel(report) if send else ""
    if channel:
        language = _reply_language(report)
        with translation.override(language):
            listing = str(report.resource.name)
        report.reply_message = message_queue(
            channel=channel,
            recipient=report.contact,
            template=REPLY_EMAIL_TEMPLATE if channel == Channel.EMAIL else REPLY_TEXT_TEMPLATE,
            purpose=Purpose.REPLY,
            language=language,
            context={"body": note, "listing": listing},
            subject_ref=f"problem-report:{report.pk}",
            consent=report.reply_consent,
            created_by=user,
        )
    report.save(update_fields=["reply_note", "replied_at", "replied_by", "reply_message"])
    return report


def location_position_fill(*, location: Location) -> bool:
    """Place a location without coordinates at the centre of its ZIP code (offline GeoNames data
    from ``zipcodes``). Returns whether it was placed; the caller saves."""
    if location.latitude is not None and location.longitude is not None:
        return False
    point = zip_point(location.postal_code)
    if point is None:
        return False
    location.latitude, location.longitude = point
    return True
