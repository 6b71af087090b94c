"""Reindex listings when they, or what their documents read, change (see ``search.indexing``)."""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver

from directory.hsds import hsds_imported
from directory.models import (
    Category,
    Closure,
    Location,
    OpeningHours,
    Organization,
    Resource,
    ResourceLocation,
)

from . import synonyms
from .indexing import rebuild_all, reindex_on_commit
from .models import SynonymGroup


@receiver(post_save, sender=Resource)
@receiver(post_delete, sender=Resource)
def _resource_changed(sender, instance, **kwargs):
    reindex_on_commit([instance.pk])


@receiver(post_save, sender=ResourceLocation)
@receiver(post_delete, sender=ResourceLocation)
@receiver(post_save, sender=OpeningHours)
@receiver(post_delete, sender=OpeningHours)
@receiver(post_save, sender=Closure)
@receiver(post_delete, sender=Closure)
def _part_changed(sender, instance, **kwargs):
    reindex_on_commit([instance.resource_id])


@receiver(m2m_changed, sender=Resource.categories.through)
def _categories_changed(sender, instance, action, pk_set, reverse, **kwargs):
    if not action.startswith("post_"):
        return
    if reverse:  # a category's listings changed
        reindex_on_commit(pk_set or instance.resources.values_list("pk", flat=True))
    else:
        reindex_on_commit([instance.pk])


@receiver(post_save, sender=Organization)
def _organization_changed(sender, instance, created, **kwargs):
    if not created:
        reindex_on_commit(instance.resources.values_list("pk", flat=True))


@receiver(post_save, sender=Location)
def _location_changed(sender, instance, created, **kwargs):
    if not created:
        reindex_on_commit(
            ResourceLocation.objects.filter(location=instance).values_list("resource_id", flat=True)
        )


@receiver(post_save, sender=Category)
def _category_changed(sender, instance, created, **kwargs):
    if not created:
        reindex_on_commit(
            Resource.objects.filter(categories__in=[instance.pk, *instance.children.values("pk")])
            .values_list("pk", flat=True)
            .distinct()
        )


@receiver(pre_delete, sender=Category)
def _category_deleted(sender, instance, **kwargs):
    """A category deleted takes its name and slug (and its parent's) out of its listings'
    documents: the links go by cascade, which sends no ``m2m_changed``, so its listings are read
    now, while they are still linked (a category with subcategories cannot be deleted)."""
    reindex_on_commit(instance.resources.values_list("pk", flat=True))


@receiver(hsds_imported)
def _hsds_imported(sender, **kwargs):
    rebuild_all()


@receiver(post_save, sender=SynonymGroup)
@receiver(post_delete, sender=SynonymGroup)
def _synonyms_changed(sender, instance, **kwargs):
    synonyms.changed(instance.language)
