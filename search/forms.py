"""The search form: free text and the directory's filters, as a plain GET form (it works without
JavaScript and its URL can be shared). Nothing typed makes an error page: an unknown filter value
is dropped, a ZIP code we do not know is reported beside the field and the rest still applies."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.digits import whole_number
from directory.forms import ListingFilterForm
from directory.models import Category

from .results import MAX_QUERY_CHARS, MAX_RADIUS_MILES, SORT_DISTANCE, SORT_RELEVANCE, ResourceQuery

RADIUS_CHOICES = [
    ("", _("Any distance")),
    ("1", "1"),
    ("5", "5"),
    ("10", "10"),
    ("25", "25"),
    ("50", "50"),
    ("100", "100"),
]


class SearchForm(ListingFilterForm):
    q = forms.CharField(
        label=_("What do you need help with?"),
        required=False,
        max_length=10_000,  # longer text is cut below, never refused
        widget=forms.TextInput(
            attrs={"type": "search", "autocomplete": "off", "enterkeyhint": "search"}
        ),
    )
    category = forms.ChoiceField(label=_("Kind of help"), required=False)
    radius = forms.ChoiceField(label=_("Within (miles)"), required=False, choices=RADIUS_CHOICES)
    sort = forms.ChoiceField(
        label=_("Order"),
        required=False,
        choices=[(SORT_RELEVANCE, _("Best match first")), (SORT_DISTANCE, _("Nearest first"))],
    )

    field_order = [
        "q",
        "zip",
        "radius",
        "sort",
        "open_now",
        "category",
        "cost",
        "species",
        "language",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("Any kind of help"))]
        for category in Category.objects.select_related("parent").order_by(
            "parent__sort_order", "parent_id", "sort_order", "slug"
        ):
            name = f"— {category.name}" if category.parent_id else category.name
            choices.append((category.slug, name))
        self.fields["category"].choices = choices
        self.fields["zip"].help_text = _("Optional: shows how far each place is.")

    def clean_q(self):
        return " ".join((self.cleaned_data.get("q") or "").split())[:MAX_QUERY_CHARS]

    def full_clean(self):
        # Unknown choices (a stale link, a hand-edited URL) are dropped, not reported: the rest of
        # the search still runs.
        # A subclass may drop some of the filters, and a form may carry a prefix (the back
        # office's referral search).
        if self.is_bound:
            data = self.data.copy()
            for name in ("category", "radius", "sort", "species", "language"):
                if name not in self.fields:
                    continue
                valid = {str(value) for value, _label in self.fields[name].choices}
                if data.get(self.add_prefix(name)) not in valid:
                    data.pop(self.add_prefix(name), None)
            if "cost" in self.fields:
                valid_costs = {value for value, _label in self.fields["cost"].choices}
                key = self.add_prefix("cost")
                data.setlist(key, [c for c in data.getlist(key) if c in valid_costs])
            self.data = data
        super().full_clean()

    def query(self, *, language: str, page, per_page: int) -> ResourceQuery:
        """The search asked for (call after ``is_valid()``): the valid part of it."""
        data = getattr(self, "cleaned_data", {})
        filters = self.filters()
        text = " ".join((data.get("q") or "").split())[:MAX_QUERY_CHARS]
        radius = whole_number(data.get("radius") or "") or 0
        sort = data.get("sort") or SORT_RELEVANCE
        if not filters.zip_code:
            radius, sort = 0, SORT_RELEVANCE
        number = whole_number(str(page or "")) or 1
        return ResourceQuery(
            text=text,
            language=language,
            category=data.get("category") or "",
            costs=filters.costs,
            species=filters.species,
            spoken=filters.language,
            open_now=filters.open_now,
            zip_code=filters.zip_code,
            radius_miles=min(radius, MAX_RADIUS_MILES),
            sort=sort,
            page=min(max(number, 1), 10_000),
            per_page=per_page,
        )

    @property
    def is_filtered(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return super().is_filtered or bool(data.get("category") or data.get("radius"))
