"""The lists of work: the case queue, its CSV export, and "My follow-ups"."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.spreadsheets import Echo, csv_writer

from .. import followups, selectors
from ..filters import CaseFilter
from ..vocabulary import Status
from .base import BackofficeView

QUEUE_PAGE_SIZE = 25


class _KnownCountPaginator(Paginator):
    def __init__(self, object_list, per_page, *, count: int):
        super().__init__(object_list, per_page)
        self._known_count = count

    @property
    def count(self):
        return self._known_count

    def number_shown(self, number) -> int:
        """The number of the page ``get_page(number)`` shows."""
        try:
            return self.validate_number(number)
        except PageNotAnInteger:
            return 1
        except EmptyPage:
            return self.num_pages


class QueueView(BackofficeView):
    def get(self, request):
        user = request.user
        filterset = CaseFilter(request.GET, queryset=selectors.case_queue(user=user), user=user)
        selectors.case_queue_search_record(user=user, filters=_recordable(request.GET))
        counts = selectors.case_status_counts(
            user=user,
            narrow=lambda cases: filterset.filter_queryset_except(cases, skip=("status", "sort")),
        )
        status = filterset.form.cleaned_data.get("status") if filterset.is_valid() else None
        if status in counts:  # the tab's count is the list's: no second count
            paginator = _KnownCountPaginator(None, QUEUE_PAGE_SIZE, count=counts[status])
            # The page shown says how many of the list's rows are read (a search reads no more).
            filterset.rows_read = paginator.number_shown(request.GET.get("page")) * QUEUE_PAGE_SIZE
            paginator.object_list = filterset.qs
        else:
            paginator = Paginator(filterset.qs, QUEUE_PAGE_SIZE)
        page = paginator.get_page(request.GET.get("page"))
        params = request.GET.copy()
        params.pop("page", None)
        status_params = request.GET.copy()
        status_params.pop("page", None)
        status_tabs = []
        for value, label in [("open", _("Open")), *Status.choices, ("all", _("All"))]:
            status_params["status"] = value
            status_tabs.append(
                {
                    "value": value,
                    "label": label,
                    "count": counts.get(value, 0),
                    "query": status_params.urlencode(),
                    "current": filterset.form.data.get("status") == value,
                }
            )
        return self.render(
            "backoffice/queue.html",
            {
                "filter": filterset,
                "page_obj": page,
                "cases": page.object_list,
                "status_tabs": status_tabs,
                "query_string": params.urlencode(),
                "today": timezone.localdate(),
            },
        )


class QueueExportView(BackofficeView):
    """The filtered queue as CSV (no more than the user could see on screen)."""

    def get(self, request):
        user = request.user
        filterset = CaseFilter(request.GET, queryset=selectors.case_queue(user=user), user=user)
        rows = selectors.case_queue_export(
            user=user, cases=filterset.qs, filters=_recordable(request.GET)
        )
        writer = csv_writer(Echo())
        response = StreamingHttpResponse(
            (writer.writerow(row) for row in rows), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = 'attachment; filename="cases.csv"'
        return response


def _recordable(query) -> dict:
    """The filters as the audit log records them: text PostgreSQL's JSON can hold (no NUL)."""
    return {key.replace("\x00", ""): value.replace("\x00", "") for key, value in query.items()}


class FollowupsView(BackofficeView):
    def get(self, request):
        groups = followups.followups_for_user(user=request.user)
        return self.render(
            "backoffice/followups.html",
            {
                "overdue": groups["overdue"],
                "due_today": groups["today"],
                "upcoming": groups["upcoming"],
                "today": timezone.localdate(),
            },
        )
