"""The visitor's IP address, for sign-in lockouts and rate limits.

Behind ``TRUSTED_PROXY_COUNT`` reverse proxies (each appending the address it saw to
``X-Forwarded-For``), the client is the address that many places from the end of that header; with
none (the default), it is the connection's own address. Anything before the trusted entries was
written by the client and is ignored, so a visitor cannot choose its own address.
"""

import ipaddress

from django.conf import settings


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_ip(request) -> str | None:
    """The address, or None when there is none that is valid (a request made in a test)."""
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies > 0:
        forwarded = [
            part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()
        ]
        if len(forwarded) >= proxies and (address := _valid(forwarded[-proxies])):
            return address
    return _valid(request.META.get("REMOTE_ADDR", "") or "")
