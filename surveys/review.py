"""The review step: every answer given so far, step by step, in words, with a link to change it."""

from django import forms
from django.utils.translation import gettext as _


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
    from .views import STEP_TEXT

    summary = []
    for step in steps:
        form = wizard.get_form(step=step, data=wizard.storage.get_step_data(step))
        if not form.is_bound or not form.is_valid():
            continue
        entry = {"step": step, "title": STEP_TEXT[step][0], "url": wizard.get_step_url(step)}
        if isinstance(form, forms.BaseFormSet):
            entry["pets"] = [
                rows for f in form.forms if f.cleaned_data.get("species") and (rows := _rows(f))
            ]
        else:
            entry["rows"] = _rows(form)
        summary.append(entry)
    return summary


def form_errors(form) -> list[dict]:
    """Every error of a step, for its error summary: the message, the question it is about and
    the id of the field to link to (a formset's errors name the pet)."""
    if not form.is_bound:
        return []
    if isinstance(form, forms.BaseFormSet):
        errors = [
            {
                "message": message,
                "label": "",
                "id": form.forms[0]["species"].id_for_label if form.forms else "",
            }
            for message in form.non_form_errors()
        ]
        for number, pet in enumerate(form.forms, start=1):
            for error in form_errors(pet):
                label = _("Pet %(number)s") % {"number": number}
                error["label"] = f"{label}, {error['label']}" if error["label"] else label
                errors.append(error)
        return errors
    errors = [{"message": m, "id": "", "label": ""} for m in form.non_field_errors()]
    for name, messages in form.errors.items():
        if name == "__all__" or name not in form.fields:
            continue
        bound = form[name]
        # A group of radios or checkboxes has no one label target: link to its first option.
        target = bound.id_for_label or (f"{bound.auto_id}_0" if bound.auto_id else "")
        errors += [{"message": m, "id": target, "label": bound.label} for m in messages]
    return errors
