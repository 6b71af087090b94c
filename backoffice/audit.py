"""The audit log's one writer: who viewed, searched, changed or exported what, and when, and who
was refused.

Every service that changes a case or a person, and every selector that reads one for display or
exports it, records a line here, so no view can forget to. So is a refusal: a 404 on a
confidential case or a person with one, a 403 on any back-office page (``access_denied_record``).
A line names references and ids only, never personal data (a queue search keeps its filters, as
the queue's export does). The log is append-only (``models.AuditEntry``). ``OPERATIONS`` names
each operation in words for the audit log page; an operation not named there is refused.
"""

from django.utils.translation import gettext_lazy as _

from .models import AuditAction, AuditEntry, Case, Person

OPERATIONS = {
    "case_open": _("Opened the case"),
    # What a lost or found reporter did through their private link (no staff member: no actor).
    "report_update": _("The reporter updated the report"),
    "report_mark_home": _("The reporter said the pet is home"),
    "case_view": _("Case page"),
    "case_assign": _("Assigned the case"),
    "case_transfer": _("Transferred the case"),
    "case_note_add": _("Added a note"),
    "case_followup_add": _("Planned a follow-up"),
    "case_followup_complete": _("Marked a follow-up done"),
    "case_followup_cancel": _("Cancelled a follow-up"),
    "case_status_set": _("Changed the status"),
    "case_resolve": _("Resolved the case"),
    "case_reopen": _("Reopened the case"),
    "case_details_update": _("Corrected the request details"),
    "case_pet_add": _("Added a pet"),
    "case_person_confirm": _("Confirmed the known person of a request"),
    "case_person_unlink": _("Gave a request a person record of its own"),
    "case_refer": _("Added a referral"),
    "referral_status_set": _("Updated a referral"),
    "case_message_send": _("Sent a message to the person"),
    "case_reminder_schedule": _("Scheduled an appointment reminder"),
    "report_match_confirm": _("Confirmed a lost and found match"),
    "report_match_dismiss": _("Dismissed a possible lost and found match"),
    "report_match_alerts_set": _("The reporter turned match alerts on or off"),
    "report_link_issue": _("Sent the reporter a new private link"),
    "board_queue": _("Looked at the board's queue"),
    "report_approve": _("Approved a report for the lost and found board"),
    "report_hide": _("Hid a report from the lost and found board"),
    "report_message_relay": _("A visitor wrote about a report on the board"),
    "person_view": _("Person's page"),
    "person_update": _("Changed contact details"),
    "person_export": _("Exported everything held about the person"),
    "person_merge": _("Merged two records"),
    "cases_anonymize_closed": _("Anonymised closed cases"),
    "queue_search": _("Searched the queue"),
    "queue_export": _("Downloaded the queue"),
    "dashboard_export": _("Downloaded a dashboard table"),
    "page": _("Back-office page"),
    # Staff sign-in's second step (portal.two_factor); the detail names the staff member's id.
    "two_factor_setup": _("Set up two-step verification"),
    "two_factor_recovery_codes": _("Made new recovery codes"),
    "two_factor_recovery_use": _("Used a recovery code"),
    "two_factor_reset": _("Reset a staff member's two-step verification"),
}


def audit_record(
    *,
    actor,
    action: str,
    operation: str,
    case: Case | None = None,
    person: Person | None = None,
    detail: dict | None = None,
    confidential: bool | None = None,
) -> AuditEntry:
    """Append one line to the audit log (never personal data: references and ids only).

    The line is marked confidential when its case is, or when ``confidential`` says so (a person
    with a confidential case)."""
    if operation not in OPERATIONS:
        raise ValueError(f"Name the operation {operation!r} in backoffice.audit.OPERATIONS.")
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        operation=operation,
        case_reference=case.reference if case is not None else "",
        person_id_ref=(person.pk if person is not None else (case.person_id if case else None)),
        confidential=bool(confidential or (case is not None and case.confidential)),
        detail=detail or {},
    )


def access_denied_record(
    *,
    actor,
    operation: str,
    case: Case | None = None,
    person: Person | None = None,
    confidential: bool = False,
    **detail,
) -> AuditEntry:
    """A refusal: the page or record ``actor`` asked for and did not get (a 404 or a 403)."""
    return audit_record(
        actor=actor,
        action=AuditAction.DENIED,
        operation=operation,
        case=case,
        person=person,
        detail=detail or None,
        confidential=confidential,
    )
