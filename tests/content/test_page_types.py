"""Editors can create every page type where it belongs, and nowhere else.

Django's TestCase closes the database connection when a class ends, so this class lives in a
module of its own, away from the module-wide page tree of ``tests/conftest.py``.
"""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from content.factories import HomePageFactory, StoryIndexPageFactory
from content.models import ContactPage, HomePage, StandardPage, StoryIndexPage, StoryPage


class TestEditorsCanCreateEveryPageType(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = HomePageFactory(parent=Page.get_first_root_node())
        cls.index = StoryIndexPageFactory(parent=cls.home)

    def setUp(self):
        from django.contrib.auth import get_user_model

        self.client.force_login(
            get_user_model().objects.create_superuser("root", "r@example.org", "x")
        )

    def test_standard_page(self):
        self.assertCanCreate(
            self.home,
            StandardPage,
            nested_form_data(
                {
                    "title": "Help with pet food",
                    "slug": "help-with-pet-food",
                    "intro": "Where to find food for your pet this week.",
                    "body": streamfield(
                        [
                            ("heading", "Pantries"),
                            ("paragraph", rich_text("<p>Several pantries stock pet food.</p>")),
                            (
                                "callout",
                                {
                                    "tone": "tip",
                                    "title": "Tip",
                                    "text": rich_text("<p>Bring a bag.</p>"),
                                },
                            ),
                        ]
                    ),
                }
            ),
        )

    def test_story_page(self):
        self.assertCanCreate(
            self.index,
            StoryPage,
            nested_form_data(
                {
                    "title": "Luna's new fence",
                    "slug": "luna",
                    "date": "2026-09-01",
                    "summary": "A donated fence kept Luna at home.",
                    "body": streamfield([("paragraph", rich_text("<p>Luna stayed.</p>"))]),
                }
            ),
        )

    def test_story_index_contact_and_home_pages(self):
        self.assertCanCreateAt(Page, HomePage)
        self.assertCanCreateAt(HomePage, StandardPage)
        self.assertCanCreateAt(HomePage, StoryIndexPage)
        self.assertCanCreateAt(HomePage, ContactPage)
        self.assertCanNotCreateAt(StoryIndexPage, StandardPage)
        self.assertCanNotCreateAt(ContactPage, StandardPage)
        # A second site's home, where the one-per-home story index and contact page can be added.
        second_home = HomePage(
            title="Second site", slug="second-site", hero_heading="Welcome", hero_intro="Help."
        )
        Page.get_first_root_node().add_child(instance=second_home)
        self.assertCanCreate(
            second_home,
            StoryIndexPage,
            nested_form_data({"title": "Stories", "slug": "stories", "intro": ""}),
        )
        self.assertCanCreate(
            second_home,
            ContactPage,
            nested_form_data(
                {"title": "Contact", "slug": "contact", "intro": "", "body": streamfield([])}
            ),
        )
