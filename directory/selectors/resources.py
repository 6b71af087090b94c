"""One listing as its page shows it, and the listings shown beside it."""

from django.db.models import Exists, OuterRef, Prefetch

from ..models import Category, Resource, public_q
from .listings import listing_prefetches
from .translation import name_order, visitor_language

RELATED_LIMIT = 4


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
    """Other public listings of the resource's first category, in reading order."""
    categories = list(resource.categories.all())
    if not categories:
        return []
    same_category = Exists(
        Resource.categories.through.objects.filter(
            resource_id=OuterRef("pk"), category_id=categories[0].pk
        )
    )
    return list(
        Resource.objects.public()
        .filter(same_category)
        .exclude(pk=resource.pk)
        .select_related("organization")
        .order_by(*name_order(visitor_language()))[:limit]
    )
