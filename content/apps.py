from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    name = "content"
    verbose_name = _("Editorial content")

    def ready(self):
        from core import published

        from . import signals  # noqa: F401

        published.app_register(self.label)  # pages and site settings show on public pages
