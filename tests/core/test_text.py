"""Text in the visitor's language: list separators, and "already starts with these words"."""

import pytest
from django.template import Context, Template
from django.utils import translation

from core.text import list_join, list_separator, starts_with_words


@pytest.mark.parametrize(
    ("code", "joined", "grouped"),
    [
        ("en", "dogs, cats", "a; b"),
        ("es", "dogs, cats", "a; b"),
        ("vi", "dogs, cats", "a; b"),
        ("zh-hans", "dogs、cats", "a；b"),
        ("ar", "dogs، cats", "a؛ b"),
    ],
)
def test_lists_are_joined_with_the_languages_separator(code, joined, grouped):
    with translation.override(code):
        assert list_join(["dogs", "cats"]) == joined
        assert list_join(["a", "b"], "groups") == grouped
        rendered = Template(
            "{% load core_tags %}{{ items|join_list }}|"
            "{% for i in items %}{{ i }}{% if not forloop.last %}{% list_separator %}{% endif %}"
            "{% endfor %}"
        ).render(Context({"items": ["dogs", "cats"]}))
    assert rendered == f"{joined}|{joined}"
    assert list_separator(language=code) == joined[4:-4]


@pytest.mark.parametrize(
    ("text", "words", "expected"),
    [
        ("Free. There is nothing to pay.", "Free", True),
        ("free of charge", "Free", True),
        ("Gratis. No hay que pagar nada.", "Gratis", True),
        ("Low-cost visits from $10.", "Low cost", True),
        ("Bajo costo: $10", "Bajo costo", True),
        ("Tarifa única", "tarifa", True),
        ("Económico", "economico", True),
        ("免费。无需付费。", "免费", True),
        ("مجاني. لا شيء تدفعه.", "مجاني", True),
        ("Freedom Fund pays half.", "Free", False),
        ("$10 per vaccine; the check-up is free.", "Low cost", False),
        ("", "Free", False),
        ("Free", "", False),
    ],
)
def test_starts_with_words(text, words, expected):
    assert starts_with_words(text, words) is expected


def test_no_template_writes_its_own_list_separator():
    """Lists written out in a loop take the separator from ``{% list_separator %}``, so that
    Arabic and Chinese pages get theirs (``core.text`` is the one home of the rule)."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    literal = re.compile(r"\{%\s*if not forloop\.last\s*%\}\s*[,;،、]")
    offenders = [
        str(path.relative_to(root))
        for app in ("core", "portal", "content", "directory", "backoffice", "surveys", "search")
        for path in (root / app).glob("**/templates/**/*.html")
        if literal.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


@pytest.mark.parametrize(
    ("value", "direction"),
    [
        ("5050 Kestrel Drive", "ltr"),
        ("(555) 010-2000", "ltr"),
        ("", "ltr"),
        ("١٢ شارع الطاحونة", "rtl"),
        ("  «מרכז»", "rtl"),
    ],
)
def test_text_direction_is_that_of_the_first_strong_letter(value, direction):
    from core.text import text_direction

    assert text_direction(value) == direction
