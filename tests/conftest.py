import pytest
from django.conf import settings

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Build the demo site once per test session; each test runs in a transaction on top of it."""
    from content.demo import demo_content_load

    with django_db_blocker.unblock():
        demo_content_load()


@pytest.fixture
def site():
    from wagtail.models import Site

    return Site.objects.get(is_default_site=True)


@pytest.fixture
def home(site):
    return site.root_page.specific
