"""wagtail-factories factories for content tests, and a small site tree in every language.

``PageFactory(parent=...)`` adds a live page under its parent. ``translate(page, code)`` makes the
page's translation, under the parent's translation in that language, with the fields given (by
default the English ones marked with the language code). ``site_tree_build()`` makes the smallest
site a visitor can walk in every language: a home page with its ways to get help, a guide, a
story index with a story, a contact page, and the site settings.
"""

import datetime
from dataclasses import dataclass

import factory
import wagtail_factories
from django.conf import settings
from wagtail.models import Locale, Page, Site
from wagtail.rich_text import RichText

from .models import ContactPage, HomePage, SiteSettings, StandardPage, StoryIndexPage, StoryPage

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
# "Test" in each language: the titles of translated pages say it instead.
TEST_WORD = {"es": "Prueba", "zh-hans": "测试", "vi": "Thử nghiệm", "ar": "اختبار"}


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "Test home"
    slug = factory.Sequence(lambda n: f"test-home-{n}")
    hero_heading = "Help for you and your pet"
    hero_intro = "Tell us what is going on and we will look for a way through together."


class StandardPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StandardPage

    title = factory.Sequence(lambda n: f"Test guide {n}")
    intro = "What to do, step by step."
    body = factory.LazyFunction(
        lambda: [
            ("heading", "First steps"),
            ("paragraph", RichText("<p>Start by calling the hotline.</p>")),
        ]
    )


class StoryIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StoryIndexPage

    title = "Test stories"
    intro = "Families who stayed together."


class StoryPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StoryPage

    title = factory.Sequence(lambda n: f"Test story {n}")
    date = datetime.date(2026, 3, 1)
    summary = "A payment plan kept a family together."
    body = factory.LazyFunction(lambda: [("paragraph", RichText("<p>They stayed together.</p>"))])


class ContactPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ContactPage

    title = "Test contact"
    intro = "Call, write or come by."
    body = factory.LazyFunction(list)


def locale(code: str) -> Locale:
    return Locale.objects.get_or_create(language_code=code)[0]


def translate(page: Page, code: str, **fields) -> Page:
    """``page`` in language ``code``, live, under its parent's translation (made first if needed).

    Fields not given are the English ones; the title says "Test" in that language (or ends with
    "(code)") and the slug ends with "-code".
    """
    page = page.specific
    existing = page.get_translation_or_none(locale(code))
    if existing is not None:
        return existing.specific
    parent = page.get_parent()
    if parent.depth > 1:
        parent = translate(parent, code)
    copied = {
        field.name: getattr(page, field.name)
        for field in type(page)._meta.fields
        if field.model is not Page and not field.primary_key and field.name != "page_ptr"
    }
    translation = type(page)(
        **copied,
        title=(
            page.title.replace("Test", TEST_WORD[code])
            if "Test" in page.title and code in TEST_WORD
            else f"{page.title} ({code})"
        ),
        slug=f"{page.slug}-{code}",
        locale=locale(code),
        translation_key=page.translation_key,
    )
    for name, value in fields.items():
        setattr(translation, name, value)
    parent.add_child(instance=translation)
    return translation


@dataclass(frozen=True)
class SiteTree:
    """The pages of ``site_tree_build()`` by primary key; ``page()`` reads them afresh."""

    site_pk: int
    home: int
    guide: int
    story_index: int
    story: int
    contact: int

    def page(self, name: str, code: str = "en") -> Page:
        english = Page.objects.get(pk=getattr(self, name)).specific
        if code == "en":
            return english
        return english.get_translation(Locale.objects.get(language_code=code)).specific

    @property
    def site(self) -> Site:
        return Site.objects.get(pk=self.site_pk)


SITE_SETTINGS = {
    "hotline_phone": "(555) 010-7777",
    "email": "help@test-county.example.org",
    "organisation_name_en": "Test County Pet Help",
    "organisation_name_es": "Ayuda para Mascotas del Condado de Prueba",
    "hotline_hours_en": "Every day, 9am to 5pm",
    "address_en": "Test County Animal Services\n10 Test Street",
}


def site_tree_build(languages=LANGUAGE_CODES) -> SiteTree:
    """The default site's root becomes a new home page, translated into ``languages``."""
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, locale=locale("en"))
    guide = StandardPageFactory(parent=home, title="Test guide", slug="test-guide")
    index = StoryIndexPageFactory(parent=home, slug="test-stories")
    story = StoryPageFactory(parent=index, title="Test story", slug="test-story")
    contact = ContactPageFactory(parent=home, slug="test-contact")
    home.actions = [
        (
            "action",
            {
                "title": "Need help now?",
                "text": "Read the guide.",
                "page": guide,
                "url": "",
                "link_text": "Read it",
            },
        )
    ]
    home.save()
    for code in languages:
        if code != "en":
            for page in (home, guide, index, story, contact):
                translate(page, code)
    site = Site.objects.filter(is_default_site=True).first() or Site(
        hostname="localhost", port=80, is_default_site=True
    )
    site.root_page = home
    site.site_name = SITE_SETTINGS["organisation_name_en"]
    site.save()
    site_settings = SiteSettings.for_site(site)
    for name, value in SITE_SETTINGS.items():
        setattr(site_settings, name, value)
    site_settings.save()
    return SiteTree(
        site_pk=site.pk,
        home=home.pk,
        guide=guide.pk,
        story_index=index.pk,
        story=story.pk,
        contact=contact.pk,
    )
