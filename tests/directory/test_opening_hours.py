"""Open now", in the site's time zone: across midnight, around the clock, during closures; and the
SQL filter of the listings agrees with the badge."""

from datetime import date, datetime, timedelta
from datetime import time as time_

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from directory import hours as hours_module
from directory.factories import OrganizationFactory, ResourceFactory, hours
from directory.hours import OpenState, open_state
from directory.models import Closure, OpeningHours, Resource
from directory.selectors.listings import ListingFilters, resources_filtered, resources_listed
from directory.vocabulary import Status

pytestmark = pytest.mark.django_db

# 2026-11-30 is a Monday (weekday 0).
MONDAY = date(2026, 11, 30)


def at(day_offset, hh, mm=0):
    naive = datetime.combine(MONDAY + timedelta(days=day_offset), datetime.min.time()).replace(
        hour=hh, minute=mm
    )
    return timezone.make_aware(naive)


@pytest.fixture
def office():
    resource = ResourceFactory()
    for weekday in range(5):
        hours(resource, weekday, "09:00", "17:00")
    return resource


@pytest.fixture
def night_clinic():
    """Friday and Saturday nights, 22:00 to 02:00."""
    resource = ResourceFactory()
    hours(resource, 4, "22:00", "02:00")
    hours(resource, 5, "22:00", "02:00")
    return resource


def test_open_during_hours_until_closing(office):
    state = open_state(office, now=at(0, 10))
    assert state.is_open
    assert timezone.localtime(state.until) == at(0, 17)


def test_closed_in_the_evening_opens_next_morning(office):
    state = open_state(office, now=at(0, 18))
    assert state.state == OpenState.CLOSED
    assert timezone.localtime(state.until) == at(1, 9)


def test_closed_at_the_weekend_opens_on_monday(office):
    state = open_state(office, now=at(5, 12))  # Saturday noon
    assert not state.is_open
    assert timezone.localtime(state.until) == at(7, 9)


def test_period_past_midnight_is_open_the_next_morning(night_clinic):
    assert open_state(night_clinic, now=at(4, 23)).is_open  # Friday 23:00
    after_midnight = open_state(night_clinic, now=at(5, 1, 30))  # Saturday 01:30
    assert after_midnight.is_open
    assert timezone.localtime(after_midnight.until) == at(5, 2)
    assert not open_state(night_clinic, now=at(5, 2, 30)).is_open
    assert not open_state(night_clinic, now=at(4, 1)).is_open  # Thursday night: not open


def test_around_the_clock_says_so():
    resource = ResourceFactory()
    for weekday in range(7):
        hours(resource, weekday, "00:00", "23:59")
    state = open_state(resource, now=at(2, 3))
    assert state.is_open and state.always


def test_closure_overrides_the_weekly_hours(office):
    Closure.objects.create(resource=office, start_date=MONDAY, end_date=MONDAY, reason_en="Holiday")
    state = open_state(office, now=at(0, 10))
    assert not state.is_open
    assert timezone.localtime(state.until) == at(1, 9)  # opens again on Tuesday


def test_closure_on_the_night_a_period_starts_closes_it_after_midnight(night_clinic):
    friday = MONDAY + timedelta(days=4)
    Closure.objects.create(resource=night_clinic, start_date=friday, end_date=friday)
    assert not open_state(night_clinic, now=at(5, 1)).is_open


def test_temporarily_closed_listing_is_never_open(office):
    office.status = Status.TEMPORARILY_CLOSED
    office.save()
    assert open_state(office, now=at(0, 10)).state == OpenState.TEMPORARILY_CLOSED


def test_no_hours_means_unknown():
    assert open_state(ResourceFactory(), now=at(0, 10)).state == OpenState.UNKNOWN


@pytest.mark.parametrize(
    "moment",
    [at(0, 8, 59), at(0, 9), at(0, 16, 59), at(0, 17), at(4, 23), at(5, 1, 59), at(5, 2), at(6, 1)],
)
def test_open_now_filter_agrees_with_the_badge(office, night_clinic, moment):
    closed = ResourceFactory()
    hours(closed, 0, "09:00", "17:00")
    Closure.objects.create(resource=closed, start_date=MONDAY, end_date=MONDAY)
    candidates = Resource.objects.filter(pk__in=[office.pk, night_clinic.pk, closed.pk])
    expected = {r.pk for r in candidates if open_state(r, now=moment).is_open}
    listed = resources_listed(filters=ListingFilters(open_now=True), now=moment).filter(
        pk__in=[office.pk, night_clinic.pk, closed.pk]
    )
    assert {r.pk for r in listed} == expected


# --- "Open now" in SQL is the badge's rule, whatever the hours ----------------------------------

# Times people type and the edges of the rule: midnight, 23:59 (the end of the day), a closing
# time equal to the opening time (24 hours), seconds (ignored: times count to the minute).
EDGE_TIMES = ["00:00", "00:01", "01:59", "02:00", "09:00", "12:00", "17:00", "22:00", "23:59"]
times = st.one_of(
    st.sampled_from(EDGE_TIMES).map(time_.fromisoformat),
    st.builds(time_, st.integers(0, 23), st.integers(0, 59), st.sampled_from([0, 0, 30, 59])),
)
periods = st.tuples(st.integers(0, 6), times, times)
listings = st.lists(
    st.fixed_dictionaries(
        {
            "periods": st.lists(periods, max_size=3),
            # A closure from this many days before the moment, for so many days (or none).
            "closure": st.none() | st.tuples(st.integers(-3, 1), st.integers(1, 3)),
            "temporarily_closed": st.booleans(),
        }
    ),
    min_size=1,
    max_size=4,
)
# Any minute of two weeks around each daylight-saving change of the site's zone (Los Angeles:
# 8 March and 1 November 2026), and of an ordinary week.
moments = st.builds(
    lambda start, minutes: (
        timezone.make_aware(datetime.combine(start, time_(0))) + timedelta(minutes=minutes)
    ),
    st.sampled_from([date(2026, 3, 2), date(2026, 10, 26), MONDAY]),
    st.integers(0, 14 * 24 * 60 - 1),
)


@pytest.mark.parametrize(
    "many_open",
    [False, True],
    ids=["few open: listed by id", "many open: a subquery per listing"],
)
@pytest.mark.parametrize("zone", ["America/Los_Angeles", "Asia/Kolkata"])
@given(listings=listings, moment=moments)
@hypothesis_settings(max_examples=15)
def test_open_now_filter_is_the_badge_rule_for_any_hours(
    settings, monkeypatch, many_open, zone, listings, moment
):
    settings.TIME_ZONE = zone
    monkeypatch.setattr(hours_module, "OPEN_NOW_IDS", 0 if many_open else 1000)
    organization = OrganizationFactory()
    resources = []
    try:
        for listing in listings:
            resource = ResourceFactory(
                organization=organization,
                status=Status.TEMPORARILY_CLOSED
                if listing["temporarily_closed"]
                else Status.ACTIVE,
            )
            for weekday, opens, closes in listing["periods"]:
                OpeningHours.objects.create(
                    resource=resource, weekday=weekday, opens_at=opens, closes_at=closes
                )
            if listing["closure"]:
                offset, days = listing["closure"]
                first = timezone.localdate(moment) + timedelta(days=offset)
                Closure.objects.create(
                    resource=resource, start_date=first, end_date=first + timedelta(days - 1)
                )
            resources.append(resource)
        ids = [r.pk for r in resources]
        badge = {
            r.pk for r in Resource.objects.filter(pk__in=ids) if open_state(r, now=moment).is_open
        }
        listed = resources_filtered(filters=ListingFilters(open_now=True), now=moment)
        assert set(listed.filter(pk__in=ids).values_list("pk", flat=True)) == badge
    finally:
        Resource.objects.filter(pk__in=[r.pk for r in resources]).delete()
        organization.delete()


def test_a_period_closing_when_it_opens_runs_24_hours_into_the_next_morning():
    """09:00 to 09:00 is open until 09:00 the next day: on the badge and in the filter (the
    filter used to drop it after midnight)."""
    resource = ResourceFactory()
    hours(resource, 0, "09:00", "09:00")
    for moment, expected in [(at(1, 8, 59), True), (at(1, 9), False), (at(0, 8, 59), False)]:
        assert open_state(resource, now=moment).is_open is expected
        listed = resources_filtered(filters=ListingFilters(open_now=True), now=moment)
        assert listed.filter(pk=resource.pk).exists() is expected


def test_sunday_night_runs_into_monday_morning():
    resource = ResourceFactory()
    hours(resource, 6, "22:00", "03:00")
    monday_early, monday_late = at(7, 2, 59), at(7, 3)  # the Monday after the week of MONDAY
    for moment, expected in [(monday_early, True), (monday_late, False), (at(6, 21, 59), False)]:
        assert open_state(resource, now=moment).is_open is expected
        listed = resources_filtered(filters=ListingFilters(open_now=True), now=moment)
        assert listed.filter(pk=resource.pk).exists() is expected


def test_the_database_derives_the_week_minutes_from_the_times():
    resource = ResourceFactory()
    for weekday, opens, closes in [
        (0, "09:00", "17:00"),
        (4, "22:00", "02:00"),
        (6, "20:00", "23:59"),
    ]:
        hours(resource, weekday, opens, closes)
    rows = OpeningHours.objects.filter(resource=resource).values_list(
        "week_opens", "week_closes", "past_midnight"
    )
    assert sorted(rows) == [
        (540, 1020, False),  # Monday 9:00 to 17:00
        (4 * 1440 + 1320, 5 * 1440 + 120, True),  # Friday 22:00 to Saturday 2:00
        (6 * 1440 + 1200, 7 * 1440, False),  # Sunday 20:00 to midnight, the end of the week
    ]
    period = OpeningHours.objects.get(resource=resource, weekday=0)
    period.closes_at = time_(18, 30)
    period.save()
    period.refresh_from_db()
    assert period.week_closes == 1110  # edited in the admin or re-imported: derived again
