"""Digits typed in any script are read as ASCII digits for ZIP codes, phone numbers and numbers in
URLs; anything else is refused with a translated error (``core.digits``, ``core.forms``)."""

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation

from core.digits import (
    digits_ascii,
    phone_digits,
    phone_parse,
    whole_number,
    zip_code_parse,
    zip_list_parse,
)
from core.forms import PhoneField, ZipCodeField


@pytest.mark.parametrize(
    "typed",
    [
        "95814",
        "٩٥٨١٤",  # Arabic-Indic
        "۹۵۸۱۴",  # Persian (Extended Arabic-Indic)
        "९५८१४",  # Devanagari
        "９５８１４",  # full-width
        "9٥8۱４",  # mixed
        "  ٩٥٨١٤ ",
    ],
)
def test_a_zip_code_in_any_script_is_read_as_ascii(typed):
    assert zip_code_parse(typed) == "95814"


def test_zip_plus_four_reads_as_its_zip_code_where_allowed():
    assert zip_code_parse("٩٥٨١٤-١٢٣٤", plus_four=True) == "95814"
    with pytest.raises(ValidationError):
        zip_code_parse("95814-1234")


@pytest.mark.parametrize("typed", ["²²²²²", "9581", "958145", "95 814", "abcde", "٩٥٨١٤x", "-9581"])
def test_anything_else_is_not_a_zip_code(typed):
    with pytest.raises(ValidationError):
        zip_code_parse(typed)


def test_the_error_is_translated():
    with translation.override("es"):
        with pytest.raises(ValidationError) as error:
            zip_code_parse("٩٥٨")
        assert "cinco dígitos" in error.value.messages[0]


def test_zip_lists():
    assert zip_list_parse("٩٥٨١٤، 95815".replace("،", ",")) == "95814, 95815"
    with pytest.raises(ValidationError):
        zip_list_parse("95814 ²5815")


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("(916) 555-0142", "(916) 555-0142"),
        ("+١ ٩١٦ ٥٥٥ ٠١٤٢", "+1 916 555 0142"),
        ("۰۹۱۲ ۳۴۵ ۶۷۸۹", "0912 345 6789"),
        ("９１６－５５５－０１４２", "916-555-0142"),
        ("916\u2013555\u20130142", "916-555-0142"),  # en dashes
        ("916 555 0142 ext. 12", "916 555 0142 ext. 12"),
    ],
)
def test_a_phone_number_keeps_its_shape_with_ascii_digits(typed, stored):
    assert phone_parse(typed) == stored


@pytest.mark.parametrize("typed", ["call me", "555²", "12", "1" * 21, "916-555-0142; DROP", "=1+2"])
def test_anything_else_is_not_a_phone_number(typed):
    with pytest.raises(ValidationError):
        phone_parse(typed)


def test_phone_digits_find_a_number_however_it_was_typed():
    assert phone_digits("(916) 555-0142") == phone_digits("٩١٦٥٥٥٠١٤٢") == "9165550142"
    assert phone_digits("555²") == "555"


def test_digits_ascii_leaves_other_text_alone():
    assert digits_ascii("Calle ٣, piso ²") == "Calle 3, piso ²"


@pytest.mark.parametrize(
    ("typed", "number"),
    [("3", 3), ("٣", 3), ("۱۲", 12), ("", None), ("²", None), ("-1", None), ("1e3", None)],
)
def test_whole_numbers(typed, number):
    assert whole_number(typed) == number


def test_whole_numbers_have_a_ceiling():
    assert whole_number("99999999999999999999") is None
    assert whole_number("1000", maximum=999) is None
    assert whole_number("999", maximum=999) == 999


class ContactForm(forms.Form):
    zip = ZipCodeField(required=False)
    phone = PhoneField(required=False)


def test_the_form_fields_clean_to_ascii_and_explain_the_rest():
    form = ContactForm({"zip": "٩٥٨١٤", "phone": "+١ ٩١٦ ٥٥٥ ٠١٤٢"})
    assert form.is_valid()
    assert form.cleaned_data == {"zip": "95814", "phone": "+1 916 555 0142"}
    with translation.override("ar"):
        form = ContactForm({"zip": "²²²²²", "phone": "hello"})
        assert not form.is_valid()
        assert set(form.errors) == {"zip", "phone"}
    assert ContactForm({}).is_valid()
