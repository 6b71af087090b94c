"""The lost and found report forms, the page that gives the private link, and the private page.

Thin views: the forms check what was typed (photos decoded and re-encoded there), and
``backoffice.services.lost_found`` opens, updates and resolves. The private page is reached only
through its token (``backoffice.report_links.report_of_token``); an unknown, expired or replaced
token gets the same "this link does not work" page as any made-up one. Private pages are never
cached, never indexed and never sent as a referrer.
"""

import time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from backoffice.match_selectors import reporter_matches
from backoffice.models import ReportPhoto
from backoffice.report_links import report_of_alerts_stop_token, report_of_token
from backoffice.services import lost_found
from backoffice.services.match_alerts import report_match_alerts_set
from backoffice.vocabulary import OPEN_STATUSES, ReportKind
from core.digits import phone_digits
from core.private_files import private_file_response
from core.rate_limits import rate_limit_hit

from .forms import BREED_SUGGESTIONS, HomeForm, MatchAlertsForm, ReportForm, ReportUpdateForm
from .held import held_photo_response, held_photos, held_release, held_take, photos_hold

SENT_SESSION_KEY = "lost_found_sent"
KINDS = {"lost": ReportKind.LOST, "found": ReportKind.FOUND}
DONE_NOTICES = ("updated", "photos", "home", "alerts")


def _private(response):
    """What every private page says to the browser: keep nothing, show nobody where you came
    from (the address holds the token), and to search engines: do not list this."""
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _limited(request, form):
    limited = rate_limit_hit(request, group="report-submit", rate=settings.LOST_FOUND_REPORT_RATE)
    keys = (
        phone_digits(form.cleaned_data.get("phone") or "")[-10:],
        (form.cleaned_data.get("email") or "").lower(),
    )
    for key in keys:
        if not limited and key:
            limited = rate_limit_hit(
                request, group="report-contact", rate=settings.LOST_FOUND_CONTACT_RATE, key=key
            )
    return limited


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def report(request, kind):
    """ "I lost my pet" / "I found a pet": one page, photos included."""
    kind = KINDS.get(kind)
    if kind is None:
        raise Http404
    scope = f"report:{kind}"
    if request.method != "POST":
        held_release(request, scope=scope)  # a fresh form: nothing of an earlier try
        form = ReportForm(kind=kind)
        return _form_page(request, form)
    form = ReportForm(
        request.POST, request.FILES, kind=kind, held=held_photos(request, scope=scope)
    )
    if not form.is_valid():
        return _form_page(request, form, status=400, scope=scope)
    if form.is_spam:  # the same thank-you page, and nothing opened
        held_release(request, scope=scope)
        request.session[SENT_SESSION_KEY] = {"at": int(time.time()), "kind": kind}
        return HttpResponseRedirect(reverse("reports:sent"))
    sent = request.session.get(SENT_SESSION_KEY) or {}
    again = isinstance(sent, dict) and sent.get("client_token") == form.cleaned_data["client_token"]
    limited = None if again else _limited(request, form)
    if limited:
        response = _form_page(request, form, status=429, limited=True, scope=scope)
        response["Retry-After"] = str(limited.retry_after)
        return response
    photos = _photos_sent(request, form, scope=scope)
    try:
        opened = lost_found.report_open(
            kind=kind,
            person=form.person(language=get_language()),
            details=form.details(),
            photos=photos,
            client_token=form.cleaned_data["client_token"],
            language=get_language(),
        )
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
        return _form_page(request, form, status=400, scope=scope)
    held_release(request, scope=scope)  # the report keeps its own copies
    if opened.token is not None or not again:
        sent = {
            "at": int(time.time()),
            "kind": kind,
            "reference": opened.report.case.reference,
            "token": opened.token or "",
            "link_sent_by": opened.link_sent_by,
            "client_token": form.cleaned_data["client_token"],
        }
        request.session[SENT_SESSION_KEY] = sent
    return HttpResponseRedirect(reverse("reports:sent"))


def _photos_sent(request, form, *, scope):
    """The photos a valid form sends: those held from an earlier try left ticked, then the new."""
    ticked = form.cleaned_data.get("photos_held") or []
    return [*held_take(request, scope=scope, keys=ticked), *form.photos_kept]


def _photos_hold(request, form, *, scope) -> None:
    """A form sent back: hold the photos that passed their checks, so they need not be chosen
    again (the browser would not send them again). Past ``LOST_FOUND_HOLD_RATE`` from one visitor
    address nothing more is held (the form asks for them again), so that no one can fill the
    store by sending forms with errors."""
    if not form.photos_passed:
        return
    if rate_limit_hit(request, group="report-photos-held", rate=settings.LOST_FOUND_HOLD_RATE):
        form.photos_lost = True
        return
    before = {h.key for h in form.held}
    held = photos_hold(request, scope=scope, photos=form.photos_passed)
    form.photos_now_held(held, added=[h.key for h in held if h.key not in before])


def _form_page(request, form, *, status=200, limited=False, scope=""):
    if scope and form.is_bound:
        _photos_hold(request, form, scope=scope)
    return render(
        request,
        "surveys/reports/report_form.html",
        {
            "form": form,
            "lost": form.kind == ReportKind.LOST,
            "breeds": BREED_SUGGESTIONS,
            "limited": limited,
        },
        status=status,
    )


@never_cache
@require_safe
def sent(request):
    """Thank you, the reference, and the private link (shown in this browser for a while)."""
    sent = request.session.get(SENT_SESSION_KEY)
    if not isinstance(sent, dict) or not isinstance(sent.get("at"), int):
        return HttpResponseRedirect(reverse("reports:report", args=["lost"]))
    if time.time() - sent["at"] > settings.SURVEY_IDLE_MINUTES * 60:
        del request.session[SENT_SESSION_KEY]  # not for whoever uses this browser next
        return HttpResponseRedirect(reverse("reports:report", args=["lost"]))
    token = sent.get("token") or ""
    link = request.build_absolute_uri(reverse("reports:private", args=[token])) if token else ""
    return _private(
        render(
            request,
            "surveys/reports/sent.html",
            {
                "sent": sent,
                "lost": sent.get("kind") == ReportKind.LOST,
                "link": link,
                "link_days": settings.LOST_FOUND_LINK_DAYS,
                "at_once": settings.LOST_FOUND_PUBLISH_AT_ONCE,
            },
        )
    )


def _invalid_link(request):
    return _private(render(request, "surveys/reports/link_invalid.html", status=404))


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def private(request, token):
    """The reporter's page: the report as sent, a form to correct it and add photos, and "my pet
    is home"."""
    report = report_of_token(token)
    if report is None:
        return _invalid_link(request)
    is_open = report.case.status in OPEN_STATUSES
    room = lost_found.photos_room(report)
    update_form = home_form = alerts_form = None
    scope = f"private:{report.pk}"
    if is_open:
        action = request.POST.get("action") if request.method == "POST" else ""
        if action != "update":
            held_release(request, scope=scope)  # the page afresh: nothing of an earlier try
        update_form = ReportUpdateForm(
            request.POST if action == "update" else None,
            request.FILES if action == "update" else None,
            kind=report.kind,
            photo_room=room,
            initial=ReportUpdateForm.initial_of(report),
            held=held_photos(request, scope=scope) if room else (),
        )
        home_form = HomeForm(request.POST if action == "home" else None)
        alerts_form = MatchAlertsForm(
            request.POST if action == "match_alerts" else None,
            initial={"match_alerts": report.match_alerts},
        )
        done = ""
        try:
            if action == "update" and update_form.is_valid() and not update_form.is_spam:
                photos = _photos_sent(request, update_form, scope=scope) if room else []
                with transaction.atomic():  # the corrections and the photos, or neither
                    lost_found.report_update(report=report, details=update_form.details())
                    if photos:
                        lost_found.report_photos_add(report=report, photos=photos, by_reporter=True)
                held_release(request, scope=scope)
                done = "updated"
            elif action == "home" and home_form.is_valid():
                lost_found.report_mark_home(report=report)
                done = "home"
            elif action == "match_alerts" and alerts_form.is_valid():
                report_match_alerts_set(report=report, on=alerts_form.cleaned_data["match_alerts"])
                done = "alerts"
        except ValidationError as error:
            update_form.add_error(None, error.messages)
        if done:
            url = reverse("reports:private", args=[token]) + f"?done={done}"
            return _private(HttpResponseRedirect(url))
    report.refresh_from_db()
    bound = update_form is not None and update_form.is_bound
    if bound and update_form.errors and room:
        _photos_hold(request, update_form, scope=scope)
    status = 400 if (bound and update_form.errors) or (home_form and home_form.errors) else 200
    return _private(
        render(
            request,
            "surveys/reports/private.html",
            {
                "report": report,
                "case": report.case,
                "token": token,
                "is_open": report.case.status in OPEN_STATUSES,
                "photos": list(report.photos.all()),
                "form": update_form,
                "home_form": home_form,
                "match_alerts_form": alerts_form,
                "report_matches": reporter_matches(report=report),
                "lost": report.kind == ReportKind.LOST,
                "breeds": BREED_SUGGESTIONS,
                "done": request.GET.get("done") if request.GET.get("done") in DONE_NOTICES else "",
            },
            status=status,
        )
    )


@never_cache
@require_safe
def private_photo(request, token, pk):
    """A photo of the reporter's own report, to the holder of its link only."""
    report = report_of_token(token)
    if report is None:
        raise Http404
    try:
        photo = report.photos.get(pk=int(pk))
    except (ValueError, OverflowError, ReportPhoto.DoesNotExist) as error:
        raise Http404 from error
    return _private(private_file_response(photo.file.name, download_name=f"photo-{photo.pk}.jpg"))


@never_cache
@require_safe
def held_photo(request, key):
    """A photo held from a form sent back, to the browser that chose it only."""
    return _private(held_photo_response(request, key))


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def alerts_stop(request, token):
    """The link in a match alert: a button that turns the alerts off (a GET changes nothing, so
    a mail program that opens links ahead of the reader stops nothing). It shows nothing of the
    report."""
    report = report_of_alerts_stop_token(token)
    if report is None:
        return _invalid_link(request)
    stopped = False
    if request.method == "POST":
        report_match_alerts_set(report=report, on=False)
        stopped = True
    return _private(
        render(
            request,
            "surveys/reports/alerts_stop.html",
            {"stopped": stopped or not report.match_alerts},
        )
    )
