"""Lost and found reports: opened as cases, updated and closed by their reporter through the
private link, and their photos.

- ``report_open`` is one atomic ``case_open`` (lost pet or found pet, channel "lost or found
  report") with its ``PetReport`` and photos, idempotent on the form's client token;
- the reporter's private link: ``report_link_issue`` makes an unguessable token
  (``secrets.token_urlsafe``) and keeps only its SHA-256, with an expiry; ``report_of_token`` (in
  ``backoffice.report_links``) finds the one report a token opens; a new link replaces the old;
  ``report_link_send`` sends it to the reporter (email or text, never for a confidential case;
  the outbox keeps no working copy), on opening and when staff send a new one
  (``report_link_renew``);
- ``report_update``, ``report_photos_add`` and ``report_mark_home`` are what the reporter may do
  there (marking the pet home resolves the case "reunited with owner").

Every one of them scores the report again (``services.matches.report_matches_refresh``).

A photo is judged and re-encoded by ``backoffice.photos`` before anything is written: a refused
file leaves nothing behind, neither a row nor a file in the private store.
"""

import datetime
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, fields

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.digits import microchip_compact
from core.geography import zip_point
from messaging.addresses import address_normalise
from messaging.models import Message
from messaging.safety import send_refusal
from messaging.services import message_queue
from messaging.vocabulary import Purpose, Suppression
from messaging.vocabulary import Status as MessageStatus

from ..audit import audit_record
from ..board import report_publication_after_consent
from ..models import AuditAction, Case, PetReport, ReportPhoto
from ..photos import ProcessedPhoto, photo_process
from ..report_links import token_hash
from ..vocabulary import (
    OPEN_STATUSES,
    REPORT_CASE_TYPES,
    AgeGroup,
    Channel,
    ChipScan,
    Colour,
    EventKind,
    Need,
    NoteKind,
    Outcome,
    Publication,
    ReportKind,
    Sex,
    Size,
    Species,
    Status,
    Temperament,
    YesNoUnknown,
)
from .followups import SETTLE_CANCELLED, followups_settle
from .intake import PersonDetails, PetDetails, case_open
from .match_alerts import reporter_address
from .matches import report_matches_refresh
from .timeline import case_touch, timeline_add
from .validation import Errors

REPORT_NEEDS = {ReportKind.LOST: Need.LOST_PET, ReportKind.FOUND: Need.FOUND_PET}


@dataclass(frozen=True, kw_only=True)
class ReportDetails:
    """What a reporter says about the pet (the fields of ``PetReport`` they fill in)."""

    species: str
    happened_on: datetime.date
    happened_time: datetime.time | None = None
    pet_name: str = ""
    breed: str = ""
    colours: Sequence[str] = ()
    sex: str = ""
    size: str = ""
    age_group: str = ""
    marks: str = ""
    collar_tag: str = ""
    microchip: str = ""
    chip_scan: str = ""
    place: str = ""
    zip_code: str = ""
    direction: str = ""
    temperament: Sequence[str] = ()
    can_keep: str = ""
    keep_until: datetime.date | None = None
    private_detail: str = ""
    publish_consent: bool = False


REPORT_FIELDS = [f.name for f in fields(ReportDetails)]


def _details_validate(kind: str, details: ReportDetails) -> None:
    errors = Errors()
    errors.check_choice("kind", kind, ReportKind.choices)
    errors.check_choice("species", details.species, Species.choices)
    errors.check_choice("sex", details.sex, Sex.choices)
    errors.check_choice("size", details.size, Size.choices)
    errors.check_choice("age_group", details.age_group, AgeGroup.choices)
    errors.check_choice("chip_scan", details.chip_scan, ChipScan.choices)
    errors.check_choice("can_keep", details.can_keep, YesNoUnknown.choices)
    for code in details.colours:
        errors.check_choice("colours", code, Colour.choices)
    for code in details.temperament:
        errors.check_choice("temperament", code, Temperament.choices)
    if details.happened_on > timezone.localdate():
        errors.add("happened_on", _("The date cannot be in the future."))
    errors.raise_if_any()


def _report_values(kind: str, details: ReportDetails) -> dict:
    """The report's fields from what was typed: text trimmed, one spelling of a chip number, the
    place's ZIP code centre, and only what belongs to this kind of report."""
    values = {
        name: (value.strip() if isinstance(value, str) else value)
        for name, value in vars(details).items()
    }
    values["colours"] = list(dict.fromkeys(details.colours))
    values["temperament"] = list(dict.fromkeys(details.temperament))
    values["microchip"] = microchip_compact(values["microchip"])
    if kind == ReportKind.LOST:
        # A finder neither scans nor keeps the owner's pet; an owner has no chip scan to report.
        values.update(chip_scan="", can_keep="", keep_until=None)
    else:
        values.update(pet_name="", private_detail="")
        if values["can_keep"] != YesNoUnknown.YES:
            values["keep_until"] = None
    point = zip_point(values["zip_code"])
    values["latitude"], values["longitude"] = point if point else (None, None)
    return values


def report_link_issue(*, report: PetReport) -> str:
    """A new private link's token for the report (the previous one stops working). Only its
    hash is kept: the token itself is shown once, to the reporter."""
    token = secrets.token_urlsafe(32)
    report.token_hash = token_hash(token)
    report.token_expires_at = timezone.now() + datetime.timedelta(
        days=settings.LOST_FOUND_LINK_DAYS
    )
    PetReport.objects.filter(pk=report.pk).update(
        token_hash=report.token_hash, token_expires_at=report.token_expires_at
    )
    return token


LINK_TEMPLATE = "backoffice/messages/report_link"


def report_link_url(*, report: PetReport, token: str) -> str:
    """The full address of the private page this token opens, in the case's language."""
    with translation.override(report.case.language):
        path = reverse("reports:private", args=[token])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def report_link_refusal(*, report: PetReport) -> str:
    """Why the private link may not be sent to the reporter, in words ("" when it may): a
    confidential case never gets one (whoever reads their email or texts may be the one they
    fear), nor one without an email address or phone number, nor one who opted out."""
    from ..messages import case_message_facts

    case = report.case
    if case.confidential:
        return _("The case is confidential: a private link is never sent by email or text.")
    address = reporter_address(report)
    if address is None:
        return _("The reporter gave no email address or phone number.")
    channel, recipient = address
    refusal = send_refusal(
        channel=channel,
        recipient=address_normalise(channel, recipient),
        purpose=Purpose.CONFIRMATION,
        **case_message_facts(case),
    )
    return str(Suppression(refusal).label) if refusal else ""


def report_link_send(*, report: PetReport, token: str, actor=None) -> Message | None:
    """Send the private link of ``token`` to the reporter, in the case's language; None when it
    may not go (``report_link_refusal``). The outbox's copy loses the link once it has gone."""
    from ..messages import case_message_facts, case_subject_ref

    if report_link_refusal(report=report):
        return None
    channel, recipient = reporter_address(report)
    case = report.case
    link = report_link_url(report=report, token=token)
    return message_queue(
        channel=channel,
        recipient=recipient,
        template=LINK_TEMPLATE,
        purpose=Purpose.CONFIRMATION,
        language=case.language,
        context={
            "reference": case.reference,
            "link": link,
            "days": settings.LOST_FOUND_LINK_DAYS,
        },
        subject_ref=case_subject_ref(case.reference),
        created_by=actor,
        secret=link,
        **case_message_facts(case),
    )


@transaction.atomic
def report_link_renew(*, report: PetReport, actor) -> Message:
    """Staff send the reporter a new private link: the old one stops working. Refused (a
    ``ValidationError`` saying why) when there is no safe way to reach them; recorded."""
    report = PetReport.objects.select_for_update().select_related("case__person").get(pk=report.pk)
    refusal = report_link_refusal(report=report)
    if refusal:
        raise ValidationError(_("No new link was sent. %(reason)s") % {"reason": refusal})
    token = report_link_issue(report=report)
    message = report_link_send(report=report, token=token, actor=actor)
    audit_record(
        actor=actor,
        action=AuditAction.CHANGE,
        operation="report_link_issue",
        case=report.case,
        detail={"channel": message.channel, "message": message.pk},
    )
    return message


@dataclass(frozen=True)
class ReportOpened:
    report: PetReport
    token: str | None  # the private link's token; None when the form had been sent already
    link_sent_by: str = ""  # the channel the link is on its way by ("" when it was not sent)


@transaction.atomic
def report_open(
    *,
    kind: str,
    person: PersonDetails,
    details: ReportDetails,
    photos: Sequence[ProcessedPhoto] = (),
    client_token: str,
    language: str,
    opened_at: datetime.datetime | None = None,
) -> ReportOpened:
    """Open the case of a lost or found report, with its photos and a private link.

    Idempotent on ``client_token`` (the form's): sending it again returns the report opened the
    first time, with no token (its link was given then), and keeps nothing new.
    """
    _details_validate(kind, details)
    if len(photos) > ReportPhoto.MAX_PER_REPORT:
        raise ValidationError(
            {
                "photos": [
                    _("A report can have at most %(count)d photos.")
                    % {"count": ReportPhoto.MAX_PER_REPORT}
                ]
            }
        )
    values = _report_values(kind, details)
    pets = ()
    if kind == ReportKind.LOST:
        pets = [
            PetDetails(
                species=values["species"],
                name=values["pet_name"],
                breed=values["breed"],
                age_group=values["age_group"],
                sex=values["sex"],
                size=values["size"],
                microchip=values["microchip"],
            )
        ]
    case = case_open(
        case_type=REPORT_CASE_TYPES[kind],
        channel=Channel.LOST_FOUND,
        person=person,
        pets=pets,
        needs=[REPORT_NEEDS[kind]],
        summary=values["marks"],
        language=language,
        client_token=client_token,
        opened_at=opened_at,
    )
    existing = PetReport.objects.filter(case=case).first()
    if existing is not None:
        return ReportOpened(report=existing, token=None)
    now = opened_at or timezone.now()
    consent = values.pop("publish_consent")
    report = PetReport(case=case, kind=kind, publish_consent=consent, created_at=now, **values)
    report_publication_after_consent(report, consent=consent, now=now)
    report.save()
    token = report_link_issue(report=report)
    _photos_save(report=report, photos=list(photos), start=0)
    report_matches_refresh(report=report)
    message = report_link_send(report=report, token=token)
    sent_by = (
        message.channel if message is not None and message.status == MessageStatus.QUEUED else ""
    )
    return ReportOpened(report=report, token=token, link_sent_by=sent_by)


def _reporter_note(case: Case, message: str, **data) -> None:
    """A line on the case's timeline for what the reporter did, in the case's language."""
    with translation.override(case.language):
        body = str(message)
    timeline_add(case=case, kind=EventKind.NOTE, note_kind=NoteKind.INTERNAL, body=body, data=data)
    case_touch(case)


def _open_check(report: PetReport) -> None:
    if report.case.status not in OPEN_STATUSES:
        raise ValidationError(
            _("This report is closed. To tell us something new, call us or send a new report.")
        )


@transaction.atomic
def report_update(*, report: PetReport, details: ReportDetails) -> PetReport:
    """The reporter's corrections. An empty private detail keeps the one given before (the
    private page never shows it). Consent given now puts the report in line for the board;
    consent withdrawn takes it off."""
    report = PetReport.objects.select_for_update().select_related("case").get(pk=report.pk)
    _open_check(report)
    _details_validate(report.kind, details)
    values = _report_values(report.kind, details)
    if not values["private_detail"]:
        values["private_detail"] = report.private_detail
    consent = values.pop("publish_consent")
    changed = sorted(
        name
        for name, value in values.items()
        if getattr(report, name) != value and name not in ("latitude", "longitude")
    )
    if consent != report.publish_consent:
        changed.append("publish_consent")
    for name, value in values.items():
        setattr(report, name, value)
    report_publication_after_consent(report, consent=consent)
    report.save()
    report_matches_refresh(report=report)
    if changed:
        _reporter_note(
            report.case,
            _("The reporter updated the report through their private link."),
            reporter_update=changed,
        )
    audit_record(
        actor=None,
        action=AuditAction.CHANGE,
        operation="report_update",
        case=report.case,
        detail={"fields": changed},
    )
    return report


@transaction.atomic
def report_mark_home(*, report: PetReport) -> PetReport:
    """The reporter says the pet is home (lost) or back with its owner (found): the case is
    resolved "reunited with owner", its follow-ups still planned are cancelled, and the report
    leaves the board. Saying it twice changes nothing more."""
    report = PetReport.objects.select_for_update().select_related("case").get(pk=report.pk)
    case = Case.objects.select_for_update().get(pk=report.case_id)
    if case.status not in OPEN_STATUSES:
        return report
    now = timezone.now()
    previous = case.status
    case.status = Status.RESOLVED
    case.outcome = Outcome.REUNITED
    case.resolved_at = now
    with translation.override(case.language):
        case.outcome_notes = str(
            _("The reporter said the pet is home.")
            if report.kind == ReportKind.LOST
            else _("The finder said the pet is back with its owner.")
        )
    case.save(update_fields=["status", "outcome", "outcome_notes", "resolved_at", "updated_at"])
    case.case_pets.update(outcome=Outcome.REUNITED)
    followups_settle(case=case, actor=None, how=SETTLE_CANCELLED)
    timeline_add(
        case=case,
        kind=EventKind.RESOLVED,
        body=case.outcome_notes,
        data={"from": previous, "outcome": Outcome.REUNITED, "by": "reporter"},
        created_at=now,
    )
    if report.state in (Publication.PENDING, Publication.PUBLISHED):
        report.state = Publication.ENDED
        report.ends_at = now
        report.save(update_fields=["state", "ends_at", "updated_at"])
    report.case = case
    report_matches_refresh(report=report)  # a closed case has no candidates left
    audit_record(actor=None, action=AuditAction.CHANGE, operation="report_mark_home", case=case)
    return report


def photos_room(report: PetReport) -> int:
    """How many more photos the report may have."""
    return max(0, ReportPhoto.MAX_PER_REPORT - report.photos.count())


def _photos_save(*, report: PetReport, photos: list[ProcessedPhoto], start: int):
    """The rows and files of ``photos``; on any failure the files written so far are removed
    (the transaction takes the rows back)."""
    rows = []
    try:
        for index, photo in enumerate(photos):
            row = ReportPhoto(
                report=report, width=photo.width, height=photo.height, position=start + index
            )
            rows.append(row)
            # A random name: nothing of the reporter's file name or of the report in the path.
            name = secrets.token_hex(16) + photo.extension
            row.file.save(name, ContentFile(photo.content), save=False)
            row.save()
    except BaseException:
        for row in rows:
            if row.file.name:
                row.file.delete(save=False)
        raise
    return rows


@transaction.atomic
def report_photos_add(*, report: PetReport, photos, by_reporter: bool = False) -> list[ReportPhoto]:
    """Keep ``photos`` (``ProcessedPhoto``s, or uploads, processed here) after the report's
    others, up to ``ReportPhoto.MAX_PER_REPORT`` in all. Every upload is checked before any is
    kept: one refused keeps none (the ``ValidationError`` names it). ``by_reporter``: sent
    through the private link (the report must be open; the case's timeline says so)."""
    report = PetReport.objects.select_for_update().select_related("case").get(pk=report.pk)
    if by_reporter:
        _open_check(report)
    processed = [p if isinstance(p, ProcessedPhoto) else photo_process(p) for p in photos]
    existing = list(report.photos.values_list("position", flat=True))
    if len(existing) + len(processed) > ReportPhoto.MAX_PER_REPORT:
        raise ValidationError(
            _("A report can have at most %(count)d photos.")
            % {"count": ReportPhoto.MAX_PER_REPORT},
            code="too_many_photos",
        )
    rows = _photos_save(report=report, photos=processed, start=max(existing, default=-1) + 1)
    if by_reporter and rows:
        _reporter_note(
            report.case,
            _("The reporter added photos through their private link."),
            photos_added=len(rows),
        )
    return rows
