"""Writes to the directory. Each is atomic; views and admin screens only call these."""

from django.db import transaction
from django.utils import timezone

from core.geography import zip_point

from .models import Location, ProblemReport, Resource


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


@transaction.atomic
def problem_report_create(
    *, resource: Resource, reason: str, details: str = "", contact: str = "", language: str
) -> ProblemReport:
    """A visitor's report about a listing, queued for directory editors (review queue)."""
    report = ProblemReport(
        resource=resource,
        reason=reason,
        details=details.strip(),
        contact=contact.strip(),
        language=language,
    )
    report.full_clean()
    report.save()
    return report


def location_position_fill(*, location: Location) -> bool:
    """Place a location without coordinates at the centre of its ZIP code (offline GeoNames data
    from ``zipcodes``). Returns whether it was placed; the caller saves."""
    if location.latitude is not None and location.longitude is not None:
        return False
    point = zip_point(location.postal_code)
    if point is None:
        return False
    location.latitude, location.longitude = point
    return True
