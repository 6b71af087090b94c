from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("sent/", views.sent, name="sent"),
    path("alerts-stop/<str:token>/", views.alerts_stop, name="alerts_stop"),
    path("private/<str:token>/", views.private, name="private"),
    path("private/<str:token>/photo/<str:pk>/", views.private_photo, name="private_photo"),
    path("held-photo/<str:key>/", views.held_photo, name="held_photo"),
    path("<str:kind>/", views.report, name="report"),
]
