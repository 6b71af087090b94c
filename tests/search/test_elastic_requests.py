"""Tier 1 of the Elasticsearch tests: no server. The index definition (analyzers, mapping), the
document a listing becomes (``prepare``) and each query's ``to_dict()``, as Elasticsearch would
receive them. Tier 2 (``test_elastic_engine.py``) sends them to a live engine."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.test import override_settings
from elasticsearch.dsl import Search

from directory.factories import LocationFactory, ResourceFactory, hours
from directory.models import Category
from search.documents import ResourceDocument, iter_documents
from search.engines.elastic.mapping import (
    SYNONYMS_INLINE,
    SYNONYMS_SET,
    alias_name,
    index_definition,
    prepare,
    synonyms_set_id,
)
from search.engines.elastic.queries import (
    ENGLISH_FALLBACK_BOOST,
    search_request,
    suggest_request,
    text_query,
)
from search.results import MAX_RESULTS, SORT_DISTANCE, ResourceQuery

KEYS = ["en", "es", "zh_hans", "vi", "ar"]
POINT = (38.5816, -121.4944)
RULES = {"en": ["spay, neuter, fix"], "es": ["comida, alimento"]}


@pytest.fixture(scope="module")
def definition():
    return index_definition("portal_resources_1", mode=SYNONYMS_INLINE, rules=RULES).to_dict()


def analyzers(definition):
    return definition["settings"]["analysis"]["analyzer"]


def filters_of(definition, analyzer_name):
    """The filter chain of an analyzer, each custom filter by its definition's type (or name)."""
    custom = definition["settings"]["analysis"]["filter"]
    chain = []
    for name in analyzers(definition)[analyzer_name]["filter"]:
        found = custom.get(name)
        chain.append(found.get("language") or found["type"] if found else name)
    return chain


# --- Index definition ----------------------------------------------------------------------------


def test_every_text_field_has_a_sub_field_per_language_with_its_analyzers(definition):
    properties = definition["mappings"]["properties"]
    for field in ("name", "organization", "categories", "description", "eligibility", "spoken"):
        sub_fields = properties[field]["properties"]
        assert sorted(sub_fields) == sorted(KEYS), field
        for code, mapping in sub_fields.items():
            assert mapping["analyzer"] == f"portal_{code}"
            assert mapping["search_analyzer"] == f"portal_{code}_search"
            # A quoted phrase is analysed as indexed: no synonym expansion.
            assert mapping["search_quote_analyzer"] == mapping["analyzer"]


def test_names_have_a_folded_and_an_edge_ngram_sub_field(definition):
    english = definition["mappings"]["properties"]["name"]["properties"]["en"]["fields"]
    assert english["folded"]["analyzer"] == "portal_folded"
    assert english["suggest"]["analyzer"] == "portal_suggest"
    assert english["suggest"]["search_analyzer"] == "portal_suggest_search"  # no n-grams typed
    edge = definition["settings"]["analysis"]["filter"]["portal_edge"]
    assert edge["type"] == "edge_ngram"
    assert "asciifolding" in analyzers(definition)["portal_folded"]["filter"]


def test_filters_places_and_opening_hours_have_their_own_types(definition):
    types = {k: v["type"] for k, v in definition["mappings"]["properties"].items()}
    assert types["points"] == "geo_point"
    for field in ("cost", "species", "spoken_codes", "category_slugs", "status"):
        assert types[field] == "keyword", field
    assert types["open_same_day"] == types["open_after_midnight"] == "integer_range"
    assert types["closures"] == "date_range"
    assert definition["mappings"]["dynamic"] == "strict"


def test_language_analyzers_are_custom_with_each_languages_normalisation_and_stemmer(definition):
    for code in KEYS:
        assert analyzers(definition)[f"portal_{code}"]["type"] == "custom"
        assert analyzers(definition)[f"portal_{code}"]["tokenizer"] == "standard"
    assert "english" in filters_of(definition, "portal_en")  # Porter
    assert "light_spanish" in filters_of(definition, "portal_es")
    assert {"arabic_normalization", "arabic_stem"} <= set(filters_of(definition, "portal_ar"))
    assert {"cjk_width", "cjk_bigram"} <= set(filters_of(definition, "portal_zh_hans"))
    assert "asciifolding" in filters_of(definition, "portal_vi")  # "thu y" finds "thú y"
    assert "stop" in filters_of(definition, "portal_es")


def test_synonyms_are_added_at_search_time_only(definition):
    custom = definition["settings"]["analysis"]["filter"]
    for code in KEYS:
        assert "synonym_graph" not in filters_of(definition, f"portal_{code}")
        assert "synonym_graph" in filters_of(definition, f"portal_{code}_search")
    assert custom["portal_synonyms_en"]["synonyms"] == ["spay, neuter, fix"]
    assert custom["portal_synonyms_en"]["updateable"] is True
    # A Spanish visitor's words reach English texts through the Spanish synonyms too.
    chain = analyzers(definition)["portal_en_search_from_es"]["filter"]
    assert {"portal_synonyms_es", "portal_synonyms_en", "portal_stop_es"} <= set(chain)


def test_on_elasticsearch_8_10_synonyms_come_from_sets_named_with_the_prefix():
    with override_settings(SEARCH_INDEX_PREFIX="staging"):
        body = index_definition("staging_resources_1", mode=SYNONYMS_SET, rules={}).to_dict()
        synonym = body["settings"]["analysis"]["filter"]["portal_synonyms_es"]
        assert synonym["synonyms_set"] == synonyms_set_id("es") == "staging_synonyms_es"
        assert "synonyms" not in synonym


def test_index_names_carry_the_environment_prefix():
    assert alias_name() == f"{settings.SEARCH_INDEX_PREFIX.lower()}_resources"
    assert alias_name().startswith("test_")  # the tests never touch a real index
    with override_settings(SEARCH_INDEX_PREFIX="Staging"):
        assert alias_name() == "staging_resources"


def test_filters_an_engine_lacks_can_be_left_out():
    with override_settings(ELASTICSEARCH_SKIP_FILTERS=["arabic_stem"]):
        body = index_definition("x", mode=SYNONYMS_INLINE, rules={}).to_dict()
    assert "arabic_stem" not in filters_of(body, "portal_ar")
    assert "arabic_normalization" in filters_of(body, "portal_ar")


# --- The document of a listing -------------------------------------------------------------------


def document(**overrides) -> ResourceDocument:
    values = dict(
        id=7,
        status="active",
        cost="free",
        species=["dog"],
        spoken=["es"],
        categories=["vet-care", "spay-neuter"],
        confidential=False,
        points=[POINT],
        open_minutes=[],
        closures=[],
        texts={
            "en": {"name": "Spay day", "summary": "Free spay.", "description": "Free spay."},
            "es": {"name": "Día de esterilización", "description": ""},
        },
    )
    return ResourceDocument(**{**values, **overrides})


def test_a_document_has_each_language_it_is_written_in_and_no_empty_texts():
    source = prepare(document(), top_categories={"vet-care"})
    assert source["name"] == {"en": "Spay day", "es": "Día de esterilización"}
    assert source["description"] == {"en": "Free spay."}  # no empty Spanish description
    assert source["category_slugs"] == ["vet-care", "spay-neuter"]
    assert source["top_categories"] == ["vet-care"]
    assert source["points"] == [{"lat": POINT[0], "lon": POINT[1]}]


def test_a_confidential_document_has_no_points_even_if_given_some():
    source = prepare(document(confidential=True))
    assert "points" not in source and source["confidential"] is True


@pytest.mark.django_db
def test_a_confidential_listing_reaches_the_index_with_no_location_at_all():
    place = LocationFactory(postal_code="95814", latitude=POINT[0], longitude=POINT[1])
    haven = ResourceFactory(
        name_en="Safe haven for pets", confidential_address=True, location=place
    )
    [found] = [d for d in iter_documents() if d.id == haven.pk]
    source = prepare(found)
    assert found.points == [] and "points" not in source
    text = repr(source)
    assert "95814" not in text and str(POINT[0]) not in text and place.address_1 not in text


@pytest.mark.django_db
def test_opening_hours_past_midnight_are_split_at_midnight():
    listing = ResourceFactory(name_en="Night vet", categories=[Category.objects.first()])
    hours(listing, 4, "20:00", "02:00")  # Friday night into Saturday
    [found] = [d for d in iter_documents() if d.id == listing.pk]
    source = prepare(found)
    friday = 4 * 24 * 60
    assert source["open_same_day"] == [{"gte": friday + 20 * 60, "lt": friday + 24 * 60}]
    assert source["open_after_midnight"] == [{"gte": friday + 24 * 60, "lt": friday + 26 * 60}]


# --- Requests ------------------------------------------------------------------------------------


def request(point=None, **query):
    return search_request(Search(index="x"), ResourceQuery(**query), point=point).to_dict()


def clauses(text, language):
    return text_query(text, language).to_dict()["bool"]["should"]


def test_phrases_rank_above_words_and_words_above_near_spellings():
    found = {}
    for clause in clauses("dental cleaning", "en"):
        if "multi_match" in clause:
            found[clause["multi_match"]["type"]] = clause["multi_match"]
        elif "spelling.en" in clause.get("match", {}):
            found["fuzzy"] = clause["match"]["spelling.en"]
    assert found["phrase"]["boost"] > found["best_fields"]["boost"] > found["fuzzy"]["boost"]
    assert found["phrase"]["analyzer"] == "portal_en"  # no synonyms inside a phrase
    assert found["best_fields"]["analyzer"] == "portal_en_search"
    # "dental" never becomes "mental": the first letter is kept, short words stay exact.
    assert found["fuzzy"]["fuzziness"] == "AUTO:4,8" and found["fuzzy"]["prefix_length"] == 1


def test_the_visitors_language_comes_first_and_english_is_the_lower_fallback():
    by_language = {}
    for clause in clauses("comida", "es"):
        match = clause.get("multi_match")
        if match:
            language = match["fields"][0].split(".")[1].split("^")[0]
            by_language.setdefault(language, []).append(match)
    assert set(by_language) == {"es", "en"}
    assert by_language["es"][0]["fields"][0] == "name.es^10"
    spanish = {m["type"]: m["boost"] for m in by_language["es"]}
    english = {m["type"]: m["boost"] for m in by_language["en"]}
    for kind, boost in english.items():
        assert boost == pytest.approx(spanish[kind] * ENGLISH_FALLBACK_BOOST)
    spelled = [c["match"] for c in clauses("comida", "es") if "match" in c]
    assert [next(iter(m)) for m in spelled if "fuzziness" in next(iter(m.values()))] == [
        "spelling.es"
    ]  # near spellings in the visitor's language only, as the database engine
    english_words = next(m for m in by_language["en"] if m["type"] == "best_fields")
    assert english_words["analyzer"] == "portal_en_search_from_es"


def test_an_english_visitor_searches_english_only():
    fields = {f for c in clauses("vet", "en") for f in c.get("multi_match", {}).get("fields", [])}
    assert fields and all(".en^" in f for f in fields)


def test_facet_filters_go_after_the_search_and_each_facet_counts_without_its_own():
    body = request(text="vet", category="vet-care", costs=("free",), species="dog", spoken="es")
    post = body["post_filter"]["bool"]["filter"]
    assert {"term": {"category_slugs": "vet-care"}} in post
    assert {"terms": {"cost": ["free"]}} in post
    assert {"term": {"species": "dog"}} in post and {"term": {"spoken_codes": "es"}} in post
    cost_facet = body["aggs"]["cost"]["filter"]["bool"]["filter"]
    assert {"terms": {"cost": ["free"]}} not in cost_facet
    assert {"term": {"category_slugs": "vet-care"}} in cost_facet
    assert body["aggs"]["category"]["aggs"]["values"]["terms"]["field"] == "top_categories"


def test_a_search_without_facets_asks_for_no_aggregations():
    body = request(category="vet-care", species="dog", facets=False)
    assert "aggs" not in body
    assert {"term": {"species": "dog"}} in body["post_filter"]["bool"]["filter"]


def test_a_zip_radius_narrows_the_query_and_sorts_nearest_first():
    body = request(point=POINT, text="vet", zip_code="95814", radius_miles=10, sort=SORT_DISTANCE)
    narrowing = body["query"]["bool"]["filter"]
    assert narrowing == [
        {"geo_distance": {"distance": "10mi", "points": {"lat": POINT[0], "lon": POINT[1]}}}
    ]
    assert body["sort"][0]["_geo_distance"]["order"] == "asc"


def test_open_now_uses_the_minute_of_the_week_and_skips_closed_days():
    moment = datetime(2026, 12, 4, 10, 30, tzinfo=ZoneInfo(settings.TIME_ZONE))  # a Friday
    body = search_request(Search(index="x"), ResourceQuery(open_now=True), now=moment).to_dict()
    [open_now] = body["query"]["bool"]["filter"]
    today, yesterday = open_now["bool"]["should"]
    minute = 4 * 24 * 60 + 10 * 60 + 30
    assert today["bool"]["filter"] == [{"term": {"open_same_day": minute}}]
    assert today["bool"]["must_not"] == [{"term": {"closures": "2026-12-04"}}]
    assert yesterday["bool"]["must_not"] == [{"term": {"closures": "2026-12-03"}}]


def test_text_of_stop_words_only_lists_everything_by_name():
    body = request(text="the", language="en")
    assert body["query"] == {"match_all": {}}
    # The directory's order without a category: the editors' weight, then the name.
    assert body["sort"][0] == {"list_weight": {"order": "desc", "missing": 0}}
    assert "sort_name.en" in body["sort"][1] and "highlight" not in body


def test_highlights_are_html_escaped_marks_in_the_visitors_language_and_english():
    body = request(text="comida", language="es")
    assert body["highlight"]["encoder"] == "html"
    assert body["highlight"]["pre_tags"] == ["<mark>"]
    assert set(body["highlight"]["fields"]) == {"name.es", "name.en", "summary.es", "summary.en"}


def test_pages_stop_at_the_cap_and_a_page_past_it_asks_for_no_hits():
    assert (request(text="vet", page=3)["from"], request(text="vet", page=3)["size"]) == (40, 20)
    past = request(text="vet", page=99999)
    assert past["size"] == 0 and past["from"] == 0
    assert request(text="vet")["track_total_hits"] == MAX_RESULTS


def test_a_10_kb_query_is_cut():
    [first, *_rest] = clauses("x" * 10_000, "en")
    assert len(first["multi_match"]["query"]) <= 500


def test_suggestions_match_word_starts_in_the_visitors_language_then_english():
    body = suggest_request(Search(index="x"), "clin", "es", limit=4).to_dict()
    fields = [next(iter(c["match"])) for c in body["query"]["bool"]["should"]]
    assert fields == ["name.es.suggest", "name.en.suggest"]


def test_near_spellings_and_did_you_mean_read_the_words_as_written(definition):
    properties = definition["mappings"]["properties"]
    assert properties["spelling"]["properties"]["en"]["analyzer"] == "portal_folded"  # no stems
    for field in ("name", "organization", "categories", "description", "eligibility", "spoken"):
        assert properties[field]["properties"]["es"]["copy_to"] == "spelling.es"
    assert "copy_to" not in properties["summary"]["properties"]["es"]
    suggester = request(text="groomng day", language="es")["suggest"]["spelling"]
    assert suggester["text"] == "groomng day"
    assert suggester["term"]["field"] == "spelling.es"
    assert suggester["term"]["suggest_mode"] == "missing"  # a known word is never corrected
    assert suggester["term"]["prefix_length"] == 1
    assert "suggest" not in request(text="the", language="en")


def test_did_you_mean_keeps_the_corrections_the_search_allowed():
    from search.engines.elastic import _corrected

    def entry(word, *known):
        return {"text": word, "options": [{"text": k, "score": 0.8, "freq": 1} for k in known]}

    answer = {
        "spelling": [
            entry("groomng", "grooming"),  # one edit in seven letters: allowed
            entry("vetrinary", "veterinary"),  # one edit in nine
            entry("dentl", "mental"),  # another first letter: never
            entry("cat"),  # known, or too short: nothing suggested
            entry("grmng", "grooming"),  # three edits: more than AUTO:4,8 allows
        ]
    }
    assert _corrected(answer) == {"groomng": "grooming", "vetrinary": "veterinary"}
