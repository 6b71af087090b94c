"""Form helpers shared by the public and staff forms: the honeypot, the ZIP code and phone fields
that read digits typed in any script (``core.digits``), fields for a number or a date that the
database can always hold (a larger one once made an OverflowError, a 500), and a form renderer
that renders Django's widgets without the template engine (``FlatRenderer``)."""

import datetime

from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from . import digits
from .form_html import PYTHON_TEMPLATES


class HoneypotMixin(forms.Form):
    """A "website" field that people never see and automated form fillers fill in.

    Mix it into any public form (``class ReportForm(HoneypotMixin, forms.ModelForm)``), render
    ``form.website`` inside an element that hides it from people and screen readers
    (``<div class="field trap" aria-hidden="true">``), and after ``is_valid()`` drop the
    submission quietly when :attr:`is_spam`: the sender sees the same thank-you page either way.
    """

    website = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    @property
    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("website"))


class ZipCodeField(forms.CharField):
    """A US ZIP code typed in any script's digits, cleaned to five ASCII digits ("٩٥٨١٤" -> "95814");
    anything else gets a translated error. ``plus_four=True`` also takes "95814-1234"."""

    def __init__(self, *, plus_four: bool = False, **kwargs):
        self.plus_four = plus_four
        kwargs.setdefault("max_length", 10 if plus_four else 5)
        super().__init__(**kwargs)

    def to_python(self, value):
        text = digits.digits_ascii(super().to_python(value)).strip()
        if text in self.empty_values:
            return self.empty_value
        return digits.zip_code_parse(text, plus_four=self.plus_four)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        return {**attrs, "inputmode": "numeric", "autocomplete": "postal-code"}


class PhoneField(forms.CharField):
    """A phone number typed with digits of any script, kept as typed with ASCII digits
    ("+١ ٩١٦ ٥٥٥" -> "+1 916 555"); letters and symbols get a translated error."""

    def to_python(self, value):
        text = super().to_python(value)
        if text in self.empty_values:
            return self.empty_value
        return digits.phone_parse(text)

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "inputmode": "tel", "autocomplete": "tel"}


class IdField(forms.IntegerField):
    """The number of a record (a person, a follow-up): 1 or more, and no more than a database id
    holds; digits of any script are read as digits."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", digits.ID_MAX)
        super().__init__(**kwargs)

    def to_python(self, value):
        return super().to_python(digits.digits_ascii(value) if isinstance(value, str) else value)


class DateInRangeField(forms.DateField):
    """A date between the years 1900 and 2999: every time zone can turn the days around it into
    moments (the 31st of December 9999 plus a day, or in UTC, is past what Python's dates hold)."""

    FIRST, LAST = datetime.date(1900, 1, 1), datetime.date(2999, 12, 31)
    default_error_messages = {
        "out_of_range": _("Enter a date between the years %(first)s and %(last)s."),
    }

    def validate(self, value):
        super().validate(value)
        if value is not None and not self.FIRST <= value <= self.LAST:
            raise forms.ValidationError(
                self.error_messages["out_of_range"],
                code="out_of_range",
                params={"first": self.FIRST.year, "last": self.LAST.year},
            )


def errors_listed(form, *, label: str = "") -> list[dict]:
    """Every error of a bound form, for an error summary at the top of its page: the message, the
    label of the field it is about (after ``label``, such as "Pet 2") and the id of the field to
    link to (a group of radios or checkboxes: its first option)."""
    if form is None or not form.is_bound:
        return []
    prefix = f"{label}, " if label else ""
    errors = [{"message": m, "id": "", "label": label} for m in form.non_field_errors()]
    for name, messages in form.errors.items():
        if name == "__all__" or name not in form.fields:
            continue
        bound = form[name]
        target = bound.id_for_label or (f"{bound.auto_id}_0" if bound.auto_id else "")
        errors += [
            {"message": m, "id": target, "label": f"{prefix}{bound.label}"} for m in messages
        ]
    return errors


class FlatRenderer(DjangoTemplates):
    """Django's form renderer, with the same HTML written out in Python (``core.form_html``).

    Django renders a radio button through four nested includes (the option, the input, its
    attributes), a select's every option through two, and every label and error list through a
    template of its own (an empty error list too): a survey step of radio groups ran hundreds of
    template renders, most of the time of the page. ``core.form_html`` writes the same bytes
    (``tests/core/test_flat_renderer.py`` compares them with Django's) without the template
    engine; widgets and options with templates of their own keep them. Use one shared instance
    (``FLAT_RENDERER``): each instance compiles its templates anew.
    """

    def render(self, template_name, context, request=None):
        written = PYTHON_TEMPLATES.get(template_name)
        if written is None or request is not None:
            return super().render(template_name, context, request=request)
        return mark_safe(written(context, self).strip())


FLAT_RENDERER = FlatRenderer()
