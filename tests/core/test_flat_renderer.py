"""``core.forms.FlatRenderer`` renders the same bytes as Django's renderer, without the engine."""

import hashlib

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.template import Template
from django.test.signals import template_rendered
from django.test.utils import instrumented_test_render
from django.utils.safestring import mark_safe

from core.forms import FLAT_RENDERER

CHOICES = [("a", "Apple & pear"), ("b", "<b>Banana</b>"), ("", "Neither")]
GROUPED = [("Fruit", [("a", "Apple"), ("b", "Banana")]), ("c", "Carrot")]


class OwnOption(forms.RadioSelect):
    """A widget whose options have a template of their own: it must still be used."""

    option_template_name = "django/forms/widgets/input.html"


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
    safe_label = forms.ChoiceField(
        choices=[("s", mark_safe("<i>safe</i>")), (3, 1234)],
        widget=forms.RadioSelect,
        required=False,
        label=mark_safe("<b>Bold</b> & label"),
        help_text="",
    )
    own_option = forms.ChoiceField(choices=CHOICES, widget=OwnOption, required=False)
    no_id = forms.ChoiceField(
        choices=CHOICES, widget=forms.RadioSelect(attrs={"id": ""}), required=False
    )
    many_numbers = forms.TypedMultipleChoiceField(
        choices=[(1, "One"), (2, "Two")], coerce=int, widget=forms.CheckboxSelectMultiple
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
    "safe_label": "s",
    "own_option": "b",
    "many_numbers": ["2"],
}


@pytest.mark.parametrize("data", [None, {}, DATA], ids=["unbound", "empty", "filled"])
@pytest.mark.parametrize("auto_id", ["id_%s", "", "field-%s"])
def test_every_widget_renders_the_same_bytes(data, auto_id):
    django_form = EveryWidget(data, renderer=DjangoTemplates(), auto_id=auto_id)
    flat_form = EveryWidget(data, renderer=FLAT_RENDERER, auto_id=auto_id)
    assert str(flat_form) == str(django_form)
    for name in EveryWidget.base_fields:
        assert flat_form[name].as_field_group() == django_form[name].as_field_group(), name
        assert flat_form[name].label_tag() == django_form[name].label_tag(), name
        assert flat_form[name].legend_tag() == django_form[name].legend_tag(), name
        assert str(flat_form[name].errors) == str(django_form[name].errors), name


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_survey_steps_render_the_same_bytes(language):
    """Every step form of the survey (a pet's form for the pets step), unbound and with every
    field left empty (then with its errors), in English and Arabic."""
    from django.utils import translation

    from surveys.forms import SurveyPetForm
    from surveys.views import STEPS

    forms_ = [form for _name, form in STEPS if issubclass(form, forms.Form)] + [SurveyPetForm]
    with translation.override(language):
        for form_class in forms_:
            for data in (None, {}):
                flat = form_class(data, prefix="step")
                django = form_class(data, prefix="step", renderer=DjangoTemplates())
                assert flat.renderer is FLAT_RENDERER
                assert str(flat) == str(django), form_class
                for name in flat.fields:
                    assert flat[name].as_field_group() == django[name].as_field_group(), name


def test_no_template_is_rendered_for_the_widgets_django_has():
    rendered = []

    def count(sender, **kwargs):
        rendered.append(sender.name)

    original = Template._render
    Template._render = instrumented_test_render
    template_rendered.connect(count)
    try:
        str(EveryWidget(DATA, renderer=DjangoTemplates()))
        assert rendered
        rendered.clear()
        fields = [n for n in EveryWidget.base_fields if n != "own_option"]
        form = EveryWidget(DATA, renderer=FLAT_RENDERER)
        for name in fields:
            form[name].as_field_group()
    finally:
        template_rendered.disconnect(count)
        Template._render = original
    assert rendered == []


# Django's templates that ``core.form_html`` writes out, and those they include. If an upgrade
# of Django changes one, compare its new source with the function that copies it, then update.
DJANGO_SOURCES = {
    "django/forms/errors/list/default.html": "2a6c759f0af3438f",
    "django/forms/errors/list/ul.html": "84f81a22e37d9f5a",
    "django/forms/field.html": "fd3b0b7c28d88f5b",
    "django/forms/label.html": "d1b2427488fc1b97",
    "django/forms/widgets/attrs.html": "f729483efe44660f",
    "django/forms/widgets/checkbox.html": "7d7a5bc4ccc075bb",
    "django/forms/widgets/checkbox_option.html": "536745b405ef3a7f",
    "django/forms/widgets/checkbox_select.html": "fa86f6eaeaa6beb1",
    "django/forms/widgets/email.html": "7d7a5bc4ccc075bb",
    "django/forms/widgets/hidden.html": "7d7a5bc4ccc075bb",
    "django/forms/widgets/input.html": "770cf3acba1c18b6",
    "django/forms/widgets/input_option.html": "3f244d9fd96613d0",
    "django/forms/widgets/multiple_input.html": "8f111646a577d9ae",
    "django/forms/widgets/number.html": "7d7a5bc4ccc075bb",
    "django/forms/widgets/password.html": "7d7a5bc4ccc075bb",
    "django/forms/widgets/radio.html": "fa86f6eaeaa6beb1",
    "django/forms/widgets/radio_option.html": "536745b405ef3a7f",
    "django/forms/widgets/search.html": "7d7a5bc4ccc075bb",
    "django/forms/widgets/select.html": "ed4d11ce3784486f",
    "django/forms/widgets/select_option.html": "37fa6c7742580aa3",
    "django/forms/widgets/tel.html": "7d7a5bc4ccc075bb",
    "django/forms/widgets/text.html": "7d7a5bc4ccc075bb",
    "django/forms/widgets/textarea.html": "02fd58fa1a57514d",
    "django/forms/widgets/url.html": "7d7a5bc4ccc075bb",
}


def test_the_django_templates_written_out_are_unchanged():
    from core.form_html import PYTHON_TEMPLATES

    assert set(PYTHON_TEMPLATES) <= set(DJANGO_SOURCES)
    engine = DjangoTemplates().engine
    for name, digest in DJANGO_SOURCES.items():
        source = engine.get_template(name).template.source
        assert hashlib.sha256(source.encode()).hexdigest()[:16] == digest, name
