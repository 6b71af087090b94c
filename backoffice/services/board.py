"""The lost and found board's writes: staff approve a report for it or hide it (with a reason),
and a visitor's message about a report on it reaches staff (a timeline line) and the reporter
(through ``backoffice.messages``), neither seeing the other's contact details.

Which reports are on the board is ``backoffice.board``; who may moderate is
``permissions.user_can_moderate`` (and only reports of cases the moderator may see).
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import permissions
from ..audit import audit_record
from ..board import board_ends_at, report_on_board
from ..messages import board_message_forward
from ..models import AuditAction, PetReport, TimelineEntry
from ..vocabulary import OPEN_STATUSES, EventKind, Publication
from .timeline import case_touch, timeline_add

HIDE_REASON_MAX = 500
MESSAGE_MAX = 2000


def _moderate_check(actor, report: PetReport) -> None:
    if not (
        permissions.user_can_moderate(actor) and permissions.user_can_see_case(actor, report.case)
    ):
        raise PermissionDenied


def _locked(report: PetReport) -> PetReport:
    return PetReport.objects.select_for_update().select_related("case").get(pk=report.pk)


@transaction.atomic
def report_approve(*, report: PetReport, actor) -> PetReport:
    """Put a report on the board for ``LOST_FOUND_BOARD_DAYS`` from now (a hidden or ended one
    again). Refused without the reporter's consent, for a confidential case, or a case no longer
    open. A second click on a report already on the board changes nothing."""
    _moderate_check(actor, report)
    report = _locked(report)
    case = report.case
    if not report.publish_consent:
        raise ValidationError(_("The reporter did not agree to publish this report."))
    if case.confidential:
        raise ValidationError(_("A confidential case is never shown on the board."))
    if case.status not in OPEN_STATUSES or case.anonymized_at is not None:
        raise ValidationError(_("This case is resolved or closed: it cannot go on the board."))
    if report_on_board(report):
        return report
    now = timezone.now()
    report.state = Publication.PUBLISHED
    report.published_at = now
    report.ends_at = board_ends_at(now)
    report.save(update_fields=["state", "published_at", "ends_at", "updated_at"])
    timeline_add(
        case=case,
        kind=EventKind.BOARD_APPROVED,
        author=actor,
        data={"ends_at": report.ends_at.isoformat()},
    )
    case_touch(case)
    audit_record(actor=actor, action=AuditAction.CHANGE, operation="report_approve", case=case)
    return report


@transaction.atomic
def report_hide(*, report: PetReport, actor, reason: str) -> PetReport:
    """Take a report off the board, or keep a waiting one off it, saying why (staff read the
    reason on the case's timeline; the reporter and visitors never see it)."""
    _moderate_check(actor, report)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Say why the report is hidden.")]})
    if len(reason) > HIDE_REASON_MAX:
        raise ValidationError(
            {
                "reason": [
                    _("Keep the reason under %(count)d characters.") % {"count": HIDE_REASON_MAX}
                ]
            }
        )
    report = _locked(report)
    if report.state == Publication.HIDDEN:
        return report
    report.state = Publication.HIDDEN
    report.save(update_fields=["state", "updated_at"])
    timeline_add(case=report.case, kind=EventKind.BOARD_HIDDEN, author=actor, body=reason)
    case_touch(report.case)
    audit_record(actor=actor, action=AuditAction.CHANGE, operation="report_hide", case=report.case)
    return report


class About:
    """What a visitor writes about a report on the board."""

    MINE = "mine"  # "I think this is my pet"
    SEEN = "seen"  # "I have seen this pet"

    EVENTS = {MINE: EventKind.BOARD_CLAIM, SEEN: EventKind.BOARD_SIGHTING}


@dataclass(frozen=True, kw_only=True)
class BoardMessage:
    about: str
    message: str
    name: str = ""
    contact: str = ""  # a phone number or email, for staff only
    language: str = "en"


@transaction.atomic
def report_message_relay(*, report: PetReport, sent: BoardMessage) -> TimelineEntry:
    """A visitor's message about a report on the board: a line on the case's timeline with
    everything they wrote, their name and contact included (staff only), and a message to the
    reporter without the visitor's contact details (``messages.board_message_forward``, which
    follows the rules of who may be sent what). Refused for a report not on the board."""
    report = PetReport.objects.select_related("case__person").get(pk=report.pk)
    if not report_on_board(report):
        raise ValidationError(_("This report is no longer on the board."))
    if sent.about not in About.EVENTS:
        raise ValidationError({"about": [_("Choose a valid option.")]})
    message = sent.message.strip()
    if not message:
        raise ValidationError({"message": [_("Write your message.")]})
    if len(message) > MESSAGE_MAX:
        raise ValidationError(
            {
                "message": [
                    _("Keep the message under %(count)d characters.") % {"count": MESSAGE_MAX}
                ]
            }
        )
    case = report.case
    entry = timeline_add(
        case=case,
        kind=About.EVENTS[sent.about],
        body=message,
        data={
            "name": sent.name.strip()[:200],
            "contact": sent.contact.strip()[:200],
            "language": sent.language,
        },
    )
    case_touch(case)
    forwarded = board_message_forward(case=case, about=sent.about, message=message)
    audit_record(
        actor=None,
        action=AuditAction.CREATE,
        operation="report_message_relay",
        case=case,
        detail={
            "entry": entry.pk,
            "message": forwarded.pk if forwarded else None,
            "status": forwarded.status if forwarded else "",
        },
    )
    return entry
