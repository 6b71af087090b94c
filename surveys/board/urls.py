from django.urls import path

from . import views

app_name = "board"

urlpatterns = [
    path("", views.board, name="board"),
    path("<str:pk>/", views.report, name="report"),
    path("<str:pk>/write/", views.report_write, name="write"),
    path("<str:pk>/sent/", views.sent, name="sent"),
]

# Outside the language prefix (a photo is the same in every language): ``portal/urls.py``.
photo_urlpatterns = [path("<str:public_id>/", views.photo, name="board_photo")]
