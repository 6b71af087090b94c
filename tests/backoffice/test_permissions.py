"""The permission matrix: every back-office URL, every role, and every confidential path."""

import pytest
from django.urls import URLPattern, reverse

from backoffice import urls as backoffice_urls
from backoffice.factories import PetReportFactory, ReportPhotoFactory
from backoffice.metrics import DateRange
from backoffice.models import AuditEntry
from backoffice.views.cases import CASE_ACTIONS

ROLES = ["anonymous", "content_editor", "case_manager", "other_case_manager", "supervisor"]
DASHBOARD_TABLES = [
    "opened_resolved",
    "open_by_status",
    "overdue_followups",
    "first_contact",
    "outcomes",
    "needs",
    "reasons",
    "languages",
    "channels",
    "kept_together_board",
]


@pytest.fixture
def matrix_world(world):
    """``world`` with a lost pet report (and its photo) on each case, for the board's pages."""
    for case in (world["plain"], world["secret"]):
        ReportPhotoFactory(report=PetReportFactory(case=case, publish_consent=True))
    return world


def _urls(world):
    """(url name, method, url, kind). Kinds decide who gets in; see ``_expected``."""
    plain, secret = world["plain"], world["secret"]
    rows = [
        ("queue", "get", reverse("backoffice:queue"), "staff"),
        ("board_queue", "get", reverse("backoffice:board_queue"), "supervisor"),
        ("queue_export", "get", reverse("backoffice:queue_export"), "staff"),
        ("case_create", "get", reverse("backoffice:case_create"), "staff"),
        ("followups", "get", reverse("backoffice:followups"), "staff"),
        ("dashboard", "get", reverse("backoffice:dashboard"), "supervisor"),
        ("audit_log", "get", reverse("backoffice:audit_log"), "supervisor"),
        ("not_found", "get", "/backoffice/nothing-here/", "missing"),
        ("not_found", "get", reverse("backoffice:case", args=["PS-1999-000001"]), "missing"),
        ("not_found", "get", reverse("backoffice:person", args=[999999]), "missing"),
    ]
    rows += [
        ("dashboard_csv", "get", reverse("backoffice:dashboard_csv", args=[t]), "supervisor")
        for t in DASHBOARD_TABLES
    ]
    for case, kind in ((plain, "staff"), (secret, "secret")):
        person = case.person_id
        rows += [
            ("case", "get", reverse("backoffice:case", args=[case.reference]), kind),
            ("person", "get", reverse("backoffice:person", args=[person]), kind),
            ("person_edit", "get", reverse("backoffice:person_edit", args=[person]), kind),
            ("case_create", "get", reverse("backoffice:case_create") + f"?person={person}", kind),
            (
                "person_export",
                "get",
                reverse("backoffice:person_export", args=[person]),
                "supervisor",
            ),
            (
                "person_merge",
                "get",
                reverse("backoffice:person_merge", args=[person]),
                "supervisor",
            ),
        ]
        report = case.pet_report
        photo = report.photos.get()
        rows += [
            (
                "report_photo",
                "get",
                reverse("backoffice:report_photo", args=[photo.public_id]),
                kind,
            ),
            # Moderating is the Supervisors' (an empty hide form or a report a moderator may not
            # approve goes back with a message).
            (
                "report_approve",
                "post",
                reverse("backoffice:report_approve", args=[report.pk]),
                kind + "_moderate",
            ),
            (
                "report_hide",
                "post",
                reverse("backoffice:report_hide", args=[report.pk]),
                kind + "_moderate",
            ),
        ]
        for action, view_class in CASE_ACTIONS.items():
            name = "case_" + action.replace("-", "_")
            url = reverse(f"backoffice:{name}", args=[case.reference])
            rows.append((name, "post", url, kind + "_post"))
            # Longer forms (case details, add a pet) have a page of their own; the others are
            # POST-only and a GET goes back to the case page.
            get_kind = "_action_page" if view_class.page_template else "_action_get"
            rows.append((name, "get", url, kind + get_kind))
    return rows


def _expected(role, kind):
    if role == "anonymous":
        return 302
    if role == "content_editor":
        return 403
    allowed = {
        "staff": 200,
        "staff_post": 400,  # an empty form: re-rendered with its errors
        "staff_action_get": 302,
        "staff_action_page": 200,
        "secret": 200,
        "secret_post": 400,
        "secret_action_get": 302,
        "secret_action_page": 200,
        "supervisor": 200,
        "staff_moderate": 302,
        "secret_moderate": 302,
        "missing": 404,
    }[kind]
    if kind == "supervisor" and role != "supervisor":
        return 403
    if kind.endswith("_moderate") and role != "supervisor":
        return 403  # refused before the report is looked up: it says nothing of the case
    if kind.startswith("secret") and role == "other_case_manager":
        return 404  # someone else's confidential case does not exist for them
    return allowed


def _status(client, method, url):
    """The response's status. A back-office 404 or 403 is the back office's own page, never a
    redirect into the public site."""
    response = getattr(client, method)(url)
    assert not response.get("Location", "").startswith("/en/"), (url, response["Location"])
    if response.status_code in (403, 404):
        assert "Pet support back office" in response.content.decode(), url
    return response.status_code


def test_matrix_covers_every_backoffice_url(matrix_world):
    names = {p.name for p in backoffice_urls.urlpatterns if isinstance(p, URLPattern)}
    covered = {name for name, _method, _url, _kind in _urls(matrix_world)}
    assert names <= covered, names - covered


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(role, matrix_world, request, client):
    user = None if role == "anonymous" else request.getfixturevalue(role)
    if user is not None:
        client.force_login(user)
    wrong = []
    for name, method, url, kind in _urls(matrix_world):
        status = _status(client, method, url)
        expected = _expected(role, kind)
        if status != expected:
            wrong.append((name, method, url, status, expected))
    if role == "anonymous":
        response = client.get(reverse("backoffice:queue"))
        assert response["Location"] == reverse("wagtailadmin_login") + "?next=/backoffice/"
    assert wrong == [], "\n".join(map(str, wrong))


SECRET_MARKERS = ("Quillfeather", "zephyrine", "555-0177")


def _leaks(response, secret, url):
    """Secret markers in the response, except the search words echoed back in the search box."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    text = content.decode().lower()
    markers = [m for m in (*SECRET_MARKERS, secret.reference) if m.lower() not in url.lower()]
    return [m for m in markers if m.lower() in text]


def _confidential_paths(secret):
    year = DateRange.last_year()
    drill = f"?status=all&need=temporary_care&opened_after={year.start}&opened_before={year.end}"
    return [
        reverse("backoffice:queue"),
        reverse("backoffice:queue") + "?status=all",
        reverse("backoffice:queue") + "?status=all&q=Quillfeather",
        reverse("backoffice:queue") + f"?status=all&q={secret.reference}",
        reverse("backoffice:queue") + "?status=all&q=503-555-0177",
        reverse("backoffice:queue") + "?status=all&q=zephyrine@example.org",
        reverse("backoffice:queue") + "?status=all&overdue=on",
        reverse("backoffice:queue") + drill,  # the dashboard's drill-down link for a need
        reverse("backoffice:queue_export") + "?status=all",
        reverse("backoffice:queue_export") + "?status=all&q=Quillfeather",
        reverse("backoffice:followups"),
    ]


def test_confidential_case_never_leaks_to_another_case_manager(world, other_case_manager, client):
    secret = world["secret"]
    client.force_login(other_case_manager)
    for url in _confidential_paths(secret):
        response = client.get(url)
        assert response.status_code == 200, url
        assert _leaks(response, secret, url) == [], url
        if response.context and "page_obj" in response.context:
            assert secret.reference not in [c.reference for c in response.context["cases"]]
    # Counts per status do not count it either.
    response = client.get(reverse("backoffice:queue") + "?status=all")
    tabs = {tab["value"]: tab["count"] for tab in response.context["status_tabs"]}
    assert tabs["all"] == 1
    assert _status(client, "get", reverse("backoffice:case", args=[secret.reference])) == 404
    assert _status(client, "get", reverse("backoffice:person", args=[secret.person_id])) == 404


@pytest.mark.parametrize("role", ["case_manager", "supervisor"])
def test_confidential_case_is_visible_to_its_case_manager_and_supervisors(
    role, world, request, client
):
    secret = world["secret"]
    user = request.getfixturevalue(role)
    client.force_login(user)
    found = client.get(reverse("backoffice:queue") + "?status=all&q=Quillfeather")
    assert secret.reference in found.content.decode()
    export = client.get(reverse("backoffice:queue_export") + "?status=all")
    assert secret.reference in b"".join(export.streaming_content).decode()

    before = AuditEntry.objects.filter(case_reference=secret.reference, action="view").count()
    page = client.get(reverse("backoffice:case", args=[secret.reference]))
    assert page.status_code == 200
    assert "Confidential case" in page.content.decode()
    entry = AuditEntry.objects.filter(case_reference=secret.reference, action="view").first()
    assert (
        AuditEntry.objects.filter(case_reference=secret.reference, action="view").count()
        == before + 1
    )
    assert entry.actor == user and entry.confidential


def test_dashboard_counts_confidential_cases_without_naming_them(world, supervisor, client):
    client.force_login(supervisor)
    response = client.get(reverse("backoffice:dashboard"))
    assert response.status_code == 200
    tables = {t.key: t for t in response.context["tables"]}
    needs = dict(tables["needs"].rows)
    assert needs["Temporary care"] == 1
    assert "Quillfeather" not in response.content.decode()


def test_wagtail_admin_links_to_the_back_office_for_case_staff_only(
    case_manager, content_editor, client
):
    client.force_login(case_manager)
    assert reverse("backoffice:queue") in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(content_editor)
    assert (
        reverse("backoffice:queue") not in client.get(reverse("wagtailadmin_home")).content.decode()
    )


@pytest.mark.parametrize("role", ["case_manager", "other_case_manager", "supervisor"])
def test_take_this_case_is_offered_exactly_when_the_assignment_rule_allows_it(
    role, world, request, client, monkeypatch
):
    """The button follows ``permissions.user_can_assign``, the rule ``case_assign`` applies."""
    from backoffice import permissions

    from .conftest import open_case

    user = request.getfixturevalue(role)
    unassigned = open_case(name="Nobody Yet")
    client.force_login(user)
    take = "Take this case"
    assert (
        take in client.get(reverse("backoffice:case", args=[unassigned.reference])).content.decode()
    )
    assigned = world["plain"]  # Carmen's
    assert (
        take
        not in client.get(reverse("backoffice:case", args=[assigned.reference])).content.decode()
    )
    # Where the rule says no, the button is gone, whatever the case looks like.
    monkeypatch.setattr(permissions, "user_can_assign", lambda *args: False)
    assert (
        take
        not in client.get(reverse("backoffice:case", args=[unassigned.reference])).content.decode()
    )


@pytest.mark.parametrize("role", ROLES)
def test_the_case_test_read_once_for_many_cases_says_what_user_can_see_case_says(
    role, world, request
):
    """The queue's counts ask who may see each group of cases through a test that reads the
    user's permissions once: it answers as ``user_can_see_case`` does, for every role and every
    kind of case (plain, confidential and hers, confidential and someone else's, nobody's)."""
    from django.contrib.auth.models import AnonymousUser

    from backoffice import permissions
    from backoffice.selectors import _CountedCases

    user = AnonymousUser() if role == "anonymous" else request.getfixturevalue(role)
    owners = [None, request.getfixturevalue("case_manager").pk, getattr(user, "pk", None)]
    test = permissions.user_can_see_case_test(user)
    for confidential in (False, True):
        for owner in owners:
            case = _CountedCases(confidential, owner)
            assert test(case) == permissions.user_can_see_case(user, case), (confidential, owner)
    assert test(world["secret"]) == permissions.user_can_see_case(user, world["secret"])
