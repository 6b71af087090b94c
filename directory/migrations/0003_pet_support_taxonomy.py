import uuid

from django.db import migrations
from modeltranslation.utils import build_localized_fieldname

from directory.taxonomy import TAXONOMY


def load(apps, schema_editor):
    Category = apps.get_model("directory", "Category")

    def upsert(entry, parent, order):
        slug, icon, texts = entry[:3]
        fields = {"parent": parent, "icon": icon, "sort_order": order}
        for code, (name, description) in texts.items():
            fields[build_localized_fieldname("name", code)] = name
            fields[build_localized_fieldname("description", code)] = description
        fields["name"], fields["description"] = texts["en"]
        category, created = Category.objects.get_or_create(slug=slug, defaults={**fields, "hsds_id": uuid.uuid4()})
        return category

    for order, entry in enumerate(TAXONOMY):
        parent = upsert(entry, None, order)
        for child_order, child in enumerate(entry[3]):
            upsert(child, parent, child_order)


class Migration(migrations.Migration):
    dependencies = [("directory", "0002_directory_editors_group")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
