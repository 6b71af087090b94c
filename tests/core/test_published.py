"""The page cache's registry of public apps: a change to a record of a registered app bumps the
generation of published content; one of an unregistered app does not."""

import pytest
from django.apps import apps
from django.core.cache import cache

from core import published

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


def bumps(change) -> bool:
    before = published.generation()
    change()
    return published.generation() != before


def test_each_app_joins_the_registry_and_portal_adds_the_third_party_ones():
    assert {"content", "directory"} <= published.public_apps()
    assert {"wagtailcore", "wagtailimages", "wagtailredirects", "taggit"} <= published.public_apps()
    assert not published.app_is_public("backoffice")
    assert not published.app_is_public("auth")
    assert not published.app_is_public("sessions")


def test_every_registered_label_is_an_installed_app():
    installed = {config.label for config in apps.get_app_configs()}
    assert published.public_apps() <= installed


def test_a_change_to_a_listing_bumps_the_generation():
    from directory.factories import ResourceFactory

    resource = ResourceFactory()
    assert bumps(lambda: resource.save())
    assert bumps(lambda: resource.delete())


def test_a_change_to_a_page_or_the_site_settings_bumps_the_generation(site):
    from content.models import SiteSettings

    home = site.root_page
    assert bumps(lambda: home.save())
    settings = SiteSettings.for_site(site)
    assert bumps(lambda: settings.save())


def test_a_change_to_a_case_does_not_bump_the_generation():
    from backoffice.factories import UserFactory
    from backoffice.models import Person

    assert not bumps(lambda: Person.objects.create(name="Rosalind Fairweather"))
    assert not bumps(lambda: UserFactory())


def test_an_app_that_joins_later_is_counted_and_one_that_leaves_is_not():
    from backoffice.models import Person

    published.app_register("backoffice")
    try:
        assert published.app_is_public("backoffice")
        assert bumps(lambda: Person.objects.create(name="Minh Nguyen"))
    finally:
        published.app_unregister("backoffice")
    assert not bumps(lambda: Person.objects.create(name="Sam Supervisor"))


def test_an_hsds_import_bumps_the_generation():
    """Bulk writes send no post_save: the import's own signal does it."""
    from directory.hsds.importer import hsds_imported

    assert bumps(lambda: hsds_imported.send(sender=None))
