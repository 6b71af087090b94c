"""Opening hours: open now or not, opening periods, "open now" in SQL, weekly schedules, closures.

Times are local to the site (``TIME_ZONE``) and count to the minute (seconds are ignored). A
weekly period whose closing time is at or before its opening time runs past midnight; 23:59 means
the end of the day. A temporary closure covers whole days and overrides the weekly hours of the
periods that start on them (a closure on Friday closes Friday night's period after midnight too);
a listing marked temporarily closed is never open. ``open_state`` (one listing, in Python) and
``open_now_q`` (many, in SQL, on the minute-of-week columns the database derives from the times:
``OpeningHours.week_opens``, ``week_closes``, ``past_midnight``) apply the same rule.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from .models import MINUTES_PER_DAY, Closure, Location, OpeningHours, Resource
from .vocabulary import Status

# Up to this many listings open now are passed to the listing query as ids (night); more, and
# each listing read is checked with one indexed subquery instead (day).
OPEN_NOW_IDS = 2000


@dataclass(frozen=True)
class OpenState:
    """Whether a resource is open at a moment, and until when (or from when)."""

    OPEN = "open"
    CLOSED = "closed"
    TEMPORARILY_CLOSED = "temporarily_closed"
    UNKNOWN = "unknown"

    state: str
    until: datetime | None = None  # open: closing time; closed: next opening; else None
    always: bool = False  # open around the clock

    @property
    def is_open(self) -> bool:
        return self.state == self.OPEN

    def seconds_valid(self, now: datetime) -> int | None:
        """How long this answer stays true from ``now`` (None: until something is edited)."""
        if self.until is None or self.always:
            return None
        return max(0, int((self.until - now).total_seconds()))


def _minute(value: time) -> time:
    return value.replace(second=0, microsecond=0)


def _end_of_period(day: date, opens: time, closes: time) -> datetime:
    """Closing moment of a period opening on ``day``; closing at or before opening runs past
    midnight, and 23:59 means the end of the day (to the minute)."""
    opens, closes = _minute(opens), _minute(closes)
    if closes == time(23, 59):
        return datetime.combine(day + timedelta(days=1), time(0))
    if closes <= opens:
        return datetime.combine(day + timedelta(days=1), closes)
    return datetime.combine(day, closes)


def _is_closed_on(day: date, closures) -> bool:
    return any(closure.start_date <= day <= closure.end_date for closure in closures)


def opening_periods(hours, closures, *, start: date, days: int) -> list[tuple[datetime, datetime]]:
    """Naive local (opens, closes) intervals of the periods that start on ``start`` and the
    ``days - 1`` days after it, skipping closure days; touching intervals are merged."""
    intervals = []
    for offset in range(days):
        day = start + timedelta(days=offset)
        if _is_closed_on(day, closures):
            continue
        for period in hours:
            if period.weekday == day.weekday():
                intervals.append(
                    (
                        datetime.combine(day, _minute(period.opens_at)),
                        _end_of_period(day, period.opens_at, period.closes_at),
                    )
                )
    intervals.sort()
    merged: list[tuple[datetime, datetime]] = []
    for opens, closes in intervals:
        if merged and opens <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], closes))
        else:
            merged.append((opens, closes))
    return merged


def open_state(resource: Resource, *, now: datetime | None = None) -> OpenState:
    """Open now? Computed in the site's time zone from the resource's weekly hours and
    closures (prefetched, for listings)."""
    if resource.status == Status.TEMPORARILY_CLOSED:
        return OpenState(OpenState.TEMPORARILY_CLOSED)
    hours = list(resource.opening_hours.all())
    if not hours:
        return OpenState(OpenState.UNKNOWN)
    closures = list(resource.closures.all())
    now = timezone.localtime(now)
    local_now = now.replace(tzinfo=None)
    # From yesterday (a period running past midnight) to a week ahead (the next opening).
    periods = opening_periods(hours, closures, start=local_now.date() - timedelta(days=1), days=9)
    tz = timezone.get_current_timezone()
    for opens, closes in periods:
        if opens <= local_now < closes:
            always = closes - local_now > timedelta(days=6)
            return OpenState(OpenState.OPEN, timezone.make_aware(closes, tz), always=always)
        if opens > local_now:
            return OpenState(OpenState.CLOSED, timezone.make_aware(opens, tz))
    return OpenState(OpenState.CLOSED)


def minute_of_week(moment: datetime) -> int:
    """Minutes since Monday 00:00 of the week of ``moment``, in the site's time zone."""
    local = timezone.localtime(moment)
    return local.weekday() * MINUTES_PER_DAY + local.hour * 60 + local.minute


def _running(now: datetime) -> tuple[tuple[date, Q], tuple[date, Q]]:
    """The periods running at ``now``, as conditions on ``OpeningHours``, with the day each
    started: those that opened today before now and close after it, and those of yesterday
    that run past midnight and close after now (past Sunday night: the week's minutes go on)."""
    local = timezone.localtime(now)
    today = local.date()
    yesterday = today - timedelta(days=1)
    minute = minute_of_week(local)
    start_of_today = today.weekday() * MINUTES_PER_DAY
    # Now, counted from the start of yesterday's week day: a Sunday period runs past 10080.
    after_yesterday = yesterday.weekday() * MINUTES_PER_DAY + MINUTES_PER_DAY
    minute_for_yesterday = after_yesterday + (minute - start_of_today)
    return (
        (today, Q(week_opens__gte=start_of_today, week_opens__lte=minute, week_closes__gt=minute)),
        (
            yesterday,
            Q(
                past_midnight=True,
                weekday=yesterday.weekday(),
                week_closes__gt=minute_for_yesterday,
            ),
        ),
    )


def _not_closed_on(day: date) -> Q:
    """Periods whose listing has no closure on ``day``."""
    return ~Q(
        Exists(
            Closure.objects.filter(
                resource_id=OuterRef("resource_id"), start_date__lte=day, end_date__gte=day
            )
        )
    )


def open_status_q(path: str = "") -> Q:
    """Listings whose status lets them be open at all (one temporarily closed never is), as a
    condition on resources, or through ``path`` on a model that copies it (``CategoryListing``)."""
    return Q(**{f"{path}status": Status.ACTIVE})


def open_now_q(now: datetime) -> Q:
    """Resources open at ``now``, in SQL: the same rule as ``open_state``."""
    running = _running(now)
    # Few places are open at night: then the list of them is short and goes in as ids, which
    # every database reads fastest; in the day most are, and one indexed subquery per listing
    # read (in name order, up to a page and the count) is the cheaper plan.
    started = {}
    for day, periods in running:
        # No DISTINCT: it would make the database walk every period in resource order.
        ids = OpeningHours.objects.filter(periods).order_by().values_list("resource_id", flat=True)
        started[day] = set(ids[: OPEN_NOW_IDS + 1])
        if len(set().union(*started.values())) > OPEN_NOW_IDS:
            open_periods = OpeningHours.objects.filter(
                Q(*(periods & _not_closed_on(day) for day, periods in running), _connector=Q.OR),
                resource_id=OuterRef("pk"),
            )
            return open_status_q() & Q(Exists(open_periods))
    closed = Closure.objects.filter(
        resource_id__in=set().union(*started.values()),
        start_date__lte=max(started),
        end_date__gte=min(started),
    ).values_list("resource_id", "start_date", "end_date")
    shut = {(pk, day) for pk, first, last in closed for day in started if first <= day <= last}
    ids = {pk for day, pks in started.items() for pk in pks if (pk, day) not in shut}
    return open_status_q() & Q(pk__in=sorted(ids))


@dataclass(frozen=True)
class DaySchedule:
    weekday: int
    periods: list[tuple[time, time]]
    is_today: bool


def weekly_schedule(hours, *, today: date | None = None) -> list[DaySchedule]:
    """Seven days, Monday first, each with its (opens, closes) periods in order."""
    today = today or timezone.localdate()
    days = []
    for weekday in range(7):
        periods = sorted((h.opens_at, h.closes_at) for h in hours if h.weekday == weekday)
        days.append(DaySchedule(weekday, periods, weekday == today.weekday()))
    return days


def schedules_by_location(resource: Resource, locations) -> list[tuple[Location | None, list]]:
    """The weekly schedules to show: one for every location with hours of its own, and one for
    the hours that apply everywhere. Hours of a location that may not be shown (not among
    ``locations``, see ``directory.confidential``) are shown as general hours, without the
    location."""
    shown = {location.pk for location in locations}
    general, by_location = [], {}
    for period in resource.opening_hours.all():
        if period.location_id in shown:
            by_location.setdefault(period.location_id, []).append(period)
        else:
            general.append(period)
    result = []
    if general:
        result.append((None, weekly_schedule(general)))
    for location in locations:
        if location.pk in by_location:
            result.append((location, weekly_schedule(by_location[location.pk])))
    return result


def closures_upcoming(resource: Resource, *, today: date | None = None, days: int = 60) -> list:
    """Temporary closures running now or starting within ``days``."""
    today = today or timezone.localdate()
    horizon = today + timedelta(days=days)
    return [c for c in resource.closures.all() if c.end_date >= today and c.start_date <= horizon]
