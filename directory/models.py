"""Community resources, aligned with Open Referral HSDS 3.0.

HSDS *service* is called Resource here (the word staff and visitors use). Every record carries
``hsds_id``, the UUID it is exchanged under, so a re-import updates instead of duplicating.
Text a visitor reads is translated with django-modeltranslation (see translation.py).
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models.functions import Coalesce, NullIf
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from modeltranslation.utils import build_localized_fieldname
from wagtail.models import RevisionMixin

from .fields import ChoiceListField, PhoneNumberField, ZipCodeField, ZipCodeListField
from .icons import ICON_CHOICES
from .vocabulary import Cost, PhoneType, ProblemReason, Species, SpokenLanguage, Status, Weekday

# ASCII digits only ("\d" would take any script's); the fields turn other digits into these.
zip_validator = RegexValidator(r"^[0-9]{5}$", _("Enter a five-digit ZIP code."))
zip_list_validator = RegexValidator(
    r"^\s*([0-9]{5}([\s,]+[0-9]{5})*)?\s*$",
    _("Enter five-digit ZIP codes separated by spaces or commas."),
)


def listing_name_sort_key(language: str):
    """The name as visitors of ``language`` read it, for ordering: theirs, else the English one."""
    english = build_localized_fieldname("name", settings.LANGUAGE_CODE)
    localized = build_localized_fieldname("name", language)
    if localized == english:
        return models.F(english)
    return Coalesce(
        NullIf(models.F(localized), models.Value("")),
        models.F(english),
        output_field=models.CharField(),
    )


def parse_zip_list(text: str) -> list[str]:
    return [part for part in text.replace(",", " ").split() if part]


class Category(models.Model):
    """A term of the pet-support taxonomy (HSDS taxonomy_term), two levels deep."""

    hsds_id = models.UUIDField(_("HSDS id"), default=uuid.uuid4, unique=True, editable=False)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    slug = models.SlugField(_("slug"), unique=True, max_length=80)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    icon = models.CharField(
        _("icon"),
        max_length=8,
        blank=True,
        choices=ICON_CHOICES,
        help_text=_("A small drawing shown beside the category's name."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order", "slug"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self):
        return self.name

    # Paths of the public directory that a category's address would hide.
    RESERVED_SLUGS = ("listing", "print")

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.slug in self.RESERVED_SLUGS:
            raise ValidationError(
                {"slug": _("This address is used by the directory; choose another.")}
            )


class Organization(models.Model):
    hsds_id = models.UUIDField(_("HSDS id"), default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")

    def __str__(self):
        return self.name


class Location(models.Model):
    """A place where resources are offered (HSDS location with its physical address)."""

    hsds_id = models.UUIDField(_("HSDS id"), default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="locations",
    )
    name = models.CharField(_("name"), max_length=200)
    address_1 = models.CharField(_("street address"), max_length=200, blank=True)
    address_2 = models.CharField(_("address line 2"), max_length=200, blank=True)
    city = models.CharField(_("town or city"), max_length=100, blank=True)
    state_province = models.CharField(_("state"), max_length=50, blank=True)
    postal_code = ZipCodeField(_("ZIP code"), max_length=5, blank=True, validators=[zip_validator])
    country = models.CharField(_("country"), max_length=2, default="US")
    latitude = models.FloatField(
        _("latitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text=_("Leave empty to place the location at the centre of its ZIP code."),
    )
    longitude = models.FloatField(
        _("longitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    accessibility = models.TextField(
        _("accessibility"), blank=True, help_text=_("Step-free entrance, parking, ...")
    )
    transportation = models.TextField(
        _("getting there"), blank=True, help_text=_("Bus lines and other transit notes.")
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        indexes = [models.Index(fields=["latitude", "longitude"])]  # "nearest first"

    def __str__(self):
        return f"{self.name} ({self.city})" if self.city else self.name


# Which listings are public, in one place: what visitors may see on every page, printed list, PDF,
# API answer, export and search result is an active listing or a temporarily closed one (which
# says so). Inactive listings are kept for the record and shown nowhere public. A status added
# later stays out of sight until it is added here.
PUBLIC_STATUSES = (Status.ACTIVE, Status.TEMPORARILY_CLOSED)


def public_q(path: str = "") -> models.Q:
    """The public rule as a condition on resources, or through ``path`` on a related model
    (``public_q("resource__")`` on the links of resources to categories)."""
    return models.Q(**{f"{path}status__in": PUBLIC_STATUSES})


class ResourceQuerySet(models.QuerySet):
    def public(self):
        """What visitors may see (``PUBLIC_STATUSES``)."""
        return self.filter(public_q())

    def needs_review(self, *, now=None):
        cutoff = (now or timezone.now()) - timezone.timedelta(
            days=settings.DIRECTORY_REVIEW_AFTER_DAYS
        )
        return self.filter(
            models.Q(last_verified_at__isnull=True) | models.Q(last_verified_at__lt=cutoff)
        )


LIST_WEIGHT_LIMIT = 9  # Resource.list_weight runs from -9 to 9


class Resource(RevisionMixin, ClusterableModel):
    """A service an organization offers (HSDS service)."""

    hsds_id = models.UUIDField(_("HSDS id"), default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="resources",
    )
    name = models.CharField(_("name"), max_length=200)
    short_description = models.CharField(
        _("short description"),
        max_length=240,
        help_text=_("One or two sentences shown on listing cards."),
    )
    description = models.TextField(_("description"), blank=True)
    categories = models.ManyToManyField(
        Category, verbose_name=_("categories"), related_name="resources"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    url = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("email"), blank=True)

    cost = models.CharField(_("cost"), max_length=20, choices=Cost.choices, default=Cost.FREE)
    cost_description = models.TextField(_("about the cost"), blank=True)

    eligibility_description = models.TextField(_("who can get help"), blank=True)
    minimum_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True)
    residency_zip_codes = ZipCodeListField(
        _("residents of these ZIP codes only"), blank=True, validators=[zip_list_validator]
    )
    other_requirements = models.TextField(_("other requirements"), blank=True)
    species = ChoiceListField(_("animals served"), choices_class=Species)
    languages = ChoiceListField(_("languages spoken"), choices_class=SpokenLanguage)
    application_process = models.TextField(_("how to apply"), blank=True)
    required_documents = models.TextField(
        _("documents to bring"),
        blank=True,
        help_text=_("One per line. Leave empty when none are needed."),
    )
    hours_notes = models.TextField(_("notes on opening hours"), blank=True)

    service_area_zip_codes = ZipCodeListField(
        _("serves these ZIP codes"),
        blank=True,
        validators=[zip_list_validator],
        help_text=_("Leave empty, with no radius, for the whole region."),
    )
    service_area_radius_miles = models.PositiveSmallIntegerField(
        _("serves within (miles)"), null=True, blank=True
    )
    service_area_description = models.CharField(_("area served"), max_length=200, blank=True)

    confidential_address = models.BooleanField(
        _("confidential address"),
        default=False,
        help_text=_(
            "For domestic-violence safe havens: the address and map position are never shown, "
            "exported or used for distances. Only the phone line is shown."
        ),
    )
    list_weight = models.SmallIntegerField(
        _("place in lists"),
        default=0,
        validators=[MinValueValidator(-LIST_WEIGHT_LIMIT), MaxValueValidator(LIST_WEIGHT_LIMIT)],
        help_text=_(
            "Leave at 0 for most listings: they are listed by what each category is for (its "
            "most urgent subcategories first), then nearest first or by name. A listing with a "
            "higher number comes before every listing with a lower one in all its categories, "
            "even nearer ones: 1 or more pins a service everyone should see first, such as the "
            "county hotline; below 0 moves one to the end. From -9 to 9."
        ),
    )
    last_verified_at = models.DateTimeField(_("last checked"), null=True, blank=True)
    last_verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)

    objects = ResourceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        indexes = [
            models.Index(fields=["status"]),
            models.Index(fields=["last_verified_at"]),
            # Few rows: the confidential ones, looked up to keep their places out of public pages.
            models.Index(
                fields=["confidential_address"],
                condition=models.Q(confidential_address=True),
                name="dir_resource_confidential",
            ),
            # What a category's filters read, for the public listings only, narrow enough to be
            # read from the index alone (no visit to the wide rows with texts in every
            # language): counting a filtered category and the "nearest first" candidates walk
            # the category's links and look each listing up here.
            models.Index(
                fields=["id"],
                include=["cost", "languages", "confidential_address", "status"],
                condition=public_q(),
                name="dir_resource_public_filters",
            ),
            # Listings outside a category (search without one) are read by the editors' weight,
            # then name in the visitor's language (English where a name has no translation): one
            # index per language, so a page is an index walk that stops after a page, not a sort.
            # In a category, ``CategoryListing`` holds the order.
            *(
                models.Index(
                    models.F("list_weight").desc(),
                    listing_name_sort_key(code),
                    models.F("id"),
                    name=f"dir_resource_order_{code.replace('-', '_')}",
                )
                for code, _name in settings.LANGUAGES
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_public(self) -> bool:
        """Whether visitors may see this listing (the same rule as ``objects.public()``)."""
        return self.status in PUBLIC_STATUSES

    @property
    def is_stale(self) -> bool:
        if self.last_verified_at is None:
            return True
        age = timezone.now() - self.last_verified_at
        return age.days > settings.DIRECTORY_REVIEW_AFTER_DAYS

    @property
    def required_document_list(self) -> list[str]:
        return [line.strip() for line in self.required_documents.splitlines() if line.strip()]


# The purpose rank of a listing filed under the category page itself rather than one of its
# subcategories: after every subcategory (on a subcategory's own page, every listing has it).
DIRECT_RANK = 32767


def purpose_ranks(links) -> dict:
    """One listing's purpose rank under each category page it shows under, from its links
    ``(category, parent or None, the category's sort_order)``: under a parent, the lowest
    ``sort_order`` of its subcategories there; filed under the page's category itself,
    ``DIRECT_RANK``. (Categories as ids or slugs, as the caller has them.)"""
    ranks: dict = {}
    for category, parent, order in links:
        ranks[category] = min(ranks.get(category, DIRECT_RANK), DIRECT_RANK)
        if parent is not None:
            ranks[parent] = min(ranks.get(parent, DIRECT_RANK), order)
    return ranks


class CategoryListing(models.Model):
    """A resource as listed under one category page, with the key of its place in the list.

    One row per category page a resource shows under: each of its categories and each of their
    parents. The order is the editors' weight (``Resource.list_weight``, highest first), then
    what the category is for: under a parent, the listing's most urgent subcategory there (the
    lowest ``Category.sort_order``, so emergency vet care before spay and neuter under veterinary
    care; a listing in two parents has a rank under each), under a subcategory the same for
    every listing; then the distance from a ZIP code, else the name in the visitor's language.
    With the name kept here too, a page of a category is one walk of an index that stops after
    the page, however many listings the category holds.

    The listing's ``cost`` and ``status`` are copied here too, so that the listings of one
    weight and purpose that may pass a page's filters are found in this table's index alone
    (``nearest_first`` ranks them by distance when few are): a copy that only narrows what is
    read, the listings themselves are still checked.

    Derived data: written only by ``directory.services.listing_order_refresh``, called wherever
    a listing's categories, weight, names, cost or status or a category's place in the tree
    change (the admin, the HSDS imports, the demo load).
    """

    # Indexed below: by category in the order's indexes, by resource for the rewrite.
    category = models.ForeignKey(
        Category, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    resource = models.ForeignKey(
        Resource, on_delete=models.CASCADE, related_name="listed_under", db_index=False
    )
    weight = models.SmallIntegerField(default=0)
    purpose_rank = models.PositiveSmallIntegerField(default=DIRECT_RANK)
    cost = models.CharField(max_length=20, choices=Cost.choices, default=Cost.FREE)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ACTIVE)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["category", "resource"], name="unique_category_listing")
        ]
        indexes = [
            models.Index(fields=["resource"], name="dir_catlisting_resource"),
            *(
                models.Index(
                    fields=[
                        "category",
                        "-weight",
                        "purpose_rank",
                        build_localized_fieldname("name_key", code),
                        "resource",
                    ],
                    # so that the listings of one weight and purpose that may pass the filters
                    # are read from the index alone ("nearest first" ranks the few by distance)
                    include=["cost", "status"],
                    name=f"dir_catlisting_{code.replace('-', '_')}",
                )
                for code, _name in settings.LANGUAGES
            ),
        ]

    def __str__(self):
        return f"{self.resource_id} in {self.category_id}"


for _code, _language_name in settings.LANGUAGES:  # name_key_en, name_key_es, ...
    CategoryListing.add_to_class(
        build_localized_fieldname("name_key", _code),
        models.CharField(max_length=200, blank=True, default=""),
    )


class ResourceLocation(models.Model):
    """A resource offered at a location (HSDS service_at_location)."""

    hsds_id = models.UUIDField(_("HSDS id"), default=uuid.uuid4, unique=True, editable=False)
    resource = ParentalKey(Resource, on_delete=models.CASCADE, related_name="resource_locations")
    location = models.ForeignKey(
        Location,
        verbose_name=_("location"),
        on_delete=models.PROTECT,
        related_name="resource_locations",
    )
    sort_order = models.PositiveSmallIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["resource", "location"], name="unique_resource_location"
            )
        ]
        verbose_name = _("location")
        verbose_name_plural = _("locations")

    def __str__(self):
        return f"{self.resource} @ {self.location}"


class Phone(models.Model):
    hsds_id = models.UUIDField(_("HSDS id"), default=uuid.uuid4, unique=True, editable=False)
    resource = ParentalKey(Resource, on_delete=models.CASCADE, related_name="phones")
    number = PhoneNumberField(
        _("number"),
        max_length=30,
        validators=[RegexValidator(r"^\+?[0-9 ().-]{3,20}$", _("Enter a phone number."))],
    )
    extension = models.CharField(_("extension"), max_length=10, blank=True)
    type = models.CharField(
        _("type"), max_length=10, choices=PhoneType.choices, default=PhoneType.VOICE
    )
    description = models.CharField(_("description"), max_length=200, blank=True)
    languages = ChoiceListField(_("languages spoken"), choices_class=SpokenLanguage)
    sort_order = models.PositiveSmallIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("phone")
        verbose_name_plural = _("phones")

    def __str__(self):
        return self.number


MINUTES_PER_DAY = 24 * 60
MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY


class MinuteOfDay(models.Func):
    """Minutes since midnight of a time column (its seconds ignored), in SQL both databases
    accept in a generated column: PostgreSQL's ``time``, SQLite's ``HH:MM:SS`` text."""

    arity = 1
    output_field = models.IntegerField()
    template = (
        "(EXTRACT(HOUR FROM %(expressions)s) * 60 + EXTRACT(MINUTE FROM %(expressions)s))::integer"
    )

    def as_sqlite(self, compiler, connection, **extra_context):
        template = (
            "(CAST(substr(%(expressions)s, 1, 2) AS INTEGER) * 60"
            " + CAST(substr(%(expressions)s, 4, 2) AS INTEGER))"
        )
        return self.as_sql(compiler, connection, template=template, **extra_context)


def _week_minute(day, minutes):
    return models.ExpressionWrapper(
        day * models.Value(MINUTES_PER_DAY) + minutes, output_field=models.IntegerField()
    )


_OPENS = MinuteOfDay("opens_at")
_CLOSES = MinuteOfDay("closes_at")
_END_OF_DAY = MINUTES_PER_DAY - 1  # 23:59 means the end of the day
# Where a period ends, in minutes after the midnight that starts its day: 23:59 is the end of
# the day; a closing time at or before the opening time is on the next day.
_CLOSES_AFTER_START_OF_DAY = models.Case(
    models.When(
        models.lookups.Exact(_CLOSES, models.Value(_END_OF_DAY)),
        then=models.Value(MINUTES_PER_DAY),
    ),
    models.When(
        models.lookups.LessThanOrEqual(_CLOSES, _OPENS),
        then=_CLOSES + models.Value(MINUTES_PER_DAY),
    ),
    default=_CLOSES,
    output_field=models.IntegerField(),
)


class OpeningHours(models.Model):
    """A weekly opening period, edited as a day and two times. A closing time at or before the
    opening time means past midnight, 23:59 the end of the day; times count to the minute.

    The database derives from them, in stored generated columns (so they can never disagree
    with the times, whoever writes them: the admin, an HSDS import, a script), the period as a
    minute-of-week range [``week_opens``, ``week_closes``) (Monday 00:00 is 0; a Sunday night
    period ends past ``MINUTES_PER_WEEK``) and whether it runs past midnight: "open now" is one
    indexed comparison (``directory.hours``)."""

    hsds_id = models.UUIDField(_("HSDS id"), default=uuid.uuid4, unique=True, editable=False)
    resource = ParentalKey(Resource, on_delete=models.CASCADE, related_name="opening_hours")
    location = models.ForeignKey(
        Location,
        verbose_name=_("location"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Leave empty when the hours are the same everywhere."),
    )
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)
    opens_at = models.TimeField(_("opens"))
    closes_at = models.TimeField(_("closes"))
    week_opens = models.GeneratedField(
        expression=_week_minute(models.F("weekday"), _OPENS),
        output_field=models.IntegerField(),
        db_persist=True,
    )
    week_closes = models.GeneratedField(
        expression=_week_minute(models.F("weekday"), _CLOSES_AFTER_START_OF_DAY),
        output_field=models.IntegerField(),
        db_persist=True,
    )
    # Runs into the next day (few periods do, so "open now" finds yesterday's through a small
    # index): it ends after the next midnight, not at it.
    past_midnight = models.GeneratedField(
        expression=models.ExpressionWrapper(
            models.lookups.GreaterThan(_CLOSES_AFTER_START_OF_DAY, models.Value(MINUTES_PER_DAY)),
            output_field=models.BooleanField(),
        ),
        output_field=models.BooleanField(),
        db_persist=True,
    )
    sort_order = models.PositiveSmallIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["weekday", "opens_at"]
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        indexes = [
            # "Open now": the periods that started today before now and end after it...
            models.Index(fields=["week_opens", "week_closes"], name="dir_hours_week"),
            # ... and the few of yesterday's that run past midnight.
            models.Index(
                fields=["weekday", "week_closes"],
                condition=models.Q(past_midnight=True),
                name="dir_hours_past_midnight",
            ),
            # Is this listing open now? (listings walked in name order, in the daytime)
            models.Index(
                fields=["resource", "week_opens", "week_closes"], name="dir_hours_resource_week"
            ),
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens_at:%H:%M}–{self.closes_at:%H:%M}"


class Closure(models.Model):
    """A temporary closure (holiday, staff shortage) overriding the weekly hours."""

    resource = ParentalKey(Resource, on_delete=models.CASCADE, related_name="closures")
    start_date = models.DateField(_("closed from"))
    end_date = models.DateField(_("closed until (inclusive)"))
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        ordering = ["start_date"]
        verbose_name = _("temporary closure")
        verbose_name_plural = _("temporary closures")

    def __str__(self):
        return f"{self.start_date} – {self.end_date}"

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The closure cannot end before it starts.")})


class ProblemReport(models.Model):
    """A visitor's "report a problem with this listing", queued for directory editors."""

    resource = models.ForeignKey(
        Resource,
        verbose_name=_("resource"),
        on_delete=models.CASCADE,
        related_name="problem_reports",
    )
    reason = models.CharField(_("what is wrong"), max_length=20, choices=ProblemReason.choices)
    details = models.TextField(_("details"), blank=True, max_length=2000)
    contact = models.CharField(_("how to reach you (optional)"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=10, editable=False)
    created_at = models.DateTimeField(_("reported"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The reporter's yes to a reply at the contact they gave (a follow-up needs consent).
    reply_consent = models.BooleanField(_("may be replied to"), default=False)
    reply_note = models.TextField(_("reply note"), blank=True, max_length=2000)
    replied_at = models.DateTimeField(_("replied"), null=True, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("replied by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The message that carried the reply to the reporter, when it was sent.
    reply_message = models.ForeignKey(
        "messaging.Message",
        verbose_name=_("reply message"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("problem report")
        verbose_name_plural = _("problem reports")

    def __str__(self):
        return f"{self.resource} — {self.get_reason_display()}"
