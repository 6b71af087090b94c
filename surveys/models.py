"""What content editors may reword in the pet support survey, per language: its introduction,
the help text of each step, a line on the confirmation page, and every step's title, question,
help text and option (``surveys.questions``; ``surveys.wording`` reads them all). The questions'
structure and checks stay in code (``forms.py``)."""

from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from .wording import CONFIRMATION_TEXT, STEP_FIELDS, STEP_TEXT

TEXT_MAX = 600


def _help(default):
    if not default:
        return _("Leave it empty to show none.")
    return format_lazy(_("Leave it empty for the built-in wording: “{default}”"), default=default)


def _field(label, default):
    return models.TextField(label, blank=True, max_length=TEXT_MAX, help_text=_help(default))


@register_setting(icon="help")
class SurveyWording(BaseSiteSetting):
    """The survey's texts an editor may change; every one is optional, in every language."""

    intro = _field(_("introduction, on the first page"), STEP_TEXT["needs"][1])
    situation_help = _field(_("help text: how soon, and why"), STEP_TEXT["situation"][1])
    pets_help = _field(_("help text: your pets"), STEP_TEXT["pets"][1])
    care_help = _field(_("help text: care for your pet"), STEP_TEXT["care"][1])
    rehoming_help = _field(_("help text: finding a new home"), STEP_TEXT["rehoming"][1])
    home_help = _field(_("help text: your home"), STEP_TEXT["home"][1])
    contact_help = _field(_("help text: how to reach you"), STEP_TEXT["contact"][1])
    review_help = _field(_("help text: check your answers"), STEP_TEXT["review"][1])
    confirmation_text = _field(
        _("on the confirmation page, under “What happens next”"), CONFIRMATION_TEXT
    )

    # Every question, help text and option, per language: {"es": {key: text}}, empty texts left
    # out (keys: ``surveys.questions``; the admin form: ``surveys.wording_admin``, installed with
    # the edit handler by ``SurveysConfig.ready()``).
    texts = models.JSONField(_("questions and options"), default=dict, blank=True)

    translated_fields = [*STEP_FIELDS.values(), "confirmation_text"]

    class Meta:
        verbose_name = _("survey wording")
