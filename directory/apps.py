from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = _("Resource directory")

    def ready(self):
        from core import published

        published.app_register(self.label)  # listings show on public pages
