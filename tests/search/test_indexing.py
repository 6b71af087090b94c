"""Saves reindex on commit, once per transaction, whatever happened to the transactions before."""

import pytest
from django.db import transaction

from directory.factories import ResourceFactory
from search import indexing
from search.models import IndexEntry

pytestmark = pytest.mark.django_db


def _indexed(resource) -> bool:
    return IndexEntry.objects.filter(resource_id=resource.pk).exists()


def test_a_rolled_back_save_does_not_stop_later_saves_from_reindexing(
    django_capture_on_commit_callbacks,
):
    with pytest.raises(RuntimeError), transaction.atomic():
        ResourceFactory(name_en="Never saved")
        raise RuntimeError
    with django_capture_on_commit_callbacks(execute=True):
        later = ResourceFactory(name_en="Saturday hay barn")
    assert _indexed(later)


def test_the_saves_of_one_transaction_are_reindexed_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        first = ResourceFactory(name_en="First pantry")
        second = ResourceFactory(name_en="Second pantry")
    assert [c for c in callbacks if c is indexing._flush] == [indexing._flush]
    assert _indexed(first) and _indexed(second)
