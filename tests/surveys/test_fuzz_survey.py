"""Every step of the survey driven with arbitrary text, unicode, digits of many scripts, huge values,
missing fields and a tampered step name, in every language, part-way through or after a walk:
never a 5xx. (Examples per test: the Hypothesis profile; ``bench/fuzz.py`` runs many more.)"""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backoffice.vocabulary import AgeGroup, ContactMethod, Need, Reason, Species, Urgency
from surveys.forms import CARE_LENGTH_CHOICES, LIVING_CHOICES, REHOMING_TIMELINE_CHOICES
from tests.conftest import LANGUAGE_CODES
from tests.fuzz import hostile, params, request, value_for

from .helpers import step_url, url, walk

pytestmark = pytest.mark.django_db

YES_NO = ["yes", "no", "", "on", "unsure", "prefer_not"]
FIELDS = {
    "needs": {"needs": value_for(Need.values), "needs_other": hostile()},
    "situation": {
        "urgency": value_for(Urgency.values),
        "reasons": value_for(Reason.values),
        "main_reason": value_for(Reason.values),
        "keep_pet": value_for(YES_NO),
    },
    "pets": {
        "TOTAL_FORMS": value_for(["0", "1", "2", "6", "7"]),
        "INITIAL_FORMS": value_for(["0"]),
        "0-species": value_for(Species.values),
        "0-name": hostile(),
        "0-age_group": value_for(AgeGroup.values),
        "0-microchip": hostile(),
        "0-bite_history": value_for(YES_NO),
        "1-species": value_for(Species.values),
        "1-medical_notes": hostile(),
    },
    "care": {"care_length": value_for(dict(CARE_LENGTH_CHOICES)), "care_why": hostile()},
    "rehoming": {
        "rehoming_timeline": value_for(dict(REHOMING_TIMELINE_CHOICES)),
        "pet_history": hostile(),
    },
    "home": {"living": value_for(dict(LIVING_CHOICES)), "safety": value_for(YES_NO)},
    "contact": {
        "name": value_for(["Maria", "ماريا"]),
        "preferred_language": value_for(LANGUAGE_CODES),
        "phone": value_for(["(916) 555-0142", "+١ ٩١٦ ٥٥٥ ٠١٤٢"]),
        "email": value_for(["maria@example.org"]),
        "contact_method": value_for(ContactMethod.values),
        "safe_to_text": value_for(YES_NO),
        "safe_to_leave_message": value_for(YES_NO),
        "zip_code": value_for(["95814", "٩٥٨١٤"]),
        "message_consent": value_for(YES_NO),
        "website": st.one_of(st.just(""), hostile()),
    },
    "review": {},
}
STEP_AND_FORM = st.sampled_from(list(FIELDS)).flatmap(
    lambda step: st.tuples(st.just(step), params(FIELDS[step]))
)
BUTTONS = params({"pets_add": value_for(["1"]), "pets_remove": value_for(["0", "1", "5"])})


@given(
    lang=st.sampled_from(LANGUAGE_CODES),
    step_and_form=STEP_AND_FORM,
    buttons=BUTTONS,
    tampered=st.booleans(),
    posted_step=hostile(),
    walked=st.booleans(),
)
def test_every_step_whatever_is_sent(
    client, lang, step_and_form, buttons, tampered, posted_step, walked
):
    step, form = step_and_form
    if walked:
        walk(client, lang=lang, needs=("temporary_care", "rehoming"))
    else:
        client.cookies.clear()
    data = {f"{step}-{name}": value for name, value in form.items()}
    data["survey-current_step"] = posted_step if tampered else step
    data.update(buttons)
    assert request(client, "post", step_url(step, lang), data) < 500
    assert request(client, "get", step_url("review", lang)) < 500
    assert request(client, "get", step_url("done", lang)) < 500
    assert request(client, "get", url("received", lang)) < 500


STAFF_FIELDS = {
    "client_token": hostile(),
    "channel": value_for(["phone", "walk_in", "survey", "email"]),
    "confidential": value_for(YES_NO),
    "assignee": value_for(["1", "999999"]),
}
STAFF_FORM = params(
    {
        **{f"{step}-{name}": s for step, fields in FIELDS.items() for name, s in fields.items()},
        **STAFF_FIELDS,
    }
)


@given(form=STAFF_FORM, buttons=BUTTONS)
def test_the_survey_typed_by_staff_whatever_is_sent(client, form, buttons):
    from backoffice.factories import CaseManagerFactory

    client.force_login(CaseManagerFactory(username="cm_fuzz"))
    assert request(client, "post", "/backoffice/cases/new/survey/", {**form, **buttons}) < 500
