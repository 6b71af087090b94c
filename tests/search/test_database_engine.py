"""The database engine, as a visitor sees it: what a query finds and in which order, on SQLite and
on PostgreSQL (the suite runs on both). Elasticsearch runs the same behaviours in its own tier."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from directory.factories import LocationFactory, ResourceFactory, hours
from directory.models import Category, Resource
from directory.services import listing_order_refresh
from directory.vocabulary import Cost, Status
from search.engines.database import DatabaseEngine, mark
from search.indexing import rebuild_all, reindex_now
from search.models import SynonymGroup
from search.queries import resources_search
from search.results import SORT_DISTANCE, ResourceQuery
from search.synonyms import synonyms_seed

pytestmark = pytest.mark.django_db

SACRAMENTO = dict(postal_code="95814", latitude=38.5816, longitude=-121.4944)
DAVIS = dict(postal_code="95616", latitude=38.5449, longitude=-121.7405)  # ~14 miles west
RENO = dict(postal_code="89501", latitude=39.5296, longitude=-119.8138)  # ~110 miles


def names(results):
    by_id = Resource.objects.in_bulk([h.resource_id for h in results.hits])
    return [by_id[h.resource_id].name_en for h in results.hits]


def search(text="", language="en", **filters):
    with translation.override(language):
        return resources_search(ResourceQuery(text=text, language=language, **filters))


@pytest.fixture
def directory():
    # The engine's behaviours with the synonyms each test adds; the seeded vocabulary has its
    # tests below and in tests/search/relevance/.
    SynonymGroup.objects.all().delete()
    vet = Category.objects.get(slug="vet-care")
    food = Category.objects.get(slug="pet-food")
    listings = {
        "vet": ResourceFactory(
            name_en="Low-cost veterinary clinic",
            name_es="Clínica veterinaria de bajo costo",
            short_description_en="Exams and vaccines for dogs and cats.",
            short_description_es="Exámenes y vacunas para perros y gatos.",
            categories=[vet],
            cost=Cost.LOW_COST,
            location=LocationFactory(**SACRAMENTO),
        ),
        "dental": ResourceFactory(
            name_en="Pet dental cleaning day",
            short_description_en="Teeth cleaning for older dogs.",
            categories=[vet],
            cost=Cost.FEE,
            location=LocationFactory(**DAVIS),
        ),
        "mental": ResourceFactory(
            name_en="Mental health support for owners",
            short_description_en="Counselling when caring for a pet gets hard.",
            categories=[Category.objects.get(slug="human-services")],
            location=LocationFactory(**RENO),
        ),
        "food": ResourceFactory(
            name_en="Saturday pet food pantry",
            name_vi="Nhận thức ăn thú cưng ngày thứ Bảy",
            name_zh_hans="周六宠物食品领取",
            name_ar="توزيع طعام الحيوانات الأليفة",
            short_description_en="Free dog and cat food every Saturday.",
            categories=[food],
            species=["dog", "cat"],
            languages=["en", "vi"],
            location=LocationFactory(**SACRAMENTO),
        ),
        "spay": ResourceFactory(
            name_en="Spay day for community cats",
            short_description_en="Free surgery for cats in the county.",
            categories=[vet],
            species=["cat"],
            location=LocationFactory(**DAVIS),
        ),
        "haven": ResourceFactory(
            name_en="Safe haven pet boarding",
            short_description_en="Confidential boarding for pets of people leaving abuse.",
            categories=[Category.objects.get(slug="temporary-care")],
            confidential_address=True,
            location=LocationFactory(**SACRAMENTO),
        ),
        "closed": ResourceFactory(
            name_en="Old veterinary van",
            status=Status.INACTIVE,
            categories=[vet],
        ),
    }
    rebuild_all()
    return listings


def test_finds_words_in_names_and_descriptions(directory):
    assert names(search("veterinary"))[0] == "Low-cost veterinary clinic"
    assert "Saturday pet food pantry" in names(search("food"))
    assert names(search("vaccines")) == ["Low-cost veterinary clinic"]


def test_inactive_listings_are_never_found(directory):
    assert "Old veterinary van" not in names(search("veterinary"))


def test_a_typo_finds_the_word_but_dental_never_becomes_mental(directory):
    assert names(search("vetrinary"))[0] == "Low-cost veterinary clinic"
    found = names(search("dental"))
    assert found == ["Pet dental cleaning day"]
    assert "Mental health support for owners" not in names(search("dentl"))


def test_a_number_is_never_taken_for_a_typo_of_another(directory):
    ResourceFactory(name_en="Kennel 4821 adoption desk")
    rebuild_all()
    assert names(search("4821")) == ["Kennel 4821 adoption desk"]
    found = search("4812")  # another kennel's number, not a typo of this one's
    assert names(found) == []
    assert found.corrected == {}


def test_the_seeded_vocabulary_expands_queries_but_dental_never_becomes_mental(directory):
    synonyms_seed()
    assert "Spay day for community cats" in names(search("neuter"))
    assert "Spay day for community cats" in names(search("fix"))
    assert names(search("vetrinary"))[0] == "Low-cost veterinary clinic"
    assert "Low-cost veterinary clinic" in names(search("affordable vet"))
    for text in ("dental", "dentl", "teeth", "dientes"):
        assert "Mental health support for owners" not in names(search(text)), text
    assert names(search("dental"))[0] == "Pet dental cleaning day"
    assert "Pet dental cleaning day" in names(search("dientes", "es"))
    assert "Pet dental cleaning day" not in names(search("mental health"))


def test_stems_match_other_forms_of_a_word(directory):
    assert "Spay day for community cats" in names(search("spaying"))


def test_the_visitors_language_first_then_english(directory):
    spanish = names(search("veterinaria", "es"))
    assert spanish[0] == "Low-cost veterinary clinic"
    # A listing without Spanish text is still found by its English words.
    assert names(search("dental", "es")) == ["Pet dental cleaning day"]


def test_vietnamese_without_tone_marks_chinese_and_arabic(directory):
    assert names(search("thuc an thu cung", "vi"))[0] == "Saturday pet food pantry"
    assert names(search("宠物食品", "zh-hans"))[0] == "Saturday pet food pantry"
    # Arabic typed with a different alef/hamza form and without the article.
    assert names(search("طعام", "ar"))[0] == "Saturday pet food pantry"
    assert names(search("الاليفة", "ar"))[0] == "Saturday pet food pantry"


def test_synonyms_staff_add_take_effect_at_once(directory):
    assert "Spay day for community cats" not in names(search("neuter"))
    SynonymGroup.objects.create(language="en", terms="spay, neuter, fix")
    assert "Spay day for community cats" in names(search("neuter"))
    SynonymGroup.objects.create(language="en", terms="put down\neuthanasia")
    assert search("put down").total == 0  # a phrase group: no listing says either


def test_a_spanish_synonym_can_name_an_english_word(directory):
    assert search("limpieza dental", "es").total >= 1
    assert "Pet dental cleaning day" not in names(search("dientes", "es"))
    SynonymGroup.objects.create(language="es", terms="dientes, teeth")
    assert "Pet dental cleaning day" in names(search("dientes", "es"))


def test_filters_category_with_subcategories_cost_species_language(directory):
    assert set(names(search("free", category="vet-care"))) == {"Spay day for community cats"}
    assert names(search("veterinary", costs=("low_cost",))) == ["Low-cost veterinary clinic"]
    assert names(search("food", species="cat")) == ["Saturday pet food pantry"]
    assert names(search("food", spoken="vi")) == ["Saturday pet food pantry"]
    assert search("food", spoken="ko").total == 0
    assert search("food", category="no-such-category").total == 0
    # A subcategory's listing counts under its parent.
    emergency = Category.objects.get(slug="vet-emergency")
    ResourceFactory(name_en="Night emergency vet", categories=[emergency])
    rebuild_all()
    assert "Night emergency vet" in names(search("vet", category="vet-care"))


def test_without_words_the_order_is_the_directorys(directory):
    """What the category is for, then the name; an editor's weight before both (issue 9)."""
    chips = ResourceFactory(
        name_en="$10 microchips", categories=[Category.objects.get(slug="microchip")]
    )
    urgent = ResourceFactory(
        name_en="Urgent care clinic", categories=[Category.objects.get(slug="vet-emergency")]
    )
    rebuild_all()
    found = names(search(category="vet-care"))
    assert found.index(urgent.name_en) < found.index(chips.name_en)  # by name, the other way
    assert found[-1] == "Spay day for community cats"  # filed under vet care itself: last
    chips.list_weight = 1
    chips.save()
    listing_order_refresh(resource_ids=[chips.pk])
    reindex_now([chips.pk])
    assert names(search(category="vet-care"))[0] == chips.name_en
    assert names(search())[0] == chips.name_en  # without a category: the weight, then names


def test_filters_only_without_words_list_everything_that_passes(directory):
    found = names(search(category="vet-care"))
    assert set(found) == {
        "Low-cost veterinary clinic",
        "Pet dental cleaning day",
        "Spay day for community cats",
    }


def test_open_now(directory):
    hours(directory["vet"], 1, "09:00", "17:00")  # Tuesday
    rebuild_all()
    tuesday_noon = datetime(2026, 12, 1, 12, 0, tzinfo=ZoneInfo("America/Los_Angeles"))
    with time_machine.travel(tuesday_noon, tick=False):
        assert names(search("veterinary", open_now=True)) == ["Low-cost veterinary clinic"]
    with time_machine.travel(tuesday_noon.replace(hour=20), tick=False):
        assert search("veterinary", open_now=True).total == 0


def test_zip_radius_distance_and_nearest_first(directory):
    near = search("free", zip_code="95814", radius_miles=25, sort=SORT_DISTANCE)
    assert names(near) == ["Saturday pet food pantry", "Spay day for community cats"]
    distances = [h.distance_miles for h in near.hits]
    assert distances[0] < 1 and 10 < distances[1] < 20
    # Reno is beyond 25 miles.
    assert "Mental health support for owners" not in names(
        search("support", zip_code="95814", radius_miles=25)
    )
    assert "Mental health support for owners" in names(search("support", zip_code="95814"))


def test_a_confidential_listing_is_found_by_its_words_but_never_by_distance(directory):
    found = search("boarding", zip_code="95814")
    assert names(found) == ["Safe haven pet boarding"]
    assert found.hits[0].distance_miles is None
    assert search("boarding", zip_code="95814", radius_miles=100).total == 0


def test_facets_count_results_and_a_facets_own_filter_does_not_hide_the_other_choices(directory):
    results = search("free")
    costs = {f.value: f.count for f in results.facets["cost"]}
    assert results.total >= 2 and costs == {"free": results.total}
    vets = search("veterinary")
    categories = {f.value: f.count for f in vets.facets["category"]}
    assert categories == {"vet-care": vets.total}
    filtered = search("day", costs=("fee",))
    assert names(filtered) == ["Pet dental cleaning day"]
    other = {f.value: f.count for f in filtered.facets["cost"]}
    assert other["fee"] == 1 and other["free"] == search("day", costs=("free",)).total >= 1


def test_a_search_without_facets_finds_the_same_listings_with_fewer_queries(
    directory, django_assert_max_num_queries
):
    """The survey's recommendations (``resources_recommend``) show no counts per value."""
    with CaptureQueriesContext(connection) as counted:
        with_facets = search(
            category="vet-care", species="dog", zip_code="95814", sort=SORT_DISTANCE
        )
    # The database engine saves the facets' counting statement; Elasticsearch (this test runs
    # there too, from test_elastic_engine) sends no SQL either way and asks for no aggregations.
    with django_assert_max_num_queries(max(len(counted) - 1, 0)):
        without = search(
            category="vet-care", species="dog", zip_code="95814", sort=SORT_DISTANCE, facets=False
        )
    assert names(without) == names(with_facets) and names(without)
    assert without.total == with_facets.total and not any(without.facets.values())


def test_pages_and_the_total(directory):
    for n in range(25):
        ResourceFactory(name_en=f"Kibble bank {n}")
    rebuild_all()
    first = search("kibble", per_page=10)
    assert first.total == 25 and first.num_pages == 3 and len(first.hits) == 10
    third = search("kibble", per_page=10, page=3)
    assert len(third.hits) == 5
    assert not search("kibble", per_page=10, page=99999).hits


def test_facets_say_when_they_counted_only_the_first_listings_found(directory, monkeypatch):
    from search.engines import database

    assert not DatabaseEngine().search(ResourceQuery(text="free")).facets_limited
    assert not DatabaseEngine().search(ResourceQuery(species="cat")).facets_limited
    monkeypatch.setattr(database, "MAX_RESULTS", 1)
    with translation.override("en"):
        found = DatabaseEngine().search(ResourceQuery(text="free"))  # two listings hold it
        assert found.facets_limited and found.total == 1
        assert sum(f.count for f in found.facets["cost"]) == 1
        # The cost facet counts the first one found without the cost filter.
        assert DatabaseEngine().search(ResourceQuery(text="free", costs=("fee",))).facets_limited
        assert DatabaseEngine().search(ResourceQuery(category="vet-care")).facets_limited


def test_highlights_mark_the_matched_words_and_escape_the_rest():
    assert mark("Dogs & <cats> food", {"en": {"food", "cat"}}) == (
        "Dogs &amp; &lt;<mark>cats</mark>&gt; <mark>food</mark>"
    )
    assert mark("周六宠物食品领取", {"zh-hans": {"宠物"}}) == "周六<mark>宠物</mark>食品领取"
    assert mark("nothing here", {"en": {"food"}}) == ""


def test_highlights_reach_the_results(directory):
    hit = search("vaccines").hits[0]
    assert "<mark>vaccines</mark>" in hit.highlights["summary"]


def test_reindex_follows_status_and_deletion(directory):
    food = directory["food"]
    food.status = Status.INACTIVE
    food.save()
    reindex_now([food.pk])
    assert search("pantry").total == 0
    food.status = Status.ACTIVE
    food.save()
    reindex_now([food.pk])
    assert search("pantry").total == 1
    food_id = food.pk
    food.delete()
    reindex_now([food_id])
    assert search("pantry").total == 0


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "'",
        '"',
        "AND OR NOT",
        "a* b?",
        "(((",
        "-",
        "NEAR(a b)",
        "x" * 10_000,
        "💩🐶",
        "٩٥٨١٤",
        "\x00",
        "'; DROP TABLE search_indexentry; --",
        "the of and",
    ],
)
def test_any_text_is_a_normal_search(directory, text):
    results = DatabaseEngine().search(ResourceQuery(text=text))
    assert results.total >= 0


def _queries_of(**query):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured, translation.override("en"):
        results = DatabaseEngine().search(ResourceQuery(language="en", **query))
    return len(captured.captured_queries), results


@pytest.mark.parametrize(
    ("text", "other_costs"),
    [("free day", {"fee": 1}), ("", {"fee": 1, "low_cost": 1})],
)
def test_facet_filters_cost_no_extra_queries(directory, text, other_costs):
    """The facets are counted in the statement that finds the results: setting every facet's
    filter (each facet then counts without its own) reads no more than setting none. Before,
    each facet filter set ran the whole search again."""
    DatabaseEngine().search(ResourceQuery(text=text))  # the vocabulary, read once a process
    plain, _ = _queries_of(text=text, zip_code="95814", radius_miles=50)
    every, results = _queries_of(
        text=text,
        zip_code="95814",
        radius_miles=50,
        category="vet-care",
        costs=("free",),
        species="cat",
        spoken="en",
    )
    assert names(results) == ["Spay day for community cats"]
    # One to look the category up; the rest stays as without filters.
    assert every <= plain + 1 <= 6
    costs = {f.value: f.count for f in results.facets["cost"]}
    assert costs == {"free": 1, **other_costs}  # what ticking another cost would add


def test_facets_count_each_facet_without_its_own_filter_together(directory):
    results = search("free", costs=("free",), species="dog")
    assert names(results) == ["Saturday pet food pantry"]
    species = {f.value: f.count for f in results.facets["species"]}
    costs = {f.value: f.count for f in results.facets["cost"]}
    # The cat-only spay day is free too: it counts under "cat" (the species filter set aside),
    # and the dog filter keeps it out of the cost counts.
    assert species == {"cat": 2, "dog": 1}
    assert costs == {"free": 1}
    unknown = search("free", category="no-such-category")
    assert unknown.total == 0 and unknown.facets["cost"] == []
    assert {f.value for f in unknown.facets["category"]} >= {"vet-care", "pet-food"}


def test_suggestions_while_typing_names_and_words_of_names(directory):
    found = [s.text for s in DatabaseEngine().suggest("clin", "en")]
    assert "Low-cost veterinary clinic" in found  # a word of the name
    assert [s.text for s in DatabaseEngine().suggest("satur", "en")][:1] == [
        "Saturday pet food pantry"
    ]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm, where available")
def test_suggestions_forgive_a_misspelt_word_where_trigrams_are_available(directory):
    """PostgreSQL with pg_trgm (migration 0006): names close to a misspelt word; a word too
    short to be corrected (three letters) and a word no name is near suggest nothing."""
    assert "Low-cost veterinary clinic" in [
        s.text for s in DatabaseEngine().suggest("vetrinary", "en")
    ]
    assert not [s for s in DatabaseEngine().suggest("zzqqxx", "en") if s.kind == "resource"]
    closed = [s.text for s in DatabaseEngine().suggest("veterinery van", "en")]
    assert "Old veterinary van" not in closed  # inactive listings are never suggested
