"""Alerts to reporters about possible matches: opt-in, at most one a day, never anyone's contact.

A reporter who asked for them (``PetReport.match_alerts``, set through the private link with
``report_match_alerts_set``) is sent a message when reports on the public board may be their pet
and were not in an earlier alert: right after the scoring that found them, or by the daily
``manage.py send_match_alerts`` when an alert went out less than a day before. Only candidates
that are published and open, and not dismissed by staff, count; the message names how many and
links to their board pages: nothing of the other reporter. Every alert has a link that turns
the alerts off (``report_links.alerts_stop_token``). Whether it may go to this person at
all (a confidential case, the channels they marked safe, opt-outs) is decided as for every
message about a case (``backoffice.messages.case_message_facts``, ``messaging.safety``).
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation

from messaging.models import Message
from messaging.services import message_queue
from messaging.vocabulary import Channel, Purpose

from ..audit import audit_record
from ..match_selectors import board_path, reporter_matches_q
from ..matching import LOST
from ..models import AuditAction, PetReport, ReportMatch
from ..report_links import alerts_stop_token
from ..vocabulary import OPEN_STATUSES, ContactMethod
from .timeline import case_touch

ALERT_TEMPLATE = "backoffice/messages/match_alert"
ALERT_EVERY = datetime.timedelta(days=1)


def report_match_alerts_set(*, report: PetReport, on: bool) -> PetReport:
    """The reporter's choice: alerts about possible matches, or none."""
    on = bool(on)
    if report.match_alerts != on:
        report.match_alerts = on
        PetReport.objects.filter(pk=report.pk).update(match_alerts=on)
        case_touch(report.case)
        audit_record(
            actor=None,
            action=AuditAction.CHANGE,
            operation="report_match_alerts_set",
            case=report.case,
            detail={"on": on},
        )
    return report


def board_url(report: PetReport) -> str:
    """The full address of a published report's board page ("" without the public board)."""
    path = board_path(report)
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path if path else ""


def reporter_address(report: PetReport) -> tuple[str, str] | None:
    """How the reporter is written to: (channel, address), their email unless they asked for
    texts, or None when they gave neither."""
    person = report.case.person
    if person.email and not (person.contact_method == ContactMethod.TEXT and person.phone):
        return Channel.EMAIL, person.email
    if person.phone:
        return Channel.SMS, person.phone
    return None


def _alert(report: PetReport, now) -> Message | None:
    from ..messages import case_message_facts, case_subject_ref

    since = report.match_alerted_at
    if since is not None and since > now - ALERT_EVERY:
        return None
    matches = ReportMatch.objects.filter(reporter_matches_q(report))
    if since is not None:
        matches = matches.filter(created_at__gt=since)
    other = "found" if report.kind == LOST else "lost"
    new = list(matches.select_related(other).order_by("-decisive", "-points", "id")[:5])
    if not new:
        return None
    address = reporter_address(report)
    if address is None:
        return None
    channel, recipient = address
    case = report.case
    facts = case_message_facts(case)
    # The reporter asked for these alerts: that is the consent (the other rules still hold).
    facts["consent"] = True
    with translation.override(case.language):
        links = [url for m in new if (url := board_url(getattr(m, other)))]
        stop_link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
            "reports:alerts_stop", args=[alerts_stop_token(report)]
        )
    message = message_queue(
        channel=channel,
        recipient=recipient,
        template=ALERT_TEMPLATE,
        purpose=Purpose.ALERT,
        language=case.language,
        context={
            "reference": case.reference,
            "lost": report.kind == LOST,
            "count": matches.count(),
            "links": links,
            "stop_link": stop_link,
        },
        subject_ref=case_subject_ref(case.reference),
        dedupe_key=f"match-alert:{report.pk}:{now:%Y-%m-%d}",
        **facts,
    )
    PetReport.objects.filter(pk=report.pk).update(match_alerted_at=now)
    report.match_alerted_at = now
    return message


@transaction.atomic
def report_match_alerts_send(*, report_ids=None, now=None) -> int:
    """Alert the reporters who asked for it (of ``report_ids``, or all) about possible matches
    new since their last alert, at most once a day. Returns how many messages were queued."""
    now = now or timezone.now()
    reports = PetReport.objects.filter(
        match_alerts=True, case__status__in=OPEN_STATUSES
    ).select_related("case__person")
    if report_ids is not None:
        reports = reports.filter(pk__in=list(report_ids))
    reports = reports.filter(
        Q(match_alerted_at__isnull=True) | Q(match_alerted_at__lte=now - ALERT_EVERY)
    )
    sent = 0
    for report in reports.select_for_update(of=("self",)):
        if _alert(report, now) is not None:
            sent += 1
    return sent
