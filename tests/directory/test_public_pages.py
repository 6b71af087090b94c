"""The public directory: browse, category, listing and report pages, in the visitor's language."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from content.factories import SITE_SETTINGS
from directory.factories import CategoryFactory, LocationFactory, ResourceFactory, hours
from directory.models import Category, ProblemReport
from directory.vocabulary import Cost, Status

pytestmark = pytest.mark.django_db


def url(name, *args, lang="en", **query):
    with translation.override(lang):
        path = reverse(f"directory:{name}", args=args)
    if query:
        from urllib.parse import urlencode

        path += "?" + urlencode(query, doseq=True)
    return path


@pytest.fixture
def pet_food():
    return Category.objects.get(slug="pet-food")


@pytest.fixture
def vet_care():
    return Category.objects.get(slug="vet-care")


def test_browse_lists_categories_with_counts_in_spanish(client, pet_food):
    ResourceFactory.create_batch(2, categories=[pet_food])
    ResourceFactory(categories=[pet_food], status=Status.INACTIVE)
    body = client.get(url("browse", lang="es")).content.decode()
    assert pet_food.name_es in body
    assert f'href="{url("category", "pet-food", lang="es")}"' in body
    assert "2 servicios" in body  # the inactive listing is not counted


def test_category_includes_its_subcategories_and_hides_inactive(client, vet_care):
    emergency = Category.objects.get(slug="vet-emergency")
    ResourceFactory(name_en="Night emergency clinic", categories=[emergency])
    ResourceFactory(name_en="Vaccine van", categories=[vet_care])
    ResourceFactory(name_en="Closed-down clinic", categories=[vet_care], status=Status.INACTIVE)
    body = client.get(url("category", "vet-care")).content.decode()
    assert "Night emergency clinic" in body and "Vaccine van" in body
    assert "Closed-down clinic" not in body
    assert "2 services" in body


def test_listing_card_shows_cost_languages_town_and_open_state(client, pet_food):
    resource = ResourceFactory(
        name_en="Saturday pantry",
        cost=Cost.SLIDING_SCALE,
        languages=["es", "vi"],
        categories=[pet_food],
        location=LocationFactory(city="Cedar Falls"),
    )
    for weekday in range(7):
        hours(resource, weekday, "00:00", "23:59")
    body = client.get(url("category", "pet-food", lang="es")).content.decode()
    card = body[body.index("Saturday pantry") :]
    assert "<dd>Tarifa según ingresos</dd>" in card
    assert "Cedar Falls" in card
    assert "<dd>Español, Vietnamita</dd>" in card
    assert 'class="badge badge--open"' in body


def test_zip_code_orders_by_distance_and_shows_it(client, pet_food):
    # 95814 is downtown Sacramento; 95670 (Rancho Cordova) is about 12 miles east.
    far = ResourceFactory(
        name_en="Far pantry",
        categories=[pet_food],
        location=LocationFactory(postal_code="95670", latitude=38.6, longitude=-121.27),
    )
    near = ResourceFactory(
        name_en="Near pantry",
        categories=[pet_food],
        location=LocationFactory(postal_code="95814", latitude=38.581, longitude=-121.494),
    )
    body = client.get(url("category", "pet-food", zip="95814")).content.decode()
    assert body.index(near.name_en) < body.index(far.name_en)
    assert "about 0" in body  # "about 0.1 mi away" for the near one
    assert "mi away" in body
    body = client.get(url("category", "pet-food")).content.decode()
    assert body.index(far.name_en) < body.index(near.name_en)  # by name without a ZIP


def test_location_without_coordinates_is_placed_at_its_zip_code(client, pet_food):
    ResourceFactory(
        name_en="ZIP-only pantry",
        categories=[pet_food],
        location=LocationFactory(postal_code="95670", latitude=None, longitude=None),
    )
    body = client.get(url("category", "pet-food", zip="95814")).content.decode()
    assert "mi away" in body


def test_bad_zip_code_gets_a_translated_error_and_keeps_the_other_filters(client, pet_food):
    ResourceFactory(name_en="Free pantry", categories=[pet_food], cost=Cost.FREE)
    ResourceFactory(name_en="Paid pantry", categories=[pet_food], cost=Cost.FEE)
    response = client.get(url("category", "pet-food", lang="es", zip="9581", cost="free"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Escriba un código postal de cinco dígitos" in body
    assert 'value="9581"' in body  # what the visitor typed is kept
    assert "Free pantry" in body and "Paid pantry" not in body


def test_unknown_zip_code_is_explained(client, pet_food):
    body = client.get(url("category", "pet-food", zip="00000")).content.decode()
    assert "We do not know the ZIP code 00000" in body


def test_resource_page_in_spanish(client, pet_food):
    resource = ResourceFactory(
        name_en="Pet food pantry",
        name_es="Despensa de comida para mascotas",
        short_description_es="Comida gratis para perros y gatos.",
        application_process_en="Just come in.",
        application_process_es="Solo venga.",
        categories=[pet_food],
        phone="(555) 010-4242",
    )
    body = client.get(url("resource", resource.pk, lang="es")).content.decode()
    assert '<html lang="es" dir="ltr">' in body
    assert "Despensa de comida para mascotas" in body
    assert "Solo venga." in body
    assert 'href="tel:5550104242"' in body
    assert "no se han traducido" not in body  # fully translated: no notice


def test_untranslated_text_falls_back_to_english_with_a_notice(client, pet_food):
    resource = ResourceFactory(
        name_en="Pet food pantry",
        short_description_en="Free dog and cat food.",
        name_vi="Kho thực phẩm cho thú cưng",
        categories=[pet_food],
    )
    page = client.get(url("resource", resource.pk, lang="vi")).content.decode()
    assert "Kho thực phẩm cho thú cưng" in page
    assert '<p class="lead" lang="en" dir="ltr">Free dog and cat food.</p>' in page
    with translation.override("vi"):
        notice = translation.gettext(
            "Parts of this listing have not been translated yet and are shown in English."
        )
    assert escape(notice) in page and notice != (
        "Parts of this listing have not been translated yet and are shown in English."
    )
    card = client.get(url("category", "pet-food", lang="vi")).content.decode()
    assert 'lang="en" dir="ltr">Free dog and cat food.</p>' in card


def test_arabic_listing_is_right_to_left(client, pet_food):
    resource = ResourceFactory(name_ar="بنك طعام الحيوانات", categories=[pet_food])
    body = client.get(url("resource", resource.pk, lang="ar")).content.decode()
    assert '<html lang="ar" dir="rtl">' in body
    assert "بنك طعام الحيوانات" in body


def test_unknown_listing_is_not_found(client):
    assert client.get(url("resource", 999999)).status_code == 404
    assert client.get(url("category", "no-such-category")).status_code == 404


def test_an_ended_listing_says_so_and_offers_services_of_its_kind(client, site, pet_food):
    """It used to answer a bare 404, as if the link were wrong."""
    gone = ResourceFactory(
        name_en="Old pantry",
        name_es="Despensa antigua",
        categories=[pet_food],
        status=Status.INACTIVE,
        location=LocationFactory(address_1="1200 Mill Road"),
    )
    ResourceFactory(name_en="New pantry", name_es="Despensa nueva", categories=[pet_food])
    ResourceFactory(name_en="Also ended", categories=[pet_food], status=Status.INACTIVE)
    response = client.get(url("resource", gone.pk, lang="es"))
    assert response.status_code == 410
    body = response.content.decode()
    assert "Este servicio ha terminado" in body
    assert "Despensa antigua" in body
    assert "Despensa nueva" in body  # a service of its kind still offered
    assert "Also ended" not in body
    assert "1200 Mill Road" not in body  # nothing of where it was
    assert f'href="{url("category", "pet-food", lang="es")}"' in body
    assert SITE_SETTINGS["hotline_phone"] in body


def test_temporarily_closed_listing_says_so(client):
    resource = ResourceFactory(status=Status.TEMPORARILY_CLOSED)
    body = client.get(url("resource", resource.pk)).content.decode()
    assert "This service is temporarily closed" in body


def test_resource_page_shows_hours_eligibility_documents_and_last_check(client):
    resource = ResourceFactory(
        minimum_age=18,
        eligibility_description_en="People living in Riverbend County.",
        required_documents_en="Photo ID\nProof of address",
    )
    hours(resource, 0, "09:00", "17:00")
    hours(resource, 4, "22:00", "02:00")
    body = client.get(url("resource", resource.pk)).content.decode()
    assert "Ages 18 and over" in body
    assert "People living in Riverbend County." in body
    assert "<li>Photo ID</li>" in body and "<li>Proof of address</li>" in body
    assert "(next day)" in body  # Friday's period runs past midnight
    assert "Last checked with the organisation on" in body


def test_related_resources_share_a_category(client, pet_food):
    resource = ResourceFactory(categories=[pet_food])
    other = ResourceFactory(name_en="Another pantry", categories=[pet_food])
    unrelated = ResourceFactory(name_en="Unrelated clinic", categories=[CategoryFactory()])
    body = client.get(url("resource", resource.pk)).content.decode()
    assert other.name_en in body and unrelated.name_en not in body


def test_report_a_problem_queues_it_for_directory_editors(client):
    resource = ResourceFactory()
    response = client.post(
        url("report", resource.pk, lang="es"),
        {"reason": "phone", "details": "El número ya no existe.", "contact": "555-0199"},
    )
    assert response.status_code == 302
    assert response["Location"] == url("report_thanks", resource.pk, lang="es")
    report = ProblemReport.objects.get(resource=resource)
    assert (report.reason, report.details, report.language) == (
        "phone",
        "El número ya no existe.",
        "es",
    )


def test_report_without_a_reason_is_refused_and_keeps_what_was_typed(client):
    resource = ResourceFactory()
    response = client.post(
        url("report", resource.pk, lang="es"), {"details": "Las horas cambiaron."}
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "Este campo es necesario" in body
    assert "Las horas cambiaron." in body
    assert not ProblemReport.objects.exists()


def test_report_filled_in_by_a_robot_is_dropped(client):
    resource = ResourceFactory()
    client.post(url("report", resource.pk), {"reason": "other", "website": "http://spam.example"})
    assert not ProblemReport.objects.exists()


def test_report_form_cannot_be_sent_for_an_inactive_listing(client):
    resource = ResourceFactory(status=Status.INACTIVE)
    assert client.post(url("report", resource.pk), {"reason": "other"}).status_code == 404


def test_language_switcher_keeps_the_listing(client):
    from urllib.parse import quote

    resource = ResourceFactory()
    body = client.get(url("resource", resource.pk, lang="es")).content.decode()
    vietnamese = url("resource", resource.pk, lang="vi")
    assert f'hreflang="vi" href="http://testserver{vietnamese}"' in body
    assert f"/language/vi/?next={quote(vietnamese, safe='')}" in body


def test_home_page_links_to_the_directory(client, site):
    body = client.get("/es/").content.decode()
    assert f'href="{url("browse", lang="es")}"' in body


def test_guide_block_lists_resources_of_its_category(client, home):
    from content.models import StandardPage

    pet_food = Category.objects.get(slug="pet-food")
    ResourceFactory(name_en="Block pantry", categories=[pet_food])
    guide = StandardPage.objects.child_of(home).first()
    guide.body = [("resources", {"heading": "Food for your pet", "category": pet_food, "limit": 3})]
    guide.save_revision().publish()
    body = client.get(guide.url).content.decode()
    assert "Food for your pet" in body and "Block pantry" in body
    assert f'href="{url("category", "pet-food")}"' in body


def test_reserved_category_slug_is_refused():
    from django.core.exceptions import ValidationError

    category = Category(slug="print", name_en="Print")
    with pytest.raises(ValidationError):
        category.full_clean()


@pytest.mark.parametrize("ring_after", [0, 10_000])
def test_nearest_first_pages_are_exact_with_or_without_the_search_squares(
    monkeypatch, pet_food, ring_after
):
    """Long lists are ranked by looking in growing squares around the ZIP code; the pages must be
    the same as ranking everything (short lists), confidential places never counting."""
    from core.geography import distance_miles, zip_point
    from directory.selectors import listings, nearby

    monkeypatch.setattr(nearby, "RING_AFTER", ring_after)
    lat0, lon0 = zip_point("95814")
    # (north, east) offsets in degrees, from 0.07 to 240 miles away; (0.027, 0.034) sits in the
    # corner of the 2-mile square, 2.6 miles away, farther than (0.032, 0) just outside it.
    offsets = [(0.001, 0), (0.02, 0), (0.027, 0.034), (0.032, 0), (0.05, 0), (0.09, 0), (0.2, 0)]
    offsets += [(0.4, 0), (0.9, 0), (1.6, 0), (3.5, 0)]
    placed = [
        ResourceFactory(
            name_en=f"Place {n}",
            categories=[pet_food],
            location=LocationFactory(latitude=lat0 + north, longitude=lon0 + east),
        )
        for n, (north, east) in enumerate(offsets)
    ]
    placed.sort(
        key=lambda r: distance_miles(
            (lat0, lon0), nearby.location_point(r.resource_locations.get().location)
        )
    )
    assert placed[2].name_en == "Place 3" and placed[3].name_en == "Place 2"
    phone_only = [
        ResourceFactory(name_en=f"Phone line {n}", categories=[pet_food], location=False)
        for n in "BA"
    ]
    haven = ResourceFactory(
        name_en="Phone line C haven",
        categories=[pet_food],
        confidential_address=True,
        location=LocationFactory(latitude=lat0, longitude=lon0),
    )
    expected = [r.pk for r in placed] + [phone_only[1].pk, phone_only[0].pk, haven.pk]
    filters = listings.ListingFilters(zip_code="95814")
    seen = []
    for number in (1, 2, 3, 4, 5):
        page = listings.listing_page(category=pet_food, filters=filters, page=number, per_page=3)
        seen += [r.pk for r in page.object_list]
    assert seen == expected


def test_a_very_long_list_is_counted_up_to_a_limit_and_asks_for_filters(
    client, monkeypatch, pet_food
):
    from directory.selectors import listings

    monkeypatch.setattr(listings, "COUNT_LIMIT", 3)
    monkeypatch.setattr("directory.views.PAGE_SIZE", 2)
    ResourceFactory.create_batch(5, categories=[pet_food])
    first = client.get(url("category", "pet-food")).content.decode()
    assert "More than 3 services" in first
    last = client.get(url("category", "pet-food", page=9)).content.decode()
    assert "Page 2 of 2" in last  # the pages stop at the limit
    assert "use the filters to narrow the list" in last


def test_hotline_number_keeps_its_order_in_arabic(client, site):
    from content.factories import SITE_SETTINGS

    body = client.get(url("browse", lang="ar")).content.decode()
    assert f"<bdi>{SITE_SETTINGS['hotline_phone']}</bdi>" in body.split('class="callout"')[1]


def test_a_listing_page_offers_other_services_of_its_kind(client, pet_food):
    """The same "Other services that may help" list as an ended listing's page, from one
    include: live services of the kind, never the listing itself or an ended one."""
    shown = ResourceFactory(name_en="Main pantry", categories=[pet_food])
    ResourceFactory(name_en="Second pantry", categories=[pet_food])
    ResourceFactory(name_en="Closed for good", categories=[pet_food], status=Status.INACTIVE)
    body = client.get(url("resource", shown.pk)).content.decode()
    related = body[body.index('id="related-heading"') :]
    assert "Second pantry" in related
    assert "Main pantry" not in related and "Closed for good" not in related
