"""Generic template filters and tags, and the one pagination include."""

import pytest
from django.core.paginator import Paginator
from django.template import Context, Template
from django.template.loader import render_to_string
from django.utils import translation

from core.templatetags.core_tags import bdi, page_count, query_with, startswith, tel_href


def test_tel_href_keeps_digits_and_a_leading_plus():
    assert tel_href("(503) 555-0142") == "tel:5035550142"
    assert tel_href("+1 503.555.0142") == "tel:+15035550142"
    assert tel_href("+١ ٥٠٣ ٥٥٥ ٠١٤٢") == "tel:+15035550142"  # Arabic-Indic digits
    assert tel_href("555²") == "tel:555"


def test_bdi_isolates_and_escapes():
    assert bdi("(503) 555-0142") == "<bdi>(503) 555-0142</bdi>"
    assert bdi("<b>") == "<bdi>&lt;b&gt;</bdi>"


def test_startswith():
    assert startswith("/es/recursos/", "/es/")
    assert not startswith("/en/", "/es/")


def test_query_with_replaces_one_parameter_and_keeps_the_others_escaped():
    assert query_with("cost=free&cost=low&page=2", page=3) == "cost=free&amp;cost=low&amp;page=3"
    assert query_with("", page=2) == "page=2"


class ListingPage:
    """A page object that is not Django's, as the directory's capped pages are."""

    num_pages = 4


def test_page_count_of_a_django_page_and_of_a_page_like_object():
    assert page_count(Paginator(range(25), 10).page(1)) == 3
    assert page_count(ListingPage()) == 4


def render_pagination(page, query=None):
    context = {"page": page}
    if query is not None:
        context["query"] = query
    with translation.override("en"):
        return render_to_string("core/includes/pagination.html", context)


def test_pagination_links_keep_the_query_and_say_where_you_are():
    page = Paginator(range(25), 10).page(2)
    html = render_pagination(page, query="status=open&q=Biscuit")
    assert 'href="?status=open&amp;q=Biscuit&amp;page=1" rel="prev"' in html
    assert 'href="?status=open&amp;q=Biscuit&amp;page=3" rel="next"' in html
    assert "Page 2 of 3" in html
    assert 'aria-label="Pages"' in html


def test_pagination_without_a_query_links_to_the_page_alone():
    html = render_pagination(Paginator(range(25), 10).page(1))
    assert 'href="?page=2" rel="next"' in html
    assert 'rel="prev"' not in html


def test_pagination_of_a_single_page_shows_nothing():
    assert render_pagination(Paginator(range(5), 10).page(1)).strip() == ""


@pytest.mark.parametrize(("code", "text"), [("es", "Página 2 de 3"), ("ar", "الصفحة 2 من 3")])
def test_pagination_is_translated(code, text):
    with translation.override(code):
        html = render_to_string(
            "core/includes/pagination.html", {"page": Paginator(range(25), 10).page(2)}
        )
    assert text in html


def test_core_tags_load_in_any_template():
    html = Template("{% load core_tags %}{{ phone|tel_href }} {{ phone|bdi }}").render(
        Context({"phone": "555 0142"})
    )
    assert html == "tel:5550142 <bdi>555 0142</bdi>"
