"""Matches between lost and found reports, and the weights staff give matching in the admin.

A ``ReportMatch`` is a found report scored against a lost one (``backoffice.matching``): its
points rank the candidates of both case pages, which show *why* (the points per attribute,
explained again from the two reports as they are, for the page shown). It is written by
``backoffice.services.matches`` whenever either report is created or changed; staff confirm it
(both cases resolve "reunited with owner", linked by this row) or dismiss it.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from ..matching import ATTRIBUTES, DEFAULT_WEIGHTS, MatchWeights


class MatchStatus(models.TextChoices):
    CANDIDATE = "candidate", _("Possible match")
    CONFIRMED = "confirmed", _("Confirmed: reunited")
    DISMISSED = "dismissed", _("Dismissed")


class ReportMatch(models.Model):
    lost = models.ForeignKey(
        "backoffice.PetReport",
        verbose_name=_("lost report"),
        on_delete=models.CASCADE,
        related_name="matches_as_lost",
    )
    found = models.ForeignKey(
        "backoffice.PetReport",
        verbose_name=_("found report"),
        on_delete=models.CASCADE,
        related_name="matches_as_found",
    )
    points = models.FloatField(_("points"))
    percent = models.PositiveSmallIntegerField(_("match"))
    decisive = models.BooleanField(_("same microchip"), default=False)
    status = models.CharField(
        _("status"), max_length=20, choices=MatchStatus.choices, default=MatchStatus.CANDIDATE
    )
    computed_at = models.DateTimeField(_("scored"), default=timezone.now)
    created_at = models.DateTimeField(_("found as a candidate"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("possible match")
        verbose_name_plural = _("possible matches")
        ordering = ["-decisive", "-points", "id"]
        constraints = [
            models.UniqueConstraint(fields=["lost", "found"], name="bo_match_once"),
        ]
        indexes = [
            # A case page's candidates, best first.
            models.Index(fields=["lost", "status", "-points"], name="bo_match_lost"),
            models.Index(fields=["found", "status", "-points"], name="bo_match_found"),
            # The alerts: candidates new since a report's last alert.
            models.Index(fields=["status", "created_at"], name="bo_match_new"),
        ]

    def __str__(self):
        return f"{self.lost_id} ~ {self.found_id} ({self.percent}%)"

    def other(self, report):
        """The report of the pair that is not ``report``."""
        return self.found if report.pk == self.lost_id else self.lost


def _weight(name, label):
    return models.FloatField(
        label,
        default=getattr(DEFAULT_WEIGHTS, name),
        validators=[MinValueValidator(0), MaxValueValidator(1000)],
    )


@register_setting(icon="resubmit")
class MatchingSettings(BaseGenericSetting):
    """How lost and found reports are scored: the points each attribute gives at best, and the
    rules of distance and time (``backoffice.matching.MatchWeights``, whose defaults these are).
    Saving them has the worker score every open report again (``signals``), so the stored
    points rank candidates by the weights staff see."""

    colours = _weight("colours", _("colours"))
    breed = _weight("breed", _("breed"))
    size = _weight("size", _("size"))
    sex = _weight("sex", _("sex"))
    age_group = _weight("age_group", _("age group"))
    marks = _weight("marks", _("distinguishing marks"))
    collar = _weight("collar", _("collar and tag"))
    distance = _weight("distance", _("distance"))
    time = _weight("time", _("time between lost and found"))
    distance_half_miles = models.FloatField(
        _("miles at which distance gives half its points"),
        default=DEFAULT_WEIGHTS.distance_half_miles,
        validators=[MinValueValidator(0.05), MaxValueValidator(100)],
        help_text=_("Most lost pets are found within a mile of home."),
    )
    time_half_days = models.FloatField(
        _("days at which time gives half its points"),
        default=DEFAULT_WEIGHTS.time_half_days,
        validators=[MinValueValidator(0.5), MaxValueValidator(365)],
    )
    max_miles = models.FloatField(
        _("farthest apart, in miles"),
        default=DEFAULT_WEIGHTS.max_miles,
        validators=[MinValueValidator(0.5), MaxValueValidator(500)],
        help_text=_("Reports farther apart are not matched, unless the microchip is the same."),
    )
    max_days = models.PositiveIntegerField(
        _("longest time from lost to found, in days"),
        default=DEFAULT_WEIGHTS.max_days,
        validators=[MinValueValidator(1), MaxValueValidator(3650)],
    )
    grace_hours = models.FloatField(
        _("hours a pet may be found before it was reported lost"),
        default=DEFAULT_WEIGHTS.grace_hours,
        validators=[MinValueValidator(0), MaxValueValidator(24 * 14)],
        help_text=_("The times people give are approximate."),
    )
    minimum_percent = models.PositiveSmallIntegerField(
        _("lowest match shown, in percent"),
        default=DEFAULT_WEIGHTS.minimum_percent,
        validators=[MaxValueValidator(100)],
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel(name) for name in ATTRIBUTES], heading=_("Points for each attribute")
        ),
        MultiFieldPanel(
            [
                FieldPanel("distance_half_miles"),
                FieldPanel("time_half_days"),
                FieldPanel("max_miles"),
                FieldPanel("max_days"),
                FieldPanel("grace_hours"),
                FieldPanel("minimum_percent"),
            ],
            heading=_("Distance and time"),
        ),
    ]

    class Meta:
        verbose_name = _("lost and found matching")

    def weights(self) -> MatchWeights:
        return MatchWeights.from_values(
            {name: getattr(self, name) for name in MatchWeights.__dataclass_fields__}
        )
