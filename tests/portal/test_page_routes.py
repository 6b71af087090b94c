"""Which page an address leads to is kept in each process (``core.routes``), and what the home
page lists with it (``core.fragments.kept``): a publish, an edit, a move, an unpublish or a new
view restriction shows on the very next request, each language keeps its own pages, and a page
served again costs no query."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from content.factories import StandardPageFactory, StoryPageFactory

pytestmark = pytest.mark.django_db


def body(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def test_a_published_edit_shows_at_once(client, site_tree):
    guide = site_tree.page("guide")
    assert "Test guide" in body(client, guide.url)
    guide.title = "Renamed guide"
    guide.intro = "A new introduction."
    guide.save_revision().publish()
    page = body(client, guide.url)
    assert "Renamed guide" in page and "A new introduction." in page
    assert "Test guide" not in page


def test_a_draft_does_not_show(client, site_tree):
    guide = site_tree.page("guide")
    body(client, guide.url)
    guide.title = "Draft title"
    guide.save_revision()
    assert "Draft title" not in body(client, guide.url)
    assert "Test guide" in body(client, guide.url)


def test_an_unpublished_page_is_gone_at_once(client, site_tree):
    story = site_tree.page("story")
    body(client, story.url)
    story.unpublish()
    assert client.get(story.url).status_code == 404


def test_a_new_address_works_and_the_old_one_is_gone_at_once(client, site_tree):
    guide = site_tree.page("guide")
    old_url = guide.url
    body(client, old_url)
    guide.slug = "moved-guide"
    guide.save_revision().publish()
    assert client.get(old_url).status_code == 404
    assert "Test guide" in body(client, site_tree.page("guide").url)


def test_a_view_restriction_applies_at_once(client, site_tree):
    guide = site_tree.page("guide")
    body(client, guide.url)
    PageViewRestriction.objects.create(page=guide, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(guide.url)
    assert response.status_code == 302
    assert "Test guide" not in response.content.decode()


def test_each_language_gets_its_own_page(client, site_tree):
    english, spanish = site_tree.page("home"), site_tree.page("home", "es")
    english.hero_heading, spanish.hero_heading = "Welcome", "Bienvenidos"
    english.save_revision().publish()
    spanish.save_revision().publish()
    for _ in range(2):
        en, es = body(client, "/en/"), body(client, "/es/")
        assert "Welcome" in en and "Bienvenidos" not in en
        assert "Bienvenidos" in es and "Welcome" not in es
        guide_es = site_tree.page("guide", "es")
        assert f'href="{guide_es.url}"' in es  # the home page lists the Spanish guide
        assert f'href="{guide_es.url}"' not in en


def test_the_home_page_lists_a_new_guide_and_story_at_once(client, site_tree):
    home = site_tree.page("home")
    body(client, home.url)
    StandardPageFactory(parent=home, title="A brand new guide", slug="brand-new-guide")
    StoryPageFactory(
        parent=site_tree.page("story_index"), title="A brand new story", date="2099-01-01"
    )
    page = body(client, home.url)
    assert "A brand new guide" in page and "A brand new story" in page


def test_a_call_to_action_edited_shows_at_once(client, site_tree):
    home = site_tree.page("home")
    assert "Need help now?" in body(client, home.url)
    home.actions = [
        ("action", {"title": "Call us", "text": "Any time.", "page": None, "url": "/en/contact/",
                    "link_text": "Contact"}),
    ]  # fmt: skip
    home.save_revision().publish()
    page = body(client, home.url)
    assert "Call us" in page and "Need help now?" not in page


@pytest.mark.parametrize("name", ["home", "guide", "story", "story_index", "contact"])
@pytest.mark.parametrize("code", ["en", "ar"])
def test_a_page_served_again_costs_next_to_no_query(client, site_tree, name, code):
    url = site_tree.page(name, code).url
    body(client, url)
    with CaptureQueriesContext(connection) as queries:
        body(client, url)
    # The story index counts and lists its stories (one page of them); nothing else is read.
    assert len(queries) <= (2 if name == "story_index" else 0), [q["sql"] for q in queries]


def test_a_guide_lists_a_new_listing_of_its_category_at_once(client, site_tree):
    from directory.factories import ResourceFactory
    from directory.models import Category

    food = Category.objects.get(slug="pet-food")
    ResourceFactory(name_en="First pantry", categories=[food])
    guide = StandardPageFactory(
        parent=site_tree.page("home"),
        slug="food-guide",
        body=[("resources", {"heading": "Food near you", "category": food, "limit": 3})],
    )
    assert "First pantry" in body(client, guide.url)
    ResourceFactory(name_en="Another pantry", categories=[food])
    page = body(client, guide.url)
    assert "First pantry" in page and "Another pantry" in page


def test_a_password_given_by_one_visitor_lets_in_that_visitor_only(site_tree):
    from django.test import Client
    from django.urls import reverse

    guide = site_tree.page("guide")
    restriction = PageViewRestriction.objects.create(
        page=guide, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    first, second = Client(), Client()
    assert "Test guide</h1>" not in first.get(guide.url).content.decode()
    first.post(
        reverse("wagtailcore_authenticate_with_password", args=[restriction.id, guide.id]),
        {"password": "s3cret", "return_url": guide.url},
    )
    assert "Test guide</h1>" in body(first, guide.url)
    page = second.get(guide.url).content.decode()
    assert "Test guide</h1>" not in page and 'name="password"' in page
