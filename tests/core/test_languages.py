"""One map between site languages and spoken-language codes."""

import pytest
from django.conf import settings

from core.languages import site_language_of, spoken_language_code, spoken_language_of

SITE_LANGUAGES = [code for code, _name in settings.LANGUAGES]
KNOWN = ["en", "es", "zh", "vi", "ar", "tl", "fa", "ase"]


@pytest.mark.parametrize(
    ("site", "spoken"), [("zh-hans", "zh"), ("asl", "ase"), ("es", "es"), ("ar", "ar")]
)
def test_site_and_spoken_codes(site, spoken):
    assert spoken_language_of(site) == spoken


def test_every_site_language_is_a_spoken_language_the_directory_lists():
    from directory.vocabulary import SpokenLanguage

    for code in SITE_LANGUAGES:
        assert spoken_language_of(code) in SpokenLanguage.values, code
        assert site_language_of(spoken_language_of(code), SITE_LANGUAGES) == code


def test_a_spoken_language_the_site_is_not_written_in_has_no_site_language():
    assert site_language_of("zh", SITE_LANGUAGES) == "zh-hans"
    assert site_language_of("tl", SITE_LANGUAGES) is None


@pytest.mark.parametrize(
    ("code", "name", "expected"),
    [
        ("spa", None, "es"),
        ("es-MX", None, "es"),
        ("zh_Hans", None, "zh"),
        ("sgn-US", None, "ase"),
        ("", "Farsi", "fa"),
        (None, "Mandarin", "zh"),
        ("xx", "Klingon", None),
        # "asl" is ISO 639-3 for Asilulu: only the back office uses it for sign language.
        ("asl", None, None),
    ],
)
def test_codes_and_names_from_other_systems(code, name, expected):
    assert spoken_language_code(code, name, known=KNOWN) == expected
