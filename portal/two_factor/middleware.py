"""Staff pages wait for the second step (installed after django-otp's ``OTPMiddleware``).

A signed-in staff member who has set up an authenticator app and has not given a code this
session, and who asks for the Wagtail admin, the back office or the two-step pages, goes to the
verification page (``?next=`` brings them back); one who must set an app up first
(``STAFF_TOTP_REQUIRED_FOR_CONFIDENTIAL``) goes to the set-up page. Signing in and out, and those
two pages, stay open. Staff without an app cost no query here (``selectors``)."""

from functools import cache

from django.contrib.auth.views import redirect_to_login
from django.urls import reverse

from . import selectors

PROTECTED_PREFIXES = ("/admin/", "/backoffice/", "/two-factor/")


@cache
def open_paths() -> tuple[str, ...]:
    return (
        reverse("wagtailadmin_login"),
        reverse("wagtailadmin_logout"),
        reverse("wagtailadmin_password_reset"),
        reverse("two_factor:verify"),
    )


@cache
def _set_up_path() -> str:
    return reverse("two_factor:set_up")


class StaffSecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if path.startswith(PROTECTED_PREFIXES) and not path.startswith(open_paths()):
            user = request.user
            if user.is_authenticated and not user.is_verified():
                needed = selectors.second_factor_needed(user)
                if needed == selectors.VERIFY:
                    return redirect_to_login(
                        request.get_full_path(), login_url=reverse("two_factor:verify")
                    )
                if needed == selectors.SET_UP and not path.startswith(_set_up_path()):
                    return redirect_to_login(request.get_full_path(), login_url=_set_up_path())
        return self.get_response(request)
