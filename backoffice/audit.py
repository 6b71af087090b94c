"""The audit log's one writer: who viewed, changed or exported what, and when.

Every service that changes a case or a person, and every selector that reads one for display or
exports it, records a line here, so no view can forget to. A line names references and ids only,
never personal data. The log is append-only (``models.AuditEntry``).
"""

from .models import AuditEntry, Case, Person


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
