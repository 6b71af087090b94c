from django.urls import path, re_path

from .views import base, board, cases, dashboard, people, queue

app_name = "backoffice"

urlpatterns = [
    path("", queue.QueueView.as_view(), name="queue"),
    path("cases.csv", queue.QueueExportView.as_view(), name="queue_export"),
    path("cases/new/", cases.CaseCreateView.as_view(), name="case_create"),
    path("cases/<str:reference>/", cases.CaseDetailView.as_view(), name="case"),
    *[
        path(f"cases/<str:reference>/{action}/", view, name=f"case_{action.replace('-', '_')}")
        for action, view in cases.CASE_ACTION_VIEWS.items()
    ],
    path("people/<int:person_id>/", people.PersonDetailView.as_view(), name="person"),
    path("people/<int:person_id>/edit/", people.PersonEditView.as_view(), name="person_edit"),
    path(
        "people/<int:person_id>/export.json",
        people.PersonExportView.as_view(),
        name="person_export",
    ),
    path("people/<int:person_id>/merge/", people.PersonMergeView.as_view(), name="person_merge"),
    path("follow-ups/", queue.FollowupsView.as_view(), name="followups"),
    path("dashboard/", dashboard.DashboardView.as_view(), name="dashboard"),
    path("dashboard/<slug:table>.csv", dashboard.DashboardCSVView.as_view(), name="dashboard_csv"),
    path("audit/", dashboard.AuditLogView.as_view(), name="audit_log"),
    path("board/", board.BoardQueueView.as_view(), name="board_queue"),
    path(
        "board/<str:report_id>/approve/", board.ReportApproveView.as_view(), name="report_approve"
    ),
    path("board/<str:report_id>/hide/", board.ReportHideView.as_view(), name="report_hide"),
    path("photos/<str:public_id>/", board.ReportPhotoView.as_view(), name="report_photo"),
    # Anything else under the back office: its own 404 page. Only addresses ending in "/", so
    # that one without its slash is still redirected to it (APPEND_SLASH).
    re_path(r"^.*/$", base.NotFoundView.as_view(), name="not_found"),
]
