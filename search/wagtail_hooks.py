"""Search in the Wagtail admin, for directory editors: the synonyms per language, and what people
searched for (the most searched queries and those that found nothing, the last 30 days)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from directory.permissions import user_can_edit_directory

from . import admin_views
from .models import SynonymGroup


class SynonymViewSet(SnippetViewSet):
    model = SynonymGroup
    icon = "resubmit"
    menu_label = _("Search synonyms")
    menu_order = 202
    add_to_admin_menu = True
    list_display = [
        Column("terms", label=_("Words and phrases"), accessor="__str__"),
        Column("language", label=_("Language"), accessor="get_language_display"),
        DateColumn("updated_at", label=_("Updated")),
    ]
    list_filter = {"language": ["exact"]}
    search_fields = ["terms"]
    ordering = ["language", "terms"]


register_snippet(SynonymViewSet)


@hooks.register("register_admin_urls")
def register_search_report_urls():
    return [path("search/queries/", admin_views.search_queries, name="search_queries")]


class SearchQueriesMenuItem(MenuItem):
    def is_shown(self, request):
        return user_can_edit_directory(request.user)


@hooks.register("register_admin_menu_item")
def register_search_report_menu_item():
    return SearchQueriesMenuItem(
        _("What people search for"), reverse("search_queries"), icon_name="search", order=203
    )
