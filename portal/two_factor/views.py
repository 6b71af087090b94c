"""Staff pages of the second step: the overview, set-up (QR code and key, confirmed with a code),
the recovery codes shown once, verification at sign-in, and the supervisors' staff list.

Thin: each validates, calls one service, renders. Every page is in the staff member's language
(their Wagtail preference, else the browser's), in the back office's layout, never cached.
"""

import math
from base64 import b32encode
from binascii import unhexlify

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from backoffice import followups, permissions
from backoffice.audit import access_denied_record
from backoffice.selectors import user_preferred_language
from core.digits import ID_MAX

from . import selectors, services
from .forms import AppCodeForm, RecoveryCodeForm

SETUP_KEY = "portal:two-factor:setup-key"  # the secret being set up, until confirmed
NEW_CODES_KEY = "portal:two-factor:new-codes"  # recovery codes to show, once


def safe_next(request, value: str | None) -> str | None:
    """``value`` when it is an address on this site (never another site, nor ``javascript:``)."""
    if value and url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return value
    return None


def next_url(request, value: str | None) -> str:
    """Where to go after the second step: ``value`` when it is an address on this site, else the
    back office (or the admin, for staff without the back office)."""
    if safe_next(request, value):
        return value
    if permissions.user_can_access(request.user):
        return reverse("backoffice:queue")
    return reverse("wagtailadmin_home")


def redirect_with_next(request, name: str):
    """To the page ``name``, passing on where to go afterwards when that is safe."""
    url = reverse(name)
    value = safe_next(request, request.POST.get("next") or request.GET.get("next"))
    if value:
        url += "?" + urlencode({"next": value})
    return redirect(url)


def qr_code_svg(config_url: str) -> str:
    """The app's set-up address as an SVG drawing (paths and presentation attributes only: no
    style, no script, so the strict Content-Security-Policy lets it render inline)."""
    image = qrcode.make(config_url, image_factory=qrcode.image.svg.SvgPathFillImage)
    return image.to_string(encoding="unicode")


def key_grouped(key: str) -> str:
    """The secret as authenticator apps ask for it: base32, in groups of four."""
    text = b32encode(unhexlify(key.encode())).decode()
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


class TwoFactorView(View):
    supervisor_only = False

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        translation.activate(
            user_preferred_language(user) or translation.get_language_from_request(request)
        )
        request.LANGUAGE_CODE = translation.get_language()
        try:
            if self.supervisor_only and not permissions.user_is_supervisor(user):
                raise PermissionDenied
            response = super().dispatch(request, *args, **kwargs)
        except Http404:
            response = self.render("backoffice/404.html", status=404)
        except PermissionDenied:
            access_denied_record(actor=user, operation="page", path=request.path)
            response = self.render("backoffice/403.html", status=403)
        patch_vary_headers(response, ("Cookie", "Accept-Language"))
        add_never_cache_headers(response)
        return response

    def render(self, template, context=None, status=200):
        context = context or {}
        user = self.request.user
        has_access = permissions.user_can_access(user)
        context.setdefault("has_access", has_access)
        context.setdefault("is_supervisor", permissions.user_is_supervisor(user))
        context.setdefault(
            "nav_overdue", followups.followups_overdue_count(user=user) if has_access else 0
        )
        context.setdefault(
            "next",
            safe_next(self.request, self.request.POST.get("next") or self.request.GET.get("next")),
        )
        return TemplateResponse(self.request, template, context, status=status)


class OverviewView(TwoFactorView):
    def get(self, request):
        user = request.user
        return self.render(
            "two_factor/overview.html",
            {
                "has_app": selectors.totp_device(user) is not None,
                "codes_left": selectors.recovery_codes_left(user),
                "required": selectors.second_factor_required(user),
            },
        )


class SetUpView(TwoFactorView):
    def get(self, request):
        return self.page(AppCodeForm())

    def post(self, request):
        form = AppCodeForm(request.POST)
        key = request.session.get(SETUP_KEY)
        if key is None:
            messages.error(request, _("The set-up had expired. Please scan the new code."))
            return redirect(request.get_full_path())
        if form.is_valid():
            done = services.second_factor_set_up(
                user=request.user, key=key, token=form.cleaned_data["code"]
            )
            if done is not None:
                request.session.pop(SETUP_KEY, None)
                request.session.cycle_key()
                otp_login(request, done.device)
                request.session[NEW_CODES_KEY] = done.recovery_codes
                messages.success(request, _("Two-step verification is on."))
                return redirect_with_next(request, "two_factor:recovery_codes")
            form.add_error(
                "code",
                _(
                    "That code did not match. Check that the time on your phone is right, "
                    "then enter the code the app shows now."
                ),
            )
        return self.page(form)

    def page(self, form):
        request = self.request
        key = request.session.get(SETUP_KEY)
        if key is None:
            key = request.session[SETUP_KEY] = services.totp_key_new()
        device = TOTPDevice(user=request.user, key=key, step=services.STEP, digits=services.DIGITS)
        return self.render(
            "two_factor/set_up.html",
            {
                "form": form,
                "qr_code": qr_code_svg(device.config_url),
                "key": key_grouped(key),
                "replaces": selectors.totp_device(request.user) is not None,
            },
        )


class RecoveryCodesView(TwoFactorView):
    def get(self, request):
        return self.render(
            "two_factor/recovery_codes.html",
            {
                "codes": request.session.pop(NEW_CODES_KEY, None),
                "has_app": selectors.totp_device(request.user) is not None,
                "codes_left": selectors.recovery_codes_left(request.user),
                "continue_url": next_url(request, request.GET.get("next")),
            },
        )

    def post(self, request):
        if selectors.totp_device(request.user) is None:
            return redirect("two_factor:overview")
        request.session[NEW_CODES_KEY] = services.recovery_codes_regenerate(user=request.user)
        messages.success(
            request, _("Your new recovery codes are below. The old ones no longer work.")
        )
        return redirect_with_next(request, "two_factor:recovery_codes")


class VerifyView(TwoFactorView):
    """The second step at sign-in: a code from the app, or a recovery code (a form of its own:
    recovery codes have letters, so its field is not a numeric one)."""

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated:
            needed = None if user.is_verified() else selectors.second_factor_needed(user)
            if needed == selectors.SET_UP:
                return redirect_with_next(request, "two_factor:set_up")
            if needed is None:  # verified already, or nothing to verify
                return redirect(next_url(request, request.GET.get("next")))
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return self.page(AppCodeForm(), RecoveryCodeForm())

    def post(self, request):
        recovery = request.POST.get("method") == "recovery"
        if recovery:
            app_form, code_form = AppCodeForm(), RecoveryCodeForm(request.POST)
        else:
            app_form, code_form = AppCodeForm(request.POST), RecoveryCodeForm()
        form = code_form if recovery else app_form
        if form.is_valid():
            token = form.cleaned_data["recovery_code" if recovery else "code"]
            attempt = services.code_verify(user=request.user, token=token, recovery=recovery)
            if attempt.retry_after:
                response = self.page(
                    app_form.__class__(), code_form.__class__(), retry_after=attempt.retry_after
                )
                response["Retry-After"] = str(attempt.retry_after)
                return response
            if attempt.device is not None:
                request.session.cycle_key()
                otp_login(request, attempt.device)
                if recovery:
                    left = selectors.recovery_codes_left(request.user)
                    messages.warning(
                        request,
                        ngettext(
                            "You used a recovery code: %(count)d is left. Make new ones "
                            "under “Two-step verification”.",
                            "You used a recovery code: %(count)d are left. Make new ones "
                            "under “Two-step verification”.",
                            left,
                        )
                        % {"count": left},
                    )
                return redirect(next_url(request, request.POST.get("next")))
            field = "recovery_code" if recovery else "code"
            form.add_error(
                field,
                _("That recovery code did not work. Each code works only once.")
                if recovery
                else _("That code did not work. Enter the code your app shows now."),
            )
        return self.page(app_form, code_form)

    def page(self, app_form, code_form, retry_after=0):
        return self.render(
            "two_factor/verify.html",
            {
                "app_form": app_form,
                "code_form": code_form,
                "retry_after": retry_after,
                "wait_minutes": math.ceil(retry_after / 60) if retry_after > 120 else 0,
            },
            status=429 if retry_after else 200,
        )


class StaffView(TwoFactorView):
    supervisor_only = True

    def get(self, request):
        rows = [
            {
                "staff": staff,
                "can_reset": staff.has_second_factor
                and permissions.user_can_reset_second_factor(request.user, staff),
            }
            for staff in selectors.staff_second_factor_rows()
        ]
        return self.render("two_factor/staff.html", {"rows": rows})


class StaffResetView(TwoFactorView):
    supervisor_only = True

    def post(self, request, pk):
        if pk > ID_MAX:
            raise Http404
        staff = get_object_or_404(get_user_model(), pk=pk)
        services.second_factor_reset(actor=request.user, staff=staff)
        messages.success(
            request,
            _("Two-step verification was reset for %(name)s.")
            % {"name": staff.get_full_name() or staff.get_username()},
        )
        return redirect("two_factor:staff")
