"""Text-message backends: a small interface, like Django's email backends.

``SMS_BACKEND`` names the class: ``console`` (development: print), ``file`` (one file per text
under ``SMS_FILE_PATH``), ``locmem`` (tests and benchmarks: ``messaging.sms.outbox``) and
``twilio`` (the official ``twilio`` library, the ``sms`` extra; ``TWILIO_ACCOUNT_SID``,
``TWILIO_AUTH_TOKEN``, ``TWILIO_FROM``). A backend sends one text and answers the provider's id;
it also checks and reads the provider's inbound webhook (replies such as STOP).
"""

import hashlib
import hmac
import itertools
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string


class SmsError(Exception):
    """The provider refused or could not be reached; the send may be retried."""


@dataclass(frozen=True)
class Inbound:
    sender: str
    text: str


class BaseSmsBackend:
    def send(self, *, to: str, body: str) -> str:
        raise NotImplementedError

    def inbound_verify(self, request) -> bool:
        """Whether the webhook request really comes from the provider (signature checked).

        The development backends accept an HMAC-SHA256 of the raw body with ``SMS_WEBHOOK_SECRET``
        in ``X-Signature``; with no secret set they refuse every request.
        """
        secret = settings.SMS_WEBHOOK_SECRET
        if not secret:
            return False
        expected = hmac.new(secret.encode(), request.body, hashlib.sha256).hexdigest()
        return hmac.compare_digest(expected, request.headers.get("X-Signature", ""))

    def inbound_read(self, request) -> Inbound:
        return Inbound(sender=request.POST.get("From", ""), text=request.POST.get("Body", ""))

    def reply(self, text: str):
        """The webhook's answer body and content type (a reply text, or nothing)."""
        return text, "text/plain; charset=utf-8"


class ConsoleBackend(BaseSmsBackend):
    counter = itertools.count(1)

    def send(self, *, to: str, body: str) -> str:
        sys.stdout.write(f"--- text message to {to} ---\n{body}\n---\n")
        sys.stdout.flush()
        return f"console-{next(self.counter)}"


class FileBackend(BaseSmsBackend):
    def send(self, *, to: str, body: str) -> str:
        folder = Path(settings.SMS_FILE_PATH)
        folder.mkdir(parents=True, exist_ok=True)
        name = f"{timezone.now():%Y%m%d-%H%M%S-%f}.txt"
        (folder / name).write_text(f"To: {to}\n\n{body}\n", encoding="utf-8")
        return f"file-{name}"


# What the in-memory backend sent: ``[(to, body), ...]``. Tests empty it.
outbox: list[tuple[str, str]] = []
_lock = threading.Lock()


class LocMemBackend(BaseSmsBackend):
    def send(self, *, to: str, body: str) -> str:
        with _lock:
            outbox.append((to, body))
            return f"locmem-{len(outbox)}"


class TwilioBackend(BaseSmsBackend):
    """Twilio's Programmable Messaging through its official library (``pip install .[sms]``)."""

    def __init__(self):
        self.account_sid = settings.TWILIO_ACCOUNT_SID
        self.auth_token = settings.TWILIO_AUTH_TOKEN
        self.sender = settings.TWILIO_FROM

    def send(self, *, to: str, body: str) -> str:
        from twilio.base.exceptions import TwilioException
        from twilio.rest import Client

        client = Client(self.account_sid, self.auth_token)
        sender = (
            {"messaging_service_sid": self.sender}
            if self.sender.startswith("MG")
            else {"from_": self.sender}
        )
        try:
            message = client.messages.create(to=to, body=body, **sender)
        except TwilioException as exc:
            raise SmsError(type(exc).__name__) from exc
        return message.sid

    def inbound_verify(self, request) -> bool:
        from twilio.request_validator import RequestValidator

        if not self.auth_token:
            return False
        url = settings.SMS_WEBHOOK_URL or request.build_absolute_uri()
        signature = request.headers.get("X-Twilio-Signature", "")
        return RequestValidator(self.auth_token).validate(url, request.POST, signature)

    def reply(self, text: str):
        from twilio.twiml.messaging_response import MessagingResponse

        response = MessagingResponse()
        if text:
            response.message(text)
        return str(response), "text/xml; charset=utf-8"


BACKENDS = {
    "console": "messaging.sms.ConsoleBackend",
    "file": "messaging.sms.FileBackend",
    "locmem": "messaging.sms.LocMemBackend",
    "twilio": "messaging.sms.TwilioBackend",
}


def sms_backend() -> BaseSmsBackend:
    name = settings.SMS_BACKEND
    return import_string(BACKENDS.get(name, name))()
