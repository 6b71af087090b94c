"""The review queue: listings past their verification date and visitors' problem reports."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from messaging.vocabulary import Status as MessageStatus

from .forms import ProblemReportReplyForm
from .models import ProblemReport, Resource
from .services import (
    listing_verify,
    problem_report_reply,
    problem_report_reply_channel,
    problem_report_resolve,
)

PERMISSION = "directory.change_resource"


def listings_to_review():
    """Public listings past their verification date, the longest unchecked first."""
    return Resource.objects.public().needs_review().order_by("last_verified_at", "pk")


def reports_open():
    return ProblemReport.objects.filter(resolved_at__isnull=True)


@permission_required(PERMISSION, raise_exception=True)
def review_queue(request):
    stale = listings_to_review().select_related("organization", "last_verified_by")
    reports = reports_open().select_related("resource", "replied_by", "reply_message")
    return TemplateResponse(
        request,
        "directory/admin/review_queue.html",
        {
            "page_title": _("Listings to review"),
            "header_icon": "tasks",
            "stale": Paginator(stale, 50).get_page(request.GET.get("p")),
            "reports": [(report, problem_report_reply_channel(report)) for report in reports[:100]],
            "report_count": reports.count(),
        },
    )


@require_POST
@permission_required(PERMISSION, raise_exception=True)
def verify(request, pk):
    resource = get_object_or_404(Resource, pk=pk)
    listing_verify(resource=resource, user=request.user)
    messages.success(request, _("“%(name)s” is marked as checked today.") % {"name": resource.name})
    return redirect("directory_review")


@require_POST
@permission_required(PERMISSION, raise_exception=True)
def resolve_report(request, pk):
    report = get_object_or_404(ProblemReport, pk=pk, resolved_at__isnull=True)
    problem_report_resolve(report=report, user=request.user)
    messages.success(
        request, _("The report about “%(name)s” is resolved.") % {"name": report.resource.name}
    )
    return redirect("directory_review")


@require_POST
@permission_required(PERMISSION, raise_exception=True)
def reply_report(request, pk):
    """Keep a reply note with a report and, when asked and allowed, send it to the reporter."""
    report = get_object_or_404(ProblemReport.objects.select_related("resource"), pk=pk)
    form = ProblemReportReplyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write the reply note before saving it."))
        return redirect("directory_review")
    problem_report_reply(
        report=report,
        user=request.user,
        note=form.cleaned_data["note"],
        send=form.cleaned_data["send"],
    )
    name = report.resource.name
    if report.reply_message is not None and report.reply_message.status != MessageStatus.SUPPRESSED:
        messages.success(
            request,
            _("The reply about “%(name)s” is kept with the report and sent to the reporter.")
            % {"name": name},
        )
    elif form.cleaned_data["send"]:
        messages.warning(
            request,
            _(
                "The reply about “%(name)s” is kept with the report. It was not sent: the "
                "reporter left no phone or email we may use for a reply, or asked for no messages."
            )
            % {"name": name},
        )
    else:
        messages.success(
            request, _("The reply about “%(name)s” is kept with the report.") % {"name": name}
        )
    return redirect("directory_review")
