"""The reporter's private link to a lost or found report: which report a token opens.

A token is ``secrets.token_urlsafe(32)`` (256 random bits), shown once to the reporter; only its
SHA-256 is stored (``PetReport.token_hash``, unique: one token opens one report), with an expiry
(``LOST_FOUND_LINK_DAYS``). A token of another report, an expired one, one replaced by a newer
link, or anything else typed into the address opens nothing. Issuing one is
``services.lost_found.report_link_issue``.
"""

import hashlib

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
