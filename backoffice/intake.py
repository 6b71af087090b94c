"""The case-intake fields, defined once: what a case is about, who it is for, and their pets.

Hotline and walk-in intake (``CaseOpenForm``), correcting a case (``CaseDetailsForm``) and the
public pet support survey (the ``surveys`` app, which may import this module) ask the same
questions with the same choices and validation, so phone and web intake produce the same data:

- ``CaseIntakeForm``: the seven fields of what the case is about (``CASE_INTAKE_FIELDS``). Use it
  as a base form, or take single fields with ``intake_field("needs", label=...)`` to reword them
  for another audience (a wizard step in the visitor's words);
- ``PersonForm`` (contact details, a ``ModelForm`` of ``Person``) and ``PetForm``/``PetFormSet``;
  their ``details()`` give the ``PersonDetails``/``PetDetails`` that ``services.case_open`` takes,
  and ``CaseIntakeForm.case_details()`` the keyword arguments for the seven fields.

The choices come from ``vocabulary``, the same lists ``services.case_open`` checks every channel
against. Labels here are the staff's wording.
"""

import copy
import uuid

from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext_lazy as _

from core.forms import PhoneField, ZipCodeField

from .forms import FastForm, fast_selects, staff_field
from .models import Person
from .services import PersonDetails, PetDetails
from .vocabulary import (
    SURVEY_ANSWER_CHOICES,
    SURVEY_QUESTIONS,
    AgeGroup,
    CaseType,
    Channel,
    Need,
    Reason,
    Sex,
    Size,
    Species,
    Urgency,
    YesNoUnknown,
)

# What the case is about: the arguments of the same names of case_open and case_details_update.
CASE_INTAKE_FIELDS = (
    "case_type",
    "needs",
    "reasons",
    "urgency",
    "at_risk_of_losing_pet",
    "safety_concern",
    "confidential",
)

# Channels staff record at intake; online surveys open their own cases.
STAFF_CHANNEL_CHOICES = [(c, label) for c, label in Channel.choices if c != Channel.SURVEY]

CONSENT_CHOICES = [
    ("", _("Not asked yet")),
    ("yes", _("Yes, they agree")),
    ("no", _("No")),
]
PERSON_DETAILS_FIELDS = tuple(PersonDetails.__dataclass_fields__)

SAFE_MESSAGE_CHOICES = [
    ("", _("Not asked yet")),
    ("yes", _("Yes, it is safe to leave a message")),
    ("no", _("No, do not leave a message")),
]


class CaseIntakeForm(forms.Form):
    """The seven fields of what a case is about, as every intake channel asks them."""

    case_type = forms.ChoiceField(label=_("Type of case"), choices=CaseType.choices)
    needs = forms.MultipleChoiceField(
        label=_("What do they need?"),
        choices=Need.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    reasons = forms.MultipleChoiceField(
        label=_("Why are they looking for help?"),
        choices=Reason.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Only what the person chose to share. Nothing here is required."),
    )
    urgency = forms.ChoiceField(label=_("How soon is help needed?"), choices=Urgency.choices)
    at_risk_of_losing_pet = forms.BooleanField(
        label=_("They may lose their pet within 7 days"), required=False
    )
    safety_concern = forms.BooleanField(
        label=_("Safety concern (for example domestic violence)"),
        required=False,
        help_text=_("The case becomes confidential: only its case manager and supervisors see it."),
    )
    confidential = forms.BooleanField(label=_("Confidential"), required=False)

    def case_details(self) -> dict:
        """The cleaned intake fields, as keyword arguments of ``case_open``/``case_details_update``."""
        return {name: self.cleaned_data[name] for name in CASE_INTAKE_FIELDS}


def intake_field(name: str, **attributes) -> forms.Field:
    """A fresh copy of one field of ``CaseIntakeForm``, for a form of its own.

    ``attributes`` (``label``, ``help_text``, ``required``, ``initial``, ``choices``) reword it or
    narrow its choices; whatever it accepts stays within what ``services.case_open`` accepts.
    """
    field = copy.deepcopy(CaseIntakeForm.base_fields[name])
    for attribute, value in attributes.items():
        setattr(field, attribute, value)
    field.widget.is_required = field.required
    return field


class CaseOpenForm(CaseIntakeForm, FastForm):
    """Hotline and walk-in intake: the intake fields, how they reached us, in their words, and who
    takes the case (the person and pets come separately)."""

    field_order = [
        "client_token",
        "case_type",
        "channel",
        "needs",
        "reasons",
        "summary",
        "urgency",
        "at_risk_of_losing_pet",
        "safety_concern",
        "confidential",
        "assignee",
    ]

    client_token = forms.CharField(widget=forms.HiddenInput, required=False)
    channel = forms.ChoiceField(
        label=_("How did they reach us?"), choices=STAFF_CHANNEL_CHOICES, initial=Channel.PHONE
    )
    summary = forms.CharField(
        label=_("What is going on, in their words"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    assignee = forms.ModelChoiceField(
        queryset=None, label=_("Case manager"), required=False, empty_label=_("Nobody yet")
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
            self.initial.setdefault("urgency", Urgency.NORMAL)
        fast_selects(self)


class CaseDetailsForm(CaseIntakeForm, FastForm):
    """Correcting what a case is about: the same fields as at intake."""

    id_prefix = "details"

    @classmethod
    def for_case(cls, case) -> "CaseDetailsForm":
        """The unbound form, filled in with the case as it is now."""
        return cls(
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


class PersonForm(forms.ModelForm):
    """The person's contact details, at intake and when they are corrected. Phone numbers and ZIP
    codes are read in any script's digits and stored in ASCII ones (``core.digits``)."""

    phone = PhoneField(label=_("phone"), max_length=40, required=False)
    zip_code = ZipCodeField(label=_("ZIP code"), plus_four=True, required=False)

    safe_to_leave_message = forms.TypedChoiceField(
        label=_("Safe to leave a message?"),
        choices=SAFE_MESSAGE_CHOICES,
        coerce=lambda v: {"yes": True, "no": False}.get(v),
        empty_value=None,
        required=False,
        help_text=_("Ask before leaving any message. When unsure, never leave details."),
    )
    message_consent = forms.TypedChoiceField(
        label=_("Agrees to follow-up messages?"),
        choices=CONSENT_CHOICES,
        coerce=lambda v: {"yes": True, "no": False}.get(v),
        empty_value=None,
        required=False,
        help_text=_("Reminders and check-ins by email or text. Ask first."),
    )

    class Meta:
        model = Person
        fields = [
            "name",
            "preferred_language",
            "interpreter_needed",
            "phone",
            "email",
            "contact_method",
            "safe_to_leave_message",
            "message_consent",
            "safe_to_text",
            "safe_to_email",
            "best_time_to_contact",
            "zip_code",
            "household_notes",
        ]
        labels = {"name": _("Name (as the person wants to be called)")}
        widgets = {"household_notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        fast_selects(self)
        for name in ("safe_to_leave_message", "message_consent"):
            value = self.initial.get(name)
            if value is not None and not isinstance(value, str):
                self.initial[name] = "yes" if value else "no"

    def details(self) -> PersonDetails:
        """The cleaned contact details; a field a subclass leaves out (the public survey asks no
        household notes) takes ``PersonDetails``' default."""
        data = self.cleaned_data
        return PersonDetails(**{name: data[name] for name in PERSON_DETAILS_FIELDS if name in data})


class PetForm(FastForm):
    """One pet at intake: optional as a whole, but a described pet needs its species."""

    species = forms.ChoiceField(
        label=_("Species"), choices=[("", "—"), *Species.choices], required=False
    )
    name = forms.CharField(label=_("Pet's name"), max_length=100, required=False)
    breed = forms.CharField(label=_("Breed"), max_length=100, required=False)
    age_group = forms.ChoiceField(label=_("Age"), choices=AgeGroup.choices, required=False)
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices, required=False)
    spayed_neutered = forms.ChoiceField(
        label=_("Spayed or neutered"), choices=YesNoUnknown.choices, required=False
    )
    size = forms.ChoiceField(label=_("Size"), choices=Size.choices, required=False)
    microchip = forms.CharField(label=_("Microchip number"), max_length=40, required=False)
    medical_notes = forms.CharField(
        label=_("Medical notes"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    behaviour_notes = forms.CharField(
        label=_("Behaviour notes"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def clean(self):
        data = super().clean()
        filled = any(v for k, v in data.items() if k != "species")
        if filled and not data.get("species"):
            self.add_error("species", _("Choose the species."))
        return data

    def details(self) -> PetDetails | None:
        data = self.cleaned_data
        if not data.get("species"):
            return None
        return PetDetails(**data)


PetFormSet = forms.formset_factory(PetForm, extra=2, max_num=6)


class PetAddForm(PetForm):
    """A pet added to an open case: the species is required."""

    species = forms.ChoiceField(label=_("Species"), choices=Species.choices)


# --- The answers only the survey asks, as the case page shows them ---------------------------------

_ANSWER_LABELS = {name: dict(choices) for name, choices in SURVEY_ANSWER_CHOICES.items()}
_NOT_SHOWN = ("person_match",)  # shown on its own, for staff to confirm


def _answer_shown(name: str, value) -> str:
    """One stored answer in words; an option the survey no longer offers (or a value of an
    unexpected kind) is shown as stored, never an error."""
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    values = value if isinstance(value, list | tuple) else [value]
    labels = _ANSWER_LABELS.get(name, {})
    shown = []
    for item in values:
        if item in ("", None):
            continue
        found = labels.get(item) if isinstance(item, str) else None
        shown.append(str(found) if found is not None else str(item))
    return ", ".join(shown)


def _answer_rows(answers: dict) -> list[tuple[str, str]]:
    rows = []
    for name, value in answers.items():
        if name in _NOT_SHOWN or (name == "pets" and isinstance(value, list)):
            continue
        shown = _answer_shown(name, value)
        if shown:
            rows.append((str(SURVEY_QUESTIONS.get(name, name)), shown))
    return rows


def _contact_rows(typed) -> list[tuple[str, str]]:
    """The contact details a survey linked to a known person carried, as typed, in words: each
    field named as the person record names it, choices (a language, how to contact) by their
    label, yes and no as words; a field the record does not have is shown as stored."""
    if not isinstance(typed, dict):
        return []
    rows = []
    for name, value in typed.items():
        try:
            field = Person._meta.get_field(name)
        except FieldDoesNotExist:  # an old or unknown key: shown as stored
            rows.append((str(name), str(value)))
            continue
        choices = dict(getattr(field, "flatchoices", None) or ())
        if isinstance(value, bool):
            shown = str(_("Yes") if value else _("No"))
        elif isinstance(value, str | int) and value in choices:
            shown = str(choices[value])
        else:
            shown = str(value)
        rows.append((str(getattr(field, "verbose_name", name)).capitalize(), shown))
    return rows


def intake_answers_shown(answers) -> dict:
    """A case's intake answers (the survey's own questions) in the active language's words:
    ``{"rows": [(question, answer), ...], "pets": [{"number": 1, "rows": [...]}, ...]}`` (pets
    numbered as the case lists them), blank answers left out. Questions and codes the vocabulary does not know are shown as stored."""
    if not isinstance(answers, dict):
        return {"match_rows": [], "rows": [], "pets": []}
    pets = answers.get("pets")
    pets = pets if isinstance(pets, list) else []
    match = answers.get("person_match")
    return {
        "match_rows": _contact_rows(match.get("contact_as_typed"))
        if isinstance(match, dict)
        else [],
        "rows": _answer_rows(answers),
        "pets": [
            {"number": number, "rows": rows}
            for number, pet in enumerate(pets, start=1)
            if isinstance(pet, dict) and (rows := _answer_rows(pet))
        ],
    }
