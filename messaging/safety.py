"""The one safety rule: may this message go to this person on this channel for this purpose?

Messaging knows nothing of cases: the caller (the back office's ``backoffice/messages.py`` for a
case) supplies the facts it knows about the person. The rule, in order:

1. no usable address or number: nothing is sent;
2. opt-outs win: a person who said STOP (or asked not to be emailed) gets nothing on that channel,
   whatever the purpose;
3. a confidential case (for example domestic violence) gets nothing unless the person marked that
   channel safe;
4. follow-up contact (reminders, case messages, alerts) needs the person's consent to follow-up;
   what the person asked for a moment ago (``REQUESTED``, ``CONFIRMATION``) does not.

Messages to staff (``STAFF``) only pass 1 and 2. Texts never name the reason for contact: that is
kept by the text templates (``messaging/templates/.../*.sms.txt``), which say only who writes and
how to call back.
"""

from collections.abc import Collection

from django.db.models import Case, Exists, Expression, Value, When

from .models import OptOut
from .vocabulary import FOLLOW_UP_PURPOSES, Purpose, Suppression


def send_refusal(
    *,
    channel: str,
    recipient: str,
    purpose: str,
    confidential: bool = False,
    safe_channels: Collection[str] = (),
    consent: bool | None = None,
) -> str:
    """``""`` when the message may be sent, else the ``Suppression`` reason it may not.

    ``recipient`` is already normalised (``addresses.address_normalise``); ``""`` means there is
    none or it was not valid. ``consent`` is the person's consent to follow-up (``None``: never
    asked, which is not consent).
    """
    if not recipient:
        return Suppression.NO_ADDRESS
    if optout_exists(channel=channel, address=recipient):
        return Suppression.OPTED_OUT
    return _refusal_beside_optout(
        channel=channel,
        purpose=purpose,
        confidential=confidential,
        safe_channels=safe_channels,
        consent=consent,
    )


def send_refusal_sql(
    *,
    channel: str,
    recipient: str,
    purpose: str,
    confidential: bool = False,
    safe_channels: Collection[str] = (),
    consent: bool | None = None,
) -> Expression:
    """``send_refusal`` as an SQL expression, for the INSERT that records the message: the
    opt-out (rule 2) is read by that statement itself, so queuing is one round trip to the
    database and nothing can opt out between the check and the record. Same arguments, same
    order of the rules, same answers (``tests/messaging/test_safety.py`` checks both)."""
    if not recipient:
        return Value(Suppression.NO_ADDRESS)
    return Case(
        When(
            Exists(OptOut.objects.filter(channel=channel, address=recipient)),
            then=Value(Suppression.OPTED_OUT),
        ),
        default=Value(
            _refusal_beside_optout(
                channel=channel,
                purpose=purpose,
                confidential=confidential,
                safe_channels=safe_channels,
                consent=consent,
            )
        ),
    )


def _refusal_beside_optout(
    *,
    channel: str,
    purpose: str,
    confidential: bool,
    safe_channels: Collection[str],
    consent: bool | None,
) -> str:
    """Rules 3 and 4, for a usable address that has not opted out."""
    if purpose == Purpose.STAFF:
        return ""
    if confidential and channel not in safe_channels:
        return Suppression.NOT_SAFE
    if purpose in FOLLOW_UP_PURPOSES and consent is not True:
        return Suppression.NO_CONSENT
    return ""


def optout_exists(*, channel: str, address: str) -> bool:
    return OptOut.objects.filter(channel=channel, address=address).exists()
