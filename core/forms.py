"""Form helpers shared by the public forms."""

from django import forms
from django.utils.translation import gettext_lazy as _


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
