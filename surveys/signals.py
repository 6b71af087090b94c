"""Forget the cached survey wording when an editor saves it (see ``wording._edited``)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from core import generations

from .models import SurveyWording
from .wording import CACHE_GENERATION


@receiver(post_save, sender=SurveyWording)
@receiver(post_delete, sender=SurveyWording)
def _survey_wording_changed(sender, instance, **kwargs):
    # Now, and again on commit: another worker may cache the old row before this change commits.
    generations.invalidate(CACHE_GENERATION)
