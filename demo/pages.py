"""Demo editorial pages in every site language, and the site settings, from ``data/pages/``.

Idempotent: pages are found by their place in the tree and updated, translations are found by
their translation key, so running it again refreshes the text instead of adding pages.
"""

import json
from datetime import date
from pathlib import Path

from django.conf import settings
from django.db import transaction
from modeltranslation.utils import build_localized_fieldname
from wagtail.models import Locale, Page, Site

from content.models import (
    ContactPage,
    HomePage,
    SiteSettings,
    StandardPage,
    StoryIndexPage,
    StoryPage,
)
from directory.models import Category

DATA_DIR = Path(__file__).resolve().parent / "data" / "pages"
HOTLINE_PHONE = "(555) 010-0142"
EMAIL = "help@riverbend-petsupport.example.org"


def _read(code):
    path = DATA_DIR / f"{code}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def _stream(blocks):
    """StreamField JSON; a "resources" block names its directory category by slug in the data."""
    blocks = [_with_category_pk(block) for block in blocks]
    return json.dumps(blocks)


def _with_category_pk(block):
    if block["type"] != "resources":
        return block
    category = Category.objects.get(slug=block["value"]["category"])
    return {**block, "value": {**block["value"], "category": category.pk}}


def _publish(page):
    page.save_revision().publish()
    return page


def _child(parent, model, slug):
    return model.objects.child_of(parent).filter(slug=slug).first()


def _upsert_child(parent, model, slug, fields):
    page = _child(parent, model, slug)
    if page is None:
        page = model(slug=slug, **fields)
        parent.add_child(instance=page)
    else:
        for name, value in fields.items():
            setattr(page, name, value)
    return _publish(page)


def _translate(page, locale, slug, fields):
    translation = page.get_translation_or_none(locale)
    if translation is None:
        translation = page.copy_for_translation(locale, copy_parents=True)
    translation = translation.specific
    translation.slug = slug
    for name, value in fields.items():
        setattr(translation, name, value)
    return _publish(translation)


def _home_fields(data, guide_ids):
    actions = [
        {
            "type": "action",
            "value": {
                "title": action["title"],
                "text": action["text"],
                "page": guide_ids.get(action.get("page")),
                "url": action.get("url", ""),
                "link_text": action["link_text"],
            },
        }
        for action in data["actions"]
    ]
    return {
        "title": data["title"],
        "hero_heading": data["hero_heading"],
        "hero_intro": data["hero_intro"],
        "actions": _stream(actions),
    }


def _guide_fields(data):
    return {"title": data["title"], "intro": data["intro"], "body": _stream(data["body"])}


def _story_fields(data):
    return {
        "title": data["title"],
        "date": date.fromisoformat(data["date"]),
        "summary": data["summary"],
        "body": _stream(data["body"]),
    }


def _index_fields(data):
    return {"title": data["title"], "intro": data["intro"], "show_in_menus": True}


def _contact_fields(data):
    return {
        "title": data["title"],
        "intro": data["intro"],
        "body": _stream(data["body"]),
        "show_in_menus": True,
    }


def _site_home(en):
    """The English home page at the root of the default site, replacing Wagtail's welcome page."""
    root = Page.get_first_root_node()
    home = HomePage.objects.filter(locale__language_code="en").first()
    if home is None:
        # Wagtail's initial "Welcome" page holds the slug; it goes, with its Site, before ours.
        for page in root.get_children().filter(slug=en["home"]["slug"]):
            if not page.get_children().exists():
                page.delete()
        home = HomePage(slug=en["home"]["slug"], **_home_fields(en["home"], {}))
        root.add_child(instance=home)
        _publish(home)
    site = Site.objects.filter(is_default_site=True).first() or Site(
        hostname="localhost", port=80, is_default_site=True
    )
    site.root_page = home
    site.site_name = en["settings"]["organisation_name"]
    site.save()
    return site, home


@transaction.atomic
def demo_pages_load() -> list[str]:
    """Build or refresh the demo site; return a line per language for the command's report."""
    data = {code: _read(code) for code, _name in settings.LANGUAGES}
    en = data["en"]
    locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in data}
    site, home = _site_home(en)

    # English tree first: the translations hang off it.
    guides = {
        g["key"]: _upsert_child(home, StandardPage, g["slug"], _guide_fields(g))
        for g in en["guides"]
    }
    guide_ids = {key: page.pk for key, page in guides.items()}
    for name, value in _home_fields(en["home"], guide_ids).items():
        setattr(home, name, value)
    home = _publish(home)
    index = _upsert_child(
        home, StoryIndexPage, en["stories_index"]["slug"], _index_fields(en["stories_index"])
    )
    stories = {
        s["key"]: _upsert_child(index, StoryPage, s["slug"], _story_fields(s))
        for s in en["stories"]
    }
    contact = _upsert_child(
        home, ContactPage, en["contact"]["slug"], _contact_fields(en["contact"])
    )

    report = []
    for code, content in data.items():
        if content is None:
            report.append(f"{code}: no demo content file")
            continue
        if code != "en":
            locale = locales[code]
            # Home pages are siblings under the tree root, so their slugs must differ (they never
            # show in URLs).
            home_slug = content["home"]["slug"]
            if home_slug == home.slug:
                home_slug = f"{home_slug}-{code}"
            _translate(home, locale, home_slug, _home_fields(content["home"], guide_ids))
            for guide in content["guides"]:
                _translate(guides[guide["key"]], locale, guide["slug"], _guide_fields(guide))
            _translate(
                index,
                locale,
                content["stories_index"]["slug"],
                _index_fields(content["stories_index"]),
            )
            for story in content["stories"]:
                _translate(stories[story["key"]], locale, story["slug"], _story_fields(story))
            _translate(
                contact, locale, content["contact"]["slug"], _contact_fields(content["contact"])
            )
        report.append(f"{code}: {2 + len(content['guides']) + len(content['stories']) + 1} pages")

    site_settings = SiteSettings.for_site(site)
    site_settings.hotline_phone = HOTLINE_PHONE
    site_settings.email = EMAIL
    for code, content in data.items():
        for name, value in (content or {}).get("settings", {}).items():
            setattr(site_settings, build_localized_fieldname(name, code), value)
    site_settings.save()
    return report
