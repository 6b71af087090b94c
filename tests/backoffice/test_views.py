"""What a case manager does through the pages: open a case, work it, resolve it; languages."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.users.models import UserProfile

from backoffice.models import Case

from .conftest import open_case

pytestmark = pytest.mark.django_db


def _new_case_form(**extra):
    data = {
        "client_token": "form-token-1",
        "case_type": "pet_support",
        "channel": "phone",
        "urgency": "high",
        "needs": ["landlord", "deposit_fees"],
        "reasons": ["housing"],
        "summary": "New landlord says the dog must go.",
        "at_risk_of_losing_pet": "on",
        "person-name": "Ifeoma Thornbury",
        "person-preferred_language": "en",
        "person-phone": "503-555-0123",
        "person-safe_to_leave_message": "no",
        "pets-TOTAL_FORMS": "2",
        "pets-INITIAL_FORMS": "0",
        "pets-MIN_NUM_FORMS": "0",
        "pets-MAX_NUM_FORMS": "6",
        "pets-0-species": "dog",
        "pets-0-name": "Canela",
    }
    data.update(extra)
    return data


def test_hotline_intake_opens_one_case_even_when_submitted_twice(case_manager, client):
    client.force_login(case_manager)
    assert client.get(reverse("backoffice:case_create")).status_code == 200
    first = client.post(reverse("backoffice:case_create"), _new_case_form())
    second = client.post(reverse("backoffice:case_create"), _new_case_form())
    case = Case.objects.get()
    assert (
        first["Location"] == second["Location"] == reverse("backoffice:case", args=[case.reference])
    )
    assert case.priority == 1 and case.person.safe_to_leave_message is False
    assert [p.name for p in case.pets.all()] == ["Canela"]
    assert sorted(case.needs.values_list("code", flat=True)) == ["deposit_fees", "landlord"]


def test_intake_form_shows_errors(case_manager, client):
    client.force_login(case_manager)
    response = client.post(
        reverse("backoffice:case_create"),
        _new_case_form(**{"person-name": "", "pets-1-name": "No species"}),
    )
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert "Choose the species." in response.content.decode()
    assert not Case.objects.exists()


def test_intake_errors_are_summed_up_at_the_top_with_the_focus_and_links_to_fields(
    case_manager, client
):
    """Only inline errors were shown, far down a long form, and the focus stayed where it was."""
    UserProfile.objects.update_or_create(user=case_manager, defaults={"preferred_language": "es"})
    client.force_login(case_manager)
    typed = {
        "person-name": "",
        "person-phone": "hello",
        "person-zip_code": "9581",
        "pets-1-name": "No species",
    }
    response = client.post(reverse("backoffice:case_create"), _new_case_form(**typed))
    assert response.status_code == 400
    body = response.content.decode()
    start = body.index('<div class="error-summary')
    summary = body[start : body.index("</div>", start)]
    assert body.index("error-summary") < body.index('name="person-name"')  # before the form
    assert 'tabindex="-1" autofocus' in summary  # takes the focus, no script needed
    assert "Corrija estos 4 errores" in summary  # in the staff member's language
    for field in ("id_person-name", "id_person-phone", "id_person-zip_code", "id_pets-1-species"):
        assert f'href="#{field}"' in summary
        assert f'id="{field}"' in body  # the link leads to the field
    assert "Mascota 2" in summary  # which pet
    # Each field names its own error for screen readers.
    assert 'aria-describedby="id_person-phone_error"' in body
    assert not Case.objects.exists()


def test_the_person_form_sums_up_its_errors_too(case_manager, client):
    person = open_case(assignee=case_manager).person
    client.force_login(case_manager)
    response = client.post(
        reverse("backoffice:person_edit", args=[person.pk]),
        {"name": "Rosalind", "preferred_language": "en", "phone": "hello", "zip_code": "9581"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert 'href="#id_phone"' in body and 'href="#id_zip_code"' in body
    assert "autofocus" in body


def test_case_manager_works_a_case_to_resolution(case_manager, client):
    case = open_case()
    client.force_login(case_manager)
    url = reverse("backoffice:case", args=[case.reference])

    def act(action, **data):
        return client.post(reverse(f"backoffice:case_{action}", args=[case.reference]), data)

    assert act("assign", take="1").status_code == 302
    assert act("note", kind="call", body="Listened; they want to keep Biscuit.").status_code == 302
    assert act("status", status="in_progress").status_code == 302
    assert act("followup", due_on="2030-05-01", note="Ask about the deposit").status_code == 302
    assert act("refer", partner_name="Tenant Rights Hotline", status="referred").status_code == 302
    response = act("resolve", outcome="")
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    # The follow-up still planned: the form asks what became of it.
    assert act("resolve", outcome="kept", outcome_notes="Deposit covered.").status_code == 400
    assert (
        act("resolve", outcome="kept", outcome_notes="Deposit covered.", followups="done")
    ).status_code == 302

    page = client.get(url).content.decode()
    for text in (
        "Listened; they want to keep Biscuit.",
        "Tenant Rights Hotline",
        "Pet kept with family",
    ):
        assert text in page
    case.refresh_from_db()
    assert case.status == "resolved" and case.assignee == case_manager
    # Closing is for supervisors: the button is not offered and the service refuses.
    assert "Close the case" not in page
    assert act("status", status="closed").status_code == 403


@pytest.mark.parametrize(
    "preference, accept, lang, direction",
    [
        ("ar", "en", "ar", "rtl"),
        ("zh-hans", "es", "zh-hans", "ltr"),
        ("", "es", "es", "ltr"),
        ("", "vi,en;q=0.5", "vi", "ltr"),
        ("", "", "en", "ltr"),
    ],
)
def test_pages_speak_the_staff_members_language(
    preference, accept, lang, direction, case_manager, client
):
    UserProfile.objects.update_or_create(
        user=case_manager, defaults={"preferred_language": preference}
    )
    client.force_login(case_manager)
    response = client.get(reverse("backoffice:queue"), HTTP_ACCEPT_LANGUAGE=accept)
    assert f'<html lang="{lang}" dir="{direction}">' in response.content.decode()


def test_person_page_export_and_merge(case_manager, supervisor, client):
    first = open_case(assignee=case_manager)
    second = open_case(name="Rosalind F.", email="rosalind@example.org")
    client.force_login(supervisor)
    page = client.get(reverse("backoffice:person", args=[first.person_id])).content.decode()
    assert first.reference in page and "Possible duplicates" in page
    export = client.get(reverse("backoffice:person_export", args=[first.person_id])).json()
    assert export["person"]["name"] == "Rosalind Fairweather"
    assert [c["reference"] for c in export["cases"]] == [first.reference]
    response = client.post(
        reverse("backoffice:person_merge", args=[second.person_id]), {"target": first.person_id}
    )
    assert response.status_code == 302
    assert first.person.cases.count() == 2


@pytest.mark.parametrize(("language", "label"), [("en", "Connected"), ("es", "En contacto")])
def test_referral_shows_its_status_in_the_staff_language(case_manager, client, language, label):
    from backoffice import services
    from backoffice.vocabulary import ReferralStatus

    profile = UserProfile.get_for_user(case_manager)
    profile.preferred_language = language
    profile.save()
    case = open_case(assignee=case_manager, opened_by=case_manager)
    services.case_refer(
        case=case,
        actor=case_manager,
        resource=None,
        partner_name="Riverbend Pet Pantry",
        status=ReferralStatus.CONNECTED,
        note="",
    )
    client.force_login(case_manager)
    body = client.get(reverse("backoffice:case", args=[case.reference])).content.decode()
    assert f'<span class="badge badge--status">{label}</span>' in body


def test_a_token_from_someone_elses_form_opens_the_case_typed_not_theirs(
    case_manager, other_case_manager, client
):
    """Reusing another case's token neither shows that (confidential) case's reference nor
    drops the intake just typed."""
    theirs = open_case(
        name="Zephyrine Quillfeather",
        reasons=["safety"],
        client_token="form-token-1",
        opened_by=other_case_manager,
        assignee=other_case_manager,
    )
    client.force_login(case_manager)
    response = client.post(reverse("backoffice:case_create"), _new_case_form())
    mine = Case.objects.exclude(pk=theirs.pk).get()
    assert response.status_code == 302
    assert response["Location"] == reverse("backoffice:case", args=[mine.reference])
    assert mine.person.name == "Ifeoma Thornbury"
    assert theirs.reference not in client.get(response["Location"]).content.decode()


def test_a_confidential_case_opened_without_an_assignee_is_the_case_managers(case_manager, client):
    client.force_login(case_manager)
    form = client.get(reverse("backoffice:case_create")).content.decode()
    assert "A confidential case is assigned to you unless you choose someone." in form
    response = client.post(
        reverse("backoffice:case_create"), _new_case_form(confidential="on", reasons=["safety"])
    )
    case = Case.objects.get()
    assert case.confidential and case.assignee == case_manager
    assert client.get(response["Location"]).status_code == 200


def test_a_case_manager_who_makes_an_unassigned_case_confidential_keeps_it(case_manager, client):
    case = open_case()
    client.force_login(case_manager)
    response = client.post(
        reverse("backoffice:case_details", args=[case.reference]),
        {"case_type": "pet_support", "urgency": "normal", "confidential": "on"},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.confidential and case.assignee == case_manager
    assert client.get(reverse("backoffice:case", args=[case.reference])).status_code == 200


def test_a_supervisor_may_leave_a_confidential_case_unassigned(supervisor, client):
    client.force_login(supervisor)
    client.post(reverse("backoffice:case_create"), _new_case_form(confidential="on"))
    case = Case.objects.get()
    assert case.confidential and case.assignee is None


def _section(page: str, section: str) -> str:
    return page.split(f'id="{section}"')[1].split("</section>")[0]


def test_each_action_is_confirmed_where_the_page_lands_in_the_staff_language(case_manager, client):
    case = open_case(assignee=case_manager)
    client.force_login(case_manager)

    def act(action, **data):
        response = client.post(
            reverse(f"backoffice:case_{action}", args=[case.reference]), data, follow=True
        )
        return response.redirect_chain[-1][0], response.content.decode()

    where, page = act("note", kind="call", body="Called back.")
    assert where.endswith("#timeline")
    assert (
        '<div class="messages" role="status"><p class="message message--success">Note added.'
        in (_section(page, "timeline"))
    )
    assert "Note added." not in _section(page, "followups")  # said once, where it happened
    where, page = act("followup", due_on="2030-05-01", note="Ask about the deposit")
    assert where.endswith("#followups") and "Follow-up planned." in _section(page, "followups")
    where, page = act("refer", partner_name="Tenant Rights Hotline", status="referred")
    assert where.endswith("#referrals") and "Referral added." in _section(page, "referrals")
    # A message is shown once: the next page is quiet.
    assert "Referral added." not in client.get(where).content.decode()
    UserProfile.objects.update_or_create(user=case_manager, defaults={"preferred_language": "es"})
    _where, page = act("note", kind="call", body="Otra llamada.")
    assert "Nota añadida." in _section(page, "timeline")


def test_the_timeline_is_newest_first_under_the_note_box(case_manager, client):
    case = open_case(assignee=case_manager)
    client.force_login(case_manager)
    for body in ("First call.", "Second call."):
        client.post(
            reverse("backoffice:case_note", args=[case.reference]), {"body": body, "kind": "call"}
        )
    timeline = _section(
        client.get(reverse("backoffice:case", args=[case.reference])).content.decode(), "timeline"
    )
    assert (
        timeline.index("Add a note")
        < timeline.index("Second call.")
        < timeline.index("First call.")
    )


@pytest.mark.parametrize(
    ("lang", "day"),
    [("en", "Nov. 30, 2026"), ("es", "30 de noviembre de 2026"), ("zh-hans", "2026年11月30日")],
)
def test_a_case_page_writes_every_date_one_way(case_manager, client, lang, day):
    """It showed "2026-11-30", "11/30/2026" and "Dec. 1, 2026" on one page."""
    import datetime
    import re

    import time_machine
    from django.utils import timezone

    from backoffice import services

    UserProfile.objects.update_or_create(user=case_manager, defaults={"preferred_language": lang})
    noon = timezone.make_aware(datetime.datetime(2026, 11, 30, 12, 0))
    with time_machine.travel(noon, tick=False):
        case = open_case(assignee=case_manager, opened_by=case_manager)
        services.case_followup_add(
            case=case, actor=case_manager, due_on=datetime.date(2026, 11, 30), assignee=case_manager
        )
    client.force_login(case_manager)
    pages = [
        client.get(reverse("backoffice:case", args=[case.reference])).content.decode(),
        client.get(reverse("backoffice:queue")).content.decode(),
        client.get(reverse("backoffice:person", args=[case.person.pk])).content.decode(),
    ]
    for body in pages:
        shown = re.sub(r'(datetime|value|min|max)="[^"]*"', "", body)  # machine-read attributes
        assert day in shown
        assert "2026-11-30" not in shown
        assert not re.search(r"\b\d{1,2}/\d{1,2}/\d{2,4}\b", shown)


def test_back_office_templates_write_dates_only_through_day_and_moment():
    """One home for the back office's date style: ``backoffice_tags.day`` and ``moment``."""
    import re
    from pathlib import Path

    import backoffice

    root = Path(backoffice.__file__).parent / "templates"
    found = [
        f"{path.relative_to(root)}: {match}"
        for path in root.rglob("*.*")
        for match in re.findall(r"\|date:[\"'](?!c[\"'])[^\"']*[\"']", path.read_text())
    ]
    assert found == []


FIVE_YEARS = "Choose a day within the next five years."


@pytest.mark.parametrize(
    ("due_on", "said"), [("9999-12-31", FIVE_YEARS), ("20277-01-01", "Enter a valid date.")]
)
def test_a_follow_up_years_away_is_refused_and_what_was_typed_stays(
    case_manager, client, due_on, said
):
    """A slip of the keyboard would plan a follow-up nobody is ever reminded of."""
    case = open_case(assignee=case_manager)
    client.force_login(case_manager)
    url = reverse("backoffice:case_followup", args=[case.reference])
    response = client.post(url, {"due_on": due_on, "note": "Ask about the deposit"})
    assert response.status_code == 400
    page = response.content.decode()
    assert said in page and "Ask about the deposit" in page
    assert case.followups.count() == 0


def test_a_follow_up_is_planned_up_to_five_years_ahead(case_manager, client):
    case = open_case(assignee=case_manager)
    client.force_login(case_manager)
    url = reverse("backoffice:case_followup", args=[case.reference])
    last = timezone.localdate() + datetime.timedelta(days=5 * 366)
    assert client.post(url, {"due_on": last.isoformat()}).status_code == 302
    later = (last + datetime.timedelta(days=1)).isoformat()
    assert FIVE_YEARS in client.post(url, {"due_on": later}).content.decode()
    assert case.followups.count() == 1
