"""What a printed list shows (a category's listings, or the ones a visitor ticked), for the print
page and for its PDF, which the background worker makes (``directory.pdf_jobs``)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from . import hours, pdf, selectors
from .forms import ListingFilterForm
from .models import Category
from .selectors.listings import ListingFilters
from .vocabulary import Cost, Species, SpokenLanguage

NO_FILTERS = ListingFilters()


def filters_described(filters: ListingFilters) -> list[str]:
    """The filters a printed list was made with, as its header names them ("Free", "Dogs",
    "Language spoken: Spanish", "Open when this list was printed")."""
    described = [str(Cost(cost).label) for cost in filters.costs]
    if filters.species:
        described.append(str(Species(filters.species).label))
    if filters.language:
        language = SpokenLanguage(filters.language).label
        described.append(_("Language spoken: %(language)s") % {"language": language})
    if filters.open_now:
        described.append(_("Open when this list was printed"))
    return described


def print_context(
    request,
    *,
    resources,
    title,
    category=None,
    pdf_url,
    filters: ListingFilters = NO_FILTERS,
    back_url="",
) -> dict:
    now = timezone.now()
    cards = selectors.listing_cards(resources, zip_code=filters.zip_code, now=now)
    for card in cards:
        card["schedules"] = hours.schedules_by_location(card["resource"], card["locations"])
    return {
        "cards": cards,
        "title": title,
        "category": category,
        "printed_on": timezone.localdate(),
        "pdf_url": pdf_url,
        "limit": selectors.PRINT_LIMIT,
        "directory_url": request.build_absolute_uri(reverse("directory:browse")),
        "filters": filters,
        "filters_described": filters_described(filters),
        "back_url": back_url or reverse("directory:browse"),
    }


def category_context(request, category: Category, filters: ListingFilters = NO_FILTERS) -> dict:
    """A category's printed list: the listings its page shows with these filters, in its order."""
    query = ListingFilterForm.filters_query(filters)
    query = f"?{query}" if query else ""
    return print_context(
        request,
        resources=selectors.resources_for_print(category=category, filters=filters),
        title=category.name,
        category=category,
        pdf_url=reverse("directory:print_category_pdf", args=[category.slug]) + query,
        filters=filters,
        back_url=reverse("directory:category", args=[category.slug]) + query,
    )


def selection_title(resources) -> str | None:
    """A list of one listing is titled with its name; a longer one has the generic title."""
    return resources[0].name if len(resources) == 1 else None


def selection_context(request, ids: list[int]) -> dict | None:
    """The context of a list of hand-picked listings; None when none of them is public."""
    resources = selectors.resources_for_print(ids=ids)
    if not resources:
        return None
    query = "?" + "&".join(f"r={pk}" for pk in ids[: selectors.PRINT_LIMIT])
    return print_context(
        request,
        resources=resources,
        title=selection_title(resources),
        pdf_url=reverse("directory:print_selection_pdf") + query,
    )


def pdf_filename(*, category: Category | None = None, title: str | None = None) -> str:
    name = category.slug if category is not None else slugify(title or "")[:40] or "selection"
    return f"resources-{name}-{get_language()}.pdf"


def pdf_document(
    request, *, slug: str | None = None, ids: list[int] | None = None, filters: str = ""
) -> bytes:
    """The PDF of a category's list (``slug``, with the ``filters`` of its page as a query string)
    or of hand-picked listings (``ids``), in the active language. Costs seconds of CPU: only the
    worker calls it (``directory.pdf_jobs``)."""
    if slug is not None:
        context = category_context(
            request, selectors.category_get(slug=slug), ListingFilterForm.filters_of(filters)
        )
    else:
        context = selection_context(request, ids or [])
        if context is None:
            raise LookupError(f"none of the listings {ids} is public any more")
    return pdf.render_pdf(request, "directory/print.html", {**context, "for_pdf": True})
