"""Matching lost and found reports on the database: the candidates of a report, kept with their
points per attribute, and staff's decisions on them.

- ``report_matches_refresh``: called whenever a report is created or changed. Its description is
  read once into comparable words (``PetReport.match_terms``); open reports of the other kind and
  the same species, in the time window and the bounding box the weights allow (or with the same
  microchip), are fetched in one query and every one is scored (``backoffice.matching``: nothing
  is cut by number); the candidates are written, those no longer candidates removed. Decisions
  (confirmed, dismissed) stay.
- ``report_match_confirm``: both cases resolve with the outcome "reunited with owner", linked by
  the match; a second click changes nothing.
- ``report_match_dismiss``: staff say a candidate is not the pet; it is no longer shown, and a
  new scoring keeps it dismissed.
"""

import datetime
import math

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import permissions
from ..audit import audit_record
from ..match_selectors import (
    FACT_FIELDS,
    matching_weights,
    report_facts_of,
    report_terms,
)
from ..matching import FOUND, LOST, MatchScore, MatchWeights, candidates_rank, point_or_none
from ..models import AuditAction, MatchStatus, PetReport, ReportMatch
from ..vocabulary import OPEN_STATUSES, EventKind, Outcome
from .casework import case_resolve
from .match_alerts import report_match_alerts_send
from .timeline import timeline_add

MILES_PER_DEGREE = 69.09


def report_candidates_query(report: PetReport, *, weights: MatchWeights):
    """Open reports that may be ``report``'s pet, as rows of ``FACT_FIELDS``: the other kind,
    the same species, found after it was lost (within the grace and ``max_days``), within
    ``max_miles`` (a box; the scorer measures) or with no place given; or with the same chip."""
    other_kind = FOUND if report.kind == LOST else LOST
    grace_days = math.ceil(weights.grace_hours / 24)
    if report.kind == LOST:
        earliest = report.happened_on - datetime.timedelta(days=grace_days)
        latest = report.happened_on + datetime.timedelta(days=weights.max_days)
    else:
        earliest = report.happened_on - datetime.timedelta(days=weights.max_days)
        latest = report.happened_on + datetime.timedelta(days=grace_days)
    near = Q(happened_on__range=(earliest, latest))
    point = point_or_none(report.latitude, report.longitude)
    if point is not None:
        lat, lng = point
        dlat = weights.max_miles / MILES_PER_DEGREE
        dlng = weights.max_miles / (MILES_PER_DEGREE * max(math.cos(math.radians(lat)), 0.01))
        near &= (
            Q(latitude__range=(lat - dlat, lat + dlat), longitude__range=(lng - dlng, lng + dlng))
            | Q(latitude__isnull=True)
            | Q(longitude__isnull=True)
        )
    if report.microchip:
        near |= Q(microchip=report.microchip)
    return (
        PetReport.objects.filter(
            near,
            kind=other_kind,
            species=report.species,
            case__status__in=OPEN_STATUSES,
        )
        .exclude(pk=report.pk)
        .values(*FACT_FIELDS)
    )


def _pair(report_id: int, kind: str, other_id: int) -> tuple[int, int]:
    return (report_id, other_id) if kind == LOST else (other_id, report_id)


@transaction.atomic
def report_matches_refresh(
    *, report: PetReport, weights: MatchWeights | None = None
) -> list[MatchScore]:
    """Score ``report`` against every open report of the other kind that may be its pet, and keep
    the candidates (best first, returned). A report whose case is no longer open has none."""
    weights = weights or matching_weights()
    terms = report_terms(report)
    if report.match_terms != terms:
        report.match_terms = terms
        PetReport.objects.filter(pk=report.pk).update(match_terms=terms)
    mine = Q(lost=report) if report.kind == LOST else Q(found=report)
    if report.case.status not in OPEN_STATUSES:
        ReportMatch.objects.filter(mine, status=MatchStatus.CANDIDATE).delete()
        return []
    facts = report_facts_of(report)
    others = (report_facts_of(row) for row in report_candidates_query(report, weights=weights))
    scores = candidates_rank(facts, others, weights=weights)
    now = timezone.now()
    rows = []
    for score in scores:
        rows.append(
            ReportMatch(
                lost_id=score.lost_id,
                found_id=score.found_id,
                points=score.points,
                percent=score.percent,
                decisive=score.decisive,
                computed_at=now,
                created_at=now,
            )
        )
    if rows:
        ReportMatch.objects.bulk_create(
            rows,
            batch_size=500,
            update_conflicts=True,
            unique_fields=["lost", "found"],
            update_fields=["points", "percent", "decisive", "computed_at"],
        )
    other_ids = [s.found_id if report.kind == LOST else s.lost_id for s in scores]
    other = "found_id" if report.kind == LOST else "lost_id"
    ReportMatch.objects.filter(mine, status=MatchStatus.CANDIDATE).exclude(
        **{f"{other}__in": other_ids}
    ).delete()
    if scores:
        # The reporters who asked to be told (of either side), once the candidates are saved.
        concerned = [report.pk, *other_ids]
        transaction.on_commit(lambda: report_match_alerts_send(report_ids=concerned))
    return scores


def _match_for_update(match: ReportMatch) -> ReportMatch:
    return (
        ReportMatch.objects.select_for_update()
        .select_related("lost__case__person", "found__case__person")
        .get(pk=match.pk)
    )


def _other_named(other) -> dict:
    """What a case's timeline and audit lines say of the other case of a match: its reference,
    unless that case is confidential: then nothing, not even that there is one, since staff who
    may read this case's lines need not be allowed to know of that one."""
    return {} if other.confidential else {"other": other.reference}


def _may_decide(actor, match: ReportMatch) -> None:
    for case in (match.lost.case, match.found.case):
        if not permissions.user_can_work_case(actor, case):
            raise PermissionDenied


@transaction.atomic
def report_match_confirm(*, match: ReportMatch, actor, followups: str = "") -> ReportMatch:
    """The found pet is the lost one: both cases resolve "reunited with owner" (those still
    open; ``followups`` settles their planned follow-ups as ``case_resolve`` asks), linked by
    this match, on both timelines and in the audit log. Confirming again changes nothing."""
    match = _match_for_update(match)
    _may_decide(actor, match)
    if match.status == MatchStatus.CONFIRMED:
        return match
    taken = (
        ReportMatch.objects.filter(
            Q(lost=match.lost_id) | Q(found=match.found_id), status=MatchStatus.CONFIRMED
        )
        .exclude(pk=match.pk)
        .first()
    )
    if taken is not None:
        raise ValidationError(
            _("One of these reports is already matched with another: reopen that first.")
        )
    now = timezone.now()
    for case in (match.lost.case, match.found.case):
        if case.status in OPEN_STATUSES:
            case_resolve(case=case, actor=actor, outcome=Outcome.REUNITED, followups=followups)
    match.status = MatchStatus.CONFIRMED
    match.decided_at, match.decided_by = now, actor
    match.save(update_fields=["status", "decided_at", "decided_by"])
    for case, other in ((match.lost.case, match.found.case), (match.found.case, match.lost.case)):
        timeline_add(
            case=case,
            kind=EventKind.MATCH_CONFIRMED,
            author=actor,
            data={"match": match.pk, **_other_named(other), "percent": match.percent},
            created_at=now,
        )
        audit_record(
            actor=actor,
            action=AuditAction.CHANGE,
            operation="report_match_confirm",
            case=case,
            detail={"match": match.pk, **_other_named(other)},
        )
    return match


@transaction.atomic
def report_match_dismiss(*, match: ReportMatch, actor) -> ReportMatch:
    """Not the same pet: the candidate is no longer shown (a later scoring keeps it dismissed).
    Dismissing again changes nothing; a confirmed match is not dismissed."""
    match = _match_for_update(match)
    _may_decide(actor, match)
    if match.status == MatchStatus.DISMISSED:
        return match
    if match.status == MatchStatus.CONFIRMED:
        raise ValidationError(_("This match is confirmed: reopen the cases to undo it."))
    match.status = MatchStatus.DISMISSED
    match.decided_at, match.decided_by = timezone.now(), actor
    match.save(update_fields=["status", "decided_at", "decided_by"])
    for case, other in ((match.lost.case, match.found.case), (match.found.case, match.lost.case)):
        timeline_add(
            case=case,
            kind=EventKind.MATCH_DISMISSED,
            author=actor,
            data={"match": match.pk, **_other_named(other), "percent": match.percent},
        )
        audit_record(
            actor=actor,
            action=AuditAction.CHANGE,
            operation="report_match_dismiss",
            case=case,
            detail={"match": match.pk, **_other_named(other)},
        )
    return match


def report_matches_rebuild(*, reports=None, weights: MatchWeights | None = None) -> int:
    """Score every open report again (after the weights or the vocabulary changed)."""
    weights = weights or matching_weights()
    reports = (
        reports
        if reports is not None
        else PetReport.objects.filter(case__status__in=OPEN_STATUSES, kind=LOST)
    )
    count = 0
    for report in reports.select_related("case").iterator(chunk_size=200):
        report_matches_refresh(report=report, weights=weights)
        count += 1
    return count
