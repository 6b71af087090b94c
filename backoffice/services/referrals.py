"""Referrals: connecting the person to a directory resource or a partner, and how it went."""

from django.db import transaction
from django.utils.translation import gettext as _

from ..audit import audit_record
from ..models import AuditAction, Case, Referral
from ..vocabulary import EventKind, ReferralStatus
from .timeline import case_touch, timeline_add
from .validation import Errors, work_check


@transaction.atomic
def case_refer(
    *,
    case: Case,
    actor,
    resource=None,
    partner_name: str = "",
    status: str = ReferralStatus.SUGGESTED,
    note: str = "",
) -> Referral:
    """Connect the person to a directory resource, or to a partner that is not listed."""
    work_check(actor, case)
    errors = Errors()
    if resource is None and not partner_name.strip():
        errors.add(
            "resource", _("Choose a resource from the directory or type the partner's name.")
        )
    elif resource is not None and not resource.is_public:
        errors.add("resource", _("That resource is no longer active in the directory."))
    errors.check_choice("status", status, ReferralStatus.choices)
    errors.raise_if_any()
    referral = Referral.objects.create(
        case=case,
        resource=resource,
        partner_name="" if resource is not None else partner_name.strip(),
        status=status,
        note=note.strip(),
        created_by=actor,
    )
    timeline_add(
        case=case,
        kind=EventKind.REFERRAL,
        author=actor,
        referral=referral,
        body=referral.note,
        data={"status": status},
    )
    case_touch(case)
    audit_record(actor=actor, action=AuditAction.CHANGE, operation="case_refer", case=case)
    return referral


@transaction.atomic
def referral_status_set(*, referral: Referral, actor, status: str, note: str = "") -> Referral:
    case = referral.case
    work_check(actor, case)
    errors = Errors()
    errors.check_choice("status", status, ReferralStatus.choices)
    errors.raise_if_any()
    if referral.status == status and not note.strip():
        return referral
    previous = referral.status
    referral.status = status
    referral.save(update_fields=["status", "updated_at"])
    timeline_add(
        case=case,
        kind=EventKind.REFERRAL_STATUS,
        author=actor,
        referral=referral,
        body=note.strip(),
        data={"from": previous, "to": status},
    )
    case_touch(case)
    audit_record(actor=actor, action=AuditAction.CHANGE, operation="referral_status_set", case=case)
    return referral
