"""The public lost and found board: only reports on it (approved, consented, open, not
confidential, not ended), its filters, its report pages and photos, and nothing of anyone's
contact details or of the owner's private detail on any of them."""

import datetime
import re
import uuid

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation

from backoffice.board import (
    contact_details_removed,
    report_on_board,
    report_publication_after_consent,
    reports_on_board,
)
from backoffice.factories import PersonFactory, PetReportFactory, ReportPhotoFactory
from backoffice.models import PetReport, TimelineEntry
from backoffice.vocabulary import (
    ChipScan,
    Colour,
    EventKind,
    Publication,
    ReportKind,
    Species,
    Status,
)
from messaging.models import Message
from messaging.vocabulary import Channel
from messaging.vocabulary import Status as MessageStatus

pytestmark = pytest.mark.django_db

PHONE, EMAIL, NAME = "(916) 555-0199", "rowena.q@example.org", "Rowena Quillfeather"
SECRET = "A notch in the left ear and a scar under the chin"
CHIP = "985112003456789"
PLACE = "1234 Juniper Hollow Lane"


@pytest.fixture(autouse=True)
def _private_store(tmp_path, settings):
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    yield


def on_board(**fields):
    """A report on the board (the reporter agreed, staff approved), its reporter's contact details
    and private detail as distinctive as can be."""
    person = fields.pop("person", None) or PersonFactory(name=NAME, phone=PHONE, email=EMAIL)
    defaults = {
        "published": True,
        "case__person": person,
        "private_detail": SECRET,
        "microchip": CHIP,
        "place": PLACE,
    }
    return PetReportFactory(**{**defaults, **fields})


def board_url(lang="en", **query):
    with translation.override(lang):
        url = reverse("board:board")
    if query:
        from urllib.parse import urlencode

        url += "?" + urlencode(query, doseq=True)
    return url


def report_url(report, name="board:report", lang="en"):
    with translation.override(lang):
        return reverse(name, args=[report.pk])


def photo_url(photo):
    return reverse("board_photo", args=[photo.public_id])


def shown(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_only_reports_on_the_board_are_listed_and_each_has_a_page(client, site):
    live = on_board(pet_name="Biscuit")
    hidden = on_board(pet_name="Hiddenpet", state=Publication.HIDDEN)
    waiting = on_board(pet_name="Waitingpet", state=Publication.PENDING)
    private = on_board(pet_name="Privatepet", state=Publication.PRIVATE)
    no_consent = on_board(pet_name="Noconsentpet", publish_consent=False)
    secret = on_board(pet_name="Secretpet", case__confidential=True)
    resolved = on_board(pet_name="Homepet", case__status=Status.RESOLVED)
    ended = on_board(pet_name="Endedpet", ends_at=timezone.now() - datetime.timedelta(minutes=1))
    html = shown(client, board_url())
    assert "Biscuit" in html
    for gone in ("Hiddenpet", "Waitingpet", "Privatepet", "Noconsentpet", "Secretpet", "Homepet"):
        assert gone not in html
    assert "Endedpet" not in html
    assert "Biscuit" in shown(client, report_url(live))
    # Once on the board: "no longer on the board" (410); never published: unknown (404).
    for report in (hidden, resolved, ended, secret):
        response = client.get(report_url(report))
        assert response.status_code == 410 and report.pet_name not in response.content.decode()
    for report in (waiting, private, no_consent):
        report.published_at = None
        report.save()
        assert client.get(report_url(report)).status_code == 404
    assert client.get(board_url() + "999999999/").status_code == 404


def test_a_report_leaves_the_board_when_its_period_ends(client, site, settings):
    settings.LOST_FOUND_BOARD_DAYS = 30
    now = timezone.now()
    fresh = on_board(pet_name="Freshpet", published_at=now - datetime.timedelta(days=20))
    stale = on_board(pet_name="Stalepet", published_at=now - datetime.timedelta(days=31))
    extended = on_board(
        pet_name="Extendedpet",
        published_at=now - datetime.timedelta(days=60),
        ends_at=now + datetime.timedelta(days=1),
    )
    assert set(reports_on_board(now=now)) == {fresh, extended}
    assert not report_on_board(stale, now=now)
    html = shown(client, board_url())
    assert "Freshpet" in html and "Extendedpet" in html and "Stalepet" not in html
    # Tomorrow, the extended one has ended too, with nothing run in between.
    later = now + datetime.timedelta(days=2)
    assert set(reports_on_board(now=later)) == {fresh}
    assert not report_on_board(extended, now=later)


def test_no_contact_detail_or_private_detail_on_any_public_page_or_photo_url(client, site):
    report = on_board(
        pet_name="Biscuit",
        marks=f"White patch on chest. Call me on {PHONE} or write to {EMAIL}",
        collar_tag="Red collar, tag reads ٩١٦٥٥٥٠١٩٩",
        direction="Towards the park, see www.example.org/biscuit",
    )
    photo = ReportPhotoFactory(report=report)
    pages = [
        board_url(),
        board_url(zip="95814", radius="5"),
        report_url(report),
        board_url("ar"),
        report_url(report, lang="ar"),
    ]
    html = "".join(shown(client, url) for url in pages)
    for detail in (PHONE, "555-0199", "5550199", EMAIL, NAME, "Rowena", SECRET, CHIP, PLACE):
        assert detail not in html, detail
    assert "٩١٦٥٥٥٠١٩٩" not in html and "www.example.org" not in html
    assert "White patch on chest" in html  # the rest of the description is there
    urls = re.findall(r'<img[^>]* src="([^"]+)"', html)
    assert photo_url(photo) in urls
    # A photo's address is its opaque id and nothing else: no report or photo number, no case
    # reference, nothing of the file's name.
    for url in urls:
        assert re.fullmatch(
            r"/lost-and-found-photos/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}/", url
        )


def test_free_text_loses_what_looks_like_a_phone_number_or_address():
    assert contact_details_removed("call 916 555 0199 now") == "call […] now"
    assert contact_details_removed("mail a.b@example.org") == "mail […]"
    assert contact_details_removed("tag ٩١٦-٥٥٥-٠١٩٩") == "tag […]"
    assert contact_details_removed("white patch, 3 years old") == "white patch, 3 years old"
    assert contact_details_removed("") == ""


def test_a_photo_is_served_only_while_its_report_is_on_the_board(client, site):
    report = on_board()
    photo = ReportPhotoFactory(report=report)
    response = client.get(photo_url(photo))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content)[:2] == b"\xff\xd8"
    for state in (Publication.PENDING, Publication.HIDDEN, Publication.ENDED, Publication.PRIVATE):
        report.state = state
        report.save()
        assert client.get(photo_url(photo)).status_code == 404, state
    report.state = Publication.PUBLISHED
    report.case.status = Status.RESOLVED
    report.case.save()
    report.save()
    assert client.get(photo_url(photo)).status_code == 404
    # Guessing: another id, a number, a path.
    for guess in (str(uuid.uuid4()), str(photo.pk), "..%2F..%2Fsettings", "x" * 300):
        assert client.get(f"/lost-and-found-photos/{guess}/").status_code == 404


def test_a_photo_of_a_waiting_report_is_never_on_a_public_page(client, site):
    waiting = on_board(state=Publication.PENDING)
    photo = ReportPhotoFactory(report=waiting)
    on_board()
    html = shown(client, board_url())
    assert str(photo.public_id) not in html
    assert client.get(photo_url(photo)).status_code == 404


def test_filters_by_kind_species_date_and_distance(client, site):
    today = timezone.localdate()
    lost_dog = on_board(pet_name="Lostdog")
    found_cat = on_board(
        pet_name="", kind=ReportKind.FOUND, species=Species.CAT, colours=[Colour.TABBY]
    )
    old = on_board(pet_name="Olddog", happened_on=today - datetime.timedelta(days=40))
    # Rancho Cordova, about 12 miles from 95814; Los Angeles, hundreds of miles away.
    nearby = on_board(pet_name="Cordovadog", zip_code="95670", latitude=38.59, longitude=-121.27)
    far = on_board(pet_name="Farawaydog", zip_code="90012", latitude=34.06, longitude=-118.24)
    nowhere = on_board(pet_name="Nowheredog", zip_code="", latitude=None, longitude=None)

    def names(**query):
        html = shown(client, board_url(**query))
        return {
            r.pet_name or "cat"
            for r in (lost_dog, found_cat, old, nearby, far, nowhere)
            if f'id="report-{r.pk}"' in html
        }

    everyone = {"Lostdog", "cat", "Olddog", "Cordovadog", "Farawaydog", "Nowheredog"}
    assert names() == everyone
    assert names(kind="found") == {"cat"}
    assert names(kind="lost", species="cat") == set()
    assert names(species="cat") == {"cat"}
    since = (today - datetime.timedelta(days=7)).isoformat()
    assert names(since=since) == everyone - {"Olddog"}
    assert names(zip="95814", radius="1") == {"Lostdog", "cat", "Olddog"}
    assert names(zip="95814", radius="25") == {"Lostdog", "cat", "Olddog", "Cordovadog"}
    # Digits of another script; the radius left out is the default (5 miles).
    assert names(zip="٩٥٨١٤") == {"Lostdog", "cat", "Olddog"}
    html = shown(client, board_url(zip="95814", radius="25"))
    assert "about 12" in html or "about 11" in html  # the distance of the one in Rancho Cordova


@pytest.mark.parametrize(
    "query",
    [
        {"zip": "00000"},
        {"zip": "abcde"},
        {"radius": "9999"},
        {"radius": "-1"},
        {"since": "2026-02-30"},
        {"since": "9999-12-31"},
        {"kind": "stolen"},
        {"species": "dragon"},
        {"page": "9" * 5000},
        {"page": "٢"},
    ],
)
def test_bad_filters_are_said_and_ignored_never_a_500(client, site, query):
    on_board(pet_name="Biscuit")
    response = client.get(board_url(**query))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Biscuit" in html
    if set(query) - {"page"}:
        assert "Please check what you entered below" in html


def test_the_board_is_paginated_without_a_query_per_report(
    client, site, django_assert_max_num_queries
):
    for n in range(25):
        ReportPhotoFactory(report=on_board(pet_name=f"Pet{n:02d}"))
    with django_assert_max_num_queries(12):
        first = shown(client, board_url())
    assert first.count('class="board-card"') == 20
    assert 'rel="next"' in first
    second = shown(client, board_url(page="2"))
    assert second.count('class="board-card"') == 5


def test_past_the_count_cap_the_board_says_more_than_and_how_to_find_the_others(
    client, site, monkeypatch
):
    from surveys.board import selectors

    monkeypatch.setattr(selectors, "COUNT_CAP", 4)
    for n in range(6):
        on_board(pet_name=f"Pet{n:02d}")
    page = shown(client, board_url("vi"))
    assert "Hơn 4 thú cưng" in page
    assert "Danh sách hiển thị 4 thú cưng mới nhất" in page
    # A filter counts again.
    assert "Hơn 4" not in shown(client, board_url("vi", species="cat"))


def test_a_card_shows_a_change_at_once_even_one_saved_without_its_timestamp(client, site):
    report = on_board(pet_name="Biscuit", breed="Beagle")
    assert "Beagle" in shown(client, board_url())
    PetReport.objects.filter(pk=report.pk).update(breed="Whippet")
    page = shown(client, board_url())
    assert "Whippet" in page and "Beagle" not in page
    # Each language its own card.
    with translation.override("vi"):
        assert "Whippet" in shown(client, board_url("vi"))


def test_the_board_and_report_pages_are_never_kept_in_the_page_cache(client, site, settings):
    settings.PAGE_CACHE_SECONDS = 600
    report = on_board(pet_name="Biscuit")
    assert "X-Page-Cache" not in client.get(board_url())
    assert "Biscuit" in shown(client, board_url())
    report.state = Publication.HIDDEN
    report.save()
    assert "Biscuit" not in shown(client, board_url())


def test_the_board_speaks_arabic_right_to_left_with_latin_values_isolated(client, site):
    on_board(pet_name="Biscuit", breed="Labrador mix")
    html = shown(client, board_url("ar", zip="95814"))
    assert 'dir="rtl"' in html
    assert "<bdi>Biscuit</bdi>" in html and "<bdi>Labrador mix</bdi>" in html
    assert "<bdi>95814</bdi>" in html


def test_the_scam_warning_is_on_the_board_and_every_report(client, site):
    report = on_board()
    for url in (board_url(), report_url(report)):
        html = shown(client, url)
        assert "Never pay a “finder” before you have seen your pet" in html
        assert "The shelter never asks for money by text message." in html


def test_a_found_pet_shows_what_the_scan_said_never_the_number(client, site):
    report = on_board(
        kind=ReportKind.FOUND, pet_name="", chip_scan=ChipScan.CHIP_FOUND, microchip=CHIP
    )
    html = shown(client, report_url(report))
    assert "Scanned: a chip was found" in html and CHIP not in html


# --- "I think this is my pet" / "I have seen this pet" ---------------------------------------


VISITOR_PHONE, VISITOR_EMAIL = "(916) 555-0123", "finder.visitor@example.net"


def write(client, report, **data):
    fields = {
        "about": "seen",
        "message": "I saw this dog by the river at 6 pm.",
        "name": "Tomasz",
        "contact": VISITOR_EMAIL,
        **data,
    }
    return client.post(report_url(report, "board:write"), fields)


def test_a_message_reaches_staff_with_its_contact_and_the_reporter_without_it(client, site):
    reporter = PersonFactory(
        name=NAME, phone=PHONE, email=EMAIL, message_consent=True, preferred_language="es"
    )
    report = on_board(person=reporter)
    response = write(
        client,
        report,
        message=f"I saw this dog by the river. Call me on {VISITOR_PHONE}.",
        contact=VISITOR_PHONE,
    )
    assert response.status_code == 302
    assert response["Location"] == report_url(report, "board:sent")
    entry = TimelineEntry.objects.get(case=report.case, kind=EventKind.BOARD_SIGHTING)
    assert VISITOR_PHONE in entry.body and entry.data["contact"] == VISITOR_PHONE
    assert entry.data["name"] == "Tomasz"
    message = Message.objects.get(subject_ref=f"case:{report.case.reference}")
    assert message.channel == Channel.EMAIL and message.recipient == EMAIL
    assert message.status in (MessageStatus.QUEUED, MessageStatus.SENT)
    assert "by the river" in message.body
    for detail in (VISITOR_PHONE, "555-0123", "Tomasz", VISITOR_EMAIL):
        assert detail not in message.body and detail not in message.subject
    assert "Nunca" in message.body or "nunca" in message.body  # in the reporter's language
    # The visitor's pages show nothing of the reporter.
    html = shown(client, report_url(report, "board:sent"))
    for detail in (PHONE, EMAIL, NAME):
        assert detail not in html


def test_without_consent_the_reporter_is_not_messaged_but_staff_still_read_it(client, site):
    reporter = PersonFactory(name=NAME, phone=PHONE, email="", message_consent=None)
    report = on_board(person=reporter)
    assert write(client, report, about="mine").status_code == 302
    assert TimelineEntry.objects.filter(case=report.case, kind=EventKind.BOARD_CLAIM).exists()
    message = Message.objects.get(subject_ref=f"case:{report.case.reference}")
    # A text is the call-back text only, and here it is not sent at all (no consent).
    assert message.channel == Channel.SMS and message.status == MessageStatus.SUPPRESSED
    assert "river" not in message.body


def test_the_honeypot_shows_the_same_page_and_keeps_nothing(client, site):
    report = on_board()
    response = write(client, report, website="http://spam.example")
    assert response.status_code == 302
    assert not TimelineEntry.objects.filter(case=report.case, kind=EventKind.BOARD_SIGHTING)
    assert not Message.objects.exists()


def test_a_bad_message_keeps_what_was_typed_and_says_what_is_wrong(client, site):
    report = on_board()
    response = write(client, report, message="", contact="not a phone", name="Tomasz")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Enter a phone number or an email address" in html
    assert 'value="Tomasz"' in html
    assert not TimelineEntry.objects.filter(case=report.case, kind=EventKind.BOARD_SIGHTING)


@override_settings(BOARD_MESSAGE_RATE="1/h")
def test_over_the_limit_the_page_keeps_the_message_and_asks_to_wait(client, site):
    report = on_board()
    assert write(client, report).status_code == 302
    response = write(client, report, message="Second message, kept here")
    assert response.status_code == 429 and response["Retry-After"]
    assert "Second message, kept here" in response.content.decode()
    assert (
        TimelineEntry.objects.filter(case=report.case, kind=EventKind.BOARD_SIGHTING).count() == 1
    )


def test_no_message_to_a_report_no_longer_on_the_board(client, site):
    report = on_board(state=Publication.HIDDEN)
    assert write(client, report).status_code == 410
    assert not TimelineEntry.objects.filter(case=report.case, kind=EventKind.BOARD_SIGHTING)


# --- What the intake service is given -------------------------------------------------------


def test_a_new_report_waits_for_approval_unless_the_site_publishes_at_once(settings):
    def sent(consent, **kwargs):
        report = PetReport(state=Publication.PRIVATE)
        report_publication_after_consent(report, consent=consent, **kwargs)
        return report

    assert (sent(False).publish_consent, sent(False).state) == (False, Publication.PRIVATE)
    settings.LOST_FOUND_PUBLISH_AT_ONCE = False
    assert sent(True).state == Publication.PENDING
    settings.LOST_FOUND_PUBLISH_AT_ONCE = True
    settings.LOST_FOUND_BOARD_DAYS = 10
    now = timezone.now()
    report = sent(True, now=now)
    assert report.state == Publication.PUBLISHED
    assert report.ends_at == now + datetime.timedelta(days=10)
    assert sent(False).state == Publication.PRIVATE


def test_a_report_sent_with_board_days_set_to_zero_still_shows_for_a_day(settings):
    """The board's own length (at least a day) decides, on sending as on approving: a report
    published at once did not leave the board the moment it arrived."""
    settings.LOST_FOUND_PUBLISH_AT_ONCE = True
    settings.LOST_FOUND_BOARD_DAYS = 0
    now = timezone.now()
    report = PetReport(state=Publication.PRIVATE)
    report_publication_after_consent(report, consent=True, now=now)
    assert report.ends_at == now + datetime.timedelta(days=1)


def test_consent_taken_back_and_given_again_never_undoes_what_staff_decided():
    hidden = PetReport(state=Publication.HIDDEN, publish_consent=True)
    report_publication_after_consent(hidden, consent=True)
    assert hidden.state == Publication.HIDDEN
    shown = PetReport(state=Publication.PUBLISHED, publish_consent=True)
    report_publication_after_consent(shown, consent=False)
    assert (shown.state, shown.publish_consent) == (Publication.PRIVATE, False)


def test_the_home_page_and_the_navigation_lead_to_the_board(client, site_tree):
    home = site_tree.page("home", "es")
    html = shown(client, home.url)
    assert f'href="{board_url("es")}"' in html
    assert html.count(f'href="{board_url("es")}"') >= 2  # the home tile and the main navigation


def test_the_board_leads_to_the_report_forms(client, site):
    html = shown(client, board_url("vi"))
    with translation.override("vi"):
        for kind in ("lost", "found"):
            assert f'href="{reverse("reports:report", args=[kind])}"' in html
