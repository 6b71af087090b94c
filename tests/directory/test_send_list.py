""" "Send me this list": to the visitor's phone or email, in their language, no account, limited
per number or address and per IP; a safe haven's address never goes out."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from directory.factories import LocationFactory, ResourceFactory
from directory.models import Category
from messaging import sms
from messaging.models import Message
from messaging.vocabulary import Purpose, Status

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_sms_outbox():
    sms.outbox.clear()
    yield
    sms.outbox.clear()


@pytest.fixture
def pet_food():
    return Category.objects.get(slug="pet-food")


def send_url(lang="en", **query):
    with translation.override(lang):
        url = reverse("directory:send_list")
    return url + "?" + "&".join(f"{k}={v}" for k, v in query.items())


def test_a_category_goes_to_a_phone_as_a_text_in_the_visitors_language(client, site, pet_food):
    ResourceFactory(name_en="Saturday pantry", name_es="Despensa del sábado", categories=[pet_food])
    url = send_url("es", category="pet-food")
    page = client.get(url)
    assert page.status_code == 200 and "Saturday" not in page.content.decode()
    response = client.post(url, {"channel": "sms", "to": "(503) 555-0142"})
    assert response.status_code == 302
    ((number, body),) = sms.outbox
    assert number == "+15035550142"
    assert "Despensa del sábado" in body and "(555) 010-2000" in body
    assert "Responda STOP" in body
    message = Message.objects.get()
    assert (message.purpose, message.language, message.status) == (
        Purpose.REQUESTED,
        "es",
        Status.SENT,
    )
    assert client.get(response["Location"]).status_code == 200


def test_ticked_listings_go_by_email_and_a_safe_havens_address_never(client, site, pet_food):
    shown = ResourceFactory(
        name_en="Open pantry",
        categories=[pet_food],
        location=LocationFactory(address_1="12 Main Street", city="Riverbend"),
    )
    haven = ResourceFactory(
        name_en="Safe haven",
        confidential_address=True,
        location=LocationFactory(address_1="99 Hidden Lane", city="Riverbend"),
    )
    response = client.post(
        send_url(r=f"{shown.pk}&r={haven.pk}"), {"channel": "email", "to": "me@example.org"}
    )
    assert response.status_code == 302
    (email,) = mail.outbox
    text = email.body + email.alternatives[0][0]
    assert "12 Main Street" in text and "Safe haven" in text
    assert "Hidden Lane" not in text


def test_a_bad_number_is_explained_and_what_was_typed_is_kept(client, site, pet_food):
    ResourceFactory(categories=[pet_food])
    response = client.post(send_url(category="pet-food"), {"channel": "sms", "to": "555"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Enter a mobile number" in body and 'value="555"' in body
    assert not Message.objects.exists()


def test_limits_per_number_and_per_ip(client, site, pet_food, settings):
    settings.SEND_LIST_PER_ADDRESS_PER_DAY = 2
    settings.SEND_LIST_PER_IP_PER_HOUR = 4
    ResourceFactory(categories=[pet_food])
    url = send_url(category="pet-food")
    for _ in range(2):
        assert client.post(url, {"channel": "sms", "to": "503-555-0142"}).status_code == 302
    refused = client.post(url, {"channel": "sms", "to": "+1 503 555 0142"})  # the same number
    assert refused.status_code == 429
    assert "enough lists for today" in refused.content.decode()
    assert client.post(url, {"channel": "sms", "to": "503-555-0177"}).status_code == 302
    from_here = client.post(url, {"channel": "email", "to": "new@example.org"})
    assert from_here.status_code == 429 and "try again in an hour" in from_here.content.decode()
    other_ip = client.post(
        url, {"channel": "email", "to": "new@example.org"}, REMOTE_ADDR="192.0.2.9"
    )
    assert other_ip.status_code == 302
    assert len(sms.outbox) == 3 and len(mail.outbox) == 1


def test_a_robot_filling_the_trap_sends_nothing(client, site, pet_food):
    ResourceFactory(categories=[pet_food])
    response = client.post(
        send_url(category="pet-food"),
        {"channel": "sms", "to": "503-555-0142", "website": "http://spam"},
    )
    assert response.status_code == 302 and sms.outbox == []


def test_the_category_and_listing_pages_offer_it(client, site, pet_food):
    resource = ResourceFactory(categories=[pet_food])
    with translation.override("en"):
        category = client.get(reverse("directory:category", args=["pet-food"])).content.decode()
        listing = client.get(reverse("directory:resource", args=[resource.pk])).content.decode()
    assert "send/?category=pet-food" in category
    assert f"send/?r={resource.pk}" in listing
