"""The case-intake fields are defined once: hotline intake, case edit and any other form agree."""

import pytest
from django import forms

from backoffice import intake, services
from backoffice.models import Case
from backoffice.vocabulary import Need, Reason

from .conftest import open_case

pytestmark = pytest.mark.django_db

INTAKE = {
    "case_type": "pet_support",
    "needs": ["landlord", "deposit_fees"],
    "reasons": ["housing"],
    "urgency": "high",
    "at_risk_of_losing_pet": "on",
}


def _field_signature(field):
    return (
        type(field),
        type(field.widget),
        str(field.label),
        str(field.help_text),
        field.required,
        [(value, str(label)) for value, label in getattr(field, "choices", [])],
    )


def test_hotline_intake_and_case_edit_ask_the_same_questions():
    opening, editing = intake.CaseOpenForm(), intake.CaseDetailsForm()
    for name in intake.CASE_INTAKE_FIELDS:
        assert _field_signature(opening.fields[name]) == _field_signature(editing.fields[name])
    assert list(editing.fields) == list(intake.CASE_INTAKE_FIELDS)
    assert set(intake.CASE_INTAKE_FIELDS) <= set(opening.fields)


@pytest.mark.parametrize("form_class", [intake.CaseOpenForm, intake.CaseDetailsForm])
def test_both_forms_refuse_what_case_open_refuses(form_class):
    form = form_class({**INTAKE, "needs": ["a pony"], "reasons": ["boredom"], "channel": "phone"})
    assert not form.is_valid()
    assert {"needs", "reasons"} <= set(form.errors)


def test_case_details_are_the_arguments_of_case_open_and_case_details_update(case_manager):
    form = intake.CaseDetailsForm(INTAKE)
    assert form.is_valid(), form.errors
    details = form.case_details()
    assert tuple(details) == intake.CASE_INTAKE_FIELDS
    case = open_case(**details)
    assert sorted(case.needs.values_list("code", flat=True)) == ["deposit_fees", "landlord"]
    services.case_details_update(case=case, actor=case_manager, **{**details, "needs": []})
    assert not case.needs.exists()
    assert intake.CaseDetailsForm.for_case(Case.objects.get()).initial["reasons"] == ["housing"]


def test_a_field_reworded_for_another_form_keeps_its_choices_and_validation():
    needs = intake.intake_field("needs", label="What do you need help with?", required=True)
    assert needs.label == "What do you need help with?"
    assert intake.CaseIntakeForm.base_fields["needs"].label != needs.label  # a copy
    assert [value for value, _label in needs.choices] == Need.values
    step = type(
        "NeedsStep", (forms.Form,), {"needs": needs, "reasons": intake.intake_field("reasons")}
    )
    assert step({"needs": [Need.FOOD_SUPPLIES], "reasons": [Reason.SAFETY]}).is_valid()
    refused = step({"needs": ["a pony"]})
    assert not refused.is_valid() and set(refused.errors) == {"needs"}
    assert not step({}).is_valid()  # required here, optional at hotline intake
    assert intake.CaseOpenForm({**INTAKE, "needs": [], "channel": "phone"}).is_valid()
