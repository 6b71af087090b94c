"""Typed values read from HSDS objects, each problem reported with where it is.

``ValueReader`` is the base of ``reader.HsdsReader``: a method per kind of value (text, number,
UUID, URL, email, time, date, languages, lists of objects). A value that cannot be read is
reported as an error and raises ``Invalid``; ``_guard`` turns that into "skip this step" so one
bad field does not hide the problems of the rest of the record. Formats that a model field
validates are checked with that field's own validators (``model_rules``).
"""

from __future__ import annotations

import datetime as dt
import math
import re
import uuid
from typing import Any

from django.db import models

from .model_rules import is_valid, max_length, shorten
from .problems import Invalid, Problems, Where, source_of
from .records import Batch
from .vocabulary import language_code

# The longest text one field of an import may hold, where the model sets no limit (a description):
# longer is a mistake in the file (or an attack on the memory of whoever reads it).
MAX_TEXT_CHARS = 20_000


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return "null"


class ValueReader:
    def __init__(self, *, batch: Batch, problems: Problems):
        self.batch = batch
        self.problems = problems

    def _fail(self, where: Where, message: str):
        self.problems.error(where, message)
        raise Invalid

    def text(self, value: Any, where: Where, *, required: bool = False) -> str:
        if value is None:
            value = ""
        if not isinstance(value, str):
            self._fail(where, f"expected text, got {_type_name(value)}")
        value = value.strip()
        if required and not value:
            self._fail(where, "required, but empty")
        if len(value) > MAX_TEXT_CHARS:
            self._fail(where, f"longer than {MAX_TEXT_CHARS} characters ({len(value)})")
        return value

    def limited(self, value: str, where: Where, max_length: int | None) -> str:
        if max_length and len(value) > max_length:
            self.problems.warn(where, f"longer than {max_length} characters; shortened")
            return shorten(value, max_length)
        return value

    def fit(self, value: str, where: Where, model: type[models.Model], field: str) -> str:
        """``value`` shortened, with a warning, to what ``model.field`` holds (``max_length``)."""
        return self.limited(value, where, max_length(model, field))

    def number(self, value: Any, where: Where) -> float | None:
        if value is None or value == "":
            return None
        if isinstance(value, str):
            try:
                value = float(value.strip())
            except ValueError:
                self._fail(where, f"expected a number, got {value!r}")
        if isinstance(value, bool) or not isinstance(value, int | float):
            self._fail(where, f"expected a number, got {_type_name(value)}")
        if not math.isfinite(value) or abs(value) > 1e15:
            self._fail(where, f"expected a number, got {value!r}")
        return value

    def uuid(self, value: Any, where: Where, *, required: bool = False) -> uuid.UUID | None:
        if value is None or value == "":
            if required:
                self._fail(where, "required, but missing")
            return None
        if not isinstance(value, str):
            self._fail(where, f"expected a UUID, got {_type_name(value)}")
        try:
            return uuid.UUID(value.strip())
        except ValueError:
            self._fail(where, f"not a valid UUID: {value!r}")

    def objects(self, value: Any, where: Where) -> list[tuple[dict, Where]]:
        if value is None:
            return []
        if not isinstance(value, list):
            self._fail(where, f"expected a list, got {_type_name(value)}")
        items = []
        for index, item in enumerate(value):
            item_where = where.at(index)
            if not isinstance(item, dict):
                self.problems.error(item_where, f"expected an object, got {_type_name(item)}")
                continue
            items.append((item, source_of(item, item_where)))
        return items

    def url(self, value: Any, where: Where, *, model: type[models.Model], field: str) -> str:
        """A web address for ``model.field`` ("https://" added to a bare domain)."""
        value = self.text(value, where)
        if value and "://" not in value and re.match(r"^[\w-]+(\.[\w-]+)+(/.*)?$", value):
            value = f"https://{value}"
        self._within_length(value, where, model, field)
        if value and not is_valid(model, field, value):
            self._fail(where, f"not a valid URL: {value!r}")
        return value

    def _within_length(self, value: str, where: Where, model, field: str) -> None:
        """A web or email address is refused whole when too long (shortened, it would lead
        elsewhere, and PostgreSQL would refuse the import as a whole)."""
        limit = max_length(model, field)
        if limit and len(value) > limit:
            self._fail(where, f"longer than the {limit} characters an address may have")

    def email(self, value: Any, where: Where, *, model: type[models.Model], field: str) -> str:
        value = self.text(value, where)
        self._within_length(value, where, model, field)
        if value and not is_valid(model, field, value):
            self._fail(where, f"not a valid email address: {value!r}")
        return value

    def time(self, value: Any, where: Where) -> dt.time | None:
        value = self.text(value, where)
        if not value:
            return None
        try:
            return dt.time.fromisoformat(value).replace(tzinfo=None)
        except ValueError:
            self._fail(where, f"not a time of day (HH:MM or HH:MM:SS): {value!r}")

    def date(self, value: Any, where: Where) -> dt.date | None:
        value = self.text(value, where)
        if not value:
            return None
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            self._fail(where, f"not a date (YYYY-MM-DD): {value!r}")

    def languages(self, value: Any, where: Where) -> list[str]:
        codes = []
        for item, item_where in self.objects(value, where):
            code = language_code(item.get("code"), item.get("name"))
            if code is None:
                label = item.get("code") or item.get("name")
                self.problems.warn(
                    item_where, f"language {label!r} is not one the directory lists; skipped"
                )
            elif code not in codes:
                codes.append(code)
        return codes

    def _guard(self, function, *args, **kwargs):
        """Run a reading step; a reported problem skips the step, not the whole record."""
        try:
            return function(*args, **kwargs)
        except Invalid:
            return None
