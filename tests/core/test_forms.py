"""The honeypot: a field people never see; a form that comes back with it filled in is spam."""

from django import forms

from core.forms import HoneypotMixin
from directory.forms import ProblemReportForm


class MessageForm(HoneypotMixin, forms.Form):
    message = forms.CharField()


def test_a_form_sent_by_a_person_is_not_spam():
    form = MessageForm({"message": "Hello", "website": ""})
    assert form.is_valid()
    assert not form.is_spam


def test_a_form_with_the_hidden_field_filled_in_is_spam_yet_valid():
    """Valid, so that the robot sees the usual answer and learns nothing."""
    form = MessageForm({"message": "Hello", "website": "http://spam.example"})
    assert form.is_valid()
    assert form.is_spam


def test_the_hidden_field_is_out_of_the_tab_order_and_never_autofilled():
    html = str(MessageForm()["website"])
    assert 'tabindex="-1"' in html
    assert 'autocomplete="off"' in html
    assert "required" not in html


def test_the_problem_report_form_uses_the_mixin_and_keeps_its_own_fields_first():
    form = ProblemReportForm()
    assert isinstance(form, HoneypotMixin)
    assert list(form.fields) == ["reason", "details", "contact", "reply_consent", "website"]
    spam = ProblemReportForm(
        {"reason": "other", "details": "Closed", "website": "http://spam.example"}
    )
    assert spam.is_valid()
    assert spam.is_spam
