"""Moderating the lost and found board: the queue of reports waiting for approval (and those on
the board now), approving and hiding one, and the photos staff look at before they decide.

Only staff who may moderate (``permissions.user_can_moderate``) see the queue or act on it; the
services check again. A photo is shown to staff who may see its case, whatever the board says.
"""

import posixpath
import uuid

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.digits import whole_number
from core.private_files import private_file_response

from .. import permissions
from ..audit import audit_record
from ..board import report_on_board, reports_to_moderate
from ..models import AuditAction, PetReport, ReportPhoto
from ..services import board as board_services
from .base import BackofficeView


class ReportHideForm(forms.Form):
    """Why a report is hidden from the board (staff read it on the case's timeline)."""

    reason = forms.CharField(
        label=gettext_lazy("Why hide it?"),
        max_length=board_services.HIDE_REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Staff read this on the case. The reporter does not see it."),
    )


class BoardQueueView(BackofficeView):
    """``?show=board``: the reports on the board now; otherwise those waiting for approval."""

    def get(self, request):
        if not permissions.user_can_moderate(request.user):
            raise PermissionDenied
        on_board = request.GET.get("show") == "board"
        reports = list(reports_to_moderate(user=request.user, on_board=on_board)[:200])
        audit_record(
            actor=request.user,
            action=AuditAction.VIEW,
            operation="board_queue",
            detail={"show": "board" if on_board else "waiting", "count": len(reports)},
        )
        return self.render(
            "backoffice/board_queue.html",
            {"reports": reports, "on_board": on_board, "hide_form": ReportHideForm()},
        )


def _report_or_404(user, report_id) -> PetReport:
    """The report to moderate: a 403 for staff who may not moderate (before any form is read),
    a 404 for a report of a case this user may not see."""
    if not permissions.user_can_moderate(user):
        raise PermissionDenied
    number = whole_number(report_id)
    report = PetReport.objects.select_related("case").filter(pk=number).first() if number else None
    if report is None or not permissions.user_can_see_case(user, report.case):
        raise Http404
    return report


def _back(request) -> HttpResponseRedirect:
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ) or not target.startswith("/backoffice/"):
        target = reverse("backoffice:board_queue")
    return HttpResponseRedirect(target)


class ReportApproveView(BackofficeView):
    def post(self, request, report_id):
        report = _report_or_404(request.user, report_id)
        try:
            board_services.report_approve(report=report, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("The report of case %(reference)s is on the board.")
                % {"reference": report.case.reference},
            )
        return _back(request)


class ReportHideView(BackofficeView):
    def post(self, request, report_id):
        report = _report_or_404(request.user, report_id)
        form = ReportHideForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Say why the report is hidden."))
            return _back(request)
        try:
            board_services.report_hide(
                report=report, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("The report of case %(reference)s is hidden from the board.")
                % {"reference": report.case.reference},
            )
        return _back(request)


def board_state(case) -> dict:
    """The case page's board panel: its report (None for a case without one) and whether the
    report is on the board now."""
    try:
        report = case.pet_report
    except PetReport.DoesNotExist:
        return {"board_report": None, "board_live": False}
    return {"board_report": report, "board_live": report_on_board(report)}


class ReportPhotoView(BackofficeView):
    """A report's photo for staff who may see its case (a 404 for anyone else)."""

    def get(self, request, public_id):
        try:
            key = uuid.UUID(str(public_id))
        except ValueError:
            raise Http404 from None
        photo = ReportPhoto.objects.select_related("report__case").filter(public_id=key).first()
        if photo is None or not permissions.user_can_see_case(request.user, photo.report.case):
            raise Http404
        extension = posixpath.splitext(photo.file.name)[1].lower()
        return private_file_response(photo.file.name, download_name=f"{photo.public_id}{extension}")
