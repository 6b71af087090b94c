"""Who may be sent what about a case, and the messages staff send from the case page.

The rule's facts live here: a case is confidential or not, the person marked some channels safe,
and agreed (or not) to follow-up messages. ``messaging.safety.send_refusal`` decides with them;
``messaging`` itself knows nothing of cases. Every message about a case carries the case's
``subject_ref``, so the case page shows its outbox on the timeline.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from messaging.addresses import address_normalise
from messaging.limits import limit_take
from messaging.models import Message, OptOut
from messaging.services import message_queue
from messaging.vocabulary import Channel, Purpose, Suppression

from .audit import audit_record
from .board import contact_details_removed
from .models import AuditAction, Case
from .services import PersonDetails
from .services.timeline import case_touch
from .vocabulary import ContactMethod

# A text says who writes and how to call back, never why (``messaging/callback.sms.txt``).
TEXT_TEMPLATE = "messaging/callback"
EMAIL_TEMPLATE = "messaging/personal"
REMINDER_TEMPLATE = "messaging/reminder"
BOARD_TEMPLATE = "backoffice/messages/board_message"
# Visitors' messages forwarded to one reporter in a day; past it they are recorded, not sent
# (staff still read every one on the case's timeline).
BOARD_FORWARDS_PER_DAY = 5


# Texts a case manager may start an email from, in the person's language (``case_message_start``).
STARTERS = {
    "checkin": (
        gettext_lazy("Check in"),
        gettext_lazy(
            "Hello, we are checking in to see how you and your pet are doing. If you need "
            "anything, reply to this email or call us."
        ),
    ),
    "callback": (
        gettext_lazy("Please call us"),
        gettext_lazy("Hello, we tried to reach you. Please call us when it suits you."),
    ),
    "documents": (
        gettext_lazy("Bring papers"),
        gettext_lazy(
            "Hello, for your next appointment please bring your pet's vaccination records, if "
            "you have them. If you do not, come anyway: we will help."
        ),
    ),
}


def case_message_start(*, case: Case, start: str) -> str:
    """The starting text named ``start``, in the person's language ("" when there is none)."""
    if start not in STARTERS:
        return ""
    with translation.override(case.person.preferred_language):
        return str(STARTERS[start][1])


def case_timeline_with_messages(*, case: Case, entries: list) -> list:
    """The case's timeline entries and its outbox, newest first (what happened last is what a
    case manager picking the case up needs first)."""
    return sorted(
        [*entries, *case_messages(case=case)],
        key=lambda item: (item.created_at, item.pk),
        reverse=True,
    )


def case_subject_ref(reference: str) -> str:
    """What the outbox records a message about this case as (``Message.subject_ref``)."""
    return f"case:{reference}"


def case_message_facts(case: Case) -> dict:
    """What ``send_refusal`` needs to know about the person of this case."""
    person = case.person
    safe = {Channel.SMS} if person.safe_to_text else set()
    if person.safe_to_email:
        safe.add(Channel.EMAIL)
    return {
        "confidential": case.confidential,
        "safe_channels": safe,
        "consent": person.message_consent,
    }


def case_recipient(case: Case, channel: str) -> str:
    return case.person.phone if channel == Channel.SMS else case.person.email


def case_message_send(*, case: Case, actor, channel: str, body: str = "") -> Message:
    """A message from the case manager to the person, in the person's language.

    An email carries what the case manager wrote; a text is always the call-back text (a text
    never names the reason for contact). Refused ones are recorded, suppressed, with the reason.
    """
    if channel == Channel.EMAIL and not body.strip():
        raise ValidationError({"body": [_("Write the message.")]})
    message = message_queue(
        channel=channel,
        recipient=case_recipient(case, channel),
        template=TEXT_TEMPLATE if channel == Channel.SMS else EMAIL_TEMPLATE,
        purpose=Purpose.CASE_MESSAGE,
        language=case.person.preferred_language,
        context={"body": body.strip()},
        subject_ref=case_subject_ref(case.reference),
        created_by=actor,
        **case_message_facts(case),
    )
    _record(case, actor, "case_message_send", message)
    return message


def case_reminder_schedule(
    *, case: Case, actor, channel: str, appointment: datetime.datetime, what: str = ""
) -> Message:
    """An appointment reminder to the person, sent the day before at this hour (or at once when
    that has passed). The email may say what the appointment is; the text never does."""
    if appointment <= timezone.now():
        raise ValidationError({"appointment": [_("Choose a time in the future.")]})
    language = case.person.preferred_language
    with translation.override(language):
        local = timezone.localtime(appointment)
        # The 24-hour clock reads the same in every language and ends no sentence with "a.m.".
        when = f"{formats.date_format(local, 'DATE_FORMAT')} {formats.time_format(local, 'H:i')}"
    message = message_queue(
        channel=channel,
        recipient=case_recipient(case, channel),
        template=REMINDER_TEMPLATE,
        purpose=Purpose.REMINDER,
        language=language,
        context={"when": when, "what": what.strip() if channel == Channel.EMAIL else ""},
        subject_ref=case_subject_ref(case.reference),
        send_after=max(appointment - datetime.timedelta(days=1), timezone.now()),
        created_by=actor,
        **case_message_facts(case),
    )
    _record(case, actor, "case_reminder_schedule", message)
    return message


def _record(case, actor, operation, message):
    case_touch(case)
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        operation=operation,
        case=case,
        detail={"message": message.pk, "status": message.status},
    )


def case_messages(*, case: Case) -> list[Message]:
    return list(
        Message.objects.filter(subject_ref=case_subject_ref(case.reference))
        .select_related("created_by")
        .order_by("created_at", "id")
    )


def case_optouts(*, case: Case) -> list[OptOut]:
    """The person's opt-outs (a STOP reply to a text, for instance), for the case page."""
    addresses = [
        (channel, address)
        for channel in (Channel.SMS, Channel.EMAIL)
        if (address := address_normalise(channel, case_recipient(case, channel)))
    ]
    if not addresses:
        return []
    either = Q()
    for channel, address in addresses:
        either |= Q(channel=channel, address=address)
    return list(OptOut.objects.filter(either).order_by("created_at"))


def case_confirmation_send(
    *, case: Case, details: PersonDetails, template: str, context: dict
) -> Message | None:
    """The confirmation of a request the person has just made (the survey's), in their language,
    to the contact they gave with it (``details``: what they typed, which a record the case was
    linked to may not hold): email when they gave one, unless they prefer texts; else a text.

    Nothing at all is queued or recorded for a confidential case (someone else may read the
    person's messages), without a contact, or when they did not agree to be contacted; otherwise
    ``send_refusal`` still decides (opt-outs). Once per case: a double submit sends one.
    """
    if details.email and not (details.contact_method == ContactMethod.TEXT and details.phone):
        channel, recipient = Channel.EMAIL, details.email
    elif details.phone:
        channel, recipient = Channel.SMS, details.phone
    else:
        return None
    if case.confidential or details.message_consent is not True:
        return None
    return message_queue(
        channel=channel,
        recipient=recipient,
        template=template,
        purpose=Purpose.CONFIRMATION,
        language=case.language,
        context={"reference": case.reference, **context},
        subject_ref=case_subject_ref(case.reference),
        dedupe_key=f"case-confirmation:{case.reference}",
        consent=True,
    )


def board_message_forward(*, case: Case, about: str, message: str) -> Message | None:
    """A visitor's message about the person's report on the lost and found board, to the
    reporter: an email with what the visitor wrote, phone numbers and addresses in it taken out
    (``board.contact_details_removed``: the visitor's contact details stay with staff), or, to a
    person with no email or who prefers texts, the call-back text (a text never says why).

    A follow-up message (``Purpose.ALERT``): sent only with the person's consent, on a channel
    marked safe for a confidential case, never after an opt-out (``send_refusal``). Nothing when
    the person has neither email nor phone; past ``BOARD_FORWARDS_PER_DAY`` in a day, recorded
    as suppressed.
    """
    person = case.person
    if person.email and not (person.contact_method == ContactMethod.TEXT and person.phone):
        channel = Channel.EMAIL
    elif person.phone:
        channel = Channel.SMS
    else:
        return None
    within = limit_take(
        scope="board-forward", value=case.reference, limit=BOARD_FORWARDS_PER_DAY, seconds=86400
    )
    return message_queue(
        channel=channel,
        recipient=case_recipient(case, channel),
        template=BOARD_TEMPLATE if channel == Channel.EMAIL else TEXT_TEMPLATE,
        purpose=Purpose.ALERT,
        language=person.preferred_language,
        context={
            "reference": case.reference,
            "about": about,
            "body": contact_details_removed(message),
        },
        subject_ref=case_subject_ref(case.reference),
        suppress="" if within else Suppression.LIMIT,
        **case_message_facts(case),
    )
