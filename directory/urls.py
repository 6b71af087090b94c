from django.urls import path

from . import views

app_name = "directory"

# Fixed paths come before ``<slug>/``; a category cannot be called "listing", "print" or "send".
urlpatterns = [
    path("", views.browse, name="browse"),
    path("print/", views.print_selection, name="print_selection"),
    path("print.pdf", views.print_selection, {"as_pdf": True}, name="print_selection_pdf"),
    path("send/", views.send_list_page, name="send_list"),
    path("send/sent/", views.send_list_sent, name="send_list_sent"),
    path("listing/<int:pk>/", views.resource, name="resource"),
    path("listing/<int:pk>/report/", views.report_problem, name="report"),
    path("listing/<int:pk>/report/thanks/", views.report_thanks, name="report_thanks"),
    path("<slug:slug>/", views.category, name="category"),
    path("<slug:slug>/print/", views.print_category, name="print_category"),
    path(
        "<slug:slug>/print.pdf", views.print_category, {"as_pdf": True}, name="print_category_pdf"
    ),
]
