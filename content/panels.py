"""Admin panels for records translated with django-modeltranslation: one tab per language."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname
from wagtail.admin.panels import FieldPanel, ObjectList


def language_tabs(field_names, *, required_language="en"):
    """An ``ObjectList`` per site language holding that language's version of each field."""
    tabs = []
    for code, name in settings.LANGUAGES:
        heading = (
            name if code != required_language else _("%(language)s (required)") % {"language": name}
        )
        tabs.append(
            ObjectList(
                [FieldPanel(build_localized_fieldname(field, code)) for field in field_names],
                heading=heading,
            )
        )
    return tabs
