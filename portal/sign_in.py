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
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import ngettext

LAST_SEEN_KEY = "portal:last_seen"


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
    the person to the sign-in page, which says why and brings them back where they were."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        limit = settings.STAFF_IDLE_MINUTES * 60
        if limit > 0 and user is not None and user.is_authenticated:
            now = int(time.time())
            last_seen = request.session.get(LAST_SEEN_KEY)
            if last_seen is not None and now - last_seen > limit:
                logout(request)
                messages.info(
                    request,
                    ngettext(
                        "You were signed out after %(minutes)d minute without activity.",
                        "You were signed out after %(minutes)d minutes without activity.",
                        settings.STAFF_IDLE_MINUTES,
                    )
                    % {"minutes": settings.STAFF_IDLE_MINUTES},
                )
                return redirect_to_login(request.get_full_path())
            # The session is written at most every STAFF_IDLE_RESOLUTION_SECONDS, not per request.
            if last_seen is None or now - last_seen >= settings.STAFF_IDLE_RESOLUTION_SECONDS:
                request.session[LAST_SEEN_KEY] = now
        return self.get_response(request)
