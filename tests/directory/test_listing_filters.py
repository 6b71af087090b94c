"""Every filter of a category page, alone and together: the suite runs on SQLite and PostgreSQL, so
each filter is proven on both (the "Animal" and "Language spoken" filters once crashed on SQLite)."""

from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django.utils import translation

from directory.factories import LocationFactory, ResourceFactory, hours
from directory.models import Category, Resource
from directory.selectors.listings import ListingFilters, resources_filtered
from directory.vocabulary import Cost

pytestmark = pytest.mark.django_db


def category_page(client, lang="en", **query):
    with translation.override(lang):
        path = reverse("directory:category", args=["pet-food"])
    response = client.get(f"{path}?{urlencode(query, doseq=True)}")
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def listings():
    pet_food = Category.objects.get(slug="pet-food")
    dogs = ResourceFactory(
        name_en="Dog pantry",
        categories=[pet_food],
        species=["dog"],
        languages=["en", "es"],
        cost=Cost.FREE,
        location=LocationFactory(postal_code="95814", latitude=38.581, longitude=-121.494),
    )
    cats = ResourceFactory(
        name_en="Cat pantry",
        categories=[pet_food],
        species=["cat", "small_animal"],
        languages=["vi"],
        cost=Cost.FEE,
        location=LocationFactory(postal_code="95670", latitude=38.6, longitude=-121.27),
    )
    rabbits = ResourceFactory(
        name_en="Rabbit pantry",
        categories=[pet_food],
        species=["rabbit"],
        languages=["ar", "zh"],
        cost=Cost.SLIDING_SCALE,
    )
    return dogs, cats, rabbits


def names(body):
    return [name for name in ("Dog pantry", "Cat pantry", "Rabbit pantry") if name in body]


def test_animal_filter_lists_the_listings_that_serve_that_animal(client, listings):
    assert names(category_page(client, species="dog")) == ["Dog pantry"]
    assert names(category_page(client, species="small_animal")) == ["Cat pantry"]
    assert names(category_page(client, species="horse_livestock")) == []


def test_language_filter_lists_the_listings_that_speak_it(client, listings):
    assert names(category_page(client, language="vi")) == ["Cat pantry"]
    assert names(category_page(client, language="zh", lang="zh-hans")) == ["Rabbit pantry"]
    assert names(category_page(client, language="ko")) == []


def test_cost_filter_takes_several_costs(client, listings):
    assert names(category_page(client, cost=["free", "sliding_scale"])) == [
        "Dog pantry",
        "Rabbit pantry",
    ]


def test_open_now_filter(client, listings):
    dogs, _cats, _rabbits = listings
    for weekday in range(7):
        hours(dogs, weekday, "00:00", "23:59")
    assert names(category_page(client, open_now="on")) == ["Dog pantry"]


def test_zip_filter_orders_by_distance(client, listings):
    body = category_page(client, zip="95670")
    assert body.index("Cat pantry") < body.index("Dog pantry")


def test_filters_together(client, listings):
    body = category_page(client, species="cat", language="vi", cost="fee", zip="95814")
    assert names(body) == ["Cat pantry"]
    assert names(category_page(client, species="dog", language="vi")) == []


def test_a_code_is_matched_whole_not_as_part_of_another():
    ResourceFactory(name_en="Other", species=["other"], languages=["fa"])
    found = resources_filtered(filters=ListingFilters(species="the"))
    assert not found.exists()
    found = resources_filtered(filters=ListingFilters(language="f"))
    assert not found.exists()
    assert resources_filtered(filters=ListingFilters(species="other", language="fa")).count() == 1


def test_filters_on_every_listing_of_an_empty_list_field():
    ResourceFactory(name_en="No animals listed", species=[], languages=[])
    assert not resources_filtered(filters=ListingFilters(species="dog")).exists()
    assert Resource.objects.filter(species__has="dog").count() == 0


@pytest.mark.parametrize("typed", ["٩٥٦٧٠", "۹۵۶۷۰", "９５６７０"])
def test_a_zip_code_typed_in_arabic_or_persian_digits_orders_by_distance(client, listings, typed):
    body = category_page(client, lang="ar", zip=typed)
    assert body.index("Cat pantry") < body.index("Dog pantry")
    assert "errorlist" not in body


@pytest.mark.parametrize("typed", ["²²²²²", "٩٥٦٧", "9567٠x"])
def test_a_zip_code_that_is_not_one_is_explained_in_the_visitors_language(client, listings, typed):
    body = category_page(client, lang="es", zip=typed, species="dog")
    assert "Escriba un código postal de cinco dígitos" in body
    assert names(body) == ["Dog pantry"]  # the other filters still apply


# --- The printed list and the PDF follow the filters and the order on screen ----------------------


def print_link(body, name):
    """The address of the category page's "Printable list" or "Download as PDF" button."""
    start = body.index('id="print-heading"')
    with translation.override("en"):
        prefix = reverse(f"directory:{name}", args=["pet-food"])
    start = body.index(f'href="{prefix}', start) + len('href="')
    return body[start : body.index('"', start)].replace("&amp;", "&")


def test_the_printed_list_shows_what_the_page_shows_in_its_order(client, listings):
    body = category_page(client, cost=["free", "fee"], zip="95670", species="")
    assert names(body) == ["Dog pantry", "Cat pantry"]
    assert body.index("Cat pantry") < body.index("Dog pantry")  # nearest to 95670 first
    printed = client.get(print_link(body, "print_category"))
    assert printed.status_code == 200
    text = printed.content.decode()
    assert "Rabbit pantry" not in text  # filtered out, as on the page
    assert text.index("Cat pantry") < text.index("Dog pantry")  # nearest first, as on the page
    assert "Nearest to 95670 first." in text
    assert "Only the services that match: Fee, Free." in text
    assert "mi away" in text  # the distance, as on the page


def test_the_pdf_shows_what_the_page_shows(client, listings):
    import io

    from pypdf import PdfReader

    body = category_page(client, species="cat")
    pdf = client.get(print_link(body, "print_category_pdf"))
    assert pdf["Content-Type"] == "application/pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Cat pantry" in text
    assert "Dog pantry" not in text and "Rabbit pantry" not in text


def test_without_filters_the_printed_list_has_every_service(client, listings):
    body = category_page(client)
    assert print_link(body, "print_category").endswith("/pet-food/print/")
    assert names(client.get(print_link(body, "print_category")).content.decode()) == [
        "Dog pantry",
        "Cat pantry",
        "Rabbit pantry",
    ]


def test_a_zip_typed_in_arabic_digits_is_one_pdf_with_the_ascii_one(client, listings, renders):
    with translation.override("en"):
        path = reverse("directory:print_category_pdf", args=["pet-food"])
    assert client.get(path, {"zip": "٩٥٦٧٠"})["Content-Type"] == "application/pdf"
    assert client.get(path, {"zip": "95670"})["Content-Type"] == "application/pdf"
    assert len(renders) == 1
    assert client.get(path, {"zip": "95814"})["Content-Type"] == "application/pdf"
    assert len(renders) == 2  # another ZIP code, another list


def test_unknown_print_parameters_still_redirect_to_the_canonical_address(client, listings):
    with translation.override("en"):
        path = reverse("directory:print_category", args=["pet-food"])
    response = client.get(path, {"species": "cat", "utm_x": "1", "page": "3"})
    assert response.status_code == 302
    assert response["Location"] == f"{path}?species=cat"


# --- A ZIP code outside the area served ------------------------------------------------------------


def test_a_zip_code_outside_the_area_served_is_said_with_the_hotline(client, site, listings):
    """New York's 10001 listed Sacramento's services "about 2,488 mi" away with no word."""
    from content.factories import SITE_SETTINGS

    body = category_page(client, lang="ar", zip="10001")
    assert "10001 خارج المنطقة التي نخدمها." in body
    notice = body.split('id="outside-area"')[1].split("</div>")[0]
    assert f"<bdi>{SITE_SETTINGS['hotline_phone']}</bdi>" in notice
    assert 'href="tel:' in notice
    assert names(body) == ["Dog pantry", "Cat pantry", "Rabbit pantry"]  # still listed


def test_a_zip_code_inside_the_area_has_no_such_notice(client, site, listings):
    assert 'id="outside-area"' not in category_page(client, zip="95670")
    assert 'id="outside-area"' not in category_page(client)


def test_only_public_places_that_may_be_shown_make_the_area(client, site, settings):
    """A safe haven's hidden address, or an ended listing's, is no sign the area is served."""
    from directory.vocabulary import Status

    pet_food = Category.objects.get(slug="pet-food")
    near_sacramento = {"postal_code": "95814", "latitude": 38.58, "longitude": -121.49}
    ResourceFactory(
        categories=[pet_food],
        confidential_address=True,
        location=LocationFactory(**near_sacramento),
    )
    ResourceFactory(
        categories=[pet_food], status=Status.INACTIVE, location=LocationFactory(**near_sacramento)
    )
    assert 'id="outside-area"' in category_page(client, zip="95814")
