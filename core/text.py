"""Text as a visitor reads it in their language: lists joined with that language's separator, and
"does this text already start with these words" (so a label is not printed twice)."""

import re
import unicodedata

from django.utils.translation import get_language

# Between the items of a list ("dogs, cats"), and between groups that hold commas themselves
# ("Monday 9:00 – 12:00, 14:00 – 17:00; Tuesday ...").
SEPARATORS = {
    "ar": {"items": "، ", "groups": "؛ "},
    "zh-hans": {"items": "、", "groups": "；"},
}
DEFAULT_SEPARATORS = {"items": ", ", "groups": "; "}


def list_separator(kind: str = "items", *, language: str | None = None) -> str:
    """The separator of ``kind`` ("items" or "groups") in ``language`` (the active one)."""
    code = (language or get_language() or "").lower()
    table = SEPARATORS.get(code) or SEPARATORS.get(code.split("-")[0]) or DEFAULT_SEPARATORS
    return table[kind]


def list_join(items, kind: str = "items", *, language: str | None = None) -> str:
    """``items`` (as text) joined for display: "dogs, cats"; "狗、猫"; "كلاب، قطط"."""
    return list_separator(kind, language=language).join(str(item) for item in items)


def text_direction(text) -> str:
    """The direction of a value as ``dir="auto"`` reads it: that of its first letter with a strong
    direction ("rtl" for Arabic or Hebrew, else "ltr"); "ltr" when it has none (a phone number).
    Said explicitly for WeasyPrint, which has no ``dir="auto"``: a ``<bdi>`` in an Arabic PDF
    otherwise takes the page's direction ("Kestrel Drive 5050", ")555(")."""
    for ch in str(text or ""):
        kind = unicodedata.bidirectional(ch)
        if kind == "L":
            return "ltr"
        if kind in ("R", "AL"):
            return "rtl"
    return "ltr"


def _words(text: str) -> str:
    """Text folded for comparison: case and accents ignored, punctuation and hyphens as spaces."""
    decomposed = unicodedata.normalize("NFKD", str(text).casefold())
    kept = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.split(r"[\W_]+", kept)).strip()


def _is_ideograph(ch: str) -> bool:
    return (
        unicodedata.category(ch) == "Lo" and not ch.isascii() and "CJK" in unicodedata.name(ch, "")
    )


def starts_with_words(text, words) -> bool:
    """``text`` begins with ``words`` as whole words: "Free. There is nothing to pay." begins
    with "Free", "Low-cost visits" with "Low cost", "免费。" with "免费"; "Freedom" does not begin
    with "Free". Empty ``words`` never match."""
    text, words = _words(text or ""), _words(words or "")
    if not words or not text.startswith(words):
        return False
    rest = text[len(words) :]
    return not rest or rest[0] == " " or _is_ideograph(words[-1])
