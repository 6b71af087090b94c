"""Template filters and tags that any app's templates may load: ``{% load core_tags %}``."""

from django import forms, template
from django.conf import settings
from django.http import QueryDict
from django.utils.html import format_html
from django.utils.translation import get_language

from .. import chrome, text
from ..digits import digits_ascii
from ..forms import errors_listed
from ..fragments import fragment
from ..languages import language_name

register = template.Library()


@register.filter(name="language_name")
def language_name_filter(code):
    """``{{ report.language|language_name }}``: the language's name in the reader's language, or
    the code itself for a language Django does not know (``core.languages.language_name``)."""
    return language_name(code or "")


FIELD_PARTS = {
    "field_group": lambda field: field.as_field_group(),
    "widget": lambda field: field.as_widget(),
    "label_tag": lambda field: field.label_tag(),
}


@register.simple_tag(takes_context=True)
def field_once(context, field, part="field_group"):
    """``{% field_once form.species %}``: the field's group (label, help, errors, widget), or
    ``"widget"`` or ``"label_tag"`` alone, rendered once per form, field, language, value and
    errors in this process and reused until published content changes (``core.fragments``).
    Rendering a select's options through the template engine costs more than the rest of a
    page's form; its HTML depends on nothing else."""
    form = field.form
    key = (
        "core:field",
        type(form).__module__,
        type(form).__qualname__,
        form.prefix,
        field.html_name,
        field.auto_id,
        part,
        get_language(),
        repr(field.value()),
        tuple(str(error) for error in field.errors),
    )
    return fragment(key, lambda: FIELD_PARTS[part](field), request=context.get("request"))


@register.filter
def tel_href(phone):
    """Turn a phone number as people write it (in any script's digits) into a ``tel:`` URL."""
    digits = "".join(ch for ch in digits_ascii(str(phone)) if ch in "+0123456789")
    return f"tel:{digits}"


@register.filter
def bdi(value):
    """``value`` isolated from the text around it: a phone number keeps its order in Arabic."""
    return format_html("<bdi>{}</bdi>", value)


@register.filter
def dir_of(value):
    """``<bdi dir="{{ value|dir_of }}">``: the direction of the value itself (``text.text_direction``),
    for the PDFs, whose renderer has no ``dir="auto"``."""
    return text.text_direction(value)


@register.filter
def startswith(value, prefix):
    return str(value).startswith(str(prefix))


@register.filter
def join_list(items):
    """Items joined with the active language's list separator: "dogs, cats", "狗、猫"."""
    return text.list_join(items)


@register.simple_tag
def list_separator(kind="items"):
    """The separator between items of a list written out in a loop: ``{% list_separator %}``;
    ``{% list_separator "groups" %}`` between groups that hold commas themselves."""
    return text.list_separator(kind)


@register.filter
def starts_with_words(value, words):
    """``{% if description|starts_with_words:label %}``: the text already begins with the label."""
    return text.starts_with_words(value, words)


@register.simple_tag
def query_with(query, **params):
    """The current query string with some parameters replaced: ``?{% query_with query page=2 %}``."""
    data = QueryDict(query, mutable=True)
    for name, value in params.items():
        data[name] = value
    return format_html("{}", data.urlencode())


@register.filter
def page_count(page):
    """How many pages a paginated list has: Django's ``Page`` or any object with ``num_pages``."""
    count = getattr(page, "num_pages", None)
    return count if count is not None else page.paginator.num_pages


@register.simple_tag(takes_context=True)
def localized_home(context):
    """The home page in the active language (falls back to the default language's)."""
    homes = chrome.site_homes(context["request"])
    return homes.get(get_language()) or homes.get(settings.LANGUAGE_CODE)


@register.simple_tag(takes_context=True)
def page_ancestors(context, page):
    """The page's ancestors below the tree root (home page first), for breadcrumbs."""
    return chrome.cached(
        f"ancestors:{page.pk}", lambda: list(page.get_ancestors()[1:]), request=context["request"]
    )


@register.inclusion_tag("core/includes/error_summary.html")
def error_summary(*forms_or_formsets, item_label=""):
    """``{% error_summary form person_form pet_formset item_label=pet_label %}``: one summary of
    every error of the forms on a page, at its top, taking the focus when the page loads (the
    ``autofocus`` of an element that ``tabindex="-1"`` makes focusable: no script), each error a
    link to its field. The forms of a formset are named by ``item_label`` ("Pet %(number)s")."""
    errors = []
    for form in forms_or_formsets:
        if isinstance(form, forms.BaseFormSet):
            if form.is_bound:
                errors += [{"message": m, "id": "", "label": ""} for m in form.non_form_errors()]
            for number, item in enumerate(form.forms, start=1):
                label = item_label % {"number": number} if item_label else ""
                errors += errors_listed(item, label=label)
        else:
            errors += errors_listed(form)
    return {"errors": errors}
