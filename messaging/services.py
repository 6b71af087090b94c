"""Every write to the outbox and the opt-outs (keyword-only; writes are atomic where they can be).

``message_queue`` records a message (queued, or suppressed with its reason) and hands it to the
background worker; ``message_deliver`` is what the worker runs: it claims the message, sends it
once, and records the outcome. A retried task, a duplicate task or a sweep never sends twice: only
the one that moves the message from queued to sending may send it.

Log lines name messages by id, never by address or number.
"""

import datetime
import logging
from collections.abc import Collection

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.message import make_msgid
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string, select_template
from django.utils import timezone, translation

from .addresses import address_normalise
from .models import Message, OptOut
from .quiet_hours import is_quiet, next_allowed
from .safety import optout_exists, send_refusal
from .sms import sms_backend
from .vocabulary import Channel, Status, Suppression

logger = logging.getLogger(__name__)


def message_queue(
    *,
    channel: str,
    recipient: str,
    template: str,
    purpose: str,
    language: str,
    context: dict | None = None,
    subject_ref: str = "",
    confidential: bool = False,
    safe_channels: Collection[str] = (),
    consent: bool | None = None,
    send_after: datetime.datetime | None = None,
    dedupe_key: str | None = None,
    created_by=None,
    suppress: str = "",
) -> Message:
    """Record a message to a person and queue it, or record why it may not go (suppressed).

    ``template`` names the templates, rendered now in ``language``: for an email
    ``<template>_subject.txt``, ``<template>.txt`` and ``<template>.html``; for a text
    ``<template>.sms.txt``. The facts (``confidential``, ``safe_channels``, ``consent``) are what
    the caller knows about the person; ``messaging.safety.send_refusal`` decides. ``suppress``
    records a refusal the caller decided (a send limit). The same ``dedupe_key`` queues once.
    """
    if dedupe_key:
        existing = Message.objects.filter(dedupe_key=dedupe_key).first()
        if existing is not None:
            return existing
    address = address_normalise(channel, recipient)
    if recipient and not address:
        refusal = Suppression.BAD_ADDRESS
    else:
        refusal = suppress or send_refusal(
            channel=channel,
            recipient=address,
            purpose=purpose,
            confidential=confidential,
            safe_channels=safe_channels,
            consent=consent,
        )
    now = timezone.now()
    send_after = send_after or now
    if channel == Channel.SMS:
        send_after = next_allowed(send_after)
    subject, body, body_html = message_render(
        channel=channel, template=template, language=language, context=context or {}
    )
    message = Message(
        channel=channel,
        recipient=address,
        language=language,
        template=template,
        purpose=purpose,
        status=Status.SUPPRESSED if refusal else Status.QUEUED,
        reason=refusal,
        subject_ref=subject_ref,
        dedupe_key=dedupe_key or None,
        subject=subject,
        body=body,
        body_html=body_html,
        send_after=send_after,
        created_at=now,
        created_by=created_by,
    )
    try:
        # One transaction: with the database task backend the message and its task are committed
        # together (no message without its task, no task without its message), in one commit.
        with transaction.atomic():
            message.save()
            if not refusal:
                message_enqueue(message)
    except IntegrityError:
        if dedupe_key:  # queued by someone else meanwhile
            return Message.objects.get(dedupe_key=dedupe_key)
        raise
    if refusal:
        logger.info("message %s suppressed: %s", message.pk, refusal)
    return message


def message_render(
    *, channel: str, template: str, language: str, context: dict
) -> tuple[str, str, str]:
    """``(subject, text, html)`` in ``language``; a text message has only the text."""
    context = {
        "organisation_name": settings.ORGANISATION_NAME,
        "organisation_phone": settings.ORGANISATION_PHONE,
        "language": language,
        **context,
    }
    with translation.override(language):
        if channel == Channel.SMS:
            return "", render_to_string(f"{template}.sms.txt", context).strip(), ""
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        text = render_to_string(f"{template}.txt", context)
        html = select_template([f"{template}.html"]).render(context)
    return subject, text, html


def message_enqueue(message: Message) -> None:
    """Hand the message to the background worker, to run at ``send_after``.

    A backend that cannot defer (the immediate one) leaves a message that is not due yet for the
    sweep (``messages_send_due``, the ``send_due_messages`` command).
    """
    from .tasks import message_send

    task = message_send
    if message.send_after > timezone.now():
        if not task.get_backend().supports_defer:
            return
        task = task.using(run_after=message.send_after)
    task.enqueue(message.pk)


def message_deliver(*, message_id: int) -> str:
    """Send a queued, due message once; answer its status afterwards.

    The claim (queued → sending) commits before the provider is called, so a second task for
    the same message finds nothing to do. An opt-out that arrived after queuing still wins; a
    text that falls in the night waits for the morning. A provider error is retried with
    back-off up to ``MESSAGING_MAX_ATTEMPTS``, then the message is failed with the error's kind.
    """
    now = timezone.now()
    claimed = Message.objects.filter(
        pk=message_id, status=Status.QUEUED, send_after__lte=now
    ).update(status=Status.SENDING, attempts=F("attempts") + 1, updated_at=now)
    if not claimed:
        return Message.objects.filter(pk=message_id).values_list("status", flat=True).first() or ""
    message = Message.objects.get(pk=message_id)
    if optout_exists(channel=message.channel, address=message.recipient):
        return _finish(message, status=Status.SUPPRESSED, reason=Suppression.OPTED_OUT)
    if message.channel == Channel.SMS and is_quiet(now):
        message.status, message.send_after = Status.QUEUED, next_allowed(now)
        message.attempts -= 1
        message.save(update_fields=["status", "send_after", "attempts", "updated_at"])
        message_enqueue(message)
        return message.status
    try:
        provider_id = _send(message)
    except Exception as exc:  # noqa: BLE001 - any provider error is retried, then recorded
        return _retry_or_fail(message, exc)
    message.provider_id, message.sent_at = provider_id[:200], timezone.now()
    return _finish(message, status=Status.SENT, reason="")


def _send(message: Message) -> str:
    if message.channel == Channel.SMS:
        return sms_backend().send(to=message.recipient, body=message.body)
    message_id = make_msgid(domain=settings.MESSAGING_MESSAGE_ID_DOMAIN)
    email = EmailMultiAlternatives(
        message.subject, message.body, to=[message.recipient], headers={"Message-ID": message_id}
    )
    if message.body_html:
        email.attach_alternative(message.body_html, "text/html")
    email.send()
    return message_id


def _retry_or_fail(message: Message, exc: Exception) -> str:
    kind = type(exc).__name__
    if message.attempts >= settings.MESSAGING_MAX_ATTEMPTS:
        logger.warning(
            "message %s failed after %s attempts: %s", message.pk, message.attempts, kind
        )
        return _finish(message, status=Status.FAILED, reason=kind)
    delay = settings.MESSAGING_RETRY_SECONDS * 4 ** (message.attempts - 1)
    logger.info(
        "message %s attempt %s failed (%s), retry in %ss", message.pk, message.attempts, kind, delay
    )
    message.status, message.reason = Status.QUEUED, kind
    message.send_after = timezone.now() + datetime.timedelta(seconds=delay)
    message.save(update_fields=["status", "reason", "send_after", "updated_at"])
    message_enqueue(message)
    return message.status


def _finish(message: Message, *, status: str, reason: str) -> str:
    message.status, message.reason = status, reason
    message.save(update_fields=["status", "reason", "provider_id", "sent_at", "updated_at"])
    return status


def messages_send_due(*, now: datetime.datetime | None = None) -> int:
    """The sweep: queue again every due message (a task lost, a backend that cannot defer), and
    fail those left "sending" by a worker that stopped mid-send (never sent twice: they may have
    gone). Returns how many were queued again."""
    now = now or timezone.now()
    stale = now - datetime.timedelta(seconds=settings.MESSAGING_SENDING_TIMEOUT_SECONDS)
    Message.objects.filter(status=Status.SENDING, updated_at__lt=stale).update(
        status=Status.FAILED, reason="interrupted", updated_at=now
    )
    due = list(
        Message.objects.filter(status=Status.QUEUED, send_after__lte=now).values_list(
            "pk", flat=True
        )
    )
    from .tasks import message_send

    for pk in due:
        message_send.enqueue(pk)
    return len(due)


def messages_purge(*, now: datetime.datetime | None = None) -> int:
    """Delete the bodies and addresses of messages older than ``MESSAGING_RETENTION_DAYS``
    (what was sent, to whom): the record of a message (channel, template, status) stays."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.MESSAGING_RETENTION_DAYS)
    return (
        Message.objects.filter(created_at__lt=cutoff, purged_at__isnull=True)
        .exclude(status__in=[Status.QUEUED, Status.SENDING])
        .update(**_EMPTY, purged_at=now, updated_at=now)
    )


_EMPTY = {"recipient": "", "subject": "", "body": "", "body_html": "", "dedupe_key": None}


def messages_anonymize(*, subject_refs: Collection[str]) -> int:
    """Empty the messages that belong to these records (an anonymised case); a queued one is
    dropped (suppressed) rather than sent to someone no longer known."""
    now = timezone.now()
    messages = Message.objects.filter(subject_ref__in=list(subject_refs))
    messages.filter(status__in=[Status.QUEUED]).update(
        status=Status.SUPPRESSED, reason=Suppression.NO_ADDRESS
    )
    return messages.update(**_EMPTY, purged_at=now, updated_at=now)


@transaction.atomic
def optout_record(*, channel: str, address: str, source: str = "") -> OptOut | None:
    address = address_normalise(channel, address)
    if not address:
        return None
    optout, _created = OptOut.objects.get_or_create(
        channel=channel, address=address, defaults={"source": source}
    )
    Message.objects.filter(channel=channel, recipient=address, status=Status.QUEUED).update(
        status=Status.SUPPRESSED, reason=Suppression.OPTED_OUT, updated_at=timezone.now()
    )
    return optout


def optout_remove(*, channel: str, address: str) -> bool:
    address = address_normalise(channel, address)
    deleted, _ = OptOut.objects.filter(channel=channel, address=address).delete()
    return bool(deleted)
