"""What a printed list shows (a category's listings, or the ones a visitor ticked), for the print
page and for its PDF, which the background worker makes (``directory.pdf_jobs``)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language

from . import hours, pdf, selectors
from .models import Category


def print_context(request, *, resources, title, category=None, pdf_url) -> dict:
    now = timezone.now()
    cards = selectors.listing_cards(resources, now=now)
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
    }


def category_context(request, category: Category) -> dict:
    return print_context(
        request,
        resources=selectors.resources_for_print(category=category),
        title=category.name,
        category=category,
        pdf_url=reverse("directory:print_category_pdf", args=[category.slug]),
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


def pdf_document(request, *, slug: str | None = None, ids: list[int] | None = None) -> bytes:
    """The PDF of a category's list (``slug``) or of hand-picked listings (``ids``), in the active
    language. Costs seconds of CPU: only the worker calls it (``directory.pdf_jobs``)."""
    if slug is not None:
        context = category_context(request, selectors.category_get(slug=slug))
    else:
        context = selection_context(request, ids or [])
        if context is None:
            raise LookupError(f"none of the listings {ids} is public any more")
    return pdf.render_pdf(request, "directory/print.html", {**context, "for_pdf": True})
