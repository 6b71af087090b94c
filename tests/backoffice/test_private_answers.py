"""No cache serves one member of staff's back-office data to another: every back-office answer
tells browsers and proxies not to keep it, and what the back office itself caches (the queue's
counts) is kept per what the user may see."""

import pytest
from django.urls import URLPattern, reverse

from backoffice import urls as backoffice_urls
from backoffice.factories import CaseFactory

pytestmark = pytest.mark.django_db


def _every_backoffice_address(case, person) -> list[str]:
    """Every address of the back office's URL list (its actions too), with real arguments, and
    the staff survey mounted under it: a view added later is checked without naming it here."""
    values = {
        "reference": case.reference,
        "person_id": person.pk,
        "table": "outcomes",
        "report_id": "0",
        "public_id": "0",
    }
    addresses = []
    for pattern in backoffice_urls.urlpatterns:
        assert isinstance(pattern, URLPattern)
        if pattern.name == "not_found":
            addresses.append("/backoffice/nothing-here/")
            continue
        names = pattern.pattern.converters.keys() or pattern.pattern.regex.groupindex.keys()
        addresses.append(
            reverse(f"backoffice:{pattern.name}", kwargs={n: values[n] for n in names})
        )
    addresses.append(reverse("surveys_staff:intake"))
    return addresses


@pytest.mark.parametrize("who", ["case_manager", "supervisor"])
def test_every_back_office_answer_is_private_and_never_stored(who, world, request, client):
    user = request.getfixturevalue(who)
    case = world["secret"]  # confidential, the case manager's own: every page opens
    client.force_login(user)
    addresses = _every_backoffice_address(case, case.person)
    assert len(addresses) > 20
    for address in addresses:
        response = client.get(address)
        cache_control = response.get("Cache-Control", "")
        assert "private" in cache_control and "no-store" in cache_control, (address, response)
        assert "Cookie" in response.get("Vary", ""), address


def test_a_refusal_is_private_too(content_editor, client):
    """A signed-in user without the back office gets the 403 page: not stored either."""
    client.force_login(content_editor)
    response = client.get(reverse("backoffice:queue"))
    assert response.status_code == 403
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def _tab_counts(response) -> dict:
    return {tab["value"]: tab["count"] for tab in response.context["status_tabs"]}


def test_queue_counts_cached_for_one_case_manager_are_not_anothers(
    case_manager, other_case_manager, supervisor, client
):
    """The counts per status are cached in the shared cache; a case manager's include her own
    confidential cases, which another case manager, asking with the very same filters right
    after, must not be counted (nor the supervisor's counts of every case be served to her)."""
    CaseFactory(assignee=case_manager, confidential=True, safety_concern=True)
    CaseFactory(assignee=other_case_manager)
    url = reverse("backoffice:queue") + "?status=all"

    client.force_login(supervisor)
    assert _tab_counts(client.get(url))["all"] == 2
    client.force_login(case_manager)
    assert _tab_counts(client.get(url))["all"] == 2  # her own confidential case is hers to see
    client.force_login(other_case_manager)
    response = client.get(url)
    assert _tab_counts(response)["all"] == 1
    assert len(response.context["cases"]) == 1


def test_queue_counts_are_counted_once_for_every_case_manager_with_the_same_filters(
    case_manager, other_case_manager, supervisor, client
):
    """A search's counts per status cost hundreds of milliseconds at 500,000 cases: counted once
    for everyone asking with the same filters (not once per member of staff, as when the
    statement carried her visibility), yet each sees only what she may: her own confidential
    cases, never another's."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    CaseFactory(assignee=case_manager, confidential=True, safety_concern=True)
    CaseFactory(assignee=other_case_manager, confidential=True, safety_concern=True)
    CaseFactory(assignee=None, confidential=True, safety_concern=True)
    CaseFactory(assignee=other_case_manager)
    url = reverse("backoffice:queue") + "?status=all"

    def counted(user):
        client.force_login(user)
        with CaptureQueriesContext(connection) as queries:
            tabs = _tab_counts(client.get(url))
        grouped = [q["sql"] for q in queries if "GROUP BY" in q["sql"] and "COUNT(" in q["sql"]]
        return tabs["all"], len(grouped)

    assert counted(case_manager) == (2, 1)  # counted: hers and the one that is not confidential
    assert counted(other_case_manager) == (2, 0)  # the same count, read again
    assert counted(supervisor) == (4, 0)
