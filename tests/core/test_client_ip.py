from django.test import RequestFactory, override_settings

from core.client_ip import client_ip


def request(**meta):
    return RequestFactory().get("/", **meta)


def test_without_proxies_the_connection_address_counts_and_the_header_is_ignored():
    assert client_ip(request(REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR="1.2.3.4")) == (
        "203.0.113.5"
    )


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_one_proxy_the_last_forwarded_address_counts_not_what_the_client_wrote():
    meta = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "1.2.3.4, 198.51.100.7"}
    assert client_ip(request(**meta)) == "198.51.100.7"
    garbage = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "not-an-address"}
    assert client_ip(request(**garbage)) == "10.0.0.2"


def test_no_valid_address_is_none_never_a_made_up_one():
    assert client_ip(request(REMOTE_ADDR="")) is None
