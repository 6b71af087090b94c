"""Every text of the survey's questions that content editors may reword, per language: each step's
title, each question, its help text and each of its options, read from the survey's own forms (so
a question added in ``forms.py`` is editable at once), and what applies an editor's wording to a
step's form. The keys are fixed by the code (step, field, option value); the wording is the
editors' (``SurveyWording.texts``, read through ``wording.Wording``); the structure, the choices'
values and every check stay in code, and error messages are never reworded.

Keys: ``<step>__title``, ``<step>__<field>``, ``<step>__<field>__help`` and
``<step>__<field>__option__<value>`` (``none`` for the blank value, as in "I am not sure").
"""

from dataclasses import dataclass
from functools import cache

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .wording import PETS, STEP_TEXT

BLANK = "none"  # the key of an option whose value is ""


@dataclass(frozen=True)
class Text:
    key: str
    step: str
    heading: object  # what the admin calls it (lazy: in the editor's language)
    default: object  # the built-in wording (lazy: in each language)
    long: bool = False  # a help text or a step's title: a larger box


def option_key(base: str, value) -> str:
    return f"{base}__option__{value if value not in ('', None) else BLANK}"


def _step_forms() -> dict:
    from .forms import (
        ContactForm,
        HomeForm,
        NeedsForm,
        RehomingForm,
        SituationForm,
        SurveyPetForm,
        TemporaryCareForm,
    )

    return {
        "needs": NeedsForm,
        "situation": SituationForm,
        PETS: SurveyPetForm,
        "care": TemporaryCareForm,
        "rehoming": RehomingForm,
        "home": HomeForm,
        "contact": ContactForm,
    }


def _editable(field) -> bool:
    return not field.widget.is_hidden and not isinstance(field, forms.ModelChoiceField)


def _options(field):
    """A choice field's flat options (a group of options is left as the code words it)."""
    if not isinstance(field, forms.ChoiceField):
        return []
    return [(value, label) for value, label in field.choices if not isinstance(label, list | tuple)]


@cache
def texts() -> tuple[Text, ...]:
    """Every editable text, in the order the survey asks them."""
    found = []
    forms_ = _step_forms()
    for step, (title, _help) in STEP_TEXT.items():
        found.append(
            Text(f"{step}__title", step, format_lazy(_("Step title “{}”"), title), title, True)
        )
        form_class = forms_.get(step)
        if form_class is None:
            continue
        form = form_class()
        for name, field in form.fields.items():
            if name == "website" or not _editable(field):  # the robots' trap
                continue
            base = f"{step}__{name}"
            label = field.label
            found.append(Text(base, step, format_lazy(_("Question “{}”"), label), label))
            if field.help_text:
                heading = format_lazy(_("Help text of “{}”"), label)
                found.append(Text(f"{base}__help", step, heading, field.help_text, True))
            for value, option in _options(field):
                heading = format_lazy(
                    _("Option of “{question}”: “{option}”"), question=label, option=option
                )
                found.append(Text(option_key(base, value), step, heading, option))
    return tuple(found)


def keys() -> frozenset:
    return frozenset(text.key for text in texts())


def _reword_one(form, step: str, edited: dict) -> None:
    for name, field in form.fields.items():
        base = f"{step}__{name}"
        if text := edited.get(base):
            field.label = text
        if field.help_text and (text := edited.get(f"{base}__help")):
            field.help_text = text
        options = _options(field)
        if options and any(option_key(base, value) in edited for value, _label in options):
            field.choices = [
                (value, edited.get(option_key(base, value)) or label)
                for value, label in field.choices
            ]


def reworded(form, step: str, wording):
    """``form`` (a step's form, or the pets' formset) with this language's edited wording: its
    questions, help texts and options; nothing else of it changes. Returns ``form``."""
    edited = wording.texts
    if not edited:
        return form
    if isinstance(form, forms.BaseFormSet):
        for pet in form.forms:
            _reword_one(pet, step, edited)
    else:
        _reword_one(form, step, edited)
    return form
