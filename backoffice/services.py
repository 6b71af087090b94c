"""Every write to cases goes through these functions (keyword-only, atomic).

``case_open`` is the single door every intake channel uses: the public survey, lost-and-found
reports, and hotline or walk-in intake in the back office.
"""

import datetime
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import permissions
from .models import (
    AuditAction,
    AuditEntry,
    Case,
    CaseNeed,
    CasePet,
    CaseReason,
    FollowUp,
    FollowupReminder,
    Person,
    Pet,
    ReferenceCounter,
    Referral,
    TimelineEntry,
)
from .selectors import user_language
from .vocabulary import (
    CONTACT_NOTE_KINDS,
    OPEN_STATUSES,
    AgeGroup,
    CaseType,
    Channel,
    ContactMethod,
    ContactTime,
    EventKind,
    Need,
    NoteKind,
    Outcome,
    Priority,
    Reason,
    ReferralStatus,
    Sex,
    Size,
    Species,
    Status,
    Urgency,
    YesNoUnknown,
    language_choices,
)

# --- Intake data shared by every channel ----------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class PersonDetails:
    name: str
    preferred_language: str = "en"
    interpreter_needed: bool = False
    phone: str = ""
    email: str = ""
    contact_method: str = ""
    safe_to_leave_message: bool | None = None
    best_time_to_contact: str = ""
    zip_code: str = ""
    household_notes: str = ""


@dataclass(frozen=True, kw_only=True)
class PetDetails:
    species: str
    name: str = ""
    breed: str = ""
    age_group: str = ""
    sex: str = ""
    spayed_neutered: str = ""
    size: str = ""
    microchip: str = ""
    medical_notes: str = ""
    behaviour_notes: str = ""


@dataclass(kw_only=True)
class _Errors:
    errors: dict = field(default_factory=dict)

    def check_choice(self, name, value, choices, *, required=True):
        allowed = {str(code) for code, _label in choices}
        if value in ("", None) and not required:
            return
        if value not in allowed:
            self.errors.setdefault(name, []).append(_("Choose a valid option."))

    def raise_if_any(self):
        if self.errors:
            raise ValidationError(self.errors)


def _digits(phone: str) -> str:
    return re.sub(r"\D", "", phone or "")


def priority_compute(*, urgency: str, at_risk_of_losing_pet: bool, safety_concern: bool) -> int:
    """Safety or an emergency first; then risk of losing the pet within 7 days; then urgency."""
    if safety_concern or urgency == Urgency.EMERGENCY:
        return Priority.URGENT
    if at_risk_of_losing_pet and urgency == Urgency.HIGH:
        return Priority.URGENT
    if at_risk_of_losing_pet or urgency == Urgency.HIGH:
        return Priority.HIGH
    if urgency == Urgency.LOW:
        return Priority.LOW
    return Priority.NORMAL


def _reference_next(*, year: int) -> str:
    ReferenceCounter.objects.get_or_create(year=year)
    counter = ReferenceCounter.objects.select_for_update().get(year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"PS-{year}-{counter.last:06d}"


def _validate_person(details: PersonDetails, errors: _Errors) -> None:
    if not details.name.strip():
        errors.errors.setdefault("name", []).append(_("Enter a name (a first name is enough)."))
    errors.check_choice("preferred_language", details.preferred_language, language_choices())
    errors.check_choice("contact_method", details.contact_method, ContactMethod.choices)
    errors.check_choice("best_time_to_contact", details.best_time_to_contact, ContactTime.choices)


def _validate_pet(details: PetDetails, errors: _Errors, index: int) -> None:
    prefix = f"pets.{index}."
    errors.check_choice(prefix + "species", details.species, Species.choices)
    errors.check_choice(prefix + "age_group", details.age_group, AgeGroup.choices)
    errors.check_choice(prefix + "sex", details.sex, Sex.choices)
    errors.check_choice(prefix + "spayed_neutered", details.spayed_neutered, YesNoUnknown.choices)
    errors.check_choice(prefix + "size", details.size, Size.choices)


def _person_create(details: PersonDetails) -> Person:
    return Person.objects.create(
        name=details.name.strip(),
        preferred_language=details.preferred_language,
        interpreter_needed=details.interpreter_needed,
        phone=details.phone.strip(),
        phone_digits=_digits(details.phone),
        email=details.email.strip().lower(),
        contact_method=details.contact_method,
        safe_to_leave_message=details.safe_to_leave_message,
        best_time_to_contact=details.best_time_to_contact,
        zip_code=details.zip_code.strip(),
        household_notes=details.household_notes,
    )


def _timeline_add(*, case: Case, kind: str, author=None, **fields) -> TimelineEntry:
    return TimelineEntry.objects.create(case=case, kind=kind, author=author, **fields)


def _touch(case: Case) -> None:
    Case.objects.filter(pk=case.pk).update(updated_at=timezone.now())


def audit_record(
    *,
    actor,
    action: str,
    operation: str,
    case: Case | None = None,
    person: Person | None = None,
    detail: dict | None = None,
) -> AuditEntry:
    """Append one line to the audit log (never personal data: references and ids only)."""
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        operation=operation,
        case_reference=case.reference if case is not None else "",
        person_id_ref=(person.pk if person is not None else (case.person_id if case else None)),
        confidential=bool(case is not None and case.confidential),
        detail=detail or {},
    )


def _assignee_check(assignee) -> None:
    if assignee is not None and not permissions.user_can_access(assignee):
        raise ValidationError({"assignee": [_("This person cannot work on cases.")]})


# --- Opening a case -------------------------------------------------------------------------------


@transaction.atomic
def case_open(
    *,
    case_type: str,
    channel: str,
    person: PersonDetails | None = None,
    existing_person: Person | None = None,
    pets: Sequence[PetDetails] = (),
    existing_pets: Sequence[Pet] = (),
    needs: Sequence[str] = (),
    reasons: Sequence[str] = (),
    urgency: str = Urgency.NORMAL,
    at_risk_of_losing_pet: bool = False,
    safety_concern: bool = False,
    confidential: bool = False,
    summary: str = "",
    intake_answers: Mapping | None = None,
    client_token: str | None = None,
    opened_by=None,
    assignee=None,
    opened_at: datetime.datetime | None = None,
) -> Case:
    """Open a case from any intake channel.

    Idempotent on ``client_token``: sending the same token again (a double submit, a retried
    request) returns the case opened the first time and changes nothing.
    A safety concern (for example domestic violence) always makes the case confidential.
    """
    client_token = (client_token or "").strip() or None
    if client_token:
        existing = Case.objects.filter(client_token=client_token).first()
        if existing is not None:
            return existing

    errors = _Errors()
    if (person is None) == (existing_person is None):
        errors.errors.setdefault("person", []).append(_("Tell us who the case is about."))
    if person is not None:
        _validate_person(person, errors)
    errors.check_choice("case_type", case_type, CaseType.choices)
    errors.check_choice("channel", channel, Channel.choices)
    errors.check_choice("urgency", urgency, Urgency.choices)
    for code in needs:
        errors.check_choice("needs", code, Need.choices)
    for code in reasons:
        errors.check_choice("reasons", code, Reason.choices)
    for index, pet in enumerate(pets):
        _validate_pet(pet, errors, index)
    if existing_person is not None and any(p.owner_id != existing_person.pk for p in existing_pets):
        errors.errors.setdefault("pets", []).append(_("These pets belong to someone else."))
    errors.raise_if_any()
    _assignee_check(assignee)

    safety_concern = safety_concern or Reason.SAFETY in reasons
    opened_at = opened_at or timezone.now()
    try:
        with transaction.atomic():
            owner = existing_person or _person_create(person)
            case = Case.objects.create(
                reference=_reference_next(year=timezone.localtime(opened_at).year),
                client_token=client_token,
                person=owner,
                case_type=case_type,
                channel=channel,
                language=owner.preferred_language,
                summary=summary,
                intake_answers=dict(intake_answers or {}),
                urgency=urgency,
                at_risk_of_losing_pet=at_risk_of_losing_pet,
                safety_concern=safety_concern,
                confidential=confidential or safety_concern,
                priority=priority_compute(
                    urgency=urgency,
                    at_risk_of_losing_pet=at_risk_of_losing_pet,
                    safety_concern=safety_concern,
                ),
                assignee=assignee,
                opened_at=opened_at,
                opened_by=opened_by,
            )
    except IntegrityError:
        if client_token and (existing := Case.objects.filter(client_token=client_token).first()):
            return existing
        raise

    new_pets = [
        Pet(
            owner=case.person,
            **{k: v.strip() if isinstance(v, str) else v for k, v in vars(p).items()},
        )
        for p in pets
    ]
    Pet.objects.bulk_create(new_pets)
    CasePet.objects.bulk_create(
        [CasePet(case=case, pet=pet) for pet in [*existing_pets, *new_pets]]
    )
    CaseNeed.objects.bulk_create([CaseNeed(case=case, code=code) for code in dict.fromkeys(needs)])
    CaseReason.objects.bulk_create(
        [CaseReason(case=case, code=code) for code in dict.fromkeys(reasons)]
    )
    _timeline_add(
        case=case,
        kind=EventKind.OPENED,
        author=opened_by,
        subject_user=assignee,
        data={"channel": channel},
        created_at=opened_at,
    )
    audit_record(actor=opened_by, action=AuditAction.CREATE, operation="case_open", case=case)
    return case


# --- Working a case -------------------------------------------------------------------------------


@transaction.atomic
def case_assign(*, case: Case, assignee, actor) -> Case:
    """Supervisors assign anyone; a case manager takes an unassigned case for themselves."""
    if not permissions.user_can_assign(actor, case, assignee):
        raise PermissionDenied
    _assignee_check(assignee)
    if case.assignee_id == assignee.pk:
        return case
    previous = case.assignee_id
    case.assignee = assignee
    case.save(update_fields=["assignee", "updated_at"])
    _timeline_add(
        case=case,
        kind=EventKind.ASSIGNED,
        author=actor,
        subject_user=assignee,
        data={"from": previous, "to": assignee.pk},
    )
    audit_record(actor=actor, action=AuditAction.CHANGE, operation="case_assign", case=case)
    return case


@transaction.atomic
def case_transfer(*, case: Case, assignee, actor, reason: str) -> Case:
    """Hand the case to another case manager, saying why (kept in the timeline)."""
    if not permissions.user_can_transfer(actor, case):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError({"reason": [_("Say why the case is being transferred.")]})
    _assignee_check(assignee)
    if case.assignee_id == assignee.pk:
        raise ValidationError({"assignee": [_("The case is already with this person.")]})
    previous = case.assignee_id
    case.assignee = assignee
    case.save(update_fields=["assignee", "updated_at"])
    _timeline_add(
        case=case,
        kind=EventKind.TRANSFERRED,
        author=actor,
        subject_user=assignee,
        body=reason.strip(),
        data={"from": previous, "to": assignee.pk},
    )
    audit_record(actor=actor, action=AuditAction.CHANGE, operation="case_transfer", case=case)
    return case


def _work_check(actor, case: Case) -> None:
    if not permissions.user_can_work_case(actor, case):
        raise PermissionDenied


@transaction.atomic
def case_note_add(*, case: Case, actor, kind: str, body: str) -> TimelineEntry:
    _work_check(actor, case)
    errors = _Errors()
    errors.check_choice("kind", kind, NoteKind.choices)
    if not body.strip():
        errors.errors.setdefault("body", []).append(_("Write the note."))
    errors.raise_if_any()
    entry = _timeline_add(
        case=case, kind=EventKind.NOTE, author=actor, note_kind=kind, body=body.strip()
    )
    if kind in CONTACT_NOTE_KINDS and case.first_contact_at is None:
        case.first_contact_at = entry.created_at
        case.save(update_fields=["first_contact_at", "updated_at"])
    else:
        _touch(case)
    audit_record(actor=actor, action=AuditAction.CHANGE, operation="case_note_add", case=case)
    return entry


@transaction.atomic
def case_followup_add(
    *, case: Case, actor, due_on: datetime.date, assignee=None, note: str = ""
) -> FollowUp:
    _work_check(actor, case)
    assignee = assignee or case.assignee or actor
    _assignee_check(assignee)
    followup = FollowUp.objects.create(
        case=case, due_on=due_on, assignee=assignee, note=note.strip(), created_by=actor
    )
    _timeline_add(
        case=case,
        kind=EventKind.FOLLOWUP,
        author=actor,
        subject_user=assignee,
        followup=followup,
        body=followup.note,
        data={"due_on": due_on.isoformat()},
    )
    _touch(case)
    audit_record(actor=actor, action=AuditAction.CHANGE, operation="case_followup_add", case=case)
    return followup


@transaction.atomic
def case_followup_complete(*, followup: FollowUp, actor, note: str = "") -> FollowUp:
    case = followup.case
    _work_check(actor, case)
    if followup.done_at is not None:
        return followup
    followup.done_at = timezone.now()
    followup.done_by = actor
    followup.save(update_fields=["done_at", "done_by"])
    _timeline_add(
        case=case,
        kind=EventKind.FOLLOWUP_DONE,
        author=actor,
        followup=followup,
        body=note.strip(),
        data={"due_on": followup.due_on.isoformat()},
    )
    _touch(case)
    audit_record(
        actor=actor, action=AuditAction.CHANGE, operation="case_followup_complete", case=case
    )
    return followup


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
    _work_check(actor, case)
    errors = _Errors()
    if resource is None and not partner_name.strip():
        errors.errors.setdefault("resource", []).append(
            _("Choose a resource from the directory or type the partner's name.")
        )
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
    _timeline_add(
        case=case,
        kind=EventKind.REFERRAL,
        author=actor,
        referral=referral,
        body=referral.note,
        data={"status": status},
    )
    _touch(case)
    audit_record(actor=actor, action=AuditAction.CHANGE, operation="case_refer", case=case)
    return referral


@transaction.atomic
def referral_status_set(*, referral: Referral, actor, status: str, note: str = "") -> Referral:
    case = referral.case
    _work_check(actor, case)
    errors = _Errors()
    errors.check_choice("status", status, ReferralStatus.choices)
    errors.raise_if_any()
    if referral.status == status and not note.strip():
        return referral
    previous = referral.status
    referral.status = status
    referral.save(update_fields=["status", "updated_at"])
    _timeline_add(
        case=case,
        kind=EventKind.REFERRAL_STATUS,
        author=actor,
        referral=referral,
        body=note.strip(),
        data={"from": previous, "to": status},
    )
    _touch(case)
    audit_record(actor=actor, action=AuditAction.CHANGE, operation="referral_status_set", case=case)
    return referral


# Moves allowed by case_status_set. Resolving needs an outcome (case_resolve); leaving "resolved"
# or "closed" is a reopen (case_reopen).
STATUS_TRANSITIONS = {
    Status.NEW: {Status.IN_PROGRESS, Status.WAITING},
    Status.IN_PROGRESS: {Status.WAITING},
    Status.WAITING: {Status.IN_PROGRESS},
    Status.RESOLVED: {Status.CLOSED},
    Status.CLOSED: set(),
}


@transaction.atomic
def case_status_set(*, case: Case, actor, status: str, note: str = "") -> Case:
    _work_check(actor, case)
    if status == case.status:
        return case
    if status == Status.RESOLVED:
        raise ValidationError({"status": [_("Record an outcome to resolve the case.")]})
    if status not in STATUS_TRANSITIONS.get(case.status, set()):
        raise ValidationError({"status": [_("The case cannot move to this status from here.")]})
    if status == Status.CLOSED and not permissions.user_is_supervisor(actor):
        raise PermissionDenied
    previous = case.status
    case.status = status
    if status == Status.CLOSED:
        case.closed_at = timezone.now()
    case.save(update_fields=["status", "closed_at", "updated_at"])
    _timeline_add(
        case=case,
        kind=EventKind.STATUS,
        author=actor,
        body=note.strip(),
        data={"from": previous, "to": status},
    )
    audit_record(actor=actor, action=AuditAction.CHANGE, operation="case_status_set", case=case)
    return case


@transaction.atomic
def case_resolve(
    *,
    case: Case,
    actor,
    outcome: str,
    outcome_notes: str = "",
    pet_outcomes: Mapping[int, tuple[str, str]] | None = None,
) -> Case:
    """Resolve an open case. The outcome is required; each pet may have its own."""
    _work_check(actor, case)
    if case.status not in OPEN_STATUSES:
        raise ValidationError({"status": [_("Only an open case can be resolved.")]})
    errors = _Errors()
    if not outcome:
        errors.errors.setdefault("outcome", []).append(_("Choose the outcome."))
    else:
        errors.check_choice("outcome", outcome, Outcome.choices)
    pet_outcomes = dict(pet_outcomes or {})
    for pet_id, (pet_outcome, _detail) in pet_outcomes.items():
        errors.check_choice(f"pet_{pet_id}", pet_outcome, Outcome.choices, required=False)
    errors.raise_if_any()

    previous = case.status
    now = timezone.now()
    case.status = Status.RESOLVED
    case.outcome = outcome
    case.outcome_notes = outcome_notes.strip()
    case.resolved_at = now
    case.save(update_fields=["status", "outcome", "outcome_notes", "resolved_at", "updated_at"])
    per_pet = {}
    case_pets = list(case.case_pets.all())
    for case_pet in case_pets:
        pet_outcome, detail = pet_outcomes.get(case_pet.pet_id, ("", ""))
        case_pet.outcome = pet_outcome or outcome
        case_pet.outcome_detail = (detail or "").strip()
        per_pet[str(case_pet.pet_id)] = case_pet.outcome
    CasePet.objects.bulk_update(case_pets, ["outcome", "outcome_detail"])
    _timeline_add(
        case=case,
        kind=EventKind.RESOLVED,
        author=actor,
        body=case.outcome_notes,
        data={"from": previous, "outcome": outcome, "pets": per_pet},
        created_at=now,
    )
    audit_record(actor=actor, action=AuditAction.CHANGE, operation="case_resolve", case=case)
    return case


@transaction.atomic
def case_reopen(*, case: Case, actor, reason: str) -> Case:
    """Reopen a resolved or closed case. Its history, including the earlier outcome, stays."""
    _work_check(actor, case)
    if case.status not in (Status.RESOLVED, Status.CLOSED):
        raise ValidationError({"status": [_("Only a resolved or closed case can be reopened.")]})
    if not reason.strip():
        raise ValidationError({"reason": [_("Say why the case is being reopened.")]})
    previous_status, previous_outcome = case.status, case.outcome
    case.status = Status.IN_PROGRESS
    case.outcome = ""
    case.resolved_at = None
    case.closed_at = None
    case.save(update_fields=["status", "outcome", "resolved_at", "closed_at", "updated_at"])
    case.case_pets.update(outcome="")
    _timeline_add(
        case=case,
        kind=EventKind.REOPENED,
        author=actor,
        body=reason.strip(),
        data={"from": previous_status, "previous_outcome": previous_outcome},
    )
    audit_record(actor=actor, action=AuditAction.CHANGE, operation="case_reopen", case=case)
    return case


@transaction.atomic
def case_pet_add(*, case: Case, actor, pet: PetDetails) -> Pet:
    _work_check(actor, case)
    errors = _Errors()
    _validate_pet(pet, errors, 0)
    errors.raise_if_any()
    new_pet = Pet.objects.create(owner=case.person, **vars(pet))
    CasePet.objects.create(case=case, pet=new_pet)
    _timeline_add(case=case, kind=EventKind.PET_ADDED, author=actor, data={"pet": new_pet.pk})
    audit_record(actor=actor, action=AuditAction.CHANGE, operation="case_pet_add", case=case)
    return new_pet


# --- People ---------------------------------------------------------------------------------------


PERSON_FILL_FIELDS = (
    "phone",
    "email",
    "contact_method",
    "best_time_to_contact",
    "zip_code",
    "household_notes",
)


@transaction.atomic
def person_merge(*, source: Person, target: Person, actor) -> Person:
    """Fold a duplicate record into another: cases and pets move, blanks are filled in."""
    if not permissions.user_is_supervisor(actor):
        raise PermissionDenied
    if source.pk == target.pk:
        raise ValidationError({"target": [_("Choose a different record.")]})
    if source.merged_into_id or target.merged_into_id:
        raise ValidationError({"target": [_("This record was already merged.")]})
    moved = list(source.cases.all())
    source.cases.update(person=target)
    source.pets.update(owner=target)
    changed = []
    for name in PERSON_FILL_FIELDS:
        if not getattr(target, name) and getattr(source, name):
            setattr(target, name, getattr(source, name))
            changed.append(name)
    if target.safe_to_leave_message is None and source.safe_to_leave_message is not None:
        target.safe_to_leave_message = source.safe_to_leave_message
        changed.append("safe_to_leave_message")
    if source.interpreter_needed and not target.interpreter_needed:
        target.interpreter_needed = True
        changed.append("interpreter_needed")
    if "phone" in changed:
        target.phone_digits = _digits(target.phone)
        changed.append("phone_digits")
    target.save()
    _person_strip(source)
    source.merged_into = target
    source.save(update_fields=["merged_into"])
    TimelineEntry.objects.bulk_create(
        [
            TimelineEntry(
                case=case,
                kind=EventKind.MERGED,
                author=actor,
                data={"from_person": source.pk, "to_person": target.pk},
            )
            for case in moved
        ]
    )
    audit_record(
        actor=actor,
        action=AuditAction.MERGE,
        operation="person_merge",
        person=target,
        detail={"from_person": source.pk, "cases": [c.reference for c in moved]},
    )
    return target


def _person_strip(person: Person) -> None:
    Person.objects.filter(pk=person.pk).update(
        name="",
        phone="",
        phone_digits="",
        email="",
        zip_code="",
        household_notes="",
        anonymized_at=timezone.now(),
    )


# --- Data protection ------------------------------------------------------------------------------


@transaction.atomic
def cases_anonymize_closed(
    *, older_than: datetime.timedelta, now: datetime.datetime | None = None, actor=None
) -> tuple[int, int]:
    """Strip personal data from cases closed before the cut-off; keep what metrics count.

    Kept: type, channel, language, needs, reasons, urgency, priority, status, dates, outcomes,
    species and the shape of the timeline. Removed: names, contact details, free-text notes.
    A person is stripped once none of their cases is still open or recent.
    Returns (cases, people) anonymised.
    """
    now = now or timezone.now()
    cutoff = now - older_than
    cases = Case.objects.filter(
        status=Status.CLOSED, closed_at__lt=cutoff, anonymized_at__isnull=True
    )
    case_ids = list(cases.values_list("pk", flat=True))
    if not case_ids:
        return 0, 0
    person_ids = set(
        Case.objects.filter(pk__in=case_ids).values_list("person_id", flat=True).distinct()
    )
    references = list(Case.objects.filter(pk__in=case_ids).values_list("reference", flat=True))
    for start in range(0, len(case_ids), 500):
        chunk = case_ids[start : start + 500]
        Case.objects.filter(pk__in=chunk).update(
            summary="", intake_answers={}, outcome_notes="", anonymized_at=now
        )
        TimelineEntry.objects.filter(case_id__in=chunk).update(body="")
        Referral.objects.filter(case_id__in=chunk).update(note="")
        FollowUp.objects.filter(case_id__in=chunk).update(note="")
        CasePet.objects.filter(case_id__in=chunk).update(outcome_detail="")
    # People whose every case is now anonymised.
    keep = set(
        Case.objects.filter(person_id__in=person_ids, anonymized_at__isnull=True).values_list(
            "person_id", flat=True
        )
    )
    strip_ids = sorted(person_ids - keep)
    for start in range(0, len(strip_ids), 500):
        chunk = strip_ids[start : start + 500]
        Person.objects.filter(pk__in=chunk).update(
            name="",
            phone="",
            phone_digits="",
            email="",
            zip_code="",
            household_notes="",
            anonymized_at=now,
        )
        Pet.objects.filter(owner_id__in=chunk).update(
            name="", breed="", microchip="", medical_notes="", behaviour_notes=""
        )
    AuditEntry.objects.bulk_create(
        [
            AuditEntry(
                actor=actor,
                action=AuditAction.ANONYMIZE,
                operation="cases_anonymize_closed",
                case_reference=reference,
                created_at=now,
            )
            for reference in references
        ]
    )
    return len(case_ids), len(strip_ids)


# --- Reminders ------------------------------------------------------------------------------------


def followup_reminders_send(*, today: datetime.date | None = None) -> int:
    """Email each assignee their due and overdue follow-ups, at most once a day.

    The email lists case references and dates, never a person's name or a confidential case's
    note, so it is safe on a shared screen. Returns the number of emails sent.
    """
    today = today or timezone.localdate()
    pending = (
        FollowUp.objects.filter(
            done_at__isnull=True,
            due_on__lte=today,
            assignee__isnull=False,
            assignee__is_active=True,
            case__anonymized_at__isnull=True,
        )
        .exclude(assignee__email="")
        .select_related("case", "assignee")
        .order_by("due_on", "id")
    )
    by_user = defaultdict(list)
    for followup in pending:
        by_user[followup.assignee].append(followup)
    base_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    sent = 0
    for user, followups in sorted(by_user.items(), key=lambda item: item[0].pk):
        with transaction.atomic():
            _reminder, created = FollowupReminder.objects.get_or_create(
                user=user, sent_on=today, defaults={"followup_count": len(followups)}
            )
            if not created:
                continue
            with translation.override(user_language(user)):
                context = {
                    "user": user,
                    "today": today,
                    "followups": followups,
                    "overdue_count": sum(1 for f in followups if f.due_on < today),
                    "base_url": base_url,
                    "followups_url": base_url + reverse("backoffice:followups"),
                }
                subject = render_to_string(
                    "backoffice/email/followup_reminder_subject.txt", context
                ).strip()
                text = render_to_string("backoffice/email/followup_reminder.txt", context)
                html = render_to_string("backoffice/email/followup_reminder.html", context)
            message = EmailMultiAlternatives(subject, text, to=[user.email])
            message.attach_alternative(html, "text/html")
            message.send()
            sent += 1
    return sent


@transaction.atomic
def case_details_update(
    *,
    case: Case,
    actor,
    case_type: str,
    needs: Sequence[str],
    reasons: Sequence[str],
    urgency: str,
    at_risk_of_losing_pet: bool,
    safety_concern: bool,
    confidential: bool,
) -> Case:
    """Correct what the case is about. Lifting confidentiality is for supervisors only."""
    _work_check(actor, case)
    errors = _Errors()
    errors.check_choice("case_type", case_type, CaseType.choices)
    errors.check_choice("urgency", urgency, Urgency.choices)
    for code in needs:
        errors.check_choice("needs", code, Need.choices)
    for code in reasons:
        errors.check_choice("reasons", code, Reason.choices)
    errors.raise_if_any()
    safety_concern = safety_concern or Reason.SAFETY in reasons
    confidential = confidential or safety_concern
    if case.confidential and not confidential and not permissions.user_is_supervisor(actor):
        raise ValidationError(
            {"confidential": [_("Only a supervisor can make a confidential case visible to all.")]}
        )
    before = {
        "case_type": case.case_type,
        "urgency": case.urgency,
        "at_risk_of_losing_pet": case.at_risk_of_losing_pet,
        "safety_concern": case.safety_concern,
        "confidential": case.confidential,
        "needs": sorted(case.needs.values_list("code", flat=True)),
        "reasons": sorted(case.reasons.values_list("code", flat=True)),
    }
    case.case_type = case_type
    case.urgency = urgency
    case.at_risk_of_losing_pet = at_risk_of_losing_pet
    case.safety_concern = safety_concern
    case.confidential = confidential
    case.priority = priority_compute(
        urgency=urgency, at_risk_of_losing_pet=at_risk_of_losing_pet, safety_concern=safety_concern
    )
    case.save()
    case.needs.exclude(code__in=needs).delete()
    CaseNeed.objects.bulk_create(
        [CaseNeed(case=case, code=c) for c in dict.fromkeys(needs) if c not in before["needs"]]
    )
    case.reasons.exclude(code__in=reasons).delete()
    CaseReason.objects.bulk_create(
        [
            CaseReason(case=case, code=c)
            for c in dict.fromkeys(reasons)
            if c not in before["reasons"]
        ]
    )
    after = {
        "case_type": case_type,
        "urgency": urgency,
        "at_risk_of_losing_pet": at_risk_of_losing_pet,
        "safety_concern": safety_concern,
        "confidential": confidential,
        "needs": sorted(set(needs)),
        "reasons": sorted(set(reasons)),
    }
    changed = sorted(k for k in after if after[k] != before[k])
    audit_record(
        actor=actor,
        action=AuditAction.CHANGE,
        operation="case_details_update",
        case=case,
        detail={"fields": changed},
    )
    return case


@transaction.atomic
def person_update(*, person: Person, actor, details: PersonDetails) -> Person:
    errors = _Errors()
    _validate_person(details, errors)
    errors.raise_if_any()
    for name, value in vars(details).items():
        setattr(
            person,
            name,
            value.strip() if isinstance(value, str) and name != "household_notes" else value,
        )
    person.email = person.email.lower()
    person.phone_digits = _digits(person.phone)
    person.save()
    audit_record(actor=actor, action=AuditAction.CHANGE, operation="person_update", person=person)
    return person
