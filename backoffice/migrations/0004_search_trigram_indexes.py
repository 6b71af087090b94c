"""Trigram indexes for the queue's search (name anywhere in it, phone and reference endings).

PostgreSQL only (the pg_trgm extension ships with PostgreSQL's contrib modules and is trusted, so
the database owner may enable it). Elsewhere, or where the extension cannot be enabled, the search
works the same, reading every row.
"""

import logging

from django.db import migrations, transaction

logger = logging.getLogger(__name__)

INDEXES = {
    "bo_person_name_trgm": 'backoffice_person USING gin ((UPPER("name"::text)) gin_trgm_ops)',
    "bo_person_phone_trgm": 'backoffice_person USING gin ("phone_digits" gin_trgm_ops)',
    "bo_case_reference_trgm": 'backoffice_case USING gin ("reference" gin_trgm_ops)',
}


def forwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except Exception as error:  # noqa: BLE001 - any refusal: the search still works, slower
        logger.warning("pg_trgm unavailable (%s): the queue search reads every row", error)
        return
    with connection.cursor() as cursor:
        for name, target in INDEXES.items():
            cursor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {target}")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for name in INDEXES:
            cursor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("backoffice", "0003_open_queue_indexes")]

    operations = [migrations.RunPython(forwards, backwards)]
