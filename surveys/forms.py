"""The steps of the pet support survey, in the visitor's words.

The questions whose answers become the case (needs, reasons, urgency, the person, the pets) are the
back office's intake fields (``backoffice.intake``), reworded here for someone asking for help:
the same choices and the same checks, so web and phone intake produce the same data. What only the
survey asks (the main reason, whether they would keep their pet, temporary care, rehoming, where
they live, referral consent) is kept with the case as its intake answers.

Every text field has a length limit, and nothing here is required but a first name or nickname,
the help asked for, how soon and the safety question.
"""

import uuid

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from backoffice.forms import FastForm, fast_selects, staff_field
from backoffice.intake import PersonForm, PetForm, intake_field
from backoffice.services import PetDetails
from backoffice.vocabulary import (
    SURVEY_CARE_LENGTH,
    SURVEY_KEEP_PET,
    SURVEY_LIVING,
    SURVEY_QUESTIONS,
    SURVEY_REHOMING_TIMELINE,
    SURVEY_SAFETY,
    Channel,
    ContactMethod,
    ContactTime,
    Need,
    Reason,
    Urgency,
    YesNoUnknown,
)
from core.digits import whole_number
from core.forms import FLAT_RENDERER, HoneypotMixin

from .services import REHOMING_NEEDS, SurveyAnswers

Q = SURVEY_QUESTIONS  # the questions only the survey asks, worded once (backoffice.vocabulary)
TEXT_LIMIT = 1000  # characters in a free-text answer
PETS_MAX = 6


class SurveyStep(forms.Form):
    """Every step: fields without a ``required`` attribute on the page (the error summary, not the
    browser, says what is missing, in the visitor's language), rendered with the same HTML from
    fewer templates (``core.forms.FlatRenderer``)."""

    use_required_attribute = False
    default_renderer = FLAT_RENDERER


def _text(label, *, help_text="", rows=3, max_length=TEXT_LIMIT):
    return forms.CharField(
        label=label,
        help_text=help_text,
        max_length=max_length,
        required=False,
        widget=forms.Textarea(attrs={"rows": rows, "maxlength": max_length}),
    )


def _radios(label, choices, *, required=False, help_text=""):
    return forms.ChoiceField(
        label=label,
        choices=choices,
        required=required,
        help_text=help_text,
        widget=forms.RadioSelect,
    )


# --- 1. What they need ----------------------------------------------------------------------------

NEED_CHOICES = [
    (Need.FOOD_SUPPLIES, _("Pet food or supplies")),
    (Need.URGENT_VET, _("Urgent vet care")),
    (Need.ROUTINE_VET, _("Routine care (vaccines, spay/neuter, microchip)")),
    (Need.BEHAVIOUR, _("Behaviour or training")),
    (Need.DEPOSIT_FEES, _("A pet deposit or pet fees")),
    (Need.LANDLORD, _("A problem with my landlord about my pet")),
    (Need.HOUSING, _("Finding pet-friendly housing")),
    (Need.TEMPORARY_CARE, _("Someone to care for my pet while I am in crisis")),
    (Need.TRANSPORT, _("Transport for my pet")),
    (Need.REHOMING, _("Finding a new home for my pet")),
    (Need.SURRENDER, _("I am thinking about surrendering my pet")),
    (Need.END_OF_LIFE, _("End-of-life care")),
    (Need.LOST_PET, _("I lost my pet")),
    (Need.FOUND_PET, _("I found a pet")),
    (Need.OTHER, _("Something else")),
]


class NeedsForm(SurveyStep):
    needs = intake_field(
        "needs",
        label=_("What would you like help with?"),
        help_text=_("Choose all that apply."),
        choices=NEED_CHOICES,
        required=True,
    )
    needs_other = forms.CharField(
        label=Q["needs_other"],
        max_length=300,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["needs"].error_messages["required"] = _(
            "Choose at least one thing we can help with. If none fits, choose “Something else”."
        )


# --- 2. How soon, and what is behind it ----------------------------------------------------------

URGENCY_CHOICES = [
    (Urgency.EMERGENCY, _("It is an emergency: today")),
    (Urgency.HIGH, _("Within the next 7 days")),
    (Urgency.NORMAL, _("Within the next 30 days")),
    (Urgency.LOW, _("I am planning ahead")),
]

REASON_CHOICES = [
    (Reason.HOUSING, _("Housing")),
    (Reason.COST, _("Cost")),
    (Reason.PET_BEHAVIOUR, _("My pet's behaviour")),
    (Reason.PET_HEALTH, _("My pet's health")),
    (Reason.OWNER_HEALTH, _("My own health")),
    (Reason.FAMILY_CHANGES, _("Changes in my family")),
    (Reason.SAFETY, _("My safety or my family's safety")),
]

KEEP_CHOICES = SURVEY_KEEP_PET


class SituationForm(SurveyStep):
    urgency = intake_field(
        "urgency",
        label=_("How soon do you need help?"),
        choices=URGENCY_CHOICES,
        widget=forms.RadioSelect(choices=URGENCY_CHOICES),
    )
    reasons = intake_field(
        "reasons",
        label=_("What is making things hard right now?"),
        help_text=_("Choose any that apply, only if you want to. Nothing here is required."),
        choices=REASON_CHOICES,
    )
    main_reason = _radios(
        Q["main_reason"],
        REASON_CHOICES,
    )
    keep_pet = _radios(Q["keep_pet"], KEEP_CHOICES)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["urgency"].error_messages["required"] = _("Tell us how soon you need help.")

    def clean(self):
        data = super().clean()
        reasons, main = data.get("reasons") or [], data.get("main_reason")
        if main and main not in reasons:
            self.add_error(
                "main_reason", _("Choose the one that matters most among the ones you ticked.")
            )
        elif not main and len(reasons) == 1:
            data["main_reason"] = reasons[0]
        return data


# --- 3. The pets ------------------------------------------------------------------------------------


class SurveyPetForm(PetForm):
    """One pet, with the questions a case manager asks after the back office's: the species is
    required for a pet described at all (blank extra pets are ignored)."""

    use_required_attribute = False
    default_renderer = FLAT_RENDERER

    has_vet = _radios(Q["has_vet"], YesNoUnknown.choices)
    bite_history = _radios(Q["bite_history"], YesNoUnknown.choices)
    good_with_children = _radios(Q["good_with_children"], YesNoUnknown.choices)
    good_with_dogs = _radios(Q["good_with_dogs"], YesNoUnknown.choices)
    good_with_cats = _radios(Q["good_with_cats"], YesNoUnknown.choices)

    field_order = [
        "species",
        "name",
        "breed",
        "age_group",
        "sex",
        "spayed_neutered",
        "size",
        "microchip",
        "has_vet",
        "bite_history",
        "good_with_children",
        "good_with_dogs",
        "good_with_cats",
        "medical_notes",
        "behaviour_notes",
    ]

    # Answers kept with the case, not on the pet's record.
    EXTRA = ("has_vet", "bite_history", "good_with_children", "good_with_dogs", "good_with_cats")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        fields = self.fields
        fields["species"].label = _("What kind of animal?")
        fields["species"].choices = [("", _("Choose…")), *fields["species"].choices[1:]]
        fields["name"].label = _("Your pet's name")
        fields["breed"].label = _("Breed, if you know it")
        fields["age_group"].label = _("Age")
        fields["sex"].label = _("Sex")
        fields["spayed_neutered"].label = _("Spayed or neutered?")
        fields["size"].label = _("Size")
        fields["microchip"].label = _("Microchip number, if you know it")
        fields["medical_notes"] = _text(_("Medical needs"), rows=2)
        fields["behaviour_notes"] = _text(
            _("Anything about their behaviour we should know"), rows=2
        )
        for name in ("name", "breed", "microchip"):
            fields[name].widget.attrs["maxlength"] = fields[name].max_length

    def details(self) -> PetDetails | None:
        data = {k: v for k, v in self.cleaned_data.items() if k not in self.EXTRA}
        if not data.get("species"):
            return None
        return PetDetails(**data)

    def extra_answers(self) -> dict:
        return {name: self.cleaned_data.get(name, "") for name in self.EXTRA}


class BasePetFormSet(forms.BaseFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        if not any(form.cleaned_data.get("species") for form in self.forms):
            raise forms.ValidationError(
                _("Tell us about at least one pet: what kind of animal is enough."),
                code="no_pet",
            )


PetsFormSet = forms.formset_factory(
    SurveyPetForm,
    formset=BasePetFormSet,
    extra=0,
    min_num=1,
    max_num=PETS_MAX,
    absolute_max=PETS_MAX,
    validate_max=True,
    renderer=FLAT_RENDERER,
)


# --- 4. Temporary care and rehoming (only when asked for) -----------------------------------------

CARE_LENGTH_CHOICES = SURVEY_CARE_LENGTH


class TemporaryCareForm(SurveyStep):
    care_length = _radios(Q["care_length"], CARE_LENGTH_CHOICES)
    care_why = _text(
        Q["care_why"],
        help_text=_("For example a hospital stay, a move, or leaving an unsafe home."),
    )


REHOMING_TIMELINE_CHOICES = SURVEY_REHOMING_TIMELINE


class RehomingForm(SurveyStep):
    rehoming_timeline = _radios(Q["rehoming_timeline"], REHOMING_TIMELINE_CHOICES)
    pet_history = _text(
        Q["pet_history"],
        help_text=_(
            "Where they came from, how long they have been with you, their health and habits. "
            "It helps us find the right home."
        ),
        rows=4,
    )


# --- 5. Home and safety --------------------------------------------------------------------------

LIVING_CHOICES = SURVEY_LIVING

SAFETY_CHOICES = SURVEY_SAFETY


class HomeForm(SurveyStep):
    living = _radios(Q["living"], LIVING_CHOICES)
    safety = _radios(
        Q["safety"],
        SAFETY_CHOICES,
        required=True,
        help_text=_(
            "If you say yes, your request stays confidential: only your case manager sees it, "
            "and we never send a message that could reveal it."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["safety"].error_messages["required"] = _(
            "Choose an answer. “I prefer not to say” is fine."
        )


# --- 6. Contact ----------------------------------------------------------------------------------

YES_NO_UNSURE = [("yes", _("Yes")), ("no", _("No")), ("", _("I am not sure"))]

CONTACT_METHOD_CHOICES = [
    (ContactMethod.ANY, _("Any of them")),
    (ContactMethod.PHONE, _("A phone call")),
    (ContactMethod.TEXT, _("A text message")),
    (ContactMethod.EMAIL, _("Email")),
]

CONTACT_TIME_CHOICES = [
    (ContactTime.ANY, _("Any time")),
    (ContactTime.MORNING, _("Morning")),
    (ContactTime.AFTERNOON, _("Afternoon")),
    (ContactTime.EVENING, _("Evening")),
]


class ContactForm(HoneypotMixin, PersonForm):
    """Who they are and how to reach them: the back office's person form, in the visitor's
    words. Only a first name or nickname is required."""

    use_required_attribute = False
    default_renderer = FLAT_RENDERER

    consent_referrals = forms.BooleanField(
        label=Q["consent_referrals"],
        help_text=_("Your help never depends on this."),
        required=False,
    )

    class Meta(PersonForm.Meta):
        fields = [
            "name",
            "preferred_language",
            "interpreter_needed",
            "phone",
            "email",
            "contact_method",
            "safe_to_text",
            "safe_to_email",
            "safe_to_leave_message",
            "best_time_to_contact",
            "zip_code",
            "message_consent",
        ]

    field_order = [*Meta.fields, "consent_referrals", "website"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        f = self.fields
        f["name"].label = _("Your first name or a nickname")
        f["name"].help_text = _(
            "Only this is required. Use any name you would like us to call you."
        )
        f["name"].error_messages["required"] = _(
            "Tell us what to call you: a first name or a nickname is enough."
        )
        f["preferred_language"].label = _("Which language would you like us to use?")
        f["interpreter_needed"].label = _("I would like an interpreter")
        f["phone"].label = _("Phone number")
        f["email"].label = _("Email address")
        f["contact_method"].label = _("How should we contact you?")
        f["contact_method"].choices = CONTACT_METHOD_CHOICES
        f["contact_method"].widget = forms.RadioSelect(choices=CONTACT_METHOD_CHOICES)
        f["safe_to_text"].label = _("It is safe to send me text messages")
        f["safe_to_text"].help_text = ""
        f["safe_to_email"].label = _("It is safe to send me emails")
        f["safe_to_email"].help_text = ""
        f["safe_to_leave_message"].label = _("Is it safe to leave a voicemail?")
        f["safe_to_leave_message"].choices = YES_NO_UNSURE
        f["safe_to_leave_message"].widget = forms.RadioSelect(choices=YES_NO_UNSURE)
        f["safe_to_leave_message"].help_text = ""
        f["best_time_to_contact"].label = _("When is the best time to reach you?")
        f["best_time_to_contact"].choices = CONTACT_TIME_CHOICES
        f["zip_code"].label = _("ZIP code")
        f["zip_code"].help_text = _("So we can suggest help near you.")
        f["message_consent"].label = _(
            "May we contact you later to see how you and your pet are doing?"
        )
        f["message_consent"].choices = YES_NO_UNSURE
        f["message_consent"].widget = forms.RadioSelect(choices=YES_NO_UNSURE)
        f["message_consent"].help_text = _("We also send a confirmation of this request.")
        for name in ("name", "phone", "email", "zip_code"):
            if f[name].max_length:
                f[name].widget.attrs["maxlength"] = f[name].max_length

    def save(self, commit=True):  # pragma: no cover - the survey never saves a person directly
        raise NotImplementedError("the survey opens cases through surveys.services")


# --- 7. Review -------------------------------------------------------------------------------------


class ReviewForm(SurveyStep):
    """The last step: the answers are shown above; sending this opens the case."""


# --- Which steps a person is asked, and what the answers become ------------------------------------

# The steps asked only for some needs, and the needs that bring each in (the wizard's
# ``condition_dict`` and the staff page ask the same).
CONDITIONAL_STEPS = {
    "care": frozenset({Need.TEMPORARY_CARE}),
    "rehoming": REHOMING_NEEDS,
}


def step_asked(step: str, needs) -> bool:
    """Whether ``step`` is asked of someone who needs ``needs`` (every other step always is)."""
    wanted = CONDITIONAL_STEPS.get(step)
    return wanted is None or bool(wanted & set(needs or ()))


def pets_data_adjusted(data, *, add: bool, remove, prefix: str = "pets"):
    """The pets step's data with one blank pet added, or pet number ``remove`` taken out (the
    others renumbered): what the "add another pet" and "remove" buttons do, without JavaScript.
    Every other field of ``data`` is kept as it is."""
    prefix = f"{prefix}-"
    count = min(whole_number(data.get(prefix + "TOTAL_FORMS"), maximum=PETS_MAX) or 1, PETS_MAX)
    pets = [
        {
            name.removeprefix(f"{prefix}{i}-"): data.getlist(name)
            for name in data
            if name.startswith(f"{prefix}{i}-")
        }
        for i in range(count)
    ]
    if remove is not None and len(pets) > 1 and remove < len(pets):
        del pets[remove]
    if add and len(pets) < PETS_MAX:
        pets.append({})
    adjusted = QueryDict(mutable=True)
    for name in data:
        if not name.startswith(prefix):
            adjusted.setlist(name, data.getlist(name))
    adjusted.update(
        {
            prefix + "TOTAL_FORMS": str(len(pets)),
            prefix + "INITIAL_FORMS": "0",
            prefix + "MIN_NUM_FORMS": "1",
            prefix + "MAX_NUM_FORMS": str(PETS_MAX),
        }
    )
    for i, pet in enumerate(pets):
        for name, values in pet.items():
            adjusted.setlist(f"{prefix}{i}-{name}", values)
    return adjusted


def survey_answers(steps: dict) -> SurveyAnswers:
    """What the valid steps answered (``steps``: the forms by step name; the conditional steps
    only when they were asked), as ``services.survey_submit`` takes it. The wizard and the staff
    page both call this, so a request reads the same whoever typed it."""
    needs = steps["needs"].cleaned_data
    situation = steps["situation"].cleaned_data
    home = steps["home"].cleaned_data
    contact = steps["contact"]
    pet_forms = [f for f in steps["pets"].forms if f.cleaned_data.get("species")]
    answers = {
        "needs_other": needs["needs_other"],
        "main_reason": situation["main_reason"],
        "keep_pet": situation["keep_pet"],
        "pets": [f.extra_answers() for f in pet_forms],
        "living": home["living"],
        "safety": home["safety"],
        "consent_referrals": contact.cleaned_data["consent_referrals"],
    }
    for step in CONDITIONAL_STEPS:
        if step in steps:
            answers.update(steps[step].cleaned_data)
    return SurveyAnswers(
        needs=needs["needs"],
        urgency=situation["urgency"],
        reasons=situation["reasons"],
        person=contact.details(),
        pets=[f.details() for f in pet_forms],
        safety_concern=home["safety"] == "yes",
        summary=needs["needs_other"],
        answers={k: v for k, v in answers.items() if v not in ("", None, [])},
    )


# --- The same questions, typed by staff (hotline and walk-in) -------------------------------------

STAFF_CHANNEL_CHOICES = [
    (Channel.PHONE, Channel.PHONE.label),
    (Channel.WALK_IN, Channel.WALK_IN.label),
]


class StaffContactForm(ContactForm):
    """The contact step as a case manager types it: no honeypot (staff are no robots)."""

    website = None


class StaffIntakeForm(FastForm):
    """What only staff say about a survey they type for someone: how the person reached us,
    whether the case is confidential even without a safety answer, and who takes it."""

    id_prefix = "staff"

    client_token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    channel = forms.ChoiceField(
        label=_("How did they reach us?"),
        choices=STAFF_CHANNEL_CHOICES,
        initial=Channel.PHONE,
        widget=forms.RadioSelect,
    )
    confidential = forms.BooleanField(
        label=_("Confidential"),
        required=False,
        help_text=_(
            "Only its case manager and supervisors see it. A “yes” to the safety question makes "
            "the case confidential anyway."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"] = staff_field(_("Case manager"), required=False)
        self.fields["assignee"].empty_label = _("Nobody yet")
        self.fields["assignee"].help_text = _(
            "A confidential case is assigned to you unless you choose someone."
        )
        if not self.is_bound:
            self.initial.setdefault("client_token", uuid.uuid4().hex)
        fast_selects(self)
