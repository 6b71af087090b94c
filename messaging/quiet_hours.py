"""No texts in the person's night hours, read in the site's time zone (``TIME_ZONE``)."""

import datetime

from django.conf import settings
from django.utils import timezone


def _window() -> tuple[datetime.time, datetime.time]:
    return (
        datetime.time(settings.MESSAGING_QUIET_HOURS_START),
        datetime.time(settings.MESSAGING_QUIET_HOURS_END),
    )


def is_quiet(moment: datetime.datetime) -> bool:
    start, end = _window()
    local = timezone.localtime(moment).time()
    if start <= end:
        return start <= local < end
    return local >= start or local < end


def next_allowed(moment: datetime.datetime) -> datetime.datetime:
    """``moment`` itself outside the night hours, else when they end (local morning)."""
    if not is_quiet(moment):
        return moment
    _start, end = _window()
    local = timezone.localtime(moment)
    morning = local.replace(hour=end.hour, minute=end.minute, second=0, microsecond=0)
    if morning <= local:
        morning += datetime.timedelta(days=1)
        # Re-attach the zone, so a daylight-saving change overnight gives the local hour.
        morning = timezone.make_aware(morning.replace(tzinfo=None))
    return morning
