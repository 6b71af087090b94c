"""Forget the cached site settings when they change (see ``SiteSettings.for_request``)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from core import generations

from .models import SiteSettings


@receiver(post_save, sender=SiteSettings)
@receiver(post_delete, sender=SiteSettings)
def _site_settings_changed(sender, instance, **kwargs):
    # Now, and again on commit: another worker may cache the old row before this change commits.
    generations.invalidate(SiteSettings.CACHE_GENERATION)
