"""How often one visitor (one IP address, ``core.client_ip``) may do a costly or public thing.

Counted in the shared cache by django-ratelimit, in fixed windows. A cache that fails lets the
request through (``RATELIMIT_FAIL_OPEN``): a limit is a defence, never the reason a page fails.
Rates are written as django-ratelimit reads them: ``"60/h"``, ``"10/m"``, ``"5/10m"``.
"""

from dataclasses import dataclass

from django_ratelimit.core import get_usage

from .client_ip import client_ip


@dataclass(frozen=True)
class Limited:
    retry_after: int  # seconds until the window ends


def _key(group, request) -> str:
    return client_ip(request) or "unknown"


def rate_limit_hit(request, *, group: str, rate: str, key: str = "") -> Limited | None:
    """Count one more of ``group`` for this visitor (or for ``key``: an address typed, say);
    ``Limited`` when it is over ``rate``."""
    counted = (lambda _group, _request: key) if key else _key
    usage = get_usage(request, group=group, key=counted, rate=rate, increment=True)
    if usage is None or not usage["should_limit"]:
        return None
    return Limited(retry_after=max(1, usage["time_left"]))
