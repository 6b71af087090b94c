"""Forms of the back office. They validate input; the services in ``services.py`` do the work."""

import datetime
import uuid

from django import forms
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from directory.models import Resource

from .models import Person
from .selectors import staff_for_assignment
from .services import PersonDetails, PetDetails
from .vocabulary import (
    AgeGroup,
    CaseType,
    Channel,
    Need,
    NoteKind,
    Outcome,
    Reason,
    ReferralStatus,
    Sex,
    Size,
    Species,
    Status,
    Urgency,
    YesNoUnknown,
)


class FastSelect(forms.Select):
    """A <select> rendered in Python: the template-per-option rendering of Django's Select costs
    more than the queue's queries. Same context (attributes, optgroups) as ``forms.Select``."""

    def render(self, name, value, attrs=None, renderer=None):
        context = self.get_context(name, value, attrs)["widget"]
        options = []
        for _group_name, group_options, _index in context["optgroups"]:
            for option in group_options:
                options.append(
                    format_html(
                        '<option value="{}"{}>{}</option>',
                        option["value"],
                        mark_safe(" selected") if option["selected"] else "",
                        option["label"],
                    )
                )
        return format_html(
            "<select{}>{}</select>",
            flatatt(context["attrs"] | {"name": name}),
            mark_safe("".join(options)),
        )


def fast_selects(form):
    """Swap the form's plain selects for ``FastSelect`` (same HTML, rendered in Python)."""
    for field in form.fields.values():
        if type(field.widget) is forms.Select:
            widget = FastSelect(attrs=field.widget.attrs)
            widget.choices = field.widget.choices
            widget.is_required = field.widget.is_required
            field.widget = widget
    return form


class FastForm(forms.Form):
    # Forms sharing a page get distinct element ids ("note_body", "status_note"...).
    id_prefix = ""

    def __init__(self, *args, **kwargs):
        if self.id_prefix:
            kwargs.setdefault("auto_id", f"{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)
        fast_selects(self)


SAFE_MESSAGE_CHOICES = [
    ("", _("Not asked yet")),
    ("yes", _("Yes, it is safe to leave a message")),
    ("no", _("No, do not leave a message")),
]


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.get_username()


def _staff_field(label, required=True):
    return StaffChoiceField(queryset=staff_for_assignment(), label=label, required=required)


class PersonForm(forms.ModelForm):
    safe_to_leave_message = forms.TypedChoiceField(
        label=_("Safe to leave a message?"),
        choices=SAFE_MESSAGE_CHOICES,
        coerce=lambda v: {"yes": True, "no": False}.get(v),
        empty_value=None,
        required=False,
        help_text=_("Ask before leaving any message. When unsure, never leave details."),
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
            "best_time_to_contact",
            "zip_code",
            "household_notes",
        ]
        labels = {"name": _("Name (as the person wants to be called)")}
        widgets = {"household_notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        fast_selects(self)
        value = self.initial.get("safe_to_leave_message")
        if value is not None and not isinstance(value, str):
            self.initial["safe_to_leave_message"] = "yes" if value else "no"

    def details(self) -> PersonDetails:
        data = self.cleaned_data
        return PersonDetails(
            name=data["name"],
            preferred_language=data["preferred_language"],
            interpreter_needed=data["interpreter_needed"],
            phone=data["phone"],
            email=data["email"],
            contact_method=data["contact_method"],
            safe_to_leave_message=data["safe_to_leave_message"],
            best_time_to_contact=data["best_time_to_contact"],
            zip_code=data["zip_code"],
            household_notes=data["household_notes"],
        )


class CaseOpenForm(FastForm):
    """The case fields every intake channel fills in (the person and pets come separately)."""

    client_token = forms.CharField(widget=forms.HiddenInput, required=False)
    case_type = forms.ChoiceField(label=_("Type of case"), choices=CaseType.choices)
    channel = forms.ChoiceField(
        label=_("How did they reach us?"),
        choices=[(c, label) for c, label in Channel.choices if c != Channel.SURVEY],
        initial=Channel.PHONE,
    )
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
    summary = forms.CharField(
        label=_("What is going on, in their words"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
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
    assignee = forms.ModelChoiceField(
        queryset=None, label=_("Case manager"), required=False, empty_label=_("Nobody yet")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"] = _staff_field(_("Case manager"), required=False)
        self.fields["assignee"].empty_label = _("Nobody yet")
        if not self.is_bound:
            self.initial.setdefault("client_token", uuid.uuid4().hex)
            self.initial.setdefault("urgency", Urgency.NORMAL)
        fast_selects(self)


class PetForm(FastForm):
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


class NoteForm(FastForm):
    id_prefix = "note"
    kind = forms.ChoiceField(label=_("Kind of note"), choices=NoteKind.choices)
    body = forms.CharField(
        label=_("Note"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Write about people with respect, in person-first language."),
    )


class AssignForm(FastForm):
    id_prefix = "assign"
    assignee = forms.ModelChoiceField(queryset=None, label=_("Case manager"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"] = _staff_field(_("Case manager"))
        fast_selects(self)


class TransferForm(AssignForm):
    id_prefix = "transfer"
    reason = forms.CharField(
        label=_("Why transfer the case?"), widget=forms.Textarea(attrs={"rows": 2})
    )


class StatusForm(FastForm):
    id_prefix = "status"
    status = forms.ChoiceField(
        label=_("New status"),
        choices=[
            (Status.IN_PROGRESS, Status.IN_PROGRESS.label),
            (Status.WAITING, Status.WAITING.label),
            (Status.CLOSED, Status.CLOSED.label),
        ],
    )
    note = forms.CharField(label=_("Note (optional)"), required=False)


class FollowupForm(FastForm):
    id_prefix = "followup"
    due_on = forms.DateField(label=_("Due"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("What to do"), max_length=300, required=False)
    assignee = forms.ModelChoiceField(queryset=None, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"] = _staff_field(_("Who"), required=False)
        self.fields["assignee"].empty_label = _("The case manager")
        if not self.is_bound:
            self.initial.setdefault(
                "due_on", (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
            )
        fast_selects(self)


class FollowupCompleteForm(FastForm):
    id_prefix = "done"
    followup = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(label=_("Note (optional)"), required=False)


class ReferForm(FastForm):
    id_prefix = "refer"
    resource = forms.ModelChoiceField(
        queryset=Resource.objects.none(),
        label=_("Resource from the directory"),
        required=False,
        empty_label=_("Not in the directory"),
    )
    partner_name = forms.CharField(label=_("Or the partner's name"), max_length=200, required=False)
    status = forms.ChoiceField(
        label=_("Referral status"), choices=ReferralStatus.choices, initial=ReferralStatus.REFERRED
    )
    note = forms.CharField(label=_("Note (optional)"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resource"].queryset = (
            Resource.objects.public()
            .select_related("organization")
            .only("id", "name", "organization__name")
            .order_by("name")
        )
        self.fields["resource"].label_from_instance = lambda r: f"{r.name} ({r.organization.name})"
        fast_selects(self)

    def clean(self):
        data = super().clean()
        if not data.get("resource") and not (data.get("partner_name") or "").strip():
            raise forms.ValidationError(
                _("Choose a resource from the directory or type the partner's name.")
            )
        return data


class ReferralStatusForm(FastForm):
    id_prefix = "referral"
    referral = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(label=_("Referral status"), choices=ReferralStatus.choices)
    note = forms.CharField(label=_("Note (optional)"), required=False)


class ResolveForm(FastForm):
    id_prefix = "resolve"
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=[("", _("Choose the outcome")), *Outcome.choices]
    )
    outcome_notes = forms.CharField(
        label=_("About the outcome"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, pets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.pets = list(pets)
        for pet in self.pets:
            self.fields[f"pet_{pet.pk}_outcome"] = forms.ChoiceField(
                label=_("Outcome for %(pet)s") % {"pet": pet},
                choices=[("", _("Same as the case")), *Outcome.choices],
                required=False,
            )
            self.fields[f"pet_{pet.pk}_detail"] = forms.CharField(
                label=_("Details for %(pet)s") % {"pet": pet}, max_length=300, required=False
            )
        fast_selects(self)

    def pet_outcomes(self) -> dict[int, tuple[str, str]]:
        return {
            pet.pk: (
                self.cleaned_data.get(f"pet_{pet.pk}_outcome", ""),
                self.cleaned_data.get(f"pet_{pet.pk}_detail", ""),
            )
            for pet in self.pets
        }

    def pet_fields(self):
        return [(self[f"pet_{p.pk}_outcome"], self[f"pet_{p.pk}_detail"]) for p in self.pets]


class ReopenForm(FastForm):
    id_prefix = "reopen"
    reason = forms.CharField(
        label=_("Why reopen the case?"), widget=forms.Textarea(attrs={"rows": 2})
    )


class CaseDetailsForm(FastForm):
    id_prefix = "details"
    case_type = forms.ChoiceField(label=_("Type of case"), choices=CaseType.choices)
    needs = forms.MultipleChoiceField(
        label=_("Needs"), choices=Need.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    reasons = forms.MultipleChoiceField(
        label=_("Reasons"),
        choices=Reason.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    urgency = forms.ChoiceField(label=_("How soon is help needed?"), choices=Urgency.choices)
    at_risk_of_losing_pet = forms.BooleanField(
        label=_("They may lose their pet within 7 days"), required=False
    )
    safety_concern = forms.BooleanField(
        label=_("Safety concern (for example domestic violence)"), required=False
    )
    confidential = forms.BooleanField(label=_("Confidential"), required=False)


class MergeForm(FastForm):
    target = forms.IntegerField(
        label=_("Keep this record (person number)"),
        min_value=1,
        help_text=_("This record's cases and pets move to the record you keep."),
    )


class DashboardForm(FastForm):
    id_prefix = "range"
    start = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    period = forms.ChoiceField(
        label=_("Group by"),
        choices=[("month", _("Month")), ("week", _("Week"))],
        required=False,
    )

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise forms.ValidationError(_("The start date must be before the end date."))
        return data


class PetAddForm(PetForm):
    species = forms.ChoiceField(label=_("Species"), choices=Species.choices)
