"""Where a message can go: phone numbers in E.164 (``phonenumbers``), email addresses checked.

Digits typed in any script (Arabic-Indic, full-width...) are read as digits by ``phonenumbers``.
"""

import phonenumbers
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from .vocabulary import Channel


def phone_e164(raw: str, *, region: str | None = None) -> str:
    """The number in E.164 (``+15035550142``), or ``""`` when it is not a possible number."""
    if not raw or not raw.strip():
        return ""
    try:
        number = phonenumbers.parse(raw, region or settings.PHONE_REGION)
    except phonenumbers.NumberParseException:
        return ""
    if not phonenumbers.is_valid_number(number):
        return ""
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def email_normalise(raw: str) -> str:
    """The address with its domain in lower case, or ``""`` when it is not an address."""
    value = (raw or "").strip()
    try:
        validate_email(value)
    except ValidationError:
        return ""
    local, _at, domain = value.rpartition("@")
    return f"{local}@{domain.lower()}"


def address_normalise(channel: str, raw: str) -> str:
    return phone_e164(raw) if channel == Channel.SMS else email_normalise(raw)


def address_masked(address: str) -> str:
    """For staff screens and logs that must not show it: ``+1•••••••42``, ``r•••@example.org``."""
    if not address:
        return ""
    if "@" in address:
        local, _at, domain = address.partition("@")
        return f"{local[:1]}•••@{domain}"
    return f"{address[:2]}•••••••{address[-2:]}"
