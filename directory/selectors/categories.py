"""The taxonomy as visitors browse it: the category tree with counts, one category, membership."""

from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import Coalesce

from core import published
from core.fragments import kept

from ..models import Category, Resource, public_q
from ..taxonomy import SAFE_HAVEN_SLUG

CATEGORY_SECONDS = 60 * 60


def _public_links():
    """Links between public listings and their categories."""
    return Resource.categories.through.objects.filter(public_q("resource__"))


def category_tree() -> list[Category]:
    """Top-level categories, each with ``children_list`` and every one with ``resource_count``
    (public listings, a listing counted once per category even when in several subcategories).
    Three queries, whatever the number of resources."""
    categories = list(Category.objects.order_by("sort_order", "slug"))
    direct = dict(
        _public_links()
        .values("category_id")
        .annotate(n=Count("resource_id", distinct=True))
        .values_list("category_id", "n")
    )
    by_top = dict(
        _public_links()
        .annotate(top=Coalesce("category__parent_id", "category_id"))
        .values("top")
        .annotate(n=Count("resource_id", distinct=True))
        .values_list("top", "n")
    )
    tops = []
    by_id = {c.pk: c for c in categories}
    for category in categories:
        category.children_list = []
        category.resource_count = direct.get(category.pk, 0)
    for category in categories:
        if category.parent_id is None:
            category.resource_count = by_top.get(category.pk, 0)
            tops.append(category)
        elif category.parent_id in by_id:
            by_id[category.parent_id].children_list.append(category)
    return tops


def category_get(*, slug: str) -> Category:
    """The category with its parent and children (``children_list``); raises DoesNotExist.
    Kept in this process until published content changes (``core.fragments.kept``): a category
    page asks for it on every request, and categories change seldom. Shared by the requests:
    never changed by its readers."""

    def build():
        category = Category.objects.select_related("parent").filter(slug=slug).first()
        if category is not None:
            category.children_list = list(category.children.order_by("sort_order", "slug"))
        return category

    category = kept(("directory:category", slug), build)
    if category is None:
        raise Category.DoesNotExist(slug)
    return category


def safe_haven_category() -> Category | None:
    """The category for people fleeing domestic violence, if the installation still has it.
    Kept in the shared cache until published content changes (the home page shows it on every
    render)."""

    def build():
        return Category.objects.filter(slug=SAFE_HAVEN_SLUG).only("pk", "slug").first()

    return published.cached("directory:safe-haven", build, CATEGORY_SECONDS)


def in_category(category: Category) -> Exists:
    """Resources in the category or one of its subcategories (those of ``category_get``'s
    ``children_list``, else looked up in the same query)."""
    children = getattr(category, "children_list", None)
    if children is None:
        category_ids = Category.objects.filter(Q(pk=category.pk) | Q(parent_id=category.pk))
        category_ids = category_ids.values("pk")
    else:
        category_ids = [category.pk, *(child.pk for child in children)]
    return Exists(
        Resource.categories.through.objects.filter(
            resource_id=OuterRef("pk"), category_id__in=category_ids
        )
    )
