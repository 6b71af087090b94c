from django.urls import path

from . import views

app_name = "two_factor"

urlpatterns = [
    path("", views.OverviewView.as_view(), name="overview"),
    path("setup/", views.SetUpView.as_view(), name="set_up"),
    path("recovery-codes/", views.RecoveryCodesView.as_view(), name="recovery_codes"),
    path("verify/", views.VerifyView.as_view(), name="verify"),
    path("staff/", views.StaffView.as_view(), name="staff"),
    path("staff/<int:pk>/reset/", views.StaffResetView.as_view(), name="staff_reset"),
]
