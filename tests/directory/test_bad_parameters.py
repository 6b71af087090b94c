"""Numbers and dates in public URLs that are not what they should be get a clean answer (a page, a
redirect or a 400 that says why), never a 500: a superscript, a number past the database's
integers, a page far past the last, a date past what Python's dates hold in UTC."""

import pytest
from django.urls import reverse
from django.utils import translation

from directory.factories import ResourceFactory

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"


def print_url(name="print_selection"):
    with translation.override("en"):
        return reverse(f"directory:{name}")


@pytest.mark.parametrize("value", ["²", HUGE, "-1", "0", "1e5", "٣x", str(2**63)])
@pytest.mark.parametrize("name", ["print_selection", "print_selection_pdf"])
def test_a_printed_list_of_no_real_listing_says_nothing_is_ticked(client, name, value):
    response = client.get(print_url(name), {"r": value})
    assert response.status_code == 400
    assert "No service ticked yet" in response.content.decode()


def test_a_printed_list_takes_ids_in_any_script_and_ignores_the_rest(client):
    first, second = ResourceFactory(name_en="First pantry"), ResourceFactory(name_en="Second one")
    arabic = "".join("٠١٢٣٤٥٦٧٨٩"[int(d)] for d in str(second.pk))
    response = client.get(print_url(), {"r": [str(first.pk), "²", HUGE, arabic]})
    assert response.status_code == 200
    body = response.content.decode()
    assert "First pantry" in body and "Second one" in body


@pytest.mark.parametrize(
    "path",
    [
        "/api/hsds/services?page=922337203685477580",
        "/api/hsds/service_at_locations?page=922337203685477580&per_page=50",
        "/api/hsds/organizations?page=" + HUGE,
        "/api/hsds/taxonomy_terms?page=922337203685477580",
    ],
)
def test_a_page_far_past_the_last_is_an_empty_page(client, path):
    ResourceFactory()
    response = client.get(path)
    assert response.status_code == 200
    body = response.json()
    assert body["contents"] == [] and body["empty"] is True and body["last_page"] is True


@pytest.mark.parametrize("page", ["²", "-3", "0", "x", "9" * 5000])
def test_a_page_that_is_not_a_number_is_a_400_that_says_why(client, page):
    response = client.get("/api/hsds/services", {"page": page})
    assert response.status_code == 400
    assert response.json()["parameter"] == "page"


@pytest.mark.parametrize(
    "value", ["9999-12-31", "9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00+14:00", "0001-01-01"]
)
def test_modified_after_at_the_edge_of_time_is_a_400(client, value):
    response = client.get("/api/hsds/services", {"modified_after": value})
    assert response.status_code == 400
    assert response.json()["parameter"] == "modified_after"


def test_the_category_page_number_is_read_whatever_is_typed(client):
    with translation.override("en"):
        path = reverse("directory:category", args=["pet-food"])
    for page in ["²", HUGE, "-1", "٢", "9" * 5000]:
        assert client.get(path, {"page": page}).status_code == 200


@pytest.mark.parametrize("endpoint", ["services", "organizations", "taxonomy_terms", "taxonomies"])
def test_a_search_with_a_nul_character_is_a_400(client, endpoint):
    # PostgreSQL cannot compare text holding NUL: it once made a 500 there.
    response = client.get(f"/api/hsds/{endpoint}", {"search": "pan\x00try"})
    assert response.status_code == 400
    assert response.json()["parameter"] == "search"
