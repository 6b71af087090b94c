"""Lost and found reports: a case's description of the pet lost or found, and its photos.

A report is a case (``Case.case_type`` lost or found pet, channel "lost or found report"): the
person the case is about is the reporter, and their contact details stay on ``Person``, never on
the report. What the public board may show is decided where the board reads reports; the
``private_detail`` (something only the owner knows, for staff to check a claim) and the private
link's token are never shown outside the back office.
"""

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.digits import microchip_compact
from core.private_files import private_storage
from directory.fields import ChoiceListField, ZipCodeField

from ..vocabulary import (
    AgeGroup,
    ChipScan,
    Colour,
    Publication,
    ReportKind,
    Sex,
    Size,
    Species,
    Temperament,
    YesNoUnknown,
)


class PetReport(models.Model):
    """A lost or found pet, as the reporter describes it (one per case)."""

    case = models.OneToOneField(
        "backoffice.Case",
        verbose_name=_("case"),
        on_delete=models.CASCADE,
        related_name="pet_report",
    )
    kind = models.CharField(_("lost or found"), max_length=10, choices=ReportKind.choices)
    species = models.CharField(_("species"), max_length=20, choices=Species.choices)
    pet_name = models.CharField(_("pet's name"), max_length=100, blank=True)
    breed = models.CharField(_("breed"), max_length=100, blank=True)
    colours = ChoiceListField(_("colours"), choices_class=Colour)
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices, default="", blank=True)
    size = models.CharField(_("size"), max_length=20, choices=Size.choices, default="", blank=True)
    age_group = models.CharField(
        _("age"), max_length=10, choices=AgeGroup.choices, default="", blank=True
    )
    marks = models.TextField(_("distinguishing marks"), blank=True)
    collar_tag = models.CharField(_("collar and tag"), max_length=300, blank=True)
    # Lost: the owner's chip number. Found: the number a scan read (``chip_scan`` says whether
    # the pet was scanned). One spelling whatever the script or separators ("985 112-003").
    microchip = models.CharField(_("microchip number"), max_length=40, blank=True)
    chip_scan = models.CharField(
        _("scanned for a microchip?"),
        max_length=20,
        choices=ChipScan.choices,
        default=ChipScan.UNKNOWN,
        blank=True,
    )
    happened_on = models.DateField(_("date lost or found"))
    happened_time = models.TimeField(_("time lost or found"), null=True, blank=True)
    place = models.CharField(
        _("where"),
        max_length=300,
        blank=True,
        help_text=_("An address, cross streets or a landmark."),
    )
    zip_code = ZipCodeField(_("ZIP code"), max_length=10, blank=True)
    # The ZIP code's centre (``core.geography.zip_point``), for distances; None when unknown.
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    direction = models.CharField(_("direction of travel"), max_length=200, blank=True)
    temperament = ChoiceListField(_("temperament"), choices_class=Temperament)
    # Found: whether the finder can keep the pet until the owner is found, and until when.
    can_keep = models.CharField(
        _("can keep the pet until the owner is found"),
        max_length=10,
        choices=YesNoUnknown.choices,
        default="",
        blank=True,
    )
    keep_until = models.DateField(_("can keep the pet until"), null=True, blank=True)
    # Lost: something only the owner would know. Staff only; never on the board.
    private_detail = models.TextField(
        _("identifying detail (private)"),
        blank=True,
        help_text=_("Something only the owner would know. Never shown on the public board."),
    )
    publish_consent = models.BooleanField(_("agrees to publish on the board"), default=False)
    state = models.CharField(
        _("on the board"),
        max_length=10,
        choices=Publication.choices,
        default=Publication.PRIVATE,
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    ends_at = models.DateTimeField(_("leaves the board"), null=True, blank=True)
    # The reporter's private link: only the SHA-256 of its token is kept (unique, so one token
    # opens one report), with the moment it stops working.
    token_hash = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)
    token_expires_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Matching (``backoffice.services.matches``): the description read once, in comparable
    # words (``backoffice.pet_words``), so that scoring thousands of candidates reads no text.
    match_terms = models.JSONField(default=dict, blank=True, editable=False)
    # The reporter's opt-in to an alert (at most daily) when a possible match is published.
    match_alerts = models.BooleanField(_("alert me to possible matches"), default=False)
    match_alerted_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("lost or found report")
        verbose_name_plural = _("lost and found reports")
        # Approving and hiding reports on the public board (``permissions.user_can_moderate``).
        permissions = [
            ("moderate_board", "Can approve and hide reports on the lost and found board")
        ]
        ordering = ["-happened_on", "-id"]
        indexes = [
            # The board: published reports of a kind and species, newest first.
            models.Index(
                fields=["state", "kind", "species", "-happened_on"], name="bo_report_board"
            ),
            models.Index(fields=["state", "-happened_on"], name="bo_report_board_all"),
            models.Index(fields=["state", "zip_code"], name="bo_report_board_zip"),
            # Near a point (a latitude band first) and leaving the board.
            models.Index(fields=["latitude", "longitude"], name="bo_report_position"),
            models.Index(fields=["state", "ends_at"], name="bo_report_ends"),
            # Matching: reports of the other kind and the same species, by date; a chip number.
            models.Index(fields=["kind", "species", "happened_on"], name="bo_report_match"),
            models.Index(
                fields=["microchip"],
                condition=~models.Q(microchip=""),
                name="bo_report_chip",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.get_species_display()} ({self.case_id})"

    def save(self, *args, **kwargs):
        # One spelling of a chip number, as for ``Pet``, so that matching compares like with like.
        self.microchip = microchip_compact(self.microchip)
        super().save(*args, **kwargs)

    @property
    def is_lost(self) -> bool:
        return self.kind == ReportKind.LOST

    @property
    def point(self) -> tuple[float, float] | None:
        if self.latitude is None or self.longitude is None:
            return None
        return self.latitude, self.longitude


def report_photo_path(photo: "ReportPhoto", filename: str) -> str:
    """Where a photo is kept in the private store: nothing of the reporter's file name."""
    return f"lost-found/{timezone.now():%Y/%m}/{filename}"


class ReportPhoto(models.Model):
    """A photo of the pet, re-encoded without its metadata (``backoffice.photos``), kept in the
    private store and served only by views that check the report may be seen."""

    MAX_PER_REPORT = 4

    report = models.ForeignKey(
        PetReport, verbose_name=_("report"), on_delete=models.CASCADE, related_name="photos"
    )
    # The photo's name in every URL (the board's, the back office's): random, so that it says
    # nothing of the report, the reporter or how many photos there are, and cannot be guessed.
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    file = models.FileField(
        _("photo"), storage=private_storage, upload_to=report_photo_path, max_length=200
    )
    width = models.PositiveIntegerField(_("width"))
    height = models.PositiveIntegerField(_("height"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["position", "id"]
        indexes = [models.Index(fields=["report", "position"], name="bo_reportphoto_order")]

    def __str__(self):
        return self.file.name
