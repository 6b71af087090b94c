"""Translated records as visitors read them: which texts fall back to English, and name order.

Records are translated per row with django-modeltranslation (``name_en``, ``name_es``, ...; see
``directory/translation.py``). A text with no translation in the visitor's language shows in
English, with a notice and ``lang="en" dir="ltr"`` (``templatetags/directory_tags.py``).
"""

from django.db.models import F
from django.utils.translation import get_language
from modeltranslation.utils import build_localized_fieldname

from ..models import listing_name_sort_key

DEFAULT_LANGUAGE = "en"


def visitor_language(language: str | None = None) -> str:
    """``language``, else the active language, else English."""
    return language or get_language() or DEFAULT_LANGUAGE


def field_in_english(obj, field: str, language: str | None = None) -> bool:
    """Whether ``obj.field`` is shown in English because it has no text in ``language``."""
    language = visitor_language(language)
    if language == DEFAULT_LANGUAGE:
        return False
    if not getattr(obj, build_localized_fieldname(field, DEFAULT_LANGUAGE), None):
        return False  # nothing to show in any language
    return not getattr(obj, build_localized_fieldname(field, language), None)


def fields_in_english(obj, fields, language: str | None = None) -> list[str]:
    return [field for field in fields if field_in_english(obj, field, language)]


def name_order(language: str) -> list:
    """Reading order of listings: by name in ``language`` (its index), then id."""
    return [listing_name_sort_key(language).asc(), F("pk").asc()]
