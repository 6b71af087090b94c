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
    """Reading order of listings by name in ``language``, then id."""
    return [listing_name_sort_key(language).asc(), F("pk").asc()]


def listing_order(language: str, *, listed: bool = False) -> list:
    """The order of listings: the editors' weight (highest first), then by name in ``language``
    (English where a name has no translation), then id; each language has its index. With
    ``listed``, for resources joined to their ``CategoryListing`` under one category (its
    ``listed_under``): the weight, what the category is for (the purpose rank), the name."""
    if not listed:
        return [F("list_weight").desc(), *name_order(language)]
    return [
        F("listed_under__weight").desc(),
        F("listed_under__purpose_rank").asc(),
        F(f"listed_under__{build_localized_fieldname('name_key', language)}").asc(),
        F("listed_under__resource").asc(),
    ]
