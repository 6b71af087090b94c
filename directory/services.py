"""Writes to the directory. Each is atomic; views and admin screens only call these."""

from django.db import transaction
from django.utils import timezone

from .models import ProblemReport, Resource


@transaction.atomic
def listing_verify(*, resource: Resource, user, commit: bool = True) -> Resource:
    """Record that ``user`` checked the listing with the organisation today."""
    resource.last_verified_at = timezone.now()
    resource.last_verified_by = user
    if commit:
        resource.save(update_fields=["last_verified_at", "last_verified_by", "updated_at"])
    return resource


@transaction.atomic
def problem_report_resolve(*, report: ProblemReport, user) -> ProblemReport:
    report.resolved_at = timezone.now()
    report.resolved_by = user
    report.save(update_fields=["resolved_at", "resolved_by"])
    return report
