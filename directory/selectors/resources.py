"""One listing as its page shows it, and the listings shown beside it."""

from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch
from modeltranslation.utils import build_localized_fieldname

from core import published

from ..models import Category, Resource, public_q
from .listings import listing_prefetches
from .translation import name_order, visitor_language

RELATED_LIMIT = 4
RELATED_SECONDS = 60 * 60
# What the "other services" list shows of a listing (the names and summaries in every language,
# for the English fallback).
RELATED_FIELDS = [
    "id",
    "status",
    *(
        build_localized_fieldname(field, code)
        for field in ("name", "short_description")
        for code, _name in settings.LANGUAGES
    ),
]


def resource_get(*, pk: int) -> Resource:
    """A public resource with everything its page shows; raises Resource.DoesNotExist."""
    return (
        Resource.objects.public()
        .select_related("organization", "last_verified_by")
        .prefetch_related(
            *listing_prefetches(),
            "phones",
            Prefetch("categories", queryset=Category.objects.select_related("parent")),
        )
        .get(pk=pk)
    )


def resource_ended_get(*, pk: int) -> Resource:
    """A listing that is no longer public (it has ended), for the page that says so: its name,
    its organisation's and its categories, nothing of where it was. Raises Resource.DoesNotExist
    (also for a listing that is public)."""
    return (
        Resource.objects.exclude(public_q())
        .select_related("organization")
        .prefetch_related(
            Prefetch("categories", queryset=Category.objects.select_related("parent"))
        )
        .get(pk=pk)
    )


def resources_related(*, resource: Resource, limit: int = RELATED_LIMIT) -> list[Resource]:
    """Other public listings of the resource's first category, in reading order. The first of
    each category are kept in the shared cache, per language, until published content changes:
    every listing page of the category shows them."""
    categories = list(resource.categories.all())
    if not categories:
        return []
    category_id, language = categories[0].pk, visitor_language()

    def build():
        same_category = Exists(
            Resource.categories.through.objects.filter(
                resource_id=OuterRef("pk"), category_id=category_id
            )
        )
        return list(
            Resource.objects.public()
            .filter(same_category)
            .only(*RELATED_FIELDS)
            .order_by(*name_order(language))[: limit + 1]
        )

    first = published.cached(
        f"directory:related:{category_id}:{language}:{limit}", build, RELATED_SECONDS
    )
    return [other for other in first if other.pk != resource.pk][:limit]
