"""A message's secret (a private link) leaves the stored copy once the message has gone.

The person needs the link; staff reading the outbox must not hold a working one. The body is sent
as rendered, then ``secret_removed`` puts words in the person's language where the secret was.
"""

from django.utils import translation
from django.utils.translation import gettext_lazy as _

REMOVED = _("[private link: removed from this copy once sent]")


def secret_removed(text: str, secret: str, language: str) -> str:
    """``text`` with every occurrence of ``secret`` replaced by neutral words."""
    if not secret or not text:
        return text
    with translation.override(language):
        return text.replace(secret, str(REMOVED))
