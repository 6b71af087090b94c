"""Template helpers of the public directory pages."""

from urllib.parse import urlencode

from django import template
from django.template.loader import get_template
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext as _

from core.fragments import fragment
from core.text import list_join

from ..icons import icon_svg
from ..selectors.translation import field_in_english
from ..vocabulary import Cost, PhoneType, Species, SpokenLanguage, Weekday

register = template.Library()

LABELS = {
    "cost": dict(Cost.choices),
    "species": dict(Species.choices),
    "language": dict(SpokenLanguage.choices),
    "phone_type": dict(PhoneType.choices),
    "weekday": dict(Weekday.choices),
}


@register.simple_tag
def category_icon(category):
    """``{% category_icon category %}``: the category's SVG icon, inline and decorative."""
    return icon_svg(category.icon)


CARD_TEMPLATE = "directory/includes/resource_card.html"


@register.simple_tag(takes_context=True)
def resource_card(context, card, selectable=False):
    """A listing card (``CARD_TEMPLATE``; ``card`` from ``selectors.listing_cards``), rendered
    once per listing, language, day and what it shows of the moment (open or closed and until
    when, the town, the distance, whether it serves the ZIP code) and reused until published
    content changes (``core.fragments``). Search results with highlighted words are rendered
    each time."""
    resource, state = card["resource"], card["open_state"]

    def render():
        return get_template(CARD_TEMPLATE).render({"card": card, "selectable": selectable})

    if card.get("highlights"):
        return mark_safe(render())
    key = (
        "directory:card",
        resource.pk,
        get_language(),
        bool(selectable),
        timezone.localdate(),  # "opens tomorrow" is said today
        state.state,
        state.until,
        state.always,
        card["town"],
        miles(card["distance"]),
        card["serves_zip"],
    )
    return fragment(key, render, request=context.get("request"))


@register.filter
def in_english(obj, field):
    """``{% if resource|in_english:"name" %}``: the text has no translation and shows in English."""
    return field_in_english(obj, field)


@register.simple_tag
def lang_fallback(obj, field):
    """`` lang="en" dir="ltr"`` on an element whose text falls back to English, so that screen
    readers pronounce it in English and it lays out left to right inside an Arabic page."""
    if field_in_english(obj, field):
        return mark_safe(' lang="en" dir="ltr"')
    return ""


@register.filter
def label(value, vocabulary):
    """The translated label of a stored code: ``{{ resource.cost|label:"cost" }}``."""
    found = LABELS[vocabulary].get(value)
    return value if found is None else str(found)


@register.filter
def labels(values, vocabulary):
    """Translated labels of a list of codes, joined: ``{{ resource.languages|labels:"language" }}``."""
    table = LABELS[vocabulary]
    return list_join(table.get(value, value) for value in values or [])


@register.filter
def miles(distance):
    """A distance as visitors read it: "0.4 mi", "12 mi"."""
    if distance is None:
        return ""
    rounded = round(distance, 1) if distance < 10 else round(distance)
    decimals = 1 if distance < 10 else 0
    return _("%(miles)s mi") % {"miles": number_format(rounded, decimals)}


@register.simple_tag
def period_text(period):
    """One opening period: "9:00 a.m. – 5:00 p.m.", "Open 24 hours", "10 p.m. – 2 a.m. (next day)"."""
    from django.template.defaultfilters import time as time_filter

    opens, closes = period
    if (opens.hour, opens.minute) == (0, 0) and (closes.hour, closes.minute) == (23, 59):
        return _("Open 24 hours")
    start, end = time_filter(opens), time_filter(closes)
    if closes <= opens and (closes.hour, closes.minute) != (0, 0):
        return _("%(opens)s – %(closes)s (next day)") % {"opens": start, "closes": end}
    if (closes.hour, closes.minute) == (23, 59):
        end = _("midnight")
    return _("%(opens)s – %(closes)s") % {"opens": start, "closes": end}


# Weekday names as they read inside a sentence ("opens on Tuesday"): lower case in Spanish, where
# the table's "Martes" would be wrong mid-sentence.
WEEKDAYS_IN_SENTENCE = [
    pgettext_lazy("weekday inside a sentence", "Monday"),
    pgettext_lazy("weekday inside a sentence", "Tuesday"),
    pgettext_lazy("weekday inside a sentence", "Wednesday"),
    pgettext_lazy("weekday inside a sentence", "Thursday"),
    pgettext_lazy("weekday inside a sentence", "Friday"),
    pgettext_lazy("weekday inside a sentence", "Saturday"),
    pgettext_lazy("weekday inside a sentence", "Sunday"),
]


@register.simple_tag
def next_opening(moment, today=None):
    """When a closed service opens next, as said today: "opens today at 9:30 a.m.", "opens
    tomorrow ...", "opens Thursday ...", "opens next Tuesday ..." (a week from today), or with the
    date further on."""
    from django.template.defaultfilters import time as time_filter

    local = timezone.localtime(moment)
    today = today or timezone.localdate()
    days = (local.date() - today).days
    time = time_filter(local)
    if days <= 0:
        return _("Closed now · opens today at %(time)s") % {"time": time}
    if days == 1:
        return _("Closed now · opens tomorrow at %(time)s") % {"time": time}
    day = WEEKDAYS_IN_SENTENCE[local.weekday()]
    if days < 7:
        return _("Closed now · opens %(day)s at %(time)s") % {"day": day, "time": time}
    if days == 7:
        return _("Closed now · opens next %(day)s at %(time)s") % {"day": day, "time": time}
    date = date_format(local.date(), "MONTH_DAY_FORMAT")
    return _("Closed now · opens on %(date)s at %(time)s") % {"date": date, "time": time}


@register.filter
def directions_url(location):
    """A link that opens directions to the address in the visitor's map app."""
    address = ", ".join(
        part
        for part in (
            location.address_1,
            location.city,
            f"{location.state_province} {location.postal_code}".strip(),
        )
        if part
    )
    return "https://www.google.com/maps/dir/?" + urlencode({"api": "1", "destination": address})


@register.simple_tag
def age_range(resource):
    low, high = resource.minimum_age, resource.maximum_age
    if low is not None and high is not None:
        return _("Ages %(low)s to %(high)s") % {"low": low, "high": high}
    if low is not None:
        return _("Ages %(low)s and over") % {"low": low}
    if high is not None:
        return _("Up to age %(high)s") % {"high": high}
    return ""


@register.simple_tag
def schedule_summary(schedule):
    """A week on one line, days with the same hours grouped: "Monday – Friday 9:00 – 17:00;
    Saturday 10:00 – 14:00". Closed days are left out."""
    groups = []  # [first day, last day, periods]
    for day in schedule:
        if not day.periods:
            continue
        if groups and groups[-1][2] == day.periods and groups[-1][1] == day.weekday - 1:
            groups[-1][1] = day.weekday
        else:
            groups.append([day.weekday, day.weekday, day.periods])
    names = LABELS["weekday"]
    parts = []
    for first, last, periods in groups:
        days = str(names[first])
        if last != first:
            days = _("%(first)s – %(last)s") % {"first": days, "last": names[last]}
        hours = list_join(period_text(period) for period in periods)
        parts.append(f"{days} {hours}")
    return list_join(parts, "groups")
