"""Tier 2: the Elasticsearch engine as a visitor sees it, over HTTP against a live engine.

The behaviours are those of the database engine (``test_database_engine``, imported here and run
again with Elasticsearch answering); ``EMULATOR_GAPS`` names the few the osmem-server emulator
cannot show, and why. With ``ELASTICSEARCH_URL`` set they all run against that server.
"""

import pytest
from django.utils import translation

from search.engines.elastic import ElasticsearchEngine
from search.queries import resources_search, resources_suggest
from search.results import ResourceQuery
from tests.search import test_database_engine as behaviours
from tests.search.elastic_fixtures import *  # noqa: F403
from tests.search.test_database_engine import *  # noqa: F403 - the same behaviours, on Elasticsearch
from tests.search.test_database_engine import names, search

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("elastic")]

# Not about an engine: the database engine's own highlighter and its direct calls.
del test_highlights_mark_the_matched_words_and_escape_the_rest  # noqa: F821
del test_any_text_is_a_normal_search  # noqa: F821

EMULATOR_GAPS = {
    "test_synonyms_staff_add_take_effect_at_once": "ignores synonym_graph filters",
    "test_a_spanish_synonym_can_name_an_english_word": "ignores synonym_graph filters",
    "test_the_seeded_vocabulary_expands_queries_but_dental_never_becomes_mental": (
        "ignores synonym_graph filters"
    ),
}


def test_every_behaviour_of_the_database_engine_runs_here_too():
    shared = {n for n in dir(behaviours) if n.startswith("test_")}
    here = {n for n in globals() if n.startswith("test_")}
    assert shared - here == {
        "test_highlights_mark_the_matched_words_and_escape_the_rest",
        "test_any_text_is_a_normal_search",
    }


def test_elasticsearch_answers(directory):
    results = search("veterinary")
    assert results.engine == "elasticsearch" and not results.fallback


def test_an_accent_folded_name_matches(directory):
    assert names(search("clinica veterinaria", "es"))[0] == "Low-cost veterinary clinic"


def test_suggestions_while_typing(directory):
    with translation.override("en"):
        found = resources_suggest("satur", "en")
    assert [s.text for s in found if s.kind == "resource"] == ["Saturday pet food pantry"]
    with translation.override("vi"):
        found = resources_suggest("nhan thuc", "vi")
    assert "Nhận thức ăn thú cưng ngày thứ Bảy" in [s.text for s in found]


@pytest.mark.parametrize(
    "text",
    ["", " ", "'", '"', "AND OR NOT", "a* b?", "(((", "-", "x" * 10_000, "💩🐶", "٩٥٨١٤", "\x00"],
)
def test_any_text_is_answered_by_elasticsearch(directory, text):
    results = ElasticsearchEngine().search(ResourceQuery(text=text))
    assert results.total >= 0 and results.engine == "elasticsearch"


def test_a_page_past_the_cap_is_empty_not_an_error(directory):
    results = resources_search(ResourceQuery(text="vet", page=99999))
    assert results.hits == [] and results.engine == "elasticsearch"


def test_a_typo_is_corrected_and_said_so(directory):
    results = search("vetrinary clinc")
    assert names(results)[0] == "Low-cost veterinary clinic"
    assert results.corrected == {"vetrinary": "veterinary", "clinc": "clinic"}
    assert search("veterinary clinic").corrected == {}  # known words are never corrected
    assert "mental" not in search("dentl").corrected.values()
