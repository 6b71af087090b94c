"""Named cache generations: one bump forgets everything cached under a name, and only that name."""

import pytest
from django.core.cache import cache
from django.db import transaction

from core import generations


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_a_generation_stays_the_same_until_it_is_invalidated():
    first = generations.generation("things")
    assert generations.generation("things") == first
    generations.invalidate("things")
    assert generations.generation("things") != first


def test_a_generation_survives_the_cache_losing_it_without_coming_back_to_an_old_value():
    first = generations.generation("things")
    cache.delete("core:generation:things")
    assert generations.generation("things") > first


def test_cached_builds_once_then_again_after_an_invalidation():
    calls = []

    def build():
        calls.append(1)
        return {"count": len(calls)}

    assert generations.cached("things", "key", build, 60) == {"count": 1}
    assert generations.cached("things", "key", build, 60) == {"count": 1}
    generations.invalidate("things")
    assert generations.cached("things", "key", build, 60) == {"count": 2}
    assert len(calls) == 2


def test_names_and_keys_are_independent():
    generations.cached("things", "a", lambda: "thing a", 60)
    generations.cached("other", "a", lambda: "other a", 60)
    generations.invalidate("other")
    assert generations.cached("things", "a", lambda: "rebuilt", 60) == "thing a"
    assert generations.cached("things", "b", lambda: "thing b", 60) == "thing b"
    assert generations.cached("other", "a", lambda: "rebuilt", 60) == "rebuilt"


def test_an_empty_build_is_built_again_rather_than_cached():
    calls = []
    assert generations.cached("things", "key", lambda: calls.append(1), 60) is None
    assert generations.cached("things", "key", lambda: calls.append(1), 60) is None
    assert len(calls) == 2


@pytest.mark.django_db(transaction=True)
def test_an_invalidation_inside_a_transaction_bumps_again_once_it_commits():
    """Other workers read the old rows until the commit; what they cache meanwhile must not last."""
    generations.generation("things")
    with transaction.atomic():
        generations.invalidate("things")
        during = generations.generation("things")
        # A worker that still sees the old rows caches them under the new generation...
        generations.cached("things", "key", lambda: "old rows", 60)
    # ...and the commit makes that copy unreachable.
    assert generations.generation("things") != during
    assert generations.cached("things", "key", lambda: "new rows", 60) == "new rows"
