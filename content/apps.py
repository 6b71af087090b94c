from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    name = "content"
    verbose_name = _("Editorial content")

    def ready(self):
        from . import signals  # noqa: F401
