"""Forget the cached site settings when they change (see ``SiteSettings.for_request``)."""

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import SiteSettings


@receiver(post_save, sender=SiteSettings)
@receiver(post_delete, sender=SiteSettings)
def _site_settings_changed(sender, instance, **kwargs):
    key = SiteSettings.cache_key(instance.site_id)
    cache.delete(key)
    # Another worker may cache the old row again before this change commits.
    transaction.on_commit(lambda: cache.delete(key))
