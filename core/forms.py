"""Form helpers shared by the public forms: the honeypot, and the ZIP code and phone fields that
read digits typed in any script (``core.digits``)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from . import digits


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
