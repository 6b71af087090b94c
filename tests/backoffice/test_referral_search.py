"""The referral form picks its resource through the directory's search, not a list of every
listing: by need or name, kind of help, distance from the person's ZIP code, language spoken; the
choice is checked again when the referral is saved. Runs on SQLite and PostgreSQL."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.users.models import UserProfile

from backoffice import services
from backoffice.models import Referral
from directory.factories import LocationFactory, OrganizationFactory, ResourceFactory
from directory.models import Category
from directory.vocabulary import Status
from search.indexing import rebuild_all

from .conftest import open_case

pytestmark = pytest.mark.django_db

SACRAMENTO = dict(postal_code="95814", latitude=38.5816, longitude=-121.4944)
DAVIS = dict(postal_code="95616", latitude=38.5449, longitude=-121.7405)  # ~14 miles west
RENO = dict(postal_code="89501", latitude=39.5296, longitude=-119.8138)  # ~110 miles


@pytest.fixture
def listings():
    vet = Category.objects.get(slug="vet-care")
    food = Category.objects.get(slug="pet-food")
    found = {
        "clinic": ResourceFactory(
            name_en="Riverside low-cost veterinary clinic",
            name_es="Clínica veterinaria Riverside",
            organization=OrganizationFactory(name_en="Riverside Animal Aid"),
            categories=[vet],
            languages=["en", "es"],
            location=LocationFactory(address_1="12 Levee Street", **SACRAMENTO),
        ),
        "far_clinic": ResourceFactory(
            name_en="Sierra veterinary clinic",
            categories=[vet],
            languages=["en"],
            location=LocationFactory(**RENO),
        ),
        "pantry": ResourceFactory(
            name_en="Davis pet food pantry",
            short_description_en="Free dog food every Saturday.",
            categories=[food],
            languages=["en", "vi"],
            location=LocationFactory(**DAVIS),
        ),
        "haven": ResourceFactory(
            name_en="Safe haven pet boarding",
            short_description_en="Boarding for the pets of people leaving abuse.",
            categories=[Category.objects.get(slug="temporary-care")],
            confidential_address=True,
            location=LocationFactory(address_1="77 Hidden Lane", **SACRAMENTO),
        ),
        "closed": ResourceFactory(
            name_en="Old veterinary van", status=Status.INACTIVE, categories=[vet]
        ),
    }
    rebuild_all()
    return found


@pytest.fixture
def case(case_manager):
    return open_case(
        assignee=case_manager,
        opened_by=case_manager,
        person=services.PersonDetails(name="Rosalind Fairweather", zip_code="95814"),
    )


def case_url(case, **params):
    return reverse("backoffice:case", args=[case.reference]), params


def get_page(client, case, **params):
    url, params = case_url(case, **params)
    response = client.get(url, params)
    assert response.status_code == 200
    return response


def hits(response) -> list[str]:
    return [row.resource.name for row in response.context["pick_rows"]]


def test_the_case_page_lists_no_listing_until_staff_search(case_manager, client, listings, case):
    client.force_login(case_manager)
    body = get_page(client, case).content.decode()
    assert "Riverside low-cost veterinary clinic" not in body
    assert 'name="resource"' not in body  # no <select> of the directory, no choice yet
    assert 'name="find-q"' in body and 'value="95814"' in body  # the person's ZIP code


def test_search_by_need_shows_name_organisation_distance_languages_and_kind_of_help(
    case_manager, client, listings, case
):
    client.force_login(case_manager)
    response = get_page(
        client, case, **{"find-q": "veterinary", "find-zip": "95814", "find-sort": "distance"}
    )
    assert hits(response)[0] == "Riverside low-cost veterinary clinic"
    assert "Old veterinary van" not in hits(response)  # inactive listings are never offered
    body = response.content.decode()
    hit = body[body.index("Riverside low-cost veterinary clinic") :]
    hit = hit[: hit.index("</li>")]
    assert "Riverside Animal Aid" in hit
    assert "about 0.1 mi away" in hit
    assert "English, Spanish" in hit
    assert "Veterinary care" in hit
    assert f'name="find-pick" value="{listings["clinic"].pk}"' in hit


def test_distance_radius_category_and_language_narrow_the_hits(
    case_manager, client, listings, case
):
    client.force_login(case_manager)
    near = get_page(
        client, case, **{"find-q": "veterinary", "find-zip": "95814", "find-radius": "25"}
    )
    assert hits(near) == ["Riverside low-cost veterinary clinic"]
    nearest = get_page(
        client, case, **{"find-category": "vet-care", "find-zip": "95814", "find-sort": "distance"}
    )
    assert hits(nearest) == ["Riverside low-cost veterinary clinic", "Sierra veterinary clinic"]
    spoken = get_page(client, case, **{"find-category": "pet-food", "find-language": "vi"})
    assert hits(spoken) == ["Davis pet food pantry"]
    spanish = hits(get_page(client, case, **{"find-q": "food", "find-language": "es"}))
    assert "Davis pet food pantry" not in spanish


def test_the_persons_language_is_the_first_language_filter(case_manager, client, listings):
    person_case = open_case(
        assignee=case_manager,
        person=services.PersonDetails(name="Tomás Ruiz", preferred_language="zh-hans"),
    )
    client.force_login(case_manager)
    body = get_page(client, person_case).content.decode()
    assert re.search(r'<option value="zh" selected>', body)


def test_choosing_a_hit_then_referring_saves_that_resource(case_manager, client, listings, case):
    client.force_login(case_manager)
    clinic = listings["clinic"]
    response = get_page(client, case, **{"find-q": "veterinary", "find-pick": str(clinic.pk)})
    assert response.context["refer_chosen"] == clinic
    body = response.content.decode()
    assert f'<input type="hidden" name="resource" value="{clinic.pk}">' in body
    assert "Resource chosen:" in body
    saved = client.post(
        reverse("backoffice:case_refer", args=[case.reference]),
        {"resource": str(clinic.pk), "status": "referred", "note": "Payment plan asked"},
    )
    assert saved.status_code == 302
    referral = Referral.objects.get(case=case)
    assert referral.resource == clinic and referral.note == "Payment plan asked"


def test_a_new_search_keeps_the_resource_chosen(case_manager, client, listings, case):
    client.force_login(case_manager)
    clinic = listings["clinic"]
    url, _ = case_url(case)
    # The search button sends the choice again (a hidden field); a hit's button sends its own.
    response = client.get(f"{url}?find-q=food&find-pick={clinic.pk}")
    assert response.context["refer_chosen"] == clinic
    pantry = listings["pantry"]
    response = client.get(f"{url}?find-q=food&find-pick={clinic.pk}&find-pick={pantry.pk}")
    assert response.context["refer_chosen"] == pantry


@pytest.mark.parametrize("which", ["unknown", "inactive", "negative", "huge", "letters"])
def test_a_resource_id_that_is_not_a_public_listing_is_refused_and_the_rest_is_kept(
    case_manager, client, listings, case, which
):
    bad = {
        "unknown": "999999",
        "inactive": str(listings["closed"].pk),
        "negative": "-3",
        "huge": "9" * 30,
        "letters": "clinic",
    }[which]
    profile = UserProfile.get_for_user(case_manager)
    profile.preferred_language = "es"
    profile.save()
    client.force_login(case_manager)
    response = client.post(
        reverse("backoffice:case_refer", args=[case.reference]) + "?find-q=veterinary",
        {"resource": bad, "status": "connected", "note": "Llamó el martes", "partner_name": ""},
    )
    assert response.status_code == 400
    assert not Referral.objects.exists()
    body = response.content.decode()
    with translation.override("es"):
        expected = translation.gettext(
            "That resource is not in the directory, or no longer active. Search for it again, "
            "or type the partner's name."
        )
    assert not expected.startswith("That resource")  # said in Spanish
    assert expected in body
    assert 'value="Llamó el martes"' in body  # what was typed is kept
    assert re.search(r'<option value="connected" selected>', body)
    assert "Riverside low-cost veterinary clinic" in hits_names(response)  # the search stays
    assert 'name="resource"' not in body  # the refused id is not offered again


def hits_names(response):
    return [row.resource.name_en for row in response.context["pick_rows"]]


def test_a_choice_in_the_address_that_is_not_a_listing_says_so(
    case_manager, client, listings, case
):
    client.force_login(case_manager)
    response = get_page(client, case, **{"find-pick": str(listings["closed"].pk)})
    assert response.context["refer_chosen"] is None
    assert "That resource is not in the directory" in response.content.decode()


def test_a_listing_that_closed_after_it_was_chosen_is_refused_by_the_service(
    case_manager, listings, case
):
    from django.core.exceptions import ValidationError

    closed = listings["closed"]
    with pytest.raises(ValidationError):
        services.case_refer(case=case, actor=case_manager, resource=closed)


def test_a_safe_haven_can_be_referred_to_but_its_address_never_shows(
    case_manager, client, listings, case
):
    client.force_login(case_manager)
    haven = listings["haven"]
    response = get_page(client, case, **{"find-q": "boarding", "find-zip": "95814"})
    assert hits(response) == ["Safe haven pet boarding"]
    assert response.context["pick_rows"][0].distance_miles is None  # a distance is a position
    body = response.content.decode()
    assert "77 Hidden Lane" not in body and "Confidential location" in body
    chosen = get_page(client, case, **{"find-pick": str(haven.pk)}).content.decode()
    assert "77 Hidden Lane" not in chosen
    client.post(
        reverse("backoffice:case_refer", args=[case.reference]),
        {"resource": str(haven.pk), "status": "referred"},
    )
    assert Referral.objects.get(case=case).resource == haven
    after = get_page(client, case).content.decode()
    assert "Safe haven pet boarding" in after and "77 Hidden Lane" not in after


def test_a_partner_outside_the_directory_still_needs_no_search(case_manager, client, case):
    client.force_login(case_manager)
    response = client.post(
        reverse("backoffice:case_refer", args=[case.reference]),
        {"partner_name": "Riverbend Pet Pantry", "status": "referred"},
    )
    assert response.status_code == 302
    assert Referral.objects.get(case=case).partner_name == "Riverbend Pet Pantry"


def test_an_empty_search_asks_for_words_and_bad_values_are_not_errors(
    case_manager, client, listings, case
):
    client.force_login(case_manager)
    response = get_page(
        client,
        case,
        **{"find-q": "", "find-radius": "-5", "find-category": "nope", "find-page": "99999"},
    )
    assert response.context["pick_results"] is None
    assert "Type a need or a name" in response.content.decode()
    response = get_page(
        client, case, **{"find-q": "veterinary", "find-page": "99999", "find-zip": "٩٥٨١٤"}
    )
    assert hits(response)  # the last page, and the ZIP code read in Arabic-Indic digits
    assert response.context["pick_form"].cleaned_data["zip"] == "95814"


def test_many_hits_are_paged(case_manager, client, case):
    food = Category.objects.get(slug="pet-food")
    for n in range(13):
        ResourceFactory(name_en=f"Food bank {n:02}", categories=[food], location=None)
    rebuild_all()
    client.force_login(case_manager)
    first = get_page(client, case, **{"find-q": "food bank"})
    assert first.context["pick_results"].total == 13 and len(hits(first)) == 10
    assert 'name="find-page" value="2"' in first.content.decode()
    second = get_page(client, case, **{"find-q": "food bank", "find-page": "2"})
    assert len(hits(second)) == 3 and not set(hits(second)) & set(hits(first))


def test_the_search_reads_a_bounded_number_of_queries(
    case_manager, client, case, django_assert_max_num_queries
):
    vet = Category.objects.get(slug="vet-care")
    for n in range(30):
        ResourceFactory(name_en=f"Vet clinic {n}", categories=[vet])
    rebuild_all()
    client.force_login(case_manager)
    url, params = case_url(case, **{"find-q": "vet clinic", "find-zip": "95814"})
    client.get(url, params)  # warms the vocabulary and the site's caches
    with django_assert_max_num_queries(60):
        assert len(hits(client.get(url, params))) == 10


def test_someone_elses_confidential_case_stays_hidden_with_a_search(
    other_case_manager, client, listings, world
):
    client.force_login(other_case_manager)
    url = reverse("backoffice:case", args=[world["secret"].reference])
    response = client.get(url, {"find-q": "veterinary", "find-pick": str(listings["clinic"].pk)})
    assert response.status_code == 404
    assert "Riverside" not in response.content.decode()
