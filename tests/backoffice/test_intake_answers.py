"""The case page shows a survey's own answers in words, in the staff member's language."""

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from backoffice.intake import intake_answers_shown
from backoffice.vocabulary import Channel

from .conftest import open_case

ANSWERS = {
    "main_reason": "housing",
    "keep_pet": "yes",
    "living": "rent_not_allowed",
    "safety": "no",
    "consent_referrals": True,
    "pets": [{"has_vet": "no", "bite_history": "", "good_with_children": "yes"}],
    "care_length": "weeks",
}


def _survey_case(case_manager, answers=ANSWERS):
    return open_case(
        channel=Channel.SURVEY, intake_answers=answers, assignee=case_manager, opened_by=None
    )


def _answers_section(page: str) -> str:
    return page.split("Intake answers", 1)[1].split("Correct the request details", 1)[0]


def test_a_survey_case_shows_its_answers_in_words_not_codes(case_manager, client):
    case = _survey_case(case_manager)
    client.force_login(case_manager)
    page = client.get(reverse("backoffice:case", args=[case.reference])).content.decode()
    section = _answers_section(page)
    assert "Where are you living right now?" in section
    assert "I rent, and pets are not allowed" in section
    assert "For how long might your pet need care?" in section and "One or two weeks" in section
    assert "Does your pet have a vet?" in section and "Pet 1" in section
    assert "Has your pet ever bitten anyone?" not in section  # left blank: not shown
    for code in ("rent_not_allowed", "living", "keep_pet", "care_length", "has_vet", "weeks"):
        assert f">{code}<" not in section


def test_the_answers_are_in_the_staff_members_language(case_manager, client):
    UserProfile.objects.update_or_create(user=case_manager, defaults={"preferred_language": "es"})
    case = _survey_case(case_manager)
    client.force_login(case_manager)
    page = client.get(reverse("backoffice:case", args=[case.reference])).content.decode()
    assert "Alquilo, y no se permiten mascotas" in page
    assert "I rent, and pets are not allowed" not in page and "rent_not_allowed" not in page


def test_answers_the_vocabulary_does_not_know_are_shown_as_stored(case_manager, client):
    odd = {
        "living": "houseboat",  # an option since retired
        "old_question": "kept",
        "keep_pet": ["yes", 3, None],
        "safety": {"nested": 1},
        "pets": "not a list",
        "care_why": "",
    }
    case = _survey_case(case_manager, odd)
    client.force_login(case_manager)
    response = client.get(reverse("backoffice:case", args=[case.reference]))
    assert response.status_code == 200
    section = _answers_section(response.content.decode())
    assert ">houseboat<" in section and ">old_question<" in section and ">kept<" in section
    assert "Yes, 3" in section


@pytest.mark.parametrize(
    "answers",
    [
        None,
        [],
        "text",
        5,
        {"pets": [None, 7, {"has_vet": 1}]},
        {"person_match": "x"},
        {"person_match": {"contact_as_typed": ["x"]}},
        {"person_match": {"contact_as_typed": {"preferred_language": ["es"], "cases": 1, "x": 2}}},
    ],
)
def test_malformed_answers_never_fail(answers):
    shown = intake_answers_shown(answers)
    assert set(shown) == {"match_rows", "rows", "pets"}


def test_the_case_page_stays_within_its_query_budget_with_answers(
    case_manager, client, django_assert_max_num_queries
):
    case = _survey_case(case_manager)
    client.force_login(case_manager)
    with django_assert_max_num_queries(19):  # the budget of tests/backoffice/test_queue.py
        assert client.get(reverse("backoffice:case", args=[case.reference])).status_code == 200
