"""The pet support survey typed by a case manager, for someone on the phone or at the front desk.

One back-office page asks every step's questions (the survey's own forms, so the same wording,
choices and checks) and opens the case through the same door, ``services.survey_submit``: channel
"phone" or "walk-in", opened by the staff member, confidential when they say so. What the public
survey adds against robots and floods (the honeypot, the submission limits) is not asked of staff.
The person matching is the same: a case linked to someone already known is said so at once, and
the case page shows the match for staff to confirm.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms.utils import ErrorDict
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from backoffice.views.base import BackofficeView, form_errors_from
from core.digits import whole_number

from . import services
from .forms import (
    CONDITIONAL_STEPS,
    PETS_MAX,
    HomeForm,
    NeedsForm,
    PetsFormSet,
    RehomingForm,
    SituationForm,
    StaffContactForm,
    StaffIntakeForm,
    TemporaryCareForm,
    pets_data_adjusted,
    step_asked,
    survey_answers,
)
from .questions import reworded
from .wording import wording_for

# The survey's steps on one page, in the wizard's order (the review is the page itself).
STEP_FORMS = {
    "needs": NeedsForm,
    "situation": SituationForm,
    "pets": PetsFormSet,
    "care": TemporaryCareForm,
    "rehoming": RehomingForm,
    "home": HomeForm,
    "contact": StaffContactForm,
}

# Said above a step asked only for some needs.
ASKED_WHEN = {
    "care": gettext_lazy("Only when they need someone to care for their pet for a while."),
    "rehoming": gettext_lazy(
        "Only when they want a new home for their pet, or think of surrendering."
    ),
}

NOT_ASKED_ERROR = gettext_lazy(
    "These answers are kept only when they ask for this help: tick it under “%(question)s”, or "
    "clear them."
)


def _needs_typed(needs_form) -> set:
    value = needs_form["needs"].value() if needs_form.is_bound else []
    return {str(v) for v in (value if isinstance(value, list | tuple) else [value]) if v}


class StaffSurveyView(BackofficeView):
    """``/backoffice/cases/new/survey/``: for case managers and supervisors (the back office's
    access), in the staff member's language."""

    template = "surveys/staff_intake.html"

    def get(self, request):
        return self._render(self._forms(None))

    def post(self, request):
        data = request.POST
        if "pets_add" in data or "pets_remove" in data:
            data = pets_data_adjusted(
                data,
                add="pets_add" in data,
                remove=whole_number(data.get("pets_remove"), maximum=PETS_MAX),
            )
            forms = self._forms(data)
            for form in forms.values():  # shown as typed, without errors: a pet added or removed
                self._errors_hidden(form)
            return self._render(forms)
        forms = self._forms(data)
        asked = self._asked(forms)
        if all([form.is_valid() for name, form in forms.items() if name in asked]):
            answers = survey_answers({name: forms[name] for name in asked if name != "staff"})
            staff = forms["staff"].cleaned_data
            try:
                case = services.survey_submit(
                    answers=answers,
                    client_token=staff["client_token"],
                    confirmation_context={"days": settings.SURVEY_RESPONSE_DAYS},
                    channel=staff["channel"],
                    opened_by=request.user,
                    confidential=staff["confidential"],
                    assignee=staff["assignee"],
                )
            except ValidationError as exc:
                form_errors_from(exc, forms["staff"])
            else:
                self._opened_say(case)
                return HttpResponseRedirect(reverse("backoffice:case", args=[case.reference]))
        return self._render(forms, status=400)

    # --- the forms ------------------------------------------------------------------------------

    def _forms(self, data) -> dict:
        """The staff's own form, and each step's in the survey's words as editors wrote them."""
        wording = wording_for(self.request)
        forms = {"staff": StaffIntakeForm(data)}
        forms.update(
            {
                name: reworded(form(data, prefix=name), name, wording)
                for name, form in STEP_FORMS.items()
            }
        )
        return forms

    @staticmethod
    def _asked(forms) -> set:
        """The steps this request answers: every step, and a conditional one only for the needs
        that bring it in; a conditional step answered without its need is an error on it."""
        needs = _needs_typed(forms["needs"])
        asked = {name for name in forms if step_asked(name, needs)}
        question = forms["needs"].fields["needs"].label
        for name in CONDITIONAL_STEPS:
            form = forms[name]
            if name not in asked and form.is_bound and form.has_changed():
                form.is_valid()
                form.add_error(None, NOT_ASKED_ERROR % {"question": question})
                asked.add(name)  # its error keeps the page from being sent
        return asked

    @staticmethod
    def _errors_hidden(form) -> None:
        if hasattr(form, "forms"):  # the pets
            form.full_clean()
            form._non_form_errors = form.error_class()
            for pet in form.forms:
                pet._errors = ErrorDict()
        elif form.is_bound:
            form.full_clean()
            form._errors = ErrorDict()

    def _opened_say(self, case) -> None:
        message = _("Case %(reference)s opened.") % {"reference": case.reference}
        if case.intake_answers.get("person_match"):
            message += " " + _(
                "It is linked to the record of someone already known by the same phone number "
                "or email: check that it is the same person on the case page."
            )
        messages.success(self.request, message)

    def _render(self, forms, status=200):
        wording = wording_for(self.request)
        steps = [
            {
                "name": name,
                "title": wording.step(name)[0],
                "intro": wording.step(name)[1],
                "asked_when": ASKED_WHEN.get(name, ""),
                "form": forms[name],
            }
            for name in STEP_FORMS
        ]
        return self.render(
            self.template,
            {
                "forms": forms,
                "staff_form": forms["staff"],
                "steps": steps,
                "pets_max": PETS_MAX,
                "pet_label": _("Pet %(number)s"),
                "safety": forms["home"].is_bound and forms["home"]["safety"].value() == "yes",
            },
            status=status,
        )
