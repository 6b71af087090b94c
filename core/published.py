"""What visitors see: the apps whose records appear on public pages, and the cache generation that
any change to one of those records bumps.

Each app whose records show on public pages joins in its ``AppConfig.ready()``::

    from core import published
    published.app_register(self.label)

and the project (``portal``) joins the third-party apps it shows (Wagtail's pages, images,
redirects, tags). ``portal.signals`` bumps :data:`GENERATION` whenever a record of a registered
app is saved, deleted or relinked, and whenever a page is published, unpublished or moved; the page
cache and the site chrome are cached under it. A lower app joins without importing ``portal``.
"""

from . import generations

GENERATION = "published"

_app_labels: set[str] = set()


def app_register(*app_labels: str) -> None:
    """Count the records of these apps (by app label, e.g. ``"wagtailcore"``) as public."""
    _app_labels.update(app_labels)


def app_unregister(*app_labels: str) -> None:
    """Undo :func:`app_register` (for tests)."""
    _app_labels.difference_update(app_labels)


def app_is_public(app_label: str) -> bool:
    return app_label in _app_labels


def public_apps() -> frozenset[str]:
    return frozenset(_app_labels)


def generation() -> int:
    return generations.generation(GENERATION)


def invalidate() -> None:
    """Forget every page and fragment cached from public content (see ``generations.invalidate``)."""
    generations.invalidate(GENERATION)


def cached(key, build, timeout):
    """``build()``, cached until public content changes (see ``generations.cached``)."""
    return generations.cached(GENERATION, key, build, timeout)
