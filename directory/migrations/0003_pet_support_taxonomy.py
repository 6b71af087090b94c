"""The pet-support taxonomy, loaded into a new database from ``directory/taxonomy.json``.

The loader is a frozen copy of ``directory.taxonomy.taxonomy_load`` (a migration must not import
app code that may change): it creates the categories that are missing and leaves the others alone.
Columns the historical model lacks (a language added later) are skipped.
"""

import json
import uuid
from pathlib import Path

from django.db import migrations

TAXONOMY_PATH = Path(__file__).resolve().parent.parent / "taxonomy.json"


def _column(name, code):
    return f"{name}_{code.replace('-', '_')}"


def load(apps, schema_editor):
    Category = apps.get_model("directory", "Category")
    columns = {field.name for field in Category._meta.get_fields()}
    entries = json.loads(TAXONOMY_PATH.read_text(encoding="utf-8"))

    def upsert(entry, parent, order):
        fields = {"parent": parent, "icon": entry["icon"], "sort_order": order}
        for code, text in entry["text"].items():
            for name in ("name", "description"):
                if _column(name, code) in columns:
                    fields[_column(name, code)] = text[name]
        fields["name"] = entry["text"]["en"]["name"]
        fields["description"] = entry["text"]["en"]["description"]
        category, _created = Category.objects.get_or_create(
            slug=entry["slug"], defaults={**fields, "hsds_id": uuid.uuid4()}
        )
        return category

    for order, entry in enumerate(entries):
        parent = upsert(entry, None, order)
        for child_order, child in enumerate(entry.get("children", [])):
            upsert(child, parent, child_order)


class Migration(migrations.Migration):
    dependencies = [("directory", "0002_directory_editors_group")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
