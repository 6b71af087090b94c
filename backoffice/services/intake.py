"""Opening a case, and correcting what it is about: the single door of every intake channel.

``case_open`` is used by the public survey, lost-and-found reports, and hotline or walk-in intake in
the back office. They fill in the same fields (``backoffice.intake``) and are checked here the same
way, so a case reads the same whichever door the person came in by.
"""

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.digits import digits_ascii, microchip_compact, phone_digits

from .. import permissions
from ..audit import audit_record
from ..models import AuditAction, Case, CaseNeed, CasePet, CaseReason, Person, Pet, ReferenceCounter
from ..vocabulary import (
    AgeGroup,
    CaseType,
    Channel,
    ContactMethod,
    ContactTime,
    EventKind,
    Need,
    Priority,
    Reason,
    Sex,
    Size,
    Species,
    Urgency,
    YesNoUnknown,
    language_choices,
)
from .followups import followups_move
from .timeline import timeline_add
from .validation import Errors, assignee_check, work_check


@dataclass(frozen=True, kw_only=True)
class PersonDetails:
    name: str
    preferred_language: str = "en"
    interpreter_needed: bool = False
    phone: str = ""
    email: str = ""
    contact_method: str = ""
    safe_to_leave_message: bool | None = None
    message_consent: bool | None = None
    safe_to_text: bool = False
    safe_to_email: bool = False
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


def person_validate(details: PersonDetails, errors: Errors) -> None:
    if not details.name.strip():
        errors.add("name", _("Enter a name (a first name is enough)."))
    errors.check_choice("preferred_language", details.preferred_language, language_choices())
    errors.check_choice("contact_method", details.contact_method, ContactMethod.choices)
    errors.check_choice("best_time_to_contact", details.best_time_to_contact, ContactTime.choices)


def pet_validate(details: PetDetails, errors: Errors, index: int) -> None:
    prefix = f"pets.{index}."
    errors.check_choice(prefix + "species", details.species, Species.choices)
    errors.check_choice(prefix + "age_group", details.age_group, AgeGroup.choices)
    errors.check_choice(prefix + "sex", details.sex, Sex.choices)
    errors.check_choice(prefix + "spayed_neutered", details.spayed_neutered, YesNoUnknown.choices)
    errors.check_choice(prefix + "size", details.size, Size.choices)


def _case_details_validate(
    errors: Errors, *, case_type: str, urgency: str, needs: Sequence[str], reasons: Sequence[str]
) -> None:
    """The intake fields' codes, checked the same way at opening and when corrected."""
    errors.check_choice("case_type", case_type, CaseType.choices)
    errors.check_choice("urgency", urgency, Urgency.choices)
    for code in needs:
        errors.check_choice("needs", code, Need.choices)
    for code in reasons:
        errors.check_choice("reasons", code, Reason.choices)


def _safety_apply(
    *, reasons: Sequence[str], safety_concern: bool, confidential: bool
) -> tuple[bool, bool]:
    """A safety reason is a safety concern, and a safety concern makes the case confidential.

    Returns (safety_concern, confidential).
    """
    safety_concern = safety_concern or Reason.SAFETY in reasons
    return safety_concern, confidential or safety_concern


def case_opens_confidential(
    *, reasons: Sequence[str], safety_concern: bool, confidential: bool
) -> bool:
    """Whether ``case_open`` with these answers opens a confidential case (``_safety_apply``),
    for a caller that must know before it opens it (which person record it may be linked to)."""
    return _safety_apply(reasons=reasons, safety_concern=safety_concern, confidential=confidential)[
        1
    ]


def _confidential_keeper(*, confidential: bool, assignee, actor):
    """Who a case is assigned to: a confidential case that a case manager opens (or makes
    confidential) with nobody assigned is hers, or she could no longer see it (only supervisors
    and the assignee see a confidential case). Otherwise ``assignee``, unchanged."""
    if (
        confidential
        and assignee is None
        and actor is not None
        and permissions.user_can_access(actor)
        and not permissions.user_is_supervisor(actor)
    ):
        return actor
    return assignee


def _case_of_token(client_token: str, *, opened_by) -> Case | None:
    """The case this caller opened with this token (a double submit or a retried request).

    Scoped to the caller: a token copied from someone else's form finds nothing, so it can
    neither show the other case's reference nor return it instead of the intake just typed.
    """
    return Case.objects.filter(client_token=client_token, opened_by=opened_by).first()


def _person_create(details: PersonDetails) -> Person:
    return Person.objects.create(
        name=details.name.strip(),
        preferred_language=details.preferred_language,
        interpreter_needed=details.interpreter_needed,
        phone=digits_ascii(details.phone).strip(),
        phone_digits=phone_digits(details.phone),
        email=details.email.strip().lower(),
        contact_method=details.contact_method,
        safe_to_leave_message=details.safe_to_leave_message,
        message_consent=details.message_consent,
        safe_to_text=details.safe_to_text,
        safe_to_email=details.safe_to_email,
        best_time_to_contact=details.best_time_to_contact,
        zip_code=digits_ascii(details.zip_code).strip(),
        household_notes=details.household_notes,
    )


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
    language: str = "",
    client_token: str | None = None,
    opened_by=None,
    assignee=None,
    opened_at: datetime.datetime | None = None,
) -> Case:
    """Open a case from any intake channel.

    Idempotent on ``client_token``: sending the same token again (a double submit, a retried
    request) returns the case opened the first time and changes nothing.
    A safety concern (for example domestic violence) always makes the case confidential.
    ``language`` is the language the case is worked in (by default the person's preferred one;
    an intake linked to a known person says what they chose this time).
    """
    client_token = (client_token or "").strip() or None
    if client_token:
        existing = _case_of_token(client_token, opened_by=opened_by)
        if existing is not None:
            return existing
        if Case.objects.filter(client_token=client_token).exists():
            # Someone else's case has this token (a tampered or copied form): open this one
            # without it, rather than show them that case or lose what was typed.
            client_token = None

    errors = Errors()
    if (person is None) == (existing_person is None):
        errors.add("person", _("Tell us who the case is about."))
    if person is not None:
        person_validate(person, errors)
    errors.check_choice("channel", channel, Channel.choices)
    errors.check_choice("language", language, language_choices(), required=False)
    _case_details_validate(
        errors, case_type=case_type, urgency=urgency, needs=needs, reasons=reasons
    )
    for index, pet in enumerate(pets):
        pet_validate(pet, errors, index)
    if existing_person is not None and any(p.owner_id != existing_person.pk for p in existing_pets):
        errors.add("pets", _("These pets belong to someone else."))
    errors.raise_if_any()
    assignee_check(assignee)

    safety_concern, confidential = _safety_apply(
        reasons=reasons, safety_concern=safety_concern, confidential=confidential
    )
    assignee = _confidential_keeper(confidential=confidential, assignee=assignee, actor=opened_by)
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
                language=language or owner.preferred_language,
                summary=summary,
                intake_answers=dict(intake_answers or {}),
                urgency=urgency,
                at_risk_of_losing_pet=at_risk_of_losing_pet,
                safety_concern=safety_concern,
                confidential=confidential,
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
        if client_token and (existing := _case_of_token(client_token, opened_by=opened_by)):
            return existing
        raise

    new_pets = [
        Pet(
            owner=case.person,
            **{k: v.strip() if isinstance(v, str) else v for k, v in vars(p).items()},
        )
        for p in pets
    ]
    for pet in new_pets:  # bulk_create skips Pet.save, which keeps one spelling of a chip
        pet.microchip = microchip_compact(pet.microchip)
    Pet.objects.bulk_create(new_pets)
    CasePet.objects.bulk_create(
        [CasePet(case=case, pet=pet) for pet in [*existing_pets, *new_pets]]
    )
    CaseNeed.objects.bulk_create([CaseNeed(case=case, code=code) for code in dict.fromkeys(needs)])
    CaseReason.objects.bulk_create(
        [CaseReason(case=case, code=code) for code in dict.fromkeys(reasons)]
    )
    timeline_add(
        case=case,
        kind=EventKind.OPENED,
        author=opened_by,
        subject_user=assignee,
        data={"channel": channel},
        created_at=opened_at,
    )
    audit_record(actor=opened_by, action=AuditAction.CREATE, operation="case_open", case=case)
    return case


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
    work_check(actor, case)
    errors = Errors()
    _case_details_validate(
        errors, case_type=case_type, urgency=urgency, needs=needs, reasons=reasons
    )
    errors.raise_if_any()
    safety_concern, confidential = _safety_apply(
        reasons=reasons, safety_concern=safety_concern, confidential=confidential
    )
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
    keeper = _confidential_keeper(confidential=confidential, assignee=case.assignee, actor=actor)
    kept = keeper != case.assignee
    if kept:
        case.assignee = keeper
        timeline_add(
            case=case,
            kind=EventKind.ASSIGNED,
            author=actor,
            subject_user=keeper,
            data={"from": None, "to": keeper.pk},
        )
    case.case_type = case_type
    case.urgency = urgency
    case.at_risk_of_losing_pet = at_risk_of_losing_pet
    case.safety_concern = safety_concern
    case.confidential = confidential
    case.priority = priority_compute(
        urgency=urgency, at_risk_of_losing_pet=at_risk_of_losing_pet, safety_concern=safety_concern
    )
    case.save()
    if kept or (confidential and not before["confidential"]):
        # Made confidential: follow-ups go to whoever may still see the case.
        followups_move(case=case, previous_assignee_id=None)
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
    changed = sorted([k for k in after if after[k] != before[k]] + (["assignee"] if kept else []))
    audit_record(
        actor=actor,
        action=AuditAction.CHANGE,
        operation="case_details_update",
        case=case,
        detail={"fields": changed},
    )
    return case


# --- A request linked to a known person: staff confirm the link, or undo it ----------------------

MATCH_KEY = "person_match"  # in ``Case.intake_answers``, written by the survey's submit


def _match_of(case: Case) -> dict:
    """The case's link to a known person; a ValidationError when it has none."""
    match = (case.intake_answers or {}).get(MATCH_KEY)
    if not isinstance(match, dict):
        raise ValidationError(_("This request was not linked to anyone already known."))
    return match


@transaction.atomic
def case_person_confirm(*, case: Case, actor) -> Case:
    """Staff have checked that the person already known is the one who made this request: the
    link stays, and the case says it was checked. A second click changes nothing."""
    work_check(actor, case)
    match = _match_of(case)
    if match.get("unlinked"):
        raise ValidationError(_("This request was already given a record of its own."))
    if match.get("confirmed"):
        return case
    case.intake_answers = {**case.intake_answers, MATCH_KEY: {**match, "confirmed": True}}
    case.save(update_fields=["intake_answers", "updated_at"])
    timeline_add(
        case=case, kind=EventKind.PERSON_CONFIRMED, author=actor, data={"person": case.person_id}
    )
    audit_record(actor=actor, action=AuditAction.CHANGE, operation="case_person_confirm", case=case)
    return case


@transaction.atomic
def case_person_unlink(*, case: Case, actor) -> Person:
    """The person already known is not the one who made this request: a new person record is made
    from what they typed, and the case moves to it with the pets given with it (those on no other
    case; a pet of the known person's other cases stays theirs). Returns the new record; a second
    click makes no other and returns the same. A link confirmed by mistake can still be undone."""
    work_check(actor, case)
    match = _match_of(case)
    if match.get("unlinked"):
        return case.person
    typed = match.get("contact_as_typed")
    typed = typed if isinstance(typed, dict) else {}
    fields = PersonDetails.__dataclass_fields__
    details = PersonDetails(**{"name": "", **{k: v for k, v in typed.items() if k in fields}})
    errors = Errors()
    person_validate(details, errors)
    if errors.errors:  # stored answers that no longer pass: never a half-made record
        raise ValidationError(
            _("What was typed with this request is not enough to make a record of its own.")
        )
    known = case.person
    person = _person_create(details)
    on_case = CasePet.objects.filter(case=case).values("pet_id")
    elsewhere = CasePet.objects.filter(pet_id__in=on_case).exclude(case=case).values("pet_id")
    moved_pets = list(
        Pet.objects.filter(pk__in=on_case, owner=known)
        .exclude(pk__in=elsewhere)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    Pet.objects.filter(pk__in=moved_pets).update(owner=person)
    case.person = person
    case.intake_answers = {
        **case.intake_answers,
        MATCH_KEY: {**match, "confirmed": False, "unlinked": True, "new_person": person.pk},
    }
    case.save(update_fields=["person", "intake_answers", "updated_at"])
    timeline_add(
        case=case,
        kind=EventKind.PERSON_UNLINKED,
        author=actor,
        data={"from_person": known.pk, "to_person": person.pk, "pets": moved_pets},
    )
    audit_record(
        actor=actor,
        action=AuditAction.CHANGE,
        operation="case_person_unlink",
        case=case,
        detail={"from_person": known.pk, "to_person": person.pk},
    )
    return person
