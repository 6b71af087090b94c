"""Admin panels for records translated with django-modeltranslation: one tab per language."""

from django.conf import settings
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname
from wagtail.admin.panels import FieldPanel, ObjectList


def _required(name) -> str:
    return _("%(language)s (required)") % {"language": name}


# Panels are built at import; the heading is translated when the admin renders it.
_required_lazy = lazy(_required, str)


def language_tabs(field_names, *, required_language="en"):
    """An ``ObjectList`` per site language holding that language's version of each field."""
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
