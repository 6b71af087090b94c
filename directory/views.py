"""Public pages of the directory: browse, category, listing, report a problem, printable lists.

Thin views: read the request, ask ``selectors``, render. Every page works without JavaScript and
in every site language (the URL's prefix); texts without a translation are shown in English with
a notice (see ``templatetags/directory_tags.py``).
"""

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core.canonical import canonical_query
from core.digits import whole_number
from core.rate_limits import rate_limit_hit
from core.slots import slot_take

from . import hours, pdf, selectors, send_list, services
from .confidential import locations_shown
from .forms import ListingFilterForm, ProblemReportForm, SendListForm
from .models import Category, Resource
from .taxonomy import SAFE_HAVEN_SLUG
from .translation import ResourceTranslation

PAGE_SIZE = 20
PDF_BUSY_RETRY_SECONDS = 5


def _cache_for(response, seconds):
    """Tell the page cache how long this page stays true (an "open now" badge changes)."""
    if seconds is not None:
        response.page_cache_seconds = seconds
    return response


def _category_or_404(slug) -> Category:
    try:
        return selectors.category_get(slug=slug)
    except Category.DoesNotExist:
        raise Http404 from None


def _resource_or_404(pk) -> Resource:
    try:
        return selectors.resource_get(pk=pk)
    except Resource.DoesNotExist:
        raise Http404 from None


@require_safe
def browse(request):
    categories = selectors.category_tree()
    safe_haven = next((c for c in categories if c.slug == SAFE_HAVEN_SLUG), None)
    return render(
        request, "directory/browse.html", {"categories": categories, "safe_haven": safe_haven}
    )


@require_safe
def category(request, slug):
    category = _category_or_404(slug)
    form = ListingFilterForm(request.GET or None)
    if form.is_bound:
        form.is_valid()  # errors are shown; the valid filters still apply
    filters = form.filters()
    now = timezone.now()
    page = selectors.listing_page(
        category=category,
        filters=filters,
        page=request.GET.get("page"),
        per_page=PAGE_SIZE,
        now=now,
    )
    cards = selectors.listing_cards(page.object_list, zip_code=filters.zip_code, now=now)
    query = request.GET.copy()
    query.pop("page", None)
    response = render(
        request,
        "directory/category.html",
        {
            "category": category,
            "form": form,
            "filters": filters,
            "page_obj": page,
            "cards": cards,
            "query": query.urlencode(),
        },
    )
    return _cache_for(response, selectors.cards_seconds_valid(cards, now=now))


@require_safe
def resource(request, pk):
    resource = _resource_or_404(pk)
    now = timezone.now()
    locations = locations_shown(resource)
    state = hours.open_state(resource, now=now)
    categories = list(resource.categories.all())
    response = render(
        request,
        "directory/resource.html",
        {
            "resource": resource,
            "locations": locations,
            "open_state": state,
            "schedules": hours.schedules_by_location(resource, locations),
            "closures": hours.closures_upcoming(resource),
            "phones": resource.phones.all(),
            "categories": categories,
            "primary_category": categories[0] if categories else None,
            "related": selectors.resources_related(resource=resource),
            "untranslated": selectors.fields_in_english(resource, ResourceTranslation.fields),
        },
    )
    return _cache_for(response, state.seconds_valid(now))


def report_problem(request, pk):
    resource = _resource_or_404(pk)
    form = ProblemReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not form.is_spam:
            services.problem_report_create(
                resource=resource,
                reason=form.cleaned_data["reason"],
                details=form.cleaned_data["details"],
                contact=form.cleaned_data["contact"],
                language=get_language(),
            )
        return HttpResponseRedirect(reverse("directory:report_thanks", args=[resource.pk]))
    status = 400 if form.is_bound else 200
    return render(
        request, "directory/report.html", {"resource": resource, "form": form}, status=status
    )


@require_safe
def report_thanks(request, pk):
    return render(request, "directory/report_thanks.html", {"resource": _resource_or_404(pk)})


# --- Printable lists ------------------------------------------------------------------------------


def _print_context(request, *, resources, title, category=None, pdf_url):
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


def _selected_ids(request) -> list[int]:
    """The listings picked for a printed list (``?r=12&r=٣``); what is not an id is ignored."""
    ids = (whole_number(value) for value in request.GET.getlist("r")[: selectors.PRINT_LIMIT * 2])
    return [pk for pk in ids if pk]


def _pdf_busy(request, *, status: int, retry_after: int):
    """Answered at once, instead of queueing a worker behind the PDFs being made."""
    query = request.META.get("QUERY_STRING", "")
    printable = request.path.removesuffix("print.pdf") + "print/" + (f"?{query}" if query else "")
    response = render(
        request,
        "directory/pdf_busy.html",
        {"too_many": status == 429, "printable_url": printable},
        status=status,
    )
    response["Retry-After"] = str(retry_after)
    add_never_cache_headers(response)
    return response


def _print_response(request, context, *, as_pdf: bool, filename: str):
    if not as_pdf:
        return render(request, "directory/print.html", context)
    # A PDF reaches here only when the page cache has none: it costs seconds of CPU, so each
    # visitor may have a few (PDF_RATE), and a server makes PDF_RENDERS_AT_ONCE at a time.
    limited = rate_limit_hit(request, group="pdf", rate=settings.PDF_RATE)
    if limited is not None:
        return _pdf_busy(request, status=429, retry_after=limited.retry_after)
    with slot_take("pdf", slots=settings.PDF_RENDERS_AT_ONCE) as taken:
        if not taken:
            return _pdf_busy(request, status=503, retry_after=PDF_BUSY_RETRY_SECONDS)
        context = {**context, "for_pdf": True}
        document = pdf.render_pdf(request, "directory/print.html", context)
    response = HttpResponse(document, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_safe
@canonical_query()
def print_category(request, slug, as_pdf=False):
    category = _category_or_404(slug)
    resources = selectors.resources_for_print(category=category)
    language = get_language()
    context = _print_context(
        request,
        resources=resources,
        title=category.name,
        category=category,
        pdf_url=reverse("directory:print_category_pdf", args=[slug]),
    )
    return _print_response(
        request, context, as_pdf=as_pdf, filename=f"resources-{category.slug}-{language}.pdf"
    )


@require_safe
@canonical_query("r")
def print_selection(request, as_pdf=False):
    ids = _selected_ids(request)
    if not ids:
        return HttpResponseRedirect(reverse("directory:browse"))
    resources = selectors.resources_for_print(ids=ids)
    if not resources:
        raise Http404
    query = "?" + "&".join(f"r={pk}" for pk in ids[: selectors.PRINT_LIMIT])
    title = resources[0].name if len(resources) == 1 else None
    context = _print_context(
        request,
        resources=resources,
        title=title,
        pdf_url=reverse("directory:print_selection_pdf") + query,
    )
    name = slugify(title or "")[:40] or "selection"
    return _print_response(
        request, context, as_pdf=as_pdf, filename=f"resources-{name}-{get_language()}.pdf"
    )


# --- "Send me this list" ---------------------------------------------------------------------------


def _list_to_send(request):
    """The category (``?category=slug``) or the ticked listings (``?r=1&r=2``) to send, with a
    title and the address of the list on the site."""
    slug = request.GET.get("category", "")
    if slug:
        category = _category_or_404(slug)
        resources = selectors.resources_for_print(category=category)
        url = reverse("directory:category", args=[slug])
        return resources, category.name, url, f"category={slug}"
    ids = _selected_ids(request)
    if not ids:
        raise Http404
    resources = selectors.resources_for_print(ids=ids)
    if not resources:
        raise Http404
    query = "&".join(f"r={pk}" for pk in ids[: selectors.PRINT_LIMIT])
    title = resources[0].name if len(resources) == 1 else _("Listings you chose")
    return resources, title, reverse("directory:print_selection") + "?" + query, query


def send_list_page(request):
    resources, title, url, query = _list_to_send(request)
    form = SendListForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            if form.is_spam:
                return HttpResponseRedirect(reverse("directory:send_list_sent") + "?" + query)
            base_url = request.build_absolute_uri("/").rstrip("/")
            try:
                send_list.listing_send(
                    channel=form.cleaned_data["channel"],
                    to=form.cleaned_data["address"],
                    resources=resources,
                    title=title,
                    list_url=base_url + url,
                    base_url=base_url,
                    ip=request.META.get("REMOTE_ADDR", ""),
                    language=get_language(),
                )
            except send_list.LimitReached as exc:
                form.add_error(None, str(exc))
                status = 429
            else:
                return HttpResponseRedirect(reverse("directory:send_list_sent") + "?" + query)
    return render(
        request,
        "directory/send_list.html",
        {"form": form, "title": title, "list_url": url, "count": len(resources)},
        status=status,
    )


@require_safe
def send_list_sent(request):
    _resources, title, url, _query = _list_to_send(request)
    return render(request, "directory/send_list_sent.html", {"title": title, "list_url": url})
