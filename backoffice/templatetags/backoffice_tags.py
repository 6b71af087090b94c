"""Template helpers for the back office.

``get_FOO_display()`` rebuilds (and translates) the whole choice list on every call, which costs
more than the queue's database queries; these filters look a stored code up once, in a table built
at import, and translate only the label shown.
"""

import datetime

from django import template
from django.utils import formats
from django.utils.html import format_html
from django.utils.translation import gettext as _

from .. import vocabulary as v
from ..intake_pages import intake_pages as registered_intake_pages

register = template.Library()

VOCABULARIES = {
    "status": dict(v.Status.choices),
    "priority": dict(v.Priority.choices),
    "case_type": dict(v.CaseType.choices),
    "channel": dict(v.Channel.choices),
    "need": dict(v.Need.choices),
    "reason": dict(v.Reason.choices),
    "urgency": dict(v.Urgency.choices),
    "outcome": dict(v.Outcome.choices),
    "referral_status": dict(v.ReferralStatus.choices),
    "note_kind": dict(v.NoteKind.choices),
    "event": dict(v.EventKind.choices),
    "species": dict(v.Species.choices),
    "age_group": dict(v.AgeGroup.choices),
    "sex": dict(v.Sex.choices),
    "yes_no": dict(v.YesNoUnknown.choices),
    "size": dict(v.Size.choices),
    "contact_method": dict(v.ContactMethod.choices),
    "contact_time": dict(v.ContactTime.choices),
    "colour": dict(v.Colour.choices),
    "report_kind": dict(v.ReportKind.choices),
}
_LANGUAGES: dict | None = None


# --- Dates: one way per language on every back-office page ----------------------------------------
# The staff language's DATE_FORMAT ("Dec. 1, 2026", "1 de diciembre de 2026", "2026年12月1日"), with
# the time after it for a moment (DATETIME_FORMAT); never "2026-11-30" or "11/30/2026" beside it.


@register.simple_tag
def intake_pages():
    """``{% intake_pages as pages %}``: the intake pages apps above the back office added."""
    return registered_intake_pages()


@register.filter(expects_localtime=True)
def day(value):
    """A day: a date, a date and time (its day where the site is), or the ISO date an event's
    data keeps (``"2026-11-30"``)."""
    if isinstance(value, str):
        try:
            value = datetime.date.fromisoformat(value)
        except ValueError:
            return value
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        value = value.date()
    return formats.date_format(value, "DATE_FORMAT")


@register.filter(expects_localtime=True)
def moment(value):
    """A date and time, the day written as :func:`day` writes it."""
    if not value:
        return ""
    return formats.date_format(value, "DATETIME_FORMAT")


@register.filter
def label(value, vocabulary):
    """``{{ case.status|label:"status" }}``: the translated label of a stored code."""
    if vocabulary == "language":
        global _LANGUAGES
        if _LANGUAGES is None:
            _LANGUAGES = dict(v.language_choices())
        table = _LANGUAGES
    else:
        table = VOCABULARIES[vocabulary]
    found = table.get(value)
    return value if found is None else str(found)


@register.filter
def status_label(value):
    return label(value, "status")


@register.filter
def outcome_label(value):
    return label(value, "outcome")


@register.filter
def referral_status_label(value):
    return label(value, "referral_status")


@register.filter
def staff_name(user):
    if user is None:
        return format_html('<span class="muted">{}</span>', _("Nobody"))
    return user.get_full_name() or user.get_username()


@register.filter
def priority_badge(priority):
    return format_html(
        '<span class="badge badge--p{}">{}</span>', priority, label(priority, "priority")
    )
