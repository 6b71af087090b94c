"""The codes people type: an app's 6 digits (in any script's digits, with spaces), and a recovery
code (letters and digits, in any case, with spaces or dashes)."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from core.digits import digits_ascii

from .services import DIGITS

_RECOVERY = re.compile(r"[a-z2-7]{8}")


class AppCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from your authenticator app"),
        help_text=_("6 digits. A new code appears every 30 seconds."),
        max_length=40,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "size": 8}
        ),
    )

    def clean_code(self) -> str:
        code = re.sub(r"[\s\-]", "", digits_ascii(self.cleaned_data["code"]))
        if len(code) != DIGITS or not code.isascii() or not code.isdigit():
            raise forms.ValidationError(_("Enter the 6 digits your authenticator app shows."))
        return code


class RecoveryCodeForm(forms.Form):
    recovery_code = forms.CharField(
        label=_("Recovery code"),
        help_text=_("One of the codes you were given when you set up two-step verification."),
        max_length=40,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "none", "spellcheck": "false"}
        ),
    )

    def clean_recovery_code(self) -> str:
        code = re.sub(r"[\s\-]", "", digits_ascii(self.cleaned_data["recovery_code"])).lower()
        if not _RECOVERY.fullmatch(code):
            raise forms.ValidationError(
                _("A recovery code has 8 letters and digits, such as “k2m7qx4d”.")
            )
        return code
