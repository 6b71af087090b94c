"""Opening a case (hotline and walk-in intake), the case page, and every action on a case."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from core.digits import whole_number

from .. import match_selectors, permissions, referral_search, selectors, services
from .. import messages as case_messages
from ..forms import (
    REFERABLE_ERROR,
    AssignForm,
    CaseMessageForm,
    FollowupCancelForm,
    FollowupCompleteForm,
    FollowupForm,
    MatchConfirmForm,
    MatchDismissForm,
    NoteForm,
    PersonMatchForm,
    ReferForm,
    ReferralStatusForm,
    ReminderForm,
    ReopenForm,
    ReportLinkForm,
    ResolveForm,
    ResourcePickForm,
    StatusForm,
    TransferForm,
)
from ..intake import (
    CaseDetailsForm,
    CaseOpenForm,
    PersonForm,
    PetAddForm,
    PetFormSet,
    intake_answers_shown,
)
from ..models import FollowUp, PetReport, Referral, ReportMatch
from ..services import lost_found
from ..services import matches as match_services
from .base import BackofficeView, form_errors_from
from .board import board_state

# --- Opening a case -------------------------------------------------------------------------------


class CaseCreateView(BackofficeView):
    """Hotline calls and walk-ins: the same fields and validation as every intake channel."""

    template = "backoffice/case_form.html"

    def get(self, request):
        person = self._existing_person(request, selectors.person_get)
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
        # The case opened for this person is recorded (case_open), not a second view of them.
        person = self._existing_person(request, selectors.person_visible)
        form = CaseOpenForm(request.POST)
        person_form = None if person else PersonForm(request.POST, prefix="person")
        pet_formset = PetFormSet(request.POST, prefix="pets")
        valid = all(
            [form.is_valid(), person_form is None or person_form.is_valid(), pet_formset.is_valid()]
        )
        known_people = []
        if valid and person_form is not None and not request.POST.get("person_is_new"):
            # The same rule as the survey's (``person_matches``): staff choose the known record
            # or say that this is someone else, before a second record is made.
            typed = person_form.cleaned_data
            known_people = selectors.intake_known_people(
                user=request.user,
                phone=typed.get("phone", ""),
                email=typed.get("email", ""),
                client_token=form.cleaned_data["client_token"],
            )
        if valid and not known_people:
            data = form.cleaned_data
            try:
                case = services.case_open(
                    **form.case_details(),
                    channel=data["channel"],
                    person=person_form.details() if person_form else None,
                    existing_person=person,
                    pets=[d for f in pet_formset.forms if f.has_changed() and (d := f.details())],
                    summary=data["summary"],
                    client_token=data["client_token"],
                    opened_by=request.user,
                    assignee=data["assignee"],
                )
            except ValidationError as exc:
                form_errors_from(exc, form)
            else:
                messages.success(
                    request, _("Case %(reference)s opened.") % {"reference": case.reference}
                )
                return HttpResponseRedirect(reverse("backoffice:case", args=[case.reference]))
        if known_people:
            return self._render(form, person_form, pet_formset, person, known_people=known_people)
        return self._render(form, person_form, pet_formset, person, status=400)

    def _existing_person(self, request, selector):
        person_id = whole_number(request.GET.get("person"))  # "²" and 10**20 are no one
        if not person_id:
            return None
        person, _cases = selector(user=request.user, person_id=person_id)
        return person

    def _render(self, form, person_form, pet_formset, person, status=200, known_people=()):
        return self.render(
            self.template,
            {
                "form": form,
                "person_form": person_form,
                "pet_formset": pet_formset,
                "person": person,
                "known_people": known_people,
                "pet_label": _("Pet %(number)s"),  # names a pet's errors in the summary
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
        pets = [cp.pet for cp in case.case_pets.all()]
        forms = {
            "note_form": NoteForm(),
            "followup_form": FollowupForm(case=case),
            "refer_form": None,  # set below, with the resource the search step chose
            "status_form": StatusForm(),
            "resolve_form": ResolveForm(pets=pets),
            "reopen_form": ReopenForm(),
            "assign_form": AssignForm(),
            "transfer_form": TransferForm(),
            "message_form": CaseMessageForm(
                initial={
                    "body": case_messages.case_message_start(
                        case=case, start=request.GET.get("start", "")
                    )
                }
            ),
            "reminder_form": ReminderForm(),
            "person_match_form": PersonMatchForm(),
            "match_confirm_form": MatchConfirmForm(),
            "report_link_form": ReportLinkForm(),
        }
        if bound:
            forms.update(bound)
        pick = self.resource_pick(request, case, forms["refer_form"])
        forms["refer_form"] = pick.pop("refer_form")
        forms["status_form"].moves_limit(services.case_status_moves(case=case, user=user))
        followups = list(case.followups.all())
        return self.render(
            self.template,
            {
                "case": case,
                "person": case.person,
                "pets": case.case_pets.all(),
                "intake_answers": intake_answers_shown(case.intake_answers),
                "timeline": case_messages.case_timeline_with_messages(
                    case=case, entries=selectors.case_timeline(case=case)
                ),
                "optouts": case_messages.case_optouts(case=case),
                "message_starters": [(k, v[0]) for k, v in case_messages.STARTERS.items()],
                "followups_pending": [f for f in followups if f.is_pending],
                "followups_done": [f for f in followups if f.done_at is not None],
                "followups_cancelled": [f for f in followups if f.cancelled_at is not None],
                "referrals": case.referrals.all(),
                "referral_status_choices": ReferralStatusForm.base_fields["status"].choices,
                "today": timezone.localdate(),
                "can_take": permissions.user_can_take(user, case),
                "can_transfer": permissions.user_can_transfer(user, case),
                **board_state(case),
                "report_matches": match_selectors.case_report_matches(
                    user=user, case=case, page=request.GET.get("page")
                ),
                "status_choices": forms["status_form"].fields["status"].choices,
                **forms,
                **pick,
            },
            status=status,
        )

    def resource_pick(self, request, case, refer_form) -> dict:
        """The referral form's search step (GET parameters ``find-...``), its hits, and the
        referral form with the resource chosen (``find-pick``), or the bound one of a POST that
        failed (its choice kept when it was valid)."""
        params = request.GET
        searching = any(key.startswith("find-") for key in params)
        pick_form = ResourcePickForm(params if searching else None, person=case.person)
        context = {"pick_form": pick_form, "pick_results": None, "pick_rows": [], "pick_error": ""}
        if searching:
            pick_form.is_valid()  # errors beside their fields; the valid part still applies
            query = pick_form.query(
                language=get_language(),
                page=params.get("find-page"),
                per_page=referral_search.PICK_PAGE_SIZE,
            )
            if query.text or query.has_filters:
                found, rows = referral_search.resources_for_referral(query=query)
                context.update(pick_results=found, pick_rows=rows)
            kept = params.copy()
            for key in ("find-page", "find-pick"):
                kept.pop(key, None)
            context["pick_params"] = kept.urlencode()
        chosen = None
        if refer_form is not None:  # a referral that was refused: what was typed is kept
            if refer_form.is_bound and "resource" not in refer_form.errors:
                chosen = getattr(refer_form, "cleaned_data", {}).get("resource")
        else:
            picked = params.getlist("find-pick")
            if picked:
                chosen = referral_search.resource_referable(resource_id=whole_number(picked[-1]))
                if chosen is None:
                    context["pick_error"] = REFERABLE_ERROR
            refer_form = ReferForm(initial={"resource": chosen.pk} if chosen else None)
        context.update(refer_form=refer_form, refer_chosen=chosen)
        return context


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
        selectors.case_require(user=request.user, reference=reference)
        return HttpResponseRedirect(reverse("backoffice:case", args=[reference]))

    def unbound_form(self, case):
        return self.form_class()

    def action_page(self, case, form, status=200):
        return self.render(self.page_template, {"case": case, "form": form}, status=status)

    def post(self, request, reference):
        selectors.case_require(user=request.user, reference=reference)
        form = self.build_form(request, reference)
        if form.is_valid():
            try:
                with transaction.atomic():
                    case = selectors.case_for_update(user=request.user, reference=reference)
                    self.perform(request, case, form.cleaned_data)
            except ValidationError as exc:
                form_errors_from(exc, form)
            else:
                if self.success_message:
                    # Shown in the section the page lands on (its anchor), or at the top.
                    messages.success(
                        request, self.success_message, extra_tags=self.anchor.lstrip("#")
                    )
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
    success_message = gettext_lazy("Note added.")

    def perform(self, request, case, data):
        services.case_note_add(case=case, actor=request.user, kind=data["kind"], body=data["body"])


class CaseAssignView(CaseActionView):
    form_class, form_name = AssignForm, "assign_form"
    success_message = gettext_lazy("Case assigned.")

    def build_form(self, request, reference):
        if request.POST.get("take") == "1":
            return AssignForm({"assignee": request.user.pk})
        return AssignForm(request.POST)

    def perform(self, request, case, data):
        services.case_assign(case=case, assignee=data["assignee"], actor=request.user)


class CaseTransferView(CaseActionView):
    form_class, form_name = TransferForm, "transfer_form"
    success_message = gettext_lazy("Case transferred.")

    def perform(self, request, case, data):
        services.case_transfer(
            case=case, assignee=data["assignee"], actor=request.user, reason=data["reason"]
        )


class CaseStatusView(CaseActionView):
    form_class, form_name = StatusForm, "status_form"
    success_message = gettext_lazy("Status changed.")

    def perform(self, request, case, data):
        services.case_status_set(
            case=case, actor=request.user, status=data["status"], note=data["note"]
        )


class CaseFollowupView(CaseActionView):
    form_class, form_name, anchor = FollowupForm, "followup_form", "#followups"
    success_message = gettext_lazy("Follow-up planned.")

    def build_form(self, request, reference):
        return FollowupForm(
            request.POST, case=selectors.case_for_form(user=request.user, reference=reference)
        )

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
    success_message = gettext_lazy("Follow-up marked done.")

    def perform(self, request, case, data):
        followup = get_object_or_404(FollowUp, pk=data["followup"], case=case)
        services.case_followup_complete(followup=followup, actor=request.user, note=data["note"])


class CaseFollowupCancelView(CaseActionView):
    form_class, form_name, anchor = FollowupCancelForm, "followup_cancel_form", "#followups"
    success_message = gettext_lazy("Follow-up cancelled.")

    def perform(self, request, case, data):
        followup = get_object_or_404(FollowUp, pk=data["followup"], case=case)
        services.case_followup_cancel(followup=followup, actor=request.user, note=data["note"])


class CaseReferView(CaseActionView):
    form_class, form_name, anchor = ReferForm, "refer_form", "#referrals"
    success_message = gettext_lazy("Referral added.")

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
    success_message = gettext_lazy("Referral updated.")

    def perform(self, request, case, data):
        referral = get_object_or_404(Referral, pk=data["referral"], case=case)
        services.referral_status_set(
            referral=referral, actor=request.user, status=data["status"], note=data["note"]
        )


class CaseResolveView(CaseActionView):
    form_name = "resolve_form"
    success_message = gettext_lazy("Case resolved.")

    def build_form(self, request, reference):
        pets = selectors.case_pets(user=request.user, reference=reference)
        self.form = ResolveForm(request.POST, pets=pets)
        return self.form

    def perform(self, request, case, data):
        services.case_resolve(
            case=case,
            actor=request.user,
            outcome=data["outcome"],
            outcome_notes=data["outcome_notes"],
            pet_outcomes=self.form.pet_outcomes(),
            followups=data["followups"],
        )


class CaseReopenView(CaseActionView):
    form_class, form_name = ReopenForm, "reopen_form"
    success_message = gettext_lazy("Case reopened.")

    def perform(self, request, case, data):
        services.case_reopen(case=case, actor=request.user, reason=data["reason"])


class CaseDetailsView(CaseActionView):
    form_class, form_name = CaseDetailsForm, "details_form"
    success_message = gettext_lazy("Request details saved.")
    page_template = "backoffice/case_details_form.html"

    def unbound_form(self, case):
        return CaseDetailsForm.for_case(case)

    def perform(self, request, case, data):
        services.case_details_update(case=case, actor=request.user, **data)


class CasePetAddView(CaseActionView):
    form_name = "pet_form"
    success_message = gettext_lazy("Pet added.")
    page_template = "backoffice/case_pet_form.html"
    anchor = "#pets"

    def unbound_form(self, case):
        return PetAddForm(prefix="pet")

    def build_form(self, request, reference):
        return PetAddForm(request.POST, prefix="pet")

    def perform(self, request, case, data):
        services.case_pet_add(case=case, actor=request.user, pet=services.PetDetails(**data))


class CaseMessageView(CaseActionView):
    form_class, form_name, anchor = CaseMessageForm, "message_form", "#messages"

    def perform(self, request, case, data):
        message = case_messages.case_message_send(
            case=case, actor=request.user, channel=data["channel"], body=data["body"]
        )
        message_outcome(request, message)


class CaseReminderView(CaseActionView):
    form_class, form_name, anchor = ReminderForm, "reminder_form", "#messages"

    def perform(self, request, case, data):
        message = case_messages.case_reminder_schedule(
            case=case,
            actor=request.user,
            channel=data["channel"],
            appointment=data["appointment"],
            what=data["what"],
        )
        message_outcome(request, message)


class CasePersonConfirmView(CaseActionView):
    form_class, form_name, anchor = PersonMatchForm, "person_match_form", "#person-match"
    success_message = gettext_lazy("Confirmed: the request stays with this person's record.")

    def perform(self, request, case, data):
        services.case_person_confirm(case=case, actor=request.user)


class CasePersonUnlinkView(CaseActionView):
    form_class, form_name, anchor = PersonMatchForm, "person_match_form", "#person-match"
    success_message = gettext_lazy(
        "The request now has a person record of its own, made from what they typed."
    )

    def perform(self, request, case, data):
        services.case_person_unlink(case=case, actor=request.user)


def _case_match(case, match_id) -> ReportMatch:
    """A match of this case's report (a 404 for any other: another case's, or none)."""
    return get_object_or_404(
        ReportMatch.objects.filter(Q(lost__case=case) | Q(found__case=case)), pk=match_id
    )


class CaseMatchConfirmView(CaseActionView):
    form_class, form_name, anchor = MatchConfirmForm, "match_confirm_form", "#matches"
    success_message = gettext_lazy("Match confirmed: both cases are resolved, reunited.")

    def perform(self, request, case, data):
        match_services.report_match_confirm(
            match=_case_match(case, data["match"]),
            actor=request.user,
            followups=data["followups"],
        )


class CaseMatchDismissView(CaseActionView):
    form_class, form_name, anchor = MatchDismissForm, "match_dismiss_form", "#matches"
    success_message = gettext_lazy("Possible match dismissed.")

    def perform(self, request, case, data):
        match_services.report_match_dismiss(
            match=_case_match(case, data["match"]), actor=request.user
        )


class CaseReportLinkView(CaseActionView):
    """ "Send a new private link": to the reporter of the case's lost or found report."""

    form_class, form_name, anchor = ReportLinkForm, "report_link_form", "#board"
    success_message = gettext_lazy(
        "A new private link is on its way to the reporter. The old one no longer works."
    )

    def perform(self, request, case, data):
        report = get_object_or_404(PetReport, case=case)
        lost_found.report_link_renew(report=report, actor=request.user)


def message_outcome(request, message):
    if message.reason and message.status == "suppressed":
        messages.warning(
            request,
            _("Not sent: %(reason)s.") % {"reason": message.reason_label},
            extra_tags="messages",
        )
    else:
        messages.success(
            request, _("Message queued: it is sent in the background."), extra_tags="messages"
        )


CASE_ACTIONS = {
    "note": CaseNoteView,
    "assign": CaseAssignView,
    "transfer": CaseTransferView,
    "status": CaseStatusView,
    "followup": CaseFollowupView,
    "followup-complete": CaseFollowupCompleteView,
    "followup-cancel": CaseFollowupCancelView,
    "refer": CaseReferView,
    "referral-status": CaseReferralStatusView,
    "resolve": CaseResolveView,
    "reopen": CaseReopenView,
    "details": CaseDetailsView,
    "pet": CasePetAddView,
    "message": CaseMessageView,
    "reminder": CaseReminderView,
    "person-confirm": CasePersonConfirmView,
    "person-unlink": CasePersonUnlinkView,
    "match-confirm": CaseMatchConfirmView,
    "match-dismiss": CaseMatchDismissView,
    "report-link": CaseReportLinkView,
}
CASE_ACTION_VIEWS = {name: cls.as_view() for name, cls in CASE_ACTIONS.items()}
