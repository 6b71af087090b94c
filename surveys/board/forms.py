"""The board's forms: its filters (a GET form that works without JavaScript, whose address can be
shared) and the message a visitor writes about a report."""

from django import forms
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from backoffice.services.board import MESSAGE_MAX, About
from backoffice.vocabulary import ReportKind, Species
from core.digits import phone_parse
from core.forms import DateInRangeField, HoneypotMixin, ZipCodeField
from core.geography import zip_point

from .selectors import RADIUS_CHOICES, RADIUS_DEFAULT, BoardFilters


class BoardFilterForm(forms.Form):
    """An invalid field is reported and ignored; the other filters still apply."""

    kind = forms.ChoiceField(
        label=_("Lost or found"),
        required=False,
        choices=[("", _("Lost and found")), *ReportKind.choices],
    )
    species = forms.ChoiceField(
        label=_("Animal"), required=False, choices=[("", _("Any animal")), *Species.choices]
    )
    zip = ZipCodeField(
        label=_("Near the ZIP code"),
        required=False,
        widget=forms.TextInput(attrs={"size": 6}),
    )
    radius = forms.TypedChoiceField(
        label=_("Within"),
        required=False,
        coerce=int,
        empty_value=RADIUS_DEFAULT,
        choices=[(miles, str(miles)) for miles in RADIUS_CHOICES],  # worded in __init__
        initial=RADIUS_DEFAULT,
    )
    since = DateInRangeField(
        label=_("Lost or found on or after"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["radius"].choices = [
            (miles, ngettext("%(count)d mile", "%(count)d miles", miles) % {"count": miles})
            for miles in RADIUS_CHOICES
        ]

    def clean_zip(self):
        value = self.cleaned_data["zip"]
        if value and zip_point(value) is None:
            raise forms.ValidationError(
                _("We do not know the ZIP code %(zip)s. Check it, or leave it empty."),
                params={"zip": value},
            )
        return value or ""

    def filters(self) -> BoardFilters:
        """The valid part of what was asked (call after ``is_valid()``)."""
        data = getattr(self, "cleaned_data", {})

        def ok(name):
            return data.get(name) if name not in self.errors else None

        return BoardFilters(
            kind=ok("kind") or "",
            species=ok("species") or "",
            zip_code=ok("zip") or "",
            radius=ok("radius") or RADIUS_DEFAULT,
            since=ok("since"),
        )

    @property
    def is_filtered(self) -> bool:
        f = self.filters()
        return bool(f.kind or f.species or f.zip_code or f.since)


class BoardMessageForm(HoneypotMixin, forms.Form):
    """ "I think this is my pet" or "I have seen this pet": what the visitor writes goes to staff
    and (without their contact details) to the reporter."""

    about = forms.ChoiceField(
        label=_("Why are you writing?"),
        choices=[
            (About.MINE, _("I think this is my pet")),
            (About.SEEN, _("I have seen this pet")),
        ],
        widget=forms.RadioSelect,
    )
    message = forms.CharField(
        label=_("Your message"),
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Where and when you saw the pet, or how you know it is yours. If it is yours, we will "
            "ask you something only the owner knows."
        ),
    )
    name = forms.CharField(label=_("Your name (optional)"), required=False, max_length=100)
    contact = forms.CharField(
        label=_("Your phone number or email (optional)"),
        required=False,
        max_length=200,
        help_text=_(
            "Only our staff see it, to put you in touch. We never give it to the person who "
            "made the report."
        ),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def clean_contact(self):
        value = " ".join(self.cleaned_data["contact"].split())
        if not value:
            return ""
        if "@" in value:
            try:
                validate_email(value)
            except forms.ValidationError:
                raise forms.ValidationError(
                    _("Enter a phone number or an email address, such as name@example.com.")
                ) from None
            return value
        try:
            return phone_parse(value)
        except forms.ValidationError:
            raise forms.ValidationError(
                _("Enter a phone number or an email address, such as name@example.com.")
            ) from None
