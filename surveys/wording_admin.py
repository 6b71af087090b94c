"""The Wagtail admin form of the survey's wording: one tab per language holding the introduction,
the help texts and the confirmation line (``SurveyWording``'s translated fields), then every
step's title, questions, help texts and options (``surveys.questions``), grouped by step. Each
box is optional; its placeholder and the line under it show the built-in wording of that tab's
language, and each carries that language's ``lang`` and direction (Arabic right to left). What
is typed is kept in ``SurveyWording.texts`` as ``{language: {key: text}}`` (empty boxes left out).

A step's boxes are one panel (``StepTextsPanel``: a label, the box, the built-in wording and any
error per text) rather than a Wagtail field panel each: about 180 texts in five languages made
885 field panels, each with its own heading, anchors, comment button and script data, a page of
2.7 MB that took seconds to open.

Installed by ``SurveysConfig.ready()``: the questions are read from the survey's forms, once every
app is loaded.
"""

from django import forms
from django.conf import settings
from django.utils.text import format_lazy
from django.utils.translation import get_language_info, override
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import ObjectList, Panel, TabbedInterface

from core.panels import TranslatedFieldsForm, _bcp47, language_tabs

from .questions import texts
from .wording import STEP_TEXT

TEXT_MAX = 600


def field_name(code: str, key: str) -> str:
    """The admin form's field of one text in one language ("zh-hans" -> "zh_hans")."""
    return f"text_{code.replace('-', '_')}__{key}"


class WordingAdminForm(TranslatedFieldsForm):
    """``SurveyWording``'s admin form; the question fields are added by ``form_class_build``."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        stored = self.instance.texts if isinstance(self.instance.texts, dict) else {}
        for code, _name in settings.LANGUAGES:
            mine = stored.get(code) if isinstance(stored.get(code), dict) else {}
            attrs = {
                "lang": _bcp47(code),
                "dir": "rtl" if get_language_info(code)["bidi"] else "ltr",
            }
            with override(code):
                for text in texts():
                    name = field_name(code, text.key)
                    field = self.fields[name]
                    default = str(text.default)
                    field.widget.attrs.update(
                        attrs, placeholder=default, **{"aria-describedby": f"{name}-default"}
                    )
                    field.built_in = default  # shown under the box by StepTextsPanel
                    self.initial.setdefault(name, mine.get(text.key, ""))

    def save(self, commit=True):
        edited = {}
        for code, _name in settings.LANGUAGES:
            mine = {}
            for text in texts():
                value = (self.cleaned_data.get(field_name(code, text.key)) or "").strip()
                if value:
                    mine[text.key] = value
            if mine:
                edited[code] = mine
        self.instance.texts = edited
        return super().save(commit=commit)


def _text_field(text) -> forms.CharField:
    widget = (
        forms.Textarea(attrs={"rows": 2, "maxlength": TEXT_MAX})
        if text.long
        else forms.TextInput(attrs={"maxlength": TEXT_MAX})
    )
    return forms.CharField(label=text.heading, required=False, max_length=TEXT_MAX, widget=widget)


def form_class_build() -> type:
    """The admin form with a field per text and language (a form's fields must be declared for
    Wagtail's panels to name them)."""
    attrs = {
        field_name(code, text.key): _text_field(text)
        for code, _name in settings.LANGUAGES
        for text in texts()
    }
    return type("SurveyWordingAdminForm", (WordingAdminForm,), attrs)


class StepTextsPanel(Panel):
    """One step's texts in one language as a single panel: per text a label, the box, the
    built-in wording (which the box's ``aria-describedby`` names) and its error, if any."""

    def __init__(self, field_names=(), **kwargs):
        super().__init__(**kwargs)
        self.field_names = list(field_names)

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "field_names": self.field_names}

    def get_form_options(self):
        return {"fields": self.field_names}

    class BoundPanel(Panel.BoundPanel):
        template_name = "surveys/admin/step_texts_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            fields = [self.form[name] for name in self.panel.field_names]
            for field in fields:
                if field.errors:
                    attrs = field.field.widget.attrs
                    attrs["aria-invalid"] = "true"
                    attrs["aria-describedby"] = f"{field.html_name}-error {field.html_name}-default"
            context["fields"] = fields
            return context


def edit_handler_build(model) -> TabbedInterface:
    tabs = []
    for (code, _name), tab in zip(
        settings.LANGUAGES,
        language_tabs(model.translated_fields, required_language=""),
        strict=True,
    ):
        steps = []
        for step, (title, _help) in STEP_TEXT.items():
            steps.append(
                StepTextsPanel(
                    [field_name(code, t.key) for t in texts() if t.step == step],
                    heading=format_lazy(_("Questions of the step “{}”"), title),
                    help_text=_("Leave a box empty to keep the built-in wording shown under it."),
                    classname="collapsed",
                )
            )
        tabs.append(ObjectList([*tab.children, *steps], heading=tab.heading))
    return TabbedInterface(tabs)


def install(model) -> None:
    model.base_form_class = form_class_build()
    model.edit_handler = edit_handler_build(model)
