from modeltranslation.translator import TranslationOptions, register

from .models import SurveyWording


@register(SurveyWording)
class SurveyWordingTranslation(TranslationOptions):
    """Every language optional: an empty text shows the built-in wording of its own language,
    never another language's edited text (``surveys.wording`` reads each language's field)."""

    fields = SurveyWording.translated_fields
    fallback_languages = {"default": ()}
