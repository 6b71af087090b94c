from django import forms
from django.utils.translation import gettext_lazy as _

from core.panels import TranslatedFieldsForm

from .models import Category
from .services import listing_verify, location_position_fill


def categories_grouped() -> list:
    """The categories as grouped choices, each top category with its own kinds of help under it
    (a flat list of about 30 was hard to read), in the order visitors see them."""
    categories = list(Category.objects.order_by("sort_order", "pk"))
    children = {}
    for category in categories:
        children.setdefault(category.parent_id, []).append(category)
    return [
        (top.name, [(top.pk, top.name), *((c.pk, c.name) for c in children.get(top.pk, []))])
        for top in children.get(None, [])
    ]


class ResourceAdminForm(TranslatedFieldsForm):
    mark_checked = forms.BooleanField(
        label=_("I checked this listing with the organisation today"),
        required=False,
        help_text=_(
            "Saves today's date as the last check, so the listing leaves the review queue."
        ),
    )

    one_line_fields = ("cost_description",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "categories" in self.fields:
            self.fields["categories"].widget.choices = categories_grouped()

    def save(self, commit=True):
        if self.cleaned_data.get("mark_checked"):
            listing_verify(resource=self.instance, user=self.for_user, commit=False)
        return super().save(commit=commit)


class LocationAdminForm(TranslatedFieldsForm):
    """Locations saved without coordinates are placed at the centre of their ZIP code."""

    def save(self, commit=True):
        location_position_fill(location=self.instance)
        return super().save(commit=commit)
