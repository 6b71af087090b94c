"""The reporter's private link to a lost or found report: which report a token opens.

A token is ``secrets.token_urlsafe(32)`` (256 random bits), shown once to the reporter; only its
SHA-256 is stored (``PetReport.token_hash``, unique: one token opens one report), with an expiry
(``LOST_FOUND_LINK_DAYS``). A token of another report, an expired one, one replaced by a newer
link, or anything else typed into the address opens nothing. Issuing one is
``services.lost_found.report_link_issue``.

A match alert carries a link of its own that can only stop those alerts
(``alerts_stop_token``): signed, not stored, and useless for anything else, so a forwarded alert
gives nobody the report.
"""

import hashlib

from django.core import signing
from django.utils import timezone

from .models import PetReport

# token_urlsafe(32) is 43 characters; anything much longer is not a token (and is not hashed).
TOKEN_MAX_CHARS = 64


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def report_of_token(token: str) -> PetReport | None:
    """The report this private link's token opens, or None."""
    if not isinstance(token, str) or not 20 <= len(token) <= TOKEN_MAX_CHARS:
        return None
    return (
        PetReport.objects.select_related("case")
        .filter(token_hash=token_hash(token), token_expires_at__gt=timezone.now())
        .first()
    )


ALERTS_STOP_SALT = "backoffice.report_links.alerts_stop"
# An old alert's stop link still works for a long while (a year): stopping is always safe.
ALERTS_STOP_MAX_AGE = 366 * 24 * 3600


def alerts_stop_token(report: PetReport) -> str:
    """The token of the link in a match alert that turns this report's alerts off."""
    return signing.dumps(report.pk, salt=ALERTS_STOP_SALT)


def report_of_alerts_stop_token(token: str) -> PetReport | None:
    """The report whose alerts this stop link turns off, or None (altered, too old, unknown)."""
    if not isinstance(token, str) or len(token) > 200:
        return None
    try:
        pk = signing.loads(token, salt=ALERTS_STOP_SALT, max_age=ALERTS_STOP_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(pk, int):
        return None
    return PetReport.objects.select_related("case").filter(pk=pk).first()
