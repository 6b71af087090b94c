"""What keeps the survey's steps cheap without changing what they show: the same answers reuse
the listings already recommended until a listing changes, the first step's answers are checked
once a request (not each time formtools lists the steps), and the language switcher resolves the
page's address once."""

from unittest import mock

import pytest
from django.urls import reverse

from directory.factories import LocationFactory, ResourceFactory
from directory.models import Category
from portal.templatetags import portal_tags
from search.indexing import rebuild_all
from surveys import selectors
from surveys.forms import NeedsForm

from .helpers import post_step, send, step_url, walk

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
        assert checked.call_count == 1
        checked.reset_mock()
        response = post_step(client, "home", {"living": "own", "safety": "no"})
        assert response.status_code == 302
        assert checked.call_count == 1


def test_the_language_switcher_resolves_a_views_address_once(client):
    with mock.patch.object(portal_tags, "resolve", wraps=portal_tags.resolve) as resolved:
        page = client.get(reverse("surveys:start") + "?from=home", follow=True)
    html = page.content.decode()
    assert resolved.call_count == 1
    for prefix in ("/es/", "/zh-hans/", "/vi/", "/ar/"):
        assert f'href="http://testserver{prefix}help/needs/' in html  # every language's version
