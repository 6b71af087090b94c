from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = _("Public intake")

    def ready(self):
        from backoffice.intake_pages import intake_page_register

        from . import signals  # noqa: F401
        from .models import SurveyWording
        from .wording_admin import install

        install(SurveyWording)  # the admin form of every question, read from the survey's forms

        intake_page_register(
            url_name="surveys_staff:intake",
            label=_("Survey for someone on the phone or at the desk"),
        )
