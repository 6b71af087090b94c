"""Move "Safe havens for pets of survivors" to second place among the top-level categories, where
a person fleeing domestic violence sees it without scrolling (``taxonomy.json`` has the new order
for new databases). Installations whose staff have reordered the categories are left alone."""

from django.db import migrations

OLD_ORDER = [
    "vet-care",
    "pet-food",
    "housing",
    "temporary-care",
    "behaviour",
    "rehoming",
    "lost-found",
    "dv-safe-haven",
    "financial-help",
    "transport",
    "grooming",
    "human-services",
]
NEW_ORDER = [OLD_ORDER[0], "dv-safe-haven", *[s for s in OLD_ORDER[1:] if s != "dv-safe-haven"]]


def _reorder(apps, before, after):
    Category = apps.get_model("directory", "Category")
    tops = {c.slug: c for c in Category.objects.filter(parent=None, slug__in=before)}
    if "dv-safe-haven" not in tops:
        return
    if any(category.sort_order != before.index(slug) for slug, category in tops.items()):
        return  # reordered by staff: their order stands
    for slug, category in tops.items():
        category.sort_order = after.index(slug)
    Category.objects.bulk_update(tops.values(), ["sort_order"])


def forwards(apps, schema_editor):
    _reorder(apps, OLD_ORDER, NEW_ORDER)


def backwards(apps, schema_editor):
    _reorder(apps, NEW_ORDER, OLD_ORDER)


class Migration(migrations.Migration):
    dependencies = [("directory", "0006_zip_and_phone_digits_in_any_script")]

    operations = [migrations.RunPython(forwards, backwards)]
