"""``core.lookups.IdsIn``: the same rows as Django's ``__in`` on every database (duplicates,
an empty list, unknown ids), with the ids as one array parameter on PostgreSQL."""

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext

from core.lookups import IdsIn
from directory.models import Organization

pytestmark = pytest.mark.django_db


@pytest.fixture
def ids():
    return [Organization.objects.create(name_en=f"Org {n}").pk for n in range(5)]


@pytest.mark.parametrize(
    "pick", [lambda ids: ids[1:4], lambda ids: [ids[0], ids[0], ids[2]], lambda ids: [], "far"]
)
def test_the_same_rows_as_django_in(ids, pick):
    wanted = [max(ids) + 1000, ids[3]] if pick == "far" else pick(ids)
    ours = set(Organization.objects.filter(IdsIn(F("pk"), wanted)).values_list("pk", flat=True))
    django = set(Organization.objects.filter(pk__in=wanted).values_list("pk", flat=True))
    assert ours == django


def test_a_thousand_ids_are_one_parameter_on_postgresql(ids):
    many = [*ids, *range(10**6, 10**6 + 1000)]
    with CaptureQueriesContext(connection) as queries:
        found = set(Organization.objects.filter(IdsIn(F("pk"), many)).values_list("pk", flat=True))
    assert found == set(ids)
    sql = queries.captured_queries[-1]["sql"]
    if connection.vendor == "postgresql":
        assert "= ANY(" in sql and " IN (" not in sql  # one array, not 1,005 placeholders
    else:
        assert " IN (" in sql
