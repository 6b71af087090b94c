"""Intake pages that apps above the back office add to it (the pet support survey, typed by a case
manager for someone on the phone or at the desk): the back office imports no app above it, so such
an app registers its page here in its ``AppConfig.ready()``, and the queue and the "Open a case"
page link to every page registered."""

from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True, kw_only=True)
class IntakePage:
    url_name: str
    label: str  # what the link says (a lazy translation)

    @property
    def url(self) -> str:
        return reverse(self.url_name)


_PAGES: list[IntakePage] = []


def intake_page_register(*, url_name: str, label) -> None:
    """Add a page (once: an app made ready twice, as some test runners do, adds nothing more)."""
    page = IntakePage(url_name=url_name, label=label)
    if all(p.url_name != url_name for p in _PAGES):
        _PAGES.append(page)


def intake_pages() -> list[IntakePage]:
    return list(_PAGES)
