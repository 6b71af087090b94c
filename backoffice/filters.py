"""The queue's filters (django-filter). Every filter narrows ``selectors.case_queue``."""

import datetime
import operator
import re
from functools import reduce
from typing import NamedTuple

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.lookups import IsNull
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.digits import digits_ascii, microchip_compact
from core.forms import DateInRangeField

from . import counts_cache
from .followups import case_has_overdue_followups
from .forms import FastForm
from .models import Case, CaseNeed, CasePet, Person, Pet
from .selectors import staff_for_assignment
from .vocabulary import OPEN_STATUSES, CaseType, Need, Priority, Status, language_choices

REFERENCE_RE = re.compile(r"^PS-[0-9]{4}-[0-9]{1,6}$", re.IGNORECASE)

STATUS_CHOICES = [
    ("open", _("Open (new, in progress, waiting)")),
    *Status.choices,
    ("all", _("All statuses")),
]

SORT_ORDERS = {
    "priority": ("priority", "opened_at", "id"),
    "oldest": ("opened_at", "id"),
    "newest": ("-opened_at", "-id"),
    "updated": ("-updated_at", "-id"),
}
SORT_CHOICES = [
    ("priority", _("Most urgent first")),
    ("oldest", _("Oldest first")),
    ("newest", _("Newest first")),
    ("updated", _("Recently updated")),
]


class DateFilter(django_filters.DateFilter):
    """A day the database can compare in any time zone (1900 to 2999; else a translated error)."""

    field_class = DateInRangeField


MICROCHIP_MIN_DIGITS = 9


class _Found(NamedTuple):
    """The cases a search matches one way (by their people, their pets, their reference), in the
    two forms ``_cases_in_any`` may ask for."""

    ids: QuerySet  # their ids, as a set
    this_case: QuerySet  # for the outer query's case, its match's id (none: not one of them)


def _cases_of_pets(**lookup) -> _Found:
    """The cases about a pet that matches (a pet of the person's the case is not about does not
    count), found from the pets."""
    return _Found(
        ids=CasePet.objects.filter(**lookup).values("case_id").order_by(),
        this_case=CasePet.objects.filter(case=OuterRef("pk"), **lookup).values("pk")[:1],
    )


def _cases_of_people(**lookup) -> _Found:
    """The cases of the people who match: the people found first (a narrow table, its own
    indexes), then their cases."""
    people = Person.objects.filter(**lookup).values("pk")
    return _Found(
        ids=Case.objects.filter(person__in=people).values("pk").order_by(),
        this_case=Person.objects.filter(pk=OuterRef("person_id"), **lookup).values("pk")[:1],
    )


def _cases_of_references(**lookup) -> _Found:
    return _Found(
        ids=Case.objects.filter(**lookup).values("pk").order_by(),
        this_case=Case.objects.filter(pk=OuterRef("pk"), **lookup).values("pk")[:1],
    )


# A word that names this many people or pets or more is common (a pet name such as "Luna", 1% of
# 500,000 cases' pets): see ``_cases_in_any``.
COMMON_MATCHES = 5000


# A list that reads no more than this many of a common word's matches (its first two pages)
# tests the cases it walks one at a time: see ``_cases_in_any``.
FEW_ROWS = 50


def _cases_in_any(queryset, *found: _Found, common: bool = False, few_rows: bool = False):
    """``queryset`` narrowed to the cases in any of ``found``.

    Few matches (a phone number, a chip, a rare name): one set, a UNION the database works out
    first, from the few rows that match through each one's index, then joins to the queue.
    Written as ``id IN (a) OR id IN (b)`` instead, it has no index to start from: it walks the
    whole queue in its order (500,000 cases) testing each row against the sets.

    Many matches (``common``: a pet name thousands of pets have): that walk is the quick way,
    since a page of matches comes within the first few hundred cases in the queue's order,
    whereas the UNION joins and sorts every one of the thousands of matching cases first. When
    only the first ``FEW_ROWS`` matches are read (``few_rows``: the queue's first pages), each
    case walked is tested on its own, its person and its pets looked up through their keys: the
    sets are read whole before the walk's first row (the cases of the 20,000 pets named "Mochi"
    at 500,000 cases, 150-250 ms, most of the search's time), for the few hundred cases walked.
    For more rows (the counts, the CSV, a deep page), the sets, read once, cost less than
    looking up tens of thousands of cases one by one. The cases found are the same every way."""
    if common and few_rows:
        return queryset.filter(
            reduce(operator.or_, (Q(IsNull(Subquery(f.this_case), False)) for f in found))
        )
    if common:
        return queryset.filter(reduce(operator.or_, (Q(pk__in=f.ids) for f in found)))
    first, *others = (f.ids for f in found)
    ids = first.union(*others) if others else first
    return queryset.filter(pk__in=ids)


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class CaseFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_search",
        help_text=_("Reference, name, phone, email, pet's name or microchip number"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=STATUS_CHOICES, method="filter_status", empty_label=None
    )
    priority = django_filters.ChoiceFilter(
        label=_("Priority"), choices=Priority.choices, empty_label=_("Any priority")
    )
    case_type = django_filters.ChoiceFilter(
        label=_("Type"), choices=CaseType.choices, empty_label=_("Any type")
    )
    assignee = django_filters.ChoiceFilter(
        label=_("Case manager"), method="filter_assignee", empty_label=_("Anyone")
    )
    language = django_filters.ChoiceFilter(
        label=_("Language"), choices=language_choices, empty_label=_("Any language")
    )
    need = django_filters.ChoiceFilter(
        label=_("Need"), choices=Need.choices, method="filter_need", empty_label=_("Any need")
    )
    overdue = django_filters.BooleanFilter(
        label=_("Only with overdue follow-ups"),
        method="filter_overdue",
        widget=forms.CheckboxInput,
    )
    opened_after = DateFilter(
        label=_("Opened from"),
        method="filter_opened_after",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    opened_before = DateFilter(
        label=_("Opened until"),
        method="filter_opened_before",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort"), choices=SORT_CHOICES, method="filter_sort", empty_label=None
    )

    class Meta:
        form = FastForm

    def __init__(self, data=None, *args, user=None, staff=None, rows_read=None, **kwargs):
        """``rows_read``: how many of the list's first rows will be read (the queue's page times
        its length), when that is known; None for the whole list (the CSV)."""
        data = data.copy() if data is not None else {}
        # Defaults that apply when the field is absent (a first visit to the queue).
        if not data.get("status"):
            data["status"] = "open"
        if not data.get("sort"):
            data["sort"] = "priority"
        super().__init__(data, *args, **kwargs)
        self.user = user
        self.rows_read = rows_read
        staff = [(str(u.pk), u.get_full_name() or u.get_username()) for u in staff_for_assignment()]
        self.filters["assignee"].extra["choices"] = [
            ("mine", _("Me")),
            ("unassigned", _("Nobody (unassigned)")),
            *staff,
        ]
        # The field's own empty label ("Anyone") comes first; it is not a choice of its own.
        self.form.fields["assignee"].choices = self.filters["assignee"].extra["choices"]

    def filter_queryset_except(self, queryset, skip: tuple[str, ...]):
        """Apply every valid filter but those named (the status tabs count without status)."""
        self.is_valid()
        rows_read, self.rows_read = self.rows_read, None  # counted: every row
        try:
            for name, value in self.form.cleaned_data.items():
                if name not in skip:
                    queryset = self.filters[name].filter(queryset, value)
        finally:
            self.rows_read = rows_read
        return queryset

    def filter_search(self, queryset, name, value):
        value = digits_ascii(value).strip()  # "٥٥٥٠١٤٢" finds 555-0142
        if not value:
            return queryset
        if REFERENCE_RE.match(value):
            year, number = value.upper().split("-")[1:]
            return queryset.filter(reference=f"PS-{year}-{int(number):06d}")
        if "@" in value:
            return _cases_in_any(queryset, _cases_of_people(email__iexact=value))
        digits = re.sub(r"[^0-9]", "", value)
        if digits and len(digits) >= len(value.replace(" ", "")) - 4:
            found = [_cases_of_people(phone_digits__endswith=digits)]
            if len(digits) <= 6:
                ending = digits.zfill(6)
                found.append(_cases_of_references(reference__endswith=ending))
            if len(digits) >= MICROCHIP_MIN_DIGITS:  # read off a scanner: 9, 10 or 15 digits
                # icontains and iexact: UPPER(microchip), the expression its index holds.
                found.append(_cases_of_pets(pet__microchip__icontains=digits))
            return _cases_in_any(queryset, *found)
        chip = microchip_compact(value)
        return _cases_in_any(
            queryset,
            _cases_of_people(name__icontains=value),
            _cases_of_pets(pet__name__icontains=value),
            _cases_of_pets(pet__microchip__iexact=chip),
            common=self._common_word(value),
            few_rows=self.rows_read is not None and self.rows_read <= FEW_ROWS,
        )

    def _common_word(self, value: str) -> bool:
        """Whether ``COMMON_MATCHES`` people's or pets' names or more hold ``value`` (two
        counts that stop there, through the names' indexes: 100-200 ms for a pet name at
        500,000 cases). Once a search, and kept for everyone until people or pets change
        (``counts_cache``): it only chooses how to look, never what is found or shown."""
        if getattr(self, "_common", (None,))[0] != value:
            common = counts_cache.cached_for(
                f"common-word:{COMMON_MATCHES}:{value}",
                lambda: any(
                    model.objects.filter(name__icontains=value)[:COMMON_MATCHES].count()
                    >= COMMON_MATCHES
                    for model in (Person, Pet)
                ),
            )
            self._common = (value, common)
        return self._common[1]

    def filter_status(self, queryset, name, value):
        if value == "all":
            return queryset
        if value == "open":
            return queryset.filter(status__in=OPEN_STATUSES)
        return queryset.filter(status=value)

    def filter_assignee(self, queryset, name, value):
        if value == "mine":
            return queryset.filter(assignee=self.user)
        if value == "unassigned":
            return queryset.filter(assignee__isnull=True)
        return queryset.filter(assignee_id=value)

    def filter_need(self, queryset, name, value):
        return queryset.filter(Exists(CaseNeed.objects.filter(case=OuterRef("pk"), code=value)))

    def filter_overdue(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(case_has_overdue_followups(timezone.localdate()))

    def filter_opened_after(self, queryset, name, value):
        return queryset.filter(opened_at__gte=_day_start(value))

    def filter_opened_before(self, queryset, name, value):
        return queryset.filter(opened_at__lt=_day_start(value + datetime.timedelta(days=1)))

    def filter_sort(self, queryset, name, value):
        return queryset.order_by(*SORT_ORDERS.get(value, SORT_ORDERS["priority"]))
