"""Services: idempotent intake, workflow rules, history, merges and the audit log."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from backoffice import services
from backoffice.models import AuditEntry, Case, Person, TimelineEntry
from backoffice.vocabulary import (
    CaseType,
    Channel,
    EventKind,
    NoteKind,
    Outcome,
    Priority,
    Reason,
    Status,
    Urgency,
)

from .conftest import open_case

pytestmark = pytest.mark.django_db


def test_case_open_is_idempotent_on_the_client_token(case_manager):
    first = open_case(client_token="survey-abc-123", opened_by=case_manager)
    again = open_case(client_token="survey-abc-123", name="Someone Else", opened_by=case_manager)
    assert again.pk == first.pk
    assert Case.objects.count() == 1
    assert Person.objects.count() == 1
    assert first.reference.startswith(f"PS-{first.opened_at.year}-")
    assert len(first.reference) == len("PS-2026-000123")
    assert AuditEntry.objects.filter(operation="case_open").count() == 1


def test_case_open_numbers_cases_and_records_the_opening(case_manager):
    first, second = open_case(), open_case()
    assert int(second.reference[-6:]) == int(first.reference[-6:]) + 1
    entry = TimelineEntry.objects.get(case=first)
    assert entry.kind == EventKind.OPENED
    assert [p.name for p in first.pets.all()] == ["Biscuit"]


def test_case_open_validates_like_every_intake_channel():
    with pytest.raises(ValidationError) as error:
        open_case(needs=["a pony"], channel="carrier pigeon", name=" ")
    assert set(error.value.message_dict) == {"needs", "channel", "name"}
    assert Case.objects.count() == 0


def test_a_safety_concern_makes_the_case_confidential_and_urgent():
    case = open_case(reasons=[Reason.SAFETY])
    assert case.confidential and case.safety_concern
    assert case.priority == Priority.URGENT


@pytest.mark.parametrize(
    "urgency, at_risk, safety, expected",
    [
        (Urgency.NORMAL, False, False, Priority.NORMAL),
        (Urgency.LOW, False, False, Priority.LOW),
        (Urgency.HIGH, False, False, Priority.HIGH),
        (Urgency.NORMAL, True, False, Priority.HIGH),
        (Urgency.HIGH, True, False, Priority.URGENT),
        (Urgency.EMERGENCY, False, False, Priority.URGENT),
        (Urgency.LOW, False, True, Priority.URGENT),
    ],
)
def test_priority_comes_from_urgency_risk_and_safety(urgency, at_risk, safety, expected):
    assert (
        services.priority_compute(
            urgency=urgency, at_risk_of_losing_pet=at_risk, safety_concern=safety
        )
        == expected
    )


def test_outcome_is_required_to_resolve(case_manager):
    case = open_case(assignee=case_manager)
    with pytest.raises(ValidationError):
        services.case_resolve(case=case, actor=case_manager, outcome="")
    with pytest.raises(ValidationError):
        services.case_status_set(case=case, actor=case_manager, status=Status.RESOLVED)
    case.refresh_from_db()
    assert case.status == Status.NEW and case.resolved_at is None


def test_reopen_keeps_the_history(case_manager):
    case = open_case(assignee=case_manager)
    services.case_note_add(case=case, actor=case_manager, kind=NoteKind.CALL, body="Talked.")
    pet = case.pets.get()
    services.case_resolve(
        case=case,
        actor=case_manager,
        outcome=Outcome.KEPT,
        pet_outcomes={pet.pk: (Outcome.KEPT, "Food bank every month")},
    )
    assert case.case_pets.get().outcome_detail == "Food bank every month"
    services.case_reopen(case=case, actor=case_manager, reason="The landlord changed his mind.")
    case.refresh_from_db()
    assert case.status == Status.IN_PROGRESS and case.outcome == ""
    kinds = list(case.timeline.values_list("kind", flat=True))
    assert kinds == [EventKind.OPENED, EventKind.NOTE, EventKind.RESOLVED, EventKind.REOPENED]
    reopened = case.timeline.get(kind=EventKind.REOPENED)
    assert reopened.data["previous_outcome"] == Outcome.KEPT
    assert case.timeline.get(kind=EventKind.RESOLVED).data["outcome"] == Outcome.KEPT
    # Resolved again, with another outcome: both stay in the history.
    services.case_resolve(case=case, actor=case_manager, outcome=Outcome.TEMPORARY_CARE)
    outcomes = [e.data["outcome"] for e in case.timeline.filter(kind=EventKind.RESOLVED)]
    assert outcomes == [Outcome.KEPT, Outcome.TEMPORARY_CARE]


def test_status_workflow_and_who_may_close(case_manager, supervisor):
    case = open_case(assignee=case_manager)
    services.case_status_set(case=case, actor=case_manager, status=Status.IN_PROGRESS)
    services.case_status_set(case=case, actor=case_manager, status=Status.WAITING)
    with pytest.raises(ValidationError):
        services.case_status_set(case=case, actor=case_manager, status=Status.CLOSED)
    services.case_resolve(case=case, actor=case_manager, outcome=Outcome.REFERRED)
    with pytest.raises(PermissionDenied):
        services.case_status_set(case=case, actor=case_manager, status=Status.CLOSED)
    services.case_status_set(case=case, actor=supervisor, status=Status.CLOSED)
    case.refresh_from_db()
    assert case.status == Status.CLOSED and case.closed_at is not None


def test_assignment_rules(case_manager, other_case_manager, supervisor):
    case = open_case()
    services.case_assign(case=case, assignee=case_manager, actor=case_manager)  # takes it
    with pytest.raises(PermissionDenied):  # not theirs to take any more
        services.case_assign(case=case, assignee=other_case_manager, actor=other_case_manager)
    with pytest.raises(ValidationError):  # a transfer says why
        services.case_transfer(
            case=case, assignee=other_case_manager, actor=case_manager, reason=""
        )
    services.case_transfer(
        case=case, assignee=other_case_manager, actor=case_manager, reason="Speaks Vietnamese"
    )
    services.case_assign(case=case, assignee=supervisor, actor=supervisor)  # supervisors reassign
    case.refresh_from_db()
    assert case.assignee == supervisor
    transfer = case.timeline.get(kind=EventKind.TRANSFERRED)
    assert transfer.body == "Speaks Vietnamese" and transfer.subject_user == other_case_manager


def test_confidential_case_cannot_be_worked_by_another_case_manager(
    case_manager, other_case_manager
):
    case = open_case(reasons=[Reason.SAFETY], assignee=case_manager)
    with pytest.raises(PermissionDenied):
        services.case_note_add(case=case, actor=other_case_manager, kind="call", body="Hi")


def test_first_contact_is_the_first_note_with_the_person(case_manager):
    case = open_case(assignee=case_manager)
    services.case_note_add(case=case, actor=case_manager, kind=NoteKind.INTERNAL, body="Prep")
    case.refresh_from_db()
    assert case.first_contact_at is None
    note = services.case_note_add(case=case, actor=case_manager, kind=NoteKind.TEXT, body="Hi")
    case.refresh_from_db()
    assert case.first_contact_at == note.created_at


def test_followups_and_referrals_enter_the_timeline(case_manager):
    case = open_case(assignee=case_manager)
    followup = services.case_followup_add(
        case=case, actor=case_manager, due_on=datetime.date(2030, 1, 2), note="Call back"
    )
    assert followup.assignee == case_manager
    services.case_followup_complete(followup=followup, actor=case_manager)
    referral = services.case_refer(case=case, actor=case_manager, partner_name="Pet Pantry")
    services.referral_status_set(referral=referral, actor=case_manager, status="connected")
    with pytest.raises(ValidationError):
        services.case_refer(case=case, actor=case_manager)
    kinds = list(case.timeline.values_list("kind", flat=True))
    assert kinds[1:] == [
        EventKind.FOLLOWUP,
        EventKind.FOLLOWUP_DONE,
        EventKind.REFERRAL,
        EventKind.REFERRAL_STATUS,
    ]


def test_person_merge_moves_cases_and_fills_blanks(case_manager, supervisor):
    first = open_case(email="")
    second = open_case(name="Rosalind F.", email="rf@example.org", channel=Channel.WALK_IN)
    with pytest.raises(PermissionDenied):
        services.person_merge(source=second.person, target=first.person, actor=case_manager)
    kept = services.person_merge(source=second.person, target=first.person, actor=supervisor)
    assert kept.cases.count() == 2 and kept.email == "rf@example.org"
    gone = Person.objects.get(pk=second.person_id)
    assert gone.merged_into == kept and gone.name == "" and gone.email == ""
    assert AuditEntry.objects.filter(operation="person_merge").exists()


def test_every_change_is_audited_and_the_log_is_append_only(case_manager, supervisor):
    case = open_case(assignee=case_manager, opened_by=case_manager, case_type=CaseType.REHOMING)
    services.case_note_add(case=case, actor=case_manager, kind="call", body="Hello")
    services.case_details_update(
        case=case,
        actor=case_manager,
        case_type=CaseType.PET_SUPPORT,
        needs=["housing"],
        reasons=[],
        urgency=Urgency.HIGH,
        at_risk_of_losing_pet=True,
        safety_concern=False,
        confidential=False,
    )
    operations = list(
        AuditEntry.objects.filter(case_reference=case.reference)
        .order_by("id")
        .values_list("operation", "actor__username")
    )
    assert operations == [
        ("case_open", "cm_carmen"),
        ("case_note_add", "cm_carmen"),
        ("case_details_update", "cm_carmen"),
    ]
    case.refresh_from_db()
    assert case.priority == Priority.URGENT
    entry = AuditEntry.objects.first()
    with pytest.raises(TypeError):
        entry.save()
    with pytest.raises(TypeError):
        entry.delete()
    with pytest.raises(TypeError):
        AuditEntry.objects.all().delete()
    with pytest.raises(TypeError):
        AuditEntry.objects.update(operation="x")


def test_only_supervisors_lift_confidentiality(case_manager, supervisor):
    case = open_case(assignee=case_manager, confidential=True)
    kwargs = dict(
        case_type=case.case_type,
        needs=[],
        reasons=[],
        urgency=case.urgency,
        at_risk_of_losing_pet=False,
        safety_concern=False,
        confidential=False,
    )
    with pytest.raises(ValidationError):
        services.case_details_update(case=case, actor=case_manager, **kwargs)
    services.case_details_update(case=case, actor=supervisor, **kwargs)
    case.refresh_from_db()
    assert not case.confidential
