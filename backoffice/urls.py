from django.urls import path

from . import views

app_name = "backoffice"

urlpatterns = [
    path("", views.QueueView.as_view(), name="queue"),
    path("cases.csv", views.QueueExportView.as_view(), name="queue_export"),
    path("cases/new/", views.CaseCreateView.as_view(), name="case_create"),
    path("cases/<str:reference>/", views.CaseDetailView.as_view(), name="case"),
    *[
        path(f"cases/<str:reference>/{action}/", view, name=f"case_{action.replace('-', '_')}")
        for action, view in views.CASE_ACTION_VIEWS.items()
    ],
    path("people/<int:person_id>/", views.PersonDetailView.as_view(), name="person"),
    path("people/<int:person_id>/edit/", views.PersonEditView.as_view(), name="person_edit"),
    path(
        "people/<int:person_id>/export.json", views.PersonExportView.as_view(), name="person_export"
    ),
    path("people/<int:person_id>/merge/", views.PersonMergeView.as_view(), name="person_merge"),
    path("follow-ups/", views.FollowupsView.as_view(), name="followups"),
    path("dashboard/", views.DashboardView.as_view(), name="dashboard"),
    path("dashboard/<slug:table>.csv", views.DashboardCSVView.as_view(), name="dashboard_csv"),
    path("audit/", views.AuditLogView.as_view(), name="audit_log"),
]
