from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The ground floor: helpers every app may use. No models, and no import of a project app."""

    name = "core"
    verbose_name = "Core"
