"""Opening hours: open now or not, opening periods, "open now" in SQL, weekly schedules, closures.

Times are local to the site (``TIME_ZONE``). A weekly period whose closing time is at or before
its opening time runs past midnight; 23:59 means the end of the day. A temporary closure covers
whole days and overrides the weekly hours; a listing marked temporarily closed is never open.
``open_state`` (one listing, in Python) and ``open_now_q`` (many, in SQL) apply the same rule.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone

from .models import Closure, Location, OpeningHours, Resource
from .vocabulary import Status

# Up to this many listings open now are passed to the listing query as ids (night); more, and
# each listing read is checked with a subquery instead (day).
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


def _end_of_period(day: date, opens: time, closes: time) -> datetime:
    """Closing moment of a period opening on ``day``; closing at or before opening runs past
    midnight, and 23:59 means the end of the day."""
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
                        datetime.combine(day, period.opens_at),
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


def open_now_q(now: datetime) -> Q:
    """Resources open at ``now``, in SQL: the same rule as ``open_state``."""
    local = timezone.localtime(now)
    today, moment = local.date(), local.time().replace(microsecond=0)
    yesterday = today - timedelta(days=1)

    def closed_on(day):
        return Exists(
            Closure.objects.filter(
                resource_id=OuterRef("resource_id"), start_date__lte=day, end_date__gte=day
            )
        )

    started_today = Q(weekday=today.weekday(), opens_at__lte=moment) & (
        Q(closes_at__gt=moment) | Q(closes_at__lte=F("opens_at")) | Q(closes_at=time(23, 59))
    )
    started_yesterday = Q(weekday=yesterday.weekday(), overnight=True, closes_at__gt=moment)
    running = [
        OpeningHours.objects.filter(started_today & ~Q(closed_on(today))),
        OpeningHours.objects.filter(started_yesterday & ~Q(closed_on(yesterday))),
    ]
    # Few places are open at night: then the list of them is short and goes in as ids, which
    # every database reads fastest; in the day most are, and subqueries are the cheaper plan.
    few = set()
    for periods in running:
        # No DISTINCT: it would make the database walk every period in resource order.
        few.update(periods.order_by().values_list("resource_id", flat=True)[: OPEN_NOW_IDS + 1])
        if len(few) > OPEN_NOW_IDS:
            # Many are open: checking each listing read (in name order) is cheapest.
            first, second = (
                Exists(periods.filter(resource_id=OuterRef("pk"))) for periods in running
            )
            return Q(status=Status.ACTIVE) & (Q(first) | Q(second))
    return Q(status=Status.ACTIVE, pk__in=sorted(few))


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
