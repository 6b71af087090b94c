"""PostgreSQL's two-stage ranking (``search.engines.database._shortlist``): each alternative's
best listings by their stored weight for the term (``search_indexterm``), then the exact ranking
of that shortlist only. Here the cap (``MAX_RESULTS``, 1,000) is made small, so that a handful
of listings behaves as 55,000 matches of a common word do at scale."""

import pytest
from django.db import connection
from django.utils import translation

from directory.factories import CategoryFactory, LocationFactory, ResourceFactory
from directory.models import Category
from directory.vocabulary import Cost
from search import analysis
from search.engines import database
from search.engines.database import DatabaseEngine, _document_frequencies, _plans
from search.indexing import rebuild_all, reindex_now
from search.models import IndexEntry, SynonymGroup
from search.results import ResourceQuery

SACRAMENTO = dict(postal_code="95814", latitude=38.5816, longitude=-121.4944)
RENO = dict(postal_code="89501", latitude=39.5296, longitude=-119.8138)
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's ranking"),
]


def search(text, **filters):
    with translation.override("en"):
        return DatabaseEngine().search(ResourceQuery(text=text, language="en", **filters))


def ranked(results):
    return [h.resource_id for h in results.hits], results.total


def terms_table() -> set[tuple[str, str, int]]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT language, term, resource_id FROM {database.TERMS_TABLE}")
        return set(cursor.fetchall())


def lexemes() -> set[tuple[str, str, int]]:
    """What the full-text vectors hold, numbers left out."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT e.language, u.lexeme, e.resource_id FROM search_indexentry e "
            "CROSS JOIN LATERAL unnest(e.vector) AS u"
        )
        return {row for row in cursor.fetchall() if not row[1].isdigit()}


@pytest.fixture
def kibble():
    """Twelve listings holding "kibble" in different places (name, description, both), half
    of them free, and the cap at 3."""
    SynonymGroup.objects.all().delete()
    food = Category.objects.get(slug="pet-food")
    made = []
    for n in range(12):
        named = n % 3 == 0
        made.append(
            ResourceFactory(
                location=LocationFactory(**(RENO if n % 2 == 0 else SACRAMENTO)),
                name_en=f"Kibble bank {n}" if named else f"Pantry {n}",
                short_description_en="Kibble for dogs." if n % 2 else "Dog food, kibble, kibble.",
                categories=[food],
                cost=Cost.FREE if n % 2 else Cost.FEE,
            )
        )
    rebuild_all()
    return made


@pytest.fixture
def small_cap(monkeypatch):
    monkeypatch.setattr(database, "MAX_RESULTS", 3)


def exact(text, monkeypatch, **filters):
    with monkeypatch.context() as patched:
        patched.setattr(database, "TWO_STAGE", False)
        return search(text, **filters)


def test_the_term_weights_follow_the_index_through_saves_deletions_and_rebuilds(kibble):
    assert terms_table() == lexemes() and terms_table()
    changed = kibble[0]
    changed.name_en = "Biscuit bank"
    changed.save()
    reindex_now([changed.pk])
    assert ("en", "biscuit", changed.pk) in terms_table()
    assert ("en", "kibbl", changed.pk) in terms_table()  # still in its description
    assert terms_table() == lexemes()
    gone = kibble[1].pk
    kibble[1].delete()
    reindex_now([gone])
    assert not {row for row in terms_table() if row[2] == gone}
    rebuild_all()
    assert terms_table() == lexemes()


def test_the_weight_of_a_term_is_its_rank_alone(kibble):
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT t.impact, ts_rank(e.vector, to_tsquery('simple', 'kibbl')) "
            f"FROM {database.TERMS_TABLE} t JOIN search_indexentry e "
            "ON e.resource_id = t.resource_id AND e.language = t.language "
            "WHERE t.term = 'kibbl'"
        )
        rows = cursor.fetchall()
    assert len(rows) == 12 and all(abs(a - b) < 1e-6 for a, b in rows)


def test_the_index_holds_the_terms_the_analysis_makes(kibble):
    """The walks look a typed term up as it is (``t.term = %s``): PostgreSQL's 'simple'
    parser must keep every term of ``search.analysis`` whole, in every script."""
    texts = "Thú y 宠物食品 طعام الحيوانات Straße café 24h ½ vet-care".split()
    for language in ("en", "vi", "zh-hans", "ar"):
        for text in texts:
            for term in analysis.terms(text, language):
                with connection.cursor() as cursor:
                    cursor.execute("SELECT tsvector_to_array(to_tsvector('simple', %s))", [term])
                    assert cursor.fetchone()[0] == [term], (language, term)


def test_one_concept_ranks_as_ranking_every_match_would(kibble, small_cap, monkeypatch):
    """A listing's score for one word (and its synonyms) is its best alternative's, so each
    alternative's best three hold the best three."""
    assert ranked(search("kibble")) == ranked(exact("kibble", monkeypatch))
    assert search("kibble").total == 3  # capped, as the page says ("More than ...")
    SynonymGroup.objects.create(language="en", terms="kibble\npantry")
    assert ranked(search("kibble")) == ranked(exact("kibble", monkeypatch))


def test_the_radius_applies_while_walking_so_a_search_near_a_zip_is_never_short(kibble, small_cap):
    """The two best listings for "kibble" (named, the word twice in the description) are in
    Reno: a radius applied after a shortlist of three would leave one."""
    found = search("kibble", zip_code="95814", radius_miles=10)
    by_id = {r.pk: r for r in kibble}
    assert found.total == 3 and {by_id[h.resource_id].name_en for h in found.hits} == {
        "Kibble bank 3",
        "Kibble bank 9",
        "Pantry 1",
    }


def test_a_facet_filter_ranks_every_match(kibble, small_cap, monkeypatch):
    """The best listings for "kibble" are fee-paying ones: a free filter applied after a
    shortlist of three would find fewer than three."""
    found = search("kibble", costs=(Cost.FREE,))
    assert found.total == 3
    assert ranked(found) == ranked(exact("kibble", monkeypatch, costs=(Cost.FREE,)))
    by_id = {r.pk: r for r in kibble}
    assert {by_id[h.resource_id].cost for h in found.hits} == {Cost.FREE}
    # The cost facet counts the first three without its own filter, as the exact ranking does.
    costs = {f.value: f.count for f in found.facets["cost"]}
    assert costs == {"fee": 2, "free": 1}
    assert found.facets == exact("kibble", monkeypatch, costs=(Cost.FREE,)).facets


def facet_tokens(resource_id) -> set[str]:
    """The facet tokens on a listing's term weights (every row of it holds the same)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT DISTINCT unnest(facets) FROM {database.TERMS_TABLE} WHERE resource_id = %s",
            [resource_id],
        )
        return {row[0] for row in cursor.fetchall()}


@pytest.fixture
def varied(kibble):
    """The kibble listings in a subcategory of pet food or in pet food itself, speaking
    Vietnamese or Spanish, for cats or dogs."""
    food = Category.objects.get(slug="pet-food")
    banks = CategoryFactory(parent=food, slug="kibble-banks", name_en="Kibble banks")
    for n, listing in enumerate(kibble):
        listing.categories.set([banks if n % 5 < 3 else food])
        listing.languages = ["en", "vi"] if n % 4 == 0 else ["en", "es"]
        listing.species = ["cat"] if n % 3 == 0 else ["dog"]
        listing.save()
    rebuild_all()
    return kibble


def test_the_term_weights_carry_what_the_facet_filters_read(varied):
    listing = varied[0]
    banks, food = Category.objects.get(slug="kibble-banks"), Category.objects.get(slug="pet-food")
    assert facet_tokens(listing.pk) == {
        "c:fee",
        "s:cat",
        "l:en",
        "l:vi",
        f"k:{banks.pk}",
        f"k:{food.pk}",  # its subcategory's parent: a filter by pet food finds it
    }
    listing.cost = Cost.FREE
    listing.languages = ["ar"]
    listing.save()
    listing.categories.set([food])
    reindex_now([listing.pk])
    assert facet_tokens(listing.pk) == {"c:free", "s:cat", "l:ar", f"k:{food.pk}"}


@pytest.mark.parametrize(
    "filters",
    [
        {"category": "pet-food", "spoken": "vi"},
        {"category": "kibble-banks", "costs": (Cost.FREE,)},
        {"species": "cat", "costs": (Cost.FEE, Cost.FREE)},
        {"category": "kibble-banks", "species": "dog", "spoken": "es", "costs": (Cost.FREE,)},
        {"category": "kibble-banks", "zip_code": "95814", "radius_miles": 10},
        {"category": "no-such-category", "costs": (Cost.FREE,)},
    ],
)
def test_facet_filters_are_read_while_walking_each_terms_best(
    varied, small_cap, monkeypatch, filters
):
    """The shortlist is taken after the filters (each alternative's best three that pass them,
    and for each facet its best three that pass the others), so a filtered search of one word
    finds what ranking every match finds: the same results, total and facet counts."""
    found = search("kibble", **filters)
    assert found.hits or filters["category"] == "no-such-category"
    assert ranked(found) == ranked(exact("kibble", monkeypatch, **filters))
    assert found.facets == exact("kibble", monkeypatch, **filters).facets


def scored(results):
    """The hits by score, then id, scores to nine places: the kibble listings are copies of two
    texts, and a score of several words, summed in another order by another plan, can differ
    from its copy's in the last bit and change places with it."""
    hits = sorted(
        ((round(h.score, 9), h.resource_id) for h in results.hits), key=lambda h: (-h[0], h[1])
    )
    return hits, results.total


def test_without_the_cap_the_shortlist_is_every_match(kibble, monkeypatch):
    for text, filters in [("kibble", {}), ("kibble bank", {}), ("dog food", {"costs": ("fee",)})]:
        two_stage = search(text, **filters)
        assert scored(two_stage) == scored(exact(text, monkeypatch, **filters))
        assert two_stage.facets == exact(text, monkeypatch, **filters).facets


def test_the_shortlist_holds_each_alternatives_best_only(kibble, small_cap):
    plans = _plans("kibble bank", "en")
    sql, params = database._shortlist(plans, _filters(), _document_frequencies(plans))
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        shortlist = [row[0] for row in cursor.fetchall()]
    alternatives = len(plans["en"].alternatives)  # kibble bank (the phrase), kibble, bank
    assert alternatives == 3 and len(shortlist) <= 3 * 3 < IndexEntry.objects.count()


def _filters():
    from search.engines.database import _Filters

    return _Filters(ResourceQuery(text="kibble bank"), None)


def test_document_frequencies_are_recounted_after_the_index_changes(kibble):
    plans = _plans("kibble", "en")
    key = next(iter(_document_frequencies(plans)))
    assert _document_frequencies(plans)[key] == 12
    added = ResourceFactory(name_en="Kibble van")
    reindex_now([added.pk])
    assert _document_frequencies(plans)[key] == 13


def test_a_rebuild_swaps_in_a_new_table_of_weights_with_its_indexes(varied):
    """The weights are written into a new table, indexed once full and swapped in: the table
    searches walk has the indexes the migrations made, and every weight of the index."""
    rebuild_all()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s",
            [database.TERMS_TABLE],
        )
        indexes = dict(cursor.fetchall())
    assert set(indexes) == {"search_indexterm_walk", "search_indexterm_resource"}
    assert (
        "(language, term, impact DESC, resource_id) INCLUDE (facets)"
        in (indexes["search_indexterm_walk"])
    )
    assert terms_table() == lexemes()
    assert facet_tokens(varied[0].pk) >= {"c:fee", "s:cat", "l:vi"}
