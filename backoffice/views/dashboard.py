"""What supervisors oversee: the metrics dashboard, its CSV tables, and the audit log."""

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse

from core.spreadsheets import csv_writer

from .. import metrics, selectors
from ..forms import DashboardForm
from .base import BackofficeView


def _dashboard_range(request):
    form = DashboardForm(request.GET or None)
    date_range = metrics.DateRange.last_year()
    period = "month"
    if form.is_bound and form.is_valid():
        default = metrics.DateRange.last_year()
        date_range = metrics.DateRange(
            start=form.cleaned_data["start"] or default.start,
            end=form.cleaned_data["end"] or default.end,
        )
        period = form.cleaned_data["period"] or "month"
    return form, date_range, period


class DashboardView(BackofficeView):
    supervisor_only = True

    def get(self, request):
        form, date_range, period = _dashboard_range(request)
        query = request.GET.urlencode()
        return self.render(
            "backoffice/dashboard.html",
            {
                "form": form,
                "date_range": date_range,
                "period": period,
                "tables": metrics.metrics_dashboard(date_range=date_range, period=period),
                "query_string": query,
            },
        )


class DashboardCSVView(BackofficeView):
    supervisor_only = True

    def get(self, request, table):
        _form, date_range, period = _dashboard_range(request)
        found = metrics.metrics_table_export(
            user=request.user, date_range=date_range, period=period, key=table
        )
        if found is None:
            raise Http404
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="{table}-{date_range.start}-{date_range.end}.csv"'
        )
        writer = csv_writer(response)
        writer.writerow([str(c) for c in found.columns])
        writer.writerows(found.rows)
        return response


class AuditLogView(BackofficeView):
    supervisor_only = True

    def get(self, request):
        case_reference = request.GET.get("case", "").replace("\x00", "")  # PostgreSQL refuses NUL
        entries = selectors.audit_entries(case_reference=case_reference)
        page = Paginator(entries, 50).get_page(request.GET.get("page"))
        params = request.GET.copy()
        params.pop("page", None)
        return self.render(
            "backoffice/audit_log.html",
            {
                "page_obj": page,
                "rows": selectors.audit_rows(page.object_list),
                "query_string": params.urlencode(),
                "case_filter": case_reference,
            },
        )
