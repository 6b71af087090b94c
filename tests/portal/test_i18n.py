import re

import pytest
from django.conf import settings
from django.utils import translation

from tests.conftest import LANGUAGE_CODES

pytestmark = pytest.mark.django_db

# What the site's own chrome says in each language (the skip link), to prove it is translated.
SKIP_LINK = {
    "en": "Skip to main content",
    "es": "Saltar al contenido principal",
    "zh-hans": "跳到主要内容",
    "vi": "Chuyển đến nội dung chính",
    "ar": "انتقل إلى المحتوى الرئيسي",
}


def html_attrs(response):
    match = re.search(r'<html lang="([^"]+)" dir="([^"]+)"', response.content.decode())
    return match.groups()


def test_root_redirects_by_accept_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="vi,en;q=0.5")
    assert response.status_code == 302
    assert response["Location"] == "/vi/"


def test_root_prefers_the_remembered_language(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="es")
    assert response["Location"] == "/ar/"


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_home_sets_lang_dir_and_translated_chrome(client, site, code):
    response = client.get(f"/{code}/")
    assert response.status_code == 200
    assert html_attrs(response) == (code, "rtl" if code == "ar" else "ltr")
    assert SKIP_LINK[code] in response.content.decode()


def test_every_skip_link_translation_is_distinct():
    # Guards the table above against a language silently falling back to English.
    assert len(set(SKIP_LINK.values())) == len(LANGUAGE_CODES)
    for code in LANGUAGE_CODES:
        with translation.override(code):
            assert translation.gettext("Skip to main content") == SKIP_LINK[code]


def test_hreflang_alternates_point_at_each_translation(client, site_tree):
    guide = site_tree.page("guide")
    body = client.get(guide.url).content.decode()
    for code in LANGUAGE_CODES:
        translation = site_tree.page("guide", code)
        assert f'hreflang="{code}" href="http://testserver{translation.url}"' in body
    assert 'hreflang="x-default"' in body
