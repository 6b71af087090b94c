"""What keeps the survey's steps cheap without changing what they show: the same answers reuse
the listings already recommended until a listing changes, the first step's answers are checked
once a request (not each time formtools lists the steps), and the language switcher resolves the
page's address once."""

import re
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.fragments import fragments_clear
from directory.factories import LocationFactory, ResourceFactory
from directory.models import Category
from portal.templatetags import portal_tags
from search.indexing import rebuild_all
from surveys import selectors, views
from surveys.forms import NeedsForm

from .helpers import post_step, send, step_url, url, walk

pytestmark = pytest.mark.django_db


def pantry(name):
    return ResourceFactory(
        name_en=name,
        categories=[Category.objects.get(slug="pet-food")],
        species=["dog"],
        location=LocationFactory(postal_code="95814", latitude=38.5816, longitude=-121.4944),
    )


def test_the_same_answers_reuse_the_recommendations_until_a_listing_changes(client):
    first = pantry("Pantry near you")
    rebuild_all()
    walk(client, lang="vi", contact={"phone": "(916) 555-0111", "email": ""})
    send(client, "vi")  # the site's settings made on first use, as on a site already running
    client.cookies.clear()
    searched = mock.patch.object(
        selectors, "resources_recommend", wraps=selectors.resources_recommend
    )
    with searched as search:
        walk(client, lang="es")
        assert "Pantry near you" in send(client, "es").content.decode()
        client.cookies.clear()
        walk(client, lang="es", contact={"phone": "(916) 555-0199", "email": ""})
        assert "Pantry near you" in send(client, "es").content.decode()
        assert search.call_count == 1  # the second visitor's answers were already searched
        first.name_en = "Pantry on J Street"
        first.save()  # a listing changed: searched again, and the new name shows
        rebuild_all()
        client.cookies.clear()
        walk(client, lang="es", contact={"phone": "(916) 555-0177", "email": ""})
        assert "Pantry on J Street" in send(client, "es").content.decode()
        assert search.call_count == 2
        client.cookies.clear()
        walk(client, lang="en", contact={"phone": "(916) 555-0166", "email": ""})
        send(client, "en")
        assert search.call_count == 3  # another language is another search


def test_the_first_steps_answers_are_checked_once_a_request(client):
    walk(client, needs=("food_supplies", "temporary_care", "rehoming"), care={}, rehoming={})
    with mock.patch.object(NeedsForm, "full_clean", autospec=True) as checked:
        checked.side_effect = lambda form: super(NeedsForm, form).full_clean()
        page = client.get(step_url("home"))
        assert page.status_code == 200 and "Step 6 of 8" in page.content.decode()
        assert checked.call_count <= 1
        checked.reset_mock()
        response = post_step(client, "home", {"living": "own", "safety": "no"})
        assert response.status_code == 302
        assert checked.call_count <= 1


def test_the_first_steps_answers_are_not_checked_again_on_later_steps_until_changed(client):
    walk(client, needs=("food_supplies", "temporary_care"), care={})
    with mock.patch.object(NeedsForm, "full_clean", autospec=True) as checked:
        checked.side_effect = lambda form: super(NeedsForm, form).full_clean()
        page = client.get(step_url("contact"))
        assert "Step 6 of 7" in page.content.decode()  # the care step counted
        assert post_step(client, "home", {"living": "own", "safety": "no"}).status_code == 302
        assert checked.call_count == 0
        # Changed from the review: the care step is no longer asked.
        assert post_step(client, "needs", {"needs": ["food_supplies"]}).status_code == 302
        checked.reset_mock()
        assert "Step 5 of 6" in client.get(step_url("contact")).content.decode()
        assert checked.call_count == 0


def test_the_language_switcher_resolves_a_views_address_once(client):
    with mock.patch.object(portal_tags, "resolve", wraps=portal_tags.resolve) as resolved:
        page = client.get(reverse("surveys:start") + "?from=home", follow=True)
    html = page.content.decode()
    assert resolved.call_count == 1
    for prefix in ("/es/", "/zh-hans/", "/vi/", "/ar/"):
        assert f'href="http://testserver{prefix}help/needs/' in html  # every language's version


def _session_writes(queries) -> list[str]:
    return [
        q["sql"]
        for q in queries
        if "django_session" in q["sql"]
        and q["sql"].lstrip().upper().startswith(("UPDATE", "INSERT"))
    ]


def test_a_step_only_shown_writes_nothing_to_the_session_and_answers_still_do(client):
    walk(client)
    client.get(step_url("review"))  # reached: the review is the current step
    with CaptureQueriesContext(connection) as shown:
        page = client.get(step_url("review"))
        again = client.get(step_url("review"))
    assert page.status_code == again.status_code == 200
    assert _session_writes(shown.captured_queries) == []
    # What changes is saved at once: an answer changed from the review, and the step reached.
    with CaptureQueriesContext(connection) as changed:
        response = post_step(client, "home", {"living": "own", "safety": "no"})
    assert response.status_code == 302 and _session_writes(changed.captured_queries)
    review = client.get(step_url("review")).content.decode()
    assert "Maria" in review and "I own my home" in review


def test_a_step_shown_renews_the_answers_last_visit_once_a_minute(client, settings):
    settings.SURVEY_IDLE_MINUTES = 30
    walk(client)
    session = client.session
    session["wizard_survey"]["extra_data"]["seen"] -= 29 * 60  # 29 minutes without a visit
    session.save()
    assert client.get(step_url("review")).status_code == 200  # renewed: 30 minutes again
    session = client.session
    session["wizard_survey"]["extra_data"]["seen"] -= 10 * 60
    session.save()
    review = client.get(step_url("review"))  # 10 minutes later: still kept
    assert review.status_code == 200 and "Maria" in review.content.decode()


def test_a_steps_questions_are_rendered_once_and_answers_given_are_shown_as_given(client):
    client.get(url("start", "en"), follow=True)  # the site's settings made on first use
    client.cookies.clear()
    fragments_clear()
    with mock.patch.object(views, "render_to_string", wraps=views.render_to_string) as rendered:
        first = client.get(step_url("needs", "es"))
        client.cookies.clear()  # someone else, in the same language
        second = client.get(url("start", "es"), follow=True)
        assert rendered.call_count == 1
        assert first.content.count(b'name="needs-needs"') > 3
        assert second.content.count(b'name="needs-needs"') == first.content.count(
            b'name="needs-needs"'
        )
        client.get(step_url("needs", "vi"))  # another language: its own questions
        assert rendered.call_count == 2
    sent = post_step(client, "needs", {"needs": ["other"], "needs_other": "Mi gato"}, "es")
    assert sent.status_code == 302
    back = client.get(step_url("needs", "es")).content.decode()  # back to a step answered
    assert 'value="Mi gato"' in back
    assert re.search(r'<input[^>]*value="other"[^>]*checked', back)


def test_needs_shared_with_an_earlier_visitor_are_not_searched_again_and_keep_their_order():
    food = pantry("Pantry near you")
    vet = ResourceFactory(
        name_en="Clinic near you",
        categories=[Category.objects.get(slug="vet-emergency")],
        species=["dog"],
        location=LocationFactory(postal_code="95814", latitude=38.58, longitude=-121.49),
    )
    rebuild_all()
    both = {"language": "en", "zip_code": "95814", "species": "dog"}
    with mock.patch.object(
        selectors, "resources_recommend", wraps=selectors.resources_recommend
    ) as search:
        assert selectors.recommended_ids(needs=["food_supplies"], **both) == [food.pk]
        assert selectors.recommended_ids(needs=["urgent_vet", "food_supplies"], **both) == [
            vet.pk,
            food.pk,
        ]
        assert selectors.recommended_ids(needs=["food_supplies", "urgent_vet"], **both) == [
            food.pk,
            vet.pk,
        ]
    assert search.call_count == 2  # one search a need: food once, the clinic once
