"""Every write to the outbox and the opt-outs (keyword-only; writes are atomic where they can be).

``message_queue`` records a message (queued, or suppressed with its reason): the outbox row is the
queue entry, and ``messages_wake`` has the background worker run ``messages_drain``, which hands
each due message to ``message_deliver``: it claims the message, sends it once, and records the
outcome. A retried task, a duplicate drain or a sweep never sends twice: only the one that moves
the message from queued to sending may send it.

Log lines name messages by id, never by address or number.
"""

import datetime
import logging
import threading
from collections.abc import Collection
from contextlib import nullcontext

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.message import make_msgid
from django.db import IntegrityError, transaction
from django.db.models import Case, Expression, F, Value, When
from django.db.models.lookups import Exact
from django.template.loader import render_to_string, select_template
from django.utils import timezone, translation

from .addresses import address_normalise
from .models import Message, OptOut
from .quiet_hours import is_quiet, next_allowed
from .redaction import secret_removed
from .safety import optout_exists, send_refusal_sql
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
    secret: str = "",
) -> Message:
    """Record a message to a person and queue it, or record why it may not go (suppressed).

    ``template`` names the templates, rendered now in ``language``: for an email
    ``<template>_subject.txt``, ``<template>.txt`` and ``<template>.html``; for a text
    ``<template>.sms.txt``. The facts (``confidential``, ``safe_channels``, ``consent``) are what
    the caller knows about the person; ``messaging.safety`` decides. ``suppress`` records a
    refusal the caller decided (a send limit). The same ``dedupe_key`` queues once.
    ``secret`` is what in the rendered message works only for the person (a private link): it
    is sent, and then (or at once, when the message may not go) replaced in the stored copy.

    The outbox row is the queue entry: one INSERT, which reads the opt-outs itself
    (``safety.send_refusal_sql``), and no task row of its own; the worker's drain
    (``messages_drain``) is woken at most once a second per process (``messages_wake``).
    """
    if dedupe_key:
        existing = Message.objects.filter(dedupe_key=dedupe_key).first()
        if existing is not None:
            return existing
    address = address_normalise(channel, recipient)
    if recipient and not address:
        refusal = Value(Suppression.BAD_ADDRESS)
    elif suppress:
        refusal = Value(suppress)
    else:
        refusal = send_refusal_sql(
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
        # Decided by the INSERT and read back with it (``DecidedAtInsertField``).
        status=Case(
            When(Exact(refusal, Value("")), then=Value(Status.QUEUED)),
            default=Value(Status.SUPPRESSED),
        ),
        reason=refusal,
        subject_ref=subject_ref,
        dedupe_key=dedupe_key or None,
        subject=subject,
        body=body,
        body_html=body_html,
        secret=secret,
        send_after=send_after,
        created_at=now,
        created_by=created_by,
    )
    # One statement, atomic by itself: outside a transaction it commits alone (no BEGIN, no
    # COMMIT of its own). Inside the caller's transaction a key that may clash gets a savepoint,
    # so a duplicate does not break the caller's transaction.
    guard = transaction.atomic() if dedupe_key and _in_transaction() else nullcontext()
    try:
        with guard:
            message.save()
    except IntegrityError:
        if dedupe_key:  # queued by someone else meanwhile
            return Message.objects.get(dedupe_key=dedupe_key)
        raise
    if isinstance(message.status, Expression):  # a database without RETURNING
        message.refresh_from_db(fields=["status", "reason"])
    if message.status == Status.QUEUED:
        messages_wake(at=message.send_after)
    else:
        logger.info("message %s suppressed: %s", message.pk, message.reason)
        _secret_forget(message)
    return message


def _secret_remove(message: Message) -> None:
    """The stored copy without its secret (``redaction``), once the message will not be sent
    again: sent, refused or failed."""
    if message.secret:
        for name in ("subject", "body", "body_html"):
            setattr(
                message,
                name,
                secret_removed(getattr(message, name), message.secret, message.language),
            )
        message.secret = ""


def _secret_forget(message: Message) -> None:
    """``_secret_remove``, saved (nothing is written when the message had no secret)."""
    if message.secret:
        _secret_remove(message)
        message.save(update_fields=["subject", "body", "body_html", "secret", "updated_at"])


def _in_transaction() -> bool:
    return transaction.get_connection(Message.objects.db).in_atomic_block


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


# The drain is woken for the next whole second after a message is due (or committed): every
# message a process queues within one second shares one task. The worker then waits at most this
# long plus its own polling interval before it sends.
WAKE_SECONDS = 1
_woken: set[tuple[str, int]] = set()  # (task backend, second) this process has woken, committed
_woken_lock = threading.Lock()


def messages_wake(*, at: datetime.datetime | None = None) -> None:
    """See that the worker drains the outbox once ``at`` (default: now) has passed.

    With a backend that can defer (the database one), it enqueues ``tasks.messages_drain`` to run
    at the next whole second after ``at``, or after the commit of the caller's transaction if
    that is later, unless this process already enqueued (and committed) the drain of that
    second: that drain starts after every message it was woken for was committed and due, so it
    finds them. A backend that cannot defer (the immediate one) drains now, and leaves a message
    that is not due yet for the sweep (``messages_send_due``, the ``send_due_messages`` command).
    """
    from .tasks import messages_drain

    at = at or timezone.now()
    backend = messages_drain.get_backend()
    if not backend.supports_defer:
        if at <= timezone.now():
            messages_drain.enqueue()
        return
    if _in_transaction():
        # Not before the commit: until then the drain could not see the message.
        transaction.on_commit(lambda: _wake_after(at, backend.alias))
    else:
        _wake_after(at, backend.alias)


def _wake_after(at: datetime.datetime, alias: str) -> None:
    # The message is committed already: a wake that fails must not fail the caller's request;
    # the message waits for the next wake or the sweep.
    try:
        _wake_once(at, alias)
    except Exception:
        logger.exception("waking the worker failed; send_due_messages will")


def _wake_once(at: datetime.datetime, alias: str) -> None:
    from .tasks import messages_drain

    now = timezone.now()
    second = int(max(at, now).timestamp()) // WAKE_SECONDS * WAKE_SECONDS + WAKE_SECONDS
    key = (alias, second)
    with _woken_lock:
        if key in _woken:
            return
    run_after = datetime.datetime.fromtimestamp(second, tz=datetime.UTC)
    messages_drain.using(run_after=run_after).enqueue()
    with _woken_lock:
        _woken.difference_update({k for k in _woken if k[1] < int(now.timestamp())})
        _woken.add(key)


def messages_drain(*, batch: int = 100) -> int:
    """What the worker runs when woken: send every queued message due when it starts, oldest due
    first, each through ``message_deliver`` (which claims it, so two drains, a retried drain or an
    old per-message task never send one twice). Returns how many were sent.

    A message that is put back (a provider error's back-off, the night hours) is due later than
    this drain's start, so it waits for the wake ``message_deliver`` asked for, not this loop.
    """
    start = timezone.now()
    sent = 0
    while True:
        due = list(
            Message.objects.filter(status=Status.QUEUED, send_after__lte=start)
            .order_by("send_after", "id")
            .values_list("pk", flat=True)[:batch]
        )
        for pk in due:
            sent += message_deliver(message_id=pk) == Status.SENT
        if len(due) < batch:
            return sent


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
        messages_wake(at=message.send_after)
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
    messages_wake(at=message.send_after)
    return message.status


def _finish(message: Message, *, status: str, reason: str) -> str:
    message.status, message.reason = status, reason
    _secret_remove(message)
    message.save(
        update_fields=[
            "status",
            "reason",
            "provider_id",
            "sent_at",
            "subject",
            "body",
            "body_html",
            "secret",
            "updated_at",
        ]
    )
    return status


def messages_send_due(*, now: datetime.datetime | None = None) -> int:
    """The sweep: wake the drain for every due message (a wake lost, a backend that cannot
    defer), and fail those left "sending" by a worker that stopped mid-send (never sent twice:
    they may have gone). Returns how many queued messages were due."""
    now = now or timezone.now()
    stale = now - datetime.timedelta(seconds=settings.MESSAGING_SENDING_TIMEOUT_SECONDS)
    Message.objects.filter(status=Status.SENDING, updated_at__lt=stale).update(
        status=Status.FAILED, reason="interrupted", updated_at=now
    )
    # Those may have gone: their secret leaves the stored copy as a sent one's does.
    for message in Message.objects.filter(status=Status.FAILED).exclude(secret=""):
        _secret_forget(message)
    due = Message.objects.filter(status=Status.QUEUED, send_after__lte=now).count()
    if due:
        messages_wake(at=now)
    return due


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


_EMPTY = {
    "recipient": "",
    "subject": "",
    "body": "",
    "body_html": "",
    "secret": "",
    "dedupe_key": None,
}


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
    stopped = Message.objects.filter(channel=channel, recipient=address, status=Status.QUEUED)
    for message in stopped.exclude(secret=""):
        _secret_forget(message)
    stopped.update(
        status=Status.SUPPRESSED, reason=Suppression.OPTED_OUT, updated_at=timezone.now()
    )
    return optout


def optout_remove(*, channel: str, address: str) -> bool:
    address = address_normalise(channel, address)
    deleted, _ = OptOut.objects.filter(channel=channel, address=address).delete()
    return bool(deleted)
