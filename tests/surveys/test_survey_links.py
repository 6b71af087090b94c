"""The survey is reachable wherever someone may look for help: the home page, the header on every
page, a search or category without results, and the hotline call-outs."""

import pytest
from django.urls import reverse
from django.utils import translation

from directory.models import Category

pytestmark = pytest.mark.django_db


def survey_link(lang):
    with translation.override(lang):
        return f'href="{reverse("surveys:start")}"'


@pytest.mark.parametrize("lang", ["en", "es", "ar"])
def test_the_home_page_and_the_header_link_to_the_survey(client, site_tree, lang):
    body = client.get(site_tree.page("home", lang).url).content.decode()
    assert body.count(survey_link(lang)) >= 2  # the header, and a way to get help


def test_no_results_and_the_hotline_call_outs_link_to_the_survey(client, site_tree):
    empty = Category.objects.get(slug="transport")
    with translation.override("es"):
        category = client.get(reverse("directory:category", args=[empty.slug]))
        results = client.get(reverse("search:results"), {"q": "zzzzqqq"})
        browse = client.get(reverse("directory:browse"))
    for response in (category, results, browse):
        body = response.content.decode()
        assert response.status_code == 200
        assert body.count(survey_link("es")) >= 2, response.request["PATH_INFO"]
