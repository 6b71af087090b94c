"""Every page names the site's icon (browsers showed a blank tab and asked for /favicon.ico, a
404 each time): the public site, the printable list, the back office and the error pages."""

import xml.etree.ElementTree as ET

import pytest
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.templatetags.static import static

pytestmark = pytest.mark.django_db

ICON = f'<link rel="icon" href="{static("portal/favicon.svg")}" type="image/svg+xml">'


def test_the_icon_is_an_svg_file():
    root = ET.parse(finders.find("portal/favicon.svg")).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"


@pytest.mark.parametrize("path", ["/en/", "/ar/resources/", "/es/resources/pet-food/print/"])
def test_public_pages_name_the_icon(client, site, path):
    assert ICON in client.get(path).content.decode()


def test_the_back_office_names_the_icon(client, django_user_model):
    from backoffice.factories import CaseManagerFactory

    client.force_login(CaseManagerFactory())
    assert ICON in client.get("/backoffice/").content.decode()


@pytest.mark.parametrize("template", ["500.html", "try_again.html"])
def test_error_pages_name_the_icon(template):
    assert ICON in render_to_string(template, {})
