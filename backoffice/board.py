"""The public lost and found board: which reports are on it, and what a report of it may show.

One home for the rule (``docs/architecture.md``). A report is on the board when all of these hold,
decided at query time (nothing to run for a report to leave it):

- its reporter agreed to publish it (``publish_consent``) and it is ``Publication.PUBLISHED``
  (approved by staff, or at once when ``LOST_FOUND_PUBLISH_AT_ONCE``);
- its case is not confidential, not anonymised, and still open (a resolved or closed case, a pet
  home, leaves the board at once);
- it has not ended: ``ends_at`` is in the future (set on publishing to ``LOST_FOUND_BOARD_DAYS``
  from then); a report published without one ends that many days after ``published_at``.

A photo may be fetched by a visitor only when its report is on the board (``photos_on_board``).
What the board shows of a report is the description of the pet, never the reporter's contact
details, the ``private_detail``, the exact place or the microchip number; free text the reporter
typed (marks, collar and tag, breed, direction, name) is shown with anything that looks like a
phone number or an email address taken out (``contact_details_removed``).
"""

import datetime
import re

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from .models import PetReport, ReportPhoto
from .permissions import case_visibility_q, user_can_moderate
from .vocabulary import OPEN_STATUSES, Publication


def board_days() -> int:
    return max(1, settings.LOST_FOUND_BOARD_DAYS)


def board_ends_at(published_at: datetime.datetime) -> datetime.datetime:
    """When a report published at ``published_at`` leaves the board (if nothing ends it sooner)."""
    return published_at + datetime.timedelta(days=board_days())


def reports_on_board_q(*, now: datetime.datetime, prefix: str = "") -> Q:
    """The condition on ``PetReport`` rows (``prefix``: from a related model, ``"report__"``)."""
    p = prefix
    not_ended = Q(**{f"{p}ends_at__gt": now}) | Q(
        **{
            f"{p}ends_at__isnull": True,
            f"{p}published_at__gt": now - datetime.timedelta(days=board_days()),
        }
    )
    return (
        Q(
            **{
                f"{p}state": Publication.PUBLISHED,
                f"{p}publish_consent": True,
                f"{p}case__confidential": False,
                f"{p}case__anonymized_at__isnull": True,
                f"{p}case__status__in": OPEN_STATUSES,
            }
        )
        & not_ended
    )


def reports_on_board(*, now: datetime.datetime | None = None) -> QuerySet[PetReport]:
    return PetReport.objects.filter(reports_on_board_q(now=now or timezone.now()))


def report_on_board(report: PetReport, *, now: datetime.datetime | None = None) -> bool:
    """The same rule for one report in hand (its case loaded)."""
    now = now or timezone.now()
    case = report.case
    if report.ends_at is not None:
        live = report.ends_at > now
    else:
        live = report.published_at is not None and report.published_at > now - datetime.timedelta(
            days=board_days()
        )
    return (
        report.state == Publication.PUBLISHED
        and report.publish_consent
        and not case.confidential
        and case.anonymized_at is None
        and case.status in OPEN_STATUSES
        and live
    )


def photos_on_board(*, now: datetime.datetime | None = None) -> QuerySet[ReportPhoto]:
    """Photos a visitor may fetch: those of reports on the board."""
    return ReportPhoto.objects.filter(
        reports_on_board_q(now=now or timezone.now(), prefix="report__")
    )


def report_publication_after_consent(
    report: PetReport, *, consent: bool, now: datetime.datetime | None = None
) -> None:
    """Where ``report`` stands on the board once the reporter has said yes or no (on sending it,
    or later through the private link); the caller saves it. Without consent it is never shown;
    with it, it waits for staff, or goes on the board at once for ``LOST_FOUND_BOARD_DAYS`` when
    the site is set so (``LOST_FOUND_PUBLISH_AT_ONCE``). A report waiting, shown, hidden by
    staff or ended stays where it is when consent is given again."""
    report.publish_consent = consent
    if not consent:
        if report.state in (Publication.PENDING, Publication.PUBLISHED):
            report.state = Publication.PRIVATE
        return
    if report.state != Publication.PRIVATE:
        return
    if settings.LOST_FOUND_PUBLISH_AT_ONCE:
        now = now or timezone.now()
        report.state = Publication.PUBLISHED
        report.published_at = now
        report.ends_at = board_ends_at(now)
    else:
        report.state = Publication.PENDING


# --- What the board shows of what the reporter typed -------------------------------------------

REMOVED = "[…]"
_EMAIL = re.compile(r"[^\s@<>()\[\],;:\"']+@[^\s@<>()\[\],;:\"']+\.[^\s@<>()\[\],;:\"']+")
# Seven digits or more (of any script: ``\d`` reads them all), with the separators people write
# between them: a phone number (or a chip number, which is not for the board either).
_PHONE = re.compile(r"\+?\d(?:[\s().\-–/]*\d){6,}")
_WEB = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)


def contact_details_removed(text: str) -> str:
    """``text`` with email addresses, web addresses and phone-like numbers (digits of any script)
    replaced by "[…]": free text that goes on a public page, or to the other person."""
    if not text:
        return ""
    for pattern in (_EMAIL, _WEB, _PHONE):
        text = pattern.sub(REMOVED, text)
    return text


# --- The back office's queue of reports to moderate -----------------------------------------


def reports_to_moderate(*, user, on_board: bool = False, now: datetime.datetime | None = None):
    """Reports waiting for approval (or, ``on_board``, those on the board now), oldest first, of
    cases this user may see; a confidential case's report is never among them (it may not go on
    the board). Empty for a user who may not moderate."""
    if not user_can_moderate(user):
        return PetReport.objects.none()
    now = now or timezone.now()
    reports = PetReport.objects.filter(case_visibility_q(user, prefix="case__"))
    if on_board:
        reports = reports.filter(reports_on_board_q(now=now)).order_by("published_at", "id")
    else:
        reports = reports.filter(
            state=Publication.PENDING,
            publish_consent=True,
            case__confidential=False,
            case__status__in=OPEN_STATUSES,
            case__anonymized_at__isnull=True,
        ).order_by("created_at", "id")
    return reports.select_related("case").prefetch_related("photos")
