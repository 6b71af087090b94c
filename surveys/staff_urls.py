"""The survey typed by staff, mounted under the back office (``portal.urls``), outside the
language-prefixed public addresses: it speaks the staff member's language."""

from django.urls import path

from . import staff

app_name = "surveys_staff"

urlpatterns = [
    path("", staff.StaffSurveyView.as_view(), name="intake"),
]
