"""The demo site's pages as a visitor reaches them in each language."""

from content.models import ContactPage, HomePage, StandardPage, StoryIndexPage, StoryPage

PAGE_TYPES = [HomePage, StandardPage, StoryIndexPage, StoryPage, ContactPage]


def in_language(page, code):
    """``page`` in the language ``code`` and its URL.

    A page without a translation yet is served in English under the language's prefix, which is
    also where the language switcher sends the visitor.
    """
    translation = page.get_translations(inclusive=True).filter(locale__language_code=code).first()
    if translation is not None:
        return translation.specific, translation.url
    english = page.specific
    return english, f"/{code}/" + english.url.removeprefix("/en/")


def first_of_each_type():
    """The first English page of each public page type, by position in the tree."""
    return [
        model.objects.live().filter(locale__language_code="en").order_by("path").first()
        for model in PAGE_TYPES
    ]
