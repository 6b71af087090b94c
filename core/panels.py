"""Admin panels for records translated with django-modeltranslation: one tab per language."""

from django import forms
from django.conf import settings
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList


def _required(name) -> str:
    return _("%(language)s (required)") % {"language": name}


# Panels are built at import; the heading is translated when the admin renders it.
_required_lazy = lazy(_required, str)


def language_tabs(field_names, *, model=None, required_language="en"):
    """An ``ObjectList`` per site language holding that language's version of each field, in the
    order the model declares them (``model``; django-modeltranslation's options do not keep the
    order they were written in)."""
    if model is not None:
        field_names = sorted(field_names, key=lambda n: model._meta.get_field(n).creation_counter)
    tabs = []
    for code, name in settings.LANGUAGES:
        heading = name if code != required_language else _required_lazy(name)
        tabs.append(
            ObjectList(
                [FieldPanel(build_localized_fieldname(field, code)) for field in field_names],
                heading=heading,
            )
        )
    return tabs


def _bcp47(code: str) -> str:
    """A site language code as HTML's ``lang`` writes it ("zh-hans" -> "zh-Hans")."""
    language, _sep, script = code.partition("-")
    return f"{language}-{script.title()}" if script else language


class TranslatedFieldsForm(WagtailAdminModelForm):
    """The admin form of a record translated with django-modeltranslation, as a translator needs
    it: each language's fields carry that language's ``lang`` (and ``dir="rtl"`` for Arabic), and
    each field of another language shows the English source beside it. Fields named in
    ``one_line_fields`` (text fields that hold one line) are single-line inputs."""

    one_line_fields: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        options = translator.get_options_for_model(self._meta.model)
        one_line = set(self.one_line_fields)
        for base in options.fields:
            source = getattr(self.instance, build_localized_fieldname(base, "en"), "") or ""
            for code, _name in settings.LANGUAGES:
                field = self.fields.get(build_localized_fieldname(base, code))
                if field is None:
                    continue
                if base in one_line and isinstance(field.widget, forms.Textarea):
                    field.widget = forms.TextInput(attrs=field.widget.attrs)
                field.widget.attrs["lang"] = _bcp47(code)
                field.widget.attrs["dir"] = "rtl" if get_language_info(code)["bidi"] else "ltr"
                if code != "en" and source:
                    english = format_html(
                        '{}: <span lang="en" dir="ltr">{}</span>', _("English"), source
                    )
                    field.help_text = (
                        format_html("{}<br>{}", english, field.help_text)
                        if field.help_text
                        else english
                    )


class LanguagePanel(FieldPanel):
    """A language code shown as its name in the editor's language ("Vietnamese", not "vi"); for
    read-only fields such as the language a visitor's report came in. A code Django does not
    know reads as the code (``core.languages.language_name``)."""

    def format_value_for_display(self, value):
        from .languages import language_name

        return language_name(value)
