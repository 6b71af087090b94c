from django import forms
from django.db import models

from core.digits import digits_ascii


class _DigitsInAnyScript:
    """A text field whose digits are read in any script: "٩٥٨١٤" is stored as "95814" (the model
    form and ``full_clean`` call ``to_python`` before the field's validators)."""

    def to_python(self, value):
        value = super().to_python(value)
        return " ".join(digits_ascii(value).split()) if isinstance(value, str) else value


class ZipCodeField(_DigitsInAnyScript, models.CharField):
    """A ZIP code, typed with any script's digits."""


class ZipCodeListField(_DigitsInAnyScript, models.TextField):
    """ZIP codes separated by spaces or commas, typed with any script's digits."""


class PhoneNumberField(_DigitsInAnyScript, models.CharField):
    """A phone number, typed with any script's digits."""


class ChoiceListField(models.JSONField):
    """A list of choice codes (species, languages) stored as JSON, edited as checkboxes."""

    def __init__(self, *args, choices_class=None, **kwargs):
        self.choices_class = choices_class
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["choices_class"] = self.choices_class
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        return forms.TypedMultipleChoiceField(
            choices=self.choices_class.choices,
            required=not self.blank,
            label=self.verbose_name,
            help_text=self.help_text,
            widget=forms.CheckboxSelectMultiple,
        )

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        unknown = set(value or []) - set(self.choices_class.values)
        if unknown:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": ", ".join(sorted(unknown))},
            )


@ChoiceListField.register_lookup
class HasChoice(models.Lookup):
    """``species__has="dog"``: the list holds this code, on SQLite and PostgreSQL alike.

    Django's ``__contains`` on a JSON field is PostgreSQL's ``@>`` and is not supported on SQLite;
    this lookup is ``@>`` there (its GIN-friendly form) and a ``json_each`` search on SQLite.
    """

    lookup_name = "has"
    prepare_rhs = False

    def get_db_prep_lookup(self, value, connection):
        return "%s", [str(value)]

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        sql = f"EXISTS (SELECT 1 FROM json_each({lhs}) AS item WHERE item.value = {rhs})"
        return sql, (*lhs_params, *rhs_params)

    def as_postgresql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} @> jsonb_build_array(({rhs})::text)", (*lhs_params, *rhs_params)
