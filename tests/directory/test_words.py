"""Words on listing pages: the cost label is not said twice, the next opening is said as people
say it ("today", "tomorrow", "next Tuesday"), and lists follow the language's separators."""

from datetime import datetime, time

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone, translation

from directory.factories import CategoryFactory, ResourceFactory, hours
from directory.templatetags.directory_tags import period_text
from directory.vocabulary import Cost, Species, SpokenLanguage

pytestmark = pytest.mark.django_db


def listing(resource, code):
    with translation.override(code):
        path = reverse("directory:resource", args=[resource.pk])
    return path


def cost_shown(client, resource, code):
    body = client.get(listing(resource, code)).content.decode()
    start = body.index("<dd>", body.index("<dt>", body.index('id="details-heading"')))
    return body[start + 4 : body.index("</dd>", start)]


def test_cost_label_is_not_repeated_when_the_description_starts_with_it(client):
    resource = ResourceFactory(
        cost=Cost.FREE,
        cost_description_en="Free. There is nothing to pay.",
        cost_description_es="Gratis. No hay que pagar nada.",
    )
    assert cost_shown(client, resource, "en") == "<span>Free. There is nothing to pay.</span>"
    assert cost_shown(client, resource, "es") == "<span>Gratis. No hay que pagar nada.</span>"


def test_cost_label_comes_first_when_the_description_does_not_say_it(client):
    resource = ResourceFactory(
        cost=Cost.LOW_COST, cost_description_en="$10 per vaccine; the check-up is free."
    )
    assert cost_shown(client, resource, "en") == (
        "Low cost. <span>$10 per vaccine; the check-up is free.</span>"
    )
    assert cost_shown(client, ResourceFactory(cost=Cost.FREE, cost_description_en=""), "en") == (
        "Free"
    )


def local(*args):
    return timezone.make_aware(datetime(*args))


# 2026-12-01 is a Tuesday.
TUESDAY_EVENING = local(2026, 12, 1, 20, 0)


@pytest.fixture
def tuesday_mornings():
    resource = ResourceFactory(name_en="Tuesday clinic")
    hours(resource, 1, "09:30", "12:00")
    return resource


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("en", "Closed now · opens next Tuesday at 9:30 a.m."),
        ("es", "Cerrado ahora · abre el próximo martes a las 09:30"),
        ("zh-hans", "现在未开放 · 下周二 09:30 开放"),
        ("vi", "Đang đóng cửa · mở cửa vào thứ Ba tuần sau lúc 09:30"),
        ("ar", "مغلق الآن · يفتح يوم الثلاثاء القادم الساعة"),
    ],
)
def test_said_on_a_tuesday_evening_the_next_tuesday_is_next_week(
    client, tuesday_mornings, code, expected
):
    with time_machine.travel(TUESDAY_EVENING, tick=False):
        body = client.get(listing(tuesday_mornings, code)).content.decode()
    assert expected in body


@pytest.mark.parametrize(
    ("moment", "en", "es"),
    [
        (local(2026, 12, 1, 7, 0), "opens today at 9:30 a.m.", "abre hoy a las 09:30"),
        (local(2026, 11, 30, 18, 0), "opens tomorrow at 9:30 a.m.", "abre mañana a las 09:30"),
        (local(2026, 11, 27, 18, 0), "opens Tuesday at 9:30 a.m.", "abre el martes a las 09:30"),
    ],
)
def test_next_opening_says_today_tomorrow_or_the_weekday_in_lower_case(
    client, tuesday_mornings, moment, en, es
):
    with time_machine.travel(moment, tick=False):
        english = client.get(listing(tuesday_mornings, "en")).content.decode()
        spanish = client.get(listing(tuesday_mornings, "es")).content.decode()
    assert en in english
    assert es in spanish


@pytest.mark.parametrize(("code", "separator"), [("en", ", "), ("zh-hans", "、"), ("ar", "، ")])
def test_lists_on_a_listing_use_the_languages_separator(client, code, separator):
    resource = ResourceFactory(
        languages=["es", "vi"], species=["dog", "cat"], categories=[CategoryFactory()]
    )
    hours(resource, 0, "09:00", "12:00")
    hours(resource, 0, "13:00", "17:00")
    body = client.get(listing(resource, code)).content.decode()
    with translation.override(code):
        languages = [str(SpokenLanguage(c).label) for c in ("es", "vi")]
        species = [str(Species(c).label) for c in ("dog", "cat")]
        morning = period_text((time(9), time(12)))
        afternoon = period_text((time(13), time(17)))
    assert separator.join(languages) in body
    assert separator.join(species) in body
    assert f"{morning}{separator}{afternoon}" in body
    if code != "en":
        assert ", ".join(languages) not in body
