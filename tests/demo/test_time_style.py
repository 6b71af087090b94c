"""One time style per language: copy writes clock times the way the listings show them.

The listings format times with the language's ``TIME_FORMAT`` (Django's locale formats): English
12-hour ("8 a.m.", "9:30 a.m."), Spanish, Chinese and Vietnamese 24-hour ("08:00", "20:00"),
Arabic 12-hour with ص / م ("8:00 م"). The interface's catalogues and the demo's texts follow the
same style, so a page never says "08:00" in one place and "8 a.m." in the next."""

import json
import re
from datetime import time
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.template.defaultfilters import time as time_filter
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = {"es": "es", "zh-hans": "zh_Hans", "vi": "vi", "ar": "ar"}

# Clock times written in a style the language's listings do not use.
OTHER_STYLE = {
    "en": re.compile(r"\b\d{1,2}(:\d\d)?\s?(am|pm)\b", re.IGNORECASE),  # "8am": write "8 a.m."
    "es": re.compile(r"\d\s*[ap]\.\s?m\.|\d(:\d\d)? de la (mañana|tarde|noche)"),
    "zh-hans": re.compile(r"(上午|下午|晚上|中午|凌晨)\s*\d+\s*点"),
    "vi": re.compile(r"\d+(:\d\d)?\s*giờ\s*(sáng|chiều|tối|trưa)"),
    "ar": re.compile(r"\d+\s*(صباحًا|صباحا|مساءً|مساء|ظهرًا|ظهرا)"),
}
# How the listings show 8 p.m., in the style above.
LISTING_EIGHT_PM = {
    "en": "8 p.m.",
    "es": "20:00",
    "zh-hans": "20:00",
    "vi": "20:00",
    "ar": "8:00 م",
}


def strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def demo_texts(code):
    for folder in ("pages", "directory"):
        path = ROOT / "demo" / "data" / folder / f"{code}.json"
        if path.exists():
            yield from strings(json.loads(path.read_text(encoding="utf-8")))


@pytest.mark.parametrize("code", [code for code, _name in settings.LANGUAGES])
def test_listings_show_times_in_the_languages_style(code):
    with translation.override(code):
        assert time_filter(time(20, 0)) == LISTING_EIGHT_PM[code]


@pytest.mark.parametrize("code", [code for code, _name in settings.LANGUAGES])
def test_demo_texts_write_times_as_the_listings_do(code):
    wrong = [text for text in demo_texts(code) if OTHER_STYLE[code].search(text)]
    assert wrong == []


@pytest.mark.parametrize("code", ["en", *CATALOGUES])
def test_interface_texts_write_times_as_the_listings_do(code):
    """The catalogues' translations, and for English the source texts (the catalogues' ids)."""
    path = ROOT / "locale" / CATALOGUES.get(code, "es") / "LC_MESSAGES" / "django.po"
    entries = [entry for entry in polib.pofile(str(path)) if not entry.obsolete]
    texts = [entry.msgid if code == "en" else entry.msgstr for entry in entries]
    assert [text for text in texts if OTHER_STYLE[code].search(text)] == []
