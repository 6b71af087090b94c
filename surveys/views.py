"""The pet support survey: a wizard with a named URL per step (Back and the browser's history work),
kept in the visitor's session, then the confirmation page.

The wizard only checks answers and calls ``services.survey_submit``; what happens on submit is
there. What this module adds to django-formtools is what a person in a hurry needs: a count of
the steps they will actually see, pets added and removed without JavaScript, a clear fresh start
when the session expired midway (never a 500), a submission limit that keeps every answer, and a
double submit that shows the same confirmation.
"""

import time
import uuid

from django.conf import settings
from django.forms.utils import ErrorDict
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from formtools.wizard.views import NamedUrlSessionWizardView

from backoffice.models import Case
from backoffice.vocabulary import Need
from core.digits import phone_digits, whole_number
from core.fragments import fragment
from core.rate_limits import rate_limit_hit

from . import selectors, services
from .forms import (
    PETS_MAX,
    ContactForm,
    HomeForm,
    NeedsForm,
    PetsFormSet,
    RehomingForm,
    ReviewForm,
    SituationForm,
    TemporaryCareForm,
    pets_data_adjusted,
    step_asked,
    survey_answers,
)
from .questions import reworded
from .review import answers_summary, form_errors
from .wording import wording_for

DONE_KEY = (
    services.DONE_SESSION_KEY
)  # the session's record of the last request sent, for its confirmation
PETS = "pets"
NEEDS_CHECKED = "needs_checked"  # the first step's answers as checked (``_needs``)
SEEN_SECONDS = 60  # how often a step only shown renews the answers' last visit

STEPS = [
    ("needs", NeedsForm),
    ("situation", SituationForm),
    (PETS, PetsFormSet),
    ("care", TemporaryCareForm),
    ("rehoming", RehomingForm),
    ("home", HomeForm),
    ("contact", ContactForm),
    ("review", ReviewForm),
]


def _needs(wizard) -> set:
    """The needs answered so far. formtools asks the steps' conditions many times a request (each
    time it lists the steps), and each would check the first step's answers again: they are
    checked once for the answers stored, and what the check found is kept with them (beside the
    very answers it checked), so the steps after it do not build and check the first step's form
    again on every request; answers changed are checked again. (Sending the request checks
    every step again, as formtools does.)"""
    stored = (wizard.storage.data.get(wizard.storage.step_data_key) or {}).get("needs")
    memo = getattr(wizard, "_needs_memo", None)
    if memo is None or memo[0] is not stored:
        extra = wizard.storage.extra_data
        kept = extra.get(NEEDS_CHECKED)
        if (
            isinstance(kept, dict)
            and kept.get("answers") == stored
            and isinstance(kept.get("needs"), list)
        ):
            needs = set(kept["needs"])
        else:
            needs = set((wizard.get_cleaned_data_for_step("needs") or {}).get("needs", ()))
            extra[NEEDS_CHECKED] = {"answers": stored, "needs": sorted(needs)}
        memo = wizard._needs_memo = (stored, needs)
    return memo[1]


def wants_temporary_care(wizard) -> bool:
    return step_asked("care", _needs(wizard))


def wants_rehoming(wizard) -> bool:
    return step_asked("rehoming", _needs(wizard))


@method_decorator(never_cache, name="dispatch")
class SurveyWizard(NamedUrlSessionWizardView):
    form_list = STEPS
    condition_dict = {"care": wants_temporary_care, "rehoming": wants_rehoming}
    template_name = "surveys/step.html"
    storage_name = "surveys.storage.ChangedSessionStorage"  # a step only shown writes nothing

    def get_prefix(self, request, *args, **kwargs):
        return "survey"

    # --- what each step is given and shows ------------------------------------------------------

    def get_form_initial(self, step):
        if step == "contact":
            return {"preferred_language": get_language()}
        return super().get_form_initial(step)

    def get_form(self, step=None, data=None, files=None):
        form = super().get_form(step, data, files)
        step = step or self.steps.current
        if step == "contact":
            form.order_fields(ContactForm.field_order)
        return reworded(form, step, wording_for(self.request))  # the editors' wording

    def _token(self) -> str:
        extra = self.storage.extra_data
        if not extra.get("token"):
            extra["token"] = uuid.uuid4().hex
        return extra["token"]

    def _safety(self) -> bool:
        return (self.get_cleaned_data_for_step("home") or {}).get("safety") == "yes"

    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(form=form, **kwargs)
        steps = list(self.get_form_list())
        current = self.steps.current
        title, intro = wording_for(self.request).step(current)
        extra = self.storage.extra_data
        context.update(
            step_name=current,
            step_number=steps.index(current) + 1,
            step_count=len(steps),
            step_title=title,
            step_intro=intro,
            notice=extra.pop("notice", ""),
            errors=form_errors(form),
            safety=self._safety() if current in ("contact", "review") else False,
            pets_max=PETS_MAX,
            is_pets=current == PETS,
        )
        if current == "review":
            context["summary"] = answers_summary(self, steps[:-1])
        elif not form.is_bound:
            context["fields_html"] = self._fields_html(context)
        return context

    def _fields_html(self, context):
        """The questions of a step not answered yet: the same HTML for everyone in a language
        with the same wording, so rendered once a process (``core.fragments``), until the
        editors reword the survey (its generation is in the key) or published content changes."""
        wording = wording_for(self.request)
        key = ("survey-fields", self.steps.current, wording.language, wording.key)
        shown = {"wizard": context["wizard"], "is_pets": context["is_pets"], "pets_max": PETS_MAX}
        return fragment(
            key,
            lambda: render_to_string("surveys/includes/step_fields.html", shown),
            request=self.request,
        )

    # --- requests -----------------------------------------------------------------------------------

    def _has_answers(self) -> bool:
        return bool(self.storage.data.get(self.storage.step_data_key))

    def _idle_expired(self) -> bool:
        """Answers left untouched for ``SURVEY_IDLE_MINUTES`` are forgotten (a shared or watched
        computer must not keep them for the session's two weeks); every answer sent renews them,
        and so does a step shown (at most once every ``SEEN_SECONDS``: a step only shown again
        within a minute writes nothing to the session)."""
        extra = self.storage.extra_data
        now = int(time.time())
        seen = extra.get("seen")
        if (
            self.request.method == "POST"
            or not isinstance(seen, int)
            or not 0 <= now - seen < SEEN_SECONDS
        ):
            extra["seen"] = now
        return (
            self._has_answers()
            and isinstance(seen, int)
            and now - seen > settings.SURVEY_IDLE_MINUTES * 60
        )

    def _restart(self, *, idle: bool = False):
        """A fresh start, with a message saying why (the session expired, or the answers were
        left too long), or the confirmation page when this visitor's answers were just sent."""
        sent = isinstance(self.request.session.get(DONE_KEY), dict)
        if not idle and not self._has_answers() and sent:
            return redirect("surveys:received")
        self.storage.reset()
        self.storage.extra_data["notice"] = "expired"
        return redirect(self.get_step_url(self.steps.first))

    def get(self, *args, **kwargs):
        step = kwargs.get("step")
        if self._idle_expired():
            return self._restart(idle=True)
        if step == self.done_step_name and not self._has_answers():
            return self._restart()
        if step not in (None, self.done_step_name, self.steps.first) and not self._has_answers():
            # A bookmarked step, or a session that expired midway.
            return self._restart()
        self._token()
        return super().get(*args, **kwargs)

    def post(self, *args, **kwargs):
        posted = self.request.POST.get(f"{self.prefix}-current_step", "")
        if self._idle_expired():
            return self._restart(idle=True)
        if posted not in self.form_list:
            # A form without the wizard's own field (tampered, or cut short): back to the step
            # the visitor was on, their answers kept; with none, a fresh start.
            if self._has_answers():
                return redirect(self.get_step_url(self.steps.current))
            return self._restart()
        if posted != self.steps.first and not self._has_answers():
            return self._restart()
        if posted == PETS and (
            "pets_add" in self.request.POST or "pets_remove" in self.request.POST
        ):
            self.storage.current_step = PETS
            data = pets_data_adjusted(
                self.request.POST,
                add="pets_add" in self.request.POST,
                remove=whole_number(self.request.POST.get("pets_remove"), maximum=PETS_MAX),
            )
            self.storage.set_step_data(PETS, data)
            formset = self.get_form(step=PETS, data=data)
            formset.full_clean()  # shown as typed, without errors: the pet was only added or removed
            formset._non_form_errors = formset.error_class()
            for pet in formset.forms:
                pet._errors = ErrorDict()
            return self.render(formset)
        response = super().post(*args, **kwargs)
        if response.status_code == 200:
            response.status_code = 400  # the step was not valid: the same step, with its errors
        return response

    def render_next_step(self, form, **kwargs):
        """After a change made from the review, back to the review (unless a step the change
        brought in has no answers yet)."""
        if self.storage.extra_data.get("reviewed"):
            steps = list(self.get_form_list())
            stored = self.storage.data[self.storage.step_data_key]
            missing = [s for s in steps[:-1] if s not in stored]
            target = missing[0] if missing else steps[-1]
            self.storage.current_step = target
            return redirect(self.get_step_url(target))
        return super().render_next_step(form, **kwargs)

    def render(self, form=None, **kwargs):
        if self.steps.current == "review":
            self.storage.extra_data["reviewed"] = True
        return super().render(form, **kwargs)

    def render_done(self, form, **kwargs):
        if kwargs.get("step") == self.done_step_name:
            limited = self._limited()
            if limited:
                self.storage.current_step = "review"
                review = self.get_form(step="review")
                response = self.render(review, limited=True)
                response.status_code = 429
                response["Retry-After"] = str(limited.retry_after)
                return response
        return super().render_done(form, **kwargs)

    def _limited(self):
        """Over the submission limit of this connection, or of this contact (a request already
        opened with this session's token is never counted again)."""
        if Case.objects.filter(client_token=self._token(), opened_by=None).exists():
            return None
        contact = self.get_cleaned_data_for_step("contact") or {}
        limited = rate_limit_hit(
            self.request, group="survey-submit", rate=settings.SURVEY_SUBMIT_RATE
        )
        keys = (
            phone_digits(contact.get("phone") or "")[-10:],
            (contact.get("email") or "").lower(),
        )
        for key in keys:
            if not limited and key:
                limited = rate_limit_hit(
                    self.request, group="survey-contact", rate=settings.SURVEY_CONTACT_RATE, key=key
                )
        return limited

    def done(self, form_list, form_dict, **kwargs):
        contact = form_dict["contact"]
        if contact.is_spam:  # the same confirmation page, and nothing opened or sent
            self.request.session[DONE_KEY] = {"at": int(time.time()), "reference": ""}
            return HttpResponseRedirect(reverse("surveys:received"))
        answers = survey_answers(form_dict)
        case = services.survey_submit(
            answers=answers,
            client_token=self._token(),
            confirmation_context={
                "received_url": self.request.build_absolute_uri(reverse("surveys:received")),
                "days": settings.SURVEY_RESPONSE_DAYS,
            },
        )
        person = answers.person
        self.request.session[DONE_KEY] = {
            "at": int(time.time()),
            "reference": case.reference,
            "confidential": case.confidential,
            "zip_code": person.zip_code,
            "resources": selectors.recommended_ids(
                needs=answers.needs,
                language=get_language(),
                zip_code=person.zip_code,
                species=answers.pets[0].species if answers.pets else "",
                safety=case.confidential,
            ),
            "contact": bool(person.phone or person.email),
            "lost_found": bool({Need.LOST_PET, Need.FOUND_PET} & set(answers.needs)),
        }
        return HttpResponseRedirect(reverse("surveys:received"))


survey = SurveyWizard.as_view(url_name="surveys:step", done_step_name="done")


@never_cache
@require_safe
def received(request):
    """The confirmation: the reference, what happens next, the hotline, and help to start with."""
    done = request.session.get(DONE_KEY)
    if not isinstance(done, dict) or not isinstance(done.get("at"), int):
        return redirect("surveys:start")
    if time.time() - done["at"] > settings.SURVEY_IDLE_MINUTES * 60:
        # Not shown to whoever uses this browser next (it may say the request is confidential).
        del request.session[DONE_KEY]
        return redirect("surveys:start")
    ids = [pk for pk in done.get("resources") or [] if isinstance(pk, int)]
    return render(
        request,
        "surveys/received.html",
        {
            "done": done,
            "shown_query": "&".join(f"r={pk}" for pk in ids),
            "cards": selectors.recommended_cards(
                ids=done.get("resources") or [], zip_code=done.get("zip_code", "")
            ),
            "days": settings.SURVEY_RESPONSE_DAYS,
            "confirmation_text": wording_for(request).confirmation,
        },
    )
