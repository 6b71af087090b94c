"""Public pages of the directory: browse, category, listing, report a problem, printable lists.

Thin views: read the request, ask ``selectors``, render. Every page works without JavaScript and
in every site language (the URL's prefix); texts without a translation are shown in English with
a notice (see ``templatetags/directory_tags.py``).
"""

from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core.canonical import canonical_query
from core.digits import whole_number
from core.fragments import kept

from . import hours, pdf_jobs, printed_lists, selectors, send_list, services
from .confidential import locations_shown
from .forms import ListingFilterForm, ProblemReportForm, SendListForm
from .models import Category, Resource
from .taxonomy import SAFE_HAVEN_SLUG
from .translation import ResourceTranslation

PAGE_SIZE = 20


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
    # Counted for every visitor alike: once per process until published content changes.
    categories = kept(("directory:category-tree",), selectors.category_tree, request=request)
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
            "print_query": ListingFilterForm.filters_query(filters),
            "outside_area": filters.zip_code
            and kept(
                ("directory:zip-outside-area", filters.zip_code),
                lambda: selectors.zip_outside_area(filters.zip_code),
                request=request,
            ),
        },
    )
    return _cache_for(response, selectors.cards_seconds_valid(cards, now=now))


def _ended(request, pk):
    """A listing that has ended (inactive) answers 410 "this service has ended", with services of
    its kind that are still offered; one that never existed, a plain 404."""
    try:
        ended = selectors.resource_ended_get(pk=pk)
    except Resource.DoesNotExist:
        raise Http404 from None
    categories = list(ended.categories.all())
    return render(
        request,
        "directory/resource_ended.html",
        {
            "resource": ended,
            "primary_category": categories[0] if categories else None,
            "related": selectors.resources_related(resource=ended),
        },
        status=410,
    )


@require_safe
def resource(request, pk):
    try:
        # The same for every visitor until published content changes: read once per process.
        resource = kept(
            ("directory:resource", pk), lambda: selectors.resource_get(pk=pk), request=request
        )
    except Resource.DoesNotExist:
        return _ended(request, pk)
    if not resource.is_public:  # the rule as it stands now, whatever it was when read
        return _ended(request, pk)
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
                reply_consent=form.cleaned_data["reply_consent"],
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


def _selected_ids(request) -> list[int]:
    """The listings picked for a printed list (``?r=12&r=٣``); what is not an id is ignored."""
    ids = (whole_number(value) for value in request.GET.getlist("r")[: selectors.PRINT_LIMIT * 2])
    return [pk for pk in ids if pk]


def _nothing_chosen(request, *, gone: bool = False):
    """Nothing to print or send: no listing was ticked (400), or none of those ticked is listed
    any more (404). Says so and leads back, rather than a bare redirect or "not found". The way
    back is the page the visitor came from on this site (never cached: it is theirs)."""
    referer = request.META.get("HTTP_REFERER", "")
    back = referer if url_has_allowed_host_and_scheme(referer, {request.get_host()}) else ""
    response = render(
        request,
        "directory/nothing_chosen.html",
        {"gone": gone, "back_url": back},
        status=404 if gone else 400,
    )
    response.page_cache_seconds = 0
    return response


def _pdf_response(request, job: pdf_jobs.Job):
    """The PDF if the worker has made it; otherwise a page that says how it stands, at once."""
    answer = pdf_jobs.pdf_request(request, job)
    if answer.state == pdf_jobs.State.READY:
        response = HttpResponse(answer.document, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{answer.filename}"'
        response.page_cache_seconds = 0  # kept by pdf_jobs already
        return response
    status = {
        pdf_jobs.State.PREPARING: 200,
        pdf_jobs.State.LIMITED: 429,
        pdf_jobs.State.FAILED: 500,
        pdf_jobs.State.UNAVAILABLE: 503,
    }[answer.state]
    query = request.META.get("QUERY_STRING", "")
    printable = request.path.removesuffix("print.pdf") + "print/" + (f"?{query}" if query else "")
    response = render(
        request,
        "directory/pdf_status.html",
        {
            "state": answer.state,
            "refresh_seconds": answer.retry_after,
            "printable_url": printable,
        },
        status=status,
    )
    if answer.retry_after and answer.state != pdf_jobs.State.PREPARING:
        response["Retry-After"] = str(answer.retry_after)
    add_never_cache_headers(response)  # it changes as soon as the PDF is made
    return response


@require_safe
@canonical_query(*ListingFilterForm.PARAMETERS)
def print_category(request, slug, as_pdf=False):
    """The printed list (or PDF) of what the category page shows with the same filters, in the
    same order."""
    category = _category_or_404(slug)
    filters = ListingFilterForm.filters_of(request.GET)
    if as_pdf:
        filename = printed_lists.pdf_filename(category=category)
        job = pdf_jobs.Job.of_request(
            request, filename=filename, slug=slug, filters=ListingFilterForm.filters_query(filters)
        )
        return _pdf_response(request, job)
    return render(
        request,
        "directory/print.html",
        printed_lists.category_context(request, category, filters),
    )


@require_safe
@canonical_query("r")
def print_selection(request, as_pdf=False):
    ids = _selected_ids(request)
    if not ids:
        return _nothing_chosen(request)
    if as_pdf:
        heading = selectors.resources_for_print_heading(ids=ids)
        if not heading:
            return _nothing_chosen(request, gone=True)
        filename = printed_lists.pdf_filename(title=printed_lists.selection_title(heading))
        ids = list(dict.fromkeys(ids))[: selectors.PRINT_LIMIT]
        return _pdf_response(request, pdf_jobs.Job.of_request(request, filename=filename, ids=ids))
    context = printed_lists.selection_context(request, ids)
    if context is None:
        return _nothing_chosen(request, gone=True)
    return render(request, "directory/print.html", context)


# --- "Send me this list" ---------------------------------------------------------------------------


class _NothingChosen(Exception):
    def __init__(self, *, gone: bool = False):
        self.gone = gone


def _list_to_send(request):
    """The category (``?category=slug``) or the ticked listings (``?r=1&r=2``) to send, with a
    title and the address of the list on the site; ``_NothingChosen`` when none is ticked or
    none of those ticked is listed."""
    slug = request.GET.get("category", "")
    if slug:
        category = _category_or_404(slug)
        resources = selectors.resources_for_print(category=category)
        url = reverse("directory:category", args=[slug])
        return resources, category.name, url, f"category={slug}"
    ids = _selected_ids(request)
    if not ids:
        raise _NothingChosen
    resources = selectors.resources_for_print(ids=ids)
    if not resources:
        raise _NothingChosen(gone=True)
    query = "&".join(f"r={pk}" for pk in ids[: selectors.PRINT_LIMIT])
    title = resources[0].name if len(resources) == 1 else _("Listings you chose")
    return resources, title, reverse("directory:print_selection") + "?" + query, query


def send_list_page(request):
    try:
        resources, title, url, query = _list_to_send(request)
    except _NothingChosen as nothing:
        return _nothing_chosen(request, gone=nothing.gone)
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
    try:
        _resources, title, url, _query = _list_to_send(request)
    except _NothingChosen as nothing:
        return _nothing_chosen(request, gone=nothing.gone)
    return render(request, "directory/send_list_sent.html", {"title": title, "list_url": url})
