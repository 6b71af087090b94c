"""The Wagtail admin's way to two-step verification: an entry on each staff member's account page
(``/admin/account/``), beside the password."""

from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail import hooks


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    return {
        "url": reverse("two_factor:overview"),
        "label": _("Two-step verification"),
        "help_text": _("Sign in with a code from an app on your phone as well as your password."),
    }
