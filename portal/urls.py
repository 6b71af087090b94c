from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from surveys.board.urls import photo_urlpatterns as board_photo_urlpatterns

from . import views

handler500 = "portal.views.server_error"

urlpatterns = [
    path("healthz/", views.healthz, name="healthz"),
    path("language/<str:code>/", views.switch_language, name="switch_language"),
    path("admin/", include(wagtailadmin_urls)),
    # Before the back office's own addresses, whose last one answers 404 for any other.
    path("backoffice/cases/new/survey/", include("surveys.staff_urls")),
    path("backoffice/", include("backoffice.urls")),
    path("two-factor/", include("portal.two_factor.urls")),
    path("messages/", include("messaging.urls")),
    path("api/hsds/", include("directory.api_urls")),
    path("documents/", include(wagtaildocs_urls)),
    # Photos of reports on the lost and found board, by opaque id, only while on the board.
    path("lost-and-found-photos/", include(board_photo_urlpatterns)),
    path("sitemap.xml", sitemap, name="sitemap"),
    # Without a reverse proxy in front (development, the compose stack), Django serves Wagtail's
    # public uploads when DEBUG or SERVE_MEDIA says so; otherwise this answers 404.
    re_path(r"^media/(?P<path>.*)$", views.media, name="media"),
]

urlpatterns += i18n_patterns(
    path("browse-safely/", views.browse_safely, name="browse_safely"),
    path("resources/", include("directory.urls")),
    path("search/", include("search.urls")),
    path("help/", include("surveys.urls")),
    path("pet-report/", include("surveys.reports.urls")),
    path("lost-and-found/", include("surveys.board.urls")),
    # Wagtail's page serving catches everything else, so it stays last.
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
