"""Turning a completed pet support survey into a case: one atomic ``case_open`` (channel "online
survey"), idempotent on the wizard's client token, with the person matched against the people
already known (``backoffice.selectors.person_match``), and a confirmation only when it is safe
(``backoffice.messages.case_confirmation_send``)."""

import datetime
import time
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from importlib import import_module

from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.db import transaction
from django.utils import timezone

from backoffice import selectors
from backoffice.messages import case_confirmation_send
from backoffice.models import Case
from backoffice.services import PersonDetails, PetDetails, case_open, case_opens_confidential
from backoffice.vocabulary import CaseType, Channel, Need, Urgency

CONFIRMATION_TEMPLATE = "surveys/messages/confirmation"

# Where the survey keeps its data in the visitor's session: the wizard's answers (django-formtools'
# SessionStorage names it "wizard_" + the wizard's prefix, "survey") and the record of the request
# just sent, for its confirmation page.
WIZARD_SESSION_KEY = "wizard_survey"
DONE_SESSION_KEY = "survey_done"
# Session engines whose sessions live in the database, where they can be scanned.
SCANNABLE_SESSION_ENGINES = (
    "django.contrib.sessions.backends.db",
    "django.contrib.sessions.backends.cached_db",
)

# Needs that may cost the family their pet soon, when help is needed within days.
AT_RISK_NEEDS = frozenset(
    {Need.REHOMING, Need.SURRENDER, Need.TEMPORARY_CARE, Need.HOUSING, Need.LANDLORD}
)
REHOMING_NEEDS = frozenset({Need.REHOMING, Need.SURRENDER})


@dataclass(frozen=True, kw_only=True)
class SurveyAnswers:
    """What the survey asked, as the wizard's steps cleaned it."""

    needs: Sequence[str]
    urgency: str
    reasons: Sequence[str] = ()
    person: PersonDetails
    pets: Sequence[PetDetails] = ()
    safety_concern: bool = False
    summary: str = ""
    answers: Mapping | None = None  # the survey's own questions (main reason, living situation...)


def survey_case_type(needs: Sequence[str]) -> str:
    return CaseType.REHOMING if REHOMING_NEEDS & set(needs) else CaseType.PET_SUPPORT


def survey_at_risk(*, needs: Sequence[str], urgency: str) -> bool:
    """At risk of losing the pet within 7 days: rehoming, surrender, housing or crisis care
    needed today or this week."""
    return urgency in (Urgency.EMERGENCY, Urgency.HIGH) and bool(AT_RISK_NEEDS & set(needs))


@transaction.atomic
def survey_submit(
    *,
    answers: SurveyAnswers,
    client_token: str,
    confirmation_context: dict,
    channel: str = Channel.SURVEY,
    opened_by=None,
    confidential: bool = False,
    assignee=None,
) -> Case:
    """Open the case of a completed survey, or return the one this token opened already (the
    token is the caller's own: a visitor's, or the staff member's in ``opened_by``).

    A case manager typing the survey for someone on the phone or at the desk says so
    (``channel``, ``opened_by``) and may make the case confidential or give it to a colleague
    (``assignee``); everything else is the same door, checked the same way.

    A person already known by the same phone number (however it was typed) or email gets the
    case linked to their record, for staff to confirm on the case (``person_match`` in the intake
    answers, with the contact details as typed); nothing is merged, and nothing of it shows on
    the visitor's side. A record known only through confidential cases is linked only to a
    case that is confidential too, and staff typing the survey are only linked to records they
    may open (``person_match``). The confirmation goes to the contact typed (once per case).
    """
    person = answers.person
    known = selectors.person_match(
        phone=person.phone,
        email=person.email,
        for_confidential_case=case_opens_confidential(
            reasons=answers.reasons,
            safety_concern=answers.safety_concern,
            confidential=confidential,
        ),
        user=opened_by,
    )
    intake_answers = dict(answers.answers or {})
    if known is not None:
        intake_answers["person_match"] = {
            "person": known.pk,
            "confirmed": False,
            "contact_as_typed": {
                k: v for k, v in asdict(person).items() if v not in ("", None, False)
            },
        }
    case = case_open(
        case_type=survey_case_type(answers.needs),
        channel=channel,
        person=None if known else person,
        existing_person=known,
        pets=answers.pets,
        needs=answers.needs,
        reasons=answers.reasons,
        urgency=answers.urgency,
        at_risk_of_losing_pet=survey_at_risk(needs=answers.needs, urgency=answers.urgency),
        safety_concern=answers.safety_concern,
        confidential=confidential,
        summary=answers.summary,
        intake_answers=intake_answers,
        language=person.preferred_language,
        client_token=client_token,
        opened_by=opened_by,
        assignee=assignee,
    )
    # In the same transaction: no case without its confirmation, none sent for a rolled-back case.
    case_confirmation_send(
        case=case, details=person, template=CONFIRMATION_TEMPLATE, context=confirmation_context
    )
    return case


class SessionsNotScannable(Exception):
    """The configured session engine keeps no list of its sessions to go through."""


def _last_seen(data: dict, *, expire_date: datetime.datetime) -> tuple[float | None, float | None]:
    """When the wizard's answers and the confirmation record were last touched (epoch seconds,
    ``None`` for what the session does not hold); answers without their own time count from the
    session's last save, an unreadable record from the start of time."""
    wizard, done = data.get(WIZARD_SESSION_KEY), data.get(DONE_SESSION_KEY)
    wizard_seen = done_at = None
    if WIZARD_SESSION_KEY in data:
        extra = wizard.get("extra_data") if isinstance(wizard, dict) else None
        seen = extra.get("seen") if isinstance(extra, dict) else None
        if isinstance(seen, int | float) and not isinstance(seen, bool):
            wizard_seen = seen
        else:
            saved = expire_date - datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE)
            wizard_seen = saved.timestamp()
    if DONE_SESSION_KEY in data:
        done_at = done.get("at") if isinstance(done, dict) else None
        if not isinstance(done_at, int | float) or isinstance(done_at, bool):
            done_at = 0
    return wizard_seen, done_at


def survey_sessions_forget_abandoned(*, idle_minutes: int) -> int:
    """Remove the survey's data (answers, and the confirmation record) from every session where
    it was left untouched for more than ``idle_minutes``; everything else in the session (a staff
    member's sign-in, the language) stays, and so does its expiry. Returns how many sessions were
    cleared. Each session is rewritten on its own, and only if unchanged since it was read (one
    used meanwhile is left for the next run), so a run cut short leaves nothing half done.

    Only database-backed sessions (``db``, ``cached_db``) can be gone through; any other engine
    raises ``SessionsNotScannable`` (the wizard still forgets idle answers on the next visit).
    """
    engine = settings.SESSION_ENGINE
    if engine not in SCANNABLE_SESSION_ENGINES:
        raise SessionsNotScannable(engine)
    store_class = import_module(engine).SessionStore
    cutoff = time.time() - idle_minutes * 60
    cleared = 0
    for key, encoded, expire_date in _live_sessions():
        store = store_class(session_key=key)
        data = store.decode(encoded)
        if WIZARD_SESSION_KEY not in data and DONE_SESSION_KEY not in data:
            continue
        wizard_seen, done_at = _last_seen(data, expire_date=expire_date)
        forget = [
            name
            for name, seen in ((WIZARD_SESSION_KEY, wizard_seen), (DONE_SESSION_KEY, done_at))
            if seen is not None and seen < cutoff
        ]
        if not forget:
            continue
        for name in forget:
            del data[name]
        same = Session.objects.filter(session_key=key, session_data=encoded)
        # Nothing else in it (a visitor who only began the survey): the session goes.
        changed = same.delete()[0] if not data else same.update(session_data=store.encode(data))
        if changed:
            cleared += 1
            if engine.endswith("cached_db"):
                caches[settings.SESSION_CACHE_ALIAS].delete(store.cache_key)
    return cleared


def _live_sessions(batch: int = 500):
    """The unexpired sessions, a batch at a time in key order (no cursor left open while rows
    are rewritten, which SQLite does not isolate)."""
    after = ""
    while True:
        rows = list(
            Session.objects.filter(expire_date__gt=timezone.now(), session_key__gt=after)
            .order_by("session_key")
            .values_list("session_key", "session_data", "expire_date")[:batch]
        )
        yield from rows
        if len(rows) < batch:
            return
        after = rows[-1][0]
