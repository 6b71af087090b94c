from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .services import listing_verify, location_position_fill


class ResourceAdminForm(WagtailAdminModelForm):
    mark_checked = forms.BooleanField(
        label=_("I checked this listing with the organisation today"),
        required=False,
        help_text=_(
            "Saves today's date as the last check, so the listing leaves the review queue."
        ),
    )

    def save(self, commit=True):
        if self.cleaned_data.get("mark_checked"):
            listing_verify(resource=self.instance, user=self.for_user, commit=False)
        return super().save(commit=commit)


class LocationAdminForm(WagtailAdminModelForm):
    """Locations saved without coordinates are placed at the centre of their ZIP code."""

    def save(self, commit=True):
        location_position_fill(location=self.instance)
        return super().save(commit=commit)
