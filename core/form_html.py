"""Django's form templates written out in Python, byte for byte (``core.forms.FlatRenderer``).

Django renders a field group, its label, its error list and every widget through the template
engine; a survey step of radio and checkbox groups rendered a template node per option and
attribute, which was most of the step's time. The functions here produce exactly what Django's
templates in ``django/forms/templates/django/forms/`` produce (the same escaping, the same line
breaks, the same ``strip()`` the renderer applies), from the same context, without the engine.
``tests/core/test_flat_renderer.py`` compares them with Django's own renderer for every widget,
bound and unbound, with and without errors: if a Django upgrade changes a template, it fails.

A widget or option with a template of its own (not one of Django's) is rendered by its template.
"""

from collections.abc import Callable

from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe
from django.utils.timezone import template_localtime

RADIO_OPTION = "django/forms/widgets/radio_option.html"
CHECKBOX_OPTION = "django/forms/widgets/checkbox_option.html"
SELECT_OPTION = "django/forms/widgets/select_option.html"


def _v(value) -> str:
    """``{{ value }}``: what the template engine writes for a variable (``render_value_in_context``
    with autoescaping)."""
    value = localize(template_localtime(value))
    if not issubclass(type(value), str):
        value = str(value)
    return conditional_escape(value)


def _s(value) -> str:
    """``{{ value|stringformat:'s' }}``: ``"%s" % value``, escaped unless the value was safe."""
    if isinstance(value, tuple):
        value = str(value)
    text = str(value)  # "%s" % value
    return text if isinstance(value, SafeData) else conditional_escape(text)


def _attrs(attrs: dict) -> str:
    """``{% for name, value in attrs.items %}{% if value is not False %} {{ name }}{% if value is not
    True %}="{{ value|stringformat:'s' }}"{% endif %}{% endif %}{% endfor %}``"""
    if not attrs:  # a label without attributes has None
        return ""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            parts.append(f" {_v(name)}")
        else:
            parts.append(f' {_v(name)}="{_s(value)}"')
    return "".join(parts)


def _input(widget: dict) -> str:
    """django/forms/widgets/input.html (and the text, email, number, checkbox… inputs)."""
    value = widget["value"]
    value_attr = f' value="{_s(value)}"' if value != None else ""  # noqa: E711 (as the template)
    return (
        f'<input type="{_v(widget["type"])}" name="{_v(widget["name"])}"{value_attr}'
        f"{_attrs(widget['attrs'])}>"
    )


def _included(template_name: str, widget: dict, renderer) -> str:
    """``{% include option.template_name with widget=option %}`` for an option whose template is
    not Django's own, from the form renderer's templates (not stripped: an include is not)."""
    return renderer.get_template(template_name).render({"widget": widget})


def input_html(context: dict, renderer) -> str:
    return _input(context["widget"])


def textarea_html(context: dict, renderer) -> str:
    widget = context["widget"]
    value = _v(widget["value"]) if widget["value"] else ""
    return f'<textarea name="{_v(widget["name"])}"{_attrs(widget["attrs"])}>\n{value}</textarea>'


def select_html(context: dict, renderer) -> str:
    widget = context["widget"]
    out = [f'<select name="{_v(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            out.append(f'\n  <optgroup label="{_v(group_name)}">')
        for option in group_choices:
            out.append("\n  ")
            if option["template_name"] == SELECT_OPTION:
                out.append(
                    f'<option value="{_s(option["value"])}"{_attrs(option["attrs"])}>'
                    f"{_v(option['label'])}</option>\n"
                )
            else:
                out.append(_included(option["template_name"], option, renderer))
        if group_name:
            out.append("\n  </optgroup>")
    out.append("\n</select>")
    return "".join(out)


def choices_html(context: dict, renderer) -> str:
    """django/forms/widgets/radio.html and checkbox_select.html (``multiple_input.html``)."""
    widget = context["widget"]
    attrs = widget["attrs"]
    element_id, css_class = attrs.get("id"), attrs.get("class")
    out = ["<div"]
    if element_id:
        out.append(f' id="{_v(element_id)}"')
    if css_class:
        out.append(f' class="{_v(css_class)}"')
    out.append(">")
    for group, options, _index in widget["optgroups"]:
        if group:
            out.append(f"\n  <div><label>{_v(group)}</label>")
        for option in options:
            out.append("<div>\n    ")
            if option["template_name"] in (RADIO_OPTION, CHECKBOX_OPTION):
                wrap = option["wrap_label"]
                if wrap:
                    option_id = option["attrs"].get("id")
                    out.append(f'<label for="{_v(option_id)}">' if option_id else "<label>")
                out.append(_input(option))
                out.append("\n")
                if wrap:
                    out.append(f" {_v(option['label'])}</label>")
                out.append("\n\n")
            else:
                out.append(_included(option["template_name"], option, renderer))
            out.append("</div>")
        if group:
            out.append("\n  </div>")
    out.append("\n</div>")
    return "".join(out)


def field_html(context: dict, renderer) -> str:
    """django/forms/field.html: a field's group (label or legend, help text, errors, widget)."""
    field = context["field"]
    fieldset = field.use_fieldset
    out = []
    if fieldset:
        described = field.aria_describedby
        out.append("\n  <fieldset")
        if described:
            out.append(f' aria-describedby="{_v(described)}"')
        out.append(">\n  ")
        if field.label:
            out.append(_v(field.legend_tag()))
    else:
        out.append("\n  ")
        if field.label:
            out.append(_v(field.label_tag()))
    out.append("\n\n")
    if field.help_text:
        help_id = f' id="{_v(field.auto_id)}_helptext"' if field.auto_id else ""
        out.append(f'<div class="helptext"{help_id}>{mark_safe(field.help_text)}</div>')
    out.append("\n")
    errors = field.errors
    if errors:
        out.append(_v(errors))
    out.append("\n")
    out.append(_v(field))
    if fieldset:
        out.append("</fieldset>")
    return "".join(out)


def label_html(context: dict, renderer) -> str:
    if not context["use_tag"]:
        return _v(context["label"])
    tag = _v(context["tag"])
    return f"<{tag}{_attrs(context['attrs'])}>{_v(context['label'])}</{tag}>"


def errors_html(context: dict, renderer) -> str:
    errors = context["errors"]
    if not errors:
        return ""
    field_id = getattr(errors, "field_id", None)
    id_attr = f' id="{_v(field_id)}_error"' if field_id else ""
    items = "".join(f"<li>{_v(error)}</li>" for error in errors)
    return f'<ul class="{_v(context["error_class"])}"{id_attr}>{items}</ul>'


_INPUTS = ("text", "email", "number", "tel", "url", "search", "hidden", "password", "checkbox")

# Django's template names, and what renders the same bytes.
PYTHON_TEMPLATES: dict[str, Callable[[dict, object], str]] = {
    **{f"django/forms/widgets/{name}.html": input_html for name in _INPUTS},
    "django/forms/widgets/input.html": input_html,
    "django/forms/widgets/textarea.html": textarea_html,
    "django/forms/widgets/select.html": select_html,
    "django/forms/widgets/radio.html": choices_html,
    "django/forms/widgets/checkbox_select.html": choices_html,
    "django/forms/field.html": field_html,
    "django/forms/label.html": label_html,
    "django/forms/errors/list/default.html": errors_html,
    "django/forms/errors/list/ul.html": errors_html,
}
