"""Directory screens in the Wagtail admin: listings, organisations, locations, categories,
problem reports, and the review queue of listings past their verification date."""

import django_filters
from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import chooser as snippet_chooser
from wagtail.snippets.views.snippets import (
    CreateView,
    DeleteView,
    EditView,
    IndexView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from core.panels import LanguagePanel, TranslatedFieldsForm, language_tabs

from . import admin_views
from .forms_admin import LocationAdminForm, ResourceAdminForm
from .models import Category, Location, Organization, ProblemReport, Resource
from .permissions import user_can_edit_directory
from .services import (
    category_resource_ids,
    listing_order_refresh,
    listing_order_refresh_category,
)
from .translation import (
    CategoryTranslation,
    LocationTranslation,
    OrganizationTranslation,
    ResourceTranslation,
)
from .vocabulary import Status

OTHER_LANGUAGES = [
    (code, name) for code, name in settings.LANGUAGES if code != settings.LANGUAGE_CODE
]


class ResourceFilterSet(WagtailFilterSet):
    category = django_filters.ModelChoiceFilter(
        field_name="categories", queryset=Category.objects.all(), label=_("Category")
    )
    status = django_filters.ChoiceFilter(choices=Status.choices, label=_("Status"))
    needs_review = django_filters.BooleanFilter(
        method="filter_needs_review", label=_("Needs review")
    )
    missing_translation = django_filters.ChoiceFilter(
        choices=OTHER_LANGUAGES,
        method="filter_missing_translation",
        label=_("Translation missing in"),
    )
    confidential_address = django_filters.BooleanFilter(label=_("Confidential address"))

    class Meta:
        model = Resource
        fields = []

    def filter_needs_review(self, queryset, name, value):
        if value is None:
            return queryset
        stale = Resource.objects.needs_review().values("pk")
        return queryset.filter(pk__in=stale) if value else queryset.exclude(pk__in=stale)

    def filter_missing_translation(self, queryset, name, code):
        missing = Q()
        for field in ("name", "short_description"):
            localized = build_localized_fieldname(field, code)
            missing |= Q(**{f"{localized}__isnull": True}) | Q(**{localized: ""})
        return queryset.filter(missing)


class DirectoryEditorsOnly:
    """A view of the whole directory (confidential places included): only for those who may
    edit it (``directory.permissions``), whatever else their admin account may do."""

    def dispatch(self, request, *args, **kwargs):
        if not user_can_edit_directory(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class DirectoryIndexView(DirectoryEditorsOnly, IndexView):
    pass


class DirectoryChooserViewSet(snippet_chooser.SnippetChooserViewSet):
    choose_view_class = type(
        "DirectoryChooseView", (DirectoryEditorsOnly, snippet_chooser.ChooseView), {}
    )
    choose_results_view_class = type(
        "DirectoryChooseResultsView", (DirectoryEditorsOnly, snippet_chooser.ChooseResultsView), {}
    )
    chosen_view_class = type(
        "DirectoryChosenView", (DirectoryEditorsOnly, snippet_chooser.SnippetChosenView), {}
    )
    chosen_multiple_view_class = type(
        "DirectoryChosenMultipleView",
        (DirectoryEditorsOnly, snippet_chooser.SnippetChosenMultipleView),
        {},
    )
    create_view_class = type(
        "DirectoryCreateView", (DirectoryEditorsOnly, snippet_chooser.SnippetCreateView), {}
    )


class StayOnRecord:
    """After Save, the editor stays on the record just saved (with Wagtail's "saved" message),
    not on the list of every record."""

    def get_success_url(self):
        return self.get_edit_url()


class RecordCreateView(StayOnRecord, CreateView):
    pass


class RecordEditView(StayOnRecord, EditView):
    pass


class ListingOrderAfterSave:
    """After a listing is saved (its categories, weight, names, cost or status may have
    changed), its place in the lists of its categories is rewritten (``listing_order_refresh``)."""

    def save_instance(self):
        instance = super().save_instance()
        listing_order_refresh(resource_ids=[instance.pk])
        return instance


class ResourceCreateView(ListingOrderAfterSave, RecordCreateView):
    pass


class ResourceEditView(ListingOrderAfterSave, RecordEditView):
    pass


class CategoryOrderAfterSave:
    """After a category is added, moved or reordered, the places of the listings in its tree
    (the one it was in and the one it is in now) are rewritten."""

    def save_instance(self):
        before = [self.form.instance.pk, self.form.initial.get("parent")]
        instance = super().save_instance()
        listing_order_refresh_category(
            category_ids=[pk for pk in (*before, instance.pk, instance.parent_id) if pk]
        )
        return instance


class CategoryCreateView(CategoryOrderAfterSave, RecordCreateView):
    pass


class CategoryEditView(CategoryOrderAfterSave, RecordEditView):
    pass


class CategoryDeleteView(DeleteView):
    """After a category is deleted, its listings leave its page and their ranks under its
    parent are rewritten."""

    def delete_action(self):
        resource_ids = category_resource_ids(category_ids=[self.object.pk])
        super().delete_action()
        listing_order_refresh(resource_ids=resource_ids)


class DirectorySnippetViewSet(SnippetViewSet):
    """Listings and choosers for directory editors only."""

    index_view_class = DirectoryIndexView
    chooser_viewset_class = DirectoryChooserViewSet
    add_view_class = RecordCreateView
    edit_view_class = RecordEditView


class ResourceViewSet(DirectorySnippetViewSet):
    model = Resource
    add_view_class = ResourceCreateView
    edit_view_class = ResourceEditView
    icon = "list-ul"
    menu_label = _("Resources")
    list_per_page = 50
    list_display = [
        "name",
        Column("organization", label=_("Organization")),
        Column("status", label=_("Status"), accessor="get_status_display"),
        DateColumn("last_verified_at", label=_("Last checked")),
        DateColumn("updated_at", label=_("Updated")),
    ]
    filterset_class = ResourceFilterSet
    search_fields = ["name_en", "name_es", "short_description_en", "organization__name_en"]
    search_backend_name = None
    ordering = ["name_en"]

    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("organization"),
                    FieldPanel("categories", widget=forms.CheckboxSelectMultiple),
                    FieldPanel("list_weight"),
                    FieldRowPanel([FieldPanel("status"), FieldPanel("cost")]),
                    FieldRowPanel([FieldPanel("url"), FieldPanel("email")]),
                    FieldPanel("species"),
                    FieldPanel("languages"),
                    MultiFieldPanel(
                        [
                            FieldRowPanel([FieldPanel("minimum_age"), FieldPanel("maximum_age")]),
                            FieldPanel("residency_zip_codes"),
                        ],
                        heading=_("Eligibility"),
                    ),
                    MultiFieldPanel(
                        [
                            FieldPanel("service_area_zip_codes"),
                            FieldPanel("service_area_radius_miles"),
                        ],
                        heading=_("Area served"),
                    ),
                    FieldPanel("confidential_address"),
                    MultiFieldPanel(
                        [
                            FieldPanel("last_verified_at", read_only=True),
                            FieldPanel("last_verified_by", read_only=True),
                            FieldPanel("mark_checked"),
                        ],
                        heading=_("Verification"),
                    ),
                ],
                heading=_("Listing"),
            ),
            ObjectList(
                [
                    InlinePanel("resource_locations", heading=_("Locations"), label=_("Location")),
                    InlinePanel("phones", heading=_("Phones"), label=_("Phone")),
                    InlinePanel(
                        "opening_hours", heading=_("Opening hours"), label=_("Opening period")
                    ),
                    InlinePanel("closures", heading=_("Temporary closures"), label=_("Closure")),
                ],
                heading=_("Where and when"),
            ),
            *language_tabs(ResourceTranslation.fields, model=Resource),
        ],
        base_form_class=ResourceAdminForm,
    )

    def get_queryset(self, request):
        return Resource.objects.select_related("organization")


class OrganizationViewSet(DirectorySnippetViewSet):
    model = Organization
    icon = "group"
    menu_label = _("Organizations")
    list_display = ["name", "website", DateColumn("updated_at", label=_("Updated"))]
    search_fields = ["name_en", "name_es"]
    search_backend_name = None
    ordering = ["name_en"]
    edit_handler = TabbedInterface(
        [
            ObjectList([FieldPanel("website"), FieldPanel("email")], heading=_("Organization")),
            *language_tabs(OrganizationTranslation.fields, model=Organization),
        ],
        base_form_class=TranslatedFieldsForm,
    )


class LocationViewSet(DirectorySnippetViewSet):
    model = Location
    icon = "site"
    menu_label = _("Locations")
    list_display = ["name", "address_1", "city", "postal_code"]
    list_filter = ["city"]
    search_fields = ["name_en", "address_1", "city", "postal_code"]
    search_backend_name = None
    ordering = ["name_en"]
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("organization"),
                    FieldPanel("address_1"),
                    FieldPanel("address_2"),
                    FieldRowPanel(
                        [
                            FieldPanel("city"),
                            FieldPanel("state_province"),
                            FieldPanel("postal_code"),
                        ]
                    ),
                    FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                ],
                heading=_("Address"),
            ),
            *language_tabs(LocationTranslation.fields, model=Location),
        ],
        base_form_class=LocationAdminForm,
    )


class CategoryViewSet(SnippetViewSet):
    model = Category
    add_view_class = CategoryCreateView
    edit_view_class = CategoryEditView
    delete_view_class = CategoryDeleteView
    icon = "folder-inverse"
    menu_label = _("Categories")
    list_display = ["name", "parent", "slug", "sort_order"]
    list_filter = ["parent"]
    search_fields = ["name_en", "slug"]
    search_backend_name = None
    ordering = ["sort_order", "slug"]
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("parent"),
                    FieldPanel("slug"),
                    FieldPanel("icon"),
                    FieldPanel("sort_order"),
                ],
                heading=_("Category"),
            ),
            *language_tabs(CategoryTranslation.fields, model=Category),
        ],
        base_form_class=TranslatedFieldsForm,
    )


class ProblemReportViewSet(DirectorySnippetViewSet):
    model = ProblemReport
    icon = "warning"
    menu_label = _("Problem reports")
    list_display = [
        Column("resource", label=_("Resource")),
        Column("reason", label=_("What is wrong"), accessor="get_reason_display"),
        DateColumn("created_at", label=_("Reported")),
        DateColumn("resolved_at", label=_("Resolved")),
    ]
    list_filter = {"reason": ["exact"], "resolved_at": ["isnull"]}
    inspect_view_enabled = True
    add_to_admin_menu = False
    panels = [
        FieldPanel("resource", read_only=True),
        FieldPanel("reason", read_only=True),
        FieldPanel("details", read_only=True),
        LanguagePanel("language", read_only=True),
        FieldPanel("contact", read_only=True),
        FieldPanel("reply_consent", read_only=True),
        FieldPanel("reply_note", read_only=True),
        FieldPanel("replied_at", read_only=True),
        FieldPanel("resolved_at"),
    ]

    def get_queryset(self, request):
        return ProblemReport.objects.select_related("resource")


class DirectoryViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Directory")
    menu_icon = "folder-open-inverse"
    menu_order = 200
    items = (
        ResourceViewSet,
        OrganizationViewSet,
        LocationViewSet,
        CategoryViewSet,
        ProblemReportViewSet,
    )


register_snippet(DirectoryViewSetGroup)


@hooks.register("register_admin_urls")
def register_review_urls():
    return [
        path("directory/review/", admin_views.review_queue, name="directory_review"),
        path("directory/review/<int:pk>/verify/", admin_views.verify, name="directory_verify"),
        path(
            "directory/review/report/<int:pk>/resolve/",
            admin_views.resolve_report,
            name="directory_resolve_report",
        ),
        path(
            "directory/review/report/<int:pk>/reply/",
            admin_views.reply_report,
            name="directory_reply_report",
        ),
    ]


class ReviewMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("directory.change_resource")


@hooks.register("register_admin_menu_item")
def register_review_menu_item():
    return ReviewMenuItem(
        _("Listings to review"), reverse("directory_review"), icon_name="tasks", order=201
    )


class DirectoryWorkPanel(Component):
    """The editor's dashboard says what is waiting: open problem reports and listings to check,
    each linked to the review queue (the dashboard was empty)."""

    name = "directory_work"
    order = 50
    template_name = "directory/admin/home_panel.html"

    def get_context_data(self, parent_context):
        return {
            "report_count": admin_views.reports_open().count(),
            "review_count": admin_views.listings_to_review().count(),
            "review_url": reverse("directory_review"),
        }


@hooks.register("construct_homepage_panels")
def add_directory_work_panel(request, panels):
    if request.user.has_perm(admin_views.PERMISSION):
        panels.append(DirectoryWorkPanel())
