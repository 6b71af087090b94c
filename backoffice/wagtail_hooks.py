"""Link the Wagtail admin to the back office, for case managers and supervisors."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .permissions import user_can_access


class BackofficeMenuItem(MenuItem):
    def is_shown(self, request):
        return user_can_access(request.user)


@hooks.register("register_admin_menu_item")
def register_backoffice_menu_item():
    return BackofficeMenuItem(
        _("Cases (back office)"),
        reverse("backoffice:queue"),
        name="backoffice",
        icon_name="clipboard-list",
        order=150,
    )
