"""Reads for the supervisors' metrics dashboard: measurable goals, one small table each.

Every table is a ``MetricTable`` (title, columns, rows, optional drill-down links to the queue),
so the page and the CSV downloads render them the same way. Counts are anonymous aggregates:
confidential cases are counted, never named.
"""

import datetime
import statistics
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db import connection
from django.db.models import Aggregate, Count, DurationField, F, Q
from django.db.models.functions import TruncMonth, TruncWeek
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from . import counts_cache
from .audit import audit_record
from .followups import followups_pending
from .models import AuditAction, Case, CaseNeed, CasePet, CaseReason
from .vocabulary import (
    KEPT_TOGETHER_OUTCOMES,
    OPEN_STATUSES,
    Channel,
    Need,
    Outcome,
    Priority,
    Reason,
    Status,
    language_choices,
)


@dataclass
class MetricTable:
    key: str
    title: str
    columns: list
    rows: list = field(default_factory=list)
    links: list = field(default_factory=list)  # one queue URL (or "") per row
    note: str = ""

    @property
    def rows_with_links(self):
        links = self.links or []
        return [(row, links[i] if i < len(links) else "") for i, row in enumerate(self.rows)]


class Median(Aggregate):
    """PostgreSQL's percentile_cont(0.5); other databases compute the median in Python."""

    function = "PERCENTILE_CONT"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = DurationField()


@dataclass(frozen=True)
class DateRange:
    start: datetime.date
    end: datetime.date  # inclusive

    @property
    def start_dt(self) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(self.start, datetime.time.min))

    @property
    def end_dt(self) -> datetime.datetime:
        """Exclusive upper bound: midnight after the last day."""
        return timezone.make_aware(
            datetime.datetime.combine(self.end + datetime.timedelta(days=1), datetime.time.min)
        )

    @classmethod
    def last_year(cls, today: datetime.date | None = None) -> "DateRange":
        today = today or timezone.localdate()
        return cls(start=today - datetime.timedelta(days=364), end=today)


def _queue_link(**params) -> str:
    params = {k: v for k, v in params.items() if v not in (None, "")}
    return reverse("backoffice:queue") + "?" + urlencode(params)


def _hours(value: datetime.timedelta | None) -> str:
    if value is None:
        return "—"
    return f"{value.total_seconds() / 3600:.1f}"


def metrics_dashboard(*, date_range: DateRange, period: str = "month") -> list[MetricTable]:
    """The dashboard's tables, worked out once for every supervisor until a counted record
    changes (``counts_cache``: any write to a case, its person, pets, needs, reasons or
    follow-ups), at most 10 minutes.

    A dozen aggregates over every case (1.5 s at 500,000 cases) for figures that are the same
    for everyone who may see them: the page is for supervisors only, who all see every case,
    and it names no case. Kept per language (its words and dates are written out in it) and per
    day (overdue and "this month" are counted from today)."""
    key = ":".join(
        [
            "dashboard",
            get_language() or "",
            timezone.localdate().isoformat(),
            date_range.start.isoformat(),
            date_range.end.isoformat(),
            period,
        ]
    )
    return counts_cache.cached_for(
        key, lambda: [_words(t) for t in _metrics_dashboard(date_range=date_range, period=period)]
    )


def _words(table: MetricTable) -> MetricTable:
    """The table with its lazy translations written out (in the language of its cache key): a
    lazy string is unpickled by building a class for it, 75 ms for the dashboard's 76."""

    def text(value):
        return str(value) if isinstance(value, Promise) else value

    table.title, table.note = text(table.title), text(table.note)
    table.columns = [text(c) for c in table.columns]
    table.rows = [[text(v) for v in row] for row in table.rows]
    return table


def _metrics_dashboard(*, date_range: DateRange, period: str) -> list[MetricTable]:
    opened = Case.objects.filter(
        opened_at__gte=date_range.start_dt, opened_at__lt=date_range.end_dt
    )
    resolved = Case.objects.filter(
        resolved_at__gte=date_range.start_dt, resolved_at__lt=date_range.end_dt
    )
    range_params = {
        "status": "all",
        "opened_after": date_range.start.isoformat(),
        "opened_before": date_range.end.isoformat(),
    }
    tables = [
        _opened_resolved(opened, resolved, period),
        _open_by_status_priority(),
        _overdue_followups(),
        _first_contact(opened),
        _outcomes(resolved),
        _vocabulary_counts("needs", _("Needs"), CaseNeed, Need, "need", opened, range_params),
        _vocabulary_counts("reasons", _("Reasons"), CaseReason, Reason, None, opened, range_params),
        _by_field(
            "languages",
            _("Cases by language"),
            opened,
            "language",
            dict(language_choices()),
            range_params,
        ),
        _by_field(
            "channels", _("Cases by channel"), opened, "channel", dict(Channel.choices), None
        ),
        _kept_together_board(),
    ]
    return tables


def metrics_table_export(
    *, user, date_range: DateRange, period: str, key: str
) -> MetricTable | None:
    """One table of the dashboard for a CSV download, recorded as an export; None if unknown."""
    found = next(
        (t for t in metrics_dashboard(date_range=date_range, period=period) if t.key == key), None
    )
    if found is not None:
        audit_record(
            actor=user,
            action=AuditAction.EXPORT,
            operation="dashboard_export",
            detail={"table": key, "start": str(date_range.start), "end": str(date_range.end)},
        )
    return found


def _opened_resolved(opened, resolved, period: str) -> MetricTable:
    trunc = TruncWeek if period == "week" else TruncMonth
    opened_rows = (
        opened.order_by().annotate(p=trunc("opened_at")).values("p").annotate(n=Count("id"))
    )
    resolved_rows = (
        resolved.order_by().annotate(p=trunc("resolved_at")).values("p").annotate(n=Count("id"))
    )
    by_period: dict = {}
    for row in opened_rows:
        by_period.setdefault(_as_date(row["p"]), [0, 0])[0] = row["n"]
    for row in resolved_rows:
        by_period.setdefault(_as_date(row["p"]), [0, 0])[1] = row["n"]
    fmt = "DATE_FORMAT" if period == "week" else "YEAR_MONTH_FORMAT"  # as every page writes days
    table = MetricTable(
        key="opened_resolved",
        title=str(_("Cases opened and resolved per week"))
        if period == "week"
        else str(_("Cases opened and resolved per month")),
        columns=[
            _("Week starting") if period == "week" else _("Month"),
            _("Opened"),
            _("Resolved"),
        ],
    )
    for day in sorted(by_period):
        table.rows.append([date_format(day, fmt), *by_period[day]])
    return table


def _as_date(value) -> datetime.date:
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.date()
    return value


def _open_by_status_priority() -> MetricTable:
    rows = (
        Case.objects.filter(status__in=OPEN_STATUSES)
        .order_by()
        .values("status", "priority")
        .annotate(n=Count("id"))
    )
    grid = {(r["status"], r["priority"]): r["n"] for r in rows}
    table = MetricTable(
        key="open_by_status",
        title=str(_("Open cases by status and priority")),
        columns=[_("Status"), *[label for _v, label in Priority.choices], _("Total")],
    )
    for status in OPEN_STATUSES:
        counts = [grid.get((status, p), 0) for p in Priority.values]
        table.rows.append([Status(status).label, *counts, sum(counts)])
        table.links.append(_queue_link(status=status))
    return table


def _overdue_followups() -> MetricTable:
    """Overdue follow-ups per case manager of their cases, so that each row's drill-down (the
    queue's cases of that case manager with an overdue follow-up) lists the cases counted."""
    today = timezone.localdate()
    rows = (
        followups_pending()
        .filter(due_on__lt=today)
        .order_by()
        .values(
            "case__assignee",
            "case__assignee__first_name",
            "case__assignee__last_name",
            "case__assignee__username",
        )
        .annotate(cases=Count("case", distinct=True), n=Count("id"))
        .order_by("-n", "case__assignee")
    )
    table = MetricTable(
        key="overdue_followups",
        title=str(_("Overdue follow-ups")),
        columns=[_("Case manager"), _("Cases"), _("Overdue")],
    )
    for row in rows:
        name = (
            f"{row['case__assignee__first_name']} {row['case__assignee__last_name']}".strip()
            or row["case__assignee__username"]
            or str(_("Nobody"))
        )
        table.rows.append([name, row["cases"], row["n"]])
        table.links.append(
            _queue_link(assignee=row["case__assignee"] or "unassigned", overdue="on", status="all")
        )
    return table


def _first_contact(opened) -> MetricTable:
    contacted = opened.filter(first_contact_at__isnull=False)
    if connection.vendor == "postgresql":
        median = contacted.aggregate(m=Median(F("first_contact_at") - F("opened_at")))["m"]
    else:
        waits = [
            first - start for start, first in contacted.values_list("opened_at", "first_contact_at")
        ]
        median = statistics.median(waits) if waits else None
    total = opened.count()
    waiting = opened.filter(first_contact_at__isnull=True, status__in=OPEN_STATUSES).count()
    return MetricTable(
        key="first_contact",
        title=str(_("Time to first contact")),
        columns=[_("Measure"), _("Value")],
        rows=[
            [_("Median hours from opening to first contact"), _hours(median)],
            [_("Cases opened"), total],
            [_("Open cases not contacted yet"), waiting],
        ],
    )


def _outcomes(resolved) -> MetricTable:
    case_counts = dict(
        resolved.order_by()
        .values_list("outcome")
        .annotate(n=Count("id"))
        .values_list("outcome", "n")
    )
    pet_counts = dict(
        CasePet.objects.filter(case__in=resolved.values("pk"))
        .exclude(outcome="")
        .order_by()
        .values_list("outcome")
        .annotate(n=Count("id"))
        .values_list("outcome", "n")
    )
    total_pets = sum(pet_counts.values())
    kept = sum(pet_counts.get(o, 0) for o in KEPT_TOGETHER_OUTCOMES)
    table = MetricTable(
        key="outcomes",
        title=str(_("Outcomes of resolved cases")),
        columns=[_("Outcome"), _("Cases"), _("Pets"), _("Share of pets")],
        note=str(
            _("Pets kept with their families (kept, reunited or in temporary care): %(share)s")
            % {"share": f"{(100 * kept / total_pets):.0f}%" if total_pets else "—"}
        ),
    )
    for value, label in Outcome.choices:
        pets = pet_counts.get(value, 0)
        share = f"{(100 * pets / total_pets):.0f}%" if total_pets else "—"
        table.rows.append([label, case_counts.get(value, 0), pets, share])
    return table


def _vocabulary_counts(key, title, model, choices, param, opened, range_params) -> MetricTable:
    counts = dict(
        model.objects.filter(case__in=opened.values("pk"))
        .order_by()
        .values_list("code")
        .annotate(n=Count("id"))
        .values_list("code", "n")
    )
    table = MetricTable(key=key, title=str(title), columns=[title, _("Cases")])
    for value, label in sorted(choices.choices, key=lambda c: -counts.get(c[0], 0)):
        table.rows.append([label, counts.get(value, 0)])
        table.links.append(_queue_link(**range_params, **{param: value}) if param else "")
    return table


def _by_field(key, title, opened, field_name, labels, range_params) -> MetricTable:
    counts = opened.order_by().values_list(field_name).annotate(n=Count("id")).order_by("-n")
    table = MetricTable(key=key, title=str(title), columns=[_("Name"), _("Cases")])
    for value, n in counts:
        table.rows.append([labels.get(value, value), n])
        table.links.append(
            _queue_link(**range_params, **{field_name: value}) if range_params else ""
        )
    return table


def _kept_together_board() -> MetricTable:
    """The friendly competition: families helped to stay together this month, per case manager."""
    today = timezone.localdate()
    start = timezone.make_aware(datetime.datetime.combine(today.replace(day=1), datetime.time.min))
    rows = (
        Case.objects.filter(resolved_at__gte=start, assignee__isnull=False)
        .order_by()
        .values("assignee__first_name", "assignee__last_name", "assignee__username")
        .annotate(
            kept=Count("id", filter=Q(outcome__in=KEPT_TOGETHER_OUTCOMES)),
            resolved=Count("id"),
        )
        .order_by("-kept", "-resolved", "assignee__first_name")
    )
    table = MetricTable(
        key="kept_together_board",
        title=str(_("Families helped to stay together this month")),
        columns=[_("Case manager"), _("Families kept together"), _("Cases resolved")],
    )
    for row in rows:
        name = (
            f"{row['assignee__first_name']} {row['assignee__last_name']}".strip()
            or row["assignee__username"]
        )
        table.rows.append([name, row["kept"], row["resolved"]])
    return table
