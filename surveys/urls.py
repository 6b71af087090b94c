from django.urls import path

from . import views

app_name = "surveys"

urlpatterns = [
    path("", views.survey, name="start"),
    path("received/", views.received, name="received"),
    path("<slug:step>/", views.survey, name="step"),
]
