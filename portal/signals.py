"""Invalidate the anonymous page cache whenever something a visitor can see changes."""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished, post_page_move

from directory.hsds.importer import hsds_imported

from . import page_cache

# Apps whose records appear on public pages. A draft saved in Wagtail also touches a page row;
# invalidating on it costs one cache miss and keeps the rule simple.
PUBLIC_APPS = {
    "wagtailcore",
    "wagtailimages",
    "wagtailredirects",
    "content",
    "directory",
    "taggit",
}


def _invalidate():
    page_cache.invalidate()
    # Until the change commits, other workers still read the old content, and a page they render
    # now is stored under the new generation. Bump it again once the change is visible to them.
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(page_cache.invalidate)


@receiver(post_save)
@receiver(post_delete)
@receiver(m2m_changed)
def _record_changed(sender, **kwargs):
    if sender._meta.app_label in PUBLIC_APPS:
        _invalidate()


@receiver(hsds_imported)  # bulk writes send no post_save
@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def _page_changed(sender, **kwargs):
    _invalidate()
