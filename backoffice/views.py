"""Thin views: check access, validate a form, call one service or selector, render."""

import csv
import json

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse, HttpResponseRedirect, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.utils.translation import gettext as _
from django.views import View

from . import metrics, permissions, selectors, services
from .filters import CaseFilter
from .forms import (
    AssignForm,
    CaseDetailsForm,
    CaseOpenForm,
    DashboardForm,
    FollowupCompleteForm,
    FollowupForm,
    MergeForm,
    NoteForm,
    PersonForm,
    PetAddForm,
    PetFormSet,
    ReferForm,
    ReferralStatusForm,
    ReopenForm,
    ResolveForm,
    StatusForm,
    TransferForm,
)
from .models import AuditAction, FollowUp, Person, Referral
from .vocabulary import Status

QUEUE_PAGE_SIZE = 25
EXPORT_MAX_ROWS = 20_000


class BackofficeView(View):
    """Base of every back-office view.

    Anonymous visitors go to the Wagtail admin login (with ?next=); signed-in users without the
    back-office permission get a 403 page. The page speaks the staff member's Wagtail admin
    language, or the browser's when they have not chosen one.
    """

    supervisor_only = False

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        language = selectors.user_preferred_language(user) or translation.get_language_from_request(
            request
        )
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        if not permissions.user_can_access(user) or (
            self.supervisor_only and not permissions.user_is_supervisor(user)
        ):
            response = TemplateResponse(request, "backoffice/403.html", status=403)
        else:
            response = super().dispatch(request, *args, **kwargs)
        patch_vary_headers(response, ("Cookie", "Accept-Language"))
        add_never_cache_headers(response)
        return response

    def render(self, template, context=None, status=200):
        context = context or {}
        context.setdefault("is_supervisor", permissions.user_is_supervisor(self.request.user))
        context.setdefault("nav_overdue", selectors.followups_overdue_count(user=self.request.user))
        return TemplateResponse(self.request, template, context, status=status)


def _form_errors_from(exc: ValidationError, form) -> None:
    """Show a service's ValidationError on the form that called it."""
    if hasattr(exc, "error_dict"):
        for field_name, errors in exc.message_dict.items():
            form.add_error(field_name if field_name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


# --- Queue ----------------------------------------------------------------------------------------


class _KnownCountPaginator(Paginator):
    def __init__(self, object_list, per_page, *, count: int):
        super().__init__(object_list, per_page)
        self._known_count = count

    @property
    def count(self):
        return self._known_count


class QueueView(BackofficeView):
    def get(self, request):
        user = request.user
        filterset = CaseFilter(request.GET, queryset=selectors.case_queue(user=user), user=user)
        counts = selectors.case_status_counts(
            queryset=filterset.filter_queryset_except(
                selectors.cases_visible(user=user), skip=("status", "sort")
            )
        )
        status = filterset.form.cleaned_data.get("status") if filterset.is_valid() else None
        if status in counts:  # the tab's count is the list's: no second count
            paginator = _KnownCountPaginator(filterset.qs, QUEUE_PAGE_SIZE, count=counts[status])
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
        rows = filterset.qs[:EXPORT_MAX_ROWS]
        services.audit_record(
            actor=user,
            action=AuditAction.EXPORT,
            operation="queue_export",
            detail={"filters": request.GET.dict()},
        )

        def lines():
            writer = csv.writer(_Echo())
            yield writer.writerow(
                [
                    _("Reference"),
                    _("Opened"),
                    _("Type"),
                    _("Status"),
                    _("Priority"),
                    _("Case manager"),
                    _("Language"),
                    _("Needs"),
                    _("Name"),
                ]
            )
            for case in rows.iterator(chunk_size=500):
                yield writer.writerow(
                    [
                        case.reference,
                        timezone.localtime(case.opened_at).date().isoformat(),
                        case.get_case_type_display(),
                        case.get_status_display(),
                        case.get_priority_display(),
                        (case.assignee.get_full_name() or case.assignee.get_username())
                        if case.assignee
                        else "",
                        case.get_language_display(),
                        "; ".join(str(n.get_code_display()) for n in case.needs.all()),
                        case.person.name,
                    ]
                )

        response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="cases.csv"'
        return response


class _Echo:
    def write(self, value):
        return value


# --- Opening a case -------------------------------------------------------------------------------


class CaseCreateView(BackofficeView):
    """Hotline calls and walk-ins: the same fields and validation as every intake channel."""

    template = "backoffice/case_form.html"

    def get(self, request):
        person = self._existing_person(request)
        initial = {}
        if request.GET.get("channel"):
            initial["channel"] = request.GET["channel"]
        return self._render(
            CaseOpenForm(initial=initial),
            None if person else PersonForm(prefix="person"),
            PetFormSet(prefix="pets"),
            person,
        )

    def post(self, request):
        person = self._existing_person(request)
        form = CaseOpenForm(request.POST)
        person_form = None if person else PersonForm(request.POST, prefix="person")
        pet_formset = PetFormSet(request.POST, prefix="pets")
        valid = all(
            [form.is_valid(), person_form is None or person_form.is_valid(), pet_formset.is_valid()]
        )
        if valid:
            data = form.cleaned_data
            try:
                case = services.case_open(
                    case_type=data["case_type"],
                    channel=data["channel"],
                    person=person_form.details() if person_form else None,
                    existing_person=person,
                    pets=[d for f in pet_formset.forms if f.has_changed() and (d := f.details())],
                    needs=data["needs"],
                    reasons=data["reasons"],
                    urgency=data["urgency"],
                    at_risk_of_losing_pet=data["at_risk_of_losing_pet"],
                    safety_concern=data["safety_concern"],
                    confidential=data["confidential"],
                    summary=data["summary"],
                    client_token=data["client_token"],
                    opened_by=request.user,
                    assignee=data["assignee"],
                )
            except ValidationError as exc:
                _form_errors_from(exc, form)
            else:
                messages.success(
                    request, _("Case %(reference)s opened.") % {"reference": case.reference}
                )
                return HttpResponseRedirect(reverse("backoffice:case", args=[case.reference]))
        return self._render(form, person_form, pet_formset, person, status=400)

    def _existing_person(self, request):
        person_id = request.GET.get("person")
        if not person_id or not person_id.isdigit():
            return None
        person, _cases = selectors.person_get(user=request.user, person_id=int(person_id))
        return person

    def _render(self, form, person_form, pet_formset, person, status=200):
        return self.render(
            self.template,
            {
                "form": form,
                "person_form": person_form,
                "pet_formset": pet_formset,
                "person": person,
            },
            status=status,
        )


# --- The case page --------------------------------------------------------------------------------


class CaseDetailView(BackofficeView):
    template = "backoffice/case_detail.html"

    def get(self, request, reference):
        return self.case_page(request, reference)

    def case_page(self, request, reference, bound=None, status=200):
        user = request.user
        case = selectors.case_get(user=user, reference=reference)
        services.audit_record(actor=user, action=AuditAction.VIEW, operation="case_view", case=case)
        pets = [cp.pet for cp in case.case_pets.all()]
        is_supervisor = permissions.user_is_supervisor(user)
        forms = {
            "note_form": NoteForm(),
            "followup_form": FollowupForm(),
            "refer_form": ReferForm(),
            "status_form": StatusForm(),
            "resolve_form": ResolveForm(pets=pets),
            "reopen_form": ReopenForm(),
            "assign_form": AssignForm(),
            "transfer_form": TransferForm(),
        }
        if bound:
            forms.update(bound)
        status_choices = [
            (value, label)
            for value, label in forms["status_form"].fields["status"].choices
            if value in services.STATUS_TRANSITIONS.get(case.status, set())
            and (value != Status.CLOSED or is_supervisor)
        ]
        forms["status_form"].fields["status"].choices = status_choices
        followups = list(case.followups.all())
        return self.render(
            self.template,
            {
                "case": case,
                "person": case.person,
                "pets": case.case_pets.all(),
                "timeline": selectors.case_timeline(case=case),
                "followups_pending": [f for f in followups if f.done_at is None],
                "followups_done": [f for f in followups if f.done_at is not None],
                "referrals": case.referrals.all(),
                "referral_status_choices": ReferralStatusForm.base_fields["status"].choices,
                "today": timezone.localdate(),
                "can_assign_self": case.assignee_id is None,
                "can_transfer": permissions.user_can_transfer(user, case),
                "status_choices": status_choices,
                "is_supervisor": is_supervisor,
                **forms,
            },
            status=status,
        )


class CaseActionView(CaseDetailView):
    """POST-only actions on a case; each names its form and the service it calls."""

    form_class = None
    form_name = ""
    form_kwargs: dict = {}
    success_message = ""

    # Actions with a page of their own (a longer form) show it on GET; the others are POST-only.
    page_template = ""

    def get(self, request, reference):
        if self.page_template:
            case = selectors.case_get(user=request.user, reference=reference)
            return self.action_page(case, self.unbound_form(case))
        if not selectors.cases_visible(user=request.user).filter(reference=reference).exists():
            raise Http404
        return HttpResponseRedirect(reverse("backoffice:case", args=[reference]))

    def unbound_form(self, case):
        return self.form_class()

    def action_page(self, case, form, status=200):
        return self.render(self.page_template, {"case": case, "form": form}, status=status)

    def post(self, request, reference):
        form = self.build_form(request, reference)
        if form.is_valid():
            try:
                with transaction.atomic():
                    case = selectors.case_for_update(user=request.user, reference=reference)
                    self.perform(request, case, form.cleaned_data)
            except ValidationError as exc:
                _form_errors_from(exc, form)
            else:
                if self.success_message:
                    messages.success(request, self.success_message)
                return HttpResponseRedirect(
                    reverse("backoffice:case", args=[reference]) + self.anchor
                )
        if self.page_template:
            case = selectors.case_get(user=request.user, reference=reference)
            return self.action_page(case, form, status=400)
        return self.case_page(request, reference, bound={self.form_name: form}, status=400)

    anchor = ""

    def build_form(self, request, reference):
        return self.form_class(request.POST)

    def perform(self, request, case, data):  # pragma: no cover - every subclass overrides it
        raise NotImplementedError


class CaseNoteView(CaseActionView):
    form_class, form_name, anchor = NoteForm, "note_form", "#timeline"

    def perform(self, request, case, data):
        services.case_note_add(case=case, actor=request.user, kind=data["kind"], body=data["body"])


class CaseAssignView(CaseActionView):
    form_class, form_name = AssignForm, "assign_form"

    def build_form(self, request, reference):
        if request.POST.get("take") == "1":
            return AssignForm({"assignee": request.user.pk})
        return AssignForm(request.POST)

    def perform(self, request, case, data):
        services.case_assign(case=case, assignee=data["assignee"], actor=request.user)


class CaseTransferView(CaseActionView):
    form_class, form_name = TransferForm, "transfer_form"

    def perform(self, request, case, data):
        services.case_transfer(
            case=case, assignee=data["assignee"], actor=request.user, reason=data["reason"]
        )


class CaseStatusView(CaseActionView):
    form_class, form_name = StatusForm, "status_form"

    def perform(self, request, case, data):
        services.case_status_set(
            case=case, actor=request.user, status=data["status"], note=data["note"]
        )


class CaseFollowupView(CaseActionView):
    form_class, form_name, anchor = FollowupForm, "followup_form", "#followups"

    def perform(self, request, case, data):
        services.case_followup_add(
            case=case,
            actor=request.user,
            due_on=data["due_on"],
            assignee=data["assignee"],
            note=data["note"],
        )


class CaseFollowupCompleteView(CaseActionView):
    form_class, form_name, anchor = FollowupCompleteForm, "followup_complete_form", "#followups"

    def perform(self, request, case, data):
        followup = get_object_or_404(FollowUp, pk=data["followup"], case=case)
        services.case_followup_complete(followup=followup, actor=request.user, note=data["note"])


class CaseReferView(CaseActionView):
    form_class, form_name, anchor = ReferForm, "refer_form", "#referrals"

    def perform(self, request, case, data):
        services.case_refer(
            case=case,
            actor=request.user,
            resource=data["resource"],
            partner_name=data["partner_name"],
            status=data["status"],
            note=data["note"],
        )


class CaseReferralStatusView(CaseActionView):
    form_class, form_name, anchor = ReferralStatusForm, "referral_status_form", "#referrals"

    def perform(self, request, case, data):
        referral = get_object_or_404(Referral, pk=data["referral"], case=case)
        services.referral_status_set(
            referral=referral, actor=request.user, status=data["status"], note=data["note"]
        )


class CaseResolveView(CaseActionView):
    form_name = "resolve_form"

    def build_form(self, request, reference):
        case = selectors.case_get(user=request.user, reference=reference)
        self.form = ResolveForm(request.POST, pets=[cp.pet for cp in case.case_pets.all()])
        return self.form

    def perform(self, request, case, data):
        services.case_resolve(
            case=case,
            actor=request.user,
            outcome=data["outcome"],
            outcome_notes=data["outcome_notes"],
            pet_outcomes=self.form.pet_outcomes(),
        )


class CaseReopenView(CaseActionView):
    form_class, form_name = ReopenForm, "reopen_form"

    def perform(self, request, case, data):
        services.case_reopen(case=case, actor=request.user, reason=data["reason"])


class CaseDetailsView(CaseActionView):
    form_class, form_name = CaseDetailsForm, "details_form"
    page_template = "backoffice/case_details_form.html"

    def unbound_form(self, case):
        return CaseDetailsForm(
            initial={
                "case_type": case.case_type,
                "needs": [n.code for n in case.needs.all()],
                "reasons": [r.code for r in case.reasons.all()],
                "urgency": case.urgency,
                "at_risk_of_losing_pet": case.at_risk_of_losing_pet,
                "safety_concern": case.safety_concern,
                "confidential": case.confidential,
            }
        )

    def perform(self, request, case, data):
        services.case_details_update(case=case, actor=request.user, **data)


class CasePetAddView(CaseActionView):
    form_name = "pet_form"
    page_template = "backoffice/case_pet_form.html"
    anchor = "#pets"

    def unbound_form(self, case):
        return PetAddForm(prefix="pet")

    def build_form(self, request, reference):
        return PetAddForm(request.POST, prefix="pet")

    def perform(self, request, case, data):
        services.case_pet_add(case=case, actor=request.user, pet=services.PetDetails(**data))


def _action_guard(view_class):
    """Actions raise PermissionDenied from services; show the 403 page rather than a 500."""

    def view(request, *args, **kwargs):
        try:
            return view_class.as_view()(request, *args, **kwargs)
        except PermissionDenied:
            return TemplateResponse(request, "backoffice/403.html", status=403)

    return view


CASE_ACTIONS = {
    "note": CaseNoteView,
    "assign": CaseAssignView,
    "transfer": CaseTransferView,
    "status": CaseStatusView,
    "followup": CaseFollowupView,
    "followup-complete": CaseFollowupCompleteView,
    "refer": CaseReferView,
    "referral-status": CaseReferralStatusView,
    "resolve": CaseResolveView,
    "reopen": CaseReopenView,
    "details": CaseDetailsView,
    "pet": CasePetAddView,
}
CASE_ACTION_VIEWS = {name: _action_guard(cls) for name, cls in CASE_ACTIONS.items()}


# --- People ---------------------------------------------------------------------------------------


class PersonDetailView(BackofficeView):
    def get(self, request, person_id):
        person, cases = selectors.person_get(user=request.user, person_id=person_id)
        services.audit_record(
            actor=request.user,
            action=AuditAction.VIEW,
            operation="person_view",
            person=person,
            detail={"confidential_cases": [c.reference for c in cases if c.confidential]},
        )
        is_supervisor = permissions.user_is_supervisor(request.user)
        return self.render(
            "backoffice/person_detail.html",
            {
                "person": person,
                "cases": cases,
                "pets": person.pets.all(),
                "duplicates": selectors.person_duplicates(person=person) if is_supervisor else [],
                "today": timezone.localdate(),
            },
        )


class PersonEditView(BackofficeView):
    template = "backoffice/person_form.html"

    def get(self, request, person_id):
        person, _cases = selectors.person_get(user=request.user, person_id=person_id)
        return self.render(self.template, {"person": person, "form": PersonForm(instance=person)})

    def post(self, request, person_id):
        person, _cases = selectors.person_get(user=request.user, person_id=person_id)
        form = PersonForm(request.POST, instance=Person.objects.get(pk=person.pk))
        if form.is_valid():
            try:
                services.person_update(person=person, actor=request.user, details=form.details())
            except ValidationError as exc:
                _form_errors_from(exc, form)
            else:
                messages.success(request, _("Contact details saved."))
                return HttpResponseRedirect(reverse("backoffice:person", args=[person.pk]))
        return self.render(self.template, {"person": person, "form": form}, status=400)


class PersonExportView(BackofficeView):
    """Everything held about a person, as JSON, for an access request (supervisors)."""

    supervisor_only = True

    def get(self, request, person_id):
        person = get_object_or_404(Person, pk=person_id)
        services.audit_record(
            actor=request.user, action=AuditAction.EXPORT, operation="person_export", person=person
        )
        data = selectors.person_export(person=person)
        response = HttpResponse(
            json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json"
        )
        response["Content-Disposition"] = f'attachment; filename="person-{person.pk}.json"'
        return response


class PersonMergeView(BackofficeView):
    supervisor_only = True
    template = "backoffice/person_merge.html"

    def get(self, request, person_id):
        person = get_object_or_404(Person, pk=person_id)
        initial = {"target": request.GET.get("target")} if request.GET.get("target") else {}
        return self.render(self.template, {"person": person, "form": MergeForm(initial=initial)})

    def post(self, request, person_id):
        person = get_object_or_404(Person, pk=person_id)
        form = MergeForm(request.POST)
        if form.is_valid():
            target = Person.objects.filter(pk=form.cleaned_data["target"]).first()
            if target is None:
                form.add_error("target", _("There is no record with this number."))
            else:
                try:
                    services.person_merge(source=person, target=target, actor=request.user)
                except ValidationError as exc:
                    _form_errors_from(exc, form)
                else:
                    messages.success(request, _("Records merged."))
                    return HttpResponseRedirect(reverse("backoffice:person", args=[target.pk]))
        return self.render(self.template, {"person": person, "form": form}, status=400)


# --- Follow-ups, dashboard, audit -----------------------------------------------------------------


class FollowupsView(BackofficeView):
    def get(self, request):
        groups = selectors.followups_for_user(user=request.user)
        return self.render(
            "backoffice/followups.html",
            {
                "overdue": groups["overdue"],
                "due_today": groups["today"],
                "upcoming": groups["upcoming"],
                "today": timezone.localdate(),
            },
        )


def _dashboard_tables(request):
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
    return form, date_range, period, metrics.metrics_dashboard(date_range=date_range, period=period)


class DashboardView(BackofficeView):
    supervisor_only = True

    def get(self, request):
        form, date_range, period, tables = _dashboard_tables(request)
        query = request.GET.urlencode()
        return self.render(
            "backoffice/dashboard.html",
            {
                "form": form,
                "date_range": date_range,
                "period": period,
                "tables": tables,
                "query_string": query,
            },
        )


class DashboardCSVView(BackofficeView):
    supervisor_only = True

    def get(self, request, table):
        _form, date_range, _period, tables = _dashboard_tables(request)
        found = next((t for t in tables if t.key == table), None)
        if found is None:
            raise Http404
        services.audit_record(
            actor=request.user,
            action=AuditAction.EXPORT,
            operation="dashboard_export",
            detail={"table": table, "start": str(date_range.start), "end": str(date_range.end)},
        )
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="{table}-{date_range.start}-{date_range.end}.csv"'
        )
        writer = csv.writer(response)
        writer.writerow([str(c) for c in found.columns])
        for row in found.rows:
            writer.writerow([str(v) for v in row])
        return response


class AuditLogView(BackofficeView):
    supervisor_only = True

    def get(self, request):
        entries = selectors.audit_entries(case_reference=request.GET.get("case", ""))
        page = Paginator(entries, 50).get_page(request.GET.get("page"))
        params = request.GET.copy()
        params.pop("page", None)
        return self.render(
            "backoffice/audit_log.html",
            {
                "page_obj": page,
                "entries": page.object_list,
                "query_string": params.urlencode(),
                "case_filter": request.GET.get("case", ""),
            },
        )
