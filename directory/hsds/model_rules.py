"""What the directory's models accept, read from the models for the HSDS reader and writer.

Which fields are translated comes from modeltranslation's registry (``directory/translation.py``),
how long a text may be from the fields' ``max_length``, and the formats (ZIP codes, phone numbers,
web addresses, positions...) from the fields' validators. Nothing is typed twice: a change to a
model changes what an import accepts, and a problem names the model's own limit.
"""

from __future__ import annotations

import re
from functools import cache

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from modeltranslation.translator import translator

from ..models import Resource


@cache
def translated_fields(model: type[models.Model]) -> frozenset[str]:
    """The fields of ``model`` stored once per language (``name`` -> ``name_en``, ``name_es``...)."""
    return frozenset(translator.get_options_for_model(model).fields)


def max_length(model: type[models.Model], name: str) -> int | None:
    """The longest text the field ``name`` of ``model`` holds (None: no limit)."""
    return model._meta.get_field(name).max_length


def as_stored(model: type[models.Model], name: str, value: str) -> str:
    """``value`` as the field ``name`` of ``model`` stores it: digits typed in any script become
    ASCII for ZIP codes and phone numbers (``directory.fields``), other texts are unchanged."""
    return model._meta.get_field(name).to_python(value)


def is_valid(model: type[models.Model], name: str, value) -> bool:
    """Whether ``value`` passes the validators of the field ``name`` of ``model`` (the format: a
    text too long is shortened with a warning instead, see ``max_length``)."""
    for validator in model._meta.get_field(name).validators:
        if isinstance(validator, MaxLengthValidator):
            continue
        try:
            validator(value)
        except ValidationError:
            return False
    return True


def shorten(text: str, limit: int) -> str:
    """``text`` on one line, cut at a word to at most ``limit`` characters, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:.")
    return f"{cut}…"


def short_description_from(description: str, name: str) -> str:
    """A listing card line from the HSDS description (HSDS has no short description)."""
    limit = max_length(Resource, "short_description")
    text = " ".join((description or "").split())
    if not text:
        return shorten(name, limit)
    first = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
    return shorten(first, limit)
