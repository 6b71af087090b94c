"""Turning a completed pet support survey into a case: one atomic ``case_open`` (channel "online
survey"), idempotent on the wizard's client token, with the person matched against the people
already known (``backoffice.selectors.person_match``), and a confirmation only when it is safe
(``backoffice.messages.case_confirmation_send``)."""

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass

from django.db import transaction

from backoffice import selectors
from backoffice.messages import case_confirmation_send
from backoffice.models import Case
from backoffice.services import PersonDetails, PetDetails, case_open
from backoffice.vocabulary import CaseType, Channel, Need, Urgency

CONFIRMATION_TEMPLATE = "surveys/messages/confirmation"

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
def survey_submit(*, answers: SurveyAnswers, client_token: str, confirmation_context: dict) -> Case:
    """Open the case of a completed survey, or return the one this token opened already.

    A person already known by the same phone number (however it was typed) or email gets the
    case linked to their record, for staff to confirm on the case (``person_match`` in the intake
    answers, with the contact details as typed); nothing is merged, and nothing of it shows on
    the visitor's side. The confirmation goes to the contact typed (once per case).
    """
    person = answers.person
    known = selectors.person_match(phone=person.phone, email=person.email)
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
        channel=Channel.SURVEY,
        person=None if known else person,
        existing_person=known,
        pets=answers.pets,
        needs=answers.needs,
        reasons=answers.reasons,
        urgency=answers.urgency,
        at_risk_of_losing_pet=survey_at_risk(needs=answers.needs, urgency=answers.urgency),
        safety_concern=answers.safety_concern,
        summary=answers.summary,
        intake_answers=intake_answers,
        language=person.preferred_language,
        client_token=client_token,
    )
    # In the same transaction: no case without its confirmation, none sent for a rolled-back case.
    case_confirmation_send(
        case=case, details=person, template=CONFIRMATION_TEMPLATE, context=confirmation_context
    )
    return case
