"""The fixed words of the outbox: channels, purposes, statuses and the reasons a message was held."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    EMAIL = "email", _("Email")
    SMS = "sms", _("Text message")


class Purpose(models.TextChoices):
    # The person asked for it a moment ago ("send me this list"): no consent to follow-up needed.
    REQUESTED = "requested", _("Asked for by the person")
    # The answer to a request the person has just made (the survey's confirmation).
    CONFIRMATION = "confirmation", _("Confirmation")
    # Follow-up contact: needs the person's consent.
    REMINDER = "reminder", _("Appointment reminder")
    CASE_MESSAGE = "case_message", _("Message from a case manager")
    ALERT = "alert", _("Lost-and-found alert")
    REPLY = "reply", _("Reply to a report the person sent")
    # To a member of staff, never to a client.
    STAFF = "staff", _("To staff")


# Contact the person did not ask for just now: sent only with their consent to follow-up.
FOLLOW_UP_PURPOSES = frozenset(
    {Purpose.REMINDER, Purpose.CASE_MESSAGE, Purpose.ALERT, Purpose.REPLY}
)


class Status(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    SUPPRESSED = "suppressed", _("Not sent")


class Suppression(models.TextChoices):
    """Why a message was not sent (``Message.reason`` of a suppressed one)."""

    NO_ADDRESS = "no_address", _("no address or number")
    BAD_ADDRESS = "bad_address", _("the address or number is not valid")
    OPTED_OUT = "opted_out", _("the person asked not to receive these")
    NOT_SAFE = "not_safe", _("confidential case: this channel is not marked safe")
    NO_CONSENT = "no_consent", _("the person has not agreed to follow-up messages")
    LIMIT = "limit", _("too many requests")
