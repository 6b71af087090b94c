"""The HSDS 3.0 API (mounted at /api/hsds/ by portal/urls.py); paths as in HSDS's openapi.json."""

from django.urls import path

from . import api_views

app_name = "hsds_api"

urlpatterns = [
    path("", api_views.index, name="index"),
    path("services", api_views.services, name="services"),
    path("services/<str:id>", api_views.service, name="service"),
    path("organizations", api_views.organizations, name="organizations"),
    path("organizations/<str:id>", api_views.organization, name="organization"),
    path("taxonomies", api_views.taxonomies, name="taxonomies"),
    path("taxonomies/<str:id>", api_views.taxonomy, name="taxonomy"),
    path("taxonomy_terms", api_views.taxonomy_terms, name="taxonomy_terms"),
    path("taxonomy_terms/<str:id>", api_views.taxonomy_term, name="taxonomy_term"),
    path("service_at_locations", api_views.service_at_locations, name="service_at_locations"),
    path(
        "service_at_locations/<str:id>",
        api_views.service_at_location,
        name="service_at_location",
    ),
]
