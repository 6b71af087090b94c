"""Digits typed in any script, read as the digits they are: the one home of how a ZIP code, a phone
number or a number in a URL is read from what a person typed.

A visitor writing Arabic types "٩٥٨١٤" (Arabic-Indic digits), one writing Persian "۹۵۸۱۴", a phone
keyboard may give full-width "９５８１４": each is the ZIP code 95814. Every decimal digit of any
script (Unicode category Nd) becomes its ASCII digit, a few look-alike dashes, spaces and brackets
become their ASCII selves, and anything else (a superscript "²", a letter) is refused with a
translated error, before any library sees it. Imports no app of the project.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Punctuation people type in phone numbers, as the ASCII character it stands for.
_LOOK_ALIKES = str.maketrans(
    {
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2212\ufe63\uff0d", "-"),
        **dict.fromkeys("\u00a0\u2002\u2003\u2007\u2009\u202f\u3000", " "),
        "\uff0b": "+",
        "\uff08": "(",
        "\uff09": ")",
        "\uff0e": ".",
        "\u066b": ".",  # Arabic decimal separator
        "\u200e": "",  # left-to-right and right-to-left marks a right-to-left field may add
        "\u200f": "",
        "\u061c": "",
    }
)

ZIP_MESSAGE = _("Enter a five-digit ZIP code, such as 95814.")
ZIP_LIST_MESSAGE = _("Enter five-digit ZIP codes separated by spaces or commas.")
PHONE_MESSAGE = _("Enter a phone number with digits, such as (916) 555-0142.")

_ZIP = re.compile(r"[0-9]{5}")
_ZIP_PLUS_FOUR = re.compile(r"([0-9]{5})(?:-[0-9]{4})?")
_ZIP_LIST = re.compile(r"[0-9]{5}(?:[\s,]+[0-9]{5})*", re.ASCII)
_PHONE = re.compile(
    r"\+?[0-9 ().\-/]+(?:\s*(?:ext\.?|x|#)\s*[0-9]{1,6})?", re.IGNORECASE | re.ASCII
)
PHONE_MIN_DIGITS, PHONE_MAX_DIGITS = 3, 20
# The largest whole number a database id (a 64-bit BigAutoField) holds: a larger one in a URL is no
# id at all, and would overflow SQLite's integers or PostgreSQL's bigint.
ID_MAX = 2**63 - 1


def digits_ascii(text: str) -> str:
    """``text`` with every decimal digit of any script as its ASCII digit ("٩٥" -> "95"), and
    look-alike dashes, spaces and brackets as ASCII. Other characters are left as they are."""
    text = str(text)
    if text.isascii():
        return text
    text = text.translate(_LOOK_ALIKES)
    return "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() else ch for ch in text)


def whole_number(value, *, maximum: int = ID_MAX) -> int | None:
    """A whole number of 0 or more typed in any script's digits ("٣" -> 3), or None for anything
    else (an empty value, a sign, a superscript, a number past ``maximum``, by default the
    largest id the database holds)."""
    text = digits_ascii(str(value if value is not None else "")).strip()
    if not text or len(text) > 20 or not text.isascii() or not text.isdigit():
        return None
    number = int(text)
    return number if number <= maximum else None


def zip_code_parse(value, *, plus_four: bool = False) -> str:
    """A US ZIP code as five ASCII digits ("٩٥٨١٤" -> "95814"); "95814-1234" reads as "95814"
    where ``plus_four`` allows it. Raises a translated ``ValidationError`` for anything else."""
    text = digits_ascii(value or "").strip()
    match = (_ZIP_PLUS_FOUR if plus_four else _ZIP).fullmatch(text)
    if match is None:
        raise ValidationError(ZIP_MESSAGE, code="invalid_zip")
    return match.group(1) if plus_four else text


def zip_code_or_empty(value) -> str:
    """The five ASCII digits of a ZIP code, or "" for anything that is not one."""
    try:
        return zip_code_parse(value)
    except ValidationError:
        return ""


def zip_list_parse(value) -> str:
    """A list of ZIP codes separated by spaces or commas, in ASCII digits; raises a translated
    ``ValidationError`` for anything else."""
    text = digits_ascii(value or "").strip()
    if text and not _ZIP_LIST.fullmatch(text):
        raise ValidationError(ZIP_LIST_MESSAGE, code="invalid_zip_list")
    return text


def phone_parse(value) -> str:
    """A phone number as typed, with its digits in ASCII ("+١ ٩١٦" -> "+1 916"): digits, spaces,
    ``+ ( ) - . /`` and an extension ("ext. 12", "x12"). Raises a translated ``ValidationError``
    for anything else, or for fewer than 3 or more than 20 digits."""
    text = " ".join(digits_ascii(value or "").split())
    count = sum(ch.isdigit() for ch in text)
    if not _PHONE.fullmatch(text) or not PHONE_MIN_DIGITS <= count <= PHONE_MAX_DIGITS:
        raise ValidationError(PHONE_MESSAGE, code="invalid_phone")
    return text


def phone_digits(phone: str) -> str:
    """The ASCII digits of a phone number typed in any script, for finding it however it was
    typed ("(916) 555-0142" and "٩١٦٥٥٥٠١٤٢" are both "9165550142")."""
    return "".join(ch for ch in digits_ascii(phone or "") if ch in "0123456789")


def microchip_compact(value) -> str:
    """A microchip number as one comparable string: digits in ASCII, letters in capitals, and
    the spaces, dashes and dots a scanner's label or a person adds left out
    ("985 112-003 ٤٥٦" -> "985112003456")."""
    text = digits_ascii(str(value or "")).upper()
    return re.sub(r"[\s\-.]", "", text)
