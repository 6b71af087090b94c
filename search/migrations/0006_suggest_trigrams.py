"""PostgreSQL, where the pg_trgm extension can be enabled: a trigram index on the listings'
folded names, for suggestions while typing. It serves "a word of the name starts so" (a
``LIKE '% clin%'``, which otherwise reads every name) and names close to a misspelt word
("vetrinary" suggests "Low-cost veterinary clinic", ``search.engines.database.suggest``).

The extension ships with PostgreSQL's contrib modules and is trusted, so the database owner may
enable it; where it cannot be, suggestions work the same without typo tolerance. SQLite: none.
"""

import logging

from django.db import migrations, transaction

logger = logging.getLogger(__name__)

INDEX = "search_indexentry_name_trgm"


def forwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except Exception as error:  # noqa: BLE001 - any refusal: suggestions without typo tolerance
        logger.warning("pg_trgm unavailable (%s): suggestions read every name", error)
        return
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON search_indexentry "
            "USING gin (name_folded gin_trgm_ops)"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("search", "0005_index_terms")]

    operations = [migrations.RunPython(forwards, backwards)]
