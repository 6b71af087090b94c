"""The public search pages: results (directory listings and editorial pages on one page) and
suggestions while typing (progressive enhancement: the form works without them)."""

from dataclasses import replace

from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from directory.models import Category, Resource
from directory.selectors import listing_cards, zip_outside_area
from directory.selectors.listings import ListingPage, listing_prefetches

from . import analysis, queries
from .forms import SearchForm
from .results import MAX_RESULTS

PAGE_SIZE = 20
SUGGESTIONS = 8


def _cards(results, zip_code: str, now):
    ids = [hit.resource_id for hit in results.hits]
    resources = Resource.objects.public().filter(pk__in=ids).select_related("organization")
    by_id = {r.pk: r for r in resources.prefetch_related(*listing_prefetches(cards=True))}
    ordered = [by_id[pk] for pk in ids if pk in by_id]
    cards = listing_cards(ordered, zip_code=zip_code, now=now)
    for card, hit in zip(cards, [h for h in results.hits if h.resource_id in by_id], strict=True):
        card["highlights"] = hit.highlights
    return cards


@require_safe
def results(request):
    language = get_language()
    form = SearchForm(request.GET or None)
    if form.is_bound:
        form.is_valid()  # errors are shown beside their fields; the valid part still applies
    query = form.query(language=language, page=request.GET.get("page"), per_page=PAGE_SIZE)
    searched = bool(query.text or query.has_filters or query.zip_code)
    context = {"form": form, "query": query, "searched": searched}
    if searched:
        found = queries.resources_search(query, record=True)
        if not found.hits and found.total and query.page > 1:  # past the last page
            query = replace(query, page=found.num_pages)
            found = queries.resources_search(query)
        now = timezone.now()
        params = request.GET.copy()
        params.pop("page", None)
        categories = {c.slug: c for c in Category.objects.filter(parent__isnull=True)}
        cards = _cards(found, query.zip_code, now)
        context.update(
            results=found,
            cards=cards,
            # "Print these" and "Send these" take the listings on this page, in this order.
            shown_query="&".join(f"r={card['resource'].pk}" for card in cards),
            pages=queries.site_search(query.text, language) if query.text else [],
            page_obj=ListingPage(
                [], query.page, query.per_page, found.total, found.total > MAX_RESULTS, MAX_RESULTS
            ),
            query_string=params.urlencode(),
            category_facets=[
                (categories[f.value], f.count)
                for f in found.facets.get("category", [])
                if f.value in categories
            ],
            active_filters=_active_filters(form, query, request.GET),
            outside_area=zip_outside_area(query.zip_code),
        )
        if not found.total:
            context["nearest_categories"] = _nearest_categories(query)
    response = render(request, "search/results.html", context)
    if query.text:
        # Each search is counted in what people searched for, so the page is not cached.
        response.page_cache_seconds = 0
    return response


def _active_filters(form, query, params) -> list[dict]:
    """Each filter in use, with the link that removes it."""
    labels = dict(form.fields["category"].choices)
    active = []

    def without(name, value=None):
        copy = params.copy()
        copy.pop("page", None)
        if value is None:
            copy.pop(name, None)
        else:
            copy.setlist(name, [v for v in copy.getlist(name) if v != value])
        return copy.urlencode()

    if query.category:
        active.append(
            {"label": labels.get(query.category, "").lstrip("— "), "query": without("category")}
        )
    for cost in query.costs:
        active.append(
            {"label": dict(form.fields["cost"].choices)[cost], "query": without("cost", cost)}
        )
    if query.species:
        active.append(
            {
                "label": dict(form.fields["species"].choices)[query.species],
                "query": without("species"),
            }
        )
    if query.spoken:
        active.append(
            {
                "label": dict(form.fields["language"].choices)[query.spoken],
                "query": without("language"),
            }
        )
    if query.open_now:
        active.append({"label": form.fields["open_now"].label, "query": without("open_now")})
    if query.zip_code:
        active.append({"label": query.zip_code, "query": without("zip"), "is_zip": True})
    return active


def _nearest_categories(query, limit: int = 4) -> list[Category]:
    """Categories whose names share a word with the query, else the top-level ones."""
    words = set(analysis.terms(query.text, query.language)) if query.text else set()
    found = []
    if words:
        for category in Category.objects.all():
            if words & set(analysis.terms(category.name, query.language)):
                found.append(category)
    if not found:
        found = list(Category.objects.filter(parent__isnull=True).order_by("sort_order", "slug"))
    return found[:limit]


@require_safe
def suggest(request):
    text = (request.GET.get("q") or "")[:100]
    suggestions = queries.resources_suggest(text, get_language(), limit=SUGGESTIONS)
    response = JsonResponse(
        {"suggestions": [{"text": s.text, "kind": s.kind} for s in suggestions]}
    )
    response.page_cache_seconds = 300
    return response
