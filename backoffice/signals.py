"""Forget cached queue counts whenever a case, person, pet (its name and microchip are searched),
case's pet, need, reason or follow-up changes; score the open lost and found reports again when
staff save the matching weights."""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from . import counts_cache

COUNTED_MODELS = {"case", "person", "pet", "casepet", "caseneed", "casereason", "followup"}


@receiver(post_save)
@receiver(post_delete)
@receiver(m2m_changed)
def _record_changed(sender, **kwargs):
    meta = sender._meta
    if meta.app_label == "backoffice" and meta.model_name in COUNTED_MODELS:
        counts_cache.invalidate()


@receiver(post_save, sender="backoffice.MatchingSettings")
def _matching_weights_saved(sender, created=False, **kwargs):
    """The stored points were worked out with the old weights: the worker works them out again
    (every open report; ``tasks.report_matches_rebuild``) once the new weights are committed.
    Not when the row is made: the first read of the weights creates it with the defaults, the
    very weights the points were worked out with (rescoring 100,000 reports then was waste)."""
    if created:
        return
    from .tasks import report_matches_rebuild

    transaction.on_commit(report_matches_rebuild.enqueue)
