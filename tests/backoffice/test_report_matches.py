"""Matches between lost and found reports in the back office: computed when a report is made or
changed, shown with their points per attribute on both case pages to those who may see both
cases, confirmed (both cases resolve "reunited with owner", linked) or dismissed."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from backoffice.factories import CaseFactory, FollowUpFactory, PetReportFactory
from backoffice.models import (
    AuditEntry,
    MatchingSettings,
    MatchStatus,
    ReportMatch,
    TimelineEntry,
)
from backoffice.services.matches import (
    report_candidates_query,
    report_match_confirm,
    report_match_dismiss,
    report_matches_refresh,
    report_terms,
)
from backoffice.vocabulary import Channel, EventKind, Outcome, ReportKind, Status

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 20)


def lost_report(**values):
    values.setdefault("happened_on", TODAY)
    values.setdefault("colours", ["grey", "white"])
    values.setdefault("breed", "Husky")
    values.setdefault("size", "large")
    values.setdefault("sex", "female")
    return PetReportFactory(**values)


def found_report(**values):
    values.setdefault("happened_on", TODAY + dt.timedelta(days=1))
    values.setdefault("colours", ["grey"])
    values.setdefault("breed", "siberian husky")
    values.setdefault("latitude", 38.5850)
    values.setdefault("longitude", -121.4900)
    return PetReportFactory(found=True, **values)


def matches_of(report):
    field = "lost" if report.kind == ReportKind.LOST else "found"
    return list(ReportMatch.objects.filter(**{field: report}).order_by("-points"))


def test_a_new_report_gets_its_candidates_best_first_with_points_per_attribute():
    owner = lost_report()
    finder = found_report()
    vaguer = found_report(breed="", size="large", latitude=38.60, longitude=-121.50)
    scores = report_matches_refresh(report=owner)
    assert [s.found_id for s in scores] == [finder.pk, vaguer.pk]
    best = matches_of(owner)[0]
    assert best.found_id == finder.pk and best.status == MatchStatus.CANDIDATE
    assert scores[0].part("breed").shared == ("breed:husky",)
    assert scores[0].part("colours").points > 0 and scores[0].part("sex").points == 0
    assert (best.percent, best.points) == (scores[0].percent, scores[0].points)
    owner.refresh_from_db()
    assert owner.match_terms == report_terms(owner)


def test_only_open_reports_of_the_other_kind_species_window_and_area_are_scored():
    owner = lost_report()
    expected = found_report()
    found_report(species="cat")
    lost_report(latitude=38.59)  # another lost report
    found_report(happened_on=TODAY - dt.timedelta(days=5))  # found before it was lost
    found_report(happened_on=TODAY + dt.timedelta(days=400))  # far too late
    found_report(latitude=40.0, longitude=-121.49)  # ~100 miles north
    closed = found_report()
    closed.case.status = Status.CLOSED
    closed.case.save()
    # A report with no place cannot be ruled out by distance; one with the same chip anywhere.
    nowhere = found_report(latitude=None, longitude=None, zip_code="")
    owner.microchip = "985112003456789"
    owner.save()
    chipped = found_report(microchip="985 112 003 456 789", latitude=45.0, longitude=-100.0)
    rows = report_candidates_query(owner, weights=MatchingSettings.load().weights())
    assert {row["id"] for row in rows} == {expected.pk, nowhere.pk, chipped.pk}
    scores = report_matches_refresh(report=owner)
    assert scores[0].found_id == chipped.pk and scores[0].percent == 100


def test_a_found_report_is_matched_against_lost_ones_too():
    owner = lost_report()
    finder = found_report()
    report_matches_refresh(report=finder)
    assert [m.lost_id for m in matches_of(finder)] == [owner.pk]


def test_a_change_rescores_drops_what_no_longer_fits_and_keeps_decisions():
    owner = lost_report()
    finder = found_report()
    other = found_report(colours=["grey", "white"], breed="husky", sex="female")
    report_matches_refresh(report=owner)
    dismissed = ReportMatch.objects.get(lost=owner, found=other)
    dismissed.status = MatchStatus.DISMISSED
    dismissed.save()
    owner.species = "cat"
    owner.save()
    report_matches_refresh(report=owner)
    assert list(ReportMatch.objects.filter(lost=owner).values_list("found_id", "status")) == [
        (other.pk, MatchStatus.DISMISSED)
    ]
    owner.species = "dog"
    owner.save()
    report_matches_refresh(report=owner)
    assert dict(ReportMatch.objects.filter(lost=owner).values_list("found_id", "status")) == {
        finder.pk: MatchStatus.CANDIDATE,
        other.pk: MatchStatus.DISMISSED,
    }


def test_a_resolved_report_has_no_candidates():
    owner = lost_report()
    found_report()
    report_matches_refresh(report=owner)
    owner.case.status = Status.RESOLVED
    owner.case.save()
    assert report_matches_refresh(report=owner) == []
    assert not ReportMatch.objects.filter(lost=owner).exists()


def test_the_weights_staff_set_in_the_admin_are_used():
    owner = lost_report()
    found_report()
    settings = MatchingSettings.load()
    settings.breed = 0
    settings.save()
    scores = report_matches_refresh(report=owner)
    assert scores[0].part("breed").points == 0 and scores[0].part("breed").maximum == 0


def test_no_cap_on_the_candidates_kept():
    owner = lost_report()
    for i in range(30):
        found_report(latitude=38.585 + i * 0.0005)
    report_matches_refresh(report=owner)
    assert ReportMatch.objects.filter(lost=owner).count() == 30


# --- Confirming and dismissing ---------------------------------------------------------------


@pytest.fixture
def pair():
    owner = lost_report()
    finder = found_report()
    report_matches_refresh(report=owner)
    return owner, finder, ReportMatch.objects.get(lost=owner, found=finder)


def test_confirming_resolves_both_cases_reunited_linked_and_audited(pair, case_manager):
    owner, finder, match = pair
    report_match_confirm(match=match, actor=case_manager)
    for report, other in ((owner, finder), (finder, owner)):
        report.case.refresh_from_db()
        assert report.case.status == Status.RESOLVED
        assert report.case.outcome == Outcome.REUNITED
        entry = TimelineEntry.objects.get(case=report.case, kind=EventKind.MATCH_CONFIRMED)
        assert entry.data["other"] == other.case.reference
        assert AuditEntry.objects.filter(
            case_reference=report.case.reference, operation="report_match_confirm"
        ).exists()
    match.refresh_from_db()
    assert match.status == MatchStatus.CONFIRMED and match.decided_by == case_manager


def test_confirming_twice_changes_nothing(pair, case_manager):
    owner, finder, match = pair
    report_match_confirm(match=match, actor=case_manager)
    entries = TimelineEntry.objects.count()
    audits = AuditEntry.objects.count()
    report_match_confirm(match=match, actor=case_manager)
    assert TimelineEntry.objects.count() == entries and AuditEntry.objects.count() == audits


def test_a_report_matched_once_is_not_matched_again(pair, case_manager):
    owner, finder, match = pair
    lookalike = found_report()
    report_matches_refresh(report=owner)
    report_match_confirm(match=match, actor=case_manager)
    owner.case.status = Status.IN_PROGRESS  # reopened by hand, match kept
    owner.case.save()
    second = ReportMatch.objects.get(lost=owner, found=lookalike)
    with pytest.raises(Exception, match="already matched"):
        report_match_confirm(match=second, actor=case_manager)


def test_confirming_asks_about_planned_follow_ups(pair, case_manager):
    owner, finder, match = pair
    FollowUpFactory(case=finder.case, due_on=TODAY)
    with pytest.raises(Exception, match="follow-ups"):
        report_match_confirm(match=match, actor=case_manager)
    report_match_confirm(match=match, actor=case_manager, followups="cancelled")
    finder.case.refresh_from_db()
    assert finder.case.status == Status.RESOLVED


def test_dismissing_hides_the_candidate_for_good(pair, case_manager):
    owner, finder, match = pair
    report_match_dismiss(match=match, actor=case_manager)
    report_match_dismiss(match=match, actor=case_manager)
    assert TimelineEntry.objects.filter(kind=EventKind.MATCH_DISMISSED).count() == 2
    report_matches_refresh(report=finder)
    match.refresh_from_db()
    assert match.status == MatchStatus.DISMISSED


# --- The case pages --------------------------------------------------------------------------


def test_both_case_pages_show_the_candidate_with_its_points(pair, login, case_manager):
    owner, finder, match = pair
    client = login(case_manager)
    for report, other in ((owner, finder), (finder, owner)):
        page = client.get(reverse("backoffice:case", args=[report.case.reference]))
        html = page.content.decode()
        assert page.status_code == 200
        assert 'id="matches"' in html and other.case.reference in html
        assert f"{match.percent}% match" in html
        assert "Why: points per attribute" in html
        assert "Husky" in html  # the breed both say, by its name
        assert "mi apart" in html


def test_a_confidential_case_s_candidate_is_shown_only_to_who_may_see_it(
    pair, login, case_manager, other_case_manager, supervisor
):
    owner, finder, match = pair
    finder.case.confidential = True
    finder.case.assignee = other_case_manager
    finder.case.save()
    url = reverse("backoffice:case", args=[owner.case.reference])
    assert finder.case.reference not in login(case_manager).get(url).content.decode()
    assert finder.case.reference in login(supervisor).get(url).content.decode()
    # Nor can she confirm or dismiss it.
    client = login(case_manager)
    for action in ("case_match_confirm", "case_match_dismiss"):
        response = client.post(
            reverse(f"backoffice:{action}", args=[owner.case.reference]), {"match": match.pk}
        )
        assert response.status_code in (403, 404)
    match.refresh_from_db()
    assert match.status == MatchStatus.CANDIDATE


def test_confirming_from_the_case_page(pair, login, case_manager):
    owner, finder, match = pair
    client = login(case_manager)
    url = reverse("backoffice:case_match_confirm", args=[finder.case.reference])
    response = client.post(url, {"match": match.pk})
    assert response.status_code == 302 and response["Location"].endswith("#matches")
    # The second click (a double submit) is harmless.
    assert client.post(url, {"match": match.pk}).status_code == 302
    page = client.get(reverse("backoffice:case", args=[owner.case.reference])).content.decode()
    assert "Reunited: confirmed as the same pet as" in page and finder.case.reference in page
    owner.case.refresh_from_db()
    assert owner.case.outcome == Outcome.REUNITED


def test_another_case_s_match_cannot_be_decided_from_this_page(pair, login, case_manager):
    owner, finder, match = pair
    unrelated = CaseFactory(channel=Channel.PHONE)
    response = login(case_manager).post(
        reverse("backoffice:case_match_dismiss", args=[unrelated.reference]), {"match": match.pk}
    )
    assert response.status_code == 404


def test_dismissing_from_the_case_page(pair, login, case_manager):
    owner, finder, match = pair
    client = login(case_manager)
    client.post(
        reverse("backoffice:case_match_dismiss", args=[owner.case.reference]), {"match": match.pk}
    )
    html = client.get(reverse("backoffice:case", args=[owner.case.reference])).content.decode()
    assert "1 possible match dismissed." in html
    assert f'id="match-{match.pk}"' not in html


def test_the_candidates_are_paginated_in_bounded_queries(
    login, case_manager, django_assert_max_num_queries
):
    owner = lost_report()
    for i in range(25):
        found_report(latitude=38.585 + i * 0.0005)
    report_matches_refresh(report=owner)
    client = login(case_manager)
    url = reverse("backoffice:case", args=[owner.case.reference])
    client.get(url)
    with django_assert_max_num_queries(45):
        first = client.get(url).content.decode()
    assert first.count('class="match"') == 10 and "Page 1 of 3" in first
    last = client.get(url + "?page=3").content.decode()
    assert last.count('class="match"') == 5
    assert client.get(url + "?page=999999999999999999999").status_code == 200


def test_the_time_and_distance_are_said_in_words(pair, login, case_manager):
    owner, finder, match = pair
    html = login(case_manager).get(reverse("backoffice:case", args=[owner.case.reference]))
    assert "found 1 day after it was lost" in html.content.decode()


def test_a_case_that_is_not_a_report_has_no_matches_section(login, case_manager):
    case = CaseFactory()
    html = login(case_manager).get(reverse("backoffice:case", args=[case.reference]))
    assert 'id="matches"' not in html.content.decode()


def test_timezone_of_a_report_without_time_is_midday():
    owner = lost_report(happened_time=None)
    from backoffice.services.matches import report_facts_of

    when = report_facts_of(owner).when
    assert timezone.localtime(when).hour == 12


# --- Alerts to reporters ---------------------------------------------------------------------


def _alerted_owner(**values):
    owner = lost_report(match_alerts=True, **values)
    owner.case.person.email = "owner@example.org"
    owner.case.person.save()
    return owner


def test_a_reporter_who_asked_is_alerted_once_a_day_about_published_matches(
    django_capture_on_commit_callbacks,
):
    from messaging.models import Message
    from messaging.vocabulary import Purpose

    owner = _alerted_owner()
    hidden = found_report(state="pending", publish_consent=True)
    with django_capture_on_commit_callbacks(execute=True):
        report_matches_refresh(report=hidden)
    assert not Message.objects.exists()  # not on the board: not told
    shown = found_report(state="published", publish_consent=True, published_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        report_matches_refresh(report=shown)
    message = Message.objects.get()
    assert message.purpose == Purpose.ALERT and message.recipient == "owner@example.org"
    assert owner.case.reference in message.subject
    # Nothing of the finder's: their name, phone or email.
    finder = shown.case.person
    for private in (finder.name, finder.phone, finder.email):
        if private:
            assert private not in message.body and private not in message.subject
    # Another match the same day waits for tomorrow.
    later = found_report(state="published", publish_consent=True, published_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        report_matches_refresh(report=later)
    assert Message.objects.count() == 1
    from backoffice.services.match_alerts import report_match_alerts_send

    tomorrow = timezone.now() + dt.timedelta(days=1, minutes=1)
    assert report_match_alerts_send(now=tomorrow) == 1
    assert Message.objects.count() == 2
    # Nothing new since: nothing sent.
    assert report_match_alerts_send(now=tomorrow + dt.timedelta(days=2)) == 0


def test_no_alert_without_asking_or_for_a_dismissed_candidate(django_capture_on_commit_callbacks):
    from backoffice.services.match_alerts import report_match_alerts_send
    from messaging.models import Message

    quiet = lost_report()
    quiet.case.person.email = "quiet@example.org"
    quiet.case.person.save()
    owner = _alerted_owner(latitude=38.59)
    shown = found_report(state="published", publish_consent=True, published_at=timezone.now())
    report_matches_refresh(report=shown)
    ReportMatch.objects.filter(lost=owner).update(status=MatchStatus.DISMISSED)
    assert report_match_alerts_send() == 0
    assert not Message.objects.exists()


def test_a_confidential_case_s_reporter_gets_no_alert_on_an_unsafe_channel():
    from backoffice.services.match_alerts import report_match_alerts_send
    from messaging.models import Message

    owner = _alerted_owner()
    owner.case.confidential = True
    owner.case.save()
    found_report(state="published", publish_consent=True, published_at=timezone.now())
    report_matches_refresh(report=owner)
    report_match_alerts_send()
    message = Message.objects.get()
    assert message.status == "suppressed"


def test_turning_alerts_on_and_off():
    from backoffice.services.match_alerts import report_match_alerts_set

    owner = lost_report()
    report_match_alerts_set(report=owner, on=True)
    report_match_alerts_set(report=owner, on=True)
    owner.refresh_from_db()
    assert owner.match_alerts is True
    assert AuditEntry.objects.filter(operation="report_match_alerts_set").count() == 1
    report_match_alerts_set(report=owner, on=False)
    owner.refresh_from_db()
    assert owner.match_alerts is False


# --- What the reporter is shown through the private link -----------------------------------


def test_the_reporter_sees_only_published_open_candidates_and_nobody_s_contact():
    from django.template.loader import render_to_string

    from backoffice.match_selectors import reporter_matches

    owner = lost_report()
    shown = found_report(
        state="published",
        publish_consent=True,
        published_at=timezone.now(),
        breed="Husky mix, call 916-555-0199",
    )
    found_report(state="pending", publish_consent=True)
    closed = found_report(state="published", publish_consent=True, published_at=timezone.now())
    dismissed = found_report(state="published", publish_consent=True, published_at=timezone.now())
    report_matches_refresh(report=owner)
    closed.case.status = Status.RESOLVED
    closed.case.save()
    ReportMatch.objects.filter(found=dismissed).update(status=MatchStatus.DISMISSED)
    rows = reporter_matches(report=owner)
    assert [row.report.pk for row in rows] == [shown.pk]
    html = render_to_string(
        "surveys/reports/includes/matches.html", {"report_matches": rows, "lost": True}
    )
    assert "Husky mix" in html and "Grey" in html and "555-0199" not in html
    finder = shown.case.person
    for private in (finder.name, finder.phone, finder.email, shown.private_detail):
        if private:
            assert private not in html
    owner.case.status = Status.RESOLVED
    owner.case.save()
    assert reporter_matches(report=owner) == []


@pytest.mark.parametrize("value", ["", "x", "٩٩٩٩٩٩", "99999999999999999999999", "-1", "1e3"])
def test_any_match_typed_is_a_clear_answer_never_a_server_error(pair, login, case_manager, value):
    owner, finder, match = pair
    client = login(case_manager)
    for action in ("case_match_confirm", "case_match_dismiss"):
        url = reverse(f"backoffice:{action}", args=[owner.case.reference])
        assert client.post(url, {"match": value}).status_code in (400, 404)
    match.refresh_from_db()
    assert match.status == MatchStatus.CANDIDATE
    page = client.get(reverse("backoffice:case", args=[owner.case.reference]), {"page": value})
    assert page.status_code == 200


def test_saving_the_weights_in_the_admin_scores_the_open_reports_again(
    client, django_capture_on_commit_callbacks
):
    from django.contrib.auth import get_user_model
    from django.forms.models import model_to_dict

    owner = lost_report()
    found_report()
    report_matches_refresh(report=owner)
    before = {m.pk: m.points for m in ReportMatch.objects.filter(lost=owner)}
    assert before and all(points > 0 for points in before.values())
    admin = get_user_model().objects.create_superuser("weights", "w@example.org", "x")
    client.force_login(admin)
    data = model_to_dict(MatchingSettings.load(), exclude=["id"])
    data["breed"] = 0
    stored = MatchingSettings.load()
    url = reverse("wagtailsettings:edit", args=["backoffice", "matchingsettings", stored.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    after = {m.pk: m.points for m in ReportMatch.objects.filter(lost=owner)}
    assert after.keys() == before.keys()
    assert all(after[pk] < before[pk] for pk in before), (before, after)  # breed: 0


def test_the_first_read_of_the_weights_scores_nothing_again(django_capture_on_commit_callbacks):
    """The settings row is made with the defaults the first time the weights are read (by the
    first report's matching): the points already use those weights, so nothing is re-scored."""
    MatchingSettings.objects.all().delete()
    owner = lost_report()
    found_report()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        MatchingSettings.load()
        report_matches_refresh(report=owner)
    assert MatchingSettings.objects.count() == 1
    assert not [c for c in callbacks if "report_matches_rebuild" in repr(c)], callbacks


def test_an_alert_carries_a_link_that_stops_the_alerts(client, django_capture_on_commit_callbacks):
    import re

    from django.core import mail

    from messaging.models import Message

    owner = _alerted_owner()
    owner.case.language = owner.case.person.preferred_language = "vi"
    owner.case.save()
    shown = found_report(state="published", publish_consent=True, published_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        report_matches_refresh(report=shown)
    message = Message.objects.get()
    assert "Để ngừng nhận các thông báo này" in message.body
    body = mail.outbox[-1].body
    stop = re.search(r"https?://[^\s]+/vi/pet-report/alerts-stop/[^\s/]+/", body).group(0)
    path = stop.split("://", 1)[1].split("/", 1)[1]
    page = client.get("/" + path)
    assert page.status_code == 200 and "Ngừng các thông báo này" in page.content.decode()
    owner.refresh_from_db()
    assert owner.match_alerts is True  # opening the link (a mail program may) stops nothing
    # Nothing of the report on the page: neither the reference nor the pet.
    assert owner.case.reference not in page.content.decode()
    done = client.post("/" + path)
    assert done.status_code == 200
    owner.refresh_from_db()
    assert owner.match_alerts is False
    assert AuditEntry.objects.filter(operation="report_match_alerts_set").exists()
    # An altered link opens nothing.
    assert client.post("/" + path.replace("alerts-stop/", "alerts-stop/x")).status_code == 404


@pytest.mark.parametrize("decide", ["confirm", "dismiss"])
def test_the_lines_of_a_match_do_not_name_a_confidential_other_case(pair, supervisor, decide):
    owner, finder, match = pair
    finder.case.confidential = True
    finder.case.save()
    if decide == "confirm":
        report_match_confirm(match=match, actor=supervisor)
    else:
        report_match_dismiss(match=match, actor=supervisor)
    secret = finder.case.reference
    plain_lines = TimelineEntry.objects.filter(case=owner.case)
    assert plain_lines.filter(kind__startswith="match_").exists()
    assert all(secret not in str(entry.data) + entry.body for entry in plain_lines)
    audit = AuditEntry.objects.filter(case_reference=owner.case.reference)
    assert audit.filter(operation=f"report_match_{decide}").exists()
    assert all(secret not in str(entry.detail) for entry in audit)
    # The confidential case's own lines may name the plain one.
    entry = TimelineEntry.objects.get(case=finder.case, kind__startswith="match_")
    assert entry.data["other"] == owner.case.reference
