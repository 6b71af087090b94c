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


@pytest.mark.django_db(transaction=True)
def test_a_deleted_category_leaves_its_listings_documents():
    """The category's links go by cascade, which sends no m2m signal: its listings are found by
    its old name (and its parent's) no more, and still by their own. (Real commits: the reindex
    runs when the delete commits.)"""
    from directory.factories import CategoryFactory
    from search.queries import resources_search
    from search.results import ResourceQuery

    parent = CategoryFactory(name_en="Quokka rescue")
    child = CategoryFactory(name_en="Wombat rides", parent=parent)
    listed = ResourceFactory(name_en="Saturday hay barn", categories=[child])

    def found(text):
        query = ResourceQuery(text=text, language="en")
        return [hit.resource_id for hit in resources_search(query).hits]

    assert found("quokka") == found("wombat") == found("hay barn") == [listed.pk]
    child.delete()
    assert found("quokka") == found("wombat") == []
    assert found("hay barn") == [listed.pk]
