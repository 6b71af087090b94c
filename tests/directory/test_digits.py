"""Directory editors may type ZIP codes and phone numbers in any script's digits: the model fields
store ASCII digits (the admin's forms call ``full_clean``), and refuse what is not a digit."""

import pytest
from django.core.exceptions import ValidationError

from directory.factories import LocationFactory, OrganizationFactory, ResourceFactory
from directory.models import Phone

pytestmark = pytest.mark.django_db


def test_an_editor_typing_arabic_indic_digits_stores_ascii_ones():
    location = LocationFactory.build(organization=OrganizationFactory(), postal_code="٩٥٨١٤")
    location.full_clean()
    assert location.postal_code == "95814"
    resource = ResourceFactory(service_area_zip_codes="", location=False)
    resource.service_area_zip_codes = "۹۵۸۱۴, ۹۵۸۱۵"
    resource.residency_zip_codes = "٩٥٨١٤"
    resource.full_clean()
    assert (resource.service_area_zip_codes, resource.residency_zip_codes) == (
        "95814, 95815",
        "95814",
    )
    phone = Phone(resource=resource, number="(٩١٦) ٥٥٥-٠١٤٢")
    phone.full_clean()
    assert phone.number == "(916) 555-0142"


@pytest.mark.parametrize("typed", ["²²²²²", "9581"])
def test_what_is_not_a_zip_code_is_refused(typed):
    location = LocationFactory.build(organization=OrganizationFactory(), postal_code=typed)
    with pytest.raises(ValidationError) as error:
        location.full_clean()
    assert "postal_code" in error.value.message_dict
