"""Staff sign-in beyond the password: the lockout page and the idle timeout.

Lockout after repeated failures is django-axes (settings: ``AXES_*``); its page is
``lockout_response``, the same whether the user name exists or not.
Every signed-in user here is staff: the public site has no accounts.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.contrib.auth.views import redirect_to_login
from django.dispatch import receiver
from django.http import HttpResponseRedirect
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import ngettext

from backoffice.selectors import user_preferred_language
from portal.two_factor.middleware import PROTECTED_PREFIXES, open_paths

LAST_SEEN_KEY = "portal:last_seen"
KEPT_FORM_KEY = "portal:kept_form"
KEPT_FORM_MAX_CHARACTERS = 1_000_000  # a long page edit in the Wagtail admin fits
# Never kept nor sent back: the form's token (a fresh one is given), codes and passwords.
KEPT_FORM_LEFT_OUT = frozenset({"csrfmiddlewaretoken", "otp_token", "token", "code"})


@receiver(user_logged_in)
def _seen_at_sign_in(sender, request, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        request.session[LAST_SEEN_KEY] = int(time.time())


def lockout_response(request, original_response=None, credentials=None):
    """django-axes' answer to a locked-out user name and address (``AXES_LOCKOUT_CALLABLE``):
    translated, naming no user, and the same for a user name that does not exist."""
    minutes = max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
    response = render(request, "locked_out.html", {"lockout_minutes": minutes}, status=429)
    response["Retry-After"] = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    add_never_cache_headers(response)
    return response


class StaffIdleTimeoutMiddleware:
    """Sign out a session that made no request for ``STAFF_IDLE_MINUTES`` (0: never), and send
    the person to the sign-in page, which says why and brings them back where they were.

    When that request was a form sent to a staff page (a long note typed while the timeout ran
    out), what was typed is kept for the same person: ``StaffKeptFormMiddleware`` offers it back
    once they have signed in again."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        limit = settings.STAFF_IDLE_MINUTES * 60
        if limit > 0 and user is not None and user.is_authenticated:
            now = int(time.time())
            last_seen = request.session.get(LAST_SEEN_KEY)
            if last_seen is not None and now - last_seen > limit:
                kept = _form_to_keep(request, user)
                logout(request)
                minutes = settings.STAFF_IDLE_MINUTES
                if kept is not None:
                    request.session[KEPT_FORM_KEY] = kept
                    said = ngettext(
                        "You were signed out after %(minutes)d minute without activity. What "
                        "you were sending is kept: sign in again to send it.",
                        "You were signed out after %(minutes)d minutes without activity. What "
                        "you were sending is kept: sign in again to send it.",
                        minutes,
                    )
                else:
                    said = ngettext(
                        "You were signed out after %(minutes)d minute without activity.",
                        "You were signed out after %(minutes)d minutes without activity.",
                        minutes,
                    )
                messages.info(request, said % {"minutes": minutes})
                return redirect_to_login(request.get_full_path())
            # The session is written at most every STAFF_IDLE_RESOLUTION_SECONDS, not per request.
            if last_seen is None or now - last_seen >= settings.STAFF_IDLE_RESOLUTION_SECONDS:
                request.session[LAST_SEEN_KEY] = now
        return self.get_response(request)


def _form_to_keep(request, user) -> dict | None:
    """What a staff member was sending when the idle timeout signed them out, to be offered back
    to them (and nobody else) after they sign in again: the fields of a form sent to a staff
    page (never a password or a code), provided the form passed Django's CSRF check, so that
    no other site can have something "sent again" in their name. ``None`` when there is nothing
    to keep."""
    path = request.path_info
    if request.method != "POST" or not path.startswith(PROTECTED_PREFIXES):
        return None
    if path.startswith(open_paths()):  # signing in or out, a code: nothing typed to keep
        return None
    if CsrfViewMiddleware(lambda r: None).process_view(request, None, (), {}) is not None:
        return None
    fields = [
        [name, values]
        for name, values in request.POST.lists()
        if name.lower() not in KEPT_FORM_LEFT_OUT and "password" not in name.lower()
    ]
    if not any(value.strip() for _name, values in fields for value in values):
        return None
    if sum(len(name) + sum(len(v) for v in values) for name, values in fields) > (
        KEPT_FORM_MAX_CHARACTERS
    ):
        return None
    return {
        "user": str(user.pk),
        "path": request.get_full_path(),
        "fields": fields,
        "files": bool(request.FILES),
        "at": int(time.time()),
    }


class StaffKeptFormMiddleware:
    """After an idle sign-out during a form, the same person, signed in again (and past the
    second step: installed after ``StaffSecondFactorMiddleware``), who comes back to that page is
    asked first whether to send what they had typed (a page with the form's fields, a fresh
    token, "Send it now" and "Do not send it"). The form goes to the same address, so the page's
    own checks and permissions decide, as for any form. Kept for ``STAFF_IDLE_MINUTES`` (at
    least 30 minutes), for that user only: anyone else signing in on that browser never sees it,
    and it is dropped."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Only staff pages can have a kept form: public pages never touch the session here.
        if request.path_info.startswith(PROTECTED_PREFIXES) and KEPT_FORM_KEY in request.session:
            response = self._kept(request)
            if response is not None:
                return response
        return self.get_response(request)

    def _kept(self, request):
        user = request.user
        if not user.is_authenticated:
            return None  # the sign-in page, still signed out: kept for after it
        kept = request.session.get(KEPT_FORM_KEY)
        lifetime = max(settings.STAFF_IDLE_MINUTES, 30) * 60
        if (
            not isinstance(kept, dict)
            or kept.get("user") != str(user.pk)
            or not isinstance(kept.get("at"), int)
            or time.time() - kept["at"] > lifetime
        ):
            del request.session[KEPT_FORM_KEY]  # someone else, or too old: never shown
            return None
        if request.get_full_path() != kept["path"]:
            return None
        if request.method == "POST":
            # Sent again, or "do not send": either way it is no longer kept.
            del request.session[KEPT_FORM_KEY]
            if "portal_kept_discard" in request.POST:
                # The page afresh: each view decides what its address shows on GET.
                return HttpResponseRedirect(kept["path"])
            return None
        if request.method not in ("GET", "HEAD"):
            return None
        values = [v for name, values in kept["fields"] for v in values if v.strip()]
        language = user_preferred_language(user)
        if language:  # the back office's own language for this person, as its pages do
            translation.activate(language)
        response = render(
            request,
            "kept_form.html",
            {
                "kept": kept,
                "shown": [v for v in values if len(v) > 2][:20],
                "has_access": False,
            },
        )
        add_never_cache_headers(response)
        return response
