"""A case manager takes a new case to resolution in the back office; axe-core finds nothing
serious or critical on the queue and the case page."""

import os

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.browser

BLOCKING_IMPACTS = {"serious", "critical"}


def _axe_problems(tab, label):
    tab.locator("details").evaluate_all("all => all.forEach(d => { d.open = true; })")
    violations = Axe().run(tab).response["violations"]
    problems = []
    for violation in violations:
        if violation["impact"] in BLOCKING_IMPACTS:
            targets = ", ".join(str(n["target"]) for n in violation["nodes"])
            problems.append(f"{label}: {violation['id']} ({violation['impact']}) {targets}")
    tab.locator("details").evaluate_all("all => all.forEach(d => { d.open = false; })")
    return problems


def test_case_manager_takes_a_new_case_to_resolution(page):
    from backoffice import services
    from backoffice.permissions import backoffice_groups_ensure
    from demo.accounts import DEMO_ACCOUNTS, demo_accounts_load

    backoffice_groups_ensure()  # the browser tests' database is emptied between tests
    demo_accounts_load()
    case = services.case_open(
        case_type="pet_support",
        channel="survey",
        person=services.PersonDetails(
            name="Ifeoma Thornbury", phone="(503) 555-0150", preferred_language="en"
        ),
        pets=[services.PetDetails(species="cat", name="Mango")],
        needs=["urgent_vet"],
        reasons=["cost"],
        urgency="high",
        summary="Mango swallowed string; worried about the cost of the emergency visit.",
        client_token="e2e-survey-1",
    )

    page.goto("/backoffice/")
    username, _role, first, last, password = next(a for a in DEMO_ACCOUNTS if a[0] == "casemanager")
    page.fill('input[name="username"]', username)
    page.fill('input[name="password"]', password)
    page.locator('button[type="submit"]').click()
    expect(page.locator("h1")).to_have_text("Case queue")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    problems = _axe_problems(page, "queue")

    page.get_by_role("link", name=case.reference).click()
    expect(page.locator("h1")).to_contain_text(case.reference)
    problems += _axe_problems(page, "case page")

    page.get_by_role("button", name="Take this case").click()
    expect(page.get_by_text(f"{first} {last}").first).to_be_visible()

    page.get_by_label("Kind of note").select_option("call")
    page.locator("#timeline textarea[name=body]").fill(
        "Listened. A payment plan at the clinic would help."
    )
    page.get_by_role("button", name="Add note").click()
    expect(page.locator("#timeline")).to_contain_text("A payment plan at the clinic would help.")

    page.locator("summary", has_text="Change status").click()
    page.get_by_label("New status").select_option("in_progress")
    page.locator("form[action$='/status/'] button[type=submit]").click()
    expect(page.locator(".badge--status").first).to_have_text("In progress")

    page.locator("summary", has_text="Plan a follow-up").click()
    page.get_by_label("What to do").fill("Check Mango is eating again")
    page.get_by_role("button", name="Add follow-up").click()
    expect(page.locator("#followups")).to_contain_text("Check Mango is eating again")

    page.locator("summary", has_text="Refer to a resource or partner").click()
    page.get_by_label("Or the partner's name").fill("Riverside Low-Cost Vet Clinic")
    page.get_by_role("button", name="Add referral").click()
    expect(page.locator("#referrals")).to_contain_text("Riverside Low-Cost Vet Clinic")

    page.locator("summary", has_text="Resolve the case").click()
    page.locator("form[action$='/resolve/'] select[name=outcome]").select_option("kept")
    page.get_by_label("About the outcome").fill("Payment plan agreed; Mango is home.")
    page.get_by_label("They were done").check()  # the follow-up still planned
    page.get_by_role("button", name="Resolve").click()
    expect(page.locator(".badge--status").first).to_have_text("Resolved")
    expect(page.locator("#timeline")).to_contain_text("Pet kept with family")
    problems += _axe_problems(page, "resolved case page")

    case.refresh_from_db()
    assert case.status == "resolved" and case.outcome == "kept"
    assert case.assignee.username == username and case.first_contact_at is not None
    assert not problems, "axe-core found serious or critical violations:\n" + "\n".join(problems)


def test_a_supervisor_picks_the_record_to_keep_when_merging(page):
    """No record number to type: the merge page offers the records that may be the same person
    and finds others by name; the one picked is kept; axe-core finds nothing serious there."""
    from backoffice import services
    from backoffice.models import Person
    from backoffice.permissions import backoffice_groups_ensure
    from demo.accounts import DEMO_ACCOUNTS, demo_accounts_load

    backoffice_groups_ensure()
    demo_accounts_load()

    def record(name, phone):
        case = services.case_open(
            case_type="pet_support",
            channel="phone",
            person=services.PersonDetails(name=name, phone=phone, preferred_language="en"),
            needs=["food_supplies"],
        )
        return case.person

    kept = record("Ifeoma Thornbury", "(503) 555-0150")
    duplicate = record("I. Thornbury", "")
    page.goto("/backoffice/")
    username, _role, _first, _last, password = next(
        a for a in DEMO_ACCOUNTS if a[0] == "supervisor"
    )
    page.fill('input[name="username"]', username)
    page.fill('input[name="password"]', password)
    page.locator('button[type="submit"]').click()
    page.goto(f"/backoffice/people/{duplicate.pk}/merge/")
    expect(page.get_by_text("No other record has this phone number or email.")).to_be_visible()
    page.get_by_label("Find the record to keep: name, phone or email").fill("Ifeoma")
    page.get_by_role("button", name="Search", exact=True).click()
    choice = page.get_by_role("radio", name="Ifeoma Thornbury")
    expect(choice).to_be_visible()
    choice.check()
    problems = _axe_problems(page, "merge page")
    page.get_by_role("button", name="Merge into the chosen record").click()
    expect(page.get_by_text("Records merged.")).to_be_visible()
    assert Person.objects.get(pk=duplicate.pk).merged_into_id == kept.pk
    assert not problems, "axe-core found serious or critical violations:\n" + "\n".join(problems)
