"""Cases, the people and pets they are about, and everything that happens to them (lost and
found reports and their photos: ``lost_found``).

Writes go through ``backoffice.services``; reads through ``backoffice.selectors``. Which
follow-ups are pending is ``selectors.followup_pending_q``.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.digits import microchip_compact

from ..vocabulary import (
    OPEN_STATUSES,
    AgeGroup,
    CaseType,
    Channel,
    ContactMethod,
    ContactTime,
    EventKind,
    Need,
    NoteKind,
    Outcome,
    Priority,
    Reason,
    ReferralStatus,
    Sex,
    Size,
    Species,
    Status,
    Urgency,
    YesNoUnknown,
    language_choices,
)


class Person(models.Model):
    """The person a case is about (the client)."""

    name = models.CharField(_("name"), max_length=200)
    preferred_language = models.CharField(
        _("preferred language"), max_length=10, choices=language_choices, default="en"
    )
    interpreter_needed = models.BooleanField(_("needs an interpreter"), default=False)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    # Digits only, for searching whatever way the number was typed.
    phone_digits = models.CharField(max_length=40, blank=True, editable=False, db_index=True)
    email = models.EmailField(_("email"), blank=True, db_index=True)
    contact_method = models.CharField(
        _("preferred way to reach them"),
        max_length=20,
        choices=ContactMethod.choices,
        default=ContactMethod.ANY,
        blank=True,
    )
    safe_to_leave_message = models.BooleanField(
        _("safe to leave a message?"),
        null=True,
        blank=True,
        help_text=_("Leave unknown until you have asked. Never leave details when unsure."),
    )
    # Messages (backoffice/messages.py): consent to follow-up, and for a confidential case the
    # channels the person said are safe (nothing else is sent to them).
    message_consent = models.BooleanField(
        _("agrees to follow-up messages?"),
        null=True,
        blank=True,
        help_text=_(
            "Reminders and check-ins by email or text. Leave unknown until you have asked."
        ),
    )
    safe_to_text = models.BooleanField(
        _("safe to text them"),
        default=False,
        help_text=_(
            "For a confidential case, nothing is texted unless the person said it is safe."
        ),
    )
    safe_to_email = models.BooleanField(
        _("safe to email them"),
        default=False,
        help_text=_(
            "For a confidential case, nothing is emailed unless the person said it is safe."
        ),
    )
    best_time_to_contact = models.CharField(
        _("best time to reach them"),
        max_length=20,
        choices=ContactTime.choices,
        default=ContactTime.ANY,
        blank=True,
    )
    zip_code = models.CharField(_("ZIP code"), max_length=10, blank=True)
    household_notes = models.TextField(_("household notes"), blank=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    anonymized_at = models.DateTimeField(_("anonymised"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name"]

    def __str__(self):
        return self.name or str(_("(name removed)"))


class Pet(models.Model):
    owner = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="pets"
    )
    species = models.CharField(_("species"), max_length=20, choices=Species.choices)
    name = models.CharField(_("pet's name"), max_length=100, blank=True)
    breed = models.CharField(_("breed"), max_length=100, blank=True)
    age_group = models.CharField(
        _("age"), max_length=10, choices=AgeGroup.choices, default="", blank=True
    )
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices, default="", blank=True)
    spayed_neutered = models.CharField(
        _("spayed or neutered"), max_length=10, choices=YesNoUnknown.choices, default="", blank=True
    )
    size = models.CharField(_("size"), max_length=20, choices=Size.choices, default="", blank=True)
    microchip = models.CharField(_("microchip number"), max_length=40, blank=True)
    medical_notes = models.TextField(_("medical notes"), blank=True)
    behaviour_notes = models.TextField(_("behaviour notes"), blank=True)

    class Meta:
        verbose_name = _("pet")
        verbose_name_plural = _("pets")
        ordering = ["id"]

    def __str__(self):
        return self.name or self.get_species_display()

    def save(self, *args, **kwargs):
        # One spelling of a chip number, however it was typed, so that a search finds it.
        self.microchip = microchip_compact(self.microchip)
        super().save(*args, **kwargs)


class ReferenceCounter(models.Model):
    """The last case number handed out in a year (``PS-2026-000123``)."""

    year = models.PositiveIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.year}: {self.last}"


class Case(models.Model):
    reference = models.CharField(_("reference"), max_length=20, unique=True, editable=False)
    client_token = models.CharField(
        max_length=64,
        null=True,
        blank=True,
        unique=True,
        editable=False,
        help_text="Idempotency key sent by the intake channel.",
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="cases"
    )
    pets = models.ManyToManyField(Pet, through="CasePet", verbose_name=_("pets"), blank=True)
    case_type = models.CharField(_("type"), max_length=20, choices=CaseType.choices)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=language_choices,
        default="en",
        help_text=_("The person's preferred language when the case was opened."),
    )
    summary = models.TextField(_("what is going on"), blank=True)
    intake_answers = models.JSONField(_("intake answers"), default=dict, blank=True)
    urgency = models.CharField(
        _("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL
    )
    at_risk_of_losing_pet = models.BooleanField(
        _("at risk of losing the pet within 7 days"), default=False
    )
    safety_concern = models.BooleanField(
        _("safety concern (for example domestic violence)"), default=False
    )
    priority = models.PositiveSmallIntegerField(
        _("priority"), choices=Priority.choices, default=Priority.NORMAL, editable=False
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEW
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("case manager"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_cases",
    )
    confidential = models.BooleanField(
        _("confidential"),
        default=False,
        help_text=_("Only the assigned case manager and supervisors can see a confidential case."),
    )
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=Outcome.choices, default="", blank=True
    )
    outcome_notes = models.TextField(_("about the outcome"), blank=True)
    opened_at = models.DateTimeField(_("opened"), default=timezone.now)
    first_contact_at = models.DateTimeField(_("first contact"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    anonymized_at = models.DateTimeField(_("anonymised"), null=True, blank=True)

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["priority", "opened_at"]
        permissions = [
            ("access_backoffice", "Can use the back office"),
            ("supervise_cases", "Can supervise cases: reassign, close, see all, metrics, audit"),
        ]
        indexes = [
            # The queue: by status, then priority and age; and the same per assignee.
            models.Index(fields=["status", "priority", "opened_at"], name="bo_case_queue"),
            # The default view, open cases most urgent first: a walk of the open ones only.
            models.Index(
                fields=["priority", "opened_at", "id"],
                condition=models.Q(status__in=OPEN_STATUSES),
                name="bo_case_open_queue",
            ),
            models.Index(
                fields=["assignee", "priority", "opened_at", "id"],
                condition=models.Q(status__in=OPEN_STATUSES),
                name="bo_case_open_mine",
            ),
            models.Index(
                fields=["assignee", "status", "priority", "opened_at"], name="bo_case_mine"
            ),
            models.Index(fields=["priority", "opened_at"], name="bo_case_priority"),
            models.Index(fields=["opened_at"], name="bo_case_opened"),
            models.Index(fields=["resolved_at"], name="bo_case_resolved"),
            models.Index(fields=["closed_at"], name="bo_case_closed"),
            models.Index(fields=["language", "status"], name="bo_case_language"),
            models.Index(fields=["case_type", "status"], name="bo_case_type"),
            models.Index(
                fields=["assignee"], condition=models.Q(confidential=True), name="bo_case_conf"
            ),
        ]

    def __str__(self):
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class CasePet(models.Model):
    """A pet the case is about, with the outcome for that pet."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="case_pets")
    pet = models.ForeignKey(Pet, verbose_name=_("pet"), on_delete=models.CASCADE, related_name="+")
    outcome = models.CharField(
        _("outcome for this pet"), max_length=20, choices=Outcome.choices, default="", blank=True
    )
    outcome_detail = models.CharField(_("details"), max_length=300, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "pet"], name="bo_casepet_unique")]
        ordering = ["id"]

    def __str__(self):
        return f"{self.case_id}/{self.pet_id}"


class CaseNeed(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="needs")
    code = models.CharField(_("need"), max_length=20, choices=Need.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "code"], name="bo_caseneed_unique")]
        indexes = [models.Index(fields=["code", "case"], name="bo_caseneed_code")]

    def __str__(self):
        return self.code


class CaseReason(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="reasons")
    code = models.CharField(_("reason"), max_length=20, choices=Reason.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "code"], name="bo_casereason_unique")
        ]
        indexes = [models.Index(fields=["code", "case"], name="bo_casereason_code")]

    def __str__(self):
        return self.code


class Referral(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="referrals")
    resource = models.ForeignKey(
        "directory.Resource",
        verbose_name=_("resource"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    partner_name = models.CharField(
        _("partner"),
        max_length=200,
        blank=True,
        help_text=_("When the partner is not in the directory."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ReferralStatus.choices,
        default=ReferralStatus.SUGGESTED,
    )
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["created_at", "id"]

    def __str__(self):
        if self.resource_id:
            return str(self.resource)
        return self.partner_name


class FollowUp(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="followups")
    due_on = models.DateField(_("due"))
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="followups",
    )
    note = models.CharField(_("what to do"), max_length=300, blank=True)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # A follow-up no longer to do (its case was resolved, or someone cancelled it).
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(
                fields=["assignee", "due_on"],
                condition=models.Q(done_at__isnull=True, cancelled_at__isnull=True),
                name="bo_followup_unsettled",
            ),
            models.Index(
                fields=["case", "due_on"],
                condition=models.Q(done_at__isnull=True, cancelled_at__isnull=True),
                name="bo_followup_case_unsettled",
            ),
        ]

    def __str__(self):
        return f"{self.case_id} {self.due_on}"


class TimelineEntry(models.Model):
    """One line in the case's chronological history."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="timeline")
    kind = models.CharField(_("what happened"), max_length=20, choices=EventKind.choices)
    note_kind = models.CharField(
        _("kind of note"), max_length=10, choices=NoteKind.choices, default="", blank=True
    )
    body = models.TextField(_("note"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The other person involved (new assignee, follow-up assignee), for display.
    subject_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    referral = models.ForeignKey(
        Referral, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    followup = models.ForeignKey(
        FollowUp, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Structured detail: {"from": "new", "to": "in_progress"}, {"outcome": "kept"}...
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("timeline entry")
        verbose_name_plural = _("timeline entries")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["case", "created_at"], name="bo_timeline_case")]

    def __str__(self):
        return f"{self.case_id} {self.kind} {self.created_at:%Y-%m-%d}"


class FollowupReminder(models.Model):
    """One reminder email per person per day: running the command twice sends once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_on = models.DateField()
    followup_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "sent_on"], name="bo_reminder_once_a_day")
        ]

    def __str__(self):
        return f"{self.user_id} {self.sent_on}"


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("The audit log is append-only.")

    def delete(self):
        raise TypeError("The audit log is append-only.")


class AuditAction(models.TextChoices):
    VIEW = "view", _("Viewed")
    CREATE = "create", _("Created")
    CHANGE = "change", _("Changed")
    EXPORT = "export", _("Exported")
    MERGE = "merge", _("Merged")
    ANONYMIZE = "anonymize", _("Anonymised")
    SEARCH = "search", _("Searched")
    DENIED = "denied", _("Refused")


class AuditEntry(models.Model):
    """Who viewed or changed what, and when. Append-only; no personal data in it."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=20, choices=AuditAction.choices)
    # What was touched: a case reference and/or a person id, plus the operation's name.
    case_reference = models.CharField(_("case"), max_length=20, blank=True, db_index=True)
    person_id_ref = models.PositiveBigIntegerField(_("person"), null=True, blank=True)
    operation = models.CharField(_("what"), max_length=60)
    detail = models.JSONField(default=dict, blank=True)
    confidential = models.BooleanField(_("confidential"), default=False)
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-created_at", "-id"]
        default_permissions = ("view",)

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.operation} {self.case_reference}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError("The audit log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("The audit log is append-only.")


# Lost and found reports, in their own module (this one is long enough); imported here so that
# Django finds them and ``from backoffice.models import PetReport`` works.
from .lost_found import PetReport as PetReport  # noqa: E402
from .lost_found import ReportPhoto as ReportPhoto  # noqa: E402
from .matching import MatchingSettings as MatchingSettings  # noqa: E402
from .matching import MatchStatus as MatchStatus  # noqa: E402
from .matching import ReportMatch as ReportMatch  # noqa: E402
