"""Every GET parameter of every public page, and every public form, driven with arbitrary text,
digits of many scripts, huge numbers, impossible dates and missing fields: never a 5xx.

Examples per test: the Hypothesis profile (``portal`` in CI; ``bench/fuzz.py`` runs ``fuzz``).
"""

import pytest
from django.urls import reverse
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from directory.factories import LocationFactory, OrganizationFactory, ResourceFactory, hours
from directory.models import Category
from directory.vocabulary import Cost, ProblemReason, Species, SpokenLanguage
from tests.conftest import LANGUAGE_CODES
from tests.fuzz import hostile, params, request, value_for

pytestmark = pytest.mark.django_db

LANGUAGES = st.sampled_from(LANGUAGE_CODES)


@pytest.fixture
def listings(site):
    """A few public listings: one near 95814 with hours, one confidential, one without a place."""
    pet_food = Category.objects.get(slug="pet-food")
    organization = OrganizationFactory()
    near = ResourceFactory(
        organization=organization,
        categories=[pet_food],
        species=["dog", "cat"],
        languages=["es", "ar"],
        location=LocationFactory(organization=organization, postal_code="95814"),
    )
    hours(near, 0, "09:00", "17:00")
    ResourceFactory(
        categories=[pet_food], confidential_address=True, species=["rabbit"], languages=["vi"]
    )
    ResourceFactory(categories=[pet_food], location=False, cost=Cost.SLIDING_SCALE)
    return near


def path(name, *args, lang="en"):
    with translation.override(lang):
        return reverse(name, args=args)


CATEGORY_FIELDS = {
    "zip": value_for(["95814", "٩٥٨١٤", "95670"]),
    "open_now": value_for(["on", "1", "true"]),
    "cost": value_for(Cost.values),
    "species": value_for(Species.values),
    "language": value_for(SpokenLanguage.values),
    "page": value_for(["1", "2"]),
    "utm_source": hostile(),
}


@given(lang=LANGUAGES, query=params(CATEGORY_FIELDS))
def test_category_page_and_its_printed_list(client, listings, lang, query):
    for name in ("directory:category", "directory:print_category"):
        assert request(client, "get", path(name, "pet-food", lang=lang), query) < 500


@given(lang=LANGUAGES, query=params({"page": hostile(), "q": hostile()}))
def test_every_page_of_the_site_whatever_its_query(client, listings, site_tree, lang, query):
    pages = [
        path("directory:browse", lang=lang),
        path("directory:resource", listings.pk, lang=lang),
        path("directory:report", listings.pk, lang=lang),
        path("directory:report_thanks", listings.pk, lang=lang),
        *(
            site_tree.page(name, lang).url
            for name in ("home", "guide", "story_index", "story", "contact")
        ),
    ]
    for page in pages:
        assert request(client, "get", page, query) < 500


@given(pk=st.one_of(st.integers(min_value=0, max_value=2**70), st.just(2**63)))
def test_a_listing_number_past_anything_is_not_found(client, listings, pk):
    for name in ("directory:resource", "directory:report", "directory:report_thanks"):
        assert request(client, "get", path(name, pk)) in (200, 404)


@given(
    lang=LANGUAGES,
    ids=st.lists(st.one_of(hostile(), st.integers(0, 10).map(str)), max_size=6),
)
def test_printed_selection(client, listings, lang, ids):
    ids = [*ids, str(listings.pk)] if len(ids) % 2 else ids
    assert request(client, "get", path("directory:print_selection", lang=lang), {"r": ids}) < 500


# A PDF takes a tenth of a second or more to make: a quarter of the examples of the profile.
@settings(max_examples=max(3, settings.default.max_examples // 4))
@given(ids=st.lists(hostile(), max_size=3))
def test_printed_selection_as_pdf(client, listings, ids):
    # A PDF is slow to make: the real listing only now and then.
    query = {"r": [*ids, str(listings.pk)] if len(ids) == 3 else ids}
    assert request(client, "get", path("directory:print_selection_pdf"), query) < 500


REPORT_FIELDS = {
    "reason": value_for(ProblemReason.values),
    "details": hostile(),
    "contact": value_for(["(916) 555-0142", "٩١٦٥٥٥٠١٤٢", "someone@example.org"]),
    "website": st.one_of(st.just(""), hostile()),
}


@given(lang=LANGUAGES, form=params(REPORT_FIELDS))
def test_report_a_problem_form(client, listings, lang, form):
    assert request(client, "post", path("directory:report", listings.pk, lang=lang), form) < 500


API_PATHS = [
    "",
    "services",
    "service_at_locations",
    "organizations",
    "taxonomies",
    "taxonomy_terms",
]
API_FIELDS = {
    "page": value_for(["1", "2"]),
    "per_page": value_for(["1", "50", "1000"]),
    "lang": value_for(LANGUAGE_CODES),
    "full": value_for(["true", "1"]),
    "full_service": value_for(["true"]),
    "top_only": value_for(["true"]),
    "search": value_for(["pantry", "comida"]),
    "modified_after": value_for(["2020-01-01", "2020-01-01T00:00:00Z"]),
    "organization_id": value_for(["7f1d0c57-2a4e-4c0e-8a43-1b3f6f0c9a11"]),
    "taxonomy_term_id": hostile(),
    "taxonomy_id": hostile(),
    "parent_id": hostile(),
}


@given(
    endpoint=st.sampled_from(API_PATHS),
    query=params(API_FIELDS),
    accept=st.one_of(st.just(""), hostile(), st.sampled_from(["es", "ar;q=0.9, *", "zh-Hans"])),
)
def test_the_hsds_api(client, listings, endpoint, query, accept):
    status = request(client, "get", f"/api/hsds/{endpoint}", query, HTTP_ACCEPT_LANGUAGE=accept)
    assert status < 500


@given(
    endpoint=st.sampled_from(["services", "organizations", "taxonomy_terms", "taxonomies"]),
    item=hostile(),
)
def test_one_hsds_record_of_any_id(client, listings, endpoint, item):
    from urllib.parse import quote

    status = request(client, "get", f"/api/hsds/{endpoint}/{quote(item, safe='')}")
    assert status < 500


@given(code=st.one_of(LANGUAGES, hostile()), query=params({"next": hostile()}))
def test_the_language_switcher(client, site, code, query):
    from urllib.parse import quote

    status = request(client, "get", f"/language/{quote(code, safe='') or 'x'}/", query)
    assert status < 500
