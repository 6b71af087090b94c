"""What every back-office view shares: sign-in, access, the staff member's language, no caching."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.views import View

from .. import followups, permissions, selectors


class BackofficeView(View):
    """Base of every back-office view.

    Anonymous visitors go to the Wagtail admin login (with ?next=); signed-in users without the
    back-office permission get a 403 page. The page speaks the staff member's Wagtail admin
    language, or the browser's when they have not chosen one.
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
        if not permissions.user_can_access(user) or (
            self.supervisor_only and not permissions.user_is_supervisor(user)
        ):
            response = forbidden(request)
        elif any("\x00" in str(value) for value in kwargs.values()):
            # No case reference holds NUL, and PostgreSQL cannot even compare one: not found,
            # as any unknown case is.
            raise Http404
        else:
            response = super().dispatch(request, *args, **kwargs)
        patch_vary_headers(response, ("Cookie", "Accept-Language"))
        add_never_cache_headers(response)
        return response

    def render(self, template, context=None, status=200):
        context = context or {}
        context.setdefault("is_supervisor", permissions.user_is_supervisor(self.request.user))
        context.setdefault("nav_overdue", followups.followups_overdue_count(user=self.request.user))
        return TemplateResponse(self.request, template, context, status=status)


def forbidden(request) -> TemplateResponse:
    return TemplateResponse(request, "backoffice/403.html", status=403)


def form_errors_from(exc: ValidationError, form) -> None:
    """Show a service's ValidationError on the form that called it."""
    if hasattr(exc, "error_dict"):
        for field_name, errors in exc.message_dict.items():
            form.add_error(field_name if field_name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def permission_guard(view_class):
    """Services raise PermissionDenied; show the back office's 403 page rather than a 500."""

    def view(request, *args, **kwargs):
        try:
            return view_class.as_view()(request, *args, **kwargs)
        except PermissionDenied:
            return forbidden(request)

    return view
