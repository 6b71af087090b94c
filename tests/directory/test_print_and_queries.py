"""Printable lists (page and PDF) for the front desk, and query counts that do not grow with the
directory."""

import io

import pytest
from django.urls import reverse
from django.utils import formats, timezone, translation
from pypdf import PdfReader

from content.factories import SITE_SETTINGS
from directory.factories import ResourceFactory, hours
from directory.models import Category

pytestmark = pytest.mark.django_db


def path(name, *args, lang="en"):
    with translation.override(lang):
        return reverse(f"directory:{name}", args=args)


@pytest.fixture
def pet_food():
    return Category.objects.get(slug="pet-food")


def pdf_text(content):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_printable_category_list_has_the_organisation_header_and_date(client, site, pet_food):
    resource = ResourceFactory(name_en="Saturday pantry", categories=[pet_food])
    hours(resource, 5, "10:00", "14:00")
    body = client.get(path("print_category", "pet-food", lang="es")).content.decode()
    assert '<html lang="es" dir="ltr">' in body
    assert SITE_SETTINGS["organisation_name_es"] in body  # site settings, in Spanish
    assert SITE_SETTINGS["organisation_name_en"] not in body
    assert SITE_SETTINGS["hotline_phone"] in body  # the hotline
    with translation.override("es"):
        today = formats.date_format(timezone.localdate(), "DATE_FORMAT")
    assert today in body
    assert "Saturday pantry" in body and "(555) 010-2000" in body
    assert "sábado" in body.lower()  # hours, with Spanish day names


def test_pdf_in_chinese_and_arabic(client, pet_food):
    ResourceFactory(
        name_en="Pantry", name_zh_hans="宠物食品站", name_ar="بنك طعام", categories=[pet_food]
    )
    chinese = client.get(path("print_category_pdf", "pet-food", lang="zh-hans"))
    assert chinese.status_code == 200
    assert chinese["Content-Type"] == "application/pdf"
    assert chinese.content.startswith(b"%PDF")
    assert "宠物食品站" in pdf_text(chinese.content)
    arabic = client.get(path("print_category_pdf", "pet-food", lang="ar"))
    assert arabic.content.startswith(b"%PDF")
    assert 'filename="resources-pet-food-ar.pdf"' in arabic["Content-Disposition"]


def test_hand_picked_list_keeps_the_chosen_order(client):
    first = ResourceFactory(name_en="Zebra clinic")
    second = ResourceFactory(name_en="Alpha pantry")
    body = client.get(path("print_selection"), {"r": [first.pk, second.pk, "junk"]}).content
    body = body.decode()
    assert body.index("Zebra clinic") < body.index("Alpha pantry")
    pdf = client.get(path("print_selection_pdf"), {"r": [second.pk]})
    assert "Alpha pantry" in pdf_text(pdf.content)


def test_the_tick_box_names_an_untranslated_listing_in_english_for_screen_readers(client, pet_food):
    ResourceFactory(categories=[pet_food], name_en="Kibble bank", name_es="")
    ResourceFactory(categories=[pet_food], name_en="Food bank", name_es="Banco de comida")
    body = client.get(path("category", "pet-food", lang="es")).content.decode()
    hidden = '<span class="visually-hidden">: '
    assert f'{hidden}<span lang="en" dir="ltr">Kibble bank</span></span>' in body
    assert f"{hidden}<span>Banco de comida</span></span>" in body


def test_category_page_lets_visitors_tick_listings_to_print(client, pet_food):
    resource = ResourceFactory(categories=[pet_food])
    body = client.get(path("category", "pet-food")).content.decode()
    assert f'action="{path("print_selection")}"' in body
    assert f'name="r" value="{resource.pk}"' in body


@pytest.mark.parametrize("name", ["print_selection", "print_selection_pdf", "send_list"])
def test_pressing_print_or_send_with_nothing_ticked_says_what_to_do(client, site, pet_food, name):
    """It used to bounce to the directory home (print) or answer "not found" (send), silently."""
    category = path("category", "pet-food", lang="es")
    response = client.get(path(name, lang="es"), HTTP_REFERER=f"http://testserver{category}")
    assert response.status_code == 400
    body = response.content.decode()
    assert "Todavía no ha marcado ningún servicio" in body  # translated
    assert f'href="http://testserver{category}"' in body  # back to the list they were on
    assert SITE_SETTINGS["hotline_phone"] in body


def test_the_way_back_never_leads_to_another_site(client):
    response = client.get(path("print_selection"), HTTP_REFERER="https://evil.example/x")
    assert response.status_code == 400
    assert "evil.example" not in response.content.decode()


@pytest.mark.parametrize("name", ["print_selection", "print_selection_pdf", "send_list"])
def test_an_inactive_listing_cannot_be_printed_or_sent_and_the_page_says_it_ended(client, name):
    from directory.vocabulary import Status

    gone = ResourceFactory(status=Status.INACTIVE, name_en="Closed pantry")
    response = client.get(path(name), {"r": gone.pk})
    assert response.status_code == 404
    body = response.content.decode()
    assert "These services are no longer listed" in body
    assert "Closed pantry" not in body


# --- Query counts ---------------------------------------------------------------------------------


def _many(category, count):
    for n in range(count):
        resource = ResourceFactory(categories=[category])
        hours(resource, n % 7, "09:00", "17:00")


@pytest.mark.parametrize("extra", [0, 25])
def test_browse_category_and_listing_pages_take_a_fixed_number_of_queries(
    client, site, pet_food, django_assert_max_num_queries, extra
):
    ResourceFactory(categories=[pet_food])
    _many(pet_food, extra)
    resource = ResourceFactory(categories=[pet_food])
    hours(resource, 0, "09:00", "17:00")
    client.get("/en/")  # warm the site's page lookups, as a running server would be
    with django_assert_max_num_queries(8):
        assert client.get(path("browse")).status_code == 200
    with django_assert_max_num_queries(11):
        assert client.get(path("category", "pet-food"), {"zip": "95814"}).status_code == 200
    with django_assert_max_num_queries(11):
        assert client.get(path("resource", resource.pk)).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(path("print_category", "pet-food")).status_code == 200


def test_open_now_badge_limits_how_long_the_page_is_cached(
    client, site, pet_food, settings, monkeypatch
):
    """A page saying "open until 23:58" is kept in the page cache no longer than that."""
    from portal import middleware

    settings.PAGE_CACHE_SECONDS = 24 * 60 * 60
    stored = {}
    real_set = middleware.cache.set

    def spy(key, value, timeout, **kwargs):
        stored[key] = timeout
        return real_set(key, value, timeout, **kwargs)

    monkeypatch.setattr(middleware.cache, "set", spy)
    resource = ResourceFactory(categories=[pet_food])
    for weekday in range(7):
        hours(resource, weekday, "00:00", "23:58")
    response = client.get(path("resource", resource.pk))
    assert response["X-Page-Cache"] == "miss"
    from directory.hours import open_state

    expected = open_state(resource).seconds_valid(timezone.now())
    (timeout,) = [t for key, t in stored.items() if key.startswith("portal:page:")]
    assert expected is not None and abs(timeout - expected) <= 5
    assert timeout < settings.PAGE_CACHE_SECONDS


def text_positions(content) -> dict[str, tuple[float, float]]:
    """Where each piece of text starts on the PDF's first page: ``{text: (x, y)}``."""
    found = {}

    def visit(text, _cm, tm, _font, _size):
        if text.strip():
            found.setdefault(text.strip(), (tm[4], tm[5]))

    PdfReader(io.BytesIO(content)).pages[0].extract_text(visitor_text=visit)
    return found


@pytest.mark.parametrize("lang, label_side", [("en", "left"), ("ar", "right")])
def test_pdf_labels_sit_beside_their_values_on_the_reading_side(client, lang, label_side):
    """The label column comes first in the reading direction: at the right in Arabic."""
    resource = ResourceFactory(name_en="Pantry", url="https://pantry.example.org")
    content = client.get(path("print_selection_pdf", lang=lang), {"r": [resource.pk]}).content
    with translation.override(lang):
        label = translation.gettext("Website")
    positions = text_positions(content)
    (label_x, label_y), (value_x, value_y) = positions[label], positions[resource.url]
    assert abs(label_y - value_y) < 5  # on one line (the scripts' baselines differ a little)
    assert (label_x < value_x) == (label_side == "left")


def test_the_printable_list_has_numbers_to_tap_and_a_print_button(client, site, pet_food):
    ResourceFactory(categories=[pet_food], url="https://pantry.example.org/")
    body = client.get(path("print_category", "pet-food", lang="vi")).content.decode()
    assert '<a class="tel" href="tel:5550102000"><bdi dir="ltr">(555) 010-2000</bdi></a>' in body
    assert f'<a class="tel" href="tel:{SITE_SETTINGS["hotline_phone"]}' not in body  # digits only
    assert '<a class="tel" href="tel:5550107777">' in body  # the hotline
    assert '<a href="https://pantry.example.org/" rel="noreferrer">' in body
    # Shown by print-button.js where the browser can print; without it, the hint stays.
    assert "data-print hidden>In danh sách này</button>" in body
    assert "directory/js/print-button.js" in body


def test_an_arabic_pdf_keeps_latin_addresses_and_numbers_in_their_order(client, site, pet_food):
    """The PDF said "Kestrel Drive, Cedar Falls 95827 5050", "Test Street 10" and ")555(": its
    renderer has no dir="auto", so each Latin value says its direction itself."""
    from directory.factories import LocationFactory

    ResourceFactory(
        categories=[pet_food],
        name_ar="بنك طعام",
        location=LocationFactory(
            address_1="5050 Kestrel Drive", city="Cedar Falls", postal_code="95827"
        ),
    )
    page = client.get(path("print_category", "pet-food", lang="ar")).content.decode()
    assert '<bdi dir="ltr">5050 Kestrel Drive, Cedar Falls 95827</bdi>' in page
    text = pdf_text(client.get(path("print_category_pdf", "pet-food", lang="ar")).content)
    assert "5050 Kestrel Drive, Cedar Falls 95827" in text
    assert "10 Test Street" in text
    assert "(555) 010-2000" in text
