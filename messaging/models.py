"""The outbox (every message to a person is a record) and the opt-outs.

Messaging knows nothing of cases: what a message belongs to is an opaque ``subject_ref`` that the
caller fills ("case:PS-2026-000123"), and what the caller knows about the person comes in as facts
to ``messaging.safety.send_refusal``.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .redaction import secret_removed
from .vocabulary import Channel, Purpose, Status, Suppression


class DecidedAtInsertField(models.CharField):
    """A text column whose value the INSERT may compute (an SQL expression: the safety rule reads
    the opt-outs in the statement that records the message), read back with ``RETURNING`` (both
    PostgreSQL and SQLite have it), so the saved instance holds the value, not the expression.

    Django reads back only the fields it marks ``db_returning`` (its own private attribute, which
    auto fields and database defaults use); ``message_queue`` refreshes the two fields itself if a
    database cannot return them. The column is a plain ``CharField``: migrations see one.
    """

    db_returning = True

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.CharField", args, kwargs


class Message(models.Model):
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    # An email address, or a phone number in E.164; emptied when the body is (retention).
    recipient = models.CharField(_("to"), max_length=254, blank=True)
    language = models.CharField(_("language"), max_length=10, default="en")
    template = models.CharField(_("template"), max_length=100)
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    status = DecidedAtInsertField(
        _("status"), max_length=12, choices=Status.choices, default=Status.QUEUED
    )
    # Why it was suppressed (a ``Suppression`` code) or why it failed (the error's kind, never
    # the recipient).
    reason = DecidedAtInsertField(_("reason"), max_length=200, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    provider_id = models.CharField(_("provider id"), max_length=200, blank=True)
    subject_ref = models.CharField(_("about"), max_length=100, blank=True, db_index=True)
    # The same key queues once (a reminder per person per day, a retried request).
    dedupe_key = models.CharField(max_length=200, null=True, blank=True, unique=True)
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    body = models.TextField(_("message"), blank=True)
    body_html = models.TextField(blank=True)
    # What in the body works only for the person (a private link): sent as it is, then replaced in
    # the stored copy by words saying so (``redaction``), so staff reading
    # the outbox never hold it. Empty once sent, refused or failed.
    secret = models.CharField(max_length=500, blank=True)
    send_after = models.DateTimeField(_("send after"), default=timezone.now)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    purged_at = models.DateTimeField(_("body deleted"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["status", "send_after"], name="msg_due"),
            models.Index(fields=["created_at"], name="msg_created"),
            models.Index(fields=["channel", "recipient"], name="msg_recipient"),
        ]

    def __str__(self):
        return f"{self.pk} {self.channel} {self.template} {self.status}"

    @property
    def body_shown(self) -> str:
        """The text as staff may read it: without the secret, even before it is sent."""
        return secret_removed(self.body, self.secret, self.language)

    # The case page lists messages on the timeline, beside its entries.
    outbox = True

    @property
    def reason_label(self) -> str:
        """Why it was not sent, in words; a failure's error kind as it was recorded."""
        if self.reason in Suppression.values:
            return Suppression(self.reason).label
        return self.reason


class OptOut(models.Model):
    """A person asked for no more messages on this channel at this address (STOP)."""

    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    address = models.CharField(_("address"), max_length=254)
    source = models.CharField(_("how"), max_length=40, blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("opt-out")
        verbose_name_plural = _("opt-outs")
        constraints = [
            models.UniqueConstraint(fields=["channel", "address"], name="msg_optout_unique")
        ]

    def __str__(self):
        return f"{self.channel} opt-out {self.pk}"
