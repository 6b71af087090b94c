"""The lost and found report forms and the reporter's private link, as a visitor lives them."""

import io
import os
import re
import time

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone, translation
from PIL import Image

from backoffice.factories import FollowUpFactory
from backoffice.models import Case, PetReport, ReportPhoto
from backoffice.report_links import report_of_token
from backoffice.services.lost_found import report_link_issue
from backoffice.vocabulary import CaseType, Channel, Outcome, Publication, ReportKind, Status
from surveys.reports import held

pytestmark = pytest.mark.django_db

PRIVATE_LINK = re.compile(
    r'href="(?:https?://[^/"]+)?(/[a-z-]+/pet-report/private/([A-Za-z0-9_-]+)/)"'
)
SECRET = "A white star under the chin fur"
PHONE, EMAIL, NAME = "(916) 555-0199", "finder.private@example.org", "Quynh Private"


@pytest.fixture(autouse=True)
def _private_store(tmp_path):
    with override_settings(PRIVATE_MEDIA_ROOT=str(tmp_path / "private")):
        yield tmp_path / "private"


def url(name, lang="en", *args):
    with translation.override(lang):
        return reverse(f"reports:{name}", args=args or None)


def jpeg(width=320, height=240, **params):
    out = io.BytesIO()
    Image.new("RGB", (width, height), (180, 120, 60)).save(out, "JPEG", **params)
    out.seek(0)
    out.name = "pet.jpg"
    return out


def lost_data(**changes):
    data = {
        "species": "dog",
        "pet_name": "Biscuit",
        "breed": "Labrador Retriever",
        "colours": ["golden", "white"],
        "sex": "female",
        "size": "large",
        "age_group": "adult",
        "marks": "White patch on the chest",
        "collar_tag": "Red collar, bone-shaped tag",
        "microchip": "985 112 003 456",
        "happened_on": timezone.localdate().isoformat(),
        "happened_time": "18:30",
        "place": "J St and 10th St",
        "zip_code": "95814",
        "direction": "Towards the river",
        "temperament": ["shy"],
        "private_detail": SECRET,
        "name": NAME,
        "phone": PHONE,
        "email": EMAIL,
        "publish_consent": "on",
        "client_token": "a" * 32,
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def found_data(**changes):
    data = lost_data(pet_name=None, private_detail=None, microchip="", chip_scan="no_chip")
    data.update({"can_keep": "yes", "client_token": "b" * 32})
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def send(client, kind="lost", lang="en", **changes):
    data = (lost_data if kind == "lost" else found_data)(**changes)
    return client.post(url("report", lang, kind), data)


def private_link(client, lang="en"):
    page = client.get(url("sent", lang)).content.decode()
    match = PRIVATE_LINK.search(page)
    assert match, page
    return match.group(1), match.group(2)


# --- The forms ------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "es", "zh-hans", "vi", "ar"])
@pytest.mark.parametrize("kind", ["lost", "found"])
def test_both_forms_answer_in_every_language_without_javascript(client, lang, kind):
    response = client.get(url("report", lang, kind))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'enctype="multipart/form-data"' in page and "<datalist" in page
    assert f'lang="{lang}"' in page
    assert ("private_detail" in page) == (kind == "lost")
    assert ("chip_scan" in page) == (kind == "found")
    assert "<script" not in page.split("<main", 1)[-1].split("</main>", 1)[0]


def test_a_lost_report_opens_a_lost_pet_case_with_its_report_and_photos(client):
    photo = jpeg()
    response = client.post(url("report", "en", "lost"), {**lost_data(), "photos": [photo, jpeg()]})
    assert response.status_code == 302, response.content.decode()[:2000]
    case = Case.objects.get()
    assert (case.case_type, case.channel) == (CaseType.LOST_PET, Channel.LOST_FOUND)
    assert case.person.name == NAME and case.person.email == EMAIL
    report = case.pet_report
    assert report.kind == ReportKind.LOST and report.microchip == "985112003456"
    assert report.colours == ["golden", "white"] and report.temperament == ["shy"]
    assert (report.latitude, report.longitude) == pytest.approx((38.58, -121.49), abs=0.01)
    assert report.state == Publication.PENDING and report.private_detail == SECRET
    assert report.photos.count() == 2
    assert case.pets.get().name == "Biscuit"


def test_a_found_report_opens_a_found_pet_case_and_keeps_no_owner_fields(client):
    response = send(client, "found", private_detail="should not be kept")
    assert response.status_code == 302
    report = PetReport.objects.get()
    assert report.kind == ReportKind.FOUND and report.case.case_type == CaseType.FOUND_PET
    assert report.private_detail == "" and report.chip_scan == "no_chip"
    assert report.can_keep == "yes"


def test_without_consent_the_report_is_never_for_the_board(client):
    send(client, publish_consent=None)
    assert PetReport.objects.get().state == Publication.PRIVATE


@override_settings(LOST_FOUND_PUBLISH_AT_ONCE=True, LOST_FOUND_BOARD_DAYS=10)
def test_a_site_set_to_publish_at_once_publishes_with_consent(client):
    send(client)
    report = PetReport.objects.get()
    assert report.state == Publication.PUBLISHED
    assert (report.ends_at - report.published_at).days == 10


def test_a_double_submit_opens_one_case_and_shows_the_same_link(client):
    send(client)
    first = private_link(client)
    send(client)
    assert Case.objects.count() == 1 and PetReport.objects.count() == 1
    assert private_link(client) == first


def test_a_bad_photo_gets_a_clear_error_and_everything_typed_is_kept(client, _private_store):
    bad = io.BytesIO(b"<?php system($_GET['c']); ?>")
    bad.name = "dog.jpg"
    response = client.post(url("report", "en", "lost"), {**lost_data(), "photos": [jpeg(), bad]})
    assert response.status_code == 400
    page = response.content.decode()
    assert "is not a photo we can read" in page and "dog.jpg" in page
    for kept in ("Biscuit", "White patch on the chest", "J St and 10th St", "95814", SECRET, NAME):
        assert kept in page
    assert re.search(r'value="golden"[^>]*checked', page)
    assert not re.search(r'value="black"[^>]*checked', page)
    assert len(held_keys(page)) == 1  # the good photo is kept for the next try, the bad one not
    assert not Case.objects.exists() and not ReportPhoto.objects.exists()
    assert [p.parent.name for p in _private_store.rglob("*") if p.is_file()] == ["held"]


HELD_BOX = re.compile(
    r'<input type="checkbox" name="photos_held" value="([A-Za-z0-9_-]+)"( checked)?'
)


def held_keys(page, *, ticked=True):
    return [key for key, checked in HELD_BOX.findall(page) if checked or not ticked]


def test_photos_on_a_form_sent_back_for_another_field_are_kept_and_sent_with_it(
    client, _private_store
):
    data = {**lost_data(species=""), "photos": [jpeg(), jpeg(100, 80)]}
    response = client.post(url("report", "vi", "lost"), data)
    page = response.content.decode()
    assert response.status_code == 400 and not Case.objects.exists()
    assert "Những ảnh quý vị đã chọn" in page  # the legend, translated
    keys = held_keys(page)
    assert len(keys) == 2 and 'id="photos-again"' not in page
    shown = client.get(url("held_photo", "vi", keys[1]))
    assert shown.status_code == 200 and shown["Content-Type"] == "image/jpeg"
    assert Image.open(io.BytesIO(b"".join(shown.streaming_content))).size == (100, 80)

    response = client.post(url("report", "vi", "lost"), {**lost_data(), "photos_held": keys})
    assert response.status_code == 302
    report = PetReport.objects.get()
    assert [(p.width, p.height) for p in report.photos.order_by("position")] == [
        (320, 240),
        (100, 80),
    ]
    assert not any((_private_store / "held").iterdir())  # the report keeps its own copies
    assert client.get(url("held_photo", "vi", keys[0])).status_code == 404


def test_a_held_photo_left_unticked_is_not_sent_and_new_ones_join_the_held(client):
    page = client.post(
        url("report", "en", "lost"), {**lost_data(zip_code=""), "photos": [jpeg(), jpeg(90, 90)]}
    ).content.decode()
    first, second = held_keys(page)
    page = client.post(
        url("report", "en", "lost"),
        {**lost_data(zip_code=""), "photos_held": [second], "photos": [jpeg(60, 40)]},
    ).content.decode()
    assert held_keys(page, ticked=False)[:2] == [first, second]
    ticked = held_keys(page)
    assert first not in ticked and second in ticked and len(ticked) == 2  # the new one ticked
    client.post(url("report", "en", "lost"), {**lost_data(), "photos_held": ticked})
    sizes = [(p.width, p.height) for p in PetReport.objects.get().photos.order_by("position")]
    assert sizes == [(90, 90), (60, 40)]


def test_held_photos_count_against_the_four_a_report_may_have(client):
    page = client.post(
        url("report", "en", "lost"),
        {**lost_data(zip_code=""), "photos": [jpeg() for _ in range(3)]},
    ).content.decode()
    keys = held_keys(page)
    response = client.post(
        url("report", "en", "lost"),
        {**lost_data(), "photos_held": keys, "photos": [jpeg() for _ in range(2)]},
    )
    page = response.content.decode()
    assert response.status_code == 400 and not Case.objects.exists()
    assert "4 photos can be sent in all, and 3 are kept above: choose at most 1 more" in page
    assert held_keys(page) == keys


def test_held_photos_belong_to_the_browser_that_chose_them(client, django_user_model):
    page = client.post(
        url("report", "en", "lost"), {**lost_data(zip_code=""), "photos": [jpeg()]}
    ).content.decode()
    (key,) = held_keys(page)
    other = Client()
    assert other.get(url("held_photo", "en", key)).status_code == 404
    response = other.post(url("report", "en", "lost"), {**lost_data(), "photos_held": [key]})
    assert response.status_code == 400 and not Case.objects.exists()  # not sent with theirs
    assert "is gone now: choose it again" in response.content.decode()
    assert client.get(url("held_photo", "en", key)).status_code == 200  # still the first's


def test_a_held_photo_is_forgotten_after_the_idle_time_and_the_form_says_so(client, settings):
    settings.SURVEY_IDLE_MINUTES = 30
    page = client.post(
        url("report", "en", "lost"), {**lost_data(zip_code=""), "photos": [jpeg()]}
    ).content.decode()
    (key,) = held_keys(page)
    session = client.session
    session[held.SESSION_KEY][0]["at"] -= 31 * 60
    session.save()
    response = client.post(url("report", "en", "lost"), {**lost_data(), "photos_held": [key]})
    page = response.content.decode()
    assert response.status_code == 400 and not Case.objects.exists()
    assert "was kept for 30 minutes only and is gone now: choose it again" in page
    assert held_keys(page) == [] and client.get(url("held_photo", "en", key)).status_code == 404


def test_a_fresh_form_and_the_robots_trap_leave_nothing_held(client, _private_store):
    def hold():
        page = client.post(
            url("report", "en", "lost"), {**lost_data(zip_code=""), "photos": [jpeg()]}
        ).content.decode()
        return held_keys(page)

    assert hold()
    client.get(url("report", "en", "lost"))  # a new report begun: the earlier try is gone
    assert not any((_private_store / "held").iterdir())
    keys = hold()
    client.post(url("report", "en", "lost"), {**lost_data(website="x"), "photos_held": keys})
    assert not Case.objects.exists() and not any((_private_store / "held").iterdir())


@override_settings(LOST_FOUND_HOLD_RATE="1/h")
def test_past_the_holding_limit_photos_are_asked_for_again_at_the_top(client):
    cache.clear()
    data = {**lost_data(species=""), "photos": [jpeg()]}
    assert held_keys(client.post(url("report", "vi", "lost"), data).content.decode())
    page = client.post(url("report", "vi", "lost"), {**data, "photos": [jpeg(), jpeg()]})
    page = page.content.decode()
    notice = page.index('id="photos-again"')
    assert notice < page.index('class="survey__form"')  # read with the errors, before the form
    assert "2 ảnh quý vị đã chọn chưa được giữ lại" in page
    assert 'href="#photos"' in page[notice : notice + 600]


def test_photos_held_by_browsers_that_never_came_back_are_deleted_by_the_command(
    client, _private_store
):
    client.post(
        url("report", "en", "lost"),
        {**lost_data(zip_code=""), "photos": [jpeg() for _ in range(2)]},
    )
    old, recent = sorted((_private_store / "held").iterdir())
    long_ago = time.time() - 2 * 60 * 60
    os.utime(old, (long_ago, long_ago))
    out = io.StringIO()
    call_command("forget_abandoned_surveys", stdout=out)
    assert "Photos held for lost and found report forms deleted: 1." in out.getvalue()
    assert list((_private_store / "held").iterdir()) == [recent]


def test_a_bad_photo_error_is_translated(client):
    bad = io.BytesIO(b"<html><body>hi</body></html>")
    bad.name = "cho.jpg"
    response = client.post(url("report", "vi", "found"), {**found_data(), "photos": [bad]})
    assert response.status_code == 400
    assert "không phải là ảnh" in response.content.decode()


def test_five_photos_are_refused(client):
    response = client.post(
        url("report", "en", "lost"), {**lost_data(), "photos": [jpeg() for _ in range(5)]}
    )
    assert response.status_code == 400 and "Choose at most 4 photos." in response.content.decode()
    assert not Case.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"phone": "", "email": ""}, "Give a phone number or an email address"),
        ({"zip_code": ""}, "Enter the ZIP code of the place."),
        ({"happened_on": "2999-01-01"}, "The date cannot be in the future."),
        ({"happened_on": ""}, "Enter the date, even roughly."),
        ({"species": "dragon"}, "Select a valid choice."),
        ({"colours": ["plaid"]}, "Select a valid choice."),
    ],
)
def test_what_is_missing_or_wrong_is_said_and_nothing_is_opened(client, changes, message):
    response = send(client, **changes)
    assert response.status_code == 400 and message in response.content.decode()
    assert not Case.objects.exists()


def test_digits_of_any_script_are_read(client):
    send(client, zip_code="٩٥٨١٤", happened_on="٢٠٢٦-٠١-٠٢", microchip="٩٨٥ ١١٢")
    report = PetReport.objects.get()
    assert report.zip_code == "95814" and report.microchip == "985112"
    assert report.happened_on.isoformat() == "2026-01-02"


@override_settings(LOST_FOUND_REPORT_RATE="2/h")
def test_over_the_limit_the_form_keeps_what_was_typed(client):
    cache.clear()
    send(client, client_token="1" * 32)
    send(client, client_token="2" * 32)
    response = send(client, client_token="3" * 32)
    assert response.status_code == 429 and "Biscuit" in response.content.decode()
    assert Case.objects.count() == 2


def test_a_robot_filling_the_trap_opens_nothing(client):
    assert send(client, website="http://spam.example").status_code == 302
    assert not Case.objects.exists()


# --- The private link -----------------------------------------------------------------------------


def test_the_sent_page_gives_a_private_link_that_opens_the_report(client):
    send(client)
    link, token = private_link(client)
    report = PetReport.objects.get()
    assert report_of_token(token) == report
    assert token not in report.token_hash and len(token) >= 40  # only the hash is kept
    page = client.get(link)
    assert page.status_code == 200 and "Biscuit" in page.content.decode()
    assert page["Referrer-Policy"] == "no-referrer" and "no-store" in page["Cache-Control"]


def test_the_private_page_shows_no_contact_details_nor_the_private_detail(client):
    client.post(url("report", "en", "lost"), {**lost_data(), "photos": [jpeg()]})
    link, token = private_link(client)
    page = client.get(link).content.decode()
    for secret in (SECRET, PHONE, EMAIL, NAME, "9165550199"):
        assert secret not in page
    photo = ReportPhoto.objects.get()
    answer = client.get(url("private_photo", "en", token, photo.pk))
    assert answer.status_code == 200 and answer["Content-Type"] == "image/jpeg"


def test_tokens_cannot_be_guessed_or_reused_across_reports(client):
    send(client, client_token="1" * 32)
    _link, first = private_link(client)
    send(client, "found", client_token="2" * 32)
    _link, second = private_link(client)
    lost, found = PetReport.objects.order_by("pk")
    assert first != second
    assert report_of_token(first) == lost and report_of_token(second) == found
    # A photo of one report is not reached with the other's token.
    photo = ReportPhoto.objects.create(report=found, file="lost-found/x.jpg", width=1, height=1)
    assert client.get(url("private_photo", "en", first, photo.pk)).status_code == 404
    # Made-up, altered, truncated, padded and huge tokens open nothing, with one answer.
    for token in (
        "a" * 43,
        first[:-1] + ("A" if first[-1] != "A" else "B"),
        first[:30],
        first + "x",
        "x" * 5000,
    ):
        response = client.get(url("private", "en", token))
        assert (
            response.status_code == 404 and "This link does not work" in response.content.decode()
        )
    # A new link replaces the old one.
    newer = report_link_issue(report=lost)
    assert report_of_token(first) is None and report_of_token(newer) == lost


def test_an_expired_link_opens_nothing(client):
    send(client)
    _link, token = private_link(client)
    PetReport.objects.update(token_expires_at=timezone.now())
    assert client.get(url("private", "en", token)).status_code == 404


def test_the_reporter_corrects_the_report_and_adds_a_photo(client):
    send(client)
    link, _token = private_link(client)
    data = lost_data(breed="Golden Retriever", private_detail="", publish_consent=None)
    data = {k: v for k, v in data.items() if k not in ("name", "phone", "email", "client_token")}
    response = client.post(link, {**data, "action": "update", "photos": [jpeg()]})
    assert response.status_code == 302 and "done=updated" in response["Location"]
    report = PetReport.objects.get()
    assert report.breed == "Golden Retriever"
    assert report.private_detail == SECRET  # left empty: kept
    assert report.state == Publication.PRIVATE  # consent withdrawn
    assert report.photos.count() == 1
    notes = list(report.case.timeline.values_list("body", flat=True))
    assert any("updated the report" in n for n in notes) and any("added photos" in n for n in notes)


def test_a_photo_added_to_a_correction_sent_back_is_kept_for_the_next_try(client):
    send(client)
    link, _token = private_link(client)
    data = lost_data(zip_code="", private_detail="")
    data = {k: v for k, v in data.items() if k not in ("name", "phone", "email", "client_token")}
    response = client.post(link, {**data, "action": "update", "photos": [jpeg(70, 50)]})
    assert response.status_code == 400
    (key,) = held_keys(response.content.decode())
    report = PetReport.objects.get()
    assert not report.photos.exists()
    data["zip_code"] = "95816"
    response = client.post(link, {**data, "action": "update", "photos_held": [key]})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.zip_code == "95816"
    assert [(p.width, p.height) for p in report.photos.all()] == [(70, 50)]
    assert client.get(url("held_photo", "en", key)).status_code == 404


def test_a_correction_whose_photos_are_refused_saves_nothing(client, monkeypatch):
    from django.core.exceptions import ValidationError

    from backoffice.services import lost_found

    send(client)
    link, _token = private_link(client)
    data = lost_data(breed="Golden Retriever", private_detail="")
    data = {k: v for k, v in data.items() if k not in ("name", "phone", "email", "client_token")}

    def full(**kwargs):  # a colleague added photos meanwhile: no room left
        raise ValidationError("A report can have at most 4 photos.")

    monkeypatch.setattr(lost_found, "report_photos_add", full)
    response = client.post(link, {**data, "action": "update", "photos": [jpeg()]})
    assert response.status_code == 400 and "at most 4 photos" in response.content.decode()
    assert PetReport.objects.get().breed == "Labrador Retriever"  # not half saved
    assert len(held_keys(response.content.decode())) == 1  # and the photo kept for the next try


def test_marking_the_pet_home_resolves_the_case_reunited(client):
    send(client)
    link, _token = private_link(client)
    report = PetReport.objects.get()
    followup = FollowUpFactory(case=report.case)
    assert client.post(link, {"action": "home"}).status_code == 400  # the box must be ticked
    response = client.post(link, {"action": "home", "confirm": "on"})
    assert response.status_code == 302
    case = Case.objects.get()
    assert (case.status, case.outcome) == (Status.RESOLVED, Outcome.REUNITED)
    assert PetReport.objects.get().state == Publication.ENDED
    followup.refresh_from_db()
    assert followup.cancelled_at is not None
    page = client.get(link).content.decode()
    assert "This report is closed" in page and 'name="action"' not in page
    # Nothing more can be changed through the link.
    client.post(link, {**lost_data(breed="Poodle"), "action": "update"})
    assert PetReport.objects.get().breed == "Labrador Retriever"


def test_a_found_report_is_matched_against_the_lost_one_at_once(client):
    from backoffice.models import ReportMatch

    send(client, client_token="1" * 32)
    send(client, "found", client_token="2" * 32, microchip="985112003456", chip_scan="chip_found")
    match = ReportMatch.objects.get()
    assert match.lost.kind == ReportKind.LOST and match.found.kind == ReportKind.FOUND
    assert match.decisive  # the same chip
    # The lost pet is home: its candidates go.
    link, _token = private_link(client)  # the found report's link, the last one sent
    client.post(link, {"action": "home", "confirm": "on"})
    assert not ReportMatch.objects.filter(status="candidate").exists()


def test_the_reporter_sees_published_possible_matches_and_may_ask_for_alerts(client):
    send(client, "found", client_token="2" * 32, microchip="985112003456", chip_scan="chip_found")
    PetReport.objects.update(state=Publication.PUBLISHED, published_at=timezone.now())
    send(client, client_token="1" * 32)
    link, _token = private_link(client)
    page = client.get(link).content.decode()
    assert "Found pets that may be yours" in page
    found = PetReport.objects.get(kind=ReportKind.FOUND)
    assert found.case.person.name not in page.replace(NAME, "")  # the finder's contact: never
    response = client.post(link, {"action": "match_alerts", "match_alerts": "on"})
    assert response.status_code == 302 and "done=alerts" in response["Location"]
    assert PetReport.objects.get(kind=ReportKind.LOST).match_alerts is True
