"""People: correcting a person's contact details, and folding a duplicate record into another."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.digits import digits_ascii, phone_digits

from .. import permissions
from ..audit import audit_record
from ..models import AuditAction, Person, TimelineEntry
from ..vocabulary import EventKind
from .data_protection import people_strip
from .intake import PersonDetails, person_validate
from .validation import Errors

# Filled in from a merged duplicate when the kept record has them blank.
PERSON_FILL_FIELDS = (
    "phone",
    "email",
    "contact_method",
    "best_time_to_contact",
    "zip_code",
    "household_notes",
)


@transaction.atomic
def person_update(*, person: Person, actor, details: PersonDetails) -> Person:
    errors = Errors()
    person_validate(details, errors)
    errors.raise_if_any()
    for name, value in vars(details).items():
        setattr(
            person,
            name,
            value.strip() if isinstance(value, str) and name != "household_notes" else value,
        )
    person.email = person.email.lower()
    person.phone, person.zip_code = digits_ascii(person.phone), digits_ascii(person.zip_code)
    person.phone_digits = phone_digits(person.phone)
    person.save()
    audit_record(actor=actor, action=AuditAction.CHANGE, operation="person_update", person=person)
    return person


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
        target.phone_digits = phone_digits(target.phone)
        changed.append("phone_digits")
    target.save()
    people_strip(person_ids=[source.pk], now=timezone.now())
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
