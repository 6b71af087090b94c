"""Open now", in the site's time zone: across midnight, around the clock, during closures; and the
SQL filter of the listings agrees with the badge."""

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from directory.factories import ResourceFactory, hours
from directory.hours import OpenState, open_state
from directory.models import Closure, Resource
from directory.selectors.listings import ListingFilters, resources_listed
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
