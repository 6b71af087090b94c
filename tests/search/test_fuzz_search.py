"""The public search pages with whatever a visitor (or a robot) may send: long, unicode and
control-character text, the query syntax of full-text engines (AND/OR/NEAR, quotes, ``*``, FTS5
column filters and carets, tsquery operators), every filter with valid and hostile values, negative
and huge radii, page 99999: never a 5xx, on SQLite and PostgreSQL.

Examples per test: the Hypothesis profile (``portal`` in CI; ``bench/fuzz.py`` runs ``fuzz``).
"""

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from directory.factories import LocationFactory, OrganizationFactory, ResourceFactory, hours
from directory.models import Category
from directory.vocabulary import Cost, Species, SpokenLanguage
from search.indexing import rebuild_all
from search.models import SynonymGroup
from tests.conftest import LANGUAGE_CODES
from tests.fuzz import DIGITS, hostile, params, request, value_for

pytestmark = [
    pytest.mark.django_db,
    # A 10 KB query makes a long report of each example; that is the point, not a problem.
    pytest.mark.filterwarnings("ignore:Generating overly large repr"),
]

LANGUAGES = st.sampled_from(LANGUAGE_CODES)

# What full-text engines read as syntax: FTS5 (quotes, NEAR(), column filters, ^, *, +, AND/OR/NOT
# in capitals), PostgreSQL's tsquery (& | ! <-> :* and weights), Elasticsearch query strings.
SYNTAX = [
    '"',
    '""',
    '"pet',
    "*",
    "pet*",
    "*pet",
    "^pet",
    "+",
    "-",
    "AND",
    "OR",
    "NOT",
    "pet AND",
    "OR food",
    "NOT NOT",
    "NEAR",
    "NEAR(pet food, 2)",
    "NEAR(",
    "pet NEAR/3 food",
    "name:pet",
    "{name body}: pet",
    "search_fts:food",
    "rank:1",
    "pet & food",
    "pet | !food",
    "pet <-> food",
    "pet:*",
    "pet:A",
    "!",
    "&",
    "|",
    "<->",
    "()",
    "(pet",
    "pet)",
    "'",
    "''",
    "\\",
    "%",
    "_",
    "pet food~2",
    "title:(pet OR food)",
    "a" * 101,
    "food " * 300,
    "\x00",
    "\x01\x02\x1f\x7f",
    "\u0085\u2028\u2029",
    "\ufeff\u200b\u200d",
    "\ud7ff\ue000\uffff",
    "comida para perros",
    "thú y",
    "thu y",
    "宠物食品",
    "طعام القطط",
    "ＡＮＤ",
    "ﬁx",
    "İstanbul",
    "ß",
]


def query_text() -> st.SearchStrategy[str]:
    """Text in any script with the engines' syntax mixed in, up to 10 KB, or a hostile value."""
    piece = st.one_of(
        st.sampled_from(SYNTAX),
        st.text(max_size=30),
        st.text(alphabet=DIGITS, min_size=1, max_size=12),
        st.sampled_from(["pet", "food", "vet", "spay", "low cost", "comida", "thuc an"]),
    )
    return st.one_of(
        st.lists(piece, max_size=8).map(" ".join),
        hostile(),
        st.text(min_size=1, max_size=64).map(lambda s: (s * (10_240 // len(s) + 1))[:10_240]),
        st.sampled_from(SYNTAX).map(lambda s: (s + " ") * (10_240 // (len(s) + 1))),
    )


SEARCH_FIELDS = {
    "q": query_text(),
    "zip": value_for(["95814", "٩٥٨١٤", "95814-1234", "00000", "99999"]),
    "radius": value_for(["1", "5", "25", "100", "-5", "-1", "0", "101", "1e9", str(2**64)]),
    "sort": value_for(["relevance", "distance"]),
    "open_now": value_for(["on", "1", "true"]),
    "category": value_for(["pet-food", "vet-care", "temporary-care", "no-such-category"]),
    "cost": value_for(Cost.values),
    "species": value_for(Species.values),
    "language": value_for(SpokenLanguage.values),
    "page": value_for(["1", "2", "99999", "0", "-1", "٢", str(10**30)]),
    "utm_source": hostile(),
}


@pytest.fixture
def listings(site):
    """Listings the queries can find: near 95814 with hours, a confidential one, one without a
    place, one in several languages; a synonym group; the index built."""
    food = Category.objects.get(slug="pet-food")
    vet = Category.objects.get(slug="vet-care")
    organization = OrganizationFactory()
    near = ResourceFactory(
        organization=organization,
        name_en="Saturday pet food pantry",
        name_es="Despensa de comida para mascotas",
        name_zh_hans="周六宠物食品领取",
        name_vi="Nhận thức ăn thú cưng",
        name_ar="توزيع طعام الحيوانات الأليفة",
        categories=[food],
        species=["dog", "cat"],
        languages=["es", "ar", "vi"],
        location=LocationFactory(organization=organization, postal_code="95814"),
    )
    hours(near, 0, "09:00", "17:00")
    ResourceFactory(
        name_en="Safe haven boarding",
        categories=[Category.objects.get(slug="temporary-care")],
        confidential_address=True,
        species=["rabbit"],
        languages=["vi"],
    )
    ResourceFactory(
        name_en="Low-cost vet clinic", categories=[vet], location=False, cost=Cost.SLIDING_SCALE
    )
    SynonymGroup.objects.create(language="en", terms="spay, neuter, fix")
    rebuild_all()
    return near


def path(lang, suffix=""):
    from django.urls import reverse

    with translation.override(lang):
        return reverse("search:results") + suffix


@given(lang=LANGUAGES, query=params(SEARCH_FIELDS))
def test_the_results_page_whatever_is_asked(client, listings, lang, query):
    assert request(client, "get", path(lang), query) < 500


@given(lang=LANGUAGES, text=query_text(), extra=params({"limit": hostile(), "q": hostile()}))
def test_suggestions_whatever_is_typed(client, listings, lang, text, extra):
    status = request(client, "get", path(lang, "suggest/"), {**extra, "q": text})
    assert status < 500


@pytest.mark.parametrize("lang", LANGUAGE_CODES)
def test_every_piece_of_engine_syntax_is_a_normal_page(client, listings, lang):
    """Each piece once, in every language (Hypothesis samples them; this walks them all)."""
    for text in SYNTAX:
        with_filters = {"q": text, "zip": "95814", "radius": "25", "page": "99999"}
        assert request(client, "get", path(lang), {"q": text}) == 200, text
        assert request(client, "get", path(lang), with_filters) == 200, text
        assert request(client, "get", path(lang, "suggest/"), {"q": text}) == 200, text
