from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from core.fragments import kept


class CalloutBlock(blocks.StructBlock):
    tone = blocks.ChoiceBlock(
        choices=[("info", _("Information")), ("tip", _("Tip")), ("urgent", _("Urgent"))],
        default="info",
        label=_("Tone"),
    )
    title = blocks.CharBlock(max_length=120, label=_("Title"))
    text = blocks.RichTextBlock(features=["bold", "italic", "link", "ul", "ol"], label=_("Text"))

    class Meta:
        icon = "warning"
        label = _("Call-out")
        template = "content/blocks/callout.html"


class FAQItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=200, label=_("Question"))
    answer = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ul", "ol"], label=_("Answer")
    )


class FAQBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, max_length=120, label=_("Heading"))
    items = blocks.ListBlock(FAQItemBlock(), label=_("Questions"))

    class Meta:
        icon = "help"
        label = _("Questions and answers")
        template = "content/blocks/faq.html"


class FigureBlock(blocks.StructBlock):
    image = ImageBlock(label=_("Image"))
    caption = blocks.CharBlock(required=False, max_length=250, label=_("Caption"))

    class Meta:
        icon = "image"
        label = _("Image")
        template = "content/blocks/figure.html"


class ResourcesBlock(blocks.StructBlock):
    """A few listings of a directory category, with a link to all of them."""

    heading = blocks.CharBlock(required=False, max_length=120, label=_("Heading"))
    category = SnippetChooserBlock("directory.Category", label=_("Directory category"))
    limit = blocks.IntegerBlock(
        default=3, min_value=1, max_value=12, label=_("How many listings to show")
    )

    def get_context(self, value, parent_context=None):
        from directory.selectors import resources_in_category_preview

        context = super().get_context(value, parent_context=parent_context)
        category, limit = value["category"], value["limit"]
        if category is not None:
            # The same on every page that shows it: read once per process until published
            # content changes.
            context["resources"] = kept(
                ("content:resources-preview", category.pk, limit),
                lambda: resources_in_category_preview(category=category, limit=limit),
                request=(parent_context or {}).get("request"),
            )
        return context

    class Meta:
        icon = "list-ul"
        label = _("Resources in a category")
        template = "content/blocks/resources.html"


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        max_length=120,
        label=_("Section heading"),
        template="content/blocks/heading.html",
        icon="title",
    )
    paragraph = blocks.RichTextBlock(
        features=["h3", "bold", "italic", "link", "ul", "ol", "document-link"], label=_("Rich text")
    )
    callout = CalloutBlock()
    faq = FAQBlock()
    image = FigureBlock()
    resources = ResourcesBlock()


class ActionBlock(blocks.StructBlock):
    """A call to action on the home page: one clear way to get help."""

    title = blocks.CharBlock(max_length=80, label=_("Title"))
    text = blocks.TextBlock(max_length=240, label=_("Short explanation"))
    page = blocks.PageChooserBlock(required=False, label=_("Page"))
    url = blocks.CharBlock(
        required=False,
        max_length=200,
        label=_("Or a link"),
        help_text=_("A path on this site (such as /en/resources/) or a full address."),
    )
    link_text = blocks.CharBlock(max_length=60, label=_("Button text"))

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            message = _("Choose a page or enter a link, but not both.")
            raise StructBlockValidationError(
                block_errors={"page": ValidationError(message), "url": ValidationError(message)}
            )
        return value

    class Meta:
        icon = "link"
        label = _("Way to get help")
