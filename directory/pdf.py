"""Printable resource lists as PDF (WeasyPrint), from the same template as the print page.

WeasyPrint fetches nothing over the network: the stylesheet is read from the static files on disk
and every other URL in the document is refused, so a listing's text cannot make the server fetch
an address. PDFs are tagged (PDF/UA-1: a structure tree that screen readers follow, the document's
language from ``<html lang>``, and its title). Chinese and Arabic need fonts with those scripts on
the server (Debian: fonts-noto-cjk, fonts-noto-core); the print stylesheet names them first.
"""

import functools

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

STYLESHEET = "directory/css/print.css"
# Tagged and accessible: WeasyPrint's PDF/UA variant adds the structure tree and marks the file.
PDF_VARIANT = "pdf/ua-1"


@functools.cache
def _weasyprint():
    """WeasyPrint's fetcher, font configuration and the parsed stylesheet, made once per process:
    loading Pango's fonts and parsing the stylesheet cost a second on the first PDF otherwise."""
    # Imported here: WeasyPrint loads Pango and its fonts, which only PDF requests need.
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import URLFetcher

    class NoFetching(URLFetcher):
        def fetch(self, url, headers=None):
            raise ValueError(f"PDF rendering fetches nothing: {url}")

    fetcher = NoFetching()
    fonts = FontConfiguration()
    stylesheet = CSS(filename=finders.find(STYLESHEET), url_fetcher=fetcher, font_config=fonts)
    return HTML, fetcher, fonts, stylesheet


def render_pdf(request, template: str, context: dict) -> bytes:
    HTML, fetcher, fonts, stylesheet = _weasyprint()
    html = render_to_string(template, context, request=request)
    document = HTML(string=html, base_url=request.build_absolute_uri("/"), url_fetcher=fetcher)
    return document.write_pdf(stylesheets=[stylesheet], font_config=fonts, pdf_variant=PDF_VARIANT)
