"""PDFs are tagged, accessible PDFs (PDF/UA-1) in the visitor's language: a screen reader follows
their structure and reads them with the right voice (they were untagged, with no language)."""

import io

import pytest
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from directory.factories import ResourceFactory, hours
from directory.models import Category

pytestmark = pytest.mark.django_db


def structure_roles(node, found):
    """The roles (/S) of a structure tree's elements, depth first."""
    node = node.get_object()
    if "/S" in node:
        found.append(str(node["/S"]))
    kids = node.get("/K")
    if kids is None:
        return found
    kids = kids.get_object()
    for kid in kids if isinstance(kids, list) else [kids]:
        kid = kid.get_object()
        if hasattr(kid, "get") and ("/S" in kid or "/K" in kid):
            structure_roles(kid, found)
    return found


@pytest.mark.parametrize("lang", ["es", "ar", "zh-hans"])
def test_a_category_pdf_is_tagged_with_its_language_and_title(client, site, lang):
    pet_food = Category.objects.get(slug="pet-food")
    resource = ResourceFactory(name_en="Pantry", name_es="Despensa", categories=[pet_food])
    hours(resource, 1, "09:00", "17:00")
    with translation.override(lang):
        url = reverse("directory:print_category_pdf", args=["pet-food"])
    response = client.get(url)
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == lang
    assert catalog["/MarkInfo"]["/Marked"]
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"]
    assert getattr(pet_food, f"name_{lang.replace('-', '_')}") in reader.metadata.title
    assert b"pdfuaid:part" in catalog["/Metadata"].get_object().get_data()
    roles = structure_roles(catalog["/StructTreeRoot"], [])
    assert "/H1" in roles and "/P" in roles  # headings and paragraphs, not one untagged page
