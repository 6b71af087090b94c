"""Every test builds the data it needs: factories in each app's ``factories.py``, and for the tests
that walk the public site, a small page tree in every language (``site_tree``). Nothing here loads
the demo; ``tests/demo/`` checks that the demo loads."""

import os

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import translation
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]

# The fuzzers (tests/fuzz.py): a few dozen examples each in CI; ``--hypothesis-profile=fuzz`` (as
# bench/fuzz.py runs them) for many more. No deadline: a shared CI machine is slow at times.
_FUZZ = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
}
hypothesis_settings.register_profile("portal", max_examples=12, **_FUZZ)
hypothesis_settings.register_profile(
    "fuzz", max_examples=int(os.environ.get("HYPOTHESIS_FUZZ_EXAMPLES", "600")), **_FUZZ
)
hypothesis_settings.load_profile("portal")


def pytest_terminal_summary(terminalreporter):
    from tests.fuzz import COUNTS, FAILURES

    if COUNTS["requests"]:
        counts = ", ".join(f"{COUNTS[k]} {k}" for k in ("2xx", "3xx", "4xx") if COUNTS[k])
        terminalreporter.write_line(
            f"fuzzers: {COUNTS['requests']} requests, {COUNTS['5xx']} answers 5xx ({counts})"
        )
        for failure in FAILURES[:20]:
            terminalreporter.write_line(f"  5xx: {failure[:300]}")


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language, whatever an earlier test left active (a view or
    task that activated Spanish made a later test read Spanish pages, by test order only)."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (pages, site settings, Wagtail's site root paths)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="module")
def site_tree(django_db_setup, django_db_blocker):
    """A home page, a guide, a story index with a story and a contact page in every language, and
    the site settings: built once per test module and rolled back after it. Each test runs in a
    transaction of its own on top, so what it changes is gone for the next one; read the pages
    afresh through ``site_tree.page(name, code)``. (A Django ``TestCase`` class closes the
    connection when it ends, which PostgreSQL cannot survive inside this transaction: keep such
    classes in modules that do not use this fixture.)"""
    from content.factories import site_tree_build

    with django_db_blocker.unblock(), transaction.atomic():
        tree = site_tree_build()
        yield tree
        transaction.set_rollback(True)
    cache.clear()


@pytest.fixture
def site(site_tree):
    return site_tree.site


@pytest.fixture
def home(site_tree):
    return site_tree.page("home")
