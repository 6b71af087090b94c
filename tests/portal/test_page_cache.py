import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


@override_settings(PAGE_CACHE_SECONDS=300)
def test_anonymous_pages_are_cached_and_a_publish_shows_at_once(client, site_tree):
    guide = site_tree.page("guide")
    assert client.get(guide.url)["X-Page-Cache"] == "miss"
    cached = client.get(guide.url)
    assert cached["X-Page-Cache"] == "hit"
    assert "no-cache" in cached["Cache-Control"]

    guide.title = "Found a lost dog or cat?"
    guide.save_revision().publish()

    fresh = client.get(guide.url)
    assert fresh["X-Page-Cache"] == "miss"
    assert "Found a lost dog or cat?" in fresh.content.decode()


@override_settings(PAGE_CACHE_SECONDS=300)
def test_signed_in_staff_never_get_the_cached_page(client, site, django_user_model):
    client.get("/en/")
    client.force_login(django_user_model.objects.create_user("staff", password="x", is_staff=True))
    assert "X-Page-Cache" not in client.get("/en/")


@override_settings(PAGE_CACHE_SECONDS=300)
def test_tracking_parameters_left_out_of_the_key_are_left_out_of_the_page(client, site):
    from directory.factories import ResourceFactory

    address = f"/en/resources/listing/{ResourceFactory().pk}/"
    first = client.get(address + "?utm_content=call-this-scam-number&utm_source=x")
    assert first["X-Page-Cache"] == "miss"
    assert "call-this-scam-number" not in first.content.decode()
    later = client.get(address)  # the next visitor, served the cached page
    assert later["X-Page-Cache"] == "hit"
    assert "call-this-scam-number" not in later.content.decode()
    assert "utm_source" not in later.content.decode()
