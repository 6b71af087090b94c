"""What a directory editor meets in the Wagtail admin: fields of a right-to-left language laid out
right to left, the English source beside each field being translated, one-line fields as one line,
fields in their reading order, categories grouped under their parents, the listing (not the index)
after Save, a dashboard that says what is waiting, and problem reports with their language."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from directory.models import Category, Organization, ProblemReport, Resource

from .test_admin import staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def resource():
    """A listing translated into Spanish only, last checked 400 days ago."""
    listing = Resource.objects.create(
        organization=Organization.objects.create(name_en="Riverbend Humane Society"),
        name_en="Saturday pet food pantry",
        short_description_en="Free dog and cat food, no questions asked.",
        name_es="Despensa de comida para mascotas",
        last_verified_at=timezone.now() - timedelta(days=400),
    )
    listing.categories.add(Category.objects.get(slug="pet-food"))
    return listing


@pytest.fixture
def editor(client, django_user_model):
    user = staff(django_user_model, "dana", "Directory editors")
    client.force_login(user)
    return user


def edit_url(resource):
    return reverse("wagtailsnippets_directory_resource:edit", args=[resource.pk])


def field_tag(page, name):
    return re.search(rf'<(input|textarea)[^>]*name="{name}"[^>]*>', page).group(0)


def test_each_language_field_says_its_language_and_arabic_runs_right_to_left(
    client, editor, resource
):
    page = client.get(edit_url(resource)).content.decode()
    assert 'lang="ar"' in field_tag(page, "name_ar") and 'dir="rtl"' in field_tag(page, "name_ar")
    assert 'dir="rtl"' in field_tag(page, "description_ar")
    assert 'lang="es"' in field_tag(page, "name_es") and 'dir="ltr"' in field_tag(page, "name_es")
    assert 'lang="zh-Hans"' in field_tag(page, "name_zh_hans")


def test_the_english_source_is_shown_beside_the_field_being_translated(client, editor, resource):
    form = client.get(edit_url(resource)).context["form"]
    assert "Saturday pet food pantry" in str(form.fields["name_vi"].help_text)
    assert "Free dog and cat food" in str(form.fields["short_description_ar"].help_text)
    assert "Saturday pet food pantry" not in str(form.fields["name_en"].help_text)


def test_english_source_with_markup_is_shown_as_text(client, editor, resource):
    resource.name_en = "Pets <b>& people</b>"
    resource.save()
    page = client.get(edit_url(resource)).content.decode()
    assert "Pets &lt;b&gt;&amp; people&lt;/b&gt;" in page
    assert "<b>& people</b>" not in page


def test_fields_come_in_reading_order_and_one_line_fields_are_one_line(client, editor, resource):
    page = client.get(edit_url(resource)).content.decode()
    order = [page.index(f'name="{n}_es"') for n in ("name", "short_description", "description")]
    assert order == sorted(order), "the Spanish name came last"
    assert field_tag(page, "cost_description_es").startswith("<input")
    assert field_tag(page, "description_es").startswith("<textarea")


def test_categories_are_grouped_under_their_parents(client, editor, resource):
    form = client.get(edit_url(resource)).context["form"]
    groups = dict(form.fields["categories"].widget.choices)
    vet_care = Category.objects.get(slug="vet-care")
    emergency = Category.objects.get(slug="vet-emergency")
    assert (emergency.pk, emergency.name) in groups[vet_care.name]
    assert len(groups) == Category.objects.filter(parent=None).count()
    every = [pk for choices in groups.values() for pk, _name in choices]
    assert sorted(every) == sorted(Category.objects.values_list("pk", flat=True))


def test_after_save_the_editor_stays_on_the_listing(client, editor, resource):
    url = edit_url(resource)
    form = client.get(url).context["form"]
    data = {n: form[n].value() for n in form.fields if form[n].value() is not None}
    for formset in form.formsets:
        data.update({f"{formset}-TOTAL_FORMS": 0, f"{formset}-INITIAL_FORMS": 0})
    data["categories"] = [c.pk for c in resource.categories.all()]
    data["name_es"] = "Despensa de los sábados"
    response = client.post(url, data)
    assert response.status_code == 302 and response["Location"] == url
    resource.refresh_from_db()
    assert resource.name_es == "Despensa de los sábados"


def test_the_dashboard_says_what_is_waiting(client, editor, resource, django_user_model):
    ProblemReport.objects.create(resource=resource, reason="phone", language="es")
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "1 open problem report" in page
    assert "1 listing to review" in page  # the fixture's listing was checked 400 days ago
    assert reverse("directory_review") in page
    client.force_login(staff(django_user_model, "pat", "Editors"))
    assert "open problem report" not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_a_problem_report_shows_the_language_it_came_in(client, editor, resource):
    ProblemReport.objects.create(resource=resource, reason="hours", language="vi")
    page = client.get(reverse("directory_review")).content.decode()
    assert "Vietnamese" in page


@pytest.mark.parametrize(("code", "shown"), [("vi", "Vietnamese"), ("tl", "tl")])
def test_a_problem_reports_own_page_names_its_language(client, editor, resource, code, shown):
    report = ProblemReport.objects.create(resource=resource, reason="hours", language=code)
    page = client.get(reverse("wagtailsnippets_directory_problemreport:edit", args=[report.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    field = html[html.index('id="panel-language-content"') :]
    value = field[field.index('class="w-field__textoutput"') :].split(">", 1)[1].split("<", 1)[0]
    assert value.strip() == shown


@pytest.mark.parametrize("code", ["tl", "fil", "xx-yy"])
def test_a_report_in_a_language_the_site_does_not_list_keeps_the_queue_working(
    client, editor, resource, code
):
    """A report recorded in a language not among the site's (an older list of languages, a code
    Django does not know) shows its code; the queue still opens and still lists the others."""
    ProblemReport.objects.create(resource=resource, reason="hours", language=code)
    ProblemReport.objects.create(resource=resource, reason="phone", language="ko")
    response = client.get(reverse("directory_review"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "2 open problem reports" in page
    assert f"<td>{code}</td>" in page and "Korean" in page


def test_something_else_needs_details(client, resource):
    url = reverse("directory:report", args=[resource.pk])
    bare = client.post(url, {"reason": "other", "details": "  "})
    assert bare.status_code in (200, 400)
    assert "editors cannot tell" in bare.content.decode()
    assert not ProblemReport.objects.exists()
    client.post(url, {"reason": "other", "details": "They only take cats now."})
    assert ProblemReport.objects.get().details == "They only take cats now."
    client.post(url, {"reason": "phone", "details": ""})  # other reasons need none
    assert ProblemReport.objects.count() == 2
