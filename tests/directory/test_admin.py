"""Staff keep the directory fresh in the Wagtail admin: who may edit, the review queue, checks."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from directory.models import Category, Organization, ProblemReport, Resource

pytestmark = pytest.mark.django_db


@pytest.fixture
def resource():
    organization = Organization.objects.create(name_en="Riverbend Humane Society")
    category = Category.objects.get(slug="pet-food")  # from the pet-support taxonomy migration
    resource = Resource.objects.create(
        organization=organization,
        name_en="Saturday pet food pantry",
        short_description_en="Free dog and cat food, no questions asked.",
        name_es="Despensa de comida para mascotas",
        short_description_es="Comida gratis para perros y gatos.",
        last_verified_at=timezone.now() - timedelta(days=400),
    )
    resource.categories.add(category)
    return resource


def staff(django_user_model, username, group=None):
    user = django_user_model.objects.create_user(username, password="x")
    if group:
        user.groups.add(Group.objects.get_or_create(name=group)[0])
    return user


@pytest.mark.parametrize(
    ("group", "can_edit"),
    [("Directory editors", True), ("Editors", False), (None, False)],
)
def test_only_directory_editors_can_edit_listings(
    client, django_user_model, resource, group, can_edit
):
    client.force_login(staff(django_user_model, "someone", group))
    edit = client.get(reverse("wagtailsnippets_directory_resource:edit", args=[resource.pk]))
    queue = client.get(reverse("directory_review"))
    if can_edit:
        assert edit.status_code == 200
        assert queue.status_code == 200
    else:
        assert edit.status_code in (302, 403)
        assert queue.status_code in (302, 403)


def test_review_queue_lists_stale_listings_and_one_click_marks_them_checked(
    client, django_user_model, resource
):
    editor = staff(django_user_model, "dana", "Directory editors")
    client.force_login(editor)
    fresh = Resource.objects.create(
        organization=resource.organization,
        name_en="Fresh listing",
        short_description_en="Checked last week.",
        last_verified_at=timezone.now() - timedelta(days=7),
    )
    body = client.get(reverse("directory_review")).content.decode()
    assert "Saturday pet food pantry" in body
    assert fresh.name_en not in body

    response = client.post(reverse("directory_verify", args=[resource.pk]), follow=True)
    assert "is marked as checked today" in response.content.decode()
    resource.refresh_from_db()
    assert resource.last_verified_by == editor
    assert timezone.now() - resource.last_verified_at < timedelta(minutes=1)
    assert (
        "Saturday pet food pantry" not in client.get(reverse("directory_review")).content.decode()
    )


def test_verify_requires_post(client, django_user_model, resource):
    client.force_login(staff(django_user_model, "dana", "Directory editors"))
    assert client.get(reverse("directory_verify", args=[resource.pk])).status_code == 405


def test_problem_reports_appear_in_the_queue_until_resolved(client, django_user_model, resource):
    client.force_login(staff(django_user_model, "dana", "Directory editors"))
    report = ProblemReport.objects.create(
        resource=resource, reason="phone", details="Number rings out.", language="es"
    )
    assert "Number rings out." in client.get(reverse("directory_review")).content.decode()
    client.post(reverse("directory_resolve_report", args=[report.pk]), follow=True)
    report.refresh_from_db()
    assert report.resolved_at is not None
    assert "Number rings out." not in client.get(reverse("directory_review")).content.decode()


def test_listing_filters_by_missing_translation(client, django_user_model, resource):
    client.force_login(staff(django_user_model, "dana", "Directory editors"))
    Resource.objects.create(
        organization=resource.organization,
        name_en="English-only clinic",
        short_description_en="Vaccines.",
    )
    url = reverse("wagtailsnippets_directory_resource:list")
    body = client.get(url, {"missing_translation": "es"}).content.decode()
    assert "English-only clinic" in body
    assert "Saturday pet food pantry" not in body


def test_saving_with_mark_checked_records_the_check(client, django_user_model, resource):
    editor = staff(django_user_model, "dana", "Directory editors")
    client.force_login(editor)
    url = reverse("wagtailsnippets_directory_resource:edit", args=[resource.pk])
    form = client.get(url).context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or name == "mark_checked":
            continue
        data[name] = value
    for formset_name in form.formsets:
        data[f"{formset_name}-TOTAL_FORMS"] = 0
        data[f"{formset_name}-INITIAL_FORMS"] = 0
        data[f"{formset_name}-MIN_NUM_FORMS"] = 0
        data[f"{formset_name}-MAX_NUM_FORMS"] = 1000
    data["categories"] = [c.pk for c in resource.categories.all()]
    data["mark_checked"] = "on"
    response = client.post(url, data)
    assert response.status_code == 302, (
        response.context["form"].errors if response.context else response
    )
    resource.refresh_from_db()
    assert resource.last_verified_by == editor
    assert resource.revisions.count() == 1  # revision history is kept


def test_location_saved_without_coordinates_is_placed_at_its_zip_code(client, django_user_model):
    from directory.models import Location

    client.force_login(staff(django_user_model, "dana", "Directory editors"))
    url = reverse("wagtailsnippets_directory_location:add")
    form = client.get(url).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data.update(
        name_en="Cedar Falls library",
        address_1="11 Foundry Lane",
        city="Cedar Falls",
        state_province="CA",
        postal_code="95670",
        country="US",
        latitude="",
        longitude="",
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    location = Location.objects.get(name_en="Cedar Falls library")
    assert round(location.latitude, 1) == 38.6 and round(location.longitude, 1) == -121.3


@pytest.fixture
def safe_haven():
    from directory.models import Location

    organization = Organization.objects.create(name_en="Harbour Light Shelter")
    return Location.objects.create(
        organization=organization, name_en="Quiet Harbour House", city="Larkspur Hollow"
    )


def _chooser(model, view="choose"):
    return reverse(model.snippet_viewset.chooser_viewset.get_url_name(view))


@pytest.mark.parametrize(
    ("group", "sees"),
    [("Directory editors", True), ("Case managers", False), ("Editors", False)],
)
def test_only_directory_editors_open_the_directorys_listings_and_choosers(
    client, django_user_model, safe_haven, resource, group, sees
):
    """Wagtail lets any admin user open a snippet chooser: a case manager saw every place,
    safe havens' names and towns included."""
    from backoffice.permissions import backoffice_groups_ensure
    from directory.models import Location

    backoffice_groups_ensure()
    user = staff(django_user_model, "someone", group)
    assert user.has_perm("wagtailadmin.access_admin")
    client.force_login(user)
    urls = [
        _chooser(Location),
        _chooser(Location, "choose_results") + "?q=Harbour",
        _chooser(Organization),
        _chooser(Resource),
        reverse("wagtailsnippets_directory_location:list"),
        reverse("wagtailsnippets_directory_location:list_results"),
    ]
    for url in urls:
        response = client.get(url)
        text = response.content.decode()
        if sees:
            assert response.status_code == 200, url
        else:
            assert response.status_code in (302, 403), url
            assert "Quiet Harbour House" not in text and "Larkspur Hollow" not in text, url
    assert "Quiet Harbour House" in client.get(_chooser(Location)).content.decode() or not sees
    # Categories hold nothing confidential: page editors choose them for a block.
    assert client.get(_chooser(Category)).status_code == 200
