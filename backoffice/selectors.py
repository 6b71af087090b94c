"""Reads for the back office. Every list of cases starts from ``cases_visible``.

Every read of a case or a person for display, and every export, is written to the audit log by
the selector that performs it (``case_get``, ``person_get``, ``person_export``,
``case_queue_export``; the dashboard's CSVs: ``metrics.metrics_table_export``), so no view can
forget it. Which follow-ups are pending is ``followups.py``.
"""

import datetime
from collections.abc import Iterator
from typing import NamedTuple

import phonenumbers
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import (
    Exists,
    OuterRef,
    Prefetch,
    Q,
)
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from core.digits import phone_digits
from messaging.addresses import email_normalise, phone_e164

from . import counts_cache, permissions
from .audit import OPERATIONS, access_denied_record, audit_record
from .followups import (
    case_has_overdue_followups_annotation,
    case_next_followup_due_annotation,
    followup_is_pending_annotation,
)
from .models import (
    AuditAction,
    AuditEntry,
    Case,
    CasePet,
    FollowUp,
    Person,
    Referral,
    TimelineEntry,
)
from .vocabulary import OPEN_STATUSES, Status


def user_language(user) -> str:
    """The language a staff member chose in the Wagtail admin, else the site's default."""
    from wagtail.users.models import UserProfile

    codes = {code for code, _name in settings.LANGUAGES}
    preferred = (
        UserProfile.objects.filter(user=user).values_list("preferred_language", flat=True).first()
    )
    return preferred if preferred in codes else settings.LANGUAGE_CODE


def user_preferred_language(user) -> str | None:
    """The Wagtail admin preference when set to one of the site's languages, else None."""
    from wagtail.users.models import UserProfile

    codes = {code for code, _name in settings.LANGUAGES}
    preferred = (
        UserProfile.objects.filter(user=user).values_list("preferred_language", flat=True).first()
    )
    return preferred if preferred in codes else None


def staff_for_assignment():
    """Active users who can work on cases (for assignment and transfer menus)."""
    UserModel = get_user_model()
    return (
        UserModel.objects.filter(is_active=True)
        .filter(
            Q(is_superuser=True)
            | Q(groups__permissions__codename="access_backoffice")
            | Q(user_permissions__codename="access_backoffice")
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def staff_for_followup(*, case):
    """Who a follow-up of this case may go to: staff who may see the case."""
    return staff_for_assignment().filter(permissions.users_who_can_see_case_q(case))


def cases_visible(*, user):
    """All cases this user may see: supervisors see every case; case managers every case that is
    not someone else's confidential case."""
    if not permissions.user_can_access(user):
        return Case.objects.none()
    return Case.objects.filter(permissions.case_visibility_q(user))


def case_queue(*, user, today: datetime.date | None = None):
    """The queue's rows: the visible cases with what each row shows, in a fixed number of queries."""
    today = today or timezone.localdate()
    return (
        cases_visible(user=user)
        .select_related("person", "assignee")
        .only(
            "id",
            "reference",
            "case_type",
            "channel",
            "language",
            "priority",
            "status",
            "confidential",
            "opened_at",
            "updated_at",
            "person__id",
            "person__name",
            "person__interpreter_needed",
            "assignee__id",
            "assignee__username",
            "assignee__first_name",
            "assignee__last_name",
        )
        .annotate(
            has_overdue=case_has_overdue_followups_annotation(today),
            next_due=case_next_followup_due_annotation(),
        )
        .prefetch_related("needs")
    )


def case_status_counts(*, user, narrow) -> dict[str, int]:
    """Cases per status (and "open", "all") among the cases this user may see that ``narrow``
    (a function of a queryset of cases: the queue's filters) keeps; cached until cases change.

    Counted once for everyone who asks with the same filters, not once per member of staff: the
    one statement (the same SQL for every user, so one cache entry) counts every case per status,
    keeping confidential cases apart per case manager; each user's counts are then the rows she
    may see (``permissions.user_can_see_case``, its permissions read once). A search's count costs hundreds of milliseconds
    at 500,000 cases (a pet name thousands of pets have); asked with this user's visibility in
    the statement, as before, it was counted again for each of 16 staff. Filters that name the
    user ("mine") still put her in the statement, and so in the key."""
    from django.db.models import Case as SqlCase
    from django.db.models import Count, F, When

    rows = (
        narrow(Case.objects.all())
        .order_by()
        .annotate(owner=SqlCase(When(confidential=True, then=F("assignee_id")), default=None))
        .values("status", "confidential", "owner")
        .annotate(n=Count("id"))
    )

    def compute():
        return [(r["status"], r["confidential"], r["owner"], r["n"]) for r in rows]

    counts = {status: 0 for status in Status.values}
    if permissions.user_can_access(user):
        can_see = permissions.user_can_see_case_test(user)
        for status, confidential, owner, n in counts_cache.cached(rows, compute):
            if status in counts and can_see(_CountedCases(confidential, owner)):
                counts[status] += n
    counts["open"] = sum(counts[s] for s in OPEN_STATUSES)
    counts["all"] = sum(counts[s] for s in Status.values)
    return counts


class _CountedCases(NamedTuple):
    """Cases counted together: what ``permissions.user_can_see_case`` reads of a case."""

    confidential: bool
    assignee_id: int | None


def case_get(*, user, reference: str) -> Case:
    """The case page's case, or 404 when it does not exist or is not visible to this user."""
    case = (
        cases_visible(user=user)
        # The lost or found report (most cases have none): read here, not by the board panel
        # and the matches each again.
        .select_related("person", "assignee", "opened_by", "pet_report")
        .prefetch_related(
            Prefetch("case_pets", queryset=CasePet.objects.select_related("pet")),
            "needs",
            "reasons",
            Prefetch(
                "referrals",
                queryset=Referral.objects.select_related("resource", "resource__organization"),
            ),
            Prefetch(
                "followups",
                queryset=FollowUp.objects.select_related("assignee", "done_by")
                .annotate(is_pending=followup_is_pending_annotation())
                .order_by("done_at", "due_on", "id"),
            ),
        )
        .filter(reference=reference)
        .first()
    )
    if case is None:
        _case_missing(user=user, reference=reference)
    audit_record(actor=user, action=AuditAction.VIEW, operation="case_view", case=case)
    return case


def _case_missing(*, user, reference: str):
    """404, the same whether the case does not exist or is hidden from this user; a hidden
    (confidential) case's refusal is recorded."""
    hidden = Case.objects.filter(reference=reference).first()
    if hidden is not None:
        access_denied_record(actor=user, operation="case_view", case=hidden)
    raise Http404


def case_require(*, user, reference: str) -> None:
    """404 unless the case exists and is visible to this user (a refusal is recorded): checked
    before a write, outside its transaction, so that the record of a refusal stays."""
    if not cases_visible(user=user).filter(reference=reference).exists():
        _case_missing(user=user, reference=reference)


def case_for_form(*, user, reference: str) -> Case:
    """A visible case to build a form on (404 otherwise); not a view of the case."""
    case = cases_visible(user=user).filter(reference=reference).first()
    if case is None:
        _case_missing(user=user, reference=reference)
    return case


def case_pets(*, user, reference: str) -> list:
    """The pets of a visible case (404 otherwise), to build a form; not a view of the case."""
    case_require(user=user, reference=reference)
    return [
        cp.pet for cp in CasePet.objects.filter(case__reference=reference).select_related("pet")
    ]


def case_for_update(*, user, reference: str) -> Case:
    """A visible case, locked for the write that follows (inside a transaction)."""
    case = cases_visible(user=user).select_for_update().filter(reference=reference).first()
    if case is None:
        raise Http404
    return case


def case_timeline(*, case: Case) -> list[TimelineEntry]:
    return list(
        TimelineEntry.objects.filter(case=case)
        .select_related("author", "subject_user", "referral__resource", "followup")
        .order_by("-created_at", "-id")
    )


def person_visible(*, user, person_id: int) -> tuple[Person, list[Case]]:
    """A person and the cases of theirs this user may see; 404 when they may see none.

    Not recorded as a view: for a write that follows (the write is recorded). Pages that show the
    person use ``person_get``.
    """
    person = Person.objects.filter(pk=person_id).first()
    if person is None:
        raise Http404
    today = timezone.localdate()
    cases = list(
        cases_visible(user=user)
        .filter(person=person)
        .select_related("assignee")
        .annotate(has_overdue=case_has_overdue_followups_annotation(today))
        .order_by("-opened_at")
    )
    if not cases and not permissions.user_is_supervisor(user):
        hidden = list(
            Case.objects.filter(person=person, confidential=True).values_list(
                "reference", flat=True
            )
        )
        if hidden:
            access_denied_record(
                actor=user,
                operation="person_view",
                person=person,
                confidential=True,
                confidential_cases=hidden,
            )
        raise Http404
    return person, cases


def person_get(*, user, person_id: int) -> tuple[Person, list[Case]]:
    """``person_visible``, recorded in the audit log as a view of the person."""
    person, cases = person_visible(user=user, person_id=person_id)
    audit_record(
        actor=user,
        action=AuditAction.VIEW,
        operation="person_view",
        person=person,
        detail={"confidential_cases": [c.reference for c in cases if c.confidential]},
    )
    return person, cases


def person_duplicates(*, person: Person) -> list[Person]:
    """Other records known by this person's phone number (however either was typed) or email
    address: merge candidates, by ``person_matches``' rule."""
    return person_matches(phone=person.phone, email=person.email, exclude=person.pk)


def _phone_keys(phone: str) -> set[str]:
    """The ``Person.phone_digits`` values the same number may have been stored as: with and
    without its country code ("+1 916 555 0142", "(916) 555-0142" and "916.555.0142" are one
    number). A number ``phonenumbers`` cannot read is only matched by its digits as typed."""
    e164 = phone_e164(phone)
    if not e164:
        digits = phone_digits(phone)
        return {digits} if len(digits) >= 7 else set()
    number = phonenumbers.parse(e164)
    national = str(number.national_number)
    return {f"{number.country_code}{national}", national}


def _person_match_q(phone: str, email: str) -> Q | None:
    match = Q()
    if keys := _phone_keys(phone):
        match |= Q(phone_digits__in=keys)
    if address := email_normalise(email).lower():
        match |= Q(email=address)
    return match or None


def _people_user_may_open(people, *, user):
    """``person_visible``'s rule on a set of records: supervisors open any; anyone else only
    records with a case they may see (never one known only through someone else's confidential
    case)."""
    if permissions.user_is_supervisor(user):
        return people
    return people.filter(pk__in=cases_visible(user=user).values("person_id"))


def person_matches(
    *, phone: str = "", email: str = "", exclude: int | None = None, user=None, limit: int = 10
) -> list[Person]:
    """The one rule for "this person may already be known": the records (not merged away) with
    this phone number, however it was typed ("+1 916 555 0142", "(916) 555-0142", "٩١٦٥٥٥٠١٤٢"),
    or this email address, oldest first. With ``user``, only those whose record the user may
    open (``person_visible``: a case of theirs the user may see, or a supervisor), so that intake
    never reveals a person known only through someone else's confidential case."""
    return list(_person_matches_qs(phone, email, exclude=exclude, user=user)[:limit])


def _person_matches_qs(phone: str, email: str, *, exclude: int | None = None, user=None):
    match = _person_match_q(phone, email)
    if match is None:
        return Person.objects.none()
    people = Person.objects.filter(match, merged_into__isnull=True)
    if exclude is not None:
        people = people.exclude(pk=exclude)
    if user is not None:
        people = _people_user_may_open(people, user=user)
    return people.order_by("pk")


def person_merge_candidates(*, user, person: Person, query: str = "", limit: int = 20):
    """The records staff may pick to fold ``person`` into: with no ``query``, those that may be
    the same person (``person_matches``' rule); with one, the records whose name contains it,
    whose phone number has its digits (4 or more, however either was typed) or whose email it
    is. Never ``person`` itself, a record merged away, or a record this user may not open."""
    query = (query or "").strip()
    if not query:
        return person_matches(
            phone=person.phone, email=person.email, exclude=person.pk, user=user, limit=limit
        )
    match = Q(name__icontains=query)
    digits = phone_digits(query)
    if len(digits) >= 4:
        match |= Q(phone_digits__contains=digits)
    if "@" in query:
        match |= Q(email__iexact=email_normalise(query))
    people = Person.objects.filter(match, merged_into__isnull=True).exclude(pk=person.pk)
    return list(_people_user_may_open(people, user=user).order_by("name", "pk")[:limit])


def person_merge_target(*, user, person: Person, target_id) -> Person | None:
    """The record picked to keep, when this user may be offered it (``person_merge_candidates``'
    rule: another record, not merged away, one the user may open); ``None`` otherwise, so a
    tampered form learns nothing about records the user may not see."""
    people = Person.objects.filter(pk=target_id, merged_into__isnull=True).exclude(pk=person.pk)
    return _people_user_may_open(people, user=user).first()


def intake_known_people(*, user, phone: str, email: str, client_token: str) -> list[Person]:
    """The records a new person typed at intake may already have (``person_matches``, those this
    user may open), for staff to choose from before a second record is made; none when this
    form's token already opened a case (a second click opens nothing new)."""
    token = (client_token or "").strip()
    if token and Case.objects.filter(client_token=token, opened_by=user).exists():
        return []
    return person_matches(phone=phone, email=email, user=user)


def person_match(
    *, phone: str = "", email: str = "", for_confidential_case: bool = False, user=None
) -> Person | None:
    """The person already known by this phone number (however it was typed) or email address,
    for a new intake to be linked to: staff confirm the match on the case, nothing is merged and
    nothing about it is shown to whoever typed the details. The oldest record when several
    match (``person_matches``); None when none does.

    Linking never opens a record to staff who could not open it before: a person known only
    through confidential cases is matched only for a case that is itself confidential (anyone
    who may see a case sees its person), and with ``user`` (staff typing the intake) only a
    record that user may open. Otherwise the intake gets a record of its own, and those allowed
    see the two as possible duplicates on the person page."""
    found = _person_matches_qs(phone, email, user=user)
    if not for_confidential_case:
        only_confidential = Exists(
            Case.objects.filter(person=OuterRef("pk"), confidential=True)
        ) & ~Exists(Case.objects.filter(person=OuterRef("pk"), confidential=False))
        found = found.exclude(only_confidential)
    return found.first()


def person_export(*, user, person: Person) -> dict:
    """Everything held about a person, for an access request (JSON-ready); recorded as an export."""
    audit_record(actor=user, action=AuditAction.EXPORT, operation="person_export", person=person)

    def when(value):
        return value.isoformat() if value else None

    cases = (
        Case.objects.filter(person=person)
        .prefetch_related(
            "needs",
            "reasons",
            Prefetch("case_pets", queryset=CasePet.objects.select_related("pet")),
            "referrals__resource",
            "followups",
            Prefetch("timeline", queryset=TimelineEntry.objects.order_by("created_at", "id")),
        )
        .order_by("opened_at")
    )
    return {
        "person": {
            "id": person.pk,
            "name": person.name,
            "preferred_language": person.preferred_language,
            "interpreter_needed": person.interpreter_needed,
            "phone": person.phone,
            "email": person.email,
            "contact_method": person.contact_method,
            "safe_to_leave_message": person.safe_to_leave_message,
            "message_consent": person.message_consent,
            "safe_to_text": person.safe_to_text,
            "safe_to_email": person.safe_to_email,
            "best_time_to_contact": person.best_time_to_contact,
            "zip_code": person.zip_code,
            "household_notes": person.household_notes,
            "created_at": when(person.created_at),
        },
        "pets": [
            {
                "id": pet.pk,
                "species": pet.species,
                "name": pet.name,
                "breed": pet.breed,
                "age_group": pet.age_group,
                "sex": pet.sex,
                "spayed_neutered": pet.spayed_neutered,
                "size": pet.size,
                "microchip": pet.microchip,
                "medical_notes": pet.medical_notes,
                "behaviour_notes": pet.behaviour_notes,
            }
            for pet in person.pets.all()
        ],
        "cases": [
            {
                "reference": case.reference,
                "type": case.case_type,
                "channel": case.channel,
                "status": case.status,
                "opened_at": when(case.opened_at),
                "resolved_at": when(case.resolved_at),
                "closed_at": when(case.closed_at),
                "summary": case.summary,
                "intake_answers": case.intake_answers,
                "needs": [n.code for n in case.needs.all()],
                "reasons": [r.code for r in case.reasons.all()],
                "outcome": case.outcome,
                "outcome_notes": case.outcome_notes,
                "pets": [
                    {"pet": cp.pet_id, "outcome": cp.outcome, "detail": cp.outcome_detail}
                    for cp in case.case_pets.all()
                ],
                "referrals": [
                    {
                        "to": str(r),
                        "status": r.status,
                        "note": r.note,
                        "created_at": when(r.created_at),
                    }
                    for r in case.referrals.all()
                ],
                "followups": [
                    {"due_on": f.due_on.isoformat(), "note": f.note, "done_at": when(f.done_at)}
                    for f in case.followups.all()
                ],
                "timeline": [
                    {
                        "kind": e.kind,
                        "note_kind": e.note_kind,
                        "body": e.body,
                        "at": when(e.created_at),
                    }
                    for e in case.timeline.all()
                ],
            }
            for case in cases
        ],
    }


def case_queue_search_record(*, user, filters: dict) -> None:
    """A search of the queue (the words in ``q``), recorded with its filters as an export is."""
    if (filters.get("q") or "").strip():
        audit_record(
            actor=user,
            action=AuditAction.SEARCH,
            operation="queue_search",
            detail={"filters": filters},
        )


def audit_rows(entries) -> list[dict]:
    """The audit log page's rows: names and links rather than codes and ids (one query for the
    people, one for the cases, whatever the page's length)."""
    entries = list(entries)
    people = Person.objects.in_bulk({e.person_id_ref for e in entries if e.person_id_ref})
    staff_ids = {(e.detail or {}).get("staff_id") for e in entries} - {None}
    staff = get_user_model().objects.in_bulk(staff_ids) if staff_ids else {}
    cases = set(
        Case.objects.filter(
            reference__in={e.case_reference for e in entries if e.case_reference}
        ).values_list("reference", flat=True)
    )
    rows = []
    for entry in entries:
        detail = entry.detail or {}
        filters = detail.get("filters") or {}
        rows.append(
            {
                "entry": entry,
                "what": OPERATIONS.get(entry.operation, entry.operation),
                "case_link": entry.case_reference in cases,
                "person": people.get(entry.person_id_ref),
                "search": (filters.get("q") or "").strip(),
                "path": detail.get("path", ""),
                "table": detail.get("table", ""),
                "staff": staff.get(detail.get("staff_id")),
            }
        )
    return rows


def audit_entries(*, case_reference: str = "", actor_id: int | None = None):
    entries = AuditEntry.objects.select_related("actor")
    if case_reference:
        entries = entries.filter(case_reference=case_reference.strip().upper())
    if actor_id:
        entries = entries.filter(actor_id=actor_id)
    return entries.order_by("-created_at", "-id")


EXPORT_MAX_ROWS = 20_000


def case_queue_export(*, user, cases, filters: dict) -> Iterator[list]:
    """The queue's rows as CSV cells (a header first), at most ``EXPORT_MAX_ROWS``.

    ``cases`` is the filtered ``case_queue(user=user)``. Recorded as an export, with the filters,
    as soon as it is called (the rows follow lazily, streamed).
    """
    audit_record(
        actor=user,
        action=AuditAction.EXPORT,
        operation="queue_export",
        detail={"filters": filters},
    )
    header = [
        _("Reference"),
        _("Opened"),
        _("Type"),
        _("Status"),
        _("Priority"),
        _("Case manager"),
        _("Language"),
        _("Needs"),
        _("Name"),
    ]

    def rows():
        yield header
        for case in cases[:EXPORT_MAX_ROWS].iterator(chunk_size=500):
            yield [
                case.reference,
                timezone.localtime(case.opened_at).date().isoformat(),
                case.get_case_type_display(),
                case.get_status_display(),
                case.get_priority_display(),
                (case.assignee.get_full_name() or case.assignee.get_username())
                if case.assignee
                else "",
                case.get_language_display(),
                "; ".join(str(n.get_code_display()) for n in case.needs.all()),
                case.person.name,
            ]

    return rows()
