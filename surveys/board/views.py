"""The board's pages. Thin: read the request, ask ``selectors`` or the one service, render.

No page of the board is kept in the page cache: a report hidden by staff, or whose pet is home,
must leave the board at once.
"""

import posixpath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods, require_safe

from backoffice.models import PetReport, ReportPhoto
from backoffice.services.board import BoardMessage, report_message_relay
from core.digits import whole_number
from core.fragments import fragment
from core.private_files import private_file_response
from core.rate_limits import rate_limit_hit

from . import selectors
from .forms import BoardFilterForm, BoardMessageForm

PAGE_SIZE = 20
CARD_TEMPLATE = "surveys/board/includes/card.html"


def _uncached(response):
    response.page_cache_seconds = 0
    patch_cache_control(response, no_cache=True)
    return response


def _card_key(card, language: str) -> tuple:
    """Every value the card shows, and its language: the key of its HTML in ``core.fragments``
    (a report that changes gets a new key at once)."""
    r, photo = card.report, card.photo
    return (
        CARD_TEMPLATE,
        language,
        r.pk,
        r.kind,
        r.species,
        r.pet_name,
        r.breed,
        tuple(r.colours),
        r.sex,
        r.size,
        r.age_group,
        r.zip_code,
        r.happened_on,
        tuple(r.temperament),
        (photo.public_id, photo.width, photo.height) if photo else None,
        None if card.distance is None else round(card.distance, 1),
    )


def _cards_html(request, cards) -> list[str]:
    """The cards' HTML, rendered once per language and content (the card is the same for every
    visitor: it holds nothing but what the board shows); which cards are on the page is decided
    on every request."""
    language = get_language()
    return [
        fragment(
            _card_key(card, language),
            lambda card=card: render_to_string(CARD_TEMPLATE, {"card": card}),
            request=request,
        )
        for card in cards
    ]


@require_safe
def board(request):
    form = BoardFilterForm(request.GET or None)
    if form.is_bound:
        form.is_valid()  # errors are shown; the valid filters still apply
    filters = form.filters()
    page, cards = selectors.board_page(
        filters=filters, page=request.GET.get("page"), per_page=PAGE_SIZE, now=timezone.now()
    )
    query = request.GET.copy()
    query.pop("page", None)
    return _uncached(
        render(
            request,
            "surveys/board/board.html",
            {
                "form": form,
                "filters": filters,
                "page_obj": page,
                "cards": _cards_html(request, cards),
                "query": query.urlencode(),
                "count_cap": selectors.COUNT_CAP,
            },
        )
    )


def _card_or_gone(request, pk):
    """The report on the board, or the page that says it has left it (410), or a 404."""
    number = whole_number(pk)
    if number is None:
        raise Http404
    try:
        return selectors.board_report_get(pk=number, now=timezone.now()), None
    except PetReport.DoesNotExist:
        if selectors.board_report_left(pk=number):
            return None, _uncached(render(request, "surveys/board/report_gone.html", status=410))
        raise Http404 from None


def _report_page(request, card, form, *, status=200, limited=False):
    response = render(
        request,
        "surveys/board/report.html",
        {"card": card, "report": card.report, "form": form, "limited": limited},
        status=status,
    )
    return _uncached(response)


@require_safe
def report(request, pk):
    card, gone = _card_or_gone(request, pk)
    if gone:
        return gone
    return _report_page(request, card, BoardMessageForm())


@require_http_methods(["POST"])
def report_write(request, pk):
    """The message form of a report's page: to staff and the reporter; the same "sent" page for
    a submission the honeypot caught. Over ``BOARD_MESSAGE_RATE``, the page again (429) with
    everything typed."""
    card, gone = _card_or_gone(request, pk)
    if gone:
        return gone
    form = BoardMessageForm(request.POST)
    if not form.is_valid():
        return _report_page(request, card, form, status=400)
    done = HttpResponseRedirect(reverse("board:sent", args=[card.report.pk]))
    if form.is_spam:
        return done
    limited = rate_limit_hit(request, group="board-message", rate=settings.BOARD_MESSAGE_RATE)
    if limited:
        response = _report_page(request, card, form, status=429, limited=True)
        response["Retry-After"] = str(limited.retry_after)
        return response
    data = form.cleaned_data
    try:
        report_message_relay(
            report=card.report,
            sent=BoardMessage(
                about=data["about"],
                message=data["message"],
                name=data["name"],
                contact=data["contact"],
                language=get_language(),
            ),
        )
    except ValidationError as error:
        form.add_error(None, error.messages)
        return _report_page(request, card, form, status=400)
    return done


@require_safe
def sent(request, pk):
    card, gone = _card_or_gone(request, pk)
    if gone:
        return gone
    return _uncached(render(request, "surveys/board/sent.html", {"card": card}))


@require_safe
def photo(request, public_id):
    """A photo of a report on the board, by its opaque id; for any other, a 404 (the same for a
    photo that exists but may not be seen and for one that never existed)."""
    try:
        found = selectors.board_photo_get(public_id=public_id, now=timezone.now())
    except ReportPhoto.DoesNotExist:
        raise Http404 from None
    extension = posixpath.splitext(found.file.name)[1].lower()
    return private_file_response(found.file.name, download_name=f"{found.public_id}{extension}")
