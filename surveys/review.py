"""The review step: every answer given so far, step by step, in words, with a link to change it."""

from django import forms
from django.utils.translation import gettext as _

from core.forms import errors_listed

from .wording import wording_for


def _choice_labels(field) -> dict:
    labels = {}
    for value, label in field.choices:
        if isinstance(label, list | tuple):  # a group of options
            labels.update({str(v): lbl for v, lbl in label})
        else:
            labels[str(value)] = label
    return labels


def _shown(form, name) -> str:
    """The answer to one question as the visitor reads it; "" for a question left blank."""
    field, value = form.fields[name], form[name].value()
    if isinstance(field, forms.BooleanField):
        return _("Yes") if form.cleaned_data.get(name) else ""
    if isinstance(field, forms.ChoiceField):
        labels = _choice_labels(field)
        values = value if isinstance(value, list | tuple) else [value]
        values = [str(v) for v in values if v not in ("", None)]
        return ", ".join(str(labels.get(v, v)) for v in values)
    return str(form.cleaned_data.get(name) or "")


def _rows(form) -> list[tuple[str, str]]:
    rows = []
    for bound in form.visible_fields():
        if bound.name == "website":
            continue
        shown = _shown(form, bound.name)
        if shown:
            rows.append((bound.label, shown))
    return rows


def answers_summary(wizard, steps) -> list[dict]:
    """For each step shown so far: its title, the address to change it, and its answers (a list
    of pets for the pets step)."""
    summary = []
    wording = wording_for(wizard.request)
    for step in steps:
        form = wizard.get_form(step=step, data=wizard.storage.get_step_data(step))
        if not form.is_bound or not form.is_valid():
            continue
        entry = {"step": step, "title": wording.step(step)[0], "url": wizard.get_step_url(step)}
        if isinstance(form, forms.BaseFormSet):
            entry["pets"] = [
                rows for f in form.forms if f.cleaned_data.get("species") and (rows := _rows(f))
            ]
        else:
            entry["rows"] = _rows(form)
        summary.append(entry)
    return summary


def form_errors(form) -> list[dict]:
    """Every error of a step, for its error summary (``core.forms.errors_listed``: the message,
    the question it is about and the id of the field to link to); a formset's errors name the
    pet, and what is said of the pets as a whole links to the first pet's species."""
    if not isinstance(form, forms.BaseFormSet):
        return errors_listed(form)
    if not form.is_bound:
        return []
    first = form.forms[0]["species"].id_for_label if form.forms else ""
    errors = [{"message": m, "label": "", "id": first} for m in form.non_form_errors()]
    for number, pet in enumerate(form.forms, start=1):
        errors += errors_listed(pet, label=_("Pet %(number)s") % {"number": number})
    return errors
