from django.urls import path

from . import views

app_name = "messaging"

urlpatterns = [
    path("sms/inbound/", views.sms_inbound, name="sms_inbound"),
]
