"""Forms of the back office. They validate input; the services in ``services/`` do the work.

The intake forms (what a case is about, the person, their pets) live in ``intake.py``, shared with
the public survey.
"""

import datetime

from django import forms
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.digits import zip_code_or_empty
from core.forms import DateInRangeField, IdField
from core.geography import zip_point
from core.languages import spoken_language_of
from directory.vocabulary import SpokenLanguage
from messaging.vocabulary import Channel as MessageChannel
from search.forms import SearchForm

from .referral_search import resource_referable
from .selectors import staff_for_assignment, staff_for_followup
from .services import STATUS_TRANSITIONS
from .services.followups import SETTLE_CANCELLED, SETTLE_DONE
from .vocabulary import (
    NoteKind,
    Outcome,
    ReferralStatus,
    Status,
)

REFERABLE_ERROR = _(
    "That resource is not in the directory, or no longer active. Search for it again, or type "
    "the partner's name."
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


def _attrs_html(attrs: dict) -> str:
    """Attributes as Django's ``attrs.html`` writes them: in their order, ``True`` as a bare
    name, ``False`` left out (``flatatt`` sorts them and leaves out ``None``)."""
    return "".join(
        format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value)
        for name, value in attrs.items()
        if value is not False
    )


# The widget templates that are Django's input.html, and its field and label templates: what
# ``FastBoundField`` writes in Python. A field, form or widget with a template of its own is
# rendered by its template.
_INPUT_TEMPLATES = {
    f"django/forms/widgets/{kind}.html"
    for kind in ("input", "text", "email", "url", "number", "date", "datetime", "time", "hidden")
    + ("checkbox", "search", "tel")
}
_TEXTAREA_TEMPLATE = "django/forms/widgets/textarea.html"
_FIELD_TEMPLATE = "django/forms/field.html"
_LABEL_TEMPLATE = "django/forms/label.html"
# The marks after which no label suffix is added, translated by Django's own catalogue (named,
# not written in the call, so that makemessages does not copy it into ours).
_LABEL_PUNCTUATION = ":?.!"


class FastBoundField(forms.BoundField):
    """A field whose label, help text, errors and plain widget (a text, date, number, checkbox or
    textarea) are written in Python: the same HTML as Django's templates (a test compares them
    for every form of the case page and the queue), without the four or five template renders
    per field that were half the case page's time (19 fields). Anything else (a fieldset, a
    template of its own) is rendered by its template."""

    def as_field_group(self):
        if (
            self.use_fieldset
            or self.template_name != _FIELD_TEMPLATE
            or self.form.template_name_label != _LABEL_TEMPLATE
        ):
            return super().as_field_group()
        help_text = ""
        if self.help_text:
            help_id = format_html(' id="{}_helptext"', self.auto_id) if self.auto_id else ""
            help_text = format_html(
                '<div class="helptext"{}>{}</div>', help_id, mark_safe(self.help_text)
            )
        errors = self.errors
        # field.html's lines, stripped as Django's renderer strips every template it renders.
        return mark_safe(
            (
                (self.label_tag() if self.label else "")
                + "\n\n"
                + help_text
                + "\n"
                + (str(errors) if errors else "")
                + "\n"
                + str(self)
            ).strip()
        )

    def label_tag(self, contents=None, attrs=None, label_suffix=None, tag=None):
        if self.form.template_name_label != _LABEL_TEMPLATE:
            return super().label_tag(contents, attrs, label_suffix, tag)
        # Django's BoundField.label_tag (5.2), written out instead of rendering label.html.
        contents = contents or self.label
        if label_suffix is None:
            label_suffix = (
                self.field.label_suffix
                if self.field.label_suffix is not None
                else self.form.label_suffix
            )
        if label_suffix and contents and contents[-1] not in gettext(_LABEL_PUNCTUATION):
            contents = format_html("{}{}", contents, label_suffix)
        widget = self.field.widget
        id_ = widget.attrs.get("id") or self.auto_id
        if id_:
            id_for_label = widget.id_for_label(id_)
            if id_for_label:
                attrs = {**(attrs or {}), "for": id_for_label}
            if self.field.required and hasattr(self.form, "required_css_class"):
                attrs = attrs or {}
                if "class" in attrs:
                    attrs["class"] += " " + self.form.required_css_class
                else:
                    attrs["class"] = self.form.required_css_class
        if not id_:
            return conditional_escape(contents)
        tag = tag or "label"
        return format_html("<{}{}>{}</{}>", tag, mark_safe(_attrs_html(attrs or {})), contents, tag)

    def as_widget(self, widget=None, attrs=None, only_initial=False):
        widget = widget or self.field.widget
        template = widget.template_name
        if (
            only_initial
            or (template not in _INPUT_TEMPLATES and template != _TEXTAREA_TEMPLATE)
            or type(widget).render is not forms.Widget.render  # a widget that renders itself
        ):
            return super().as_widget(widget, attrs, only_initial)
        # Django's BoundField.as_widget (5.2), then the widget's context written out instead of
        # rendering its template (input.html or textarea.html, and attrs.html).
        if self.field.localize:
            widget.is_localized = True
        attrs = self.build_widget_attrs(attrs or {}, widget)
        if self.auto_id and "id" not in widget.attrs:
            attrs.setdefault("id", self.auto_id)
        context = widget.get_context(self.html_name, self.value(), attrs)["widget"]
        attributes = mark_safe(_attrs_html(context["attrs"]))
        if template == _TEXTAREA_TEMPLATE:
            return format_html(
                '<textarea name="{}"{}>\n{}</textarea>',
                context["name"],
                attributes,
                context["value"] or "",
            )
        value = context["value"]
        return format_html(
            '<input type="{}" name="{}"{}{}>',
            context["type"],
            context["name"],
            format_html(' value="{}"', value) if value is not None else "",
            attributes,
        )


class FastForm(forms.Form):
    # Forms sharing a page get distinct element ids ("note_body", "status_note"...).
    id_prefix = ""
    bound_field_class = FastBoundField

    def __init__(self, *args, **kwargs):
        if self.id_prefix:
            kwargs.setdefault("auto_id", f"{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)
        fast_selects(self)


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.get_username()


def staff_field(label, required=True):
    return StaffChoiceField(queryset=staff_for_assignment(), label=label, required=required)


class PersonMatchForm(FastForm):
    """Confirming or undoing a request's link to a known person: nothing to type, the button
    says which (the form carries the errors the service gives)."""


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
        self.fields["assignee"] = staff_field(_("Case manager"))
        fast_selects(self)


class TransferForm(AssignForm):
    id_prefix = "transfer"
    reason = forms.CharField(
        label=_("Why transfer the case?"), widget=forms.Textarea(attrs={"rows": 2})
    )


class StatusForm(FastForm):
    id_prefix = "status"
    # Every status case_status_set may move a case to; the case page narrows them to the moves
    # allowed for this case and this user (services.case_status_moves).
    status = forms.ChoiceField(
        label=_("New status"),
        choices=[
            (status, label)
            for status, label in Status.choices
            if any(status in moves for moves in STATUS_TRANSITIONS.values())
        ],
    )

    def moves_limit(self, moves) -> None:
        """Offer only these moves (``services.case_status_moves``)."""
        field = self.fields["status"]
        field.choices = [(value, label) for value, label in field.choices if value in moves]

    note = forms.CharField(label=_("Note (optional)"), required=False)


class FollowupForm(FastForm):
    id_prefix = "followup"
    due_on = forms.DateField(label=_("Due"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("What to do"), max_length=300, required=False)
    assignee = forms.ModelChoiceField(queryset=None, required=False)

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"] = StaffChoiceField(
            queryset=staff_for_followup(case=case) if case is not None else staff_for_assignment(),
            label=_("Who"),
            required=False,
            help_text=_("Only people who may see this case are listed.")
            if case is not None and case.confidential
            else "",
        )
        self.fields["assignee"].empty_label = _("The case manager")
        if not self.is_bound:
            self.initial.setdefault(
                "due_on", (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
            )
        fast_selects(self)


class FollowupCompleteForm(FastForm):
    id_prefix = "done"
    followup = IdField(widget=forms.HiddenInput)
    note = forms.CharField(label=_("Note (optional)"), required=False)


class FollowupCancelForm(FollowupCompleteForm):
    id_prefix = "cancel"


class ResourcePickForm(SearchForm):
    """The referral form's first step: search the directory (a GET form on the case page, so it
    works without JavaScript) by need or name, kind of help, distance from a ZIP code, language
    spoken. The ZIP code starts as the person's, the language as theirs when it is not English.
    What does not parse is dropped or reported beside its field, as on the public search page."""

    prefix = "find"
    bound_field_class = FastBoundField

    def __init__(self, *args, person=None, **kwargs):
        initial = kwargs.pop("initial", None) or {}
        if person is not None:
            zip_code = zip_code_or_empty(person.zip_code)
            if zip_code and zip_point(zip_code) is not None:
                initial.setdefault("zip", zip_code)
            spoken = spoken_language_of(person.preferred_language or "")
            if spoken != "en" and spoken in SpokenLanguage.values:
                initial.setdefault("language", spoken)
        super().__init__(*args, initial=initial, **kwargs)
        del self.fields["open_now"]  # a referral is for later: whether it is open now is noise
        self.fields["q"].label = _("Need, words or name")
        self.fields["zip"].label = _("ZIP code")
        self.fields["zip"].help_text = _("Distances are measured from it (the person's, if known).")
        fast_selects(self)


class ReferForm(FastForm):
    """The referral itself. The resource is the id the search step chose (a hidden field),
    checked again here: an unknown or inactive listing is an error, and the rest of what was
    typed is kept."""

    id_prefix = "refer"
    resource = IdField(
        widget=forms.HiddenInput,
        required=False,
        error_messages={
            "invalid": REFERABLE_ERROR,
            "min_value": REFERABLE_ERROR,
            "max_value": REFERABLE_ERROR,
        },
    )
    partner_name = forms.CharField(label=_("Or the partner's name"), max_length=200, required=False)
    status = forms.ChoiceField(
        label=_("Referral status"), choices=ReferralStatus.choices, initial=ReferralStatus.REFERRED
    )
    note = forms.CharField(label=_("Note (optional)"), required=False)

    def clean_resource(self):
        resource_id = self.cleaned_data.get("resource")
        if resource_id is None:
            return None
        resource = resource_referable(resource_id=resource_id)
        if resource is None:
            raise forms.ValidationError(REFERABLE_ERROR, code="not_referable")
        return resource

    def clean(self):
        data = super().clean()
        if "resource" in self.errors:
            return data
        if not data.get("resource") and not (data.get("partner_name") or "").strip():
            raise forms.ValidationError(
                _("Choose a resource from the directory or type the partner's name.")
            )
        return data


class ReferralStatusForm(FastForm):
    id_prefix = "referral"
    referral = IdField(widget=forms.HiddenInput)
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
    # Shown when the case has follow-ups still planned; case_resolve requires it then.
    followups = forms.ChoiceField(
        label=_("The follow-ups still planned"),
        choices=[
            (SETTLE_DONE, _("They were done")),
            (SETTLE_CANCELLED, _("Cancel them")),
        ],
        widget=forms.RadioSelect,
        required=False,
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


class MergeForm(FastForm):
    """The record to keep, picked from the candidates the page offers (never a typed number)."""

    target = IdField(
        label=_("The record to keep"),
        help_text=_("This record's cases and pets move to the record you keep."),
        error_messages={"required": _("Choose the record to keep.")},
    )


class DashboardForm(FastForm):
    id_prefix = "range"
    start = DateInRangeField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = DateInRangeField(
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


class CaseMessageForm(FastForm):
    """A message to the person from the case page (``backoffice.messages.case_message_send``)."""

    id_prefix = "message"
    channel = forms.ChoiceField(label=_("Send by"), choices=MessageChannel.choices)
    body = forms.CharField(
        label=_("Message"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Sent by email in the person's language as you write it. A text message never "
            "carries it: it only asks the person to call us."
        ),
    )


class ReminderForm(FastForm):
    """An appointment reminder, sent the day before (``messages.case_reminder_schedule``)."""

    id_prefix = "reminder"
    channel = forms.ChoiceField(label=_("Send by"), choices=MessageChannel.choices)
    appointment = forms.DateTimeField(
        label=_("Appointment"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    what = forms.CharField(
        label=_("What it is for (email only)"),
        required=False,
        max_length=200,
        help_text=_("For example: vet voucher appointment. Never shown in a text message."),
    )


class MatchConfirmForm(FastForm):
    """Staff confirm a possible lost and found match (``services.report_match_confirm``)."""

    id_prefix = "match-confirm"
    match = IdField(widget=forms.HiddenInput)
    # Shown when either case has follow-ups still planned; resolving requires it then.
    followups = forms.ChoiceField(
        label=_("The follow-ups still planned"),
        choices=[
            (SETTLE_DONE, _("They were done")),
            (SETTLE_CANCELLED, _("Cancel them")),
        ],
        widget=forms.RadioSelect,
        required=False,
    )


class ReportLinkForm(FastForm):
    """Staff send the reporter a new private link (``services.lost_found.report_link_renew``):
    the box says what it does to the link they have."""

    id_prefix = "report-link"
    confirm = forms.BooleanField(
        label=_("The link the reporter has now stops working."),
        error_messages={"required": _("Tick the box to send a new link.")},
    )


class MatchDismissForm(FastForm):
    id_prefix = "match-dismiss"
    match = IdField(widget=forms.HiddenInput)
