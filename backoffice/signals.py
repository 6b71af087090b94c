"""Forget cached queue counts whenever a case, person, need, reason or follow-up changes."""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from . import counts_cache

COUNTED_MODELS = {"case", "person", "caseneed", "casereason", "followup"}


@receiver(post_save)
@receiver(post_delete)
@receiver(m2m_changed)
def _record_changed(sender, **kwargs):
    meta = sender._meta
    if meta.app_label == "backoffice" and meta.model_name in COUNTED_MODELS:
        counts_cache.invalidate()
        # Another request may count the old rows again before this change commits.
        if transaction.get_connection().in_atomic_block:
            transaction.on_commit(counts_cache.invalidate)
