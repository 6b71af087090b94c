"""``core.forms.FlatRenderer`` renders the same bytes as Django's renderer, from fewer templates."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.template import Template
from django.test.signals import template_rendered
from django.test.utils import instrumented_test_render

from core.forms import FLAT_RENDERER, FLAT_TEMPLATES

CHOICES = [("a", "Apple & pear"), ("b", "<b>Banana</b>"), ("", "Neither")]
GROUPED = [("Fruit", [("a", "Apple"), ("b", "Banana")]), ("c", "Carrot")]


class EveryWidget(forms.Form):
    text = forms.CharField(max_length=10, help_text="Up to <em>10</em>", label="Name")
    email = forms.EmailField(required=False)
    number = forms.IntegerField(required=False, widget=forms.NumberInput(attrs={"min": 0}))
    url = forms.URLField(required=False, assume_scheme="https")
    password = forms.CharField(required=False, widget=forms.PasswordInput(render_value=True))
    hidden = forms.CharField(required=False, widget=forms.HiddenInput)
    tel = forms.CharField(required=False, widget=forms.TextInput(attrs={"type": "tel"}))
    search = forms.CharField(required=False, widget=forms.TextInput(attrs={"type": "search"}))
    agree = forms.BooleanField(required=False)
    notes = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2, "disabled": True, "x": False})
    )
    one = forms.ChoiceField(choices=CHOICES, widget=forms.RadioSelect, required=True)
    many = forms.MultipleChoiceField(
        choices=GROUPED, widget=forms.CheckboxSelectMultiple, required=False
    )
    pick = forms.ChoiceField(choices=GROUPED, required=False)
    picks = forms.MultipleChoiceField(choices=CHOICES, required=False)
    unlabelled = forms.ChoiceField(
        choices=CHOICES, widget=forms.RadioSelect(attrs={"class": "inline"}), label=""
    )


DATA = {
    "text": 'too long "quoted" <value>',
    "email": "not an email",
    "number": "7",
    "password": "secret",
    "hidden": "h",
    "agree": "on",
    "notes": "Line 1\nLine <2>",
    "many": ["a", "c"],
    "pick": "b",
    "picks": ["a", ""],
}


@pytest.mark.parametrize("data", [None, {}, DATA], ids=["unbound", "empty", "filled"])
def test_every_widget_renders_the_same_bytes(data):
    django_form = EveryWidget(data, renderer=DjangoTemplates())
    flat_form = EveryWidget(data, renderer=FLAT_RENDERER)
    assert str(flat_form) == str(django_form)
    for name in EveryWidget.base_fields:
        assert flat_form[name].as_field_group() == django_form[name].as_field_group(), name


def test_the_flat_copies_render_fewer_templates():
    rendered = []

    def count(sender, **kwargs):
        rendered.append(sender.name)

    original = Template._render
    Template._render = instrumented_test_render
    template_rendered.connect(count)
    try:
        str(EveryWidget(DATA, renderer=DjangoTemplates()))
        django_count = len(rendered)
        rendered.clear()
        str(EveryWidget(DATA, renderer=FLAT_RENDERER))
    finally:
        template_rendered.disconnect(count)
        Template._render = original
    assert len(rendered) * 3 < django_count


def test_only_templates_that_are_an_input_are_read_as_one():
    """The copies were made from these Django templates: if an upgrade changes one, look again."""
    engine = DjangoTemplates().engine
    for name, flat in FLAT_TEMPLATES.items():
        if flat == "core/forms/input.html" and not name.endswith("/input.html"):
            source = engine.get_template(name).template.source
            assert source == '{% include "django/forms/widgets/input.html" %}\n', name
