"""Data protection: what identifies a person, and removing it once it is no longer needed.

An access request (everything held about a person) is a read: ``selectors.person_export``.
"""

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from messaging.services import messages_anonymize

from .. import counts_cache
from ..models import (
    AuditAction,
    AuditEntry,
    Case,
    CasePet,
    FollowUp,
    Person,
    Pet,
    Referral,
    TimelineEntry,
)
from ..vocabulary import Status

# What identifies a person: emptied when the record is merged into another or anonymised.
PERSON_PERSONAL_FIELDS = ("name", "phone", "phone_digits", "email", "zip_code", "household_notes")
PET_PERSONAL_FIELDS = ("name", "breed", "microchip", "medical_notes", "behaviour_notes")


def people_strip(*, person_ids: Iterable[int], now: datetime.datetime) -> None:
    """Empty the personal fields of these people's records and mark them anonymised."""
    Person.objects.filter(pk__in=list(person_ids)).update(
        **dict.fromkeys(PERSON_PERSONAL_FIELDS, ""), anonymized_at=now
    )
    # ``update()`` sends no signal: the queue's cached counts of a search by the old name go too.
    counts_cache.invalidate()


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
    # The outbox: what was sent about these cases, and to which address (a queued one is dropped).
    from ..messages import case_subject_ref  # the messages module uses these services

    messages_anonymize(subject_refs=[case_subject_ref(reference) for reference in references])
    # People whose every case is now anonymised.
    keep = set(
        Case.objects.filter(person_id__in=person_ids, anonymized_at__isnull=True).values_list(
            "person_id", flat=True
        )
    )
    strip_ids = sorted(person_ids - keep)
    for start in range(0, len(strip_ids), 500):
        chunk = strip_ids[start : start + 500]
        people_strip(person_ids=chunk, now=now)
        Pet.objects.filter(owner_id__in=chunk).update(**dict.fromkeys(PET_PERSONAL_FIELDS, ""))
    counts_cache.invalidate()  # as in people_strip: ``update()`` sent no signal
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
