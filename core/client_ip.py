"""The visitor's IP address, for sign-in lockouts and rate limits.

Behind ``TRUSTED_PROXY_COUNT`` reverse proxies (each appending the address it saw to
``X-Forwarded-For``), the client is the address that many places from the end of that header; with
none (the default), it is the connection's own address. Anything before the trusted entries was
written by the client and is ignored, so a visitor cannot choose its own address.
"""

from django.conf import settings


def client_ip(request) -> str:
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "") or "unknown"
