"""What every back-office view shares: sign-in, access, the staff member's language, no caching,
and the back office's own "not found" and "no access" pages."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.views import View

from .. import followups, permissions, selectors
from ..audit import access_denied_record


class BackofficeView(View):
    """Base of every back-office view.

    Anonymous visitors go to the Wagtail admin login (with ?next=); signed-in users without the
    back-office permission get a 403 page. The page speaks the staff member's Wagtail admin
    language, or the browser's when they have not chosen one.

    A 404 (``Http404``: an unknown page, or a case or person this user may not see: the same
    page either way) and a 403 (``PermissionDenied``, raised by a view or a service) are the
    back office's own pages, in its layout and language. Every 403 is recorded in the audit log.
    """

    supervisor_only = False

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        language = selectors.user_preferred_language(user) or translation.get_language_from_request(
            request
        )
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        try:
            if not permissions.user_can_access(user) or (
                self.supervisor_only and not permissions.user_is_supervisor(user)
            ):
                raise PermissionDenied
            if any("\x00" in str(value) for value in kwargs.values()):
                # No case reference holds NUL, and PostgreSQL cannot even compare one: not
                # found, as any unknown case is.
                raise Http404
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
        context.setdefault("is_supervisor", permissions.user_is_supervisor(user))
        context.setdefault(
            "nav_overdue",
            followups.followups_overdue_count(user=user)
            if permissions.user_can_access(user)
            else 0,
        )
        context.setdefault("has_access", permissions.user_can_access(user))
        context.setdefault("can_moderate", permissions.user_can_moderate(user))
        return TemplateResponse(self.request, template, context, status=status)


class NotFoundView(BackofficeView):
    """Any other address under the back office: its own 404 page, after sign-in."""

    def get(self, request, *args, **kwargs):
        raise Http404

    post = get


def form_errors_from(exc: ValidationError, form) -> None:
    """Show a service's ValidationError on the form that called it."""
    if hasattr(exc, "error_dict"):
        for field_name, errors in exc.message_dict.items():
            form.add_error(field_name if field_name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)
