"""PDFs cannot take the site down (one address per answer, a limit per visitor on the renders
queued; the worker's side is in ``test_pdf_worker.py``), and public forms have a rate limit that
loses nothing typed."""

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from core.slots import slot_take
from directory.factories import ResourceFactory
from directory.models import Category, ProblemReport

pytestmark = pytest.mark.django_db


def path(name, *args, lang="en"):
    with translation.override(lang):
        return reverse(f"directory:{name}", args=args)


@pytest.fixture
def pet_food():
    category = Category.objects.get(slug="pet-food")
    ResourceFactory(categories=[category])
    return category


def test_unknown_parameters_redirect_to_the_one_address_of_the_pdf(client, pet_food, renders):
    address = path("print_category_pdf", "pet-food")
    response = client.get(address, {"nocache": "1", "x": "y"})
    assert (response.status_code, response["Location"]) == (302, address)
    first, second = ResourceFactory(), ResourceFactory()
    response = client.get(
        path("print_selection_pdf"), {"r": [first.pk, second.pk, first.pk], "page": "2"}
    )
    assert response["Location"] == f"{path('print_selection_pdf')}?r={first.pk}&r={second.pk}"
    assert renders == []


@override_settings(PAGE_CACHE_SECONDS=300)
def test_extra_parameters_no_longer_buy_a_fresh_render(client, pet_food, renders):
    address = path("print_category_pdf", "pet-food")
    for query in ("", "?a=1", "?b=2&c=3", "?utm_source=x"):
        response = client.get(address + query, follow=True)
        assert response.status_code == 200
    assert renders == [address]


@override_settings(PDF_RATE="2/m")
def test_each_visitor_may_have_a_few_pdfs_made_a_minute(client, pet_food, renders):
    made = [path("print_category_pdf", "pet-food", lang=lang) for lang in ("es", "vi")]
    assert [client.get(address).status_code for address in made] == [200, 200]
    assert client.get(made[0]).status_code == 200  # made already: not counted
    refused = client.get(path("print_category_pdf", "pet-food", lang="ar"))
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 60
    assert "يرجى الانتظار دقيقة" in refused.content.decode()  # "please wait a minute"
    other = client.get(path("print_category_pdf", "pet-food", lang="ar"), REMOTE_ADDR="192.0.2.8")
    assert other.status_code == 200  # another visitor
    assert len(renders) == 3


def test_slots_are_shared_and_given_back():
    with slot_take("test", slots=2) as one, slot_take("test", slots=2) as two:
        with slot_take("test", slots=2) as three:
            assert (one, two, three) == (True, True, False)
    with slot_take("test", slots=2) as again:
        assert again


@override_settings(PUBLIC_POST_RATE="2/h")
def test_public_forms_have_a_rate_limit_that_keeps_what_was_typed(client):
    resource = ResourceFactory()
    address = path("report", resource.pk, lang="es")
    for n in range(2):
        assert client.post(address, {"reason": "phone", "details": f"n{n}"}).status_code == 302
    typed = {"reason": "hours", "details": "Ahora abren a las 9.", "contact": "555-0100"}
    refused = client.post(address, typed)

    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    body = refused.content.decode()
    assert "Usted ha enviado muchos formularios" in body
    assert 'name="details" value="Ahora abren a las 9."' in body
    assert f'action="{address}"' in body
    assert ProblemReport.objects.count() == 2
    other = client.post(address, typed, REMOTE_ADDR="192.0.2.8")  # another visitor
    assert other.status_code == 302


@override_settings(PUBLIC_POST_RATE="1/h")
def test_staff_forms_are_not_counted(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("admin", password="x"))
    for _ in range(3):
        response = client.post(reverse("wagtailadmin_home"))
        assert response.status_code != 429
