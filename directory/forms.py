"""Public forms of the directory: the listing filters and "report a problem with this listing"."""

from dataclasses import replace

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from core.forms import HoneypotMixin, ZipCodeField
from core.geography import zip_point
from messaging.addresses import address_normalise
from messaging.vocabulary import Channel

from .models import ProblemReport
from .selectors.listings import ListingFilters
from .vocabulary import Cost, ProblemReason, Species, SpokenLanguage


class ListingFilterForm(forms.Form):
    """The filters of a category page (a GET form: it works without JavaScript and its URL can be
    shared or bookmarked). An invalid field is reported and ignored; the others still apply."""

    zip = ZipCodeField(
        label=_("Your ZIP code"),
        required=False,
        plus_four=True,
        help_text=_("Optional: shows how far each place is and lists the nearest first."),
        widget=forms.TextInput(attrs={"size": 6}),
    )
    open_now = forms.BooleanField(label=_("Open now"), required=False)
    cost = forms.MultipleChoiceField(
        label=_("Cost"),
        required=False,
        choices=Cost.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    species = forms.ChoiceField(
        label=_("Animal"),
        required=False,
        choices=[("", _("Any animal")), *Species.choices],
    )
    language = forms.ChoiceField(
        label=_("Language spoken"),
        required=False,
        choices=[("", _("Any language")), *SpokenLanguage.choices],
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def clean_zip(self):
        value = self.cleaned_data["zip"]  # five ASCII digits, whichever script they were typed in
        if not value:
            return ""
        if zip_point(value) is None:
            raise forms.ValidationError(
                _("We do not know the ZIP code %(zip)s. Check it, or leave it empty."),
                params={"zip": value},
            )
        return value

    def filters(self) -> ListingFilters:
        """The valid part of what was asked (call after ``is_valid()``)."""
        data = getattr(self, "cleaned_data", {})
        return ListingFilters(
            zip_code=data.get("zip", "") if "zip" not in self.errors else "",
            open_now=bool(data.get("open_now")),
            costs=tuple(data.get("cost") or ()),
            species=data.get("species") or "",
            language=data.get("language") or "",
        )

    # The parameters of this form, in the order a canonical address lists them.
    PARAMETERS = ("zip", "open_now", "cost", "species", "language")

    @classmethod
    def filters_of(cls, query) -> ListingFilters:
        """The valid filters in a query (``request.GET``, or a query string): what a category
        page shows, and so what its printed list and PDF show."""
        form = cls(QueryDict(query) if isinstance(query, str) else query)
        form.is_valid()
        return form.filters()

    @staticmethod
    def filters_query(filters: ListingFilters) -> str:
        """``filters`` as a query string, one way only (what is invalid left out): the address of
        the printed list and PDF of what a category page shows."""
        query = QueryDict(mutable=True)
        if filters.zip_code:
            query["zip"] = filters.zip_code
        if filters.open_now:
            query["open_now"] = "on"
        if filters.costs:
            query.setlist("cost", sorted(filters.costs))
        if filters.species:
            query["species"] = filters.species
        if filters.language:
            query["language"] = filters.language
        return query.urlencode()

    @property
    def is_filtered(self) -> bool:
        f = self.filters()
        return bool(f.open_now or f.costs or f.species or f.language)

    @property
    def more_in_use(self) -> int:
        """How many of the filters folded under "More filters" are in use (cost, animal,
        language), so that the closed fold says so."""
        f = self.filters()
        return len(f.costs) + bool(f.species) + bool(f.language)

    def in_use(self) -> list[dict]:
        """The valid filters in use, as the summary above a category's list names them, each with
        the query string of the same list without it: ``{"label": "Free", "is_zip": False,
        "query": "zip=95814"}`` (the ZIP code's label is the code itself)."""
        filters = self.filters()
        # (label, is_zip, the same filters without this one)
        found = []
        if filters.zip_code:
            found.append((filters.zip_code, True, replace(filters, zip_code="")))
        if filters.open_now:
            found.append(
                (str(self.fields["open_now"].label), False, replace(filters, open_now=False))
            )
        for cost in filters.costs:
            rest = tuple(c for c in filters.costs if c != cost)
            found.append((str(Cost(cost).label), False, replace(filters, costs=rest)))
        if filters.species:
            found.append((str(Species(filters.species).label), False, replace(filters, species="")))
        if filters.language:
            label = _("Language spoken: %(language)s") % {
                "language": SpokenLanguage(filters.language).label
            }
            found.append((str(label), False, replace(filters, language="")))
        return [
            {"label": label, "is_zip": is_zip, "query": self.filters_query(rest)}
            for label, is_zip, rest in found
        ]


class ProblemReportForm(HoneypotMixin, forms.ModelForm):
    class Meta:
        model = ProblemReport
        fields = ["reason", "details", "contact", "reply_consent"]
        widgets = {
            "reason": forms.RadioSelect,
            "details": forms.Textarea(attrs={"rows": 4}),
        }
        labels = {
            "reason": _("What is wrong?"),
            "details": _("Tell us more (needed for “Something else”)"),
            "contact": _("Your phone or email, if we may ask you about it (optional)"),
            "reply_consent": _("You may send me a reply at this phone or email"),
        }
        help_texts = {"details": _("For example, the new phone number or opening hours.")}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["reason"].choices = ProblemReason.choices

    def clean(self):
        data = super().clean()
        if data.get("reason") == ProblemReason.OTHER and not (data.get("details") or "").strip():
            self.add_error(
                "details", _("Tell us what is wrong: editors cannot tell from “Something else”.")
            )
        if data.get("reply_consent") and not (data.get("contact") or "").strip():
            self.add_error("contact", _("Give a phone or email for the reply, or untick the box."))
        return data


class ProblemReportReplyForm(forms.Form):
    """An editor's reply note on a problem report, kept with it and sent only when asked."""

    note = forms.CharField(
        label=_("Reply note"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    send = forms.BooleanField(label=_("Also send it to the person who reported"), required=False)


class SendListForm(HoneypotMixin, forms.Form):
    """ "Send me this list": to the visitor's own phone (a text) or email, no account."""

    channel = forms.ChoiceField(
        label=_("Send it by"),
        choices=[(Channel.SMS, _("Text message")), (Channel.EMAIL, _("Email"))],
        initial=Channel.SMS,
        widget=forms.RadioSelect,
    )
    to = forms.CharField(
        label=_("Your mobile number or email address"),
        max_length=254,
        help_text=_("Only use a phone or email that is safe for you: others may see it."),
        widget=forms.TextInput(attrs={"autocomplete": "on", "size": 30}),
    )

    def clean(self):
        data = super().clean()
        channel, to = data.get("channel"), data.get("to", "")
        if channel and to:
            address = address_normalise(channel, to)
            if not address:
                self.add_error(
                    "to",
                    _("Enter a mobile number, for example 503-555-0142.")
                    if channel == Channel.SMS
                    else _("Enter an email address, for example name@example.org."),
                )
            data["address"] = address
        return data
