"""Invalidate the anonymous page cache whenever something a visitor can see changes.

Which apps' records a visitor can see is not listed here: each app joins ``core.published`` in its
``AppConfig.ready()``, and ``portal.apps`` joins the third-party ones.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished, post_page_move

from core import published
from directory.hsds.importer import hsds_imported


@receiver(post_save)
@receiver(post_delete)
@receiver(m2m_changed)
def _record_changed(sender, **kwargs):
    # A draft saved in Wagtail also touches a page row; invalidating on it costs one cache miss
    # and keeps the rule simple.
    if published.app_is_public(sender._meta.app_label):
        published.invalidate()


@receiver(hsds_imported)  # bulk writes send no post_save
@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def _page_changed(sender, **kwargs):
    published.invalidate()
