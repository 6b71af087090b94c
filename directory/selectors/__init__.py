"""Reads of the directory for the public pages, the printable lists and the other apps.

The reads live in the modules of this package, by concern:

- ``categories``: the category tree with counts, one category, "in this category";
- ``listings``: a category's filtered and paged listings, their cards, printed lists, previews;
- ``nearby``: where a place is, "serves this ZIP code", nearest first;
- ``resources``: one listing's page and its related listings;
- ``translation``: which texts fall back to English, name order in the visitor's language.

Rules that readers share have homes of their own: which places may be shown in
``directory.confidential``, which listings are public in ``directory.models`` (``public_q``,
``Resource.objects.public()``), opening hours in ``directory.hours``, ZIP codes and distances in
``core.geography``.

This module re-exports what other apps, templates (through ``directory_tags``) and tests imported
from ``directory.selectors`` before it became a package, so ``from directory.selectors import
...`` keeps working; new code may import from the submodules.
"""

from core.geography import distance_miles, zip_point

from ..confidential import locations_shown as resource_locations_shown
from ..hours import (
    DaySchedule,
    OpenState,
    closures_upcoming,
    open_state,
    opening_periods,
    schedules_by_location,
    weekly_schedule,
)
from .categories import category_get, category_tree, safe_haven_category
from .listings import (
    CARD_FIELDS,
    CARD_LOCATION_FIELDS,
    COUNT_LIMIT,
    PRINT_LIMIT,
    ListingFilters,
    ListingPage,
    cards_seconds_valid,
    listing_cards,
    listing_page,
    resources_filtered,
    resources_for_print,
    resources_for_print_heading,
    resources_in_category_preview,
    resources_listed,
    resources_ordered,
)
from .nearby import location_point, serves_zip, zip_outside_area
from .resources import RELATED_LIMIT, resource_ended_get, resource_get, resources_related
from .translation import DEFAULT_LANGUAGE, field_in_english, fields_in_english

__all__ = [
    "CARD_FIELDS",
    "CARD_LOCATION_FIELDS",
    "COUNT_LIMIT",
    "DEFAULT_LANGUAGE",
    "PRINT_LIMIT",
    "RELATED_LIMIT",
    "DaySchedule",
    "ListingFilters",
    "ListingPage",
    "OpenState",
    "cards_seconds_valid",
    "category_get",
    "category_tree",
    "closures_upcoming",
    "distance_miles",
    "field_in_english",
    "fields_in_english",
    "listing_cards",
    "listing_page",
    "location_point",
    "open_state",
    "opening_periods",
    "resource_ended_get",
    "resource_get",
    "resource_locations_shown",
    "resources_filtered",
    "resources_ordered",
    "resources_for_print",
    "resources_for_print_heading",
    "resources_in_category_preview",
    "resources_listed",
    "resources_related",
    "safe_haven_category",
    "schedules_by_location",
    "serves_zip",
    "weekly_schedule",
    "zip_outside_area",
    "zip_point",
]
