"""The back office's forms written in Python (``forms.FastBoundField``) are Django's HTML."""

import re

import pytest
from django.urls import reverse

from backoffice.forms import FastForm

from .conftest import open_case

pytestmark = pytest.mark.django_db

# New on every page: the CSRF token, and the intake form's token against a second click.
TOKENS = re.compile(r'name="(csrfmiddlewaretoken|client_token)" value="[^"]*"')


def _pages(client, case):
    """Every page with the back office's forms: unbound, and bound with errors beside fields."""
    page = reverse("backoffice:case", args=[case.reference])
    queue = reverse("backoffice:queue")
    yield "get", queue, {}
    yield "get", queue + "?q=<b>x</b>&overdue=on&opened_after=1800-01-01&sort=newest", {}
    yield "get", page, {}
    yield "get", page + "?find-q=food&find-zip=9", {}
    yield "get", reverse("backoffice:case_create"), {}
    yield "get", reverse("backoffice:followups"), {}
    yield "get", reverse("backoffice:person", args=[case.person_id]), {}
    yield "get", reverse("backoffice:person_edit", args=[case.person_id]), {}
    yield "get", reverse("backoffice:dashboard") + "?start=2020-02-01&end=2020-01-01", {}
    for action, data in [
        ("note", {"kind": "call", "body": ""}),
        ("followup", {"due_on": "9999-12-31", "note": "<i>soon</i>"}),
        ("transfer", {"assignee": "", "reason": ""}),
        ("status", {"status": "nonsense"}),
        ("resolve", {"outcome": ""}),
        ("message", {"channel": "sms", "body": ""}),
        ("reminder", {"when": "yesterday"}),
        ("refer", {"resource": "", "note": "x" * 3}),
        ("details", {}),
        ("pet", {}),
    ]:
        url = reverse(f"backoffice:case_{action.replace('-', '_')}", args=[case.reference])
        yield "get", url, {}
        yield "post", url, data
    yield "post", reverse("backoffice:case_create"), {"channel": "phone", "person-name": ""}


def test_the_forms_written_in_python_are_djangos_html(
    case_manager, supervisor, client, monkeypatch
):
    """Each page, rendered with the fields written in Python and with Django's templates, is the
    same HTML, character for character (the tokens aside, new on every page)."""
    case = open_case(assignee=case_manager, opened_by=case_manager)
    drain = reverse("backoffice:followups")
    for user in (case_manager, supervisor):
        client.force_login(user)
        seen = 0
        for method, url, data in _pages(client, case):
            fast = getattr(client, method)(url, data)
            client.get(drain)  # what an action that went through says is shown once
            with monkeypatch.context() as m:
                m.setattr(FastForm, "bound_field_class", None)
                slow = getattr(client, method)(url, data)
            client.get(drain)
            assert fast.status_code == slow.status_code, url
            if fast.status_code in (302, 403):
                continue
            seen += 1
            ours, django = (TOKENS.sub("", r.content.decode()) for r in (fast, slow))
            assert ours == django, (method, url, _first_difference(ours, django))
        assert seen > 15


def _first_difference(a: str, b: str) -> str:
    at = next(
        (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
    )
    return f"at {at}: {a[at - 80 : at + 80]!r} != {b[at - 80 : at + 80]!r}".replace("\\n", "~")


def test_the_case_page_and_the_queue_render_no_template_per_field(case_manager, client):
    """The case page's 19 fields and the queue's 11 spent half of their pages' time in Django's
    field, label and widget templates (four or five renders a field). Only a group of boxes in
    a fieldset (the referral search's kinds of help) still renders its templates."""
    from django.test.signals import template_rendered

    case = open_case(assignee=case_manager, opened_by=case_manager)
    client.force_login(case_manager)
    rendered = []

    def seen(sender, template, **kwargs):
        if template.name and template.name.startswith("django/forms/"):
            rendered.append(template.name)

    template_rendered.connect(seen)
    try:
        for url, fieldsets in [
            (reverse("backoffice:case", args=[case.reference]), 1),
            (reverse("backoffice:queue"), 0),
        ]:
            rendered.clear()
            assert client.get(url).status_code == 200
            assert rendered.count("django/forms/field.html") == fieldsets, (url, rendered)
            assert "django/forms/label.html" not in rendered, (url, rendered)
            assert "django/forms/widgets/text.html" not in rendered, (url, rendered)
    finally:
        template_rendered.disconnect(seen)


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def test_every_fast_form_writes_each_field_as_django_does(case_manager, monkeypatch):
    """Every form built on ``FastForm`` (the back office's, the survey's) that can be made
    without arguments, unbound and sent empty (errors beside its fields): each field is the HTML
    Django's templates write."""
    from django.http import QueryDict

    import surveys.forms  # noqa: F401  (its forms are FastForm's subclasses too)
    from backoffice.forms import ResourcePickForm

    checked = 0
    for form_class in {*_subclasses(FastForm), ResourcePickForm}:
        for data in (None, QueryDict("")):
            try:
                form_class(data)
            except (TypeError, KeyError, AttributeError):
                continue  # needs its case, person or user
            fields = {}
            for fast in (True, False):
                with monkeypatch.context() as m:
                    if not fast:
                        m.setattr(FastForm, "bound_field_class", None)
                        m.setattr(ResourcePickForm, "bound_field_class", None)
                    form = form_class(data)
                    fields[fast] = {
                        name: TOKENS.sub("", str(form[name].as_field_group()))
                        for name in form.fields
                    }
            assert fields[True] == fields[False], form_class
            checked += 1
    assert checked > 10
