from django.apps import AppConfig

# Third-party apps whose records appear on public pages (the project's own apps join
# ``core.published`` in their own ``ready()``).
PUBLIC_THIRD_PARTY_APPS = ("wagtailcore", "wagtailimages", "wagtailredirects", "taggit")


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Portal"

    def ready(self):
        from core import published

        from . import sign_in, signals  # noqa: F401 (their receivers)
        from .two_factor import signals as two_factor_signals  # noqa: F401

        published.app_register(*PUBLIC_THIRD_PARTY_APPS)
