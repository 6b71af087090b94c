from django.db import migrations

from directory.taxonomy import taxonomy_load


def load(apps, schema_editor):
    taxonomy_load(apps.get_model("directory", "Category"))


class Migration(migrations.Migration):
    dependencies = [("directory", "0002_directory_editors_group")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
